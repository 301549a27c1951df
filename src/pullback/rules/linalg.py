"""Rules of products and linear algebra (dot, tensordot, inv, det, solve...).

``dot``, ``inner`` and ``tensordot`` share the tensordot cotangent helpers of
:mod:`pullback.rules.support` (closed under differentiation, so any order
works). Matrix functions act on the last two axes (batched like NumPy).
``slogdet`` returns ``(sign, logabsdet)``: its reverse rule receives ``g`` as a
pair ``(g_sign, g_logabsdet)`` (``g_sign`` may be ``None``; the sign has no
derivative) and its forward rule returns the pair ``(0, tangent)``. ``det``,
``inv`` and ``slogdet`` need an invertible matrix (torch's SVD-based
derivative at singular matrices is not reproduced).
"""

import numpy as np

from ..runtime import unbroadcast, unreduce
from .registry import jvp_of, vjp_of
from .support import dot_axes, inner_axes, tensordot_lhs_vjp, tensordot_rhs_vjp
from .support_shape import diagonal_vjp
from .support_einsum import einsum_cotangents, einsum_tangents


@vjp_of(np.dot, np.ndarray.dot)
def dot_vjp(g, ans, a, b, out=None):
    return (tensordot_lhs_vjp(g, a, b, dot_axes(a, b)),
            tensordot_rhs_vjp(g, a, b, dot_axes(a, b)))


@jvp_of(np.dot, np.ndarray.dot)
def dot_jvp(t, ans, a, b, out=None):
    return np.dot(t, b), np.dot(a, t)


@vjp_of(np.inner)
def inner_vjp(g, ans, a, b):
    return (tensordot_lhs_vjp(g, a, b, inner_axes(a, b)),
            tensordot_rhs_vjp(g, a, b, inner_axes(a, b)))


@jvp_of(np.inner)
def inner_jvp(t, ans, a, b):
    return np.inner(t, b), np.inner(a, t)


@vjp_of(np.tensordot)
def tensordot_vjp(g, ans, a, b, axes=2):
    return tensordot_lhs_vjp(g, a, b, axes), tensordot_rhs_vjp(g, a, b, axes)


@jvp_of(np.tensordot)
def tensordot_jvp(t, ans, a, b, axes=2):
    return np.tensordot(t, b, axes), np.tensordot(a, t, axes)


@vjp_of(np.vdot)
def vdot_vjp(g, ans, a, b):
    # vdot conjugates a: for complex values the cotangents are conj(g b) and g conj(a)
    # (rules/complex_parts.py); for real ones g b and g a
    return (np.reshape(np.conj(g * np.ravel(b)), np.shape(a)),
            np.reshape(g * np.conj(np.ravel(a)), np.shape(b)))


@jvp_of(np.vdot)
def vdot_jvp(t, ans, a, b):
    return np.vdot(t, b), np.vdot(a, t)


@vjp_of(np.outer)
def outer_vjp(g, ans, a, b, out=None):
    return (np.reshape(np.dot(g, np.ravel(b)), np.shape(a)),
            np.reshape(np.dot(np.ravel(a), g), np.shape(b)))


@jvp_of(np.outer)
def outer_jvp(t, ans, a, b, out=None):
    return np.outer(t, b), np.outer(a, t)


@vjp_of(np.einsum)
def einsum_vjp(g, ans, *operands):
    # operands[0] is the subscripts string: returns (None, cotangent per operand...)
    return einsum_cotangents(g, operands)


@jvp_of(np.einsum)
def einsum_jvp(t, ans, *operands):
    return einsum_tangents(t, operands)


@vjp_of(np.trace, np.ndarray.trace)
def trace_vjp(g, ans, a, offset=0, axis1=0, axis2=1, dtype=None, out=None):
    return diagonal_vjp(unreduce(g, np.diagonal(a, offset, axis1, axis2), -1),
                        a, offset, axis1, axis2)


@jvp_of(np.trace, np.ndarray.trace)
def trace_jvp(t, ans, a, offset=0, axis1=0, axis2=1, dtype=None, out=None):
    return np.trace(t, offset, axis1, axis2)


@vjp_of(np.linalg.inv)
def inv_vjp(g, ans, a):
    return -np.matmul(np.matmul(np.swapaxes(ans, -1, -2), g), np.swapaxes(ans, -1, -2))


@jvp_of(np.linalg.inv)
def inv_jvp(t, ans, a):
    return -np.matmul(np.matmul(ans, t), ans)


@vjp_of(np.linalg.det)
def det_vjp(g, ans, a):
    return np.expand_dims(g * ans, (-2, -1)) * np.swapaxes(np.linalg.inv(a), -1, -2)


@jvp_of(np.linalg.det)
def det_jvp(t, ans, a):
    return ans * np.trace(np.linalg.solve(a, t), axis1=-2, axis2=-1)


@vjp_of(np.linalg.slogdet)
def slogdet_vjp(g, ans, a):
    return np.expand_dims(g[1], (-2, -1)) * np.swapaxes(np.linalg.inv(a), -1, -2)


@jvp_of(np.linalg.slogdet)
def slogdet_jvp(t, ans, a):
    return ((np.zeros(np.shape(ans[0])), np.trace(np.linalg.solve(a, t), axis1=-2, axis2=-1)),)


@vjp_of(np.linalg.solve)
def solve_vjp(g, ans, a, b):
    # b of shape (M,) is a vector; otherwise (..., M, K) matrices (NumPy 2)
    vec = np.ndim(b) == 1
    gm = np.expand_dims(g, -1) if vec else g
    xm = np.expand_dims(ans, -1) if vec else ans
    gb = np.linalg.solve(np.swapaxes(a, -1, -2), gm)
    return (unbroadcast(-np.matmul(gb, np.swapaxes(xm, -1, -2)), a),
            unbroadcast(gb[..., 0] if vec else gb, b))


@jvp_of(np.linalg.solve)
def solve_jvp(t, ans, a, b):
    # (no local depends on t: the entry of an inactive argument is dropped)
    vec = np.ndim(b) == 1
    xm = np.expand_dims(ans, -1) if vec else ans
    return (-np.linalg.solve(a, np.matmul(t, xm))[..., 0] if vec
            else -np.linalg.solve(a, np.matmul(t, xm)),
            np.linalg.solve(a, np.expand_dims(t, -1))[..., 0] if vec else np.linalg.solve(a, t))


@vjp_of(np.linalg.cholesky)
def cholesky_vjp(g, ans, a, upper=False):
    # A = L L^T: gA = L^-T S L^-1, S the symmetric part of tril(L^T gL) with
    # the diagonal counted once (what torch computes)
    lo = np.swapaxes(ans, -1, -2) if upper else ans
    gl = np.swapaxes(g, -1, -2) if upper else g
    li = np.linalg.inv(lo)
    p = np.tril(np.matmul(np.swapaxes(lo, -1, -2), gl))
    s = 0.5 * (p + np.swapaxes(np.tril(p, -1), -1, -2))
    return np.matmul(np.matmul(np.swapaxes(li, -1, -2), s), li)


@jvp_of(np.linalg.cholesky)
def cholesky_jvp(t, ans, a, upper=False):
    # dL = L phi(L^-1 dA L^-T), phi = lower triangle with the diagonal halved
    lo = np.swapaxes(ans, -1, -2) if upper else ans
    li = np.linalg.inv(lo)
    x = np.matmul(np.matmul(li, t), np.swapaxes(li, -1, -2))
    dl = np.matmul(lo, np.tril(x, -1) + 0.5 * (np.tril(x) - np.tril(x, -1)))
    return np.swapaxes(dl, -1, -2) if upper else dl
