"""Which variables are read later: a backward liveness pass over normalized code.

Forward mode asks it where two control-flow paths meet: a tangent only needs
a materialised zero there if its variable is read afterwards.
"""

from __future__ import annotations

import gast

from pullback.syntax.astutil import names_in


def _reads(node) -> set[str]:
    return names_in(node, gast.Load)


def annotate(stmts, live_out: set[str]) -> set[str]:
    """Set ``pb_live_after`` on compound statements; return the live-in set."""
    live = set(live_out)
    for s in reversed(stmts):
        if isinstance(s, gast.Assign):
            t = s.targets[0]
            if isinstance(t, gast.Subscript):
                live |= _reads(t) | _reads(s.value)
            else:
                live -= names_in(t, gast.Store)
                live |= _reads(s.value)
        elif isinstance(s, gast.If):
            s.pb_live_after = set(live)
            live = annotate(s.body, live) | annotate(s.orelse, live) | _reads(s.test)
        elif isinstance(s, (gast.While, gast.For)):
            s.pb_live_after = set(live)
            head = set(live) | _reads(s.test if isinstance(s, gast.While) else s.iter)
            while True:
                new = head | annotate(s.body, head)
                if new == head:
                    break
                head = new
            s.pb_live_head = head
            live = set(head)
        elif isinstance(s, gast.With):
            live = annotate(s.body, live) | _reads(s.items[0].context_expr)
        else:
            live |= _reads(s)
    return live
