"""Calls the memory rewrite (:mod:`pullback.analysis.views`) turns into what they
do: ``np.put_along_axis`` into an indexed write, and the unpacking of
``np.split`` pieces into one view expression per piece."""

from __future__ import annotations

import copy

import gast
import numpy as np

from pullback import runtime
from pullback.analysis.memory import Memory
from pullback.syntax.astutil import const, load
from pullback.syntax.walk import rewrite_blocks, statements_in_order, subscript_targets


def put_along_axis(views, stmts):
    """``np.put_along_axis(a, i, v, axis)`` → ``a[along_axis_index(a.shape, i, axis)] = v``:
    the indexed write NumPy does."""
    out = []
    for s in stmts:
        rewrite_blocks(s, lambda block: put_along_axis(views, block))
        call = s.value if isinstance(s, gast.Expr) else None
        if isinstance(call, gast.Call) and \
                views.resolver.value_of(call.func) is np.put_along_axis:
            args = list(call.args) + [k.value for k in call.keywords]
            names = [a.arg for a in call.keywords]
            if len(call.args) + len(names) == 4 and \
                    names == ["arr", "indices", "values", "axis"][len(call.args):] and \
                    not any(isinstance(a, gast.Starred) for a in args):
                arr, indices, values, axis = args
                index = views.namer.fresh("_ix")
                shape = gast.Attribute(value=copy.deepcopy(arr), attr="shape", ctx=gast.Load())
                first = gast.Assign(targets=[gast.Name(id=index, ctx=gast.Store(),
                                                       annotation=None, type_comment=None)],
                                    value=gast.Call(func=load(views.inject(
                                        runtime.along_axis_index, "along_axis_index")),
                                        args=[shape, indices, axis], keywords=[]),
                                    type_comment=None)
                write = gast.Assign(targets=[gast.Subscript(value=copy.deepcopy(arr),
                                                            slice=load(index),
                                                            ctx=gast.Store())],
                                    value=values, type_comment=None)
                for new in (first, write):
                    gast.copy_location(new, s)
                    new.pb_src = getattr(s, "pb_src", None)
                out += [first, write]
                continue
        out.append(s)
    return out

def unpack_splits(views, body):
    """``a, b = np.split(k, 2)`` of a written ``k`` → ``a = np.split(k, 2)[0]``, ...:
    each piece a view the replay can follow (only where the piece count matches)."""
    memory = Memory(views.resolver).analyse(body, views.params)
    writes = written_names(body)

    def pieces(s):
        """The piece count NumPy makes, when it matches the targets."""
        if not (isinstance(s, gast.Assign) and len(s.targets) == 1 and
                isinstance(s.targets[0], (gast.Tuple, gast.List)) and
                all(isinstance(t, gast.Name) for t in s.targets[0].elts)):
            return None
        call = s.value
        if views.chains._split(call) is None or views.chain(call.args[0]) is None:
            return None
        base = views.chain(call.args[0])[0]
        if base not in writes and not memory.aliases(base) & writes:
            return None
        sections = call.args[1]
        n = sections.value if isinstance(sections, gast.Constant) else \
            len(sections.elts) + 1 if isinstance(sections, (gast.Tuple, gast.List)) else None
        return n if n == len(s.targets[0].elts) else None

    def rewrite(stmts):
        out = []
        for s in stmts:
            rewrite_blocks(s, rewrite)
            if pieces(s) is None:
                out.append(s)
                continue
            for i, t in enumerate(s.targets[0].elts):
                piece = gast.Subscript(value=copy.deepcopy(s.value), slice=const(i),
                                       ctx=gast.Load())
                a = gast.Assign(targets=[gast.Name(id=t.id, ctx=gast.Store(),
                                                   annotation=None, type_comment=None)],
                                value=piece, type_comment=None)
                gast.copy_location(a, s)
                a.pb_src = getattr(s, "pb_src", None)
                out.append(a)
        return out
    return rewrite(body)


def written_names(body) -> set[str]:
    """Names written by index (through any chain of views)."""
    out = set()
    for s, _ in statements_in_order(body):
        if isinstance(s, gast.Assign):
            for t in s.targets:
                for sub in subscript_targets(t):
                    while isinstance(sub, (gast.Subscript, gast.Attribute)):
                        sub = sub.value
                    if isinstance(sub, gast.Call) and isinstance(sub.func, gast.Attribute):
                        sub = sub.func.value
                        while isinstance(sub, (gast.Subscript, gast.Attribute)):
                            sub = sub.value
                    if isinstance(sub, gast.Name):
                        out.add(sub.id)
    return out
