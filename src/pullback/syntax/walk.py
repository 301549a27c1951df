"""What a block of statements binds, and in what order: small syntactic facts
every stage asks of a gast tree."""

from __future__ import annotations

import gast


def param_names(args) -> list[str]:
    return [a.id for a in args.posonlyargs + args.args + args.kwonlyargs]


def local_functions(body) -> dict:
    """Functions defined in the body (``def`` or ``name = lambda``), by name. A
    name bound more than once maps to None: which function a call means would
    depend on the path taken, so such calls are refused."""
    found, bindings = {}, {}
    for s in body:
        for n in gast.walk(s):
            if isinstance(n, gast.FunctionDef):
                found[n.name] = n
                bindings[n.name] = bindings.get(n.name, 0) + 1
            elif isinstance(n, gast.Name) and not isinstance(n.ctx, (gast.Load, gast.Param)):
                bindings[n.id] = bindings.get(n.id, 0) + 1
            if isinstance(n, gast.Assign) and len(n.targets) == 1 and \
                    isinstance(n.targets[0], gast.Name) and isinstance(n.value, gast.Lambda):
                found[n.targets[0].id] = n.value
    return {name: (node if bindings.get(name, 0) == 1 else None)
            for name, node in found.items()}


def stored(body) -> set[str]:
    out = set()
    for s in body:
        for n in gast.walk(s):
            if isinstance(n, gast.Name) and not isinstance(n.ctx, gast.Load):
                out.add(n.id)
            elif isinstance(n, gast.FunctionDef):
                out.add(n.name)
    return out


def target_names(t) -> list[str]:
    if isinstance(t, gast.Name):
        return [t.id]
    if isinstance(t, (gast.Tuple, gast.List)):
        out = []
        for e in t.elts:
            out += target_names(e)
        return out
    return []


def statements_in_order(stmts, loops=()):
    """(statement, enclosing loops) in source order."""
    for s in stmts:
        yield s, loops
        if isinstance(s, (gast.While, gast.For)):
            yield from statements_in_order(s.body, loops + (s,))
        elif isinstance(s, gast.If):
            yield from statements_in_order(s.body, loops)
            yield from statements_in_order(s.orelse, loops)
        elif isinstance(s, gast.With):
            yield from statements_in_order(s.body, loops)


def append_of(s):
    """``L`` if ``s`` is the statement ``L.append(x)``, else None."""
    if isinstance(s, gast.Expr) and isinstance(s.value, gast.Call):
        f = s.value.func
        if isinstance(f, gast.Attribute) and f.attr == "append" and \
                isinstance(f.value, gast.Name) and len(s.value.args) == 1 and \
                not s.value.keywords:
            return f.value.id
    return None
