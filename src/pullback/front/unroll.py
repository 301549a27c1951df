"""Loops over lists of containers, unrolled (a mixin of :class:`pullback.front.desugar.Desugar`).

``for layer in layers: h = f(layer, h)`` over a list argument whose elements
are dicts of arrays (or tuples, lists) needs each turn's ``layer`` to be a
container of known structure, so the loop becomes one copy of its body per
element, each with variables of its own (``layer_1 = layers[0]`` ...).
"""

from __future__ import annotations

import copy

import gast

from pullback.syntax.astutil import const, store


class Unrolling:
    def _containers_of(self, s):
        """A loop over a list/tuple argument whose elements are themselves
        containers (dicts of arrays, say): ``for lp in params``, ``for i, lp in
        enumerate(params)`` or ``for lp, w in zip(params, ws)`` (every sequence of
        a length the code states), its loop variables used nowhere else. Returns
        (turns, [(variable, sequence or None for the index, start)]) -- the loop
        is unrolled, each turn with variables of its own, so each is a container
        of known structure -- or None if not so, or if the body has a jump, a
        function or a lambda (whose late-bound ``lp`` unrolling would change)."""
        kind = self._callee(s.iter)
        t = s.target
        names = [t] if isinstance(t, gast.Name) else list(t.elts) \
            if isinstance(t, gast.Tuple) else []
        if not names or not all(isinstance(n, gast.Name) for n in names):
            return None
        if kind == "enumerate" and len(names) == 2 and len(s.iter.args) in (1, 2) and \
                all(k.arg == "start" for k in s.iter.keywords):
            start = s.iter.args[1] if len(s.iter.args) == 2 else \
                next((k.value for k in s.iter.keywords), const(0))
            if not (isinstance(start, gast.Constant) and type(start.value) is int):
                return None
            plan = [(names[0].id, None, start.value), (names[1].id, s.iter.args[0], 0)]
        elif kind == "zip" and len(names) == len(s.iter.args) and not s.iter.keywords:
            plan = [(n.id, a, 0) for n, a in zip(names, s.iter.args)]
        elif len(names) == 1 and isinstance(t, gast.Name):
            plan = [(t.id, s.iter, 0)]
        else:
            return None
        seqs = [q for _, q, _ in plan if q is not None]
        sts = [self._structure(q, self.structures, 0) for q in seqs]
        if not any(isinstance(st, tuple) and st[0] != "dict" and st[1] and
                   all(isinstance(c, tuple) for c in st[1]) for st in sts):
            return None
        lengths = [len(q.elts) if isinstance(q, (gast.List, gast.Tuple)) else
                   self.static_length(q, self.structures) for q in seqs]
        if None in lengths:
            return None
        if any(isinstance(n, (gast.Break, gast.Continue, gast.Return, gast.Lambda,
                              gast.FunctionDef)) for b in s.body for n in gast.walk(b)):
            return None
        for name, _, _ in plan:
            if self.uses.get(name, 0) != 1 + sum(isinstance(n, gast.Name) and n.id == name
                                                 for b in s.body for n in gast.walk(b)):
                return None
        return min(lengths), plan

    def _unrolled(self, s, found):
        """``for lp in params: BODY`` as ``lp_1 = params[0]; BODY(lp_1); ...``."""
        n, plan = found
        out = []
        for j in range(n):
            body = copy.deepcopy(s.body)
            for var, seq, start in plan:
                name = self.namer.fresh(var + "_")
                value = const(j + start) if seq is None else gast.Subscript(
                    value=copy.deepcopy(seq), slice=const(j), ctx=gast.Load())
                pick = gast.Assign(targets=[store(name)], value=value, type_comment=None)
                gast.copy_location(pick, s)
                out.append(pick)
                for b in body:
                    for node in gast.walk(b):
                        if isinstance(node, gast.Name) and node.id == var:
                            node.id = name
            out += self.block(body)
        return out

