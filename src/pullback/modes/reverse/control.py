"""The adjoint sweep of branches and loops: replaying trip counts and stored
conditions backwards, and making adjoint states agree where control flow merges."""

from __future__ import annotations

import copy

import gast

from pullback.modes.reverse.state import MAYBE, MAYBE_OWN, MAYBES, OWN, merge
from pullback.syntax.astutil import assign, builtin, const, load, names_in, store, tpl, tpl_expr


class ControlFlow:
    """Mixin of :class:`pullback.modes.reverse.function.ReverseFunction`."""

    def _bwd_if(self, s, state, depth):
        st_then, st_else = dict(state), dict(state)
        then = self._bwd_block(s.body, st_then, depth)
        orelse = self._bwd_block(s.orelse, st_else, depth)
        return self._join(copy.deepcopy(s.test), st_then, then, st_else, orelse, state)

    def _join(self, test, st_then, then, st_else, orelse, state):
        """``if test: then else: orelse``, with the adjoint states of both paths
        made to agree in ``state``: where one path has no adjoint, it gets ``None``
        (state MAYBE), not a zero array that later partials would multiply."""
        for v in sorted(self.active):
            a, b = st_then.get(v, False), st_else.get(v, False)
            if a and not b:
                orelse.append(self._absent(v))
                b = self._absent_state(v)
            elif b and not a:
                then.append(self._absent(v))
                a = self._absent_state(v)
            state[v] = merge(a, b)
        if not then and not orelse:
            return []
        if not then:
            test, then, orelse = gast.UnaryOp(op=gast.Not(), operand=test), orelse, []
        return [gast.If(test=test, body=then, orelse=orelse)]

    def _when_reached(self, var, state, adjoint):
        """``adjoint(state)``: the code that reads ``var``'s adjoint, run only when
        it holds a value (``if var_bar is not None``) if its state is MAYBE."""
        if state.get(var) not in MAYBES:
            return adjoint(state)
        inside = dict(state)
        inside[var] = OWN if state[var] is MAYBE_OWN else True
        body = adjoint(inside)
        outside = dict(state)
        outside[var] = state[var] if inside.get(var) else False  # it holds None there
        test = gast.Compare(left=load(self._bar(var)), ops=[gast.IsNot()],
                            comparators=[const(None)])
        code = self._join(test, inside, body, outside, [], state)
        if code and code[0].test is test:
            code[0].pb_guard = self._bar(var)
        return code

    def _tidy(self, stmts):
        """Readable guards: ``if a is not None: b = ... else: b = None`` followed by
        ``if b is not None: ...`` becomes one guard; then a ``None`` nothing reads
        afterwards is not assigned (see ``_when_reached``)."""
        out = []
        for s in stmts:
            for f in ("body", "orelse"):
                if isinstance(getattr(s, f, None), list):
                    setattr(s, f, self._tidy(getattr(s, f)))
            prev = out[-1] if out else None
            w = getattr(s, "pb_guard", None)
            if w is not None and getattr(prev, "pb_guard", None) is not None and \
                    any(getattr(a, "pb_absent", None) == w for a in prev.orelse) and \
                    any(isinstance(a, gast.Assign) and isinstance(a.targets[0], gast.Name)
                        and a.targets[0].id == w for a in prev.body):
                prev.body += s.body
                prev.orelse += s.orelse
                continue
            out.append(s)
        return out

    def _drop_dead_absent(self, stmts):
        """Drop a branch's ``x_bar = None`` that nothing reads: not live after the
        ``if`` and not read by a later statement of the same branch (a loop there
        may start from it)."""
        for s in stmts:
            live = getattr(s, "pb_live_after", None)
            if isinstance(s, gast.If) and live is not None:
                s.orelse = _read_absent(s.orelse, live)
                s.body = _read_absent(s.body, live) or [gast.Pass()]
            for f in ("body", "orelse"):
                if isinstance(getattr(s, f, None), list):
                    self._drop_dead_absent(getattr(s, f))

    def _absent(self, var):
        """The adjoint of a path no cotangent reached (lists: a list of zeros; a
        parameter only ever accumulated into: zeros, which nothing multiplies)."""
        if var in self.lists or var in self.accumulators:
            return self._zeros(var)
        a = assign(self._bar(var), const(None))
        a.pb_absent = self._bar(var)
        return a

    def _absent_state(self, var):
        return self._own(var) if var in self.lists or var in self.accumulators else False

    def _bwd_loop(self, s, state, depth):
        pre = []
        entry = dict(state)
        ns = self.namer.state()
        for _ in range(len(self.active) + 2):
            self.namer.restore(ns)
            st = dict(entry)
            body = self._bwd_block(s.body, st, depth + 1)
            shrink = [v for v in sorted(self.active) if entry.get(v) and not st.get(v)]
            for v in shrink:  # materialised at the end of the body, below
                st[v] = entry[v] if entry[v] in MAYBES else self._own(v)
            grow = [v for v in sorted(self.active) if st.get(v) and not entry.get(v)]
            # an adjoint that may be None at the end of the body may be at its start
            maybe = [v for v in sorted(self.active) if entry.get(v) and st.get(v) and
                     (entry[v] in MAYBES or st[v] in MAYBES) and merge(entry[v], st[v]) != entry[v]]
            # an adjoint the body leaves in its own array can start the loop in one,
            # so indexed contributions go in place (one copy instead of one a turn)
            promote = [v for v in sorted(self.active) if entry.get(v) is True and st[v] is OWN]
            demote = [v for v in sorted(self.active) if entry.get(v) is OWN and st[v] is True]
            if not (grow or maybe or promote or demote):
                break
            for v in maybe:
                entry[v] = merge(entry[v], st[v])
            for v in grow:
                if v in self.lists or v in self.accumulators:
                    entry[v] = self._own(v)
                    pre.append(self._zeros(v))
                    continue
                # None before the loop: a loop that runs no turn adds nothing
                entry[v] = MAYBE if st[v] is MAYBE or st[v] is True else MAYBE_OWN
                pre.append(self._absent(v))
            for v in promote:
                entry[v] = OWN
                pre.append(assign(self._bar(v), tpl_expr(
                    "owned_copy(G)", owned_copy=self._helper("owned_copy"),
                    G=load(self._bar(v)))))
            for v in demote:
                entry[v] = True
        for v in shrink:
            body.append(self._absent(v) if entry[v] in MAYBES else self._zeros(v))
        state.clear()
        state.update(entry)
        code = list(pre)
        counter = s.pb_counter
        if counter and depth > 0:
            code += tpl("N = S.pop()", N=counter, S=self._stack_id())
            self.uses_tape = True
        if isinstance(s, gast.While):
            it = self.namer.unique("_")
            loop = gast.For(target=store(it), iter=tpl_expr("range(N)", range=builtin("range"),
                                                                  N=load(counter)),
                            body=body or [gast.Pass()], orelse=[], type_comment=None)
        else:
            rng = copy.deepcopy(s.iter)
            if counter:
                rng = gast.Subscript(value=rng, slice=gast.Slice(lower=None, upper=load(counter),
                                                                 step=None), ctx=gast.Load())
            loop = gast.For(target=store(s.target.id), iter=tpl_expr("reversed(R)", reversed=builtin("reversed"),
                                                                       R=rng),
                            body=body or [gast.Pass()], orelse=[], type_comment=None)
        if not body:
            loop = None
        if loop is not None:
            code.append(loop)
        if isinstance(s, gast.For):
            code += self._restore(s.target.id, s)
        return code

    def _pop_call_state(self, s):
        if not getattr(s, "pb_saved_pushed", False):
            return []
        saved = self.call_saved[id(s)][0]
        return tpl("V = S.pop()", V=saved, S=self._stack_id())


def _read_absent(block, live):
    """``block`` without the ``x_bar = None`` whose name is neither in ``live`` nor
    read by a statement after it in ``block``."""
    kept, later = [], set()
    for a in reversed(block):
        w = getattr(a, "pb_absent", None)
        if w is None or w in live or w in later:
            kept.append(a)
        later |= names_in(a, gast.Load)
    return kept[::-1]
