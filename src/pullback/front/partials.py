"""``functools.partial`` of a function pullback knows, applied where it is called.

``partial(f, a, k=v)`` is a function object pullback cannot see into; its calls
are what it means, written out. The arguments are taken when the partial is
made, as Python does::

    g = partial(layer, W, act=np.tanh)      _g_arg1 = W
                                            _g_act2 = np.tanh
    h = g(x)                                h = layer(_g_arg1, x, act=_g_act2)
    y = partial(np.multiply, 2.0)(x)        y = np.multiply(2.0, x)

Only where proven the same: ``partial`` itself and the function global names
(or dotted names of globals) that the caller never binds (a local called
``partial`` is not ``functools.partial``), no ``*``/``**`` arguments, and ``g`` bound once
and only ever called (never kept, passed or returned). A keyword given at the
call replaces the partial's, as in Python. Anything else stays a call, refused
as before.
"""

from __future__ import annotations

import copy
import functools

import gast

from pullback.front.resolve import MISSING, scope_lookup
from pullback.syntax.astutil import assign, load
from pullback.syntax.naming import Namer
from pullback.syntax.walk import param_names, rewrite_blocks, stored


def inline_partials(tree, source, deps, only_called) -> dict:
    """Rewrite ``tree``'s body in place (``only_called``: names bound once and
    only ever called); return the names it made: fresh name -> (how the user knows
    it, None)."""
    caller = stored(tree.body) | set(param_names(tree.args))
    namer = Namer({n.id for n in gast.walk(tree) if isinstance(n, gast.Name)} | caller)
    made: dict[str, tuple] = {}  # g -> (function expression, [arg names], {kw: name})
    told: dict[str, tuple] = {}

    def fresh(base):
        return namer.fresh(f"_{base}")

    def partial_of(call):
        """(function, args, keywords) when ``call`` is a plain ``partial(f, ...)``."""
        if not isinstance(call, gast.Call) or not call.args or \
                any(isinstance(a, gast.Starred) for a in call.args) or \
                any(k.arg is None for k in call.keywords):
            return None
        if _root(call.func) in caller or _value(call.func, source, deps) is not functools.partial:
            return None  # (a local named partial is not functools.partial)
        f = call.args[0]
        if _root(f) is None or _root(f) in caller or _value(f, source, deps) is MISSING:
            return None
        return f, list(call.args[1:]), list(call.keywords)

    def block(stmts):
        out = []
        for s in stmts:
            rewrite_blocks(s, block)
            p = partial_of(s.value) if isinstance(s, gast.Assign) and len(s.targets) == 1 \
                and isinstance(s.targets[0], gast.Name) and \
                s.targets[0].id in only_called else None
            if p is None:
                out.append(s)
                continue
            g = s.targets[0].id
            f, args, keywords = p
            names = [fresh(f"{g}_arg") for _ in args]
            kws = {k.arg: fresh(f"{g}_{k.arg}") for k in keywords}
            out += [gast.copy_location(assign(n, a), s) for n, a in zip(names, args)]
            out += [gast.copy_location(assign(kws[k.arg], k.value), s) for k in keywords]
            made[g] = (f, names, kws)
            for i, n in enumerate(names):
                told[n] = (f"argument {i + 1} that `{g} = partial(...)` holds", None)
            for k, n in kws.items():
                told[n] = (f"`{k}=` that `{g} = partial(...)` holds", None)
        return out

    def written_out(call):
        """``call`` of a partial, written as the call of its function."""
        if isinstance(call.func, gast.Name) and call.func.id in made:
            f, names, kws = made[call.func.id]
            args = [load(n) for n in names]
            keywords = {k: load(n) for k, n in kws.items()}
        else:
            p = partial_of(call.func)
            if p is None:
                return
            f, args, keys = p
            keywords = {k.arg: k.value for k in keys}
        given = {k.arg for k in call.keywords}
        call.func = copy.deepcopy(f)
        call.args = args + call.args
        call.keywords = [gast.keyword(arg=k, value=v) for k, v in keywords.items()
                         if k not in given] + call.keywords

    tree.body = block(tree.body)
    for n in gast.walk(tree):
        if isinstance(n, gast.Call):
            written_out(n)
    return told


def _value(node, source, deps):
    """The object a global (dotted) name denotes, or MISSING."""
    parts = []
    while isinstance(node, gast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, gast.Name):
        return MISSING
    obj = scope_lookup(source.closure, source.globals, node.id, deps)
    for attr in reversed(parts):
        obj = getattr(obj, attr, MISSING) if obj is not MISSING else MISSING
    return obj


def _root(node):
    """``a`` for ``a`` and ``a.b.c``; None for anything else."""
    while isinstance(node, gast.Attribute):
        node = node.value
    return node.id if isinstance(node, gast.Name) else None
