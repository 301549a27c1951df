"""Reads of single elements of a growing list (``hs[-1]``, ``for h in hs``).

:mod:`pullback.analysis.lists` proves such a read comes after the list's last
append; here each differentiated one, ``L[i]`` with an integer index, becomes
``list_item(L, i)``, a call with a rule (:mod:`pullback.rules.list_items`), so
the list is still only ever passed whole. Slices of such a list are left alone
(and refused by the ANF's list check), and so are elements of a list of lists.
``a, b = L`` reads each element so, after a check of ``L``'s length (Python's
``ValueError`` when it is not the number of names).
"""

from __future__ import annotations

import gast

from pullback.rules.list_items import list_item
from pullback.syntax.astutil import builtin, const, load, store
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
    _unpacked_lists(body, names)
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


def _unpacked_lists(body, names):
    """``a, b = L`` (names only) as ``if len(L) != 2: raise ValueError(...)``, ``a =
    L[0]``, ``b = L[1]``, in place, in every block of ``body``."""
    for k in reversed(range(len(body))):
        s = body[k]
        for field in ("body", "orelse"):
            if isinstance(getattr(s, field, None), list) and not isinstance(s, gast.FunctionDef):
                _unpacked_lists(getattr(s, field), names)
        if not (isinstance(s, gast.Assign) and len(s.targets) == 1 and
                isinstance(s.targets[0], (gast.Tuple, gast.List)) and
                isinstance(s.value, gast.Name) and s.value.id in names and
                all(isinstance(t, gast.Name) for t in s.targets[0].elts)):
            continue
        targets, seq = s.targets[0].elts, s.value.id
        n = len(targets)
        message = f"cannot unpack the list `{seq}` into {n} names: its length is not {n}"
        check = gast.If(test=gast.Compare(
            left=gast.Call(func=builtin("len"), args=[load(seq)], keywords=[]),
            ops=[gast.NotEq()], comparators=[const(n)]),
            body=[gast.Raise(exc=gast.Call(func=builtin("ValueError"), args=[const(message)],
                                           keywords=[]), cause=None)], orelse=[])
        picks = [gast.Assign(targets=[store(t.id)], value=gast.Subscript(
            value=load(seq), slice=const(i), ctx=gast.Load()), type_comment=None)
            for i, t in enumerate(targets)]
        if len({t.id for t in targets} | {seq}) != n + 1:
            continue  # (a, a = L, or L, b = L: left as written)
        for new in [check] + picks:
            gast.copy_location(new, s)
            new.pb_src = getattr(s, "pb_src", None)
        check.body[0].pb_src = getattr(s, "pb_src", None)
        gast.copy_location(check.body[0], s)
        body[k:k + 1] = [check] + picks
