"""Facts about a normalised function body that both modes ask: which names are
ints, which are read before assigned, which expressions are pure."""

from __future__ import annotations

import builtins

import gast

from pullback.syntax.walk import target_names


def pure(expr) -> bool:
    for n in gast.walk(expr):
        if isinstance(n, (gast.Call, gast.Lambda, gast.NamedExpr, gast.ListComp,
                          gast.GeneratorExp, gast.DictComp, gast.SetComp, gast.Await)):
            return False
    return True


def covers_all(t) -> bool:
    """A rule of only ``*args`` (like ``einsum``'s) returns one tuple covering every
    positional argument; elsewhere ``*args`` are constants (``x.reshape(2, 3)``)."""
    return t.vararg is not None and not t.params


def _own_nodes(body):
    """The nodes of ``body``, not entering nested functions and lambdas."""
    todo = list(reversed(body))
    while todo:
        n = todo.pop()
        yield n
        if not isinstance(n, (gast.FunctionDef, gast.Lambda)):
            todo.extend(reversed(list(gast.iter_child_nodes(n))))


def int_names(body, resolver) -> set[str]:
    """Variables that can only hold Python ints (loop indices, shape arithmetic)."""
    defs: dict[str, list] = {}
    for n in _own_nodes(body):  # (a nested function's loops are its own)
        if isinstance(n, gast.For):
            defs.setdefault(n.target.id, []).append("range")
        elif isinstance(n, gast.Assign):
            for t in n.targets:
                for name in target_names(t):
                    defs.setdefault(name, []).append(n.value if isinstance(t, gast.Name)
                                                     else None)

    def is_int(e, ints):
        if e == "range":
            return True
        if isinstance(e, gast.Constant):
            return isinstance(e.value, int) and not isinstance(e.value, bool)
        if isinstance(e, gast.Name):
            return e.id in ints
        if isinstance(e, gast.BinOp) and isinstance(e.op, (gast.Add, gast.Sub, gast.Mult,
                                                           gast.FloorDiv, gast.Mod)):
            return is_int(e.left, ints) and is_int(e.right, ints)
        if isinstance(e, gast.UnaryOp) and isinstance(e.op, gast.USub):
            return is_int(e.operand, ints)
        if isinstance(e, gast.Subscript) and isinstance(e.value, gast.Attribute) \
                and e.value.attr == "shape":
            return True
        if isinstance(e, gast.Attribute) and e.attr in ("ndim", "size"):
            return True
        if isinstance(e, gast.Call) and resolver.value_of(e.func) is builtins.len:
            return True
        return False

    ints: set[str] = set()
    while True:
        new = {n for n, ds in defs.items() if all(d is not None and is_int(d, ints)
                                                   for d in ds)}
        if new == ints:
            return ints
        ints = new


def exposed_reads(stmts) -> set[str]:
    """Names read on some path before this code assigns them (its inputs)."""
    out: set[str] = set()

    def expr(node, assigned):
        for n in gast.walk(node):
            if isinstance(n, gast.Name) and isinstance(n.ctx, gast.Load) and n.id not in assigned:
                out.add(n.id)

    def block(body, assigned):
        assigned = set(assigned)
        for s in body:
            if isinstance(s, gast.Assign):
                expr(s.value, assigned)
                for t in s.targets:
                    if not isinstance(t, (gast.Name, gast.Tuple, gast.List)):
                        expr(t, assigned)
                    assigned |= set(target_names(t))
            elif isinstance(s, gast.AugAssign):
                expr(s.value, assigned)
                expr(s.target, assigned)
            elif isinstance(s, gast.If):
                expr(s.test, assigned)
                a = block(s.body, assigned)
                b = block(s.orelse, assigned)
                assigned = a & b
            elif isinstance(s, gast.For):
                expr(s.iter, assigned)
                block(s.body, assigned | set(target_names(s.target)))
            elif isinstance(s, gast.While):
                expr(s.test, assigned)
                block(s.body, assigned)
            else:
                expr(s, assigned)
        return assigned

    block(stmts, set())
    return out


def identifier(name: str, fallback: str) -> str:
    return name if name.isidentifier() else fallback


def others_scalar(args, arg) -> bool:
    """Only number literals besides ``arg``: no broadcasting can happen."""
    return all(a is arg or (isinstance(a, gast.Constant) and
                            isinstance(a.value, (int, float)))
               for a in args)
