"""Derivative rules of the helpers in :mod:`pullback.rules.support_calculus`,
so generated code calling them can be differentiated again."""

import numpy as np

from .registry import jvp_of, nondifferentiable, vjp_of
from .support_calculus import (cross3, diff_tangent, diff_vjp, ediff1d_tangent, ediff1d_vjp,
                               kron_vjp, polyder_coeffs, polyder_coeffs_vjp, trapezoid_weights)


@vjp_of(diff_tangent)
def diff_tangent_vjp(h, ans, t, n=1, axis=-1, prepend=None, append=None, like=None):
    return diff_vjp(h, t if like is None else like, n, axis, prepend, append), None, None, None, \
        None, None


@jvp_of(diff_tangent)
def diff_tangent_jvp(s, ans, t, n=1, axis=-1, prepend=None, append=None, like=None):
    return diff_tangent(s, n, axis, prepend, append, like)


@vjp_of(diff_vjp)
def diff_vjp_vjp(h, ans, g, a, n=1, axis=-1, prepend=None, append=None):
    return diff_tangent(h, n, axis, prepend, append, a), None


@jvp_of(diff_vjp)
def diff_vjp_jvp(s, ans, g, a, n=1, axis=-1, prepend=None, append=None):
    return diff_vjp(s, a, n, axis, prepend, append), None


@vjp_of(ediff1d_tangent)
def ediff1d_tangent_vjp(h, ans, t, to_end=None, to_begin=None):
    return ediff1d_vjp(h, t, to_end, to_begin)


@jvp_of(ediff1d_tangent)
def ediff1d_tangent_jvp(s, ans, t, to_end=None, to_begin=None):
    return ediff1d_tangent(s, to_end, to_begin)


@vjp_of(ediff1d_vjp)
def ediff1d_vjp_vjp(h, ans, g, ary, to_end=None, to_begin=None):
    return ediff1d_tangent(h, to_end, to_begin), None


@jvp_of(ediff1d_vjp)
def ediff1d_vjp_jvp(s, ans, g, ary, to_end=None, to_begin=None):
    return ediff1d_vjp(s, ary, to_end, to_begin), None


# kron_vjp(g, a, b, 0) is bilinear in (g, b), kron_vjp(g, a, b, 1) in (g, a)
@vjp_of(kron_vjp)
def kron_vjp_vjp(h, ans, g, a, b, which):
    return ((np.kron(h, b) if which == 0 else np.kron(a, h)),
            (None if which == 0 else kron_vjp(g, h, b, 0)),
            (kron_vjp(g, a, h, 1) if which == 0 else None))


@jvp_of(kron_vjp)
def kron_vjp_jvp(s, ans, g, a, b, which):
    return (kron_vjp(s, a, b, which),
            (None if which == 0 else kron_vjp(g, s, b, which)),
            (kron_vjp(g, a, s, which) if which == 0 else None))


@vjp_of(cross3)
def cross3_vjp(h, ans, v):
    return h


@jvp_of(cross3)
def cross3_jvp(s, ans, v):
    return s


@vjp_of(polyder_coeffs)
def polyder_coeffs_rule_vjp(h, ans, p):
    return polyder_coeffs_vjp(h, p)


@jvp_of(polyder_coeffs)
def polyder_coeffs_rule_jvp(s, ans, p):
    return polyder_coeffs(s)


@vjp_of(polyder_coeffs_vjp)
def polyder_coeffs_vjp_vjp(k, ans, h, p):
    return polyder_coeffs(k), None


@jvp_of(polyder_coeffs_vjp)
def polyder_coeffs_vjp_jvp(s, ans, h, p):
    return polyder_coeffs_vjp(s, p), None


nondifferentiable(trapezoid_weights, family="support")
