"""How many values a call of the user's own function returns, read from its source.

``t = pair(x)`` binds one name to a tuple. The ANF makes such a ``t`` a tuple
variable (``_e1, _e2 = pair(x)``), as it does for ``a, b = pair(x)``, so every
mode sees one variable per element and never differentiates ``t[0]`` as an
index into one array. The count must be the one the callee's own build gives
(``FnInfo.n_outputs``): a callee whose returns are all tuple displays of k
elements, or whose one trailing return gives a value this module also counts
(another such call, or a name bound once to one); the modes refuse a call
whose count disagrees with its callee's build. A callee whose returns are all
dict displays with the same constant keys counts as :class:`Keys`: its build
returns the values in the first return's key order (:func:`dict_returns_as_tuples`)
and the caller's name is a tuple variable with those keys.
"""

from __future__ import annotations

import gast

from pullback.front.parse import NestedFunction, get_source
from pullback.front.resolve import Resolver
from pullback.syntax.walk import local_functions, param_names, stored

_MAX_DEPTH = 8


def own_returns(fdef):
    """The ``return`` statements of ``fdef`` itself (not of nested functions)."""
    out, todo = [], list(fdef.body)
    while todo:
        n = todo.pop()
        if isinstance(n, gast.Return):
            out.append(n)
        if isinstance(n, (gast.FunctionDef, gast.AsyncFunctionDef, gast.Lambda,
                          gast.ClassDef)):
            continue
        todo.extend(gast.iter_child_nodes(n))
    return out


class Keys(tuple):
    """The keys of the dicts a callee returns, in the order its build returns the values."""


def literal_keys(value, resolver):
    """The keys of a dict display with distinct constant keys, or of ``dict(a=...)``
    with keywords only; None for anything else."""
    if isinstance(value, gast.Dict):
        if not all(isinstance(k, gast.Constant) for k in value.keys):
            return None  # (a None key is a ``**`` unpacking)
        keys = [k.value for k in value.keys]
    elif isinstance(value, gast.Call) and not value.args and value.keywords and \
            resolver.callee(value.func).obj is dict:
        keys = [k.arg for k in value.keywords]
        if None in keys:
            return None
    else:
        return None
    if len(set(keys)) != len(keys) or not all(isinstance(k, (str, int)) and
                                              not isinstance(k, bool) for k in keys):
        return None
    return tuple(keys)


def _dict_values(value):
    return value.values if isinstance(value, gast.Dict) else [k.value for k in value.keywords]


def returned_keys(fdef, resolver):
    """:class:`Keys` when every ``return`` of ``fdef`` itself is a dict display with
    the same constant keys (the first one's order), else None."""
    returns = own_returns(fdef)
    keys = [literal_keys(r.value, resolver) if r.value is not None else None for r in returns]
    if not keys or None in keys or any(set(k) != set(keys[0]) for k in keys):
        return None
    return Keys(keys[0])


def dict_returns_as_tuples(fdef, resolver):
    """A callee's ``return {"a": u, "b": v}`` as ``return (u, v)`` (in place), when
    :func:`returned_keys` holds: its callers read the values by key (keys are
    constants, so the values are evaluated in the same order)."""
    keys = returned_keys(fdef, resolver)
    if keys is None:
        return None
    for r in own_returns(fdef):
        by_key = dict(zip(literal_keys(r.value, resolver), _dict_values(r.value)))
        r.value = gast.copy_location(gast.Tuple(elts=[by_key[k] for k in keys],
                                                ctx=gast.Load()), r.value)
    return keys


def display_arity(e):
    """k for a tuple display of k elements without ``*``; else None."""
    if isinstance(e, gast.Tuple) and not any(isinstance(x, gast.Starred) for x in e.elts):
        return len(e.elts)
    return None


class Arity:
    """The number of values returned by calls in one function's body."""

    def __init__(self, resolver, body, fields_of, depth=0):
        self.resolver, self.fields_of, self.depth = resolver, fields_of, depth
        self.stores, self.values = {}, {}
        for s in body:
            for n in gast.walk(s):
                if isinstance(n, gast.Name) and isinstance(n.ctx, gast.Store):
                    self.stores[n.id] = self.stores.get(n.id, 0) + 1
                if isinstance(n, gast.Assign) and len(n.targets) == 1 and \
                        isinstance(n.targets[0], gast.Name):
                    self.values[n.targets[0].id] = n.value
        self._busy = set()

    def of_call(self, call):
        """k when ``call`` calls a user (or nested) function returning k values (its
        :class:`Keys` for dicts), or a primitive whose rule declares k fields; else None."""
        if not isinstance(call, gast.Call):
            return None
        callee = self.resolver.callee(call.func)
        if callee.kind == "rule":
            fields = self.fields_of(callee.obj, call) if self.fields_of else None
            return len(fields) if fields is not None else None
        if callee.kind not in ("user", "local") or self.depth >= _MAX_DEPTH:
            return None
        if callee.kind == "local":
            return self._returned(callee.obj, self.resolver)
        try:
            src = get_source(callee.obj)
        except Exception:  # noqa: BLE001  (no source: no count)
            return None
        tree = src.tree
        local_names = set(param_names(tree.args)) | stored(tree.body)
        inner = Resolver(src, local_names, local_functions(tree.body), self.resolver.deps)
        return self._returned(tree, inner)

    def _returned(self, fdef, resolver):
        if isinstance(fdef, NestedFunction):  # a def or lambda passed as a function value
            fdef = fdef.node
        if id(fdef) in self._busy:
            return None  # recursion: no count
        self._busy.add(id(fdef))
        try:
            if isinstance(fdef, gast.Lambda):  # ``lambda v: (v, v)``: one trailing return
                return Arity(resolver, [], self.fields_of, self.depth + 1).of_value(fdef.body)
            keys = returned_keys(fdef, resolver)
            if keys is not None:
                return keys
            returns = own_returns(fdef)
            if not returns or any(r.value is None for r in returns):
                return None
            counts = {display_arity(r.value) for r in returns}
            if len(counts) == 1 and None not in counts:
                return counts.pop()
            if len(returns) != 1 or fdef.body[-1] is not returns[0]:
                return None
            inner = Arity(resolver, fdef.body, self.fields_of, self.depth + 1)
            return inner.of_value(returns[0].value)
        finally:
            self._busy.discard(id(fdef))

    def of_value(self, e):
        """k for a value known to be a k-tuple: a display, a counted call, or a name
        bound once (by an assignment) to one of those."""
        k = display_arity(e)
        if k is not None:
            return k
        keys = literal_keys(e, self.resolver)
        if keys is not None:
            return Keys(keys)
        if isinstance(e, gast.Call):
            return self.of_call(e)
        if isinstance(e, gast.Name):
            if self.stores.get(e.id) != 1 or e.id not in self.values or e.id in self._busy:
                return None
            self._busy.add(e.id)
            try:
                return self.of_value(self.values[e.id])
            finally:
                self._busy.discard(e.id)
        return None
