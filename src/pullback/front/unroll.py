"""Loops over lists of containers and over dicts, unrolled (a mixin of
:class:`pullback.front.desugar.Desugar`).

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
        zipped = enumerated_zip(self, s)
        if zipped is not None:  # for i, (a, b) in enumerate(zip(p, q)): i, a, b by turn
            names = [names[0]] + zipped[1]
        if not names or not all(isinstance(n, gast.Name) for n in names):
            return None
        keys = self._dict_plan(s.iter, names)
        if keys is not None:
            n, plan = keys
            return (n, plan) if self._unrollable(s, plan) else None
        if kind == "enumerate" and len(names) == 1 + (len(zipped[0]) if zipped else 1) and \
                len(s.iter.args) in (1, 2) and \
                all(k.arg == "start" for k in s.iter.keywords):
            start = s.iter.args[1] if len(s.iter.args) == 2 else \
                next((k.value for k in s.iter.keywords), const(0))
            if not (isinstance(start, gast.Constant) and type(start.value) is int):
                return None
            plan = [(names[0].id, None, start.value)] + \
                [(n.id, q, 0) for n, q in zip(names[1:], zipped[0] if zipped else s.iter.args[:1])]
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
        return (min(lengths), plan) if self._unrollable(s, plan) else None

    def _unrollable(self, s, plan) -> bool:
        """No jump, function or lambda in the body; loop variables used nowhere else."""
        if any(isinstance(n, (gast.Break, gast.Continue, gast.Return, gast.Lambda,
                              gast.FunctionDef)) for b in s.body for n in gast.walk(b)):
            return False
        return all(self.uses.get(p[0], 0) == 1 + sum(isinstance(n, gast.Name) and n.id == p[0]
                                                     for b in s.body for n in gast.walk(b))
                   for p in plan)

    def _dict_plan(self, it, names):
        """``for k in d``, ``for k in d.keys()``, ``for v in d.values()``, ``for k, v in
        d.items()`` over a dict argument (its keys known), or ``for k in ["W", "b"]``
        over strings: (turns, plan), else None.
        A plan entry ``(variable, seq, start, keys)`` takes key j, or ``seq[key j]``."""
        if isinstance(it, (gast.List, gast.Tuple)) and len(names) == 1 and it.elts and \
                all(isinstance(e, gast.Constant) and isinstance(e.value, str) for e in it.elts):
            # (names of parameters: p[k] must be a constant key; numbers keep the loop)
            return len(it.elts), [(names[0].id, None, 0, [e.value for e in it.elts])]
        method = None
        if isinstance(it, gast.Call) and isinstance(it.func, gast.Attribute) and \
                not it.args and not it.keywords and it.func.attr in ("keys", "values", "items"):
            method, it = it.func.attr, it.func.value
        st = self._structure(it, self.structures, 0)
        if not (isinstance(st, tuple) and st[0] == "dict"):
            return None
        keys = list(st[2])
        if method in (None, "keys") and len(names) == 1:
            return len(keys), [(names[0].id, None, 0, keys)]
        if method == "values" and len(names) == 1:
            return len(keys), [(names[0].id, it, 0, keys)]
        if method == "items" and len(names) == 2:
            return len(keys), [(names[0].id, None, 0, keys), (names[1].id, it, 0, keys)]
        return None

    def _unrolled(self, s, found):
        """``for lp in params: BODY`` as ``lp_1 = params[0]; BODY(lp_1); ...``."""
        n, plan = found
        out = []
        for j in range(n):
            body = copy.deepcopy(s.body)
            for var, seq, start, *keys in plan:
                k = keys[0][j] if keys else j + start  # (a dict: its j-th key)
                stored = any(isinstance(n, gast.Name) and n.id == var and
                             not isinstance(n.ctx, gast.Load) for b in body for n in gast.walk(b))
                if seq is None and not stored:  # a count or a key: the constant (d[k] too)
                    body = [_with_constant(b, var, k) for b in body]
                    continue
                name = self.namer.fresh(var + "_")
                value = const(k) if seq is None else gast.Subscript(
                    value=copy.deepcopy(seq), slice=const(keys[0][j] if keys else j),
                    ctx=gast.Load())
                pick = gast.Assign(targets=[store(name)], value=value, type_comment=None)
                gast.copy_location(pick, s)
                out.append(pick)
                for b in body:
                    for node in gast.walk(b):
                        if isinstance(node, gast.Name) and node.id == var:
                            node.id = name
            out += self.block(body)
        return out


def enumerated_zip(loop, s):
    """``for i, (a, b) in enumerate(zip(p, q))``: (the zipped sequences, their
    targets), when each sequence has a name of its own to unpack into; else None."""
    it, t = s.iter, s.target
    if not (loop._callee(it) == "enumerate" and it.args and isinstance(t, gast.Tuple) and
            len(t.elts) == 2 and loop._callee(it.args[0]) == "zip"):
        return None
    inner, items = it.args[0], t.elts[1]
    if inner.keywords or not inner.args or not isinstance(items, (gast.Tuple, gast.List)) or \
            len(items.elts) != len(inner.args) or \
            any(isinstance(a, gast.Starred) for a in inner.args):
        return None
    return list(inner.args), list(items.elts)


def _with_constant(node, name, value):
    """``node`` with every load of ``name`` replaced by the constant ``value``."""
    class Replace(gast.NodeTransformer):
        def visit_Name(self, n):
            hit = n.id == name and isinstance(n.ctx, gast.Load)
            return gast.copy_location(const(value), n) if hit else n
    return Replace().visit(node)
