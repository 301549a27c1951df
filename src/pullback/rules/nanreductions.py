"""Rules of the NaN-ignoring reductions: NaN elements get no derivative, the
others get the derivative of the same reduction over the non-NaN elements.
``nanmax``/``nanmin`` share it evenly among tied extrema (torch.amax's
convention); an all-NaN group passes none."""

import numpy as np

from ..runtime import unreduce
from .registry import jvp_of, vjp_of
from .support import prod_others


@vjp_of(np.nansum)
def nansum_vjp(g, ans, a, axis=None, dtype=None, out=None, keepdims=False):
    return np.where(np.isnan(a), 0.0, unreduce(g, a, axis, keepdims))


@jvp_of(np.nansum)
def nansum_jvp(t, ans, a, axis=None, dtype=None, out=None, keepdims=False):
    return np.sum(np.where(np.isnan(a), 0.0, t), axis=axis, keepdims=keepdims)


@vjp_of(np.nanmean)
def nanmean_vjp(g, ans, a, axis=None, dtype=None, out=None, keepdims=False):
    m = np.where(np.isnan(a), 0.0, 1.0)
    return m * unreduce(g / np.sum(m, axis=axis, keepdims=keepdims), a, axis, keepdims)


@jvp_of(np.nanmean)
def nanmean_jvp(t, ans, a, axis=None, dtype=None, out=None, keepdims=False):
    m = np.where(np.isnan(a), 0.0, 1.0)
    return np.sum(m * t, axis=axis, keepdims=keepdims) / np.sum(m, axis=axis, keepdims=keepdims)


@vjp_of(np.nanmax, np.nanmin)
def nanextremum_vjp(g, ans, a, axis=None, out=None, keepdims=False):
    m = np.where(a == unreduce(ans, a, axis, keepdims), 1.0, 0.0)
    c = np.sum(m, axis=axis, keepdims=keepdims)
    return m * unreduce(g / np.where(c == 0, 1.0, c), a, axis, keepdims)


@jvp_of(np.nanmax, np.nanmin)
def nanextremum_jvp(t, ans, a, axis=None, out=None, keepdims=False):
    m = np.where(a == unreduce(ans, a, axis, keepdims), 1.0, 0.0)
    c = np.sum(m, axis=axis, keepdims=keepdims)
    return np.sum(m * t, axis=axis, keepdims=keepdims) / np.where(c == 0, 1.0, c)


@vjp_of(np.nanprod)
def nanprod_vjp(g, ans, a, axis=None, dtype=None, out=None, keepdims=False):
    return np.where(np.isnan(a), 0.0, unreduce(g, a, axis, keepdims)
                    * prod_others(np.where(np.isnan(a), 1.0, a), axis))


@jvp_of(np.nanprod)
def nanprod_jvp(t, ans, a, axis=None, dtype=None, out=None, keepdims=False):
    return np.sum(np.where(np.isnan(a), 0.0, t * prod_others(np.where(np.isnan(a), 1.0, a), axis)),
                  axis=axis, keepdims=keepdims)


@vjp_of(np.nanvar)
def nanvar_vjp(g, ans, a, axis=None, dtype=None, out=None, ddof=0, keepdims=False):
    m = np.where(np.isnan(a), 0.0, 1.0)
    c = np.where(np.isnan(a), 0.0, a - np.nanmean(a, axis=axis, keepdims=True))
    return 2 * c * unreduce(g / (np.sum(m, axis=axis, keepdims=keepdims) - ddof), a, axis,
                            keepdims)


@jvp_of(np.nanvar)
def nanvar_jvp(t, ans, a, axis=None, dtype=None, out=None, ddof=0, keepdims=False):
    m = np.where(np.isnan(a), 0.0, 1.0)
    c = np.where(np.isnan(a), 0.0, a - np.nanmean(a, axis=axis, keepdims=True))
    return 2 * np.sum(c * t, axis=axis, keepdims=keepdims) / (
        np.sum(m, axis=axis, keepdims=keepdims) - ddof)


@vjp_of(np.nanstd)
def nanstd_vjp(g, ans, a, axis=None, dtype=None, out=None, ddof=0, keepdims=False):
    m = np.where(np.isnan(a), 0.0, 1.0)
    c = np.where(np.isnan(a), 0.0, a - np.nanmean(a, axis=axis, keepdims=True))
    s = np.where(ans == 0, 0.0, g / np.where(ans == 0, 1.0, ans))
    return c * unreduce(s / (np.sum(m, axis=axis, keepdims=keepdims) - ddof), a, axis, keepdims)


@jvp_of(np.nanstd)
def nanstd_jvp(t, ans, a, axis=None, dtype=None, out=None, ddof=0, keepdims=False):
    m = np.where(np.isnan(a), 0.0, 1.0)
    c = np.where(np.isnan(a), 0.0, a - np.nanmean(a, axis=axis, keepdims=True))
    d = np.sum(c * t, axis=axis, keepdims=keepdims) / (np.sum(m, axis=axis, keepdims=keepdims)
                                                       - ddof)
    return np.where(ans == 0, 0.0, d / np.where(ans == 0, 1.0, ans))
