"""Views and aliases of written arrays, replaced by the expression that made them.

NumPy's ``v = k[0]`` is a view: a later write into ``k`` shows through ``v``,
and a write through ``v`` changes ``k``. pullback differentiates writes into
one array (:mod:`pullback.analysis.mutation`), so this pass, run just before
that check, rewrites a view of a written array into the view *expression*
wherever that is exact::

    v = k[0][1:]                 (dropped: every use below is rewritten)
    k[0, 1] = x[0]               k[0, 1] = x[0]
    v[0] = x[1]                  _vi = view_index(k, (("index", 0), ("index", slice(1, None))), 0)
                                 k[_vi] = x[1]
    v += x                       k[0][1:][...] = k[0][1:] + x   (then lowered the same way)
    return v.sum()               return k[0][1:].sum()

A use of ``v`` is rewritten only when that is proved to mean the same:

- the binding ``v = E`` runs before the use (it encloses it), and no other
  binding of ``v`` comes between;
- ``E`` is a view of an ndarray (:mod:`pullback.analysis.ndims`): a chain of basic
  indexing (slices, ``None``, ints where the result still has dimensions), ``.T``,
  ``transpose``, ``swapaxes``, ``reshape``/``ravel`` (these may copy: checked
  where ``v`` is made, ``check_view_of``) on a name;
- no name ``E`` mentions is bound again on a path from the binding to the use.

Anything else is left as it is, and the mutation check refuses what it cannot
prove. ``x op= e`` on an ndarray another name shares becomes the in-place write
NumPy does (``x[...] = x op e``). A write through a chain that is not one index
becomes a write into the base at the positions the chain selects
(``runtime.view_index``: the same chain applied to an array of flat positions).
"""

from __future__ import annotations

import copy

import gast

from pullback import runtime
from pullback.analysis.memory import Memory
from pullback.analysis.view_calls import put_along_axis, unpack_splits, written_names
from pullback.analysis.view_chains import Chains, loop_indices
from pullback.analysis.ndims import SCALAR, Ndims, is_array
from pullback.front.inplace import flat_target
from pullback.syntax.astutil import builtin, const, load, unparse
from pullback.syntax.walk import (definitions, dominates, own_exprs, parents_of,
                                  rewrite_blocks, statements_in_order, subscript_targets)

#: ``x op= e`` and the name of its in-place operator
INPLACE_OPS = {gast.Add: "iadd", gast.Sub: "isub", gast.Mult: "imul", gast.Div: "itruediv",
        gast.FloorDiv: "ifloordiv", gast.Mod: "imod", gast.Pow: "ipow", gast.MatMult: "imatmul"}


class Views:
    """The rewrite described in the module docstring, for one function body."""

    def __init__(self, resolver, params, namer, inject, param_ndims=None):
        self.resolver = resolver
        self.params = set(params)
        self.param_ndims = dict(param_ndims or {})
        self.namer = namer
        self.inject = inject

    def run(self, body) -> list:
        ints = loop_indices(body)
        self.chains = Chains(self.resolver, None, ints)
        self.ndims = Ndims(self.resolver, self.chains.is_int, self.param_ndims).run(body)
        self.chains.ndims = self.ndims
        self.chain, self.is_int = self.chains.chain, self.chains.is_int
        body = unpack_splits(self, put_along_axis(self, body))
        body = self._inplace_updates(body)
        self._replay(body)
        for s, _ in statements_in_order(body):
            if isinstance(s, gast.Assign):
                for t in s.targets:
                    for sub in subscript_targets(t):
                        self._mark_scalar_reads(sub.slice)
                self._mark_scalar_reads(s.value)
        return self._lower_writes(body)

    # -- x op= e on an array another name shares: NumPy's in-place update -------------
    def _inplace_updates(self, body):
        memory = Memory(self.resolver).analyse(body, self.params)
        written = written_names(body)
        defs = definitions(list(statements_in_order(body)))

        order = list(statements_in_order(body))
        viewed = {found[0] for s, _ in order if isinstance(s, gast.Assign) and
                  len(s.targets) == 1 and isinstance(s.targets[0], gast.Name)
                  for found in [self.chain(s.value)] if found is not None and found[1]}

        def shared(name):
            return bool(memory.aliases(name) - {name}) or self._view_of(name, defs, body)

        def rewrite(stmts):
            out = []
            for s in stmts:
                rewrite_blocks(s, rewrite)
                t = s.targets[0].id if getattr(s, "pb_aug", False) else None
                proven = t is not None and (is_array(self.ndims.of(load(t))) or
                                            self._proven_view(t, defs, order))
                if t and (proven or t in viewed) and t not in self.params and \
                        type(s.value.op) in INPLACE_OPS and (shared(t) or t in written):
                    if not proven:  # a view is taken of it, so NumPy updates it in place
                        out.append(self._check_view(t, t, s))
                    w = gast.Assign(targets=[gast.Subscript(value=load(t), slice=const(Ellipsis),
                                                            ctx=gast.Store())],
                                    value=s.value, type_comment=None)
                    gast.copy_location(w, s)
                    w.pb_src = getattr(s, "pb_src", None)
                    w.pb_inplace_op = INPLACE_OPS[type(s.value.op)]
                    s = w
                out.append(s)
            return out
        return rewrite(body)

    def _proven_view(self, name, defs, order) -> bool:
        """Is every binding of ``name`` (but its op= updates) a view chain proven to
        give an array (``a, b, c = np.hsplit(k, 3)`` of an array ``k``)?"""
        values = [order[p][0] for p in defs.get(name, [])
                  if not getattr(order[p][0], "pb_aug", False)]
        return bool(values) and all(
            isinstance(s, gast.Assign) and len(s.targets) == 1 and
            isinstance(s.targets[0], gast.Name) and
            (self.chain(s.value) or (None, None, False))[2] for s in values)

    def _check_view(self, v, base, like, text=None):
        """``check_view_of(v, base, text)``: v (a name, or the view expression itself,
        which the forward sweep may bind to a snapshot copy) must be an ndarray
        sharing base's memory."""
        view = load(v) if isinstance(v, str) else copy.deepcopy(v)
        check = gast.Expr(value=gast.Call(
            func=load(self.inject(runtime.check_view_of, "check_view_of")),
            args=[view, load(base), const(_text(text) if text is not None else v)],
            keywords=[]))
        gast.copy_location(check, like)
        check.pb_src = getattr(like, "pb_src", None)
        return check

    def _view_of(self, name, defs, body) -> bool:
        order = list(statements_in_order(body))
        return any(isinstance(order[p][0], gast.Assign) and
                   self.chain(order[p][0].value) is not None for p in defs.get(name, []))

    # -- replace uses of views by their expressions -------------------------------------
    def _replay(self, body):
        memory = Memory(self.resolver).analyse(body, self.params)
        written = written_names(body)
        relevant = {n for n in memory.roots if n in written or memory.aliases(n) & written}
        order = list(statements_in_order(body))
        defs = definitions(order)
        for d, (D, _) in enumerate(order):
            if not (isinstance(D, gast.Assign) and len(D.targets) == 1 and
                    isinstance(D.targets[0], gast.Name)):
                continue
            v = D.targets[0].id
            found = self.chain(D.value)
            if v not in relevant or v in self.params or found is None:
                continue
            E = D.value
            free = {n.id for n in gast.walk(E) if isinstance(n, gast.Name)}
            if v in free:
                continue
            uses = _uses(order, v)
            if uses is None:
                continue  # read inside a nested function or lambda: left alone
            parents = parents_of(body)
            same = _same_bindings(order, defs.get(v, []), v, E)
            # D reaches the use alone (no other binding of v on the way) and means the same
            # (never into v op= e: that is NumPy's in-place update of v's array, which a
            # rebinding of v from the replayed expression would lose)
            done = [u for u in uses if u > d and dominates(D, order[u][0], parents) and
                    self._stable(free | {v}, d, u, order, defs, same) and
                    not (getattr(order[u][0], "pb_aug", False) and
                         order[u][0].targets[0].id == v)]
            for u in done:
                _substitute(order[u][0], v, E)
            if done and found[1] and (not found[2] or runtime.op_copies(found[1])):
                # not proven a view (or a reshape NumPy may copy): checked where v is made
                D.pb_then = self._check_view(E, found[0], D, E)
            elif done and len(done) == len(uses):
                D.pb_dead = True
        _drop_dead(body)

    @staticmethod
    def _stable(free, d, u, order, defs, same=frozenset()) -> bool:
        """No name in ``free`` is bound on a path from position ``d`` to ``u`` (but at the
        positions ``same``, which bind the view again to the same expression)."""
        spans = {}
        for p, (s, _) in enumerate(order):
            if isinstance(s, (gast.For, gast.While)):
                end = p
                while end + 1 < len(order) and s in order[end + 1][1]:
                    end += 1
                spans[id(s)] = (p, end)
        loops = [loop for loop in order[u][1] if loop not in order[d][1]]
        for n in free:
            for p in defs.get(n, []):
                if p in same:
                    continue
                if d < p < u:
                    return False
                for loop in loops:
                    lo, hi = spans[id(loop)]
                    if lo <= p <= hi:
                        return False
        return True

    # -- k[1] on a vector is a NumPy scalar: a copy ----------------------------------------
    def _mark_scalar_reads(self, e):
        for n in gast.walk(e):
            if isinstance(n, gast.Subscript) and self.ndims.of(n) == SCALAR:
                n.pb_scalar_copy = True

    # -- writes through a chain become writes into its base ----------------------------------
    def _lower_writes(self, stmts):
        out = []
        for s in stmts:
            rewrite_blocks(s, self._lower_writes)
            if isinstance(s, gast.Assign) and len(s.targets) == 1 and \
                    isinstance(s.targets[0], gast.Subscript):
                s.targets = [flat_target(s.targets[0], self.is_int)]
                t = s.targets[0]
                found = None if isinstance(t.value, gast.Name) else \
                    self.chain(t.value, write=True)
                if found is not None:
                    out += self._through(s, t, found[0], found[1])
                    continue
            out.append(s)
        return out

    def _through(self, s, t, base, ops):
        index = self.namer.fresh("_vi")
        ops_value = gast.Tuple(elts=[self._op_value(op) for op in ops], ctx=gast.Load())
        call = gast.Call(func=load(self.inject_view_index()), args=[
            load(base), ops_value, _index_value(t.slice)], keywords=[])
        first = gast.Assign(targets=[gast.Name(id=index, ctx=gast.Store(), annotation=None,
                                               type_comment=None)], value=call, type_comment=None)
        s.targets = [gast.Subscript(value=load(base), slice=load(index), ctx=gast.Store())]
        for new in (first, s):
            gast.copy_location(new, s)
            new.pb_src = getattr(s, "pb_src", None)
        return [first, s]

    def inject_view_index(self):
        return self.inject(runtime.view_index, "view_index")

    @staticmethod
    def _op_value(op):
        if op[0] in ("fn", "pick"):
            parts = [const(op[0]), copy.deepcopy(op[1])] + [_index_value(a) for a in op[2:]]
            return gast.Tuple(elts=parts, ctx=gast.Load())
        parts = [const(op[0])] + [_index_value(a) for a in op[1:]]
        return gast.Tuple(elts=parts, ctx=gast.Load())


# -- small facts ------------------------------------------------------------------------
def _index_value(e):
    """An index as a value: ``1:3`` → ``slice(1, 3, None)``."""
    if isinstance(e, gast.Slice):
        return gast.Call(func=builtin("slice"), args=[
            copy.deepcopy(p) if p is not None else const(None)
            for p in (e.lower, e.upper, e.step)], keywords=[])
    if isinstance(e, gast.Tuple):
        return gast.Tuple(elts=[_index_value(x) for x in e.elts], ctx=gast.Load())
    return copy.deepcopy(e)


def _reads_in(s):
    """The expressions of ``s`` that read names (a write target's base included)."""
    exprs = list(own_exprs(s))
    if isinstance(s, gast.Assign):
        for t in s.targets:
            for sub in subscript_targets(t):
                exprs.append(sub.value)
    return exprs


def _same_bindings(order, positions, v, E) -> frozenset:
    """The positions that bind ``v = E`` again with the same expression: between
    them and a use, ``v`` means what the replayed ``E`` means when no name of ``E``
    is rebound (which ``_stable`` checks)."""
    text = gast.dump(E)
    return frozenset(p for p in positions
                     if isinstance(order[p][0], gast.Assign) and
                     len(order[p][0].targets) == 1 and
                     isinstance(order[p][0].targets[0], gast.Name) and
                     order[p][0].targets[0].id == v and
                     not getattr(order[p][0], "pb_aug", False) and
                     gast.dump(order[p][0].value) == text)


def _uses(order, v):
    """Positions of the statements that read ``v``; None if a nested function, a
    lambda or a generator reads it (its body runs later)."""
    out = []
    for p, (s, _) in enumerate(order):
        exprs = _reads_in(s) if not isinstance(s, gast.FunctionDef) else [s]
        hit = False
        for e in exprs:
            for n in gast.walk(e):
                if isinstance(n, (gast.Lambda, gast.FunctionDef, gast.GeneratorExp)) and any(
                        isinstance(m, gast.Name) and m.id == v for m in gast.walk(n)):
                    return None
                if isinstance(n, gast.Name) and n.id == v and isinstance(n.ctx, gast.Load):
                    hit = True
        if hit:
            out.append(p)
    return out


class _Replace(gast.NodeTransformer):
    def __init__(self, name, value):
        self.name, self.value = name, value

    def visit_Name(self, node):
        if node.id == self.name and isinstance(node.ctx, gast.Load):
            return copy.deepcopy(self.value)
        return node


def _substitute(s, v, E):
    rep = _Replace(v, E)
    if isinstance(s, (gast.If, gast.While)):
        s.test = rep.visit(s.test)
    elif isinstance(s, gast.For):
        s.iter = rep.visit(s.iter)
    elif isinstance(s, gast.With):
        for item in s.items:
            item.context_expr = rep.visit(item.context_expr)
    elif isinstance(s, gast.Assign):
        s.value = rep.visit(s.value)
        s.targets = [rep.visit(t) for t in s.targets]
    else:
        rep.visit(s)


def _drop_dead(stmts):
    """Drop the bindings no use reads any more; add the checks bindings asked for."""
    keep = []
    for s in stmts:
        for field in ("body", "orelse"):
            block = getattr(s, field, None)
            if isinstance(block, list) and block and not isinstance(s, gast.FunctionDef):
                _drop_dead(block)
                if not block:
                    block.append(gast.copy_location(gast.Pass(), s))
        if not getattr(s, "pb_dead", False):
            keep.append(s)
        if getattr(s, "pb_then", None) is not None:
            keep.append(s.pb_then)
    stmts[:] = keep


def _text(node) -> str:
    try:
        return unparse(node).strip()
    except Exception:  # noqa: BLE001  (only for a message)
        return "..."

