"""Helpers for the rules of :mod:`pullback.rules.stencil` (convolve,
correlate, gradient) and their own rules, so the generated derivative code
can be differentiated again.

* ``np.convolve`` / ``np.correlate`` in any mode are a slice of the 'full'
  output; :func:`conv_pad` says where, so a cotangent padded back to the full
  length gives the adjoint as a 'valid' correlation (or convolution).
* ``np.gradient`` along one axis is a 3-point stencil: row ``i`` reads only
  the three consecutive elements starting at ``clip(i - 1, 0, n - 3)`` (both
  edge orders, uniform or coordinate spacing). Applying ``np.gradient`` to
  the three "combs" (ones at positions ``j % 3 == r``) gives every stencil
  coefficient, from which :func:`gradient_adjoint` sums the cotangent back in
  O(n) without building the matrix.
"""

import numpy as np

from .registry import jvp_of, nondifferentiable, vjp_of


# ---------------------------------------------------------------- convolve / correlate
def conv_pad(a, v, mode, flipped):
    """``(before, after)``: the zeros that put a ``mode`` output of
    ``np.convolve(a, v)`` (``flipped``: ``np.correlate``) back in its place in
    the 'full' output (length ``len(a) + len(v) - 1``)."""
    na, nv = np.size(a), np.size(v)
    n, m = max(na, nv), min(na, nv)
    full = na + nv - 1
    if mode == "full":
        start, length = 0, full
    elif mode == "same":
        # NumPy's correlate swaps (and reverses) when v is the longer one
        start, length = ((m // 2) if flipped and na < nv else (m - 1) // 2), n
    elif mode == "valid":
        start, length = m - 1, n - m + 1
    else:
        raise ValueError(f"mode must be one of 'full', 'same', 'valid', not {mode!r}")
    return (start, full - start - length)


nondifferentiable(conv_pad, family="support")


# ---------------------------------------------------------------- gradient
def gradient_axes(f, axis):
    """The axes ``np.gradient(f, axis=axis)`` differentiates along, in order."""
    nd = np.ndim(f)
    if axis is None:
        return list(range(nd))
    if isinstance(axis, (tuple, list)):
        return [int(a) % nd for a in axis]
    return [int(axis) % nd]


def gradient_spacing(varargs, k, count):
    """The spacing ``np.gradient`` uses along its ``k``-th axis (of ``count``)."""
    if len(varargs) == 0:
        return 1.0
    if len(varargs) == 1 and np.ndim(varargs[0]) == 0:
        return varargs[0]
    if len(varargs) != count:
        raise TypeError("invalid number of arguments")
    return varargs[k]


def gradient_columns(n, spacing, edge_order):
    """Per residue ``r`` in 0..2: ``(coefficient, column)`` along the axis:
    output ``i`` reads input ``column[i]`` with that coefficient (its only
    input ``= r (mod 3)``); columns past the end have coefficient 0."""
    rows = np.arange(n)
    start = np.clip(rows - 1, 0, max(n - 3, 0))
    out = []
    for r in range(3):
        comb = np.where(rows % 3 == r, 1.0, 0.0)
        coef = np.gradient(comb, spacing, edge_order=edge_order)
        col = start + (r - start) % 3
        ok = col < n
        out.append((np.where(ok, coef, 0.0), np.where(ok, col, 0)))
    return out


def _adjoint_axis(g, ax, spacing, edge_order):
    gm = np.moveaxis(np.asarray(g, dtype=float), ax, -1)
    out = np.zeros_like(gm)
    for coef, col in gradient_columns(gm.shape[-1], spacing, edge_order):
        np.add.at(out, (Ellipsis, col), gm * coef)
    return np.moveaxis(out, -1, ax)


def gradient_adjoint(g, f, varargs, axis=None, edge_order=1):
    """The adjoint of ``np.gradient(f, *varargs, axis=axis, edge_order=...)``:
    ``g`` is one cotangent per differentiated axis (``None``: zero), or one
    array when the call returns one. Shaped like ``f``."""
    axes = gradient_axes(f, axis)
    gs = [g] if len(axes) == 1 else list(g)
    total = np.zeros(np.shape(f))
    for k, (ax, gk) in enumerate(zip(axes, gs)):
        if gk is not None:
            total = total + _adjoint_axis(gk, ax, gradient_spacing(varargs, k, len(axes)),
                                          edge_order)
    return total


nondifferentiable(gradient_axes, gradient_spacing, gradient_columns, family="support")


@vjp_of(gradient_adjoint)
def gradient_adjoint_vjp(h, ans, g, f, varargs, axis=None, edge_order=1):
    return np.gradient(h, *varargs, axis=axis, edge_order=edge_order), None, None


@jvp_of(gradient_adjoint)
def gradient_adjoint_jvp(t, ans, g, f, varargs, axis=None, edge_order=1):
    return gradient_adjoint(t, f, varargs, axis, edge_order), None, None

