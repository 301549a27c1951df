"""Lists and tuples of arrays as arguments (a model's parameters, say).

``pb.grad(loss)(params, x)`` with ``params = [W, b]`` gives ``[dW, db]``. The
derivative is built for the argument's *structure* (how many arrays, how
nested); inside the generated code each array is a variable of its own.
"""

from __future__ import annotations

import gast
import numpy as np

from .astutil import load


def structure(value):
    """``None`` for an array or number; ``(kind, children)`` for a list/tuple."""
    if isinstance(value, (list, tuple)) and not hasattr(value, "_fields"):
        return ("list" if isinstance(value, list) else "tuple",
                tuple(structure(v) for v in value))
    return None


def flatten(value, st):
    if st is None:
        return [value]
    out = []
    for v, c in zip(value, st[1]):
        out += flatten(v, c)
    return out


def unflatten(leaves, st):
    """The inverse of :func:`flatten`: the same nesting of lists and tuples."""
    it = iter(leaves)

    def build(s):
        if s is None:
            return next(it)
        items = [build(c) for c in s[1]]
        return items if s[0] == "list" else tuple(items)

    return build(st)


def leaf_display(st, name, namer):
    """A nested tuple display of fresh leaf names for parameter ``name``."""
    leaves = []

    def build(s):
        if s is None:
            leaf = namer.unique(f"{name}_{len(leaves) + 1}")
            leaves.append(leaf)
            return load(leaf)
        return gast.Tuple(elts=[build(c) for c in s[1]], ctx=gast.Load())

    return build(st), leaves


def is_float_leaf(v) -> bool:
    if isinstance(v, (bool, np.bool_)):
        return False
    if isinstance(v, np.ndarray):
        return np.issubdtype(v.dtype, np.inexact)
    return isinstance(v, (float, np.floating))
