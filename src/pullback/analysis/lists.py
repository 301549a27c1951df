"""Lists that grow by ``append`` and are then consumed whole.

    out = []
    for i in range(n):
        out.append(f(x, i))
    y = np.stack(out)

is supported when the list is created once (``L = []``), only appended to, and
read whole (as the argument of a function such as ``np.stack``,
``np.concatenate``, ``np.array`` or ``sum``; or by ``len``) only after its last
append (a list made anew in each turn of a loop: later in that turn). Its adjoint is a list of cotangents, popped back in reverse order of
the appends; its tangent is a list of tangents appended alongside.
"""

from __future__ import annotations

import gast

from pullback.syntax.walk import append_of, statements_in_order




def find(source, body, returns_list=lambda call: None, checked=lambda call: None) -> set[str]:
    """Names that are growing lists in the sense above. A list with an append that
    breaks the rules is reported at its line. A name bound once to a list that
    one of the user's functions returns (``returns_list(call)``: see
    :func:`returned_lists`), and never appended to here, is one too: a grown list;
    also through a run-time check of that call (``checked(value)`` is the call)."""
    order = list(statements_in_order(body))
    empty_defs, other_defs = {}, set()
    for s, _ in order:
        if isinstance(s, gast.Assign):
            for t in s.targets:
                for n in gast.walk(t):
                    if isinstance(n, gast.Name) and isinstance(n.ctx, gast.Store):
                        if isinstance(t, gast.Name) and isinstance(s.value, gast.List) \
                                and not s.value.elts:
                            empty_defs.setdefault(n.id, []).append(s)
                        else:
                            other_defs.add(n.id)
        elif isinstance(s, (gast.For,)):
            other_defs |= {n.id for n in gast.walk(s.target) if isinstance(n, gast.Name)}
    appends: dict[str, list] = {}
    for pos, (s, loops) in enumerate(order):
        name = append_of(s)
        if name is not None:
            appends.setdefault(name, []).append((pos, loops, s))
    found = set()
    called: dict[str, int] = {}
    def bound(s):  # the call an assignment binds: its value, or the call it checks
        if not (isinstance(s, gast.Assign) and isinstance(s.value, gast.Call)):
            return None
        inner = checked(s.value)
        return inner if isinstance(inner, gast.Call) else s.value

    for s, _ in order:  # a list result used in any other way than bound: not followed
        direct = bound(s)
        for e in _own(s):
            for call in (n for n in gast.walk(e) if isinstance(n, gast.Call)):
                if call is not direct and returns_list(call) is not None:
                    raise source.error(
                        "this call returns a list (or lists among its results); bind it to "
                        "a name first (r = f(...)), then index, loop over or stack that", s)
    for s, _ in order:
        if not (isinstance(s, gast.Assign) and len(s.targets) == 1 and
                isinstance(s.value, gast.Call)):
            continue
        lists = returns_list(bound(s))
        t = s.targets[0]
        if lists == "whole" and isinstance(t, gast.Name):
            called[t.id] = called.get(t.id, 0) + 1
        elif lists is not None and lists != "whole" and isinstance(t, gast.Tuple) and \
                all(isinstance(e, gast.Name) or isinstance(e, (gast.Tuple, gast.List)) and
                    all(isinstance(x, gast.Name) for x in e.elts) for e in t.elts):
            for i in lists:  # (a list unpacked into names gives its elements)
                if i < len(t.elts) and isinstance(t.elts[i], gast.Name):
                    called[t.elts[i].id] = called.get(t.elts[i].id, 0) + 1
        elif lists is not None and not (lists == "whole" and isinstance(t, gast.Tuple)):
            raise source.error(
                "this call returns lists among its results; unpack them by name "
                "(a, b = f(...)) and index or loop over each", s)
    for name, n in called.items():
        defs = [s for s, _ in order for t in _targets(s) for m in gast.walk(t)
                if isinstance(m, gast.Name) and m.id == name]
        if n != 1 or len(defs) != 1 or name in appends:
            # (a list not followed as one would get its cotangents added as arrays)
            raise source.error(
                f"`{name}` holds a list that your function returns, and is bound or "
                f"appended to elsewhere too; give that list a name of its own, bound once "
                f"and not appended to", defs[-1] if defs else order[0][0])
        found.add(name)
    for name, apps in appends.items():
        if name not in empty_defs or len(empty_defs[name]) != 1 or name in other_defs:
            continue  # not a list this function builds: left to the other checks
        last = max(p for p, _, _ in apps)
        made_in = next(lps for s, lps in order if s is empty_defs[name][0])
        # a loop that makes the list anew each turn may read it later in the turn
        loops_with_appends = {id(lp) for _, lps, _ in apps for lp in lps} - \
            {id(lp) for lp in made_in}
        for pos, (s, loops) in enumerate(order):
            if s in empty_defs[name]:
                continue
            own = [s.test] if isinstance(s, (gast.If, gast.While)) else \
                [s.iter] if isinstance(s, gast.For) else [] if isinstance(s, gast.With) else \
                list(s.value.args) if append_of(s) == name else [s]  # (L.append(L[-1]) reads)
            uses = [n for e in own for n in gast.walk(e)
                    if isinstance(n, gast.Name) and n.id == name and isinstance(n.ctx, gast.Load)]
            if not uses:
                continue
            if pos < last or loops_with_appends & {id(lp) for lp in loops}:
                raise source.error(
                    f"the list `{name}` is read while it is still growing; read it (np.stack, "
                    f"np.array, ...) after its last append, outside the loop that appends",
                    s)
        found.add(name)
    for s, _ in order:  # a method of the list inside an expression: print(L.pop())
        direct = s.value if append_of(s) is not None else None
        for e in _own(s):
            for call in (n for n in gast.walk(e) if isinstance(n, gast.Call)):
                f = call.func
                if call is not direct and isinstance(f, gast.Attribute) and \
                        isinstance(f.value, gast.Name) and f.value.id in found:
                    raise source.error(
                        f"`{f.value.id}.{f.attr}(...)` inside an expression: the list "
                        f"`{f.value.id}` may only grow by `{f.value.id}.append(v)` as a "
                        "statement of its own", s)
    for s, _ in order:  # L[i] = v, L[i][j] = v: a write into the list or an array it holds
        for t in _targets(s):
            for sub in (n for n in gast.walk(t) if isinstance(n, gast.Subscript)):
                root = sub
                while isinstance(root, gast.Subscript):
                    root = root.value
                if isinstance(root, gast.Name) and root.id in found:
                    raise source.error(
                        f"writing into the list `{root.id}` or into an array it holds is not "
                        f"followed; stack it first (k = np.stack({root.id})) and write into "
                        "that, or write into the array before appending it", s)
    return found


def _own(s):
    """The expressions ``s`` itself evaluates (not those of the blocks it holds)."""
    if isinstance(s, (gast.If, gast.While)):
        return [s.test]
    if isinstance(s, gast.For):
        return [s.iter]
    if isinstance(s, (gast.Assign, gast.AugAssign, gast.Expr, gast.Return)):
        return [s.value] if s.value is not None else []
    return []


def _targets(s):
    if isinstance(s, gast.Assign):
        return s.targets
    if isinstance(s, (gast.For, gast.AugAssign)):
        return [s.target]
    return []


def returned_lists(tree):
    """Which of a function's results are lists it builds by ``append`` (``L = []``
    their only binding), or ``[...]`` displays and comprehensions (made such lists
    by front/comprehensions.py), when it returns only at its end: ``"whole"``
    (``return L``), the positions in a returned tuple (``return L, h``: {0}), or
    None (no list, or not proven). Several returns are ``"whole"`` when each is a
    ``[...]`` display or each returns the same such ``L``."""
    body = tree.body
    returns = [n for s in body for n in gast.walk(s) if isinstance(n, gast.Return)]
    if len(returns) > 1 and body and body[-1] in returns and (
            all(isinstance(r.value, gast.List) for r in returns) or
            len({r.value.id if isinstance(r.value, gast.Name) else None for r in returns}
                - {None}) == 1 and all(isinstance(r.value, gast.Name) for r in returns)) \
            and all(_made_list(r.value, body) for r in returns):
        return "whole"  # every return a display, or the one list (front/jumps.py)
    if not body or len(returns) != 1 or returns[0] is not body[-1]:
        return None
    v = body[-1].value
    if _made_list(v, body):
        return "whole"
    if isinstance(v, gast.Tuple):
        at = frozenset(i for i, e in enumerate(v.elts) if _made_list(e, body))
        return at or None
    return None


def _made_list(v, body) -> bool:
    if isinstance(v, (gast.ListComp, gast.List)):
        return True
    if not isinstance(v, gast.Name):
        return False
    binds = [n for s in body for n in gast.walk(s) if isinstance(n, (gast.Assign, gast.For,
                                                                      gast.AugAssign))
             for t in _targets(n) for m in gast.walk(t) if isinstance(m, gast.Name) and
             m.id == v.id]
    made = [n for s in body for n in gast.walk(s) if isinstance(n, gast.Assign) and
            len(n.targets) == 1 and isinstance(n.targets[0], gast.Name) and
            n.targets[0].id == v.id and isinstance(n.value, gast.List) and not n.value.elts]
    return len(binds) == 1 and len(made) == 1
