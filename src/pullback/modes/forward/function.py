"""Forward mode: a function → tangent code, tangents interleaved with the primal.

For ``f(x, y)`` with ``x`` active this writes ``f_jvp(x, y, *, x_dot)`` returning
``(out, out_dot)``. Each active statement is followed by its tangent; control
flow is kept as it is (no tape is needed). Tangents are symbolically zero
until something flows into them, and zeros are materialised only where
control flow merges a zero tangent with a non-zero one.

Generated tangent code stays inside what pullback accepts, so it can be
transformed again: reverse-over-forward gives Hessians, forward-over-forward
higher derivatives of scalar functions.
"""

from __future__ import annotations

import copy

import gast

from pullback import rules
from pullback.analysis.facts import covers_all, identifier, others_scalar
from pullback.analysis.liveness import annotate
from pullback.front.resolve import OPERATORS
from pullback.modes.builder import Unit, count_mismatch
from pullback.modes.containers import as_passed
from pullback.modes.forward.control import ForwardControl
from pullback.modes.function import FunctionTransform
from pullback.syntax.astutil import (assign, const, load, names_in, renumber_temps, stamp,
                                     store, tpl_expr)
from pullback.syntax.inline import BindError, bind, instantiate, template
from pullback.syntax.walk import target_names


class ForwardFunction(ForwardControl, FunctionTransform):
    """The tangent code of one function."""

    def _prepare(self, stmts, depth):
        return stmts

    def _dot(self, name):
        return self.namer.derived(name, "dot")

    # -- generation -----------------------------------------------------------------
    def _generate(self):
        annotate(self.body, names_in(self.ret, gast.Load))
        self.maydef = set(self.params)
        self.mustdef = set(self.params)  # surely bound here (a branch may skip a binding)
        state = {v: False for v in self.active}
        for p in self.info.active:
            state[p] = True
        body = self._container_prologue() + self._block(self.body, state)
        outs, dots = [], []
        for o in self.outputs:
            outs.append(copy.deepcopy(o))
            if isinstance(o, gast.Name) and state.get(o.id):
                dots.append(load(self._dot(o.id)))
            else:
                dots.append(tpl_expr("zeros_like(X)", zeros_like=self._helper("zeros_like"),
                                     X=copy.deepcopy(o)))
        if self.info.n_outputs is None:
            value = gast.Tuple(elts=[outs[0], dots[0]], ctx=gast.Load())
        else:  # flat: (a, b, a_dot, b_dot), so callers unpack plain names
            value = gast.Tuple(elts=outs + dots, ctx=gast.Load())
        body.append(gast.Return(value=value))
        args = copy.deepcopy(self.tree.args)
        for p in self.info.active:
            self.b.dot_names[(self.info.fwd, p)] = self._dot(p)
            args.kwonlyargs.append(gast.Name(id=self._dot(p), ctx=gast.Param(), annotation=None,
                                             type_comment=None))
            args.kw_defaults.append(None)
        fdef = gast.FunctionDef(name=self.info.fwd, args=args, body=body, decorator_list=[],
                                returns=None, type_comment=None, type_params=[])
        renumber_temps([fdef], self.user_names)
        self._bind_builtins([fdef])
        defaults, kwdefaults = self.source.defaults, self.source.kwdefaults
        self.b.units.append(Unit(fdef, self.source, dict(self.injected_here), defaults, kwdefaults))

    def _block(self, stmts, state):
        out = []
        for s in stmts:
            out.extend(stamp(self._stmt(s, state), s))
        return out

    def _stmt(self, s, state):
        if isinstance(s, gast.Assign):
            self.maydef |= set(target_names(s.targets[0]))
            self.mustdef |= set(target_names(s.targets[0]))
            check = self._view_check(s)
            if check:
                return check + self._stmt_assign(s, state)
            return self._stmt_assign(s, state)
        return self._stmt_other(s, state)

    def _stmt_assign(self, s, state):
        t = s.targets[0]
        if isinstance(t, gast.Subscript):
            return self._setitem(s, state)
        if not getattr(s, "pb_active", False):
            for n in target_names(t):
                state[n] = False
            if isinstance(t, gast.Name) and t.id in self.lists and t.id in self.active:
                state[t.id] = True  # L = []: its tangents start as an empty list too
                return [s, assign(self._dot(t.id), gast.List(elts=[], ctx=gast.Load()))]
            return [s]
        if isinstance(t, gast.Name):
            return self._assign(s, state)
        return self._multi(s, state)

    def _stmt_other(self, s, state):
        if getattr(s, "pb_append", None):
            lst, v = s.pb_append, s.value.args[0]
            t = load(self._dot(v.id)) if self._live(v, state) else const(None)
            return [s, gast.Expr(value=tpl_expr("L.append(T)", L=load(self._dot(lst)), T=t))]
        if isinstance(s, gast.If):
            return self._if(s, state)
        if isinstance(s, (gast.While, gast.For)):
            return self._loop(s, state)
        if isinstance(s, gast.With):
            new = copy.copy(s)
            new.body = self._block(s.body, state) or [gast.Pass()]
            return [new]
        return [s]

    def _assign(self, s, state):
        y = s.targets[0].id
        op = s.value
        if isinstance(op, gast.Call):
            callee = self.resolver.callee(op.func)
            if callee.kind in ("user", "local"):
                return self._user_call(s, callee, state, [y])
        ns = self.namer.state()
        pre, parts = self._tangents(s, op, load(y), state)
        reads = set()
        for node in pre + parts:
            reads |= names_in(node, gast.Load)
        self_ref = y in names_in(op, gast.Load) and y in reads
        if self_ref:  # y = op(y, ...) whose tangent reads the old y: value first
            self.namer.restore(ns)
            tmp = self.namer.fresh("_t")
            first = assign(tmp, op)
            pre, parts = self._tangents(s, op, load(tmp), state)
        if not parts:
            state[y] = False
            return [s]
        total = parts[0]
        for p in parts[1:]:
            total = gast.BinOp(left=total, op=gast.Add(), right=p)
        state[y] = True
        if self_ref:
            return [first] + pre + [assign(self._dot(y), total), assign(y, load(tmp))]
        return [s] + pre + [assign(self._dot(y), total)]

    def _multi(self, s, state):
        names = target_names(s.targets[0])
        op = s.value
        callee = self.resolver.callee(op.func)
        if callee.kind in ("user", "local"):
            return self._user_call(s, callee, state, names)
        pre, parts = self._tangents(s, op, gast.Tuple(elts=[load(n) for n in names],
                                                      ctx=gast.Load()), state)
        if not parts:
            for n in names:
                state[n] = False
            return [s]
        tmp = self.namer.fresh("_dt")
        code = [s] + pre + [assign(tmp, parts[0])]
        for p in parts[1:]:
            total = "(" + ", ".join(f"A[{i}] + B[{i}]" for i in range(len(names))) + ",)"
            code.append(assign(tmp, tpl_expr(total, A=load(tmp), B=p)))  # one sum per output
        for i, n in enumerate(names):
            state[n] = True
            code.append(assign(self._dot(n), tpl_expr(
                "tangent_or_zeros(T[I], X)", tangent_or_zeros=self._helper("tangent_or_zeros"),
                T=load(tmp), I=const(i), X=load(n))))
        return code

    def _setitem(self, s, state):
        t = s.targets[0]
        k = t.value.id
        v = s.value
        v_live = isinstance(v, gast.Name) and state.get(v.id)
        if not getattr(s, "pb_active", False) or not (v_live or state.get(k)) or \
                k not in self.active:
            return [s]
        kd = self._dot(k)
        code = [s]
        if not state.get(k):
            code.append(self._zero(k))
            state[k] = True
        idx = self._index_value(t.slice)
        if v_live:
            # into an array not known to hold floats: check its dtype at run time
            text = "setitem_tangent(KD, I, V)" if self.dtypes.is_float(t.value) \
                else "setitem_tangent(KD, I, V, K)"
            code.append(assign(kd, tpl_expr(text, setitem_tangent=self._helper("setitem_tangent"),
                                            KD=load(kd), I=idx, V=load(self._dot(v.id)),
                                            K=load(k))))
        else:
            code.append(assign(kd, tpl_expr("zero_at(K, I)", zero_at=self._helper("zero_at"),
                                            K=load(kd), I=idx)))
        return code

    # -- tangent contributions of one primitive -----------------------------------------
    def _live(self, a, state):
        return isinstance(a, gast.Name) and a.id in self.active and state.get(a.id)

    def _tangents(self, s, op, ans, state):
        """(statements, [tangent terms]) of ``op``'s value."""
        if isinstance(op, gast.Name):
            return [], ([load(self._dot(op.id))] if self._live(op, state) else [])
        if isinstance(op, gast.Constant):
            return [], []
        if isinstance(op, gast.BinOp):
            return self._rule(s, rules.lookup(OPERATORS[type(op.op)]), [op.left, op.right], {},
                              ans, state)
        if isinstance(op, gast.UnaryOp):
            return self._rule(s, rules.lookup(OPERATORS[type(op.op)]), [op.operand], {}, ans,
                              state)
        if isinstance(op, gast.Attribute):
            return self._rule(s, self.resolver.attribute(op).rule, [op.value], {}, ans, state)
        if isinstance(op, gast.Subscript):
            if not self._live(op.value, state):
                return [], []
            return [], [gast.Subscript(value=load(self._dot(op.value.id)),
                                       slice=copy.deepcopy(op.slice), ctx=gast.Load())]
        if isinstance(op, gast.Call):
            callee = self.resolver.callee(op.func)
            args, kws = self._call_args(op, callee)
            rule = callee.rule
            if rule is None or rule.jvp is None:
                raise self.source.error(f"no forward-mode rule for `{callee.name}`; "
                                        "add one with pb.defjvp", s)
            if rule.custom_jvp:
                return self._custom(rule, args, kws, ans, state)
            return self._rule(s, rule, args, kws, ans, state, name=callee.name)
        raise self.source.error(f"cannot differentiate `{type(op).__name__}`", s)

    def _rule(self, s, rule, args, kws, ans, state, name=None):
        if rule is None or rule.jvp is None:
            raise self.source.error(f"no forward-mode rule for `{name}`; add one with "
                                    "pb.defjvp", s)
        t = template(rule.jvp)
        try:
            mapping = bind(t, args, dict(kws))
        except BindError as e:
            raise self.source.error(f"cannot differentiate this call to `{name}`: {e}",
                                    s) from None
        entries = self._rule_entries(s, t, mapping, args, name)
        gmap = self._rule_globals(t)
        stmts, terms = [], []
        for i, arg in entries:
            if not self._any_live(arg, state):
                continue
            seed = self._seed(arg, state)
            st, exprs = instantiate(t, mapping, seed, ans, [i], self.namer, gmap)
            e = exprs.get(i)
            if e is None:
                continue
            stmts += st
            if covers_all(t):  # one tuple covering every positional argument
                e = gast.Subscript(value=e, slice=const(args.index(arg)), ctx=gast.Load())
            elif rule.broadcasting and not others_scalar(args, arg):
                e = tpl_expr("broadcast_like(E, A)", broadcast_like=self._helper("broadcast_like"),
                             E=e, A=ans)
            terms.append(e)
        return stmts, terms

    def _any_live(self, arg, state):
        if isinstance(arg, (gast.List, gast.Tuple)):
            return any(self._any_live(e, state) for e in arg.elts)
        return self._live(arg, state)

    def _seed(self, arg, state):
        """The tangent of an argument; for a (nested) list, zeros where there is none."""
        if isinstance(arg, (gast.List, gast.Tuple)):
            return gast.List(elts=[self._seed(e, state) for e in arg.elts], ctx=gast.Load())
        if self._live(arg, state):
            return load(self._dot(arg.id))
        return tpl_expr("zeros_like(X)", zeros_like=self._helper("zeros_like"), X=arg)

    def _custom(self, rule, args, kws, ans, state):
        """A user rule (pb.defjvp): ``tangents`` has one entry per positional argument
        (``None``: no tangent; for a list/tuple argument, a tuple of them)."""
        fname = self._inject(rule.jvp, identifier(getattr(rule.jvp, "__name__", ""), "jvp_rule"),
                              self.user_names, self.resolver)
        if not any(self._any_live(a, state) for a in args):
            return [], []
        tangents = gast.Tuple(elts=[self._custom_tangent(a, state) for a in args],
                              ctx=gast.Load())
        call = gast.Call(func=load(fname), args=[tangents, ans] + [copy.deepcopy(a) for a in args],
                         keywords=[gast.keyword(arg=k, value=copy.deepcopy(v))
                                   for k, v in kws.items()])
        return [], [call]

    def _custom_tangent(self, a, state):
        if isinstance(a, (gast.List, gast.Tuple)) and self._any_live(a, state):
            return gast.Tuple(elts=[self._custom_tangent(e, state) for e in a.elts],
                              ctx=gast.Load())
        return load(self._dot(a.id)) if self._live(a, state) else const(None)

    def _user_call(self, s, callee, state, names):
        info, argmap = self._callee_forward(s, callee, state)
        if bad := count_mismatch(callee.name, info.n_outputs, len(names), len(names) == 1,
                                 info.list_output):
            raise self.source.error(bad, s)
        call = as_passed(copy.deepcopy(s.value))
        call.func = load(info.fwd)
        call.keywords = list(call.keywords) + [gast.keyword(arg=n, value=load(n))
                                               for n in info.lifted]
        if callee.kind == "local":
            call.keywords += [gast.keyword(arg=p, value=copy.deepcopy(v))
                              for p, v in argmap.items() if getattr(v, "pb_default", False)]
        for p in info.active:
            call.keywords.append(gast.keyword(arg=self.b.dot_names[(info.fwd, p)],
                                              value=load(self._dot(argmap[p].id))))
        if len(names) == 1 and info.n_outputs is None:
            target = gast.Tuple(elts=[store(names[0]), store(self._dot(names[0]))],
                                ctx=gast.Store())
        elif info.n_outputs is None:  # a, b = f(x) of one list output: the lists, unpacked
            # after the call (code a second derivative reads: a, b = _r is list_item reads)
            lists = [self.namer.fresh("_r")]
            lists.append(self._dot(lists[0]))
            new = gast.Assign(targets=[gast.Tuple(elts=[store(m) for m in lists],
                                                  ctx=gast.Store())], value=call, type_comment=None)
            out = [new] + [gast.Assign(targets=[gast.Tuple(elts=[store(m) for m in ns],
                                                           ctx=gast.Store())],
                                       value=load(r), type_comment=None)
                           for r, ns in zip(lists, (names, list(map(self._dot, names))))]
            for st in out:
                gast.copy_location(st, s)
            for n in names:
                state[n] = True
            return out
        else:
            target = gast.Tuple(elts=[store(n) for n in names] +
                                [store(self._dot(n)) for n in names], ctx=gast.Store())
        new = gast.Assign(targets=[target], value=call, type_comment=None)
        gast.copy_location(new, s)
        for n in names:
            state[n] = True
        return [new]

    def _callee_forward(self, s, callee, state):
        csrc, lifted, key, argmap, params = self._bind_call(s, callee)
        info = self._build_callee(
            lambda active, containers: self.b.forward(csrc, active, lifted, key=key,
                                                      containers=containers),
            argmap, params, lambda a: self._live(a, state))
        return info, argmap
