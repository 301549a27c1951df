"""What to write instead: the advice of the memory check's refusals
(:mod:`pullback.analysis.mutation`), in the user's own names, and advice that
works when applied -- a copy where one is needed, and no copy that would be
shallow or refused again."""

from __future__ import annotations

import copy

import gast
import numpy as np

from pullback.syntax.astutil import unparse
from pullback.syntax.walk import DISPLAYS

#: NumPy functions returning a list of views of their first argument
LISTS_OF_VIEWS = {np.split, np.array_split, np.hsplit, np.vsplit, np.dsplit}


def refuse_unknown(source, resolver, s) -> None:
    """A call without a derivative rule in ``s`` is refused first (taking a copy of
    its result would not make it differentiable)."""
    if isinstance(s, gast.Assign):
        for n in gast.walk(s.value):
            if isinstance(n, gast.Call) and resolver.callee(n.func).kind == "unknown":
                raise source.error(resolver.refusal(resolver.callee(n.func)), s)


def container_write(k, value, write, memory, resolver) -> str | None:
    """The message for a write into an item of the container ``k`` (bound to
    ``value``; ``write`` the writing statement), or None when ``k`` is no list."""
    if value is None or not (isinstance(value, DISPLAYS) or
                             _list_copied(value) in memory.containers or
                             isinstance(value, gast.Call) and
                             _member(resolver.callee(value.func).obj, LISTS_OF_VIEWS)):
        return None
    items = value.elts if isinstance(value, (gast.List, gast.Tuple)) else \
        value.args[:1] if isinstance(value, gast.Call) else []
    i = _item_written(write, k)
    if i is not None and i < len(items):
        items = [items[i]]  # L[1][0] = e writes into L[1]
    v = next((e.id for e in items if isinstance(e, gast.Name)), "v")
    return (f"a write into an item of `{k}` (a list, tuple or dict) changes an array that "
            f"other names may hold, and pullback does not follow writes into a container's "
            f"items: write into that array by its own name instead (e.g. `{v}[...] = ...` "
            f"or `{v} += ...`)")


def copied(memory, value, k) -> str:
    """``value`` taking copies where it takes ``k``'s memory: ``(E).copy()``; for a
    display, the display of copies (``[b.copy()]``: a list's ``.copy()`` would
    still hold ``b``'s array, and a tuple has none); for a list made of another
    list's items (``L.copy()``, ``list(L)``, ``L[:]``, ``[*L]``, ``L + []``,
    ``tuple(L)``), a list of copies of them."""
    shared = memory.aliases(k) | {k}
    held = _list_copied(value)
    mentioned = memory.mentions(value)
    if held is None and len(mentioned) == 1 and not isinstance(value, gast.Dict) and not (
            isinstance(value, (gast.List, gast.Tuple)) and
            not any(isinstance(e, gast.Starred) for e in value.elts)):
        held = next(iter(mentioned))
    if held is not None and held in memory.containers:
        return f"[v.copy() for v in {held}]"
    if isinstance(value, (gast.List, gast.Tuple, gast.Dict)):
        out = copy.deepcopy(value)
        items = out.values if isinstance(out, gast.Dict) else out.elts
        for i, e in enumerate(items):
            if memory.mentions(e) & shared:
                items[i] = gast.Call(func=gast.Attribute(
                    value=e, attr="copy", ctx=gast.Load()), args=[], keywords=[])
        return text(out)
    return f"({text(value)}).copy()"


def _item_written(s, k):
    """``i`` when ``s`` writes into ``k[i]`` by a constant ``i`` (``k[i][j] = e``,
    ``k[i, j] = e``, ``k[i] += e``); else None."""
    t = s.targets[0] if isinstance(s, gast.Assign) and s.targets else None
    while isinstance(t, gast.Subscript) and isinstance(t.value, gast.Subscript):
        t = t.value
    if not (isinstance(t, gast.Subscript) and isinstance(t.value, gast.Name) and t.value.id == k):
        return None
    i = t.slice.elts[0] if isinstance(t.slice, gast.Tuple) and t.slice.elts else t.slice
    return i.value if isinstance(i, gast.Constant) and type(i.value) is int else None


def _list_copied(value):
    """``L`` for ``L``, ``L.copy()``, ``list(L)`` and ``L[:]``; else None."""
    if isinstance(value, gast.Call) and not value.keywords:
        f = value.func
        if isinstance(f, gast.Attribute) and f.attr == "copy" and not value.args:
            value = f.value
        elif isinstance(f, gast.Name) and f.id in ("list", "tuple") and len(value.args) == 1:
            value = value.args[0]
    elif isinstance(value, gast.Subscript) and isinstance(value.slice, gast.Slice) and \
            value.slice.lower is None and value.slice.upper is None and value.slice.step is None:
        value = value.value
    return value.id if isinstance(value, gast.Name) else None


def _member(obj, collection) -> bool:
    try:
        return obj in collection
    except TypeError:
        return False


def text(node) -> str:
    """The source text of ``node`` for a message (``...`` if it has none)."""
    try:
        return unparse(node).strip()
    except Exception:
        return "..."
