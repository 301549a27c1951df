"""Calls pullback cannot see into, refused where they might change an array
the derivative reads (see :func:`check_opaque_calls`)."""

from __future__ import annotations

import functools

import gast
import numpy as np

from pullback.analysis.effects import effect_only
from pullback.front.resolve import MISSING as MISSING_VALUE
from pullback.syntax.astutil import unparse
from pullback.syntax.walk import names_read, own_exprs, statements_in_order


#: methods without rules that are known to leave their array alone
PURE_METHODS = {"tolist", "item", "tobytes", "copy", "astype", "view", "flatten", "ravel",
                "reshape", "transpose", "squeeze", "swapaxes", "any", "all", "nonzero",
                "argmax", "argmin", "argsort", "round", "conj", "conjugate", "__len__",
                # list methods: they change the list, never the arrays given to them
                "append", "extend", "insert", "index", "count"}


def check_opaque_calls(source, resolver, memory, body, active=frozenset()) -> None:
    """Refuse a call that may change an array in place without pullback following
    it -- one it cannot see into (no rule, no source: ``np.random.shuffle(k)``,
    ``k.sort()``), or one given an ``out`` array that was not rewritten into a write
    (``print(np.negative(y, out=y))``) -- when the differentiated computation has
    already read that array (or one sharing its memory: the adjoint would read the
    changed values), or reads it later while it carries a derivative (``active``:
    the derivative would miss the change). After activity, on the final body."""
    order = list(statements_in_order(body))
    active_reads = []
    for pos, (s, loops) in enumerate(order):
        if getattr(s, "pb_active", False):
            active_reads.append((pos, loops, names_read(s, memory.local_reads)))
    for pos, (s, loops) in enumerate(order):
        for e in own_exprs(s):
            for call in (n for n in gast.walk(e) if isinstance(n, gast.Call)):
                if getattr(call.func, "pb_builtin", None) in ("slice", "len", "range"):
                    continue  # introduced by pullback; reads numbers only
                callee = resolver.callee(call.func)
                f = call.func
                outs = [k.value for k in call.keywords if k.arg == "out"]
                if isinstance(callee.obj, np.ufunc) and len(call.args) > callee.obj.nin:
                    outs += call.args[callee.obj.nin:]  # np.add(a, b, c): c is the out
                # your own function in a statement not differentiated runs as written:
                # unseen too, unless proven only to look (analysis/effects.py)
                unseen = callee.kind in ("unknown", "ambiguous") or \
                    callee.kind in ("user", "local") and not getattr(s, "pb_active", False) \
                    and not effect_only(callee, outer=resolver)
                if outs:
                    given = outs
                elif not unseen or isinstance(f, gast.Attribute) and f.attr in PURE_METHODS:
                    continue
                else:
                    given = list(call.args) + [k.value for k in call.keywords]
                    if isinstance(f, gast.Attribute) and resolver.value_of(f) is MISSING_VALUE:
                        given.append(f.value)
                for name in sorted({n.id for g in given for n in gast.walk(g)
                                    if isinstance(n, gast.Name) and n.id in resolver.locals}):
                    related = memory.aliases(name) | {name}
                    carries = bool(related & set(active))
                    for p, rloops, reads in active_reads:
                        shared_loop = {id(x) for x in rloops} & {id(x) for x in loops}
                        if reads & related and p != pos and (p < pos or shared_loop or carries):
                            if outs:
                                raise source.error(_out_advice(callee.name, call, name,
                                                               order[p][0].lineno), s)
                            if callee.obj is functools.partial:
                                raise source.error(_PARTIAL_ADVICE, s)
                            raise source.error(
                                f"`{callee.name}` receives `{name}`, which the differentiated "
                                f"computation uses (line {order[p][0].lineno}); pullback "
                                f"cannot follow `{callee.name}` if it changes it in place, so "
                                f"the derivative could use values NumPy does not. Call it on "
                                f"a copy ({callee.name}({name}.copy())), or outside the "
                                "function you differentiate", s)


def _out_advice(fname, call, name, line) -> str:
    """An ``out=`` call pullback did not turn into a write (one used as a value)."""
    text = unparse(call).strip()
    return (f"`{text}` writes into `{name}`, which the differentiated computation uses "
            f"(line {line}), and its result is used as a value: pullback follows an "
            f"`out=` call only as a statement of its own. Write `{text}` on a line by "
            f"itself and then use `{name}`, or write `{name} = {fname}(...)` without "
            f"`out=` for a new array")


_PARTIAL_ADVICE = (
    "this `functools.partial(...)` is used as a value (kept, passed or returned), and "
    "pullback follows a partial only where it is called: call the function itself there "
    "(`f(a, x)` for `partial(f, a)(x)`), or pass the function and its arguments separately")
