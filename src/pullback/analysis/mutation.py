"""NumPy's mutation semantics, checked before transforming.

An indexed write ``k[i] = v`` changes the array object ``k`` names, and every
other name that shares its memory. pullback differentiates writes exactly when
no other name can see them: the written array must be created fresh inside
the function (``np.zeros``, ``x.copy()``, arithmetic, ...) and no other
variable may hold it, or a view of it, across a later write. Anything else is
refused here with a located error, never differentiated under other semantics.
"""

from __future__ import annotations

import gast
import numpy as np

from pullback.front.resolve import MISSING
from pullback.syntax.walk import append_of, statements_in_order

FRESH_FUNCTIONS = {np.zeros, np.ones, np.empty, np.full, np.zeros_like, np.ones_like,
                   np.empty_like, np.full_like, np.array, np.copy, np.eye, np.identity,
                   np.arange, np.linspace, np.concatenate, np.stack, np.vstack, np.hstack,
                   np.outer, np.dot, np.matmul, np.tile, np.repeat}
FRESH_METHODS = {"copy", "astype", "flatten"}
VIEW_METHODS = {"reshape", "ravel", "transpose", "view", "swapaxes", "squeeze",
                "diagonal", "T"}
VIEW_FUNCTIONS = {np.reshape, np.ravel, np.transpose, np.squeeze, np.asarray,
                  np.expand_dims, np.swapaxes, np.moveaxis, np.broadcast_to,
                  np.diagonal, np.atleast_1d, np.atleast_2d}




class Mutation:
    def __init__(self, source, resolver, params):
        self.source = source
        self.resolver = resolver
        self.params = set(params)

    def _ufunc_like(self, call):
        callee = self.resolver.callee(call.func)
        return callee.kind in ("rule", "method") and isinstance(callee.obj, np.ufunc)

    def fresh(self, value) -> bool:
        if isinstance(value, (gast.BinOp, gast.UnaryOp)):
            return True
        if isinstance(value, gast.Call):
            f = value.func
            if isinstance(f, gast.Attribute) and f.attr in FRESH_METHODS \
                    and self.resolver.value_of(f) is not None \
                    and not _is_global_chain(f, self.resolver):
                return True
            obj = self.resolver.value_of(f)
            try:
                if obj in FRESH_FUNCTIONS:
                    return True
            except TypeError:
                pass
            return self._ufunc_like(value)
        return False

    def view_of(self, value):
        """The name whose memory ``value`` may share, if any."""
        if isinstance(value, gast.Name):
            return value.id
        if isinstance(value, gast.Subscript) and isinstance(value.value, gast.Name):
            return value.value.id
        if isinstance(value, gast.Attribute) and value.attr == "T" \
                and isinstance(value.value, gast.Name):
            return value.value.id
        if isinstance(value, gast.Call):
            f = value.func
            if isinstance(f, gast.Attribute) and f.attr in VIEW_METHODS \
                    and isinstance(f.value, gast.Name) and not _is_global_chain(f, self.resolver):
                return f.value.id
            obj = self.resolver.value_of(f)
            try:
                is_view = obj in VIEW_FUNCTIONS
            except TypeError:
                is_view = False
            if is_view and value.args and isinstance(value.args[0], gast.Name):
                return value.args[0].id
            if not self.fresh(value) and not is_view and self._may_return_view(f):
                # a function that may hand back (a view of) its argument
                names = ([f.value] if isinstance(f, gast.Attribute) and
                         not _is_global_chain(f, self.resolver) else []) + list(value.args)
                for a in names:
                    if isinstance(a, gast.Name):
                        return a.id
        return None

    def _may_return_view(self, func) -> bool:
        """Your own functions, unknown ones, and NumPy's rearranging functions
        (np.flip, np.squeeze, ...) may return a view of an argument; arithmetic,
        reductions and linear algebra return new arrays."""
        callee = self.resolver.callee(func)
        if callee.kind in ("user", "local", "unknown", "ambiguous"):
            return True
        if callee.kind in ("rule", "method") and callee.rule is not None and \
                callee.rule.vjp is not None and not callee.rule.custom_vjp:
            return callee.rule.vjp.__module__.endswith(".shape")
        return False

    def run(self, body) -> set[str]:
        order = list(statements_in_order(body))
        writes: dict[str, list] = {}
        for pos, (s, loops) in enumerate(order):
            if isinstance(s, gast.Assign):
                for t in s.targets:
                    if isinstance(t, gast.Subscript) and isinstance(t.value, gast.Name):
                        writes.setdefault(t.value.id, []).append((pos, loops, s))
        mutated = set(writes)
        assigned = {n.id for s, _ in order if isinstance(s, gast.Assign) for t in s.targets
                    for n in gast.walk(t) if isinstance(n, gast.Name)
                    and isinstance(n.ctx, gast.Store)}
        for k in mutated:
            if k in self.params:
                raise self.source.error(
                    f"indexed assignment into the argument `{k}` would change the "
                    f"caller's array; copy it first: {k} = {k}.copy()", writes[k][0][2])
            if k not in assigned:
                raise self.source.error(
                    f"indexed assignment into `{k}`, which is not a variable of this "
                    f"function (a global or closure array); copy it into a local first: "
                    f"{k}_local = {k}.copy()", writes[k][0][2])
        # `x += e` on an array is in place in NumPy; pullback computes x = x + e, which
        # is the same unless another name shares x's memory: those cases are checked
        # like writes
        aug: dict[str, list] = {}
        for pos, (s, loops) in enumerate(order):
            if getattr(s, "pb_aug", False):
                aug.setdefault(s.targets[0].id, []).append((pos, loops, s))
        # who may share memory with whom, through chains of views (r = k[0]; r2 = r)
        shares: dict[str, set] = {}
        views = [(s.targets[0].id, self.view_of(s.value)) for s, _ in order
                 if isinstance(s, gast.Assign) and len(s.targets) == 1
                 and isinstance(s.targets[0], gast.Name)]
        changed = True
        while changed:
            changed = False
            for v, src in views:
                if src is None or src == v:
                    continue
                new = {src} | shares.get(src, set())
                if not new <= shares.get(v, set()):
                    shares[v] = shares.get(v, set()) | new
                    changed = True
        for pos, (s, loops) in enumerate(order):
            if not isinstance(s, gast.Assign) or len(s.targets) != 1:
                continue
            t = s.targets[0]
            if not isinstance(t, gast.Name):
                continue
            if t.id in mutated and not self.fresh(s.value):
                raise self.source.error(
                    f"indexed assignment into `{t.id}`, which may share memory with "
                    f"another array; create it fresh, e.g. {t.id} = <expression>.copy()", s)
            src = self.view_of(s.value)
            for other in sorted(({src} | shares.get(src, set())) - {t.id} if src else ()):
                if other not in mutated and other not in aug:
                    continue
                w = self._unsafe_alias(t.id, pos, loops,
                                       writes.get(other, []) + aug.get(other, []), order)
                if w is not None:
                    raise self.source.error(
                        f"`{t.id}` shares memory with `{other}`, which is written "
                        f"afterwards (line {w.lineno}) while `{t.id}` is still read; NumPy "
                        f"would change `{t.id}` too. Take a copy: {t.id} = ....copy()", s)
            if getattr(s, "pb_aug", False):
                self._check_aug(t.id, order, s)
        self._check_appended_views(order, mutated, aug, shares)
        return mutated

    def _check_appended_views(self, order, mutated, aug, shares):
        """``L.append(k[i])`` keeps a view of ``k`` in the list: a later write into
        ``k`` would change what the list holds."""
        for pos, (s, loops) in enumerate(order):
            if append_of(s) is None:
                continue
            src = self.view_of(s.value.args[0])
            for other in sorted(({src} | shares.get(src, set())) if src else ()):
                for wpos, wloops, w in [(p, lp, st) for p, (st, lp) in enumerate(order)
                                        if other in mutated | set(aug) and _writes(st, other)]:
                    if wpos > pos or {id(x) for x in wloops} & {id(x) for x in loops}:
                        raise self.source.error(
                            f"appending (a view of) `{other}`, which is written afterwards "
                            f"(line {w.lineno}); the list would see the change. Append a "
                            f"copy: ....copy()", s)

    @staticmethod
    def _unsafe_alias(v, a, aloops, writes, order):
        """The write that changes ``v`` (bound at position ``a`` to a view) before a
        later read of ``v`` sees it, or None."""
        defs, reads = [], []
        for pos, (s, _) in enumerate(order):
            if isinstance(s, gast.Assign) and any(isinstance(t, gast.Name) and t.id == v
                                                  for t in s.targets):
                defs.append(pos)
            own = [s.test] if isinstance(s, (gast.If, gast.While)) else \
                [s.iter] if isinstance(s, gast.For) else [] if isinstance(s, gast.With) else [s]
            if any(v in _loads(e) for e in own):
                reads.append(pos)
        spans = {}
        for pos, (s, _) in enumerate(order):
            if isinstance(s, (gast.While, gast.For)):
                end = pos
                for q in range(pos + 1, len(order)):
                    if s in order[q][1]:
                        end = q
                spans[id(s)] = (pos, end)

        def latest_def(r):
            before = [d for d in defs if d < r]
            return max(before) if before else None

        for wpos, wloops, w in writes:
            if wpos > a and any(r > wpos and latest_def(r) == a for r in reads):
                return w
            for loop in set(map(id, aloops)) & set(map(id, wloops)):
                start, _ = spans[loop]
                if any(start <= r < a and not any(start <= d < r for d in defs)
                       for r in reads):
                    return w
        return None

    def _check_aug(self, name, order, at):
        """``name op= e`` is computed as ``name = name op e``: refuse it where another
        variable shares ``name``'s memory; where ``name`` may be a view of another
        array (``v = x[i]``), the forward sweep checks at run time."""
        for s, _ in order:
            if not isinstance(s, gast.Assign) or len(s.targets) != 1 or \
                    not isinstance(s.targets[0], gast.Name):
                continue
            t = s.targets[0].id
            other = self.view_of(s.value)
            if other is None or other == t:
                continue
            if t == name and isinstance(s.value, gast.Subscript):
                at.pb_view_check = True  # x[i] is a copy for a scalar, else a view
                continue
            if name in (t, other):
                shared = other if t == name else t
                raise self.source.error(
                    f"in-place `{name} op= ...` on an array that `{shared}` shares "
                    f"(line {s.lineno}); NumPy would change both. Write "
                    f"`{name} = {name} op ...` to make a new array", at)


def _writes(s, name) -> bool:
    """Does statement ``s`` write into ``name`` (``name[...] = ...`` or ``name op= ...``)?"""
    if not isinstance(s, gast.Assign):
        return False
    for t in s.targets:
        if isinstance(t, gast.Subscript) and isinstance(t.value, gast.Name) and t.value.id == name:
            return True
        if getattr(s, "pb_aug", False) and isinstance(t, gast.Name) and t.id == name:
            return True
    return False


def _loads(node) -> set[str]:
    return {n.id for n in gast.walk(node) if isinstance(n, gast.Name)
            and isinstance(n.ctx, gast.Load)}


def _is_global_chain(f, resolver):
    """``np.copy`` is a function, ``x.copy`` a method: tell them apart."""
    return resolver.value_of(f.value) is not MISSING
