"""Rules of functions that rearrange, combine or copy array elements.

All are linear, so each reverse rule is the adjoint rearrangement and each
forward rule applies the function itself to the tangent.

Sequence convention. ``np.concatenate``, ``np.stack``, ``np.hstack``,
``np.vstack`` and ``np.dstack`` take a *sequence* of arrays as their first
argument. Their reverse rule's first entry is a tuple with one cotangent per
element of the sequence (the transformer distributes it to the elements);
their forward rule receives ``t`` as a sequence with one tangent per element,
``None`` meaning zero. ``np.split`` / ``np.array_split`` return a list: their
reverse rule receives ``g`` as a list with one cotangent per piece, ``None``
meaning zero, and their forward rule returns a list of tangents. ``np.array``
of a (nested) list gives a (nested) list of cotangents in the same way.
"""

import builtins

import numpy as np

from ..runtime import unbroadcast, zeros_like
from .registry import jvp_of, vjp_of
from .support import inverse_perm, is_float_dtype, method_axes, negate_shift
from .support_shape import (concat_parts, diag_vjp, diagonal_vjp, pack_like, pad_vjp, repeat_vjp,
                            split_like, stack_parts, take_vjp, tile_vjp, unpack_like, unstack)


# ---------------------------------------------------------------- reshaping
@vjp_of(np.reshape)
def reshape_vjp(g, ans, a, shape=None, order="C", newshape=None, copy=None):
    return np.reshape(g, np.shape(a), order=order)


@jvp_of(np.reshape)
def reshape_jvp(t, ans, a, shape=None, order="C", newshape=None, copy=None):
    return np.reshape(t, np.shape(ans), order=order)


@vjp_of(np.ndarray.reshape)
def reshape_method_vjp(g, ans, a, *shape, order="C", copy=None):
    return np.reshape(g, np.shape(a), order=order)


@jvp_of(np.ndarray.reshape)
def reshape_method_jvp(t, ans, a, *shape, order="C", copy=None):
    return np.reshape(t, np.shape(ans), order=order)


@vjp_of(np.ravel, np.ndarray.ravel, np.ndarray.flatten)
def ravel_vjp(g, ans, a, order="C"):
    return np.reshape(g, np.shape(a), order=order)


@jvp_of(np.ravel, np.ndarray.ravel, np.ndarray.flatten)
def ravel_jvp(t, ans, a, order="C"):
    return np.reshape(t, np.shape(ans), order=order)


@vjp_of(np.squeeze, np.ndarray.squeeze)
def squeeze_vjp(g, ans, a, axis=None):
    return np.reshape(g, np.shape(a))


@jvp_of(np.squeeze, np.ndarray.squeeze)
def squeeze_jvp(t, ans, a, axis=None):
    return np.reshape(t, np.shape(ans))


@vjp_of(np.expand_dims)
def expand_dims_vjp(g, ans, a, axis):
    return np.reshape(g, np.shape(a))


@jvp_of(np.expand_dims)
def expand_dims_jvp(t, ans, a, axis):
    return np.reshape(t, np.shape(ans))


@vjp_of(np.broadcast_to)
def broadcast_to_vjp(g, ans, array, shape, subok=False):
    return unbroadcast(g, array)


@jvp_of(np.broadcast_to)
def broadcast_to_jvp(t, ans, array, shape, subok=False):
    return np.broadcast_to(t, shape)


# ---------------------------------------------------------------- axis order
@vjp_of(np.transpose, np.permute_dims)
def transpose_vjp(g, ans, a, axes=None):
    return np.transpose(g, inverse_perm(axes, np.ndim(a)))


@jvp_of(np.transpose, np.permute_dims)
def transpose_jvp(t, ans, a, axes=None):
    return np.transpose(t, axes)


@vjp_of(np.ndarray.transpose)
def transpose_method_vjp(g, ans, a, *axes):
    return np.transpose(g, inverse_perm(method_axes(axes), np.ndim(a)))


@jvp_of(np.ndarray.transpose)
def transpose_method_jvp(t, ans, a, *axes):
    return np.transpose(t, method_axes(axes))


@vjp_of(np.ndarray.T)
def T_vjp(g, ans, a):
    return np.transpose(g)


@jvp_of(np.ndarray.T)
def T_jvp(t, ans, a):
    return np.transpose(t)


@vjp_of(np.swapaxes, np.ndarray.swapaxes)
def swapaxes_vjp(g, ans, a, axis1, axis2):
    return np.swapaxes(g, axis1, axis2)


@jvp_of(np.swapaxes, np.ndarray.swapaxes)
def swapaxes_jvp(t, ans, a, axis1, axis2):
    return np.swapaxes(t, axis1, axis2)


@vjp_of(np.moveaxis)
def moveaxis_vjp(g, ans, a, source, destination):
    return np.moveaxis(g, destination, source)


@jvp_of(np.moveaxis)
def moveaxis_jvp(t, ans, a, source, destination):
    return np.moveaxis(t, source, destination)


@vjp_of(np.flip)
def flip_vjp(g, ans, m, axis=None):
    return np.flip(g, axis)


@jvp_of(np.flip)
def flip_jvp(t, ans, m, axis=None):
    return np.flip(t, axis)


@vjp_of(np.fliplr)
def fliplr_vjp(g, ans, m):
    return np.flip(g, 1)


@jvp_of(np.fliplr)
def fliplr_jvp(t, ans, m):
    return np.flip(t, 1)


@vjp_of(np.flipud)
def flipud_vjp(g, ans, m):
    return np.flip(g, 0)


@jvp_of(np.flipud)
def flipud_jvp(t, ans, m):
    return np.flip(t, 0)


@vjp_of(np.roll)
def roll_vjp(g, ans, a, shift, axis=None):
    return np.roll(g, negate_shift(shift), axis)


@jvp_of(np.roll)
def roll_jvp(t, ans, a, shift, axis=None):
    return np.roll(t, shift, axis)


# ---------------------------------------------------------------- joining and splitting
@vjp_of(np.concatenate)
def concatenate_vjp(g, ans, arrays, axis=0, out=None, dtype=None, casting="same_kind"):
    return split_like(g, arrays, axis, 0)


@jvp_of(np.concatenate)
def concatenate_jvp(t, ans, arrays, axis=0, out=None, dtype=None, casting="same_kind"):
    return concat_parts(t, arrays, axis, 0)


@vjp_of(np.hstack)
def hstack_vjp(g, ans, tup, dtype=None, casting="same_kind"):
    return split_like(g, tup, "h", 1)


@jvp_of(np.hstack)
def hstack_jvp(t, ans, tup, dtype=None, casting="same_kind"):
    return concat_parts(t, tup, "h", 1)


@vjp_of(np.vstack)
def vstack_vjp(g, ans, tup, dtype=None, casting="same_kind"):
    return split_like(g, tup, 0, 2)


@jvp_of(np.vstack)
def vstack_jvp(t, ans, tup, dtype=None, casting="same_kind"):
    return concat_parts(t, tup, 0, 2)


@vjp_of(np.dstack)
def dstack_vjp(g, ans, tup):
    return split_like(g, tup, 2, 3)


@jvp_of(np.dstack)
def dstack_jvp(t, ans, tup):
    return concat_parts(t, tup, 2, 3)


@vjp_of(np.stack)
def stack_vjp(g, ans, arrays, axis=0, out=None, dtype=None, casting="same_kind"):
    return unstack(g, arrays, axis)


@jvp_of(np.stack)
def stack_jvp(t, ans, arrays, axis=0, out=None, dtype=None, casting="same_kind"):
    return stack_parts(t, arrays, axis)


@vjp_of(np.split, np.array_split)
def split_vjp(g, ans, ary, indices_or_sections, axis=0):
    # g: one cotangent per piece (None = zero); ans: the pieces, for their shapes
    return concat_parts(g, ans, axis, 0)


@jvp_of(np.split, np.array_split)
def split_jvp(t, ans, ary, indices_or_sections, axis=0):
    return np.array_split(t, indices_or_sections, axis)


@vjp_of(np.tile)
def tile_rule_vjp(g, ans, A, reps):
    return tile_vjp(g, A, reps)


@jvp_of(np.tile)
def tile_rule_jvp(t, ans, A, reps):
    return np.tile(t, reps)


@vjp_of(np.repeat, np.ndarray.repeat)
def repeat_rule_vjp(g, ans, a, repeats, axis=None):
    return repeat_vjp(g, a, repeats, axis)


@jvp_of(np.repeat, np.ndarray.repeat)
def repeat_rule_jvp(t, ans, a, repeats, axis=None):
    return np.repeat(t, repeats, axis)


@vjp_of(np.pad)
def pad_rule_vjp(g, ans, array, pad_width, mode="constant", constant_values=0):
    return pad_vjp(g, array, pad_width, mode)


@jvp_of(np.pad)
def pad_rule_jvp(t, ans, array, pad_width, mode="constant", constant_values=0):
    # the padding constant has no tangent; the other modes copy elements (linear)
    return np.pad(t, pad_width) if mode == "constant" else np.pad(t, pad_width, mode=mode)


@vjp_of(np.take, np.ndarray.take)
def take_rule_vjp(g, ans, a, indices, axis=None, out=None, mode="raise"):
    return take_vjp(g, a, indices, axis)


@jvp_of(np.take, np.ndarray.take)
def take_rule_jvp(t, ans, a, indices, axis=None, out=None, mode="raise"):
    return np.take(t, indices, axis=axis)


# ---------------------------------------------------------------- diagonals and triangles
@vjp_of(np.diag)
def diag_rule_vjp(g, ans, v, k=0):
    return diag_vjp(g, v, k)


@jvp_of(np.diag)
def diag_rule_jvp(t, ans, v, k=0):
    return np.diag(t, k)


@vjp_of(np.diagonal, np.ndarray.diagonal)
def diagonal_rule_vjp(g, ans, a, offset=0, axis1=0, axis2=1):
    return diagonal_vjp(g, a, offset, axis1, axis2)


@jvp_of(np.diagonal, np.ndarray.diagonal)
def diagonal_rule_jvp(t, ans, a, offset=0, axis1=0, axis2=1):
    return np.diagonal(t, offset, axis1, axis2)


@vjp_of(np.triu)
def triu_vjp(g, ans, m, k=0):
    return np.triu(g, k)


@jvp_of(np.triu)
def triu_jvp(t, ans, m, k=0):
    return np.triu(t, k)


@vjp_of(np.tril)
def tril_vjp(g, ans, m, k=0):
    return np.tril(g, k)


@jvp_of(np.tril)
def tril_jvp(t, ans, m, k=0):
    return np.tril(t, k)


# ---------------------------------------------------------------- copies and conversions
@vjp_of(np.copy)
def copy_vjp(g, ans, a, order="K", subok=False):
    return g


@jvp_of(np.copy)
def copy_jvp(t, ans, a, order="K", subok=False):
    return t


@vjp_of(np.ndarray.copy)
def copy_method_vjp(g, ans, a, order="C"):
    return g


@jvp_of(np.ndarray.copy)
def copy_method_jvp(t, ans, a, order="C"):
    return t


@vjp_of(np.array)
def array_vjp(g, ans, object, dtype=None, copy=True, order="K", subok=False, ndmin=0):
    # for a (nested) list of arrays: a (nested) list of cotangents; an integer or
    # bool dtype truncates, so nothing flows back
    return unpack_like(g, object) if dtype is None or is_float_dtype(dtype) else zeros_like(object)


@jvp_of(np.array)
def array_jvp(t, ans, object, dtype=None, copy=True, order="K", subok=False, ndmin=0):
    return np.reshape(pack_like(t, object), np.shape(ans)) if dtype is None or \
        is_float_dtype(dtype) else zeros_like(ans)


@vjp_of(np.asarray, np.asanyarray, np.ascontiguousarray)
def asarray_vjp(g, ans, a, dtype=None, order=None):
    return unpack_like(g, a) if dtype is None or is_float_dtype(dtype) else zeros_like(a)


@jvp_of(np.asarray, np.asanyarray, np.ascontiguousarray)
def asarray_jvp(t, ans, a, dtype=None, order=None):
    return np.reshape(pack_like(t, a), np.shape(ans)) if dtype is None or \
        is_float_dtype(dtype) else zeros_like(ans)


@vjp_of(np.ndarray.astype)
def astype_vjp(g, ans, a, dtype, order="K", casting="unsafe", subok=True, copy=True):
    # only casts to a floating type carry a derivative; it is cast back
    return np.asarray(g, dtype=np.result_type(np.asarray(a).dtype, np.float16)) \
        if is_float_dtype(dtype) else zeros_like(a)


@jvp_of(np.ndarray.astype)
def astype_jvp(t, ans, a, dtype, order="K", casting="unsafe", subok=True, copy=True):
    return np.asarray(t, dtype=dtype) if is_float_dtype(dtype) else zeros_like(ans)


@vjp_of(np.float64, builtins.float)
def float64_vjp(g, ans, x=0.0):
    return g


@jvp_of(np.float64, builtins.float)
def float64_jvp(t, ans, x=0.0):
    return t
