"""The forward sweep of reverse mode: the primal statements, plus the pushes
that keep every overwritten value the adjoint sweep reads (restore semantics)."""

from __future__ import annotations

import copy

import gast

from pullback import checks
from pullback.modes.builder import count_mismatch
from pullback.modes.containers import as_passed
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
        value = self._with_passed_copies(s.value)
        if value is not s.value:
            s = copy.copy(s)
            s.value = value
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

    def _fresh_checked(self) -> set:
        """The names ``fresh_result(name, ...)`` checks (see analysis/fresh_calls)."""
        if getattr(self, "_fresh_names", None) is None:
            self._fresh_names = {
                name for s in self.body for n in gast.walk(s)
                if isinstance(n, gast.Call) and n.args
                and self.resolver.callee(n.func).obj is checks.fresh_result
                for name in _checked_names(n.args[0])}
            self.passed_copies = {}
        return self._fresh_names

    def _with_passed_copies(self, value):
        """``fresh_result(t, args, text)`` of a call given copies: check those too."""
        checked = _checked_names(value.args[0]) if isinstance(value, gast.Call) and \
            value.args else []
        passed = getattr(self, "passed_copies", {})
        if not (checked and checked[0] in passed and
                self.resolver.callee(value.func).obj is checks.fresh_result):
            return value
        args = value.args[1]
        have = {e.id for e in getattr(args, "elts", []) if isinstance(e, gast.Name)}
        copies = [load(n) for n in passed[checked[0]] if n not in have]
        if not copies:
            return value
        value = copy.copy(value)
        args = value.args[1]
        value.args = [value.args[0], gast.Tuple(elts=list(args.elts) + copies, ctx=gast.Load())
                      if isinstance(args, gast.Tuple) else
                      gast.BinOp(left=args, op=gast.Add(),
                                 right=gast.Tuple(elts=copies, ctx=gast.Load()))] + \
            value.args[2:]
        return value

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
        t = s.targets[0]
        names = t.elts if isinstance(t, (gast.Tuple, gast.List)) else [t]
        bad = count_mismatch(callee.name, info.n_outputs, len(names), isinstance(t, gast.Name),
                             info.list_output)
        if bad and info.n_outputs is not None:  # (one value unpacked: its tuple's cotangent)
            raise self.source.error(bad, s)
        saved = self.namer.fresh("_saved")
        self.call_saved[id(s)] = (saved, info, argmap)
        call = as_passed(copy.deepcopy(s.value))
        call.func = load(info.fwd)
        call.keywords = list(call.keywords) + [gast.keyword(arg=n, value=load(n))
                                               for n in info.lifted]
        if callee.kind == "local":  # defaults of nested functions: pass them explicitly
            call.keywords += [gast.keyword(arg=p, value=copy.deepcopy(v))
                              for p, v in argmap.items()
                              if getattr(v, "pb_default", False)]
        # An array this function writes into later is passed as a copy: the callee's
        # saved state (and a view it may return) must keep the values of this moment.
        out = []
        target = copy.deepcopy(s.targets[0])
        checked = [n for n in target_names(target) if n in self._fresh_checked()]
        passed = [] if checked else None
        for n in checked:  # (a tuple target: the tangent code of such a call)
            self.passed_copies[n] = passed

        def pass_(a):
            new = self._snapshot_if_mutated(a)
            if passed is None or new is a:
                return new
            # fresh_result must also see the copy the callee was given (it may return it)
            name = self.namer.fresh("_arg")
            out.append(assign(name, new))
            passed.append(name)
            return load(name)

        call.args = [pass_(a) for a in call.args]
        for k in call.keywords:
            k.value = pass_(k.value)
        new = gast.Assign(targets=[gast.Tuple(elts=[target, store(saved)], ctx=gast.Store())],
                          value=call, type_comment=None)
        gast.copy_location(new, s)
        out.append(new)
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


def _checked_names(value) -> list:
    """The names ``fresh_result``'s checked value is made of: a name, or the display
    of a call's k results the ANF split (``fresh_result((_e1, _e2), ...)``, or a dict
    of them)."""
    if isinstance(value, gast.Name):
        return [value.id]
    if isinstance(value, (gast.Tuple, gast.List)) and \
            all(isinstance(e, gast.Name) for e in value.elts):
        return [e.id for e in value.elts]
    if isinstance(value, gast.Dict) and all(isinstance(e, gast.Name) for e in value.values):
        return [e.id for e in value.values]  # (a dict's values, split the same way)
    return []
