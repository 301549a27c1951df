"""Reverse mode: a function → a forward sweep and an adjoint sweep.

For ``f`` this writes two functions:

- ``f_fwd(*args)`` runs ``f`` as written and returns ``(out, saved)``;
  values the adjoint sweep reads and that get overwritten are pushed on a
  tape (``_stack``) just before they are overwritten; branch conditions and
  loop trip counts are kept the same way.
- ``f_bwd(saved, out_bar)`` walks the statements backwards, popping each
  overwritten value back (so every statement's adjoint sees the values it
  saw), and returns the adjoints of the active parameters.

Adjoints are *symbolically* zero until something flows into them: the first
contribution assigns, later ones add. Where control flow merges a zero with a
non-zero adjoint, the zero path holds ``None`` and code reading that adjoint is
guarded, as torch skips undefined gradients (a loop's accumulator that starts
a loop still gets a zero array, updated in place).
"""

from __future__ import annotations

import gast

from pullback import runtime
from pullback.rules.list_items import list_add_at, list_cotangent
from pullback.analysis.facts import pure
from pullback.analysis.liveness import annotate
from pullback.modes.function import FunctionTransform
from pullback.modes.reverse.adjoint import AdjointSweep
from pullback.modes.reverse.assemble import Assemble
from pullback.modes.reverse.calls import Calls
from pullback.modes.reverse.control import ControlFlow
from pullback.modes.reverse.forward_sweep import ForwardSweep
from pullback.modes.reverse.state import MAYBE, MAYBE_OWN, MAYBES, OWN, fresh
from pullback.syntax.astutil import assign, const, load, names_in, store, tpl_expr
from pullback.syntax.walk import stored, target_names


class ReverseFunction(ForwardSweep, AdjointSweep, ControlFlow, Calls, Assemble, FunctionTransform):
    """The forward and adjoint sweeps of one function."""

    def _prepare(self, stmts, depth):
        """Name branch conditions that cannot be re-evaluated backwards; give loops
        a trip counter (while loops, and for loops that may stop early)."""
        out = []
        for s in stmts:
            if isinstance(s, gast.If) and not getattr(s, "pb_exit", False):
                assigned = set()
                for b in s.body + s.orelse:
                    assigned |= names_in(b, gast.Store)
                if not (pure(s.test) and not (names_in(s.test) & assigned)):
                    cond = self.namer.fresh("_cond")
                    a = assign(cond, s.test)
                    gast.copy_location(a, s)
                    a.pb_src, a.pb_active = None, False
                    out.append(a)
                    s.test = load(cond)
                s.body = self._prepare(s.body, depth)
                s.orelse = self._prepare(s.orelse, depth)
            elif isinstance(s, gast.While):
                s.pb_counter = self.namer.fresh("_n")
                s.body = self._prepare(s.body, depth + 1)
            elif isinstance(s, gast.For):
                exits = any(getattr(x, "pb_exit", False) for x in s.body)
                s.pb_counter = self.namer.fresh("_n") if exits else None
                stored = set().union(*[names_in(b, gast.Store) for b in s.body] or [set()])
                if isinstance(s.target, gast.Name) and s.target.id in stored:
                    raise self.source.error(
                        f"the loop variable `{s.target.id}` is assigned inside the loop "
                        "body; use another name for the new value", s)
                if names_in(s.iter) & stored:
                    # the body rebinds what the range is made of: keep the range itself,
                    # the adjoint sweep runs backwards over the same one
                    trips = self.namer.fresh("_range")
                    a = assign(trips, s.iter)
                    gast.copy_location(a, s)
                    a.pb_src, a.pb_active = None, False
                    out.append(a)
                    s.iter = load(trips)
                s.body = self._prepare(s.body, depth + 1)
            elif isinstance(s, gast.With):
                s.body = self._prepare(s.body, depth)
            out.append(s)
        return out

    def _count_defs(self):
        counts: dict[str, int] = {p: 1 for p in self.params}
        looped: set[str] = set()

        def visit(stmts, in_loop):
            for s in stmts:
                if isinstance(s, gast.Assign):
                    for t in s.targets:
                        for n in target_names(t):
                            counts[n] = counts.get(n, 0) + 1
                            if in_loop:
                                looped.add(n)
                elif isinstance(s, gast.FunctionDef):
                    counts[s.name] = counts.get(s.name, 0) + 1
                elif isinstance(s, gast.If):
                    visit(s.body, in_loop)
                    visit(s.orelse, in_loop)
                elif isinstance(s, gast.While):
                    visit(s.body, True)
                elif isinstance(s, gast.For):
                    n = s.target.id
                    counts[n] = counts.get(n, 0) + 1
                    looped.add(n)
                    visit(s.body, True)
                elif isinstance(s, gast.With):
                    visit(s.body, in_loop)

        visit(self.body, False)
        return {n for n, c in counts.items() if c > 1} | looped

    # -- generation with a fixpoint on what goes on the tape ---------------------------
    def _generate(self):
        multi = self._count_defs()
        candidates = multi | self.mutated
        taped = set(candidates)
        self.bwd_reads = None
        self.shape_only = set()
        state0 = self.namer.state()
        for _ in range(20):
            self.namer.restore(state0)
            self.taped = taped
            fwd, bwd = self._sweeps()
            reads = self._reads(bwd)
            shape_only = self._shape_only(bwd, reads)
            new = candidates & reads
            if new == taped and reads == self.bwd_reads and shape_only == self.shape_only:
                break
            taped = new
            self.bwd_reads = reads
            self.shape_only = shape_only
        self._finish(fwd, bwd, reads)

    def _shape_only(self, stmts, reads) -> set[str]:
        """Names the adjoint sweep reads only for their shape (the ``x`` of
        ``unbroadcast(g, x)`` and of ``setitem_value_vjp(g, i, x)``): the tape keeps
        a :class:`~pullback.runtime.ShapeOf` for them, not the array."""
        shape_reads, other = set(), set()

        def visit(node):
            if isinstance(node, gast.Call) and isinstance(node.func, gast.Name):
                helper = self.injected_here.get(node.func.id)
                pos = 1 if helper is runtime.unbroadcast else \
                    2 if helper is runtime.setitem_value_vjp and len(node.args) == 3 else None
                if pos is not None and not node.keywords and \
                        isinstance(node.args[pos], gast.Name):
                    shape_reads.add(node.args[pos].id)
                    for i, a in enumerate(node.args):
                        if i != pos:
                            visit(a)
                    return
            if isinstance(node, gast.Name) and isinstance(node.ctx, gast.Load):
                other.add(node.id)
            for child in gast.iter_child_nodes(node):
                visit(child)

        for s in stmts:
            if getattr(s, "pb_restore_of", None) is None:
                visit(s)
        return (shape_reads - other - self.mutated) & reads

    def _reads(self, stmts) -> set[str]:
        """Names the adjoint sweep reads (a restore ``k[i] = pop()`` does not
        itself need the values of ``k``)."""
        out = set()

        def visit(node, skip):
            if isinstance(node, gast.Name) and isinstance(node.ctx, gast.Load) \
                    and node.id != skip:
                out.add(node.id)
            own = getattr(node, "pb_restore_of", None)
            for child in gast.iter_child_nodes(node):
                if own is not None and child is node.targets[0]:
                    visit(child.value, own)
                    visit(child.slice, None)
                    continue
                visit(child, skip)

        for s in stmts:
            visit(s, None)
        return out

    def _sweeps(self):
        self.uses_tape = False
        self.maydef = set(self.params)
        self.call_saved = {}
        fwd = self._fwd_block(self.body, depth=0)
        state = {v: False for v in self.active}
        prologue = []
        self.out_bar_param = self._seed_outputs(prologue, state)
        bwd = self._bwd_block(self.body, state, depth=0)
        epilogue = []
        results = []
        for p in self.info.active:
            if state.get(p) in MAYBES:
                results.append(tpl_expr("zeros_if_none(G, P)", P=load(p), G=load(self._bar(p)),
                                        zeros_if_none=self._helper("zeros_if_none")))
            elif state.get(p):
                results.append(load(self._bar(p)))
            else:
                results.append(tpl_expr("zeros_like(P)", zeros_like=self._helper("zeros_like"),
                                        P=load(p)))
        if len(results) == 1:
            epilogue.append(gast.Return(value=results[0]))
        else:
            epilogue.append(gast.Return(value=gast.Tuple(elts=results, ctx=gast.Load())))
        bwd = self._tidy(prologue + bwd + epilogue)
        annotate(bwd, set())
        self._drop_dead_absent(bwd)
        return fwd, bwd

    def _seed_outputs(self, prologue, state):
        if self.info.n_outputs is None:
            out = self.outputs[0]
            if isinstance(out, gast.Name) and out.id in self.active and out.id in self.lists:
                # a returned list: the caller's cotangents (None: none), in a list of
                # its own that the reversed appends pop
                param = self.namer.unique("_out_bar")
                prologue.extend(self._contribute(out.id, tpl_expr(
                    "zeros_if_none(G, X)", zeros_if_none=self._helper("zeros_if_none"),
                    G=load(param), X=load(out.id)), state))
                return param
            if isinstance(out, gast.Name) and out.id in self.active:
                name = self._bar(out.id)
                state[out.id] = True
                return name
            return self.namer.unique("_out_bar")
        param = self.namer.unique("_out_bar")
        for i, out in enumerate(self.outputs):
            if isinstance(out, gast.Name) and out.id in self.active:
                if out.id in self.lists:
                    expr = tpl_expr("zeros_if_none(G[I], X)",
                                    zeros_if_none=self._helper("zeros_if_none"),
                                    G=load(param), I=const(i), X=load(out.id))
                    prologue.extend(self._contribute(out.id, expr, state))
                    continue
                # None (no cotangent for this output) stays None: state MAYBE
                g = gast.Subscript(value=load(param), slice=const(i), ctx=gast.Load())
                bar = self._bar(out.id)
                if state.get(out.id):
                    g = tpl_expr("add_maybe(A, G)", add_maybe=self._helper("add_maybe"),
                                 A=load(bar), G=g)
                prologue.append(assign(bar, g))
                state[out.id] = MAYBE
        return param

    # -- adjoint sweep ------------------------------------------------------------------
    def _bar(self, name):
        return self.namer.derived(name, "bar")

    def _contribute(self, var, expr, state):
        if var not in self.active:
            return []
        bar = self._bar(var)
        if var in self.lists:  # a list of cotangents, one per append
            one = self._one_entry(expr)
            if state.get(var) and one is not None:  # list_cotangent(g, L, i): add it in place
                name = self._inject(list_add_at, "list_add_at")
                return [assign(bar, gast.Call(func=load(name), args=[load(bar), one[1], one[0]],
                                              keywords=[]))]
            if state.get(var):
                return [assign(bar, tpl_expr("add_lists(A, C)",
                                             add_lists=self._helper("add_lists"),
                                             A=load(bar), C=expr))]
            state[var] = True
            return [assign(bar, tpl_expr("as_list(C)", as_list=self._helper("as_list"),
                                         C=expr))]
        if state.get(var) is MAYBE_OWN:  # None or its own array: materialise, add in place
            state[var] = OWN
            return [self._materialise(var)] + self._contribute(var, expr, state)
        if state.get(var) is MAYBE:  # None, or a value: add_maybe handles both
            state[var] = True
            return [assign(bar, tpl_expr("add_maybe(A, C)", add_maybe=self._helper("add_maybe"),
                                         A=load(bar), C=expr))]
        if state.get(var) is OWN:  # this adjoint's own array: add in place
            return [gast.AugAssign(target=store(bar), op=gast.Add(), value=expr)]
        if state.get(var):
            state[var] = OWN
            return [assign(bar, gast.BinOp(left=load(bar), op=gast.Add(), right=expr))]
        state[var] = OWN if fresh(expr) else True
        if isinstance(expr, gast.Name) and expr.id == bar:
            return []  # y = y + c: the adjoint of the old y is the one it had
        return [assign(bar, expr)]

    def _one_entry(self, expr):
        """(g, i) when ``expr`` is ``list_cotangent(g, L, i)`` (one element's read)."""
        if isinstance(expr, gast.Call) and isinstance(expr.func, gast.Name) and \
                self.injected_here.get(expr.func.id) is list_cotangent and len(expr.args) == 3:
            return expr.args[0], expr.args[2]
        return None

    def _materialise(self, var):
        return assign(self._bar(var), tpl_expr("zeros_if_none(G, X)", G=load(self._bar(var)),
                                               X=load(var),
                                               zeros_if_none=self._helper("zeros_if_none")))

    @property
    def accumulators(self):
        """Parameters the body never assigns: their adjoints are only added into
        and returned, so a materialised zero for them is never multiplied."""
        if getattr(self, "_accumulators", None) is None:
            self._accumulators = set(self.params) - stored(self.body)
        return self._accumulators

    def _own(self, var):
        """The state of a freshly materialised zero adjoint (lists are never updated
        in place: ``+=`` would extend them)."""
        return True if var in self.lists else OWN

    def _zeros(self, var):
        return assign(self._bar(var), tpl_expr("zeros_like(X)", zeros_like=self._helper("zeros_like"),
                                               X=load(var)))
