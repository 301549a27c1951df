"""Helpers for functions that pick elements: sorting, gathers along an axis,
quantiles, and the copying functions (rot90, insert, delete, ...).

Two ideas carry all of them:

* An *index map*: a copying function applied to ``flat_index(a)`` (each
  element's flat position in ``a``) tells, for every output element, which
  input element it copies. ``-1`` (``no_index``) marks output elements that do
  not come from ``a``. The cotangent of ``a`` is then ``flat_scatter(g, map,
  a)``: ``g`` summed into the positions it came from (repeats accumulate).
* A quantile is ``(1 - f) * s[lo] + f * s[hi]`` of the sorted values ``s``,
  with ``lo, hi, f`` fixed by ``q`` and the group size alone, so its derivative
  is the same interpolation applied to the tangent in ``a``'s sorted order
  (``sorted_interp``, linear in its first argument).

The differentiable helpers (linear in their first argument) have rules in
:mod:`pullback.rules.support_gather_rules`; the index helpers are
non-differentiable.
"""

from __future__ import annotations

import numpy as np

from .support import group_axes, norm_axes, ungroup_axes


# ---------------------------------------------------------------- index maps
def flat_index(a):
    """Every element's flat (C-order) position in ``a``, shaped like ``a``."""
    shape = np.shape(a)
    return np.reshape(np.arange(int(np.prod(shape)), dtype=np.intp), shape)


def no_index(a):
    """``-1`` shaped like ``a``: elements that come from no input of interest."""
    return np.full(np.shape(a), -1, dtype=np.intp)


def flat_scatter(g, idx, like):
    """Sum ``g`` into an array shaped like ``like`` at the flat positions ``idx``
    (``idx`` shaped like ``g``; entries ``< 0`` are dropped)."""
    g = np.asarray(g)
    idx = np.asarray(idx)
    size = int(np.prod(np.shape(like)))
    gb = np.broadcast_to(g, np.shape(idx))
    keep = idx >= 0
    out = np.zeros(size, dtype=np.result_type(np.asarray(g).dtype, np.float16))
    np.add.at(out, idx[keep], gb[keep])
    return np.reshape(out, np.shape(like))


def flat_take(t, idx):
    """``t``'s elements at the flat positions ``idx`` (0 where ``idx < 0``):
    the adjoint of :func:`flat_scatter`."""
    t = np.asarray(t)
    idx = np.asarray(idx)
    flat = np.reshape(t, -1)
    picked = flat[np.where(idx >= 0, idx, 0)] if flat.size else np.zeros(np.shape(idx), t.dtype)
    return np.where(idx >= 0, picked, 0.0)


def stable_argsort(a, axis=-1):
    """``np.argsort`` with a stable sort: tied elements keep their order, which
    is the order torch's sort gives them (so are their derivatives)."""
    return np.argsort(a, axis=axis, kind="stable")


def sort_map(a, axis=-1):
    """The index map of ``np.sort(a, axis)``."""
    return np.take_along_axis(flat_index(a), stable_argsort(a, axis), axis=axis)


def along_axis_map(arr, indices, axis):
    """The index map of ``np.take_along_axis(arr, indices, axis)``."""
    return np.take_along_axis(flat_index(arr), indices, axis=axis)


# ---------------------------------------------------------------- quantiles
def quantile_points(q, n):
    """``lo, hi, f`` (flattened over ``q``) of NumPy's linear interpolation:
    virtual index ``q * (n - 1)``, its floor ``lo``, ``hi = lo + 1`` (clipped)."""
    q = np.reshape(np.asarray(q, dtype=float), -1)
    if np.any((q < 0) | (q > 1)):
        raise ValueError("Quantiles must be in the range [0, 1]")
    p = q * (n - 1)
    lo = np.clip(np.floor(p), 0, max(n - 1, 0)).astype(np.intp)
    hi = np.minimum(lo + 1, max(n - 1, 0))
    return lo, hi, p - lo


def _out_shape(a, q, axis, keepdims):
    """NumPy's output shape of ``np.quantile(a, q, axis, keepdims=keepdims)``."""
    shape = np.shape(a)
    red = norm_axes(axis, len(shape))
    if keepdims:
        kept = tuple(1 if i in red else s for i, s in enumerate(shape))
    else:
        kept = tuple(s for i, s in enumerate(shape) if i not in red)
    return np.shape(q) + kept


def sorted_interp(t, a, q, axis=None, keepdims=False):
    """The quantile interpolation of ``np.quantile(a, q, axis)`` (method 'linear')
    applied to ``t`` taken in ``a``'s sorted order. ``sorted_interp(a, a, ...)``
    is the quantile; for a tangent ``t`` it is the quantile's tangent."""
    b = group_axes(a, axis)
    tb = group_axes(np.broadcast_to(t, np.shape(a)), axis)
    n = np.shape(b)[-1]
    ts = np.take_along_axis(tb, stable_argsort(b, -1), axis=-1)
    lo, hi, f = quantile_points(q, n)
    v = np.take(ts, lo, axis=-1) * (1.0 - f) + np.take(ts, hi, axis=-1) * f
    v = np.moveaxis(v, -1, 0)   # the q axis first, as NumPy orders the output
    return np.reshape(v, _out_shape(a, q, axis, keepdims))


def sorted_interp_vjp(g, a, q, axis=None, keepdims=False):
    """The adjoint of :func:`sorted_interp` in ``t``: shaped like ``a``."""
    b = group_axes(a, axis)
    n = np.shape(b)[-1]
    kept = np.shape(b)[:-1]
    lo, hi, f = quantile_points(q, n)
    gq = np.reshape(np.asarray(g), (lo.size,) + kept)
    gq = np.moveaxis(gq, 0, -1)                  # kept + (nq,)
    zs = np.zeros(kept + (n,), dtype=np.result_type(np.asarray(gq).dtype, np.float16))
    np.add.at(zs, (Ellipsis, lo), gq * (1.0 - f))
    np.add.at(zs, (Ellipsis, hi), gq * f)
    out = np.zeros_like(zs)
    np.put_along_axis(out, stable_argsort(b, -1), zs, axis=-1)
    return ungroup_axes(out, a, axis)


def median_q():
    """The quantile that ``np.median`` is (its two middle values averaged)."""
    return 0.5


# ---------------------------------------------------------------- columns and split axes
def hsplit_axis(ary):
    """The axis ``np.hsplit`` splits along: 1, or 0 for a 1-d array."""
    return 1 if np.ndim(ary) > 1 else 0


def column_widths(like):
    """How many columns each array gives ``np.column_stack(like)``."""
    return [np.shape(x)[1] if np.ndim(x) >= 2 else 1 for x in like]


def split_columns(g, like):
    """The adjoint of ``np.column_stack(like)``: one cotangent per array
    (1-d and 0-d arrays were made columns)."""
    bounds = np.cumsum(column_widths(like))[:-1]
    return tuple(np.reshape(p, np.shape(x))
                 for p, x in zip(np.split(np.asarray(g), bounds, axis=1), like))


def join_columns(parts, like):
    """``np.column_stack`` of ``parts`` (``None`` = zeros shaped like ``like[i]``):
    the adjoint of :func:`split_columns`."""
    return np.column_stack([np.zeros(np.shape(x)) if p is None else p
                            for p, x in zip(parts, like)])
