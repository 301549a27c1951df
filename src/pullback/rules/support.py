"""Pure helper functions that rule bodies call for logic that is not one expression.

Rule bodies are inlined into generated code, so anything needing branches or
loops (axis bookkeeping, splitting a cotangent into pieces) lives here. Every
helper that takes a differentiable input has derivative rules of its own (in
:mod:`pullback.rules.support_rules`), so generated code can be differentiated
again; helpers that only compute shapes, masks or indices are declared
non-differentiable there. No helper mutates its arguments.
"""

from __future__ import annotations

import numpy as np



# ---------------------------------------------------------------- axes / shapes
def norm_axes(axis, ndim):
    """``axis`` (None, int or tuple) as a sorted tuple of non-negative axes."""
    if axis is None:
        return tuple(range(ndim))
    if isinstance(axis, (tuple, list)):
        return tuple(sorted(int(a) % ndim for a in axis))
    return (int(axis) % ndim,)


def inverse_perm(axes, ndim):
    """The permutation undoing ``np.transpose(x, axes)`` (reversal when None)."""
    if axes is None:
        return tuple(reversed(range(ndim)))
    inv = [0] * len(axes)
    for i, a in enumerate(axes):
        inv[int(a) % ndim] = i
    return tuple(inv)


def method_axes(axes):
    """Normalise the varargs of ``x.transpose(*axes)`` to NumPy's ``axes``."""
    if len(axes) == 0 or (len(axes) == 1 and axes[0] is None):
        return None
    if len(axes) == 1 and isinstance(axes[0], (tuple, list)):
        return tuple(axes[0])
    return tuple(axes)


def negate_shift(shift):
    """``-shift`` for ``np.roll`` (an int or a tuple of ints)."""
    if isinstance(shift, (tuple, list)):
        return tuple(-int(s) for s in shift)
    return -shift


def is_float_dtype(dtype):
    """Whether casting to ``dtype`` keeps a derivative (floating targets only)."""
    return np.issubdtype(np.dtype(dtype), np.floating)


def group_axes(a, axis):
    """Move the axes in ``axis`` to the end (in order) and merge them into one.

    ``axis=None`` means all axes. The result has shape ``kept + (n,)``.
    """
    a = np.asarray(a)
    red = norm_axes(axis, a.ndim)
    kept = tuple(i for i in range(a.ndim) if i not in red)
    moved = np.transpose(a, kept + red)
    n = 1
    for i in red:
        n *= a.shape[i]
    return np.reshape(moved, tuple(a.shape[i] for i in kept) + (n,))


def ungroup_axes(b, a, axis):
    """Inverse of :func:`group_axes`: bring ``b`` back to the shape of ``a``."""
    shape = np.shape(a)
    red = norm_axes(axis, len(shape))
    kept = tuple(i for i in range(len(shape)) if i not in red)
    order = kept + red
    moved = np.reshape(b, tuple(shape[i] for i in order))
    return np.transpose(moved, inverse_perm(order, len(shape)))


def clip_mask(a, lo, hi, which):
    """Where ``np.clip(a, lo, hi)`` passes the derivative (as 0.0/1.0).

    ``which=0``: to ``a`` where ``lo <= a <= hi`` (bounds inclusive, like
    torch.clamp); ``-1``: to ``lo`` where ``a < lo``; ``1``: to ``hi`` where
    ``a > hi``. A ``None`` bound never binds.
    """
    a = np.asarray(a)
    true = np.ones(a.shape, dtype=bool)
    above = true if lo is None else a >= lo
    below = true if hi is None else a <= hi
    if which == 0:
        mask = above & below
    elif which < 0:
        mask = ~above
    else:
        mask = ~below
    return np.where(mask, 1.0, 0.0)


# ---------------------------------------------------------------- products
def prod_others(a, axis=None):
    """For each element, the product of the *other* elements of its group.

    The groups are those reduced by ``np.prod(a, axis)``. Computed from
    exclusive prefix and suffix products, so zeros need no division (this is
    what makes ``prod``'s derivative agree with torch when ``a`` has zeros).
    """
    a = np.asarray(a)
    if a.ndim == 0:
        return np.ones_like(a, dtype=np.result_type(np.asarray(a).dtype, np.float16))
    if a.size == 0:  # an empty group: no elements, no derivative
        return np.zeros_like(a, dtype=np.result_type(np.asarray(a).dtype, np.float16))
    b = group_axes(a, axis)
    one = np.ones(b.shape[:-1] + (1,), dtype=np.result_type(np.asarray(b).dtype, np.float16))
    left = np.cumprod(np.concatenate([one, b[..., :-1]], axis=-1), axis=-1)
    right = np.cumprod(np.concatenate([one, b[..., :0:-1]], axis=-1), axis=-1)[..., ::-1]
    return ungroup_axes(left * right, a, axis)


def average_weights(a, axis=None, weights=None, returned=False):
    """d np.average(a, axis, weights) / d a: the normalised weights, shaped like ``a``.

    ``weights`` are treated as constants (no derivative flows into them).
    """
    if returned:
        raise NotImplementedError(
            "pullback: np.average(..., returned=True) is not differentiable; "
            "compute the sum of weights separately")
    shape = np.shape(a)
    if weights is None:
        n = 1
        for i in norm_axes(axis, len(shape)):
            n *= shape[i]
        return np.full(shape, 1.0 / n)
    w = np.asarray(weights, dtype=np.result_type(np.asarray(weights).dtype, np.float16))
    if w.shape != tuple(shape):  # 1-D weights along a single axis
        ax = int(axis) % len(shape)
        w = np.reshape(w, (1,) * ax + (-1,) + (1,) * (len(shape) - ax - 1))
    w = np.broadcast_to(w, shape)
    return w / np.sum(w, axis=axis, keepdims=True)


# ---------------------------------------------------------------- norms
def norm_case(x, ord, axis):
    """Which formula ``np.linalg.norm(x, ord, axis)`` needs: 'l2', 'p', 'weights'
    (piecewise linear) or 'svd' (matrix 2-norm, -2-norm and nuclear norm)."""
    if np.iscomplexobj(x):  # the formulas are for real x (|x|' is not sign(x) there)
        raise NotImplementedError("pullback: derivatives of np.linalg.norm of a complex "
                                  "value are not implemented")
    ndim = np.ndim(x)
    matrix = (isinstance(axis, (tuple, list)) and len(axis) == 2) or (axis is None and ndim == 2)
    if ord is None or ord == "fro":
        return "l2"
    if matrix:
        return "svd" if ord in (2, -2, "nuc") else "weights"
    if ord == 2:
        return "l2"
    if ord in (0, 1, np.inf, -np.inf):
        return "weights"
    return "p"


def norm_weights(x, ans, ord, axis, keepdims):
    """d norm / d x for the piecewise-linear norms (ord 0, 1, +-inf; matrix 1, +-inf).

    The gradient of those norms is ``weights * unreduce(g)``; ties among the
    maxima share the gradient evenly (torch's amax/amin convention).
    """
    x = np.asarray(x)
    ndim = x.ndim
    matrix = (isinstance(axis, (tuple, list)) and len(axis) == 2) or (axis is None and ndim == 2)
    out = np.asarray(ans)
    sign = np.sign(x)
    if not matrix:
        ax = norm_axes(axis, ndim)
        if ord == 0:
            return np.zeros_like(x, dtype=np.result_type(np.asarray(x).dtype, np.float16))
        if ord == 1:
            return sign
        full = out if keepdims else np.expand_dims(out, ax)
        mask = np.abs(x) == full
        return sign * mask / np.sum(mask, axis=ax, keepdims=True)
    r, c = (0, 1) if axis is None else (int(axis[0]) % ndim, int(axis[1]) % ndim)
    if ord in (1, -1):  # max/min over columns of the column sums of |x|
        inner, outer = r, c
    elif ord in (np.inf, -np.inf):  # max/min over rows of the row sums
        inner, outer = c, r
    else:
        raise ValueError(f"invalid norm order {ord!r} for matrices")
    sums = np.sum(np.abs(x), axis=inner, keepdims=True)
    full = out if keepdims else np.expand_dims(out, (r, c))
    mask = sums == full
    return sign * (mask / np.sum(mask, axis=outer, keepdims=True))


def norm_svd_weights(x, ord, axis):
    """d norm / d x for the matrix norms made of singular values.

    ord=2: u1 v1^T (largest singular value); ord=-2: the smallest; 'nuc': U V^T.
    As in torch, a repeated singular value has no unique derivative.
    """
    x = np.asarray(x)
    r, c = (x.ndim - 2, x.ndim - 1) if axis is None else \
        (int(axis[0]) % x.ndim, int(axis[1]) % x.ndim)
    m = np.moveaxis(x, (r, c), (-2, -1))
    u, _, vh = np.linalg.svd(m, full_matrices=False)
    if ord == "nuc":
        w = u @ vh
    else:
        k = slice(0, 1) if ord == 2 else slice(-1, None)
        w = u[..., :, k] @ vh[..., k, :]
    return np.moveaxis(w, (-2, -1), (r, c))


def second_order_not_implemented(what):
    """Called by rules whose own derivative pullback does not have (second order)."""
    raise NotImplementedError(f"pullback: second derivatives of {what} are not implemented")


# ---------------------------------------------------------------- linear algebra
def tensordot_axes(a, b, axes=2):
    """``np.tensordot``'s ``axes`` as two lists of non-negative axes."""
    na, nb = np.ndim(a), np.ndim(b)
    if np.ndim(axes) == 0 and not isinstance(axes, (tuple, list)):
        k = int(axes)
        return list(range(na - k, na)), list(range(k))
    xa, xb = axes
    xa = [xa] if np.ndim(xa) == 0 else list(xa)
    xb = [xb] if np.ndim(xb) == 0 else list(xb)
    return [int(i) % na for i in xa], [int(i) % nb for i in xb]


def dot_axes(a, b):
    """``np.dot(a, b)`` as ``np.tensordot(a, b, axes)``: these axes."""
    na, nb = np.ndim(a), np.ndim(b)
    if na == 0 or nb == 0:
        return [], []
    return [na - 1], [max(nb - 2, 0)]


def inner_axes(a, b):
    """``np.inner(a, b)`` as a tensordot over the last axes."""
    na, nb = np.ndim(a), np.ndim(b)
    if na == 0 or nb == 0:
        return [], []
    return [na - 1], [nb - 1]


def tensordot_lhs_vjp(g, a, b, axes=2):
    """Cotangent of ``a`` in ``np.tensordot(a, b, axes)``."""
    xa, xb = tensordot_axes(a, b, axes)
    na, nb = np.ndim(a), np.ndim(b)
    free_a = [i for i in range(na) if i not in xa]
    free_b = [i for i in range(nb) if i not in xb]
    g_b = list(range(len(free_a), len(free_a) + len(free_b)))
    r = np.tensordot(g, b, (g_b, free_b))
    # r's axes: free_a, then b's contracted axes in increasing order, i.e. the
    # matching axes of a in that order
    order = [xa[j] for j in sorted(range(len(xb)), key=lambda j: xb[j])]
    return np.transpose(r, inverse_perm(tuple(free_a) + tuple(order), na))


def tensordot_rhs_vjp(g, a, b, axes=2):
    """Cotangent of ``b`` in ``np.tensordot(a, b, axes)``."""
    xa, xb = tensordot_axes(a, b, axes)
    na, nb = np.ndim(a), np.ndim(b)
    free_a = [i for i in range(na) if i not in xa]
    free_b = [i for i in range(nb) if i not in xb]
    g_a = list(range(len(free_a)))
    r = np.tensordot(a, g, (free_a, g_a))
    # r's axes: a's contracted axes in increasing order (mapped to b's), then free_b
    order = [xb[j] for j in sorted(range(len(xa)), key=lambda j: xa[j])]
    return np.transpose(r, inverse_perm(tuple(order) + tuple(free_b), nb))


