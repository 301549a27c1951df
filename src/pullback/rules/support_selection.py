"""Helpers for the rules of :mod:`pullback.rules.selection` (select,
partition, interp, meshgrid), with rules of their own where they carry
derivatives, so generated derivative code can be differentiated again.

* ``np.select`` takes each element from the first choice whose condition
  holds, else from ``default``: the masks ``select_masks`` say which.
* ``np.partition`` moves elements, so its derivative is a gather; which
  input element sits where is read off the output itself (both sorted
  stably and matched rank by rank), so the derivative follows the very
  elements NumPy put there (tied values are matched in their input order).
* ``np.interp`` is ``f0 * (1 - w) + f1 * w`` on the cell ``lo, hi`` around
  each point: ``interp_cells`` gives the cell (JAX's: a point on a knot takes
  the cell to its right, the last knot the cell to its left).
"""

import numpy as np

from ..runtime import unbroadcast
from .registry import jvp_of, nondifferentiable, vjp_of


# ---------------------------------------------------------------- select
def select_masks(condlist, shape):
    """Per choice, where ``np.select`` takes it; last entry: where the default."""
    taken = np.zeros(shape, dtype=bool)
    out = []
    for c in condlist:
        m = np.broadcast_to(np.asarray(c, dtype=bool), shape) & ~taken
        taken = taken | m
        out.append(m)
    out.append(~taken)
    return out


def select_shape(condlist, choicelist, default):
    return np.broadcast_shapes(*[np.shape(c) for c in condlist],
                               *[np.shape(x) for x in choicelist], np.shape(default))


def select_cotangents(g, condlist, choicelist, default):
    """The cotangents of ``np.select``'s choices (a tuple) and of its default."""
    masks = select_masks(condlist, select_shape(condlist, choicelist, default))
    parts = tuple(unbroadcast(np.where(m, g, 0.0), x) for m, x in zip(masks, choicelist))
    return parts, unbroadcast(np.where(masks[-1], g, 0.0), default)


def select_tangent(parts, t_default, condlist, choicelist, default):
    """``np.select``'s tangent from tangents of the choices (``None``: zero) and
    of the default (``None``: zero)."""
    masks = select_masks(condlist, select_shape(condlist, choicelist, default))
    out = np.zeros(np.shape(masks[-1]))
    for m, p in zip(masks, list(parts) + [t_default]):
        if p is not None:
            out = out + np.where(m, p, 0.0)
    return out


def select_choices_cotangent(g, condlist, choicelist, default):
    return select_cotangents(g, condlist, choicelist, default)[0]


def select_default_cotangent(g, condlist, choicelist, default):
    return select_cotangents(g, condlist, choicelist, default)[1]


def select_choices_tangent(parts, condlist, choicelist, default):
    return select_tangent(parts, None, condlist, choicelist, default)


def select_default_tangent(t, condlist, choicelist, default):
    return select_tangent([None] * len(choicelist), t, condlist, choicelist, default)


nondifferentiable(select_masks, select_shape, family="support")


@vjp_of(select_choices_cotangent)
def select_choices_cotangent_vjp(h, ans, g, condlist, choicelist, default):
    return select_choices_tangent(h, condlist, choicelist, default), None, None, None


@jvp_of(select_choices_cotangent)
def select_choices_cotangent_jvp(t, ans, g, condlist, choicelist, default):
    return select_choices_cotangent(t, condlist, choicelist, default), None, None, None


@vjp_of(select_default_cotangent)
def select_default_cotangent_vjp(h, ans, g, condlist, choicelist, default):
    return select_default_tangent(h, condlist, choicelist, default), None, None, None


@jvp_of(select_default_cotangent)
def select_default_cotangent_jvp(t, ans, g, condlist, choicelist, default):
    return select_default_cotangent(t, condlist, choicelist, default), None, None, None


@vjp_of(select_choices_tangent)
def select_choices_tangent_vjp(h, ans, parts, condlist, choicelist, default):
    return select_choices_cotangent(h, condlist, choicelist, default), None, None, None


@jvp_of(select_choices_tangent)
def select_choices_tangent_jvp(t, ans, parts, condlist, choicelist, default):
    return select_choices_tangent(t, condlist, choicelist, default), None, None, None


@vjp_of(select_default_tangent)
def select_default_tangent_vjp(h, ans, t, condlist, choicelist, default):
    return select_default_cotangent(h, condlist, choicelist, default), None, None, None


@jvp_of(select_default_tangent)
def select_default_tangent_jvp(s, ans, t, condlist, choicelist, default):
    return select_default_tangent(s, condlist, choicelist, default), None, None, None


# ---------------------------------------------------------------- partition
def partition_index(a, ans, axis=-1):
    """Indices with ``np.take_along_axis(a, idx, axis) == ans`` for the output
    ``ans`` of ``np.partition(a, kth, axis)`` (``axis=None``: flat)."""
    if axis is None:
        a, ans, axis = np.ravel(a), np.ravel(ans), -1
    idx = np.empty(np.shape(ans), dtype=np.intp)
    np.put_along_axis(idx, np.argsort(ans, axis=axis, kind="stable"),
                      np.argsort(a, axis=axis, kind="stable"), axis=axis)
    return idx


nondifferentiable(partition_index, family="support")


# ---------------------------------------------------------------- interp
def interp_cells(x, xp):
    """``(lo, hi)``: the knots around each point (``hi = lo + 1`` but for one knot)."""
    n = np.size(xp)
    i = np.searchsorted(xp, x, side="right") - 1
    lo = np.clip(i, 0, max(n - 2, 0))
    return lo, np.minimum(lo + 1, n - 1)


def interp_lo(x, xp):
    return interp_cells(x, xp)[0]


def interp_hi(x, xp):
    return interp_cells(x, xp)[1]


def interp_keep(x, xp, left=None, right=None):
    """1.0 where the value comes from ``fp`` (not from a given ``left``/``right``)."""
    x = np.asarray(x)
    keep = np.ones(np.shape(x))
    if left is not None:
        keep = np.where(x < xp[0], 0.0, keep)
    if right is not None:
        keep = np.where(x > xp[-1], 0.0, keep)
    return keep


nondifferentiable(interp_cells, interp_lo, interp_hi, interp_keep, family="support")


# ---------------------------------------------------------------- meshgrid
def meshgrid_axis(i, n, indexing="xy"):
    """The axis input ``i`` of ``np.meshgrid`` (``n`` inputs) varies along."""
    if indexing == "xy" and n >= 2 and i < 2:
        return 1 - i
    return i


def meshgrid_cotangents(g, xi, indexing="xy"):
    """One cotangent per input of ``np.meshgrid(*xi)``: each output's cotangent
    (``None``: zero) summed over the axes its input is repeated along."""
    out = []
    for i, (gi, x) in enumerate(zip(g, xi)):
        if gi is None:
            out.append(np.zeros(np.shape(x)))
            continue
        ax = meshgrid_axis(i, len(xi), indexing)
        gi = np.asarray(gi)
        others = tuple(k for k in range(gi.ndim) if k != ax)
        out.append(np.reshape(np.sum(gi, axis=others), np.shape(x)))
    return tuple(out)


def meshgrid_tangents(t, xi, indexing="xy", sparse=False):
    """Per input ``i``: the outputs' tangents (a tuple) when input ``i`` alone
    has tangent ``t`` (``None`` where ``t`` cannot be its tangent: its shape
    differs). Every output gets an array, zeros where ``t`` does not reach."""
    out = []
    for i, x in enumerate(xi):
        if np.shape(t) != np.shape(x):
            out.append(None)
            continue
        t_all = [t if k == i else np.zeros(np.shape(y)) for k, y in enumerate(xi)]
        out.append(tuple(np.meshgrid(*t_all, indexing=indexing, sparse=sparse)))
    return tuple(out)


nondifferentiable(meshgrid_axis, family="support")

