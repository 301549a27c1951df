"""Derivative rules of the helpers in :mod:`pullback.rules.support`.

Generated derivative code calls those helpers, and is itself differentiated
for higher-order derivatives, so each helper with a differentiable input needs
rules. Almost all are linear in their first argument: the reverse rule of a
helper is then the forward map it is the adjoint of, and vice versa. Helpers
computing only shapes, axes or masks are non-differentiable.

Sequence-valued helpers (``split_like``, ``unstack``, ``fanout``,
``unpack_like``) receive their cotangent as a sequence whose entries may be
``None`` (zero); sequence-taking helpers return one sequence of cotangents as
their first entry, like ``np.concatenate``.
"""

import numpy as np

from .registry import jvp_of, nondifferentiable, vjp_of
from .support import (average_weights, clip_mask, dot_axes, group_axes, inner_axes, inverse_perm,
                      is_float_dtype, method_axes, negate_shift, norm_axes, norm_case,
                      norm_svd_weights, norm_weights, second_order_not_implemented, prod_others,
                      tensordot_axes, tensordot_lhs_vjp, tensordot_rhs_vjp, ungroup_axes)
from .support_shape import (concat_parts, diag_vjp, diagonal_vjp, fanout, pack_like, pad_vjp,
                            pad_width_pairs, repeat_vjp, split_like, stack_parts, sum_parts,
                            take_vjp, tile_vjp, unpack_like, unstack)
from .support_einsum import einsum_cotangents


@vjp_of(group_axes)
def group_axes_vjp(g, ans, a, axis):
    return ungroup_axes(g, a, axis)


@jvp_of(group_axes)
def group_axes_jvp(t, ans, a, axis):
    return group_axes(t, axis)


@vjp_of(ungroup_axes)
def ungroup_axes_vjp(g, ans, b, a, axis):
    return group_axes(g, axis), None


@jvp_of(ungroup_axes)
def ungroup_axes_jvp(t, ans, b, a, axis):
    return ungroup_axes(t, a, axis), None


@vjp_of(prod_others)
def prod_others_vjp(g, ans, a, axis=None):
    # m[..., i, k] = product of the group without elements i and k (0 on i == k)
    p = group_axes(a, axis)
    e = np.eye(np.shape(p)[-1], dtype=bool)
    m = np.where(e, 0.0, prod_others(np.where(e, 1.0, np.expand_dims(p, -2)), -1))
    return ungroup_axes(np.sum(m * np.expand_dims(group_axes(g, axis), -1), axis=-2), a, axis)


@jvp_of(prod_others)
def prod_others_jvp(t, ans, a, axis=None):
    p = group_axes(a, axis)
    e = np.eye(np.shape(p)[-1], dtype=bool)
    m = np.where(e, 0.0, prod_others(np.where(e, 1.0, np.expand_dims(p, -2)), -1))
    return ungroup_axes(np.sum(m * np.expand_dims(group_axes(t, axis), -2), axis=-1), a, axis)


@vjp_of(split_like)
def split_like_vjp(g, ans, x, like, axis=0, ndmin=0):
    return concat_parts(g, like, axis, ndmin), None


@jvp_of(split_like)
def split_like_jvp(t, ans, x, like, axis=0, ndmin=0):
    return split_like(t, like, axis, ndmin), None


@vjp_of(concat_parts)
def concat_parts_vjp(g, ans, parts, like, axis=0, ndmin=0):
    return split_like(g, like, axis, ndmin), None


@jvp_of(concat_parts)
def concat_parts_jvp(t, ans, parts, like, axis=0, ndmin=0):
    return concat_parts(t, like, axis, ndmin), None


@vjp_of(unstack)
def unstack_vjp(g, ans, x, like, axis=0):
    return stack_parts(g, like, axis), None


@jvp_of(unstack)
def unstack_jvp(t, ans, x, like, axis=0):
    return unstack(t, like, axis), None


@vjp_of(stack_parts)
def stack_parts_vjp(g, ans, parts, like, axis=0):
    return unstack(g, like, axis), None


@jvp_of(stack_parts)
def stack_parts_jvp(t, ans, parts, like, axis=0):
    return stack_parts(t, like, axis), None


@vjp_of(fanout)
def fanout_vjp(g, ans, x, seq):
    return sum_parts(g, x), None


@jvp_of(fanout)
def fanout_jvp(t, ans, x, seq):
    return fanout(t, seq), None


@vjp_of(sum_parts)
def sum_parts_vjp(g, ans, parts, like):
    return fanout(g, parts), None


@jvp_of(sum_parts)
def sum_parts_jvp(t, ans, parts, like):
    return sum_parts(t, like), None


@vjp_of(unpack_like)
def unpack_like_vjp(g, ans, x, obj):
    return pack_like(g, obj), None


@jvp_of(unpack_like)
def unpack_like_jvp(t, ans, x, obj):
    return unpack_like(t, obj), None


@vjp_of(pack_like)
def pack_like_vjp(g, ans, parts, obj):
    return unpack_like(g, obj), None


@jvp_of(pack_like)
def pack_like_jvp(t, ans, parts, obj):
    return pack_like(t, obj), None


@vjp_of(tile_vjp)
def tile_vjp_vjp(g, ans, x, a, reps):
    return np.tile(g, reps), None


@jvp_of(tile_vjp)
def tile_vjp_jvp(t, ans, x, a, reps):
    return tile_vjp(t, a, reps), None


@vjp_of(repeat_vjp)
def repeat_vjp_vjp(g, ans, x, a, repeats, axis=None):
    return np.repeat(g, repeats, axis), None


@jvp_of(repeat_vjp)
def repeat_vjp_jvp(t, ans, x, a, repeats, axis=None):
    return repeat_vjp(t, a, repeats, axis), None


@vjp_of(diag_vjp)
def diag_vjp_vjp(g, ans, x, v, k=0):
    return np.diag(g, k), None


@jvp_of(diag_vjp)
def diag_vjp_jvp(t, ans, x, v, k=0):
    return diag_vjp(t, v, k), None


@vjp_of(diagonal_vjp)
def diagonal_vjp_vjp(g, ans, x, a, offset=0, axis1=0, axis2=1):
    return np.diagonal(g, offset, axis1, axis2), None


@jvp_of(diagonal_vjp)
def diagonal_vjp_jvp(t, ans, x, a, offset=0, axis1=0, axis2=1):
    return diagonal_vjp(t, a, offset, axis1, axis2), None


@vjp_of(pad_vjp)
def pad_vjp_vjp(g, ans, x, array, pad_width, mode="constant"):
    return np.pad(g, pad_width), None


@jvp_of(pad_vjp)
def pad_vjp_jvp(t, ans, x, array, pad_width, mode="constant"):
    return pad_vjp(t, array, pad_width, mode), None


@vjp_of(take_vjp)
def take_vjp_vjp(g, ans, x, a, indices, axis=None):
    return np.take(g, indices, axis=axis), None


@jvp_of(take_vjp)
def take_vjp_jvp(t, ans, x, a, indices, axis=None):
    return take_vjp(t, a, indices, axis), None


# tensordot_lhs_vjp(g, a, b) is bilinear in (g, b); a gives only the shape.
@vjp_of(tensordot_lhs_vjp)
def tensordot_lhs_vjp_vjp(h, ans, g, a, b, axes=2):
    return np.tensordot(h, b, axes), None, tensordot_rhs_vjp(g, h, b, axes)


@jvp_of(tensordot_lhs_vjp)
def tensordot_lhs_vjp_jvp(t, ans, g, a, b, axes=2):
    return tensordot_lhs_vjp(t, a, b, axes), None, tensordot_lhs_vjp(g, a, t, axes)


# tensordot_rhs_vjp(g, a, b) is bilinear in (g, a); b gives only the shape.
@vjp_of(tensordot_rhs_vjp)
def tensordot_rhs_vjp_vjp(h, ans, g, a, b, axes=2):
    return np.tensordot(a, h, axes), tensordot_lhs_vjp(g, a, h, axes), None


@jvp_of(tensordot_rhs_vjp)
def tensordot_rhs_vjp_jvp(t, ans, g, a, b, axes=2):
    return tensordot_rhs_vjp(t, a, b, axes), tensordot_rhs_vjp(g, t, b, axes), None


# einsum_cotangents is linear in g (only that derivative is provided; its
# dependence on the operands would need a rule per operand count).
@jvp_of(einsum_cotangents)
def einsum_cotangents_jvp(t, ans, g, operands):
    return (einsum_cotangents(t, operands),
            second_order_not_implemented("np.einsum with respect to its operands"))


# The matrix norms made of singular values have first derivatives only: a second
# derivative raises when it is needed, never a silent zero.
@vjp_of(norm_svd_weights)
def norm_svd_weights_vjp(h, ans, x, ord, axis):
    return second_order_not_implemented("np.linalg.norm with ord=2, -2 or 'nuc' of a matrix")


@jvp_of(norm_svd_weights)
def norm_svd_weights_jvp(t, ans, x, ord, axis):
    return second_order_not_implemented("np.linalg.norm with ord=2, -2 or 'nuc' of a matrix")


nondifferentiable(average_weights, clip_mask, dot_axes, inner_axes, inverse_perm, is_float_dtype, method_axes,
                  negate_shift, norm_axes, norm_case, norm_weights, pad_width_pairs,
                  tensordot_axes, family="support")
