"""Stage 4a: rewrite sugar into the few forms the transform knows.

- ``x op= e`` → ``x = x op e``; ``k[i] op= e`` → ``k[i] = k[i] op e``
- ``a = b = e`` → ``a = e; b = a``
- in-place calls (``c.fill(v)``, ``np.copyto``, ``out=``) → ``c[...] = ...``
  (:mod:`pullback.front.inplace`)
- ``for`` over anything but ``range`` → a ``range`` loop with an index:
  ``for r in X`` → ``for _i in range(len(X)): r = X[_i]``;
  ``enumerate``/``zip`` likewise; a literal tuple/list of arrays picks its
  element with ``if``s, so ``break``/``continue`` keep working.
"""

from __future__ import annotations

import builtins
import copy

import gast

from pullback import checks
from pullback.front.inplace import flat_target, rewrite as rewrite_inplace
from pullback.front.tuple_calls import Arity, Keys
from pullback.front.unroll import Unrolling, enumerated_zip
from pullback.syntax.astutil import (assign, builtin, const, constant_slice, load, names_in, store,
                                     tpl_expr, unparse)


class Desugar(Unrolling):
    def __init__(self, source, namer, resolver):
        self.source = source
        self.namer = namer
        self.resolver = resolver
        self.displays: dict[str, int] = {}
        self.structures: dict = {}  # list/tuple/dict arguments: their structure
        self.arrays: set = set()    # parameters known to hold arrays or numbers
        self.inject = None          # names generated code uses for pullback's checks

    def prepare(self, body):
        """Find names bound once, to a literal list or tuple: loops over them unroll."""
        defs: dict[str, list] = {}
        for stmt in body:
            for n in gast.walk(stmt):
                if isinstance(n, gast.Assign):
                    for t in n.targets:
                        for name in gast.walk(t):
                            if isinstance(name, gast.Name):
                                defs.setdefault(name.id, []).append(
                                    n.value if t is name else None)
                elif isinstance(n, (gast.For, gast.AugAssign)):
                    for name in gast.walk(n.target):
                        if isinstance(name, gast.Name):
                            defs.setdefault(name.id, []).append(None)
        self.uses: dict[str, int] = {}
        for stmt in body:
            for n in gast.walk(stmt):
                if isinstance(n, gast.Name):
                    self.uses[n.id] = self.uses.get(n.id, 0) + 1
        grown = self._maybe_resized(body)
        self.changed = grown | {t.value.id for stmt in body for n in gast.walk(stmt)
                                if isinstance(n, gast.Assign) for t in n.targets
                                if isinstance(t, gast.Subscript) and isinstance(t.value, gast.Name)}
        self.displays = {k: len(v[0].elts) for k, v in defs.items()
                         if len(v) == 1 and (isinstance(v[0], gast.Tuple) or
                                             isinstance(v[0], gast.List) and k not in grown)}
        self.bound_once = {k: v[0] for k, v in defs.items() if len(v) == 1 and v[0] is not None}
        self.bound = set(defs)
        loops, stores = {}, {}
        for stmt in body:
            for n in gast.walk(stmt):
                if isinstance(n, gast.For) and isinstance(n.target, gast.Name):
                    loops.setdefault(n.target.id, []).append(self._callee(n.iter) == "range")
                if isinstance(n, gast.Name) and isinstance(n.ctx, gast.Store):
                    stores[n.id] = stores.get(n.id, 0) + 1
        self.range_indices = {k for k, v in loops.items() if all(v) and stores.get(k) == len(v)}
        return self

    def _is_int(self, e) -> bool:
        """Surely an int: an int literal, or a variable bound only by ``for ... in range``."""
        if isinstance(e, gast.UnaryOp) and isinstance(e.op, gast.USub):
            e = e.operand
        if isinstance(e, gast.Constant):
            return isinstance(e.value, int) and not isinstance(e.value, bool)
        return isinstance(e, gast.Name) and e.id in self.range_indices

    def _maybe_resized(self, body) -> set[str]:
        """Names whose list may change length: a method is called on them
        (``L.append(x)``), or they are passed to a function that might (one of
        the user's, or one pullback does not know)."""
        out = set()
        for stmt in body:
            for n in gast.walk(stmt):
                if isinstance(n, gast.Attribute) and isinstance(n.value, gast.Name) and \
                        n.attr not in ("keys", "values", "items"):  # (views of a dict)
                    out.add(n.value.id)
                elif isinstance(n, gast.Call) and self.resolver.callee(n.func).kind in (
                        "user", "local", "unknown", "ambiguous"):
                    for a in list(n.args) + [k.value for k in n.keywords]:
                        if isinstance(a, gast.Starred):
                            a = a.value
                        if isinstance(a, gast.Name):
                            out.add(a.id)
        return out

    def static_length(self, expr, structures):
        """How many elements a list/tuple expression has, when the code says so:
        a literal, a name bound once to one, or (part of) a list/tuple argument
        whose structure the derivative is built for. None otherwise."""
        st = self._structure(expr, structures, 0)
        if st is not None and st[0] != "dict":
            return len(st[1])
        if isinstance(expr, gast.Name) and expr.id in self.displays:
            return self.displays[expr.id]
        return None

    def _structure(self, expr, structures, depth):
        if depth > 10:
            return None
        if isinstance(expr, gast.Name):
            if expr.id in structures:
                return structures[expr.id]
            bound = self.bound_once.get(expr.id)
            if isinstance(bound, gast.Dict) and expr.id not in self.changed and bound.keys and \
                    all(isinstance(k, gast.Constant) for k in bound.keys) and \
                    len({k.value for k in bound.keys}) == len(bound.keys):
                # a dict literal bound once and never changed: its keys are known
                return ("dict", tuple(None for _ in bound.keys), tuple(k.value for k in bound.keys))
            keys = Arity(self.resolver, [], None).of_call(bound) if expr.id not in self.changed \
                else None
            if isinstance(keys, Keys):  # d = f(x) of a callee returning dict displays
                return ("dict", tuple(None for _ in keys), tuple(keys))
            return None if bound is None else self._structure(bound, structures, depth + 1)
        if isinstance(expr, gast.Subscript) and isinstance(expr.slice, gast.Slice):
            outer = self._structure(expr.value, structures, depth + 1)
            part = constant_slice(expr.slice)
            if not isinstance(outer, tuple) or outer[0] == "dict" or part is None:
                return None
            return (outer[0], outer[1][part], None)  # params[:-1]
        if isinstance(expr, gast.Subscript) and isinstance(expr.slice, gast.Constant):
            outer = self._structure(expr.value, structures, depth + 1)
            if not isinstance(outer, tuple):  # unknown, or a leaf
                return None
            keys = outer[2] if outer[0] == "dict" else range(len(outer[1]))
            keys = list(keys)
            k = expr.slice.value
            return outer[1][keys.index(k)] if k in keys else None
        return None

    def block(self, stmts):
        out = []
        for s in stmts:
            res = self.stmt(s)
            for r in res:
                if not hasattr(r, "lineno") or r.lineno is None:
                    gast.copy_location(r, s)
                if not hasattr(r, "pb_src"):
                    r.pb_src = getattr(s, "pb_src", None)
            out.extend(res)
        return out

    def stmt(self, s):
        inplace = rewrite_inplace(s, self.resolver, self.source)
        if inplace is not None:
            return self.block(inplace)
        if isinstance(s, (gast.Assign, gast.AugAssign)):
            targets = s.targets if isinstance(s, gast.Assign) else [s.target]
            flat = [flat_target(t, self._is_int) for t in targets]
            if isinstance(s, gast.Assign):
                s.targets = flat
            else:
                s.target = flat[0]
        if isinstance(s, gast.AugAssign):
            target = copy.deepcopy(s.target)
            value = gast.BinOp(left=_as_load(copy.deepcopy(s.target)), op=s.op, right=s.value)
            new = gast.Assign(targets=[target], value=value, type_comment=None)
            gast.copy_location(new, s)
            new.pb_aug = isinstance(target, gast.Name)
            return [new]
        if isinstance(s, gast.AnnAssign):
            if s.value is None:
                return []
            new = gast.Assign(targets=[s.target], value=s.value, type_comment=None)
            gast.copy_location(new, s)
            return [new]
        if isinstance(s, gast.FunctionDef):
            return self._capture_defaults(s, s.name, s.args)
        if isinstance(s, gast.Assign) and isinstance(s.value, gast.Lambda) and \
                len(s.targets) == 1 and isinstance(s.targets[0], gast.Name):
            return self._capture_defaults(s, s.targets[0].id, s.value.args)
        if isinstance(s, gast.Assign) and len(s.targets) > 1:
            first = gast.Assign(targets=[s.targets[0]], value=s.value, type_comment=None)
            gast.copy_location(first, s)
            out = [first]
            for t in s.targets[1:]:
                a = gast.Assign(targets=[t], value=_as_load(copy.deepcopy(s.targets[0])),
                                type_comment=None)
                gast.copy_location(a, s)
                out.append(a)
            return out
        if isinstance(s, gast.If):
            s.body = self.block(s.body)
            s.orelse = self.block(s.orelse)
            return [s]
        if isinstance(s, gast.While):
            if s.orelse:
                raise self.source.error("`while ... else` is not supported; "
                                        "use a flag variable instead", s)
            s.body = self.block(s.body)
            return [s]
        if isinstance(s, gast.For):
            if s.orelse:
                raise self.source.error("`for ... else` is not supported; "
                                        "use a flag variable instead", s)
            return self.for_loop(s)
        if isinstance(s, gast.With):
            s.body = self.block(s.body)
            return [s]
        return [s]

    def _capture_defaults(self, s, name, args):
        """``def q(k=k)`` / ``q = lambda k=k: ...``: a default is evaluated once, when
        the function is defined. Its value is kept in a variable of its own,
        assigned there (``_q_default1 = k``), so a call that relies on the default
        passes that variable: derivatives flow through it, and a later rebinding
        of ``k`` does not change it."""
        pre = []
        for defaults in (args.defaults, args.kw_defaults):
            for i, d in enumerate(defaults):
                if d is None or isinstance(d, gast.Constant):
                    continue
                var = self.namer.fresh(f"_{name}_default")
                a = assign(var, d)
                gast.copy_location(a, s)
                pre.append(a)
                defaults[i] = load(var)
        return pre + [s]

    # -- for loops -----------------------------------------------------------
    def _callee(self, node):
        if isinstance(node, gast.Call):
            obj = self.resolver.value_of(node.func)
            if obj is builtins.range:
                return "range"
            if obj is builtins.enumerate:
                return "enumerate"
            if obj is builtins.zip:
                return "zip"
            if obj is builtins.reversed and len(node.args) == 1 and not node.keywords:
                return "reversed"
        return None

    def for_loop(self, s):
        kind = self._callee(s.iter)
        body = s.body
        if kind == "range" and isinstance(s.target, gast.Name):
            s.body = self.block(body)
            return [s]
        backwards = kind == "reversed"
        if backwards:  # for v in reversed(seq): seq's elements, last first
            seq = s.iter.args[0]
            st = self._structure(seq, self.structures, 0)
            if isinstance(st, tuple) and st[0] == "dict":  # a dict's keys, last first
                s.iter = gast.Tuple(elts=[const(k) for k in reversed(st[2])], ctx=gast.Load())
                return self.for_loop(s)
            n = self.static_length(seq, self.structures)
            if isinstance(seq, (gast.Tuple, gast.List)) or n is not None:
                s.iter = gast.Tuple(elts=list(reversed(seq.elts)), ctx=gast.Load()) \
                    if n is None else gast.Subscript(value=seq, slice=gast.Slice(
                        lower=None, upper=None, step=const(-1)), ctx=gast.Load())
                if n is not None and self._structure(seq, self.structures, 0) is None:
                    s.iter = gast.Tuple(elts=[gast.Subscript(value=copy.deepcopy(seq),
                                                             slice=const(j), ctx=gast.Load())
                                              for j in reversed(range(n))], ctx=gast.Load())
                return self.for_loop(s)  # (a container or a display: its elements, reversed)
            s.iter, kind = seq, None
        unroll = self._containers_of(s)
        if unroll is not None:
            return self._unrolled(s, unroll)
        pre = []
        start = None
        if kind == "enumerate" and len(s.iter.args) in (1, 2) and \
                all(k.arg == "start" for k in s.iter.keywords) and \
                len(s.iter.args) + len(s.iter.keywords) <= 2 and \
                isinstance(s.target, gast.Tuple) and len(s.target.elts) == 2:
            idx_target, item_target = s.target.elts
            zipped = enumerated_zip(self, s)  # enumerate(zip(p, q)): each sequence by index
            seqs = [self._bind_seq(q, body, pre, s.target) for q in
                    (zipped[0] if zipped else s.iter.args[:1])]
            targets = zipped[1] if zipped else [item_target]
            index = idx_target.id if isinstance(idx_target, gast.Name) else None
            given = s.iter.args[1:] + [k.value for k in s.iter.keywords]
            if given:  # enumerate(seq, start): the count is start + i (start taken once)
                start = given[0] if isinstance(given[0], gast.Constant) else \
                    self._bind_seq(given[0], body + [s], pre, s.target)
                targets, index = [idx_target] + targets, None
        elif kind == "zip" and not s.iter.keywords and isinstance(s.target, gast.Tuple) \
                and len(s.target.elts) == len(s.iter.args):
            seqs = [self._bind_seq(a, body, pre, s.target) for a in s.iter.args]
            targets = list(s.target.elts)
            index = None
        elif isinstance(s.iter, (gast.Tuple, gast.List)):
            return self._literal_loop(s)
        elif self.static_length(s.iter, self.structures) is not None:
            n = self.static_length(s.iter, self.structures)
            seq = s.iter
            s.iter = gast.Tuple(elts=[gast.Subscript(value=copy.deepcopy(seq), slice=const(j),
                                                     ctx=gast.Load())
                                      for j in range(n)], ctx=gast.Load())
            return self._literal_loop(s)
        else:
            seqs = [self._bind_seq(s.iter, body, pre, s.target)]
            targets = [s.target]
            index = None
        if index is None:
            index = self.namer.fresh("_i")
            idx_store = store(index)
        else:
            idx_store = store(index)
        sizes = [tpl_expr("len(S)", len=builtin("len"), S=self._checked_sequence(q, s))
                 for q in seqs]
        length = sizes[0] if len(sizes) == 1 else \
            gast.Call(func=builtin("min"), args=sizes, keywords=[])
        picks = []
        if start is not None:
            count = gast.Assign(targets=[copy.deepcopy(targets.pop(0))], value=gast.BinOp(
                left=load(index), op=gast.Add(), right=copy.deepcopy(start)), type_comment=None)
            gast.copy_location(count, s)
            picks.append(count)
        for t, q in zip(targets, seqs):
            a = gast.Assign(targets=[copy.deepcopy(t)],
                            value=gast.Subscript(value=copy.deepcopy(q), slice=load(index),
                                                 ctx=gast.Load()),
                            type_comment=None)
            gast.copy_location(a, s)
            picks.append(a)
        turns = tpl_expr("range(N - 1, -1, -1)" if backwards else "range(N)",
                         range=builtin("range"), N=length)
        loop = gast.For(target=idx_store, iter=turns,
                        body=self.block(picks + body), orelse=[], type_comment=None)
        gast.copy_location(loop, s)
        for p in pre:
            gast.copy_location(p, s)
        return pre + [loop]

    def _checked_sequence(self, q, s):
        """``q``, or ``sequence(q, text)`` when it is not known to be an array: a loop by
        index is Python's loop only over a sequence (a dict is iterated by its keys)."""
        e = self.bound_once.get(q.id, q) if isinstance(q, gast.Name) else q
        if isinstance(q, gast.Name) and q.id in self.arrays and q.id not in self.bound or \
                isinstance(e, (gast.BinOp, gast.UnaryOp, gast.List, gast.Tuple)) or \
                isinstance(e, gast.Call) and self.resolver.callee(e.func).kind == "rule" or \
                self.inject is None:
            return q
        text = unparse(s.iter).strip()
        return gast.Call(func=load(self.inject(checks.sequence, "sequence")),
                         args=[q, const(text)], keywords=[])

    def _bind_seq(self, expr, body, pre, target):
        """A name for the sequence iterated over (a new one unless it is a name
        neither the loop body nor its target rebinds: ``for x in x``)."""
        assigned = names_in(target, gast.Store)
        for b in body:
            assigned |= names_in(b, gast.Store)
        if isinstance(expr, gast.Name) and expr.id not in assigned:
            return _as_load(copy.deepcopy(expr))
        name = self.namer.fresh("_seq")
        pre.append(assign(name, expr))
        return load(name)

    def _literal_loop(self, s):
        k = self.namer.fresh("_k")
        picks = None
        for j, elt in reversed(list(enumerate(s.iter.elts))):
            a = gast.Assign(targets=[copy.deepcopy(s.target)], value=elt, type_comment=None)
            gast.copy_location(a, s)
            if picks is None:
                picks = [a]
            else:
                cond = tpl_expr("K == J", K=load(k), J=const(j))
                i = gast.If(test=cond, body=[a], orelse=picks)
                gast.copy_location(i, s)
                picks = [i]
        loop = gast.For(target=store(k), iter=tpl_expr("range(N)", range=builtin("range"),
                                                         N=const(len(s.iter.elts))),
                        body=self.block((picks or []) + s.body), orelse=[], type_comment=None)
        gast.copy_location(loop, s)
        return [loop]


def _as_load(node):
    for n in gast.walk(node):
        if hasattr(n, "ctx"):
            n.ctx = gast.Load()
    return node
