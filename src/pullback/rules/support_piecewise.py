"""Run-time helpers of the rule of ``np.piecewise`` (:mod:`pullback.rules.piecewise`).

``np.piecewise(x, condlist, funclist)`` starts from zeros shaped like ``x`` and,
condition by condition, writes ``f(x[cond])`` (or the constant ``f``) into
``y[cond]``: a later condition overwrites an earlier one. The conditions are
data. ``piecewise_parts`` asks NumPy itself which elements each function is
given and which of them keep its value, so the rule follows NumPy's reading of
``condlist`` (a scalar condition, a missing "otherwise" function) exactly. Each
function is differentiated by pullback (``pb.vjp`` / ``pb.jvp``) on the very
vector NumPy gives it, so a function that mixes elements (``v * v.sum()``) is
right too. Both helpers are linear in their first argument.
"""

from __future__ import annotations

import numpy as np

from ..runtime import unbroadcast
from .registry import differentiator


def piecewise_parts(x, condlist, n):
    """For each of the ``n`` functions: the flat positions of the elements of
    ``x`` it is given, and a mask of those whose value it leaves in the result."""
    x = np.asarray(x)
    where = np.arange(x.size, dtype=float).reshape(x.shape)
    given = [np.zeros(0, dtype=np.intp) for _ in range(n)]

    def recorder(i):
        def record(v):
            given[i] = np.asarray(v).astype(np.intp).ravel()
            return v
        return record

    np.piecewise(where, condlist, [recorder(i) for i in range(n)])
    owner = np.ravel(np.piecewise(where, condlist, [float(i + 1) for i in range(n)]))
    return [(p, owner[p] == i + 1) for i, p in enumerate(given)]


def piecewise_cotangent(g, x, condlist, funclist):
    """The cotangent of ``x`` from the cotangent ``g`` of ``np.piecewise(x, ...)``."""
    x = np.asarray(x)
    flat, g = x.ravel(), np.broadcast_to(g, x.shape).ravel()
    out = np.zeros(x.size)
    for f, (pos, kept) in zip(funclist, piecewise_parts(x, condlist, len(funclist))):
        if not callable(f) or not kept.any():
            continue  # a constant, or a value overwritten everywhere
        value, back = differentiator("vjp")(f, flat[pos])
        c = back(unbroadcast(np.where(kept, g[pos], 0.0), value))[0]
        if c is not None:
            out[pos] += c
    return out.reshape(x.shape)


def piecewise_tangent(t, x, condlist, funclist):
    """The tangent of ``np.piecewise(x, ...)`` along the tangent ``t`` of ``x``."""
    x = np.asarray(x)
    flat, t = x.ravel(), np.broadcast_to(t, x.shape).ravel()
    out = np.zeros(x.size)
    for f, (pos, kept) in zip(funclist, piecewise_parts(x, condlist, len(funclist))):
        if not callable(f) or not kept.any():
            continue
        _, tan = differentiator("jvp")(f, (flat[pos],), (t[pos],))
        out[pos[kept]] = np.broadcast_to(tan, pos.shape)[kept]
    return out.reshape(x.shape)
