"""Lists and tuples of arrays as arguments (a model's parameters, say).

``pb.grad(loss)(params, x)`` with ``params = [W, b]`` gives ``[dW, db]``. The
derivative is built for the argument's *structure* (how many arrays, how
nested); inside the generated code each array is a variable of its own.
"""

from __future__ import annotations

import copy

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
        children = tuple(display_structure(e, active) for e in node.elts)
        keys, names = getattr(node, "pb_keys", None), getattr(node, "pb_fields", None)
        if keys is not None:  # a dict (its display carries the keys)
            return ("dict", children, tuple(keys))
        if names:  # a namedtuple: p.W inside the callee
            return ("tuple", children, None, (None, tuple(names)))
        return ("list" if isinstance(node, gast.List) else "tuple", children, None)
    return None if active(node) else CONST


def as_passed(call):
    """``call`` with each dict display argument (a tuple display carrying
    ``pb_keys``) written as the dict it stands for, so the callee is given the
    same kind of value its code reads (``p["W"].shape`` as well as its leaves)."""
    def convert(node):
        if isinstance(node, (gast.Tuple, gast.List)):
            elts = [convert(e) for e in node.elts]
            keys = getattr(node, "pb_keys", None)
            if keys is not None:
                return gast.Dict(keys=[gast.Constant(value=k, kind=None) for k in keys],
                                 values=elts)
            node.elts = elts
        return node

    call.args = [convert(a) for a in call.args]
    for k in call.keywords:
        k.value = convert(k.value)
    return call


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


class ContainerParameters:
    """Mixin of :class:`pullback.modes.function.FunctionTransform`: list, tuple and
    dict parameters as one variable per leaf."""

    def _container_leaves(self):
        """A list/tuple parameter becomes variables of its own, one per array in it:
        ``params`` → ``params_1, params_2, ...`` (unpacked at the top of the code)."""
        self.containers_in = set(self.info.containers)
        self.container_displays = {}
        self.container_keys = {}
        self.container_fields = {}
        flat_active = []
        for p in self.info.active:
            if p not in self.info.containers:
                flat_active.append(p)
                continue
            display, leaves = leaf_display(self.info.containers[p], p, self.namer)
            self.container_displays[p] = display.elts
            self.container_keys[p] = display.pb_keys
            self.container_fields[p] = display.pb_fields
            self.info.leaves[p] = leaves
            flat_active += active_leaves(self.info.containers[p], leaves)
            self.params = self.params + leaves
        self.info.active = flat_active

    def _container_prologue(self):
        """``(params_1, params_2) = params`` for each list/tuple parameter;
        ``params_1 = params["W"]`` and so on when dicts are involved."""
        out = list(self.guards)  # (checks of function-valued arguments first)
        for p in self.info.leaves:
            st = self.info.containers[p]
            if has_dict(st):  # (a callee is given dicts too: as_passed)
                for leaf, path in zip(self.info.leaves[p], leaf_paths(st, load(p))):
                    out.append(gast.Assign(targets=[gast.Name(id=leaf, ctx=gast.Store(),
                                                              annotation=None,
                                                              type_comment=None)],
                                           value=path, type_comment=None))
                continue
            target = copy.deepcopy(gast.Tuple(elts=self.container_displays[p], ctx=gast.Load()))
            for n in gast.walk(target):
                if hasattr(n, "ctx"):
                    n.ctx = gast.Store()
            out.append(gast.Assign(targets=[target], value=load(p), type_comment=None))
        return out
