"""Helpers that generated derivative code calls at run time.

They do bookkeeping NumPy has no single function for (undoing broadcasting,
scattering a cotangent back into an indexed array). Each is small, pure (never
mutates an argument) and has derivative rules of its own in
:mod:`pullback.rules.runtime_rules`, so generated code can be differentiated again.
"""

from __future__ import annotations

import numbers
import operator

import numpy as np

from .errors import PullbackError


def unbroadcast(g, x):
    """Sum ``g`` down to the shape of ``x``: the adjoint of NumPy broadcasting."""
    shape = np.shape(x)
    gshape = np.shape(g)
    if gshape == shape:
        return g
    g = np.asarray(g)
    if g.ndim < len(shape):
        return np.broadcast_to(g, shape)
    lead = g.ndim - len(shape)
    if lead:
        g = g.sum(axis=tuple(range(lead)))
    axes = tuple(i for i, n in enumerate(shape) if n == 1 and g.shape[i] != 1)
    if axes:
        g = g.sum(axis=axes, keepdims=True)
    return g


class ShapeOf:
    """What the tape keeps of a value the adjoint sweep needs only the shape of
    (the second argument of ``unbroadcast``): ``np.shape`` and ``np.ndim`` read it
    as they read the value itself, at the cost of a tuple instead of an array."""

    __slots__ = ("shape",)

    def __init__(self, shape):
        self.shape = shape

    @property
    def ndim(self):
        return len(self.shape)

    def __repr__(self):
        return f"ShapeOf({self.shape})"


def shape_of(x):
    """A :class:`ShapeOf` standing for the array ``x`` on the tape; anything else
    (a number, ``None`` for a name not assigned yet) is smaller as it is."""
    if isinstance(x, np.ndarray):
        return ShapeOf(x.shape)
    return x


def broadcast_like(t, ans):
    """Broadcast a tangent ``t`` to the shape of the output ``ans``."""
    shape = np.shape(ans)
    if np.shape(t) == shape:
        return t
    return np.broadcast_to(t, shape)


def _axes(axis, ndim):
    if axis is None:
        return tuple(range(ndim))
    if isinstance(axis, (tuple, list)):
        return tuple(sorted(a % ndim for a in axis))
    return (axis % ndim,)


def unreduce(g, x, axis=None, keepdims=False):
    """Broadcast the cotangent ``g`` of a reduction back to the shape of ``x``."""
    shape = np.shape(x)
    if not keepdims:
        g = np.expand_dims(g, _axes(axis, len(shape))) if shape else g
    return np.broadcast_to(g, shape)


def reduced_count(x, axis=None):
    """How many elements of ``x`` each output of a reduction over ``axis`` sees."""
    shape = np.shape(x)
    n = 1
    for a in _axes(axis, len(shape)):
        n *= shape[a]
    return n


def _is_basic_index(idx) -> bool:
    parts = idx if isinstance(idx, tuple) else (idx,)
    for p in parts:
        if p is None or p is Ellipsis or isinstance(p, slice):
            continue
        if isinstance(p, (bool, np.bool_)):
            return False
        if isinstance(p, numbers.Integral):
            continue
        return False
    return True


def float_dtype(*values):
    """The floating dtype a cotangent of these values has (float64 for ints)."""
    dt = np.result_type(*[np.asarray(v).dtype for v in values])
    return dt if np.issubdtype(dt, np.inexact) else np.dtype(np.float64)


def getitem_vjp(g, x, idx):
    """Cotangent of ``x`` for ``x[idx]`` with output cotangent ``g``.

    Repeated indices accumulate (torch's index backward does the same).
    """
    out = np.zeros(np.shape(x), dtype=float_dtype(g, x))
    if _is_basic_index(idx):
        out[idx] = g
    else:
        np.add.at(out, idx, g)
    return out


def check_unique_write(shape, idx):
    """Refuse an indexed write whose index array names one element twice.

    NumPy does not define which of the written values survives, so no
    derivative can be the right one.
    """
    if _is_basic_index(idx):
        return
    hits = np.zeros(shape, dtype=np.intp)
    np.add.at(hits, idx, 1)
    if hits.size and hits.max() > 1:
        raise PullbackError(
            "indexed assignment writes the same element more than once; NumPy "
            "does not define which value survives, so it has no derivative. "
            "Use np.add.at or build the array without repeated indices.")


def holds_floats(into) -> bool:
    """Whether an indexed write into ``into`` keeps the written value's derivative
    (``None``: known to be a float array when the derivative was built). An
    integer or bool array truncates what is written into it: no derivative."""
    return into is None or np.issubdtype(np.asarray(into).dtype, np.inexact)


def setitem_value_vjp(g, idx, v, into=None):
    """Cotangent of ``v`` in ``into[idx] = v``: what reached the written elements
    (a copy: the caller zeroes those elements of ``g`` next); zero when ``into``
    is an integer array."""
    if not _is_basic_index(idx):
        check_unique_write(np.shape(g), idx)
    if not holds_floats(into):
        return zeros_like(v)
    return np.array(unbroadcast(np.asarray(g)[idx], v), copy=True)


def owned_copy(g):
    """A writable array of its own holding ``g`` (before in-place accumulation)."""
    return np.array(g, dtype=float_dtype(g), copy=True)


def zero_at(g, idx):
    """A copy of ``g`` with the elements at ``idx`` set to zero (they were
    overwritten, so nothing before the write reaches them)."""
    out = np.array(g, copy=True)
    out[idx] = 0
    return out


def zeros_if_none(c, x):
    """A user rule's cotangent, with ``None`` meaning zeros shaped like ``x``."""
    if c is None:
        return zeros_like(x)
    return c


def item_or_none(c, i):
    """Entry ``i`` of a user rule's cotangent for a tuple argument (``None``, no
    derivative, for all of its entries)."""
    return None if c is None else c[i]


def snapshot(x):
    """Copy an array that may share memory with one the program later writes."""
    if isinstance(x, np.ndarray):
        return x.copy()
    return x


def matmul_lhs_vjp(g, x, y):
    """Cotangent of ``x`` in ``x @ y`` (any ranks NumPy's matmul accepts)."""
    g = np.asarray(g)
    xd, yd = np.ndim(x), np.ndim(y)
    if yd == 1:
        if xd == 1:
            return g * y
        return unbroadcast(g[..., None] * y, x)
    if xd == 1:
        return unbroadcast(np.matmul(g[..., None, :], np.swapaxes(y, -1, -2))[..., 0, :], x)
    return unbroadcast(np.matmul(g, np.swapaxes(y, -1, -2)), x)


def matmul_rhs_vjp(g, x, y):
    """Cotangent of ``y`` in ``x @ y`` (any ranks NumPy's matmul accepts)."""
    g = np.asarray(g)
    xd, yd = np.ndim(x), np.ndim(y)
    if xd == 1:
        if yd == 1:
            return g * x
        return unbroadcast(x[:, None] * g[..., None, :], y)
    if yd == 1:
        return unbroadcast(np.matmul(np.swapaxes(x, -1, -2), g[..., None])[..., 0], y)
    return unbroadcast(np.matmul(np.swapaxes(x, -1, -2), g), y)


def seed(out):
    """The cotangent 1 for a scalar output of ``grad``, shaped and typed like it."""
    if isinstance(out, (float, int)) and not isinstance(out, bool):
        return 1.0
    return np.ones_like(out, dtype=float_dtype(out))


def zeros_like(x):
    """A zero cotangent shaped like ``x`` (float, even for integer ``x``); for a
    list, a list of them."""
    if x is None:
        return 0.0
    if isinstance(x, list):
        return [zeros_like(v) for v in x]
    dt = float_dtype(x)
    return np.zeros(np.shape(x), dtype=dt) if np.ndim(x) else dt.type(0)


def setitem_tangent(kt, idx, vt, into=None):
    """Tangent of ``k`` after ``k[idx] = v``: a copy of ``kt`` holding ``vt`` at
    ``idx`` (zero there when ``into``, the array ``k``, holds integers)."""
    out = np.array(kt, dtype=float_dtype(kt, vt), copy=True)
    out[idx] = vt if holds_floats(into) else 0
    return out


def tangent_or_zeros(t, x):
    """A tangent, with ``None`` (no derivative) meaning zeros shaped like ``x``."""
    return zeros_like(x) if t is None else t


def check_not_view(x, name):
    """Refuse ``x op= e`` when ``x`` is an array another name may share.

    NumPy would then change what the other name sees too; pullback computes
    ``x = x op e`` (a new array), which means something else. Floats and NumPy
    scalars are simply rebound, as in NumPy: they pass.
    """
    if isinstance(x, np.ndarray):
        raise PullbackError(
            f"`{name} op= ...` on an array that another name may share (a view, an alias "
            f"or an element of a list): NumPy would change it there too. Write "
            f"`{name} = {name} op ...` for a new array, or take a copy first "
            f"({name} = ....copy())")


def check_inplace(x, e, op):
    """``x op= e`` (``op`` an :mod:`operator` name such as ``"iadd"``) or
    ``np.copyto(x, e)`` on an array writes into ``x``: NumPy raises when the
    result does not keep ``x``'s shape or cannot be cast to its dtype
    ('same_kind'). Then raise NumPy's own error, by doing it on a copy (an
    integer or bool ``x`` is always tried: its dtype rules are the ufunc's)."""
    if not isinstance(x, np.ndarray):
        return
    if op == "cast":  # x op= e through a view of x: NumPy's 'same_kind' rule for the result
        if not np.can_cast(np.result_type(e), x.dtype, "same_kind"):
            np.copyto(np.empty((), x.dtype), np.zeros((), np.result_type(e)), casting="same_kind")
        return
    if op == "copyto":
        if np.broadcast_shapes(x.shape, np.shape(e)) != x.shape or \
                not np.can_cast(np.result_type(e), x.dtype, "same_kind"):
            np.copyto(np.empty_like(x), e)
        return
    if x.dtype.kind not in "fc" or (op != "imatmul" and
                                    np.broadcast_shapes(x.shape, np.shape(e)) != x.shape):
        getattr(operator, op)(x.copy(), e)


def as_list(c):
    """The cotangent of a growing list: a list of its own (popped by the adjoint)."""
    return list(c)


def add_lists(a, b):
    """Two cotangents of the same list, added element by element (None is zero)."""
    return [y if x is None else x if y is None else x + y for x, y in zip(a, b)]


def one_hot(x, j):
    """The ``j``-th unit direction shaped like ``x`` (a Jacobian's ``j``-th column
    is the derivative along it)."""
    e = np.zeros(np.size(x), dtype=float_dtype(x))
    e[j] = 1.0
    return e.reshape(np.shape(x)) if np.ndim(x) else e[0]


def add_maybe(a, c):
    """Two cotangents of one variable, either of which may be ``None``: no cotangent
    reached it on the path taken (a zero never multiplied into an infinite partial)."""
    if a is None:
        return c
    return a if c is None else a + c


# -- writes through views -------------------------------------------------------------
def _apply_view(a, op):
    kind = op[0]
    if kind == "index":
        return a[op[1]]
    if kind == "T":
        return a.T
    if kind == "transpose":
        return a.transpose(*op[1:])
    if kind == "swapaxes":
        return a.swapaxes(op[1], op[2])
    if kind == "reshape":
        return a.reshape(*op[1:])
    if kind == "ravel":
        return a.ravel()
    if kind in ("squeeze", "view"):
        return getattr(a, kind)(*op[1:])
    if kind == "fn":  # a NumPy function of the array: np.moveaxis(a, 0, 1), ...
        return op[1](a, *op[2:])
    if kind == "pick":  # one piece of np.split(a, ...)
        return op[1](a, *op[2:-1])[op[-1]]
    raise ValueError(f"unknown view operation {kind!r}")


def view_index(base, ops, idx):
    """The index into ``base`` (a tuple of int arrays, or of ints) of the elements
    that ``<view of base>[idx]`` names, where the view is ``ops`` applied in turn
    (``("index", i)``, ``("T",)``, ``("reshape", 6)``, ...). A write through a
    view is then a write into ``base`` itself: the same ``ops`` applied to an
    array of ``base``'s flat positions say which elements it reaches.

    A ``reshape``/``ravel`` that NumPy had to copy writes into the copy, not into
    ``base``: that is refused (``PullbackError``) rather than given another meaning."""
    view, pos = base, np.arange(np.size(base)).reshape(np.shape(base))
    for op in ops:
        view, pos = _apply_view(view, op), _apply_view(pos, op)
    if op_copies(ops) and not np.may_share_memory(view, base):
        raise PullbackError(
            "a write through a reshape/ravel that NumPy had to copy (the array's memory "
            "is not laid out for it) changes only the copy; write into the array itself")
    return np.unravel_index(pos[idx], np.shape(base))


_MAY_COPY = (np.reshape, np.ravel, np.asarray, np.asanyarray)


def op_copies(ops) -> bool:
    """Whether a chain of view operations may copy (``reshape``, ``ravel``)."""
    return any(op[0] in ("reshape", "ravel", "view") or op[0] == "fn" and op[1] in _MAY_COPY
               for op in ops)


def check_view_of(view, base, text):
    """Refuse a name pullback follows as a view of ``base`` (``text`` is the user's
    expression) where NumPy made something else: a copy (a ``reshape`` the memory
    layout does not allow, ``k[1]`` of a vector, which is a number) or no array.
    Later writes into ``base`` would not reach it in NumPy."""
    if not (isinstance(view, np.ndarray) and np.may_share_memory(view, base)):
        raise PullbackError(
            f"`{text}` is not a view of the array here (NumPy made a copy or a number), "
            f"so later writes into the array do not reach it; pullback followed it as a "
            f"view. Take it with `.copy()` (or `float(...)`) if a copy is what you mean")


def along_axis_index(shape, indices, axis):
    """The index into an array of ``shape`` that ``np.put_along_axis(a, indices,
    values, axis)`` writes (and ``take_along_axis`` reads): ``indices`` along
    ``axis``, every position along the others (the flat positions for ``None``)."""
    indices = np.asarray(indices)
    if not np.issubdtype(indices.dtype, np.integer):
        raise IndexError("`indices` must be an integer array")
    if axis is None:
        return np.unravel_index(indices.ravel(), shape)
    ndim = len(shape)
    if indices.ndim != ndim:
        raise ValueError("`indices` and `arr` must have the same number of dimensions")
    axis = axis + ndim if axis < 0 else axis
    index = []
    for d in range(ndim):
        if d == axis:
            index.append(indices)
        else:
            index.append(np.arange(shape[d]).reshape((1,) * d + (-1,) + (1,) * (ndim - d - 1)))
    return tuple(index)
