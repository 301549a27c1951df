"""Helpers for the rules of differences, products and integrals
(:mod:`pullback.rules.calculus`). The differentiable ones are linear in their
first argument (bilinear for ``kron_vjp``) and have rules in
:mod:`pullback.rules.support_calculus_rules`; none mutates its arguments.
"""

from __future__ import annotations

import numpy as np


def _pad_shape(a, extra, axis):
    """The shape ``np.diff`` gives a ``prepend``/``append`` value ``extra``."""
    if extra is None:
        return None
    if np.ndim(extra) == 0:
        shape = list(np.shape(a))
        shape[axis % len(shape)] = 1
        return tuple(shape)
    return np.shape(extra)


def diff_tangent(t, n=1, axis=-1, prepend=None, append=None, like=None):
    """``np.diff(t, n, axis)`` with zeros where ``prepend``/``append`` stood
    (they are constants); ``like``: the array ``t`` is the tangent of."""
    t = np.asarray(t)
    like = t if like is None else like
    t = np.broadcast_to(t, np.shape(like))
    parts = [t]
    pre, app = _pad_shape(like, prepend, axis), _pad_shape(like, append, axis)
    if pre is not None:
        parts.insert(0, np.zeros(pre, dtype=np.result_type(np.asarray(t).dtype, np.float16)))
    if app is not None:
        parts.append(np.zeros(app, dtype=np.result_type(np.asarray(t).dtype, np.float16)))
    return np.diff(np.concatenate(parts, axis=axis) if len(parts) > 1 else t, n, axis)


def diff_vjp(g, a, n=1, axis=-1, prepend=None, append=None):
    """The adjoint of :func:`diff_tangent`: shaped like ``a``."""
    x = np.asarray(g)
    ax = axis % max(np.ndim(a), 1)
    for _ in range(int(n)):
        widths = [(0, 0)] * x.ndim
        widths[ax] = (1, 1)
        x = -np.diff(np.pad(x, widths), 1, ax)
    pre = _pad_shape(a, prepend, axis)
    start = 0 if pre is None else pre[ax]
    return np.take(x, np.arange(start, start + np.shape(a)[ax]), axis=ax)


def ediff1d_tangent(t, to_end=None, to_begin=None):
    """``np.ediff1d`` of a tangent: the constants ``to_begin``/``to_end`` give zeros."""
    d = np.diff(np.ravel(t))
    begin = np.zeros(0 if to_begin is None else np.size(to_begin), dtype=d.dtype)
    end = np.zeros(0 if to_end is None else np.size(to_end), dtype=d.dtype)
    return np.concatenate([begin, d, end])


def ediff1d_vjp(g, ary, to_end=None, to_begin=None):
    """The adjoint of :func:`ediff1d_tangent`: shaped like ``ary``."""
    g = np.asarray(g)
    start = 0 if to_begin is None else np.size(to_begin)
    m = max(np.size(ary) - 1, 0)
    return np.reshape(diff_vjp(g[start:start + m], np.ravel(ary), 1, -1), np.shape(ary))


def _kron_shapes(a, b):
    nd = max(np.ndim(a), np.ndim(b))
    sa = (1,) * (nd - np.ndim(a)) + tuple(np.shape(a))
    sb = (1,) * (nd - np.ndim(b)) + tuple(np.shape(b))
    return nd, sa, sb


def kron_vjp(g, a, b, which):
    """The cotangent of ``a`` (``which=0``) or ``b`` (1) in ``np.kron(a, b)``:
    ``g`` contracted with the other factor. Bilinear in ``g`` and that factor."""
    nd, sa, sb = _kron_shapes(a, b)
    inter = [s for pair in zip(sa, sb) for s in pair]
    gi = np.reshape(np.asarray(g), inter)
    if which == 0:
        bx = np.reshape(b, [s if k % 2 else 1 for k, s in enumerate(inter)])
        out = np.sum(gi * bx, axis=tuple(range(1, 2 * nd, 2)))
        return np.reshape(out, np.shape(a))
    ax = np.reshape(a, [1 if k % 2 else s for k, s in enumerate(inter)])
    out = np.sum(gi * ax, axis=tuple(range(0, 2 * nd, 2)))
    return np.reshape(out, np.shape(b))


def cross3(v):
    """``v``, checked to be a field of 3-vectors (the only np.cross pullback
    differentiates: for 2-vectors the output loses the vector axis)."""
    if np.shape(v)[-1:] != (3,):
        raise NotImplementedError(
            "pullback: np.cross is differentiable for 3-vectors along the last axis only")
    return v


def trapezoid_weights(y, x=None, dx=1.0, axis=-1):
    """d np.trapezoid(y, x, dx, axis) / d y, broadcastable against ``y``."""
    n = np.shape(y)[axis]
    nd = np.ndim(y)
    ax = axis % nd
    if x is None:
        d = np.full(max(n - 1, 0), float(dx))
        d = np.reshape(d, (1,) * ax + (-1,) + (1,) * (nd - ax - 1))
    else:
        x = np.asarray(x, dtype=np.result_type(np.asarray(x).dtype, np.float16))
        if x.ndim == 1:
            x = np.reshape(x, (1,) * ax + (-1,) + (1,) * (nd - ax - 1))
        d = np.diff(x, axis=ax)
    widths = [(0, 0)] * np.ndim(d)
    widths[ax] = (1, 0)
    left = np.pad(d, widths)
    widths[ax] = (0, 1)
    return (left + np.pad(d, widths)) / 2.0


def polyder_coeffs(p):
    """The coefficients of the derivative of the polynomial ``p`` (highest first)."""
    p = np.asarray(p)
    n = p.shape[0]
    if n <= 1:
        return np.zeros(1, dtype=np.result_type(np.asarray(p).dtype, np.float16))
    return p[:-1] * np.arange(n - 1, 0, -1)


def polyder_coeffs_vjp(h, p):
    """The adjoint of :func:`polyder_coeffs`: shaped like ``p``."""
    n = np.shape(p)[0]
    if n <= 1:
        return np.zeros(np.shape(p), dtype=np.result_type(np.asarray(h).dtype, np.float16))
    return np.concatenate([np.asarray(h) * np.arange(n - 1, 0, -1), np.zeros(1)])
