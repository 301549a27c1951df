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


# -- the order statements run in (structured code: jumps are flags by now) ----------------
def subscript_targets(t) -> list:
    if isinstance(t, gast.Subscript):
        return [t]
    if isinstance(t, (gast.Tuple, gast.List)):
        return [x for e in t.elts for x in subscript_targets(e)]
    return []


def definitions(order) -> dict[str, list[int]]:
    """Positions of the statements that bind each name (assignment, loop target)."""
    out: dict[str, list[int]] = {}
    for pos, (s, _) in enumerate(order):
        targets = s.targets if isinstance(s, gast.Assign) else \
            [s.target] if isinstance(s, gast.For) else []
        for t in targets:
            for n in gast.walk(t):
                if isinstance(n, gast.Name) and isinstance(n.ctx, gast.Store):
                    out.setdefault(n.id, []).append(pos)
    return out


def own_exprs(s) -> list:
    """The expressions a statement itself evaluates (not those of nested blocks)."""
    if isinstance(s, (gast.If, gast.While)):
        return [s.test]
    if isinstance(s, gast.For):
        return [s.iter]
    if isinstance(s, gast.With):
        return [i.context_expr for i in s.items]
    if isinstance(s, gast.FunctionDef):
        return list(s.args.defaults) + [d for d in s.args.kw_defaults if d is not None]
    if isinstance(s, gast.Assign):
        out = [s.value]
        for t in s.targets:  # k[i] = v reads i (and k's other names in the index)
            for sub in subscript_targets(t):
                out.append(sub.slice)
        return out
    return [s]


def parents_of(body) -> dict[int, tuple]:
    """id(statement) → (enclosing statements, and the block list it is in)."""
    out = {}

    def walk(stmts, chain):
        for s in stmts:
            out[id(s)] = (chain, id(stmts))
            for field in ("body", "orelse"):
                block = getattr(s, field, None)
                if isinstance(block, list) and not isinstance(s, gast.FunctionDef):
                    walk(block, chain + ((id(s), field),))

    walk(body, ())
    return out


def dominates(d, r, parents) -> bool:
    """Does statement ``d`` (which comes before ``r``) always run before ``r``?
    True when ``d`` sits in a block that encloses ``r``: structured code without
    jumps (jumps have become flags by now)."""
    dchain = parents[id(d)][0]
    rchain = parents[id(r)][0]
    return rchain[:len(dchain)] == dchain


def exclusive(d, r, parents) -> bool:
    """Do ``d`` and ``r`` sit in the two branches of one ``if`` (so one turn runs
    at most one of them)?"""
    dchain, rchain = parents[id(d)][0], parents[id(r)][0]
    for (ds, df), (rs, rf) in zip(dchain, rchain):
        if ds != rs:
            return False
        if df != rf:
            return True
    return False


def reaches(d, w, rebinds, order, parents) -> bool:
    """May the binding at position ``d`` still be the one a name holds at
    position ``w``? ``rebinds``: the positions of the name's plain assignments.
    Structured code without jumps: forward, unless ``d`` and ``w`` are exclusive
    branches or an assignment that dominates ``w`` comes in between; and around
    every loop holding both, unless an assignment dominating ``w`` comes after
    the innermost such loop's head (a ``while`` test after its own body too).
    Anything not proven is a path."""
    def killed(after):
        return any(after < k < w and dominates(order[k][0], order[w][0], parents)
                   for k in rebinds)

    if isinstance(order[w][0], gast.While) and any(order[w][0] is m for m in order[d][1]):
        return True  # a while's test runs again after its body
    shared = [loop for loop in order[w][1] if any(loop is m for m in order[d][1])]
    if shared:
        head = next(i for i, (s, _) in enumerate(order) if s is shared[-1])
        if not killed(head):
            return True
    return d < w and not exclusive(order[d][0], order[w][0], parents) and not killed(d)


def rewrite_blocks(s, rewrite) -> None:
    """Replace each block nested in statement ``s`` (``body``, ``orelse``; not a
    nested function's) by ``rewrite(block)``."""
    if isinstance(s, gast.FunctionDef):
        return
    for field in ("body", "orelse"):
        block = getattr(s, field, None)
        if isinstance(block, list):
            setattr(s, field, rewrite(block))


def root_name(e):
    """``k`` for ``k``, ``k.T[0]``, ``k.reshape(2, 3)``, ``f`` for ``f(x).attr``; None otherwise."""
    while isinstance(e, (gast.Attribute, gast.Subscript, gast.Call)):
        e = e.func if isinstance(e, gast.Call) else e.value
    return e.id if isinstance(e, gast.Name) else None


def names_read(s, local_reads) -> set[str]:
    """The names statement ``s`` itself reads, with what the local functions it
    calls read (``local_reads``: function name -> the outer names it reads)."""
    names = set()
    for e in own_exprs(s):
        for n in gast.walk(e):
            if isinstance(n, gast.Name) and isinstance(n.ctx, gast.Load):
                names.add(n.id)
                names |= local_reads.get(n.id, set())
    return names


#: expressions that build a new list, tuple, set or dict of other names' objects
DISPLAYS = (gast.List, gast.Tuple, gast.Set, gast.Dict, gast.ListComp, gast.DictComp,
            gast.SetComp)


def container_names(body) -> set[str]:
    """Names a list, tuple or dict may be bound to: a display or comprehension, a
    ``list``/``tuple``/``dict`` call, a copy of one of those, or a name that is
    appended to (syntactic, so it may name too many: then a copy is not fresh)."""
    out: set[str] = set()
    nodes = [n for s in body for n in gast.walk(s)]
    for _ in range(3):  # (a copy of a copy)
        for n in nodes:
            if isinstance(n, gast.Assign):
                for t in n.targets:
                    for names, v in paired(t, n.value):  # (k[0], k[1] = ...: no name)
                        if _container_value(v, out):
                            out |= names
            elif isinstance(n, gast.Call) and isinstance(n.func, gast.Attribute) and \
                    n.func.attr in ("append", "extend", "insert") and \
                    isinstance(n.func.value, gast.Name):
                out.add(n.func.value.id)
    return out


def _container_value(v, known) -> bool:
    if isinstance(v, DISPLAYS):
        return True
    if isinstance(v, gast.Name):
        return v.id in known
    if isinstance(v, gast.Call):
        f = v.func
        if isinstance(f, gast.Name) and f.id in ("list", "tuple", "dict"):
            return True
        return isinstance(f, gast.Attribute) and f.attr == "copy" and \
            _container_value(f.value, known)
    return False


def paired(target, value) -> list:
    """(names, value) bindings of ``target = value``: ``p, q = e1, e2`` binds p to
    e1 and q to e2 alone (equal lengths, no starred items); else every name to
    the whole value."""
    if isinstance(target, (gast.Tuple, gast.List)) and isinstance(value, (gast.Tuple, gast.List)) \
            and len(target.elts) == len(value.elts) and \
            not any(isinstance(e, gast.Starred) for e in target.elts + value.elts):
        return [b for t, v in zip(target.elts, value.elts) for b in paired(t, v)]
    return [(store_names(target), value)]


def store_names(target) -> set[str]:
    return {n.id for n in gast.walk(target) if isinstance(n, gast.Name)
            and isinstance(n.ctx, gast.Store)}
