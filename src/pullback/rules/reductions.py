"""Rules of reductions (sum, mean, prod, max, std, norm...) and cumulative ops.

Conventions follow PyTorch: ``max``/``min`` (and amax/amin) share the gradient
evenly among tied extrema; ``prod`` is exact with zeros (no division);
``std`` and ``norm`` have zero gradient where their value is 0.
The ndarray methods share the function rules (same parameter names).
"""

import numpy as np

from ..runtime import reduced_count, unreduce
from .registry import jvp_of, vjp_of
from .support import average_weights, norm_case, norm_svd_weights, norm_weights, prod_others
@vjp_of(np.sum, np.ndarray.sum)
def sum_vjp(g, ans, a, axis=None, dtype=None, out=None, keepdims=False, initial=None,
            where=None):
    return unreduce(g, a, axis, keepdims)


@jvp_of(np.sum, np.ndarray.sum)
def sum_jvp(t, ans, a, axis=None, dtype=None, out=None, keepdims=False, initial=None,
            where=None):
    return np.sum(t, axis=axis, keepdims=keepdims)


# a constant start value does not change the derivative of a sum
sum_vjp.handles = sum_jvp.handles = ("initial",)


@vjp_of(np.mean, np.ndarray.mean)
def mean_vjp(g, ans, a, axis=None, dtype=None, out=None, keepdims=False, where=None):
    return unreduce(g, a, axis, keepdims) / reduced_count(a, axis)


@jvp_of(np.mean, np.ndarray.mean)
def mean_jvp(t, ans, a, axis=None, dtype=None, out=None, keepdims=False, where=None):
    return np.mean(t, axis=axis, keepdims=keepdims)


@vjp_of(np.average)
def average_vjp(g, ans, a, axis=None, weights=None, returned=False, keepdims=False):
    return unreduce(g, a, axis, keepdims) * average_weights(a, axis, weights, returned)


@jvp_of(np.average)
def average_jvp(t, ans, a, axis=None, weights=None, returned=False, keepdims=False):
    return np.sum(t * average_weights(a, axis, weights, returned), axis=axis, keepdims=keepdims)


@vjp_of(np.prod, np.ndarray.prod)
def prod_vjp(g, ans, a, axis=None, dtype=None, out=None, keepdims=False, initial=None,
             where=None):
    return unreduce(g, a, axis, keepdims) * prod_others(a, axis)


@jvp_of(np.prod, np.ndarray.prod)
def prod_jvp(t, ans, a, axis=None, dtype=None, out=None, keepdims=False, initial=None,
             where=None):
    return np.sum(t * prod_others(a, axis), axis=axis, keepdims=keepdims)


@vjp_of(np.max, np.amax, np.ndarray.max, np.min, np.amin, np.ndarray.min)
def extremum_vjp(g, ans, a, axis=None, out=None, keepdims=False, initial=None, where=None):
    # ties share the gradient evenly (torch.amax / torch.amin)
    m = np.where(a == unreduce(ans, a, axis, keepdims), 1.0, 0.0)
    return unreduce(g, a, axis, keepdims) * m / unreduce(
        np.sum(m, axis=axis, keepdims=keepdims), a, axis, keepdims)


@jvp_of(np.max, np.amax, np.ndarray.max, np.min, np.amin, np.ndarray.min)
def extremum_jvp(t, ans, a, axis=None, out=None, keepdims=False, initial=None, where=None):
    m = np.where(a == unreduce(ans, a, axis, keepdims), 1.0, 0.0)
    return np.sum(t * m, axis=axis, keepdims=keepdims) / np.sum(m, axis=axis, keepdims=keepdims)


@vjp_of(np.var, np.ndarray.var)
def var_vjp(g, ans, a, axis=None, dtype=None, out=None, ddof=0, keepdims=False):
    c = a - np.mean(a, axis=axis, keepdims=True)
    return 2 * unreduce(g, a, axis, keepdims) * c / (reduced_count(a, axis) - ddof)


@jvp_of(np.var, np.ndarray.var)
def var_jvp(t, ans, a, axis=None, dtype=None, out=None, ddof=0, keepdims=False):
    c = a - np.mean(a, axis=axis, keepdims=True)
    return 2 * np.sum(c * t, axis=axis, keepdims=keepdims) / (reduced_count(a, axis) - ddof)


@vjp_of(np.std, np.ndarray.std)
def std_vjp(g, ans, a, axis=None, dtype=None, out=None, ddof=0, keepdims=False):
    c = a - np.mean(a, axis=axis, keepdims=True)
    s = np.where(ans == 0, 0.0, g / np.where(ans == 0, 1.0, ans))
    return unreduce(s, a, axis, keepdims) * c / (reduced_count(a, axis) - ddof)


@jvp_of(np.std, np.ndarray.std)
def std_jvp(t, ans, a, axis=None, dtype=None, out=None, ddof=0, keepdims=False):
    c = a - np.mean(a, axis=axis, keepdims=True)
    d = np.sum(c * t, axis=axis, keepdims=keepdims) / (reduced_count(a, axis) - ddof)
    return np.where(ans == 0, 0.0, d / np.where(ans == 0, 1.0, ans))


@vjp_of(np.cumsum, np.ndarray.cumsum)
def cumsum_vjp(g, ans, a, axis=None, dtype=None, out=None):
    # reversed cumulative sum; with axis=None the output is the flattened array
    return np.reshape(np.flip(np.cumsum(np.flip(g, axis), axis=axis), axis), np.shape(a))


@jvp_of(np.cumsum, np.ndarray.cumsum)
def cumsum_jvp(t, ans, a, axis=None, dtype=None, out=None):
    return np.cumsum(t, axis=axis)


@vjp_of(np.cumprod, np.ndarray.cumprod)
def cumprod_vjp(g, ans, a, axis=None, dtype=None, out=None):
    # c[..., k, i] = prod_{j <= i, j != k} a_j for i >= k (else 0): exact with zeros
    ax = -1 if axis is None else axis
    p = np.moveaxis(np.reshape(a, -1) if axis is None else a, ax, -1)
    e = np.eye(np.shape(p)[-1], dtype=bool)
    c = np.triu(np.cumprod(np.where(e, 1.0, np.expand_dims(p, -2)), axis=-1))
    q = np.expand_dims(np.moveaxis(g, ax, -1), -2)
    return np.reshape(np.moveaxis(np.sum(c * q, axis=-1), -1, ax), np.shape(a))


@jvp_of(np.cumprod, np.ndarray.cumprod)
def cumprod_jvp(t, ans, a, axis=None, dtype=None, out=None):
    ax = -1 if axis is None else axis
    p = np.moveaxis(np.reshape(a, -1) if axis is None else a, ax, -1)
    e = np.eye(np.shape(p)[-1], dtype=bool)
    c = np.triu(np.cumprod(np.where(e, 1.0, np.expand_dims(p, -2)), axis=-1))
    s = np.expand_dims(np.moveaxis(np.reshape(t, -1) if axis is None else t, ax, -1), -1)
    return np.moveaxis(np.sum(c * s, axis=-2), -1, ax)


@vjp_of(np.linalg.norm)
def norm_vjp(g, ans, x, ord=None, axis=None, keepdims=False):
    # 'l2': x * g / norm; 'p': general vector p-norm; 'weights': piecewise-linear
    # norms (1, inf, matrix 1/inf...). Zero where the norm is 0, like torch.
    case = norm_case(x, ord, axis)
    safe = np.where(ans == 0, 1.0, ans)
    return (x * unreduce(np.where(ans == 0, 0.0, g / safe), x, axis, keepdims)
            if case == "l2" else
            np.sign(x) * np.abs(np.where(x == 0, 1.0, x)) ** (ord - 1)
            * unreduce(np.where(ans == 0, 0.0, g / safe ** (ord - 1)), x, axis, keepdims)
            if case == "p" else
            norm_svd_weights(x, ord, axis) * unreduce(g, x, axis, keepdims)
            if case == "svd" else
            norm_weights(x, ans, ord, axis, keepdims) * unreduce(g, x, axis, keepdims))


@jvp_of(np.linalg.norm)
def norm_jvp(t, ans, x, ord=None, axis=None, keepdims=False):
    case = norm_case(x, ord, axis)
    safe = np.where(ans == 0, 1.0, ans)
    return (np.where(ans == 0, 0.0, np.sum(x * t, axis=axis, keepdims=keepdims) / safe)
            if case == "l2" else
            np.where(ans == 0, 0.0, np.sum(
                np.sign(x) * np.abs(np.where(x == 0, 1.0, x)) ** (ord - 1) * t,
                axis=axis, keepdims=keepdims) / safe ** (ord - 1))
            if case == "p" else
            np.sum(norm_svd_weights(x, ord, axis) * t, axis=axis, keepdims=keepdims)
            if case == "svd" else
            np.sum(norm_weights(x, ans, ord, axis, keepdims) * t, axis=axis,
                   keepdims=keepdims))
