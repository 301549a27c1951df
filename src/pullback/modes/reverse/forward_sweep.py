"""The forward sweep of reverse mode: the primal statements, plus the pushes
that keep every overwritten value the adjoint sweep reads (restore semantics)."""

from __future__ import annotations

import copy

import gast

from pullback.syntax.astutil import assign, const, load, names_in, stamp, store, tpl, tpl_expr
from pullback.syntax.walk import target_names


class ForwardSweep:
    """Mixin of :class:`pullback.modes.reverse.function.ReverseFunction`."""

    # -- forward sweep ------------------------------------------------------------------
    def _push(self, value_expr):
        self.uses_tape = True
        return tpl("S.append(V)", S=self._stack_id(), V=value_expr)[0]

    def _stack_id(self):
        return self.stack

    def _fwd_block(self, stmts, depth):
        out = []
        for s in stmts:
            if isinstance(s, gast.Assign):
                out.extend(stamp(self._fwd_assign(s, depth), s))
            elif isinstance(s, gast.If):
                new = gast.If(test=s.test, body=self._fwd_block(s.body, depth) or [gast.Pass()],
                              orelse=self._fwd_block(s.orelse, depth))
                gast.copy_location(new, s)
                out.append(new)
            elif isinstance(s, (gast.While, gast.For)):
                out.extend(stamp(self._fwd_loop(s, depth), s))
            elif isinstance(s, gast.With):
                new = copy.copy(s)
                new.body = self._fwd_block(s.body, depth) or [gast.Pass()]
                out.append(new)
            else:
                out.append(s)
        return out

    def _fwd_assign(self, s, depth):
        out = self._view_check(s)
        t = s.targets[0]
        s.pb_pushed = set()
        if isinstance(t, gast.Subscript):
            k = t.value.id
            if k in self.taped:
                s.pb_pushed.add(k)
                out.append(self._push(tpl_expr("K[I].copy()", K=load(k), I=t.slice)))
        else:
            for n in target_names(t):
                if n in self.taped and n in self.maydef:
                    s.pb_pushed.add(n)
                    if n in self.shape_only:  # the adjoint needs only its shape
                        out.append(self._push(tpl_expr("shape_of(X)", X=load(n),
                                                       shape_of=self._helper("shape_of"))))
                    else:
                        out.append(self._push(load(n)))
                self.maydef.add(n)
        value = s.value
        if getattr(s, "pb_active", False) and isinstance(value, gast.Call):
            callee = self.resolver.callee(value.func)
            if callee.kind in ("user", "local"):
                return out + self._fwd_user_call(s, callee, depth)
        if isinstance(t, gast.Name) and self.bwd_reads is not None \
                and t.id in self.bwd_reads and t.id not in self.shape_only \
                and self._shares_mutated(value):
            # the adjoint sweep reads this value after the array it views is written
            # (and restored on a copy): keep the values it had
            value = tpl_expr("snapshot(V)", snapshot=self._helper("snapshot"), V=value)
            s = assign(t.id, value)
        out.append(s)
        return out

    def _snapshot_if_mutated(self, arg):
        if isinstance(arg, gast.Name) and self._shares_mutated(arg):
            return tpl_expr("snapshot(V)", snapshot=self._helper("snapshot"), V=arg)
        return arg

    def _fwd_loop(self, s, depth):
        out = []
        counter = s.pb_counter
        s.pb_pushed = set()
        if isinstance(s, gast.For) and s.target.id in self.taped and s.target.id in self.maydef:
            s.pb_pushed.add(s.target.id)
            out.append(self._push(load(s.target.id)))
        for b in s.body:  # the back edge: later statements reach earlier ones
            self.maydef |= names_in(b, gast.Store)
        if isinstance(s, gast.For):
            self.maydef.add(s.target.id)
        body = self._fwd_block(s.body, depth + 1)
        if counter:
            out.append(assign(counter, const(0)))
            body = tpl("N = N + 1", N=counter) + body
        new = copy.copy(s)
        new.body = body or [gast.Pass()]
        out.append(new)
        if counter and depth > 0:
            out.append(self._push(load(counter)))
        return out

    def _fwd_user_call(self, s, callee, depth):
        info, argmap = self._callee_info(s, callee)
        saved = self.namer.fresh("_saved")
        self.call_saved[id(s)] = (saved, info, argmap)
        call = copy.deepcopy(s.value)
        call.func = load(info.fwd)
        call.keywords = list(call.keywords) + [gast.keyword(arg=n, value=load(n))
                                               for n in info.lifted]
        if callee.kind == "local":  # defaults of nested functions: pass them explicitly
            call.keywords += [gast.keyword(arg=p, value=copy.deepcopy(v))
                              for p, v in argmap.items()
                              if getattr(v, "pb_default", False)]
        # An array this function writes into later is passed as a copy: the callee's
        # saved state (and a view it may return) must keep the values of this moment.
        call.args = [self._snapshot_if_mutated(a) for a in call.args]
        for k in call.keywords:
            k.value = self._snapshot_if_mutated(k.value)
        target = copy.deepcopy(s.targets[0])
        new = gast.Assign(targets=[gast.Tuple(elts=[target, store(saved)], ctx=gast.Store())],
                          value=call, type_comment=None)
        gast.copy_location(new, s)
        out = [new]
        s.pb_saved_pushed = depth > 0
        if depth > 0:  # one saved state per iteration
            out.append(self._push(load(saved)))
        return out

    def _callee_info(self, s, callee):
        """The FnInfo for an active call, and parameter → argument atom."""
        csrc, lifted, key, argmap, params = self._bind_call(s, callee)
        info = self._build_callee(
            lambda active, containers: self.b.reverse(csrc, active, lifted, key=key,
                                                      containers=containers),
            argmap, params, lambda a: isinstance(a, gast.Name) and a.id in self.active)
        return info, argmap
