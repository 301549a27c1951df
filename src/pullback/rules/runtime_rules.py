"""Derivative rules of the helpers in :mod:`pullback.runtime`.

Generated derivative code calls these helpers, so differentiating it again
(higher-order derivatives) needs their rules. Each is linear in the cotangent
it transports (``matmul_*_vjp`` are bilinear), so the reverse rule of one is
the forward map it is the adjoint of.
"""

import numpy as np

from ..checks import fresh_result, same_function, sequence
from ..runtime import (along_axis_index, check_view_of, view_index, shape_of, add_lists, add_maybe, as_list, broadcast_like, check_inplace, check_not_view, check_unique_write,
                       getitem_vjp, holds_floats, item_or_none, matmul_lhs_vjp, matmul_rhs_vjp, one_hot,
                       owned_copy, reduced_count, seed, setitem_tangent, setitem_value_vjp,
                       snapshot, tangent_or_zeros, unbroadcast, unreduce, zero_at,
                       zeros_if_none, zeros_like)
from .registry import jvp_of, nondifferentiable, vjp_of


@vjp_of(unbroadcast)
def unbroadcast_vjp(h, ans, g, x):
    # unbroadcast sums g down to x's shape (or, if g has fewer dims, broadcasts it)
    return (np.broadcast_to(h, np.shape(g)) if np.ndim(g) >= np.ndim(x) else unbroadcast(h, g),
            None)


@jvp_of(unbroadcast)
def unbroadcast_jvp(t, ans, g, x):
    return unbroadcast(t, x), None


@vjp_of(broadcast_like)
def broadcast_like_vjp(h, ans, t, like):
    return unbroadcast(h, t), None


@jvp_of(broadcast_like)
def broadcast_like_jvp(s, ans, t, like):
    return broadcast_like(s, like), None


@vjp_of(unreduce)
def unreduce_vjp(h, ans, g, x, axis=None, keepdims=False):
    return np.reshape(np.sum(h, axis=axis, keepdims=keepdims), np.shape(g)), None


@jvp_of(unreduce)
def unreduce_jvp(t, ans, g, x, axis=None, keepdims=False):
    return unreduce(t, x, axis, keepdims), None


@vjp_of(getitem_vjp)
def getitem_vjp_vjp(h, ans, g, x, idx):
    return unbroadcast(np.asarray(h)[idx], g), None, None


@jvp_of(getitem_vjp)
def getitem_vjp_jvp(t, ans, g, x, idx):
    return getitem_vjp(t, x, idx), None, None


# matmul_lhs_vjp(g, x, y) is bilinear in (g, y); x gives only the shape.
@vjp_of(matmul_lhs_vjp)
def matmul_lhs_vjp_vjp(h, ans, g, x, y):
    return unbroadcast(np.matmul(h, y), g), None, matmul_rhs_vjp(g, h, y)


@jvp_of(matmul_lhs_vjp)
def matmul_lhs_vjp_jvp(t, ans, g, x, y):
    return matmul_lhs_vjp(t, x, y), None, matmul_lhs_vjp(g, x, t)


# matmul_rhs_vjp(g, x, y) is bilinear in (g, x); y gives only the shape.
@vjp_of(matmul_rhs_vjp)
def matmul_rhs_vjp_vjp(h, ans, g, x, y):
    return unbroadcast(np.matmul(x, h), g), matmul_lhs_vjp(g, x, h), None


@jvp_of(matmul_rhs_vjp)
def matmul_rhs_vjp_jvp(t, ans, g, x, y):
    return matmul_rhs_vjp(t, x, y), matmul_rhs_vjp(g, t, y), None


@vjp_of(zero_at)
def zero_at_vjp(h, ans, g, idx):
    return zero_at(h, idx), None


@jvp_of(zero_at)
def zero_at_jvp(t, ans, g, idx):
    return zero_at(t, idx), None


@vjp_of(setitem_value_vjp)
def setitem_value_vjp_vjp(h, ans, g, idx, v, into=None):
    # the adjoint of "take g[idx], sum down to v's shape": scatter h, broadcast
    return (getitem_vjp(h, g, idx) if holds_floats(into) else zeros_like(g)), None, None, None


@jvp_of(setitem_value_vjp)
def setitem_value_vjp_jvp(t, ans, g, idx, v, into=None):
    return setitem_value_vjp(t, idx, v, into), None, None, None


@vjp_of(add_maybe)
def add_maybe_vjp(h, ans, a, c):
    return h, h


@jvp_of(add_maybe)
def add_maybe_jvp(t, ans, a, c):
    return t, t


@vjp_of(zeros_if_none)
def zeros_if_none_vjp(h, ans, c, x):
    return h, None


@jvp_of(zeros_if_none)
def zeros_if_none_jvp(t, ans, c, x):
    return t, None


@jvp_of(item_or_none)
def item_or_none_jvp(t, ans, c, i):
    return item_or_none(t, i), None


@vjp_of(fresh_result)
def fresh_result_vjp(h, ans, value, args, text):
    return h, None, None


@jvp_of(fresh_result)
def fresh_result_jvp(t, ans, value, args, text):
    # the value is checked new; its tangent is made new (it may be the argument's)
    return snapshot(t), None, None


@vjp_of(snapshot)
def snapshot_vjp(h, ans, x):
    return h


@jvp_of(snapshot)
def snapshot_jvp(t, ans, x):
    return t


@vjp_of(setitem_tangent)
def setitem_tangent_vjp(h, ans, kt, idx, vt, into=None):
    return zero_at(h, idx), None, setitem_value_vjp(h, idx, vt, into), None


@jvp_of(setitem_tangent)
def setitem_tangent_jvp(t, ans, kt, idx, vt, into=None):
    return zero_at(t, idx), None, setitem_tangent(zeros_like(kt), idx, t, into), None


@vjp_of(owned_copy)
def owned_copy_vjp(h, ans, g):
    return h


@jvp_of(owned_copy)
def owned_copy_jvp(t, ans, g):
    return t


@vjp_of(tangent_or_zeros)
def tangent_or_zeros_vjp(h, ans, t, x):
    return h, None


@jvp_of(tangent_or_zeros)
def tangent_or_zeros_jvp(s, ans, t, x):
    return s, None


nondifferentiable(shape_of, reduced_count, check_unique_write, holds_floats, check_inplace, check_not_view, as_list, add_lists, seed,
                  zeros_like, one_hot, view_index, check_view_of, along_axis_index, same_function,
                  sequence,
                  family="runtime")
