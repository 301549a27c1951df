"""Rules of the copying functions that :mod:`pullback.rules.shape` lacks:
rot90, rollaxis, atleast_Nd, vsplit/hsplit/dsplit, row_stack, column_stack,
append, insert and delete.

Each is linear: the forward rule applies the function to the tangent, and the
reverse rule sums the cotangent back into the elements it copies, found by
applying the same function to each element's flat index
(:func:`pullback.rules.support_gather.flat_index`).
"""

import numpy as np

from ..runtime import zeros_like
from .registry import jvp_of, vjp_of
from .support_gather import (flat_index, flat_scatter, hsplit_axis, join_columns, no_index,
                             split_columns)
from .support_shape import concat_parts, split_like


@vjp_of(np.rot90)
def rot90_vjp(g, ans, m, k=1, axes=(0, 1)):
    return np.rot90(g, -k, axes)


@jvp_of(np.rot90)
def rot90_jvp(t, ans, m, k=1, axes=(0, 1)):
    return np.rot90(t, k, axes)


@vjp_of(np.rollaxis)
def rollaxis_vjp(g, ans, a, axis, start=0):
    return flat_scatter(g, np.rollaxis(flat_index(a), axis, start), a)


@jvp_of(np.rollaxis)
def rollaxis_jvp(t, ans, a, axis, start=0):
    return np.rollaxis(t, axis, start)


# one array only: several arrays give a tuple (refused: too many arguments)
@vjp_of(np.atleast_1d, np.atleast_2d, np.atleast_3d)
def atleast_vjp(g, ans, ary):
    return np.reshape(g, np.shape(ary))


@jvp_of(np.atleast_1d, np.atleast_2d, np.atleast_3d)
def atleast_jvp(t, ans, ary):
    return np.reshape(t, np.shape(ans))


@vjp_of(np.vsplit)
def vsplit_vjp(g, ans, ary, indices_or_sections):
    return concat_parts(g, ans, 0, 0)


@jvp_of(np.vsplit)
def vsplit_jvp(t, ans, ary, indices_or_sections):
    return np.vsplit(t, indices_or_sections)


@vjp_of(np.hsplit)
def hsplit_vjp(g, ans, ary, indices_or_sections):
    return concat_parts(g, ans, hsplit_axis(ary), 0)


@jvp_of(np.hsplit)
def hsplit_jvp(t, ans, ary, indices_or_sections):
    return np.hsplit(t, indices_or_sections)


@vjp_of(np.dsplit)
def dsplit_vjp(g, ans, ary, indices_or_sections):
    return concat_parts(g, ans, 2, 0)


@jvp_of(np.dsplit)
def dsplit_jvp(t, ans, ary, indices_or_sections):
    return np.dsplit(t, indices_or_sections)


#: np.row_stack, an alias NumPy 2.5 removed: a rule only where it exists
ROW_STACK = tuple(f for f in (getattr(np, "row_stack", None),) if f is not None)


@vjp_of(*ROW_STACK)
def row_stack_vjp(g, ans, tup, dtype=None, casting="same_kind"):
    return split_like(g, tup, 0, 2)


@jvp_of(*ROW_STACK)
def row_stack_jvp(t, ans, tup, dtype=None, casting="same_kind"):
    return concat_parts(t, tup, 0, 2)


@vjp_of(np.column_stack)
def column_stack_vjp(g, ans, tup):
    return split_columns(g, tup)


@jvp_of(np.column_stack)
def column_stack_jvp(t, ans, tup):
    return join_columns(t, tup)


@vjp_of(np.append)
def append_vjp(g, ans, arr, values, axis=None):
    return (flat_scatter(g, np.append(flat_index(arr), no_index(values), axis), arr),
            flat_scatter(g, np.append(no_index(arr), flat_index(values), axis), values))


@jvp_of(np.append)
def append_jvp(t, ans, arr, values, axis=None):
    return np.append(t, zeros_like(values), axis), np.append(zeros_like(arr), t, axis)


@vjp_of(np.insert)
def insert_vjp(g, ans, arr, obj, values, axis=None):
    return (flat_scatter(g, np.insert(flat_index(arr), obj, no_index(values), axis), arr), None,
            flat_scatter(g, np.insert(no_index(arr), obj, flat_index(values), axis), values))


@jvp_of(np.insert)
def insert_jvp(t, ans, arr, obj, values, axis=None):
    return (np.insert(t, obj, zeros_like(values), axis), None,
            np.insert(zeros_like(arr), obj, t, axis))


@vjp_of(np.delete)
def delete_vjp(g, ans, arr, obj, axis=None):
    return flat_scatter(g, np.delete(flat_index(arr), obj, axis), arr)


@jvp_of(np.delete)
def delete_jvp(t, ans, arr, obj, axis=None):
    return np.delete(t, obj, axis)
