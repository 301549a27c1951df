"""Rules of complex parts: ``np.real``, ``np.imag``, ``np.angle``, ``np.conj``
(``conjugate``), ``np.real_if_close`` and ``.real`` / ``.imag`` / ``.conj()``.

pullback differentiates real arguments, but a value inside may be complex
(``x * 1j``). Its cotangent is ``dL/dRe - 1j dL/dIm``, the transpose
convention its other rules follow (``multiply``'s ``g * y``, no conjugate): the
conjugate of what torch stores in ``.grad`` (``dL/dRe + 1j dL/dIm``), so every
gradient of a real argument is torch's. ``imag``: ``-1j g``; ``angle(z) =
atan2(Im z, Re z)``: ``-1j g / z`` (0 at ``z == 0``, as torch). For a real
input both are constants: zero derivatives, as torch's ``angle`` of a real
tensor. The helpers are in :mod:`pullback.rules.support_complex`; their rules
here give every order (``angle``: two).
"""

import numpy as np

from .registry import jvp_of, nondifferentiable, vjp_of
from .support import second_order_not_implemented
from .support_complex import (abs_sign, abs_sign_cotangent, angle_cotangent,
                              angle_cotangent_dz, angle_tangent, imag_cotangent, tangent_like)


# ------------------------------------------------------------------ real, conj
@vjp_of(np.real, np.ndarray.real)
def real_vjp(g, ans, val):
    return g


@jvp_of(np.real, np.ndarray.real)
def real_jvp(t, ans, val):
    return np.real(t)


@vjp_of(np.real_if_close)
def real_if_close_vjp(g, ans, a, tol=100):
    return g


@jvp_of(np.real_if_close)
def real_if_close_jvp(t, ans, a, tol=100):
    return tangent_like(t, ans)


@vjp_of(np.conj, np.conjugate, np.ndarray.conj, np.ndarray.conjugate)
def conj_vjp(g, ans, x):
    return np.conj(g)


@jvp_of(np.conj, np.conjugate, np.ndarray.conj, np.ndarray.conjugate)
def conj_jvp(t, ans, x):
    return np.conj(t)


# ------------------------------------------------------------------ imag
@vjp_of(np.imag, np.ndarray.imag)
def imag_vjp(g, ans, val):
    return imag_cotangent(g, val)


@jvp_of(np.imag, np.ndarray.imag)
def imag_jvp(t, ans, val):
    return np.imag(t)


# ------------------------------------------------------------------ angle
@vjp_of(np.angle)
def angle_vjp(g, ans, z, deg=False):
    return angle_cotangent(g, z, deg)


@jvp_of(np.angle)
def angle_jvp(t, ans, z, deg=False):
    return angle_tangent(t, z, deg)


# ------------------------------------------------------------------ the helpers' rules
@vjp_of(tangent_like)
def tangent_like_vjp(h, ans, t, like):
    return h, None


@jvp_of(tangent_like)
def tangent_like_jvp(s, ans, t, like):
    return tangent_like(s, like), None


@vjp_of(imag_cotangent)
def imag_cotangent_vjp(h, ans, g, z):
    # g is real: its cotangent is Re(h * d/dg), here Im(h); z only sets the dtype
    return np.real(h * imag_cotangent(1.0, z)), None


@jvp_of(imag_cotangent)
def imag_cotangent_jvp(t, ans, g, z):
    return imag_cotangent(t, z), None


@vjp_of(angle_cotangent)
def angle_cotangent_vjp(h, ans, g, z, deg=False):
    return np.real(h * angle_cotangent(1.0, z, deg)), angle_cotangent_dz(h, g, z, deg)


@jvp_of(angle_cotangent)
def angle_cotangent_jvp(t, ans, g, z, deg=False):
    return angle_cotangent(t, z, deg), angle_cotangent_dz(t, g, z, deg)


@vjp_of(angle_tangent)
def angle_tangent_vjp(h, ans, t, z, deg=False):
    return angle_cotangent(h, z, deg), angle_cotangent_dz(h, t, z, deg)


@jvp_of(angle_tangent)
def angle_tangent_jvp(s, ans, t, z, deg=False):
    return angle_tangent(s, z, deg), np.real(angle_cotangent_dz(s, t, z, deg))


@vjp_of(abs_sign)  # np.abs's rules: zero for a real x, refused for a complex one
def abs_sign_vjp(h, ans, x):
    return abs_sign_cotangent(h, x)


@jvp_of(abs_sign)
def abs_sign_jvp(t, ans, x):
    return abs_sign_cotangent(t, x)


nondifferentiable(abs_sign_cotangent, family="support")

_THIRD = "np.angle (third order)"


@vjp_of(angle_cotangent_dz)
def angle_cotangent_dz_vjp(h, ans, s, g, z, deg=False):
    return (second_order_not_implemented(_THIRD), second_order_not_implemented(_THIRD),
            second_order_not_implemented(_THIRD))


@jvp_of(angle_cotangent_dz)
def angle_cotangent_dz_jvp(t, ans, s, g, z, deg=False):
    return (second_order_not_implemented(_THIRD), second_order_not_implemented(_THIRD),
            second_order_not_implemented(_THIRD))
