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




def find(source, body) -> set[str]:
    """Names that are growing lists in the sense above. A list with an append that
    breaks the rules is reported at its line."""
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
    return found
