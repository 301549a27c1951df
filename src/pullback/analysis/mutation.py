"""NumPy's mutation semantics, checked before transforming.

An indexed write ``k[i] = v`` changes the array object ``k`` names, and every
other name that shares its memory (:mod:`pullback.analysis.memory` says which
may). pullback differentiates a write exactly when no other name can see it:

- the written array is proven fresh at every binding of ``k`` (created inside
  the function: ``np.zeros``, ``x.copy()``, arithmetic, ...; an argument
  counts once it is rebound to a copy, ``x = x.copy()``, before any write);
- no name that may share ``k``'s memory is read after the write (or, in a
  loop, in a later turn) unless it was rebound in between;
- a write target is one variable indexed once (``k[i, j] = v``).

``x op= e`` is computed as ``x = x op e``: the same as NumPy's in-place
update unless another name shares ``x``'s array, which the generated code then
checks at run time (a float or NumPy scalar is simply rebound). Anything else
is refused here with a located error, never differentiated under other
semantics.
"""

from __future__ import annotations

import gast

from pullback.analysis.copy_advice import container_write, copied, refuse_unknown, text as _text
from pullback.analysis.memory import Memory
from pullback.front.resolve import MISSING
from pullback.syntax.walk import (definitions as _definitions, dominates as _dominates,
                                    names_read as _names_read, parents_of as _parents, reaches,
                                    statements_in_order, subscript_targets as _subscript_targets)


#: ndarray attributes whose assignment changes the array object itself
ARRAY_STATE = {"shape", "strides", "dtype", "data", "real", "imag", "flat"}


class Mutation:
    def __init__(self, source, resolver, params):
        self.source = source
        self.resolver = resolver
        self.params = set(params)

    def run(self, body) -> set[str]:
        """Check ``body``; return the names written by index (``mutated``)."""
        order = list(statements_in_order(body))
        parents = _parents(body)
        writes: dict[str, list] = {}
        for pos, (s, loops) in enumerate(order):
            if not isinstance(s, gast.Assign):
                continue
            for t in s.targets:
                if isinstance(t, gast.Attribute) and t.attr in ARRAY_STATE:
                    raise self.source.error(
                        f"setting `{_text(t)}` changes the array in place (and every view "
                        f"of it); pullback does not follow that: bind a new array instead, "
                        f"e.g. k = k.reshape(...) or k = k.astype(...)", s)
                for sub in _subscript_targets(t):
                    if not isinstance(sub.value, gast.Name):
                        raise self.source.error(
                            "writing through a view expression (`" + _text(sub) + " = ...`) "
                            "is not supported; index the array once, e.g. `k[i, j] = ...` "
                            "or `k[:, j] = ...` for `k.T[j]`", s)
                    writes.setdefault(sub.value.id, []).append(pos)
        mutated = set(writes)
        memory = Memory(self.resolver).analyse(body, self.params)
        self.memory = memory
        defs = _definitions(order)
        self._kdefs = defs
        for k in sorted(mutated):
            self._check_fresh(k, defs.get(k, []), writes[k], order, body, memory, parents)
        local_reads = memory.local_reads
        for k in sorted(mutated):
            for v in sorted(memory.aliases(k)):
                self._check_reads(v, k, writes, defs.get(v, []), order, parents, local_reads)
        for pos, (s, _) in enumerate(order):
            if isinstance(s, gast.Assign) and isinstance(s.targets[0], gast.Tuple) and \
                    _subscript_targets(s.targets[0]):
                self._check_swap(s, memory)
            if getattr(s, "pb_aug", False) and (memory.aliases(s.targets[0].id) or
                                                memory.shares_outside(s.targets[0].id) or
                                                s.targets[0].id in self.params) and \
                    not self._aug_unshared(pos, s.targets[0].id, order, parents):
                # an array another name shares (an argument: the caller's) is checked at
                # run time; floats and NumPy scalars pass
                s.pb_view_check = s.targets[0].id
                s.pb_view_text = getattr(s, "pb_alias_of", s.targets[0].id)
        return mutated

    # -- the written array is fresh -----------------------------------------------------
    def _check_fresh(self, k, kdefs, kwrites, order, body, memory, parents):
        if not kdefs and k in self.params:
            raise self.source.error(
                f"indexed assignment into the argument `{k}` (or a view of it) would change "
                f"the caller's array; copy it first, at the top of the function: "
                f"{k} = {k}.copy()", order[kwrites[0]][0])
        if not kdefs and _never_bound(k, body) and (
                k in self.resolver.locals or
                self.resolver.value_of(gast.Name(id=k, ctx=gast.Load(), annotation=None,
                                                 type_comment=None)) is MISSING):
            return  # a name nothing binds (selectors took its bindings): a write into it
            # raises UnboundLocalError or NameError, as in Python
        if not kdefs:
            raise self.source.error(
                f"indexed assignment into `{k}`, which is not a variable of this "
                f"function (a global or closure array); copy it into a local first: "
                f"{k}_local = {k}.copy()", order[kwrites[0]][0])
        first_write = min(kwrites)
        rebinds = [p for p in kdefs if isinstance(order[p][0], gast.Assign)]
        for pos in kdefs:
            if not any(reaches(pos, w, rebinds, order, parents) for w in kwrites):
                continue  # no write sees this binding's array
            s = order[pos][0]
            value = _bound_value(s, k)
            message = container_write(k, value, order[first_write][0], memory, self.resolver)
            if message:
                raise self.source.error(message, order[first_write][0])
            if value is None or not memory.fresh(value) or \
                    isinstance(value, (gast.Constant, gast.Compare)):
                refuse_unknown(self.source, self.resolver, s)
                raise self.source.error(
                    f"indexed assignment into `{k}`, which may share memory with "
                    f"another array; create it fresh, e.g. {k} = <expression>.copy()", s)
        if k in self.params:
            # the caller's array until rebound: a fresh copy must come first, unconditionally
            top = [pos for pos in kdefs if order[pos][0] in body and pos < first_write]
            if not top:
                raise self.source.error(
                    f"indexed assignment into the argument `{k}` would change the "
                    f"caller's array; copy it first, at the top of the function: "
                    f"{k} = {k}.copy()", order[first_write][0])

    # -- no alias is read after a write -------------------------------------------------
    def _check_reads(self, v, k, writes, vdefs, order, parents, local_reads):
        """Refuse if ``v`` (which may share ``k``'s memory) is read where a write
        into ``k`` may already have changed what ``v`` holds."""
        reads = [pos for pos, (s, _) in enumerate(order) if v in _names_read(s, local_reads)]
        sites = [pos for pos, (s, _) in enumerate(order) if self._takes_memory(s, v, k)]
        kdefs = self._kdefs.get(k, [])
        kills = _own_memory(vdefs, sites, order)
        rebinds = [d for d in vdefs if isinstance(order[d][0], gast.Assign)]
        for w in writes[k]:
            if not any(self._holds_written(a, w, kdefs, order, parents) and
                       reaches(a, w, kills, order, parents) for a in sites):
                continue  # v holds other memory at the write (older, newer, or rebound)
            for r in reads:
                # a read after the write, or earlier in a loop around it (or in the
                # write's own statement, which reads before it stores): the next turn
                if reaches(w, r, rebinds, order, parents):
                    self._refuse(v, k, w, r, sites, order)

    def _aug_unshared(self, w, c, order, parents) -> bool:
        """Is ``c op= e`` at ``w`` proven to update an array no other name holds?
        Then computing ``c = c op e`` is NumPy's update. Proven when a binding of
        ``c`` to a new array reaches ``w`` on every path (it dominates ``w``, and no
        other binding comes in between, nor later in a loop around ``w`` only), and
        no alias of ``c`` may hold that array at ``w`` (as for a write)."""
        binds = [p for p in self._kdefs.get(c, []) if not getattr(order[p][0], "pb_aug", False)]
        before = [p for p in binds if p < w]
        if not before:
            return False
        d = max(before)
        if not _dominates(order[d][0], order[w][0], parents) or \
                not self.memory.fresh(_bound_value(order[d][0], c)):
            return False
        outer = set(order[d][1])
        if any(p > w and set(order[w][1]) & set(order[p][1]) - outer for p in binds):
            return False  # rebound later in a loop: the next turn's c is that binding's
        return not self.shared_at(w, c, binds, order, parents)

    def shared_at(self, w, c, binds, order, parents) -> bool:
        """May another name hold the array ``c`` names at position ``w`` (made by
        one of ``binds``, the positions binding ``c``)? Some alias of ``c`` took
        ``c``'s memory at a site from which ``w`` is reached before that alias is
        bound to memory of its own."""
        for v in self.memory.aliases(c):
            sites = [p for p, (t, _) in enumerate(order) if self._takes_memory(t, v, c)]
            kills = _own_memory(self._kdefs.get(v, []), sites, order)
            if any(self._holds_written(a, w, binds, order, parents) and
                   reaches(a, w, kills, order, parents) for a in sites):
                return True
        return False

    def moves_exact(self, body, c) -> bool:
        """Can ``c``'s array move to a name that takes a copy of it wherever ``c`` is
        rebound (:mod:`selectors`)? Only if no other name may hold it there: every
        binding of ``c`` makes a new array (so it held no other name's memory: not
        ``c = base[:]``, not an argument), and no name took it since."""
        order = list(statements_in_order(body))
        parents = _parents(body)
        self.memory = Memory(self.resolver).analyse(body, self.params)
        self._kdefs = _definitions(order)
        defs = self._kdefs.get(c, [])
        binds = [p for p in defs if isinstance(order[p][0], gast.Assign)
                 and not getattr(order[p][0], "pb_aug", False)]  # (op= keeps the array)
        if c in self.params or any(not isinstance(order[p][0], gast.Assign) for p in defs) or \
                not all(_fresh_binding(self.memory, order[p][0], c) for p in binds):
            return False
        return not any(self.shared_at(w, c, binds, order, parents) for w in binds)

    @staticmethod
    def _holds_written(a, w, kdefs, order, parents) -> bool:
        """May the memory taken at position ``a`` be the array the write at ``w``
        changes? That array was made by the binding of ``k`` that reaches ``w``;
        when one binding dominates ``w`` with no other in between, only what is
        taken after it (in the same turn of any loop it is outside of) is it.
        Memory taken after the write, in no loop around both, is taken later."""
        if not reaches(a, w, (), order, parents):
            return False
        before = [d for d in kdefs if d < w]
        if not before:
            return True
        d = max(before)
        if not _dominates(order[d][0], order[w][0], parents):
            return True
        if a <= d:
            return False
        if a < w:
            return True
        inner = [loop for loop in order[w][1] if loop not in order[d][1]]
        return any(loop in order[a][1] for loop in inner)

    def _refuse(self, v, k, w, r, sites, order):
        """Located where ``v`` takes (a view of) ``k``'s memory: where the copy belongs."""
        write, read = order[w][0], order[r][0]
        before = [d for d in sites if d < w]
        at = order[max(before)][0] if before else order[sites[0]][0] if sites else read
        refuse_unknown(self.source, self.resolver, at)
        fix = "....copy()"
        if isinstance(at, gast.Assign) and len(at.targets) == 1 and \
                isinstance(at.targets[0], gast.Name):
            fix = f"{v} = {copied(self.memory, at.value, k)}"
        elif isinstance(at, gast.Expr) and isinstance(at.value, gast.Call) and at.value.args:
            fix = f"{_text(at.value.func)}(({_text(at.value.args[0])}).copy())"
        raise self.source.error(
            f"`{v}` shares memory with `{k}` (it may be a view, an alias or a list holding "
            f"it), and `{k}` is written (line {write.lineno}) before `{v}` is read again "
            f"(line {read.lineno}); NumPy would change `{v}` too. Take a copy where `{v}` "
            f"gets it: {fix}", at)

    def _takes_memory(self, s, v, k) -> bool:
        """Does ``s`` give ``v`` memory that ``k`` may share?"""
        if isinstance(s, gast.Assign):
            bound = any(v == n.id for t in s.targets for n in gast.walk(t)
                        if isinstance(n, gast.Name) and isinstance(n.ctx, gast.Store))
            value = s.value
        elif isinstance(s, gast.For):
            bound = any(v == n.id for n in gast.walk(s.target) if isinstance(n, gast.Name))
            value = s.iter
        elif isinstance(s, gast.Expr) and isinstance(s.value, gast.Call) and \
                isinstance(s.value.func, gast.Attribute) and \
                isinstance(s.value.func.value, gast.Name) and s.value.func.value.id == v:
            bound, value = True, gast.Tuple(elts=list(s.value.args), ctx=gast.Load())
        else:
            return False
        if not bound:
            return False
        shared = self.memory.aliases(k) | {k}
        parts = value.elts if isinstance(value, gast.Tuple) and isinstance(s, gast.Expr) \
            else [value]  # (L.append(x + 1.0) stores a new array)
        # calling a local function may return what it closes over
        return any(self.memory.mentions(p) & shared for p in parts) or any(
            self.memory.local_reads[n.id] & shared for n in gast.walk(value)
            if isinstance(n, gast.Name) and n.id in self.memory.local_reads)

    def _check_swap(self, s, memory):
        """``a[0], a[1] = a[1], a[0]``: the right side holds views, and the first
        store changes what the second copies (NumPy does not swap)."""
        roots = {t.value.id for t in _subscript_targets(s.targets[0])
                 if isinstance(t.value, gast.Name)}
        shared = set()
        for r in roots:
            shared |= memory.aliases(r) | {r}
        if memory.mentions(s.value) & shared:
            raise self.source.error(
                "a tuple assignment into an array whose right side views the same array: "
                "NumPy copies one element after the other, so this is not a swap. Use "
                "fancy indexing, which copies first: a[[0, 1]] = a[[1, 0]]", s)


# -- small facts about statements ---------------------------------------------------------


def _never_bound(name, body) -> bool:
    """Does nothing in ``body`` bind ``name`` (no store, import, def, global)?"""
    for n in (m for s in body for m in gast.walk(s)):
        if isinstance(n, gast.Name) and n.id == name and not isinstance(n.ctx, gast.Load):
            return False
        if isinstance(n, (gast.FunctionDef, gast.ClassDef)) and n.name == name:
            return False
        if isinstance(n, (gast.Import, gast.ImportFrom)) and any(
                (a.asname or a.name).split(".")[0] == name for a in n.names):
            return False
        if isinstance(n, (gast.Global, gast.Nonlocal)) and name in n.names:
            return False
    return True


def _own_memory(vdefs, sites, order) -> list:
    """The assignments among ``vdefs`` that bind ``v`` to memory other than the
    written array's (all but the ``sites`` where it takes that memory)."""
    return [d for d in vdefs if d not in sites and isinstance(order[d][0], gast.Assign)]


def _fresh_binding(memory, s, name) -> bool:
    """Does ``s`` bind ``name`` to a new array (not a number, which holds none)?"""
    value = _bound_value(s, name)
    return value is not None and memory.fresh(value) and \
        not isinstance(value, (gast.Constant, gast.Compare))


def _bound_value(s, name):
    """The expression ``s`` binds ``name`` to, when it can be told; else None."""
    if not isinstance(s, gast.Assign) or len(s.targets) != 1:
        return None
    t = s.targets[0]
    if isinstance(t, gast.Name):
        return s.value if t.id == name else None
    if isinstance(t, (gast.Tuple, gast.List)) and isinstance(s.value, (gast.Tuple, gast.List)) \
            and len(t.elts) == len(s.value.elts):
        for e, v in zip(t.elts, s.value.elts):
            if isinstance(e, gast.Name) and e.id == name:
                return v
    return None
