"""Reads of single elements of a growing list (``hs[-1]``, ``for h in hs``).

:mod:`pullback.analysis.lists` proves such a read comes after the list's last
append; here each differentiated one, ``L[i]`` with an integer index, becomes
``list_item(L, i)``, a call with a rule (:mod:`pullback.rules.list_items`), so
the list is still only ever passed whole. Slices of such a list are left alone
(and refused by the ANF's list check), and so are elements of a list of lists.
"""

from __future__ import annotations

import gast

from pullback.rules.list_items import list_item
from pullback.syntax.astutil import load
from pullback.syntax.walk import append_of


def rewrite_item_reads(body, lists, active, inject):
    """Rewrite, in place, every ``L[i]`` load of an active growing list ``L``."""
    names = {n for n in lists if n in active}
    for s in body:  # a list of lists is read whole only (np.stack(rows))
        for node in gast.walk(s):
            grown = append_of(node) if isinstance(node, gast.stmt) else None
            if grown in names and any(isinstance(a, gast.Name) and a.id in lists
                                      for a in node.value.args):
                names.discard(grown)
    if not names:
        return body
    fname = None
    for s in body:
        for node in gast.walk(s):
            for field, value in gast.iter_fields(node):
                items = value if isinstance(value, list) else [value]
                for k, child in enumerate(items):
                    if not (isinstance(child, gast.Subscript) and
                            isinstance(child.ctx, gast.Load) and
                            isinstance(child.value, gast.Name) and child.value.id in names and
                            not isinstance(child.slice, (gast.Slice, gast.Tuple))):
                        continue
                    fname = fname or inject(list_item, "list_item")
                    call = gast.Call(func=load(fname), args=[child.value, child.slice],
                                     keywords=[])
                    gast.copy_location(call, child)
                    if isinstance(value, list):
                        value[k] = call
                    else:
                        setattr(node, field, call)
    return body
