"""Rules of differences, products of arrays, integrals and polynomials:
diff, ediff1d, cross, kron, trapezoid, polyval, heaviside, nan_to_num, and the
real-input forms of real/imag/conj/angle/real_if_close.

Conventions: ``prepend``/``append``/``to_begin``/``to_end`` and trapezoid's
sample points are constants (a differentiated one is refused: the rules have
no entry for it); ``heaviside(x1, x2)`` passes the derivative to ``x2`` where
``x1 == 0`` and none to ``x1``; ``nan_to_num`` passes it where ``x`` is
finite (torch.nan_to_num); ``imag`` and ``angle`` of real arrays are
constant.
"""

import numpy as np

from ..runtime import unreduce
from .registry import jvp_of, nondifferentiable, vjp_of
from .support_calculus import (cross3, diff_tangent, diff_vjp, ediff1d_tangent, ediff1d_vjp,
                               kron_vjp, polyder_coeffs, trapezoid_weights)


@vjp_of(np.diff)
def diff_rule_vjp(g, ans, a, n=1, axis=-1, prepend=None, append=None):
    return diff_vjp(g, a, n, axis, prepend, append)


@jvp_of(np.diff)
def diff_rule_jvp(t, ans, a, n=1, axis=-1, prepend=None, append=None):
    return diff_tangent(t, n, axis, prepend, append, a)


@vjp_of(np.ediff1d)
def ediff1d_rule_vjp(g, ans, ary, to_end=None, to_begin=None):
    return ediff1d_vjp(g, ary, to_end, to_begin)


@jvp_of(np.ediff1d)
def ediff1d_rule_jvp(t, ans, ary, to_end=None, to_begin=None):
    return ediff1d_tangent(t, to_end, to_begin)


# a . (b x g) = g . (a x b): the cotangents are b x g and g x a
@vjp_of(np.cross, broadcasting=True)
def cross_vjp(g, ans, a, b):
    return np.cross(cross3(b), g), np.cross(g, cross3(a))


@jvp_of(np.cross)
def cross_jvp(t, ans, a, b):
    return np.cross(t, cross3(b)), np.cross(cross3(a), t)


@vjp_of(np.kron)
def kron_vjp_rule(g, ans, a, b):
    return kron_vjp(g, a, b, 0), kron_vjp(g, a, b, 1)


@jvp_of(np.kron)
def kron_jvp(t, ans, a, b):
    return np.kron(t, b), np.kron(a, t)


@vjp_of(np.trapezoid)
def trapezoid_vjp(g, ans, y, x=None, dx=1.0, axis=-1):
    return unreduce(g, y, axis) * trapezoid_weights(y, x, dx, axis)


@jvp_of(np.trapezoid)
def trapezoid_jvp(t, ans, y, x=None, dx=1.0, axis=-1):
    return np.sum(t * trapezoid_weights(y, x, dx, axis), axis=axis)


@vjp_of(np.polyval)
def polyval_vjp(g, ans, p, x):
    return (np.tensordot(g, np.power(np.expand_dims(x, -1), np.arange(np.size(p) - 1, -1, -1)),
                         np.ndim(ans)),
            g * np.polyval(polyder_coeffs(p), x))


@jvp_of(np.polyval)
def polyval_jvp(t, ans, p, x):
    return np.polyval(t, x), t * np.polyval(polyder_coeffs(p), x)


@vjp_of(np.heaviside, broadcasting=True)
def heaviside_vjp(g, ans, x1, x2):
    return None, g * np.where(x1 == 0, 1.0, 0.0)


@jvp_of(np.heaviside)
def heaviside_jvp(t, ans, x1, x2):
    return None, t * np.where(x1 == 0, 1.0, 0.0)


@vjp_of(np.nan_to_num)
def nan_to_num_vjp(g, ans, x, copy=True, nan=0.0, posinf=None, neginf=None):
    return g * np.where(np.isfinite(x), 1.0, 0.0)


@jvp_of(np.nan_to_num)
def nan_to_num_jvp(t, ans, x, copy=True, nan=0.0, posinf=None, neginf=None):
    return t * np.where(np.isfinite(x), 1.0, 0.0)


nondifferentiable(np.int64, np.int32, np.int16, np.int8, np.uint8,
                  np.bool_, np.intp, family="calculus")
