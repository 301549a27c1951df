"""Forward mode's control flow: where a branch or a loop merges a zero tangent
with a live one, the zero is made (``x_dot = zeros_like(x)``) on the side that
lacks it; a mixin of :class:`pullback.modes.forward.function.ForwardFunction`."""

from __future__ import annotations

import copy

import gast

from pullback.syntax.astutil import assign, const, load, names_in, tpl_expr


class ForwardControl:
    """``_if`` and ``_loop``: one branch statement or loop, with its tangents."""

    def _zero(self, var, bound=True):
        """``var_dot = zeros_like(var)``; ``var_dot = None`` where ``var`` may be
        unbound (a branch that skips its binding: the tangent is never read there)."""
        if not bound:
            return assign(self._dot(var), const(None))
        zero = tpl_expr("zeros_like(X)", zeros_like=self._helper("zeros_like"), X=load(var))
        return assign(self._dot(var), zero)

    def _if(self, s, state):
        st_a, st_b = dict(state), dict(state)
        before = set(self.mustdef)
        body = self._block(s.body, st_a)
        bound_a, self.mustdef = self.mustdef, set(before)
        orelse = self._block(s.orelse, st_b)
        bound_b = self.mustdef
        self.mustdef = bound_a & bound_b
        live = getattr(s, "pb_live_after", None)
        for v in sorted(self.active):
            a, b = st_a.get(v, False), st_b.get(v, False)
            if a != b and live is not None and v not in live:
                state[v] = False  # never read again: no need for a zero
                continue
            if a and not b:
                orelse.append(self._zero(v, v in bound_b))
            elif b and not a:
                body.append(self._zero(v, v in bound_a))
            state[v] = a or b
        new = gast.If(test=s.test, body=body or [gast.Pass()], orelse=orelse)
        gast.copy_location(new, s)
        return [new]

    def _loop(self, s, state):
        outside = set(self.maydef)  # defined before the loop
        must = set(self.mustdef)
        after = set(self.maydef)
        for b in s.body:
            after |= names_in(b, gast.Store)
        if isinstance(s, gast.For):
            after.add(s.target.id)
        entry = dict(state)
        pre = []
        ns = self.namer.state()
        for _ in range(len(self.active) + 2):
            self.namer.restore(ns)
            st = dict(entry)
            body = self._block(s.body, st)
            grow = [v for v in sorted(self.active) if st.get(v) and not entry.get(v)]
            # a variable not live at the loop head (the body defines it before any
            # read) needs no tangent there; without liveness, one that does not exist
            # before the loop (a read guarded by a flag may still come first: then
            # liveness says so)
            head = getattr(s, "pb_live_head", None)
            local = [v for v in grow if (v not in head) if head is not None] if \
                head is not None else [v for v in grow if v not in outside]
            grow = [v for v in grow if v not in local]
            after_local = local
            if not grow:
                break
            for v in grow:
                entry[v] = True
                pre.append(self._zero(v, v in must))
        # zeros go before the loop's one exit (front/jumps.py), which leaving sees too
        exit_ = [body.pop()] if s.body and getattr(s.body[-1], "pb_exit", False) and \
            isinstance(body[-1], gast.If) and not body[-1].orelse else []
        for v in sorted(self.active):
            if entry.get(v) and not st.get(v):
                if head is not None and v not in head:
                    entry[v] = False
                else:
                    body.append(self._zero(v))
        body += exit_
        state.clear()
        state.update(entry)
        for v in after_local:
            state[v] = v in getattr(s, "pb_live_after", ()) or v in outside
        self.maydef = after
        self.mustdef = must  # (the body may not run)
        new = copy.copy(s)
        new.body = body or [gast.Pass()]
        return pre + [new]
