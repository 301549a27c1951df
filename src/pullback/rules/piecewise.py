"""The rule of ``np.piecewise(x, condlist, funclist)``, in ``x``.

The conditions are data and the constants of ``funclist`` have no derivative;
each function of ``funclist`` is differentiated by pullback, on the elements
NumPy gives it, where its value is kept
(:mod:`pullback.rules.support_piecewise`). A function that closes over a
differentiated value would need a derivative in that value: an active
``funclist`` (or ``condlist``) is refused, and so are extra ``*args`` /
``**kw`` for the functions. The helpers are linear in the cotangent / tangent
(any order there); a second derivative in ``x`` would need the functions'
second derivatives and raises.
"""

import numpy as np

from .registry import jvp_of, nondifferentiable, vjp_of
from .support import second_order_not_implemented
from .support_piecewise import piecewise_cotangent, piecewise_parts, piecewise_tangent

nondifferentiable(piecewise_parts, family="support")


@vjp_of(np.piecewise)
def piecewise_vjp(g, ans, x, condlist, funclist):
    return piecewise_cotangent(g, x, condlist, funclist)


@jvp_of(np.piecewise)
def piecewise_jvp(t, ans, x, condlist, funclist):
    return piecewise_tangent(t, x, condlist, funclist)


_SECOND = "np.piecewise in x"


# the cotangent is linear in g (its transpose is the tangent), not in x
@vjp_of(piecewise_cotangent)
def piecewise_cotangent_vjp(h, ans, g, x, condlist, funclist):
    return piecewise_tangent(h, x, condlist, funclist), second_order_not_implemented(_SECOND)


@jvp_of(piecewise_cotangent)
def piecewise_cotangent_jvp(t, ans, g, x, condlist, funclist):
    return piecewise_cotangent(t, x, condlist, funclist), second_order_not_implemented(_SECOND)


@vjp_of(piecewise_tangent)
def piecewise_tangent_vjp(h, ans, t, x, condlist, funclist):
    return piecewise_cotangent(h, x, condlist, funclist), second_order_not_implemented(_SECOND)


@jvp_of(piecewise_tangent)
def piecewise_tangent_jvp(s, ans, t, x, condlist, funclist):
    return piecewise_tangent(s, x, condlist, funclist), second_order_not_implemented(_SECOND)
