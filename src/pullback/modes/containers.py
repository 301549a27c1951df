"""Lists and tuples of arrays as arguments (a model's parameters, say).

``pb.grad(loss)(params, x)`` with ``params = [W, b]`` gives ``[dW, db]``. The
derivative is built for the argument's *structure* (how many arrays, how
nested); inside the generated code each array is a variable of its own.
"""

from __future__ import annotations

import gast

from pullback.syntax.astutil import load

#: a leaf of a structure that carries no derivative (an element of a tuple display
#: passed to a user function that is a constant or not differentiated); ``None``
#: is a differentiated leaf
CONST = "const"


def is_leaf(st) -> bool:
    return st is None or st == CONST


def display_structure(node, active):
    """The structure of a (nested) list/tuple display passed as an argument;
    ``active(elt)`` says which elements carry a derivative."""
    if isinstance(node, (gast.List, gast.Tuple)):
        return ("list" if isinstance(node, gast.List) else "tuple",
                tuple(display_structure(e, active) for e in node.elts), None)
    return None if active(node) else CONST


def display_leaves(node):
    """The leaf expressions of a (nested) display, in the order of its leaves."""
    if isinstance(node, (gast.List, gast.Tuple)):
        return [leaf for e in node.elts for leaf in display_leaves(e)]
    return [node]


def _plain_key(k) -> bool:
    """A dict key generated code can write as a constant: a str, an int, or a
    tuple of them."""
    if isinstance(k, tuple):
        return all(_plain_key(e) for e in k)
    return isinstance(k, (str, int)) and not isinstance(k, bool)


def is_namedtuple(value) -> bool:
    return isinstance(value, tuple) and isinstance(getattr(type(value), "_fields", None), tuple)


def structure(value):
    """``None`` for an array or number; ``(kind, children, keys)`` for a list,
    tuple or dict (``keys`` is None but for dicts); a namedtuple is a tuple with
    a fourth entry, ``(its class, its field names)``."""
    if is_namedtuple(value):
        return ("tuple", tuple(structure(v) for v in value), None,
                (type(value), tuple(type(value)._fields)))
    if isinstance(value, (list, tuple)):
        return ("list" if isinstance(value, list) else "tuple",
                tuple(structure(v) for v in value), None)
    if isinstance(value, dict) and all(_plain_key(k) for k in value):
        return ("dict", tuple(structure(v) for v in value.values()), tuple(value))
    return None


def fields(st):
    """The field names of a namedtuple structure, or None."""
    return st[3][1] if not is_leaf(st) and len(st) > 3 else None


def flatten(value, st):
    if is_leaf(st):
        return [value]
    items = value.values() if st[0] == "dict" else value
    out = []
    for v, c in zip(items, st[1]):
        out += flatten(v, c)
    return out


def unflatten(leaves, st):
    """The inverse of :func:`flatten`: the same nesting of lists, tuples and dicts."""
    it = iter(leaves)

    def build(s):
        if is_leaf(s):
            return next(it)
        items = [build(c) for c in s[1]]
        if s[0] == "dict":
            return dict(zip(s[2], items))
        if fields(s) is not None:
            return s[3][0](*items)
        return items if s[0] == "list" else tuple(items)

    return build(st)


def leaf_display(st, name, namer):
    """A nested tuple display of fresh leaf names for parameter ``name``; a dict's
    display carries its keys (``pb_keys``) so ``params["W"]`` finds its leaf."""
    leaves = []

    def build(s):
        if is_leaf(s):
            leaf = namer.unique(f"{name}_{len(leaves) + 1}")
            leaves.append(leaf)
            return load(leaf)
        node = gast.Tuple(elts=[build(c) for c in s[1]], ctx=gast.Load())
        node.pb_keys = s[2]
        node.pb_fields = fields(s)
        return node

    return build(st), leaves


def leaf_paths(st, base):
    """(leaf index, subscript expression reaching it from ``base``), in order."""
    out = []

    def walk(s, expr):
        if is_leaf(s):
            out.append(expr)
            return
        keys = s[2] if s[0] == "dict" else range(len(s[1]))
        for k, c in zip(keys, s[1]):
            walk(c, gast.Subscript(value=expr, slice=gast.Constant(value=k, kind=None),
                                   ctx=gast.Load()))

    walk(st, base)
    return out


def has_dict(st) -> bool:
    return not is_leaf(st) and (st[0] == "dict" or any(has_dict(c) for c in st[1]))


def active_leaves(st, leaves):
    """The leaves of ``st`` (names, in order) that carry a derivative."""
    kinds = []

    def walk(s):
        if is_leaf(s):
            kinds.append(s is None)
            return
        for c in s[1]:
            walk(c)

    walk(st)
    return [leaf for leaf, active in zip(leaves, kinds) if active]

