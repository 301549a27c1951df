"""Rules of the functions that pick or blend elements: np.select,
np.partition, np.interp and np.meshgrid.

``np.select`` passes each element's derivative to the choice (or default) it
came from; conditions are constants. ``np.partition`` is a gather of the
elements NumPy put at each position (see
:func:`pullback.rules.support_selection.partition_index`). ``np.interp`` is
differentiated in the points ``x``, the knots ``xp`` and the values ``fp``
(JAX's convention at a knot: the cell to its right); ``left``/``right`` are
constants and ``period=`` is refused. ``np.meshgrid`` sums each output's
cotangent over the axes its input is repeated along.
"""

import numpy as np

from .registry import jvp_of, vjp_of
from .support_gather import along_axis_map, flat_scatter
from .support_selection import (interp_hi, interp_keep, interp_lo, meshgrid_cotangents,
                                meshgrid_tangents, partition_index, select_choices_cotangent,
                                select_choices_tangent, select_default_cotangent,
                                select_default_tangent)


@vjp_of(np.select)
def select_vjp(g, ans, condlist, choicelist, default=0):
    return (None, select_choices_cotangent(g, condlist, choicelist, default),
            select_default_cotangent(g, condlist, choicelist, default))


@jvp_of(np.select)
def select_jvp(t, ans, condlist, choicelist, default=0):
    return (None, select_choices_tangent(t, condlist, choicelist, default),
            select_default_tangent(t, condlist, choicelist, default))


@vjp_of(np.partition)
def partition_vjp(g, ans, a, kth, axis=-1, kind="introselect", order=None):
    return flat_scatter(g, along_axis_map(a, partition_index(a, ans, axis), axis), a)


@jvp_of(np.partition)
def partition_jvp(t, ans, a, kth, axis=-1, kind="introselect", order=None):
    return np.take_along_axis(t, partition_index(a, ans, axis), axis=axis)


@vjp_of(np.interp)
def interp_vjp(g, ans, x, xp, fp, left=None, right=None):
    lo = interp_lo(x, xp)
    hi = interp_hi(x, xp)
    x0 = np.take(xp, lo)
    x1 = np.take(xp, hi)
    cell = np.where((x >= x0) & (x <= x1) & (x1 > x0), 1.0, 0.0)
    span = np.where(x1 > x0, x1 - x0, 1.0)
    w = np.clip((x - x0) / span, 0.0, 1.0)
    slope = (np.take(fp, hi) - np.take(fp, lo)) * cell / span
    keep = interp_keep(x, xp, left, right)
    return (g * slope,
            flat_scatter(g * slope * (w - 1.0), lo, xp) - flat_scatter(g * slope * w, hi, xp),
            flat_scatter(g * keep * (1.0 - w), lo, fp) + flat_scatter(g * keep * w, hi, fp))


@jvp_of(np.interp)
def interp_jvp(t, ans, x, xp, fp, left=None, right=None):
    lo = interp_lo(x, xp)
    hi = interp_hi(x, xp)
    x0 = np.take(xp, lo)
    x1 = np.take(xp, hi)
    cell = np.where((x >= x0) & (x <= x1) & (x1 > x0), 1.0, 0.0)
    span = np.where(x1 > x0, x1 - x0, 1.0)
    w = np.clip((x - x0) / span, 0.0, 1.0)
    slope = (np.take(fp, hi) - np.take(fp, lo)) * cell / span
    keep = interp_keep(x, xp, left, right)
    return (t * slope,
            slope * ((w - 1.0) * np.take(t, lo) - w * np.take(t, hi)),
            keep * ((1.0 - w) * np.take(t, lo) + w * np.take(t, hi)))


@vjp_of(np.meshgrid)
def meshgrid_vjp(g, ans, *xi, copy=True, sparse=False, indexing="xy"):
    return meshgrid_cotangents(g, xi, indexing)


@jvp_of(np.meshgrid)
def meshgrid_jvp(t, ans, *xi, copy=True, sparse=False, indexing="xy"):
    return meshgrid_tangents(t, xi, indexing, sparse)
