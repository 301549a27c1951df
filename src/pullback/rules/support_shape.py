"""Helpers for the rules of sequence and shape functions: splitting a cotangent
into one piece per joined array, tile/repeat/pad/take adjoints, and so on.
Like :mod:`pullback.rules.support`, each differentiable helper has rules of
its own in :mod:`pullback.rules.support_rules`; none mutates its arguments.
"""

from __future__ import annotations

import numpy as np

from ..runtime import unbroadcast
from .support import inverse_perm


# ---------------------------------------------------------------- sequences
def _as_ndmin(x, ndmin):
    x = np.asarray(x)
    if ndmin == 1:
        return np.atleast_1d(x)
    if ndmin == 2:
        return np.atleast_2d(x)
    if ndmin == 3:
        return np.atleast_3d(x)
    return x


def _zeros(x):
    # (the dtype of x itself: a Python float is float64, never a weak scalar that
    # would let float16 win)
    return np.zeros(np.shape(x), dtype=np.result_type(np.asarray(x).dtype, np.float16))


def _join_axis(like, axis, ndmin):
    """The axis the pieces are joined along; "h" is hstack's rule."""
    if axis == "h":
        return 0 if np.ndim(_as_ndmin(like[0], 1)) == 1 else 1
    return axis


def split_like(g, like, axis=0, ndmin=0):
    """Cut ``g`` into one cotangent per element of ``like``.

    The adjoint of ``np.concatenate(like, axis)`` (``axis=None``: flattened
    pieces; ``axis="h"``: hstack; ``ndmin``: the pieces were promoted with
    atleast_{ndmin}d first, as hstack/vstack/dstack do). Returns a tuple.
    """
    g = np.asarray(g)
    if axis is None:
        sizes = [np.size(x) for x in like]
        ax = 0
    else:
        ax = _join_axis(like, axis, ndmin)
        sizes = [np.shape(_as_ndmin(x, ndmin))[ax] for x in like]
    bounds = np.cumsum(sizes)[:-1]
    pieces = np.split(g, bounds, axis=ax)
    return tuple(np.reshape(p, np.shape(x)) for p, x in zip(pieces, like))


def concat_parts(parts, like, axis=0, ndmin=0):
    """Concatenate ``parts`` (``None`` = zeros shaped like ``like[i]``): the
    adjoint of :func:`split_like` and the forward rule of ``np.concatenate``."""
    filled = [_zeros(x) if p is None else p for p, x in zip(parts, like)]
    if axis is None:
        return np.concatenate([np.ravel(p) for p in filled])
    promoted = [np.reshape(p, np.shape(_as_ndmin(x, ndmin))) for p, x in zip(filled, like)]
    return np.concatenate(promoted, axis=_join_axis(like, axis, ndmin))


def unstack(g, like, axis=0):
    """The adjoint of ``np.stack(like, axis)``: the slices of ``g`` along ``axis``."""
    g = np.asarray(g)
    return tuple(np.reshape(np.take(g, i, axis=axis), np.shape(x)) for i, x in enumerate(like))


def stack_parts(parts, like, axis=0):
    """``np.stack`` of ``parts`` with ``None`` read as zeros shaped like ``like[i]``."""
    filled = [_zeros(x) if p is None else p for p, x in zip(parts, like)]
    shape = np.broadcast_shapes(*[np.shape(p) for p in filled])
    return np.stack([np.broadcast_to(p, shape) for p in filled], axis=axis)


def fanout(g, seq):
    """One cotangent per element of ``seq`` for ``sum(seq)``: ``g`` un-broadcast
    to each (``None`` entries of ``seq`` get ``None``)."""
    return [None if x is None else unbroadcast(g, x) for x in seq]


def sum_parts(parts, like):
    """Sum of the non-``None`` entries of ``parts`` broadcast to ``like``'s shape."""
    total = _zeros(like)
    for p in parts:
        if p is not None:
            total = total + p
    return total


def unpack_like(g, obj):
    """The cotangent of ``np.array(obj)``: ``g`` split to mirror a (nested)
    list/tuple ``obj``; ``g`` itself when ``obj`` is an array or scalar."""
    if isinstance(obj, (list, tuple)):
        g = np.asarray(g)
        return [unpack_like(g[i], o) for i, o in enumerate(obj)]
    return np.reshape(g, np.shape(obj)) if np.shape(g) != np.shape(obj) else g


def pack_like(parts, obj):
    """Inverse of :func:`unpack_like`: an array from nested parts (``None`` = zeros)."""
    if isinstance(obj, (list, tuple)):
        if parts is None:
            parts = [None] * len(obj)
        return np.array([pack_like(p, o) for p, o in zip(parts, obj)])
    if parts is None:
        return _zeros(obj)
    return np.asarray(parts)


# ---------------------------------------------------------------- shape ops
def tile_vjp(g, a, reps):
    """Cotangent of ``a`` in ``np.tile(a, reps)``: sum over the copies."""
    g = np.asarray(g)
    shape = np.shape(a)
    reps = (reps,) if np.ndim(reps) == 0 else tuple(reps)
    nd = max(len(shape), len(reps))
    full_shape = (1,) * (nd - len(shape)) + tuple(shape)
    full_reps = (1,) * (nd - len(reps)) + reps
    inter = []
    for r, s in zip(full_reps, full_shape):
        inter += [r, s]
    summed = np.sum(np.reshape(g, inter), axis=tuple(range(0, 2 * nd, 2)))
    return np.reshape(summed, shape)


def repeat_vjp(g, a, repeats, axis=None):
    """Cotangent of ``a`` in ``np.repeat(a, repeats, axis)``."""
    g = np.asarray(g)
    shape = np.shape(a)
    flat = axis is None
    ax = 0 if flat else int(axis) % len(shape)
    n = int(np.prod(shape)) if flat else shape[ax]
    reps = np.broadcast_to(np.asarray(repeats), (n,))
    starts = np.concatenate([[0], np.cumsum(reps)[:-1]]).astype(np.intp)
    if g.shape[ax] == 0:
        out = np.zeros(g.shape[:ax] + (n,) + g.shape[ax + 1:], dtype=g.dtype)
    else:
        out = np.add.reduceat(g, np.minimum(starts, g.shape[ax] - 1), axis=ax)
        out = np.where(np.reshape(reps, (n,) + (1,) * (g.ndim - ax - 1)) == 0, 0.0, out)
    return np.reshape(out, shape)


def diag_vjp(g, v, k=0):
    """Cotangent of ``v`` in ``np.diag(v, k)`` (both the 1-D and 2-D cases)."""
    if np.ndim(v) == 1:
        return np.diag(g, k)
    out = np.zeros(np.shape(v), dtype=np.result_type(np.asarray(g).dtype, np.float16))
    n = np.size(g)
    rows = np.arange(n) + max(-k, 0)
    cols = np.arange(n) + max(k, 0)
    out[rows, cols] = g
    return out


def diagonal_vjp(g, a, offset=0, axis1=0, axis2=1):
    """Cotangent of ``a`` in ``np.diagonal(a, offset, axis1, axis2)``."""
    shape = np.shape(a)
    nd = len(shape)
    a1, a2 = axis1 % nd, axis2 % nd
    rest = [i for i in range(nd) if i not in (a1, a2)]
    moved_shape = tuple(shape[i] for i in rest) + (shape[a1], shape[a2])
    out = np.zeros(moved_shape, dtype=np.result_type(np.asarray(g).dtype, np.float16))
    n = np.shape(g)[-1]
    rows = np.arange(n) + max(-offset, 0)
    cols = np.arange(n) + max(offset, 0)
    out[..., rows, cols] = g
    return np.transpose(out, inverse_perm(tuple(rest) + (a1, a2), nd))


def pad_width_pairs(pad_width, ndim):
    """``np.pad``'s ``pad_width`` as ``ndim`` (before, after) pairs."""
    return np.broadcast_to(np.asarray(pad_width, dtype=np.intp), (ndim, 2))


def pad_vjp(g, array, pad_width, mode="constant"):
    """Cotangent of ``array`` in ``np.pad(array, pad_width)`` (constant mode)."""
    if mode != "constant":
        raise NotImplementedError(
            f"pullback: np.pad is differentiable only with mode='constant', not {mode!r}")
    g = np.asarray(g)
    pw = pad_width_pairs(pad_width, g.ndim)
    idx = tuple(slice(int(b), n - int(e)) for (b, e), n in zip(pw, g.shape))
    return g[idx]


def take_vjp(g, a, indices, axis=None):
    """Cotangent of ``a`` in ``np.take(a, indices, axis)``; repeats accumulate."""
    shape = np.shape(a)
    out = np.zeros(shape, dtype=np.result_type(np.asarray(g).dtype, np.float16))
    if axis is None:
        flat = np.zeros(out.size, dtype=out.dtype)
        np.add.at(flat, np.asarray(indices), g)
        return np.reshape(flat, shape)
    ax = int(axis) % len(shape)
    idx = (slice(None),) * ax + (np.asarray(indices),)
    np.add.at(out, idx, g)
    return out
