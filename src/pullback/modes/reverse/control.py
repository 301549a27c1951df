"""The adjoint sweep of branches and loops: replaying trip counts and stored
conditions backwards, and making adjoint states agree where control flow merges."""

from __future__ import annotations

import copy

import gast

from pullback.modes.reverse.state import OWN, merge
from pullback.syntax.astutil import assign, builtin, load, store, tpl, tpl_expr


class ControlFlow:
    """Mixin of :class:`pullback.modes.reverse.function.ReverseFunction`."""

    def _bwd_if(self, s, state, depth):
        st_then, st_else = dict(state), dict(state)
        then = self._bwd_block(s.body, st_then, depth)
        orelse = self._bwd_block(s.orelse, st_else, depth)
        for v in sorted(self.active):
            a, b = st_then.get(v, False), st_else.get(v, False)
            if a and not b:
                orelse.append(self._zeros(v))
                b = self._own(v)
            elif b and not a:
                then.append(self._zeros(v))
                a = self._own(v)
            state[v] = merge(a, b)
        if not then and not orelse:
            return []
        test = copy.deepcopy(s.test)
        if not then:
            test, then, orelse = gast.UnaryOp(op=gast.Not(), operand=test), orelse, []
        new = gast.If(test=test, body=then, orelse=orelse)
        return [new]

    def _bwd_loop(self, s, state, depth):
        pre = []
        entry = dict(state)
        ns = self.namer.state()
        for _ in range(len(self.active) + 2):
            self.namer.restore(ns)
            st = dict(entry)
            body = self._bwd_block(s.body, st, depth + 1)
            shrink = [v for v in sorted(self.active) if entry.get(v) and not st.get(v)]
            for v in shrink:
                st[v] = self._own(v)  # materialised at the end of the body, below
            grow = [v for v in sorted(self.active) if st.get(v) and not entry.get(v)]
            # an adjoint the body leaves in its own array can start the loop in one,
            # so indexed contributions go in place (one copy instead of one a turn)
            promote = [v for v in sorted(self.active) if entry.get(v) is True and st[v] is OWN]
            demote = [v for v in sorted(self.active) if entry.get(v) is OWN and st[v] is True]
            if not (grow or promote or demote):
                break
            for v in grow:
                entry[v] = self._own(v)
                pre.append(self._zeros(v))
            for v in promote:
                entry[v] = OWN
                pre.append(assign(self._bar(v), tpl_expr(
                    "owned_copy(G)", owned_copy=self._helper("owned_copy"),
                    G=load(self._bar(v)))))
            for v in demote:
                entry[v] = True
        for v in shrink:
            body.append(self._zeros(v))
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
