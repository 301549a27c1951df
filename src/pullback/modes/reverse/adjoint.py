"""The adjoint sweep of reverse mode, statement by statement: assignments,
indexed writes, multi-target calls and appends, each followed by the pops that
restore what its forward statement overwrote."""

from __future__ import annotations

import copy

import gast

from pullback.modes.reverse.state import MAYBES, OWN
from pullback.syntax.astutil import assign, comment, const, load, names_in, stamp, tpl, tpl_expr
from pullback.syntax.walk import target_names


class AdjointSweep:
    """Mixin of :class:`pullback.modes.reverse.function.ReverseFunction`."""

    def _static_basic(self, idx) -> bool:
        """An index that can only be ints, slices and None: no repeated elements."""
        if isinstance(idx, gast.Tuple):
            return all(self._static_basic(e) for e in idx.elts)
        if isinstance(idx, gast.Slice):
            return True
        if isinstance(idx, gast.Constant):
            return idx.value is None or (isinstance(idx.value, int) and
                                         not isinstance(idx.value, bool))
        if isinstance(idx, gast.UnaryOp) and isinstance(idx.operand, gast.Constant):
            return isinstance(idx.operand.value, int)
        if isinstance(idx, gast.BinOp) and isinstance(idx.op, (gast.Add, gast.Sub, gast.Mult,
                                                               gast.FloorDiv, gast.Mod)):
            return self._static_basic(idx.left) and self._static_basic(idx.right)
        return isinstance(idx, gast.Name) and idx.id in self.int_names

    def _restore(self, name, s):
        if name not in getattr(s, "pb_pushed", ()):
            return []
        self.uses_tape = True
        if name in self.mutated:  # restored into afterwards: a copy of its own
            return tpl("X = snapshot(S.pop())", X=name, S=self._stack_id(),
                       snapshot=self._helper("snapshot"))
        return tpl("X = S.pop()", X=name, S=self._stack_id())

    def _bwd_block(self, stmts, state, depth):
        out = []
        last_src = None
        for s in reversed(stmts):
            code = self._bwd_stmt(s, state, depth)
            if not code:
                continue
            src = getattr(s, "pb_src", None)
            if src and src != last_src and getattr(s, "pb_active", False):
                out.append(comment("grad of: " + src))
                last_src = src
            out.extend(stamp(code, s))
        return out

    def _bwd_stmt(self, s, state, depth):
        if isinstance(s, gast.Assign):
            t = s.targets[0]
            if isinstance(t, gast.Subscript):
                return self._bwd_setitem(s, state)
            if isinstance(t, gast.Name):
                if getattr(s, "pb_active", False):
                    return self._bwd_assign(s, state)
                state[t.id] = False
                return self._restore(t.id, s)
            names = target_names(t)
            if getattr(s, "pb_active", False):
                return self._bwd_multi(s, state)
            code = []
            for n in names:
                state[n] = False
            for n in reversed(names):
                code += self._restore(n, s)
            return code
        if isinstance(s, gast.If):
            if getattr(s, "pb_exit", False):
                return []
            return self._bwd_if(s, state, depth)
        if isinstance(s, (gast.While, gast.For)):
            return self._bwd_loop(s, state, depth)
        if isinstance(s, gast.With):
            return self._bwd_block(s.body, state, depth)
        if getattr(s, "pb_append", None):
            return self._bwd_append(s, state)
        return []

    def _bwd_append(self, s, state):
        """``L.append(v)`` backwards: the last cotangent of ``L`` goes to ``v``."""
        lst = s.pb_append
        if not state.get(lst):
            return []
        pop = tpl_expr("L.pop()", L=load(self._bar(lst)))
        v = s.value.args[0]
        if isinstance(v, gast.Name) and v.id in self.active:
            return self._contribute(v.id, tpl_expr(
                "zeros_if_none(C, V)", zeros_if_none=self._helper("zeros_if_none"), C=pop, V=v),
                state)
        return [gast.Expr(value=pop)]

    def _bwd_multi(self, s, state):
        """``a, b = call(...)``: a primitive or user function with several outputs."""
        names = target_names(s.targets[0])
        code = self._pop_call_state(s)
        live = [state.get(n) for n in names]
        if any(live):
            g = gast.Tuple(elts=[self._multi_cotangent(s, n, state) for n in names],
                           ctx=gast.Load())
            pre, contribs = self._contributions(s, s.value, g, gast.Tuple(
                elts=[load(n) for n in names], ctx=gast.Load()))
            for n in names:
                state[n] = False
            code += pre
            for v, e in contribs:
                code += self._contribute(v, e, state)
        else:
            for n in names:
                state[n] = False
        for n in reversed(names):
            code += self._restore(n, s)
        return code

    def _multi_cotangent(self, s, n, state):
        """One output's cotangent in the tuple handed to a multi-output adjoint: a
        user function takes ``None`` for "no cotangent"; a rule gets zeros."""
        if not state.get(n):
            return const(None)
        if state[n] in MAYBES and not (isinstance(s.value, gast.Call) and
                                      self.resolver.callee(s.value.func).kind in
                                      ("user", "local")):
            return tpl_expr("zeros_if_none(G, X)", zeros_if_none=self._helper("zeros_if_none"),
                            G=load(self._bar(n)), X=load(n))
        return load(self._bar(n))

    def _bwd_assign(self, s, state):
        y = s.targets[0].id
        op = s.value
        code = self._pop_call_state(s)
        if not state.get(y):
            state[y] = False
            return code + self._restore(y, s)
        self_ref = y in names_in(op, gast.Load)
        if self_ref:
            code += self._restore(y, s)
        code += self._when_reached(y, state, lambda st: self._assign_adjoint(s, y, self_ref, st))
        if not self_ref:
            code += self._restore(y, s)
        return code

    def _assign_adjoint(self, s, y, self_ref, state):
        """The contributions of ``y = op`` to its operands' adjoints."""
        g = load(self._bar(y))
        code, contribs = self._contributions(s, s.value, g, load(y),
                                             state if not self_ref else None)
        code = list(code)
        state[y] = False
        own = [e for v, e in contribs if v == y]
        for v, e in contribs:
            if v != y:
                code += self._contribute(v, e, state)
        if own:
            total = own[0]
            for e in own[1:]:
                total = gast.BinOp(left=total, op=gast.Add(), right=e)
            code += self._contribute(y, total, state)
        return code

    def _bwd_setitem(self, s, state):
        t = s.targets[0]
        k = t.value.id
        code = []
        if getattr(s, "pb_active", False) and state.get(k):
            code += self._when_reached(k, state, lambda st: self._setitem_adjoint(s, st))
        if k in getattr(s, "pb_pushed", ()):
            self.uses_tape = True
            r = tpl("K[I] = S.pop()", K=load(k), I=t.slice, S=self._stack_id())[0]
            r.pb_restore_of = k
            code.append(r)
        return code

    def _setitem_adjoint(self, s, state):
        """``k[i] = v`` backwards: the written elements' cotangent goes to ``v``."""
        t = s.targets[0]
        k = t.value.id
        code = []
        kb = self._bar(k)
        v = s.value
        later = []
        if isinstance(v, gast.Name) and v.id in self.active:
            # into an array not known to hold floats: check its dtype at run time
            text = "setitem_value_vjp(G, I, V)" if self.dtypes.is_float(t.value) \
                else "setitem_value_vjp(G, I, V, K)"
            g_v = tpl_expr(text, setitem_value_vjp=self._helper("setitem_value_vjp"),
                           G=load(kb), I=self._index_value(t.slice), V=v, K=load(k))
            if v.id == k:  # k[I] = k: read the cotangent before the write zeroes it
                tmp = self.namer.fresh("_g")
                code.append(assign(tmp, g_v))
                later = [(v.id, load(tmp))]
            else:
                code += self._contribute(v.id, g_v, state)
        if state[k] is OWN and self._static_basic(t.slice):
            code += [gast.Assign(targets=[gast.Subscript(value=load(kb),
                                                         slice=copy.deepcopy(t.slice),
                                                         ctx=gast.Store())],
                                 value=const(0.0), type_comment=None)]
        else:
            code += [assign(kb, tpl_expr("zero_at(G, I)", zero_at=self._helper("zero_at"),
                                         G=load(kb), I=self._index_value(t.slice)))]
            state[k] = OWN
        for var, g_later in later:
            code += self._contribute(var, g_later, state)
        return code
