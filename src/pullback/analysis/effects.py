"""Calls of your own functions made only for what they show (``show(y)`` that
prints or logs), proven so from their source.

``show(y)`` as a statement returns nothing the derivative uses. It may run as
written in the forward sweep, and be ignored by the adjoint, when it cannot
change what the differentiated code computes: it writes nothing (no indexed or
attribute assignment, no ``global``), and every call it makes is to a function
that only looks at values (``print``, ``logging``: registered non-differentiable),
a NumPy function that computes a new array, or another function proven the same
way. Anything else leaves it unproven, and the statement is refused as before.
"""

from __future__ import annotations

import gast
import numpy as np

from pullback.analysis.memory import Memory
from pullback.front.parse import get_source
from pullback.front.resolve import Resolver
from pullback.syntax.walk import local_functions, param_names, root_name as _root, stored

_STATEMENTS = (gast.Expr, gast.Assign, gast.If, gast.For, gast.While, gast.Pass,
               gast.Return, gast.Break, gast.Continue)
_MAX_DEPTH = 4


def effect_only(callee, depth=0, seen=None, outer=None) -> bool:
    """Is ``callee`` (a resolved ``user`` or ``local`` callee) proven to only look?
    A nested function (``local``) is read with the resolver of the function it is
    defined in (``outer``), its own parameters and variables being local there."""
    seen = set() if seen is None else seen
    if callee.kind == "nondiff":
        return True
    if callee.kind not in ("user", "local") or depth > _MAX_DEPTH:
        return False
    if callee.kind == "local":
        node = getattr(callee.obj, "node", callee.obj)  # (a NestedFunction wraps one)
        if outer is None or id(node) in seen or \
                not isinstance(node, (gast.FunctionDef, gast.Lambda)):
            return False
        seen.add(id(node))
        body = [gast.Expr(value=node.body)] if isinstance(node, gast.Lambda) else node.body
        own = set(param_names(node.args)) | stored(body)
        if any(isinstance(n, gast.Call) and _root(n.func) in own for b in body
               for n in gast.walk(b)):
            return False  # (calling its own parameter: the caller's resolver cannot tell)
        return _only_looks(body, outer, depth, seen)
    key = getattr(callee.obj, "__code__", None)
    if key is None or key in seen:
        return False
    seen.add(key)
    try:
        src = get_source(callee.obj)
    except Exception:  # noqa: BLE001  (no source: not proven)
        return False
    tree = src.tree
    names = set(param_names(tree.args)) | stored(tree.body)
    return _only_looks(tree.body, Resolver(src, names, local_functions(tree.body)), depth, seen)


def _only_looks(body, resolver, depth, seen) -> bool:
    made = _made_here(body, resolver)
    for node in (n for s in body for n in gast.walk(s)):
        if isinstance(node, gast.stmt) and not isinstance(node, _STATEMENTS):
            return False
        if isinstance(node, gast.Assign) and not all(
                isinstance(t, gast.Name) or isinstance(t, gast.Subscript) and
                isinstance(t.value, gast.Name) and t.value.id in made for t in node.targets):
            return False  # (a write only into an array it made itself: out[i] = ...)
        if isinstance(node, (gast.Lambda, gast.Yield, gast.YieldFrom, gast.Await,
                             gast.NamedExpr)):
            return False
        if isinstance(node, gast.Call) and not _looks_only(resolver, node, depth, seen):
            return False
    return True


def _made_here(body, resolver) -> set[str]:
    """Names every binding of which is a new array this body makes (np.zeros(...),
    x.copy(), arithmetic): writes into them change nothing the caller sees."""
    memory = Memory(resolver, body)
    binds: dict[str, list] = {}
    for node in (n for s in body for n in gast.walk(s)):
        if isinstance(node, gast.Assign):
            for t in node.targets:
                for n in gast.walk(t):
                    if isinstance(n, gast.Name) and isinstance(n.ctx, gast.Store):
                        binds.setdefault(n.id, []).append(node.value if t is n else None)
        elif isinstance(node, (gast.For, gast.AugAssign)):
            for n in gast.walk(node.target):
                if isinstance(n, gast.Name):
                    binds.setdefault(n.id, []).append(None)
    return {n for n, vs in binds.items()
            if all(v is not None and memory.fresh(v) and
                   not isinstance(v, (gast.Constant, gast.Compare)) for v in vs)}


def _looks_only(resolver, call, depth, seen) -> bool:
    if any(k.arg == "out" for k in call.keywords):
        return False
    callee = resolver.callee(call.func)
    if isinstance(callee.obj, np.ufunc) and len(call.args) > callee.obj.nin:
        return False  # np.negative(v, v): v is the out
    if callee.kind == "nondiff":
        return True
    if callee.kind in ("rule", "method"):
        # computes a new array (or a view) from its arguments, writing none
        return Memory.fresh_rule(callee) or callee.obj is np.einsum
    return effect_only(callee, depth + 1, seen)


def mark_effect_calls(body, resolver) -> None:
    """Mark (``pb_effect``) each statement ``f(...)`` of a function proven to only look."""
    for s in (n for st in body for n in gast.walk(st)):
        if isinstance(s, gast.Expr) and isinstance(s.value, gast.Call):
            callee = resolver.callee(s.value.func)
            if callee.kind == "user" and effect_only(callee):
                s.pb_effect = True
