"""Rules of ``scipy.integrate.odeint`` (imported only once the user's code
imports ``scipy.integrate``): derivatives in ``y0``, ``t`` and the arrays of
``args``, reverse by the adjoint method and forward by sensitivity equations
(:mod:`pullback.rules.support_odeint`), the user's ``func`` differentiated by
pullback as it runs. Both are as accurate as the integration (``rtol``,
``atol``); other options of ``odeint`` (``Dfun``, ``full_output``, ...) are
refused. Second order is not implemented.
"""

from scipy import integrate

from .registry import jvp_of, vjp_of
from .support import second_order_not_implemented
from .support_odeint import odeint_adjoint, odeint_tangent


@vjp_of(integrate.odeint)
def odeint_vjp(g, ans, func, y0, t, args=(), rtol=None, atol=None, tfirst=False):
    c = odeint_adjoint(g, ans, func, y0, t, args, rtol, atol, tfirst)
    return None, c[0], c[1], c[2]


@jvp_of(integrate.odeint)
def odeint_jvp(tan, ans, func, y0, t, args=(), rtol=None, atol=None, tfirst=False):
    return (None, odeint_tangent(tan, None, None, ans, func, y0, t, args, rtol, atol, tfirst),
            odeint_tangent(None, tan, None, ans, func, y0, t, args, rtol, atol, tfirst),
            odeint_tangent(None, None, tan, ans, func, y0, t, args, rtol, atol, tfirst))


_SECOND = "scipy.integrate.odeint"


@vjp_of(odeint_adjoint)
def odeint_adjoint_vjp(h, ans, g, yt, func, y0, t, args=(), rtol=None, atol=None,
                       tfirst=False):
    return (second_order_not_implemented(_SECOND), second_order_not_implemented(_SECOND), None,
            second_order_not_implemented(_SECOND), second_order_not_implemented(_SECOND),
            second_order_not_implemented(_SECOND))


@jvp_of(odeint_adjoint)
def odeint_adjoint_jvp(tan, ans, g, yt, func, y0, t, args=(), rtol=None, atol=None,
                       tfirst=False):
    return (second_order_not_implemented(_SECOND), second_order_not_implemented(_SECOND), None,
            second_order_not_implemented(_SECOND), second_order_not_implemented(_SECOND),
            second_order_not_implemented(_SECOND))


@vjp_of(odeint_tangent)
def odeint_tangent_vjp(h, ans, dy0, dt, dargs, yt, func, y0, t, args=(), rtol=None,
                       atol=None, tfirst=False):
    return (second_order_not_implemented(_SECOND), second_order_not_implemented(_SECOND),
            second_order_not_implemented(_SECOND), second_order_not_implemented(_SECOND), None,
            second_order_not_implemented(_SECOND), second_order_not_implemented(_SECOND),
            second_order_not_implemented(_SECOND))


@jvp_of(odeint_tangent)
def odeint_tangent_jvp(tan, ans, dy0, dt, dargs, yt, func, y0, t, args=(), rtol=None,
                       atol=None, tfirst=False):
    return (second_order_not_implemented(_SECOND), second_order_not_implemented(_SECOND),
            second_order_not_implemented(_SECOND), second_order_not_implemented(_SECOND), None,
            second_order_not_implemented(_SECOND), second_order_not_implemented(_SECOND),
            second_order_not_implemented(_SECOND))
