"""Rules of sorting, gathers along an axis and order statistics.

``np.sort`` hands each output element the derivative of the input element it
came from; tied elements are matched in their input order (a stable sort), as
torch's sort does. ``np.median`` / ``np.quantile`` / ``np.percentile`` (method
'linear', NumPy's default, which is torch.quantile's) interpolate between the
two sorted values around the virtual index ``q * (n - 1)``, so the derivative
goes to those two elements with weights ``1 - f`` and ``f``. The quantile
levels ``q`` are not differentiated.
"""

import numpy as np

from .registry import jvp_of, vjp_of
from .support_gather import (along_axis_map, flat_scatter, median_q, sort_map, sorted_interp,
                             sorted_interp_vjp, stable_argsort)


@vjp_of(np.sort)
def sort_vjp(g, ans, a, axis=-1, kind=None, order=None, stable=None):
    return flat_scatter(g, sort_map(a, axis), a)


@jvp_of(np.sort)
def sort_jvp(t, ans, a, axis=-1, kind=None, order=None, stable=None):
    return np.take_along_axis(t, stable_argsort(a, axis), axis=axis)


@vjp_of(np.take_along_axis)
def take_along_axis_vjp(g, ans, arr, indices, axis=-1):
    return flat_scatter(g, along_axis_map(arr, indices, axis), arr)


@jvp_of(np.take_along_axis)
def take_along_axis_jvp(t, ans, arr, indices, axis=-1):
    return np.take_along_axis(t, indices, axis=axis)


@vjp_of(np.quantile)
def quantile_vjp(g, ans, a, q, axis=None, out=None, overwrite_input=False, method="linear",
                 keepdims=False):
    return sorted_interp_vjp(g, a, q, axis, keepdims)


@jvp_of(np.quantile)
def quantile_jvp(t, ans, a, q, axis=None, out=None, overwrite_input=False, method="linear",
                 keepdims=False):
    return sorted_interp(t, a, q, axis, keepdims)


@vjp_of(np.percentile)
def percentile_vjp(g, ans, a, q, axis=None, out=None, overwrite_input=False, method="linear",
                   keepdims=False):
    return sorted_interp_vjp(g, a, np.true_divide(q, 100), axis, keepdims)


@jvp_of(np.percentile)
def percentile_jvp(t, ans, a, q, axis=None, out=None, overwrite_input=False, method="linear",
                   keepdims=False):
    return sorted_interp(t, a, np.true_divide(q, 100), axis, keepdims)


@vjp_of(np.median)
def median_vjp(g, ans, a, axis=None, out=None, overwrite_input=False, keepdims=False):
    return sorted_interp_vjp(g, a, median_q(), axis, keepdims)


@jvp_of(np.median)
def median_jvp(t, ans, a, axis=None, out=None, overwrite_input=False, keepdims=False):
    return sorted_interp(t, a, median_q(), axis, keepdims)
