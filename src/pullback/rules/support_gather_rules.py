"""Derivative rules of the helpers in :mod:`pullback.rules.support_gather`, so
generated code that calls them can be differentiated again. Each is linear in
its first argument (the other arguments only fix positions and order), so its
reverse rule is its adjoint helper and its forward rule is itself."""

from .registry import jvp_of, nondifferentiable, vjp_of
from .support_gather import (along_axis_map, column_widths, flat_index, flat_scatter, flat_take,
                             hsplit_axis, join_columns, median_q, no_index, quantile_points,
                             sort_map, sorted_interp, sorted_interp_vjp, split_columns,
                             stable_argsort)


@vjp_of(flat_scatter)
def flat_scatter_vjp(h, ans, g, idx, like):
    return flat_take(h, idx), None, None


@jvp_of(flat_scatter)
def flat_scatter_jvp(t, ans, g, idx, like):
    return flat_scatter(t, idx, like), None, None


@vjp_of(flat_take)
def flat_take_vjp(h, ans, t, idx):
    return flat_scatter(h, idx, t), None


@jvp_of(flat_take)
def flat_take_jvp(s, ans, t, idx):
    return flat_take(s, idx), None


@vjp_of(sorted_interp)
def sorted_interp_rule_vjp(h, ans, t, a, q, axis=None, keepdims=False):
    return sorted_interp_vjp(h, a, q, axis, keepdims), None, None


@jvp_of(sorted_interp)
def sorted_interp_rule_jvp(s, ans, t, a, q, axis=None, keepdims=False):
    return sorted_interp(s, a, q, axis, keepdims), None, None


@vjp_of(sorted_interp_vjp)
def sorted_interp_vjp_vjp(h, ans, g, a, q, axis=None, keepdims=False):
    return sorted_interp(h, a, q, axis, keepdims), None, None


@jvp_of(sorted_interp_vjp)
def sorted_interp_vjp_jvp(s, ans, g, a, q, axis=None, keepdims=False):
    return sorted_interp_vjp(s, a, q, axis, keepdims), None, None


nondifferentiable(along_axis_map, flat_index, median_q, no_index, quantile_points, sort_map,
                  stable_argsort, family="support")


@vjp_of(split_columns)
def split_columns_vjp(h, ans, g, like):
    return join_columns(h, like), None


@jvp_of(split_columns)
def split_columns_jvp(t, ans, g, like):
    return split_columns(t, like), None


@vjp_of(join_columns)
def join_columns_vjp(h, ans, parts, like):
    return split_columns(h, like), None


@jvp_of(join_columns)
def join_columns_jvp(t, ans, parts, like):
    return join_columns(t, like), None


nondifferentiable(hsplit_axis, column_widths, family="support")
