"""Adjoint contributions of one primitive: instantiating a rule's vjp, handing
sequence cotangents out, custom rules, and calls of the user's own functions."""

from __future__ import annotations

import copy

import gast

from pullback import rules
from pullback.analysis.facts import covers_all, identifier, others_scalar
from pullback.front.resolve import OPERATORS
from pullback.modes.reverse.state import MAYBE_OWN, OWN
from pullback.syntax.astutil import assign, const, load, store, tpl_expr
from pullback.syntax.inline import BindError, bind, instantiate, template


class Calls:
    """Mixin of :class:`pullback.modes.reverse.function.ReverseFunction`."""

    # -- contributions of one primitive ---------------------------------------------------
    def _contributions(self, s, op, g, ans, state=None):
        """(statements, [(variable, cotangent expression)]) for ``op``'s operands."""
        if isinstance(op, gast.Name):
            return [], [(op.id, g)]
        if isinstance(op, gast.Constant):
            return [], []
        if isinstance(op, gast.BinOp):
            return self._rule(s, rules.lookup(OPERATORS[type(op.op)]), [op.left, op.right],
                              {}, g, ans)
        if isinstance(op, gast.UnaryOp):
            return self._rule(s, rules.lookup(OPERATORS[type(op.op)]), [op.operand], {}, g, ans)
        if isinstance(op, gast.Attribute):
            callee = self.resolver.attribute(op)
            return self._rule(s, callee.rule, [op.value], {}, g, ans)
        if isinstance(op, gast.Subscript):
            x = op.value
            if not (isinstance(x, gast.Name) and x.id in self.active):
                return [], []
            if state is not None and state.get(x.id) in (OWN, MAYBE_OWN) and \
                    self._static_basic(op.slice):
                # x_bar is this adjoint's own array: add into the read elements
                pre = []
                if state[x.id] is MAYBE_OWN:
                    pre, state[x.id] = [self._materialise(x.id)], OWN
                target = gast.Subscript(value=load(self._bar(x.id)),
                                        slice=copy.deepcopy(op.slice), ctx=gast.Store())
                return pre + [gast.AugAssign(target=target, op=gast.Add(), value=g)], []
            return [], [(x.id, tpl_expr("getitem_vjp(G, X, I)",
                                        getitem_vjp=self._helper("getitem_vjp"),
                                        G=g, X=x, I=self._index_value(op.slice)))]
        if isinstance(op, gast.Call):
            callee = self.resolver.callee(op.func)
            if callee.kind in ("user", "local"):
                return self._user_call_adjoint(s, g)
            args, kws = self._call_args(op, callee)
            rule = callee.rule
            if rule is None or rule.vjp is None:
                raise self.source.error(f"no derivative rule for `{callee.name}`; "
                                        "add one with pb.defvjp", s)
            if rule.custom_vjp:
                return self._custom_rule(s, callee, rule, args, kws, g, ans)
            return self._rule(s, rule, args, kws, g, ans, name=callee.name)
        raise self.source.error(f"cannot differentiate `{type(op).__name__}`", s)

    def _rule(self, s, rule, args, kws, g, ans, name=None):
        if rule is None or rule.vjp is None:
            raise self.source.error(f"no derivative rule for `{name}`", s)
        t = template(rule.vjp)
        try:
            mapping = bind(t, args, dict(kws))
        except BindError as e:
            raise self.source.error(f"cannot differentiate this call to `{name or t.fn.__name__}`: "
                                    f"{e}", s) from None
        entries = self._rule_entries(s, t, mapping, args, name)
        if not entries:
            return [], []
        gmap = self._rule_globals(t)
        which = sorted({i for i, _ in entries})
        stmts, exprs = instantiate(t, mapping, g, ans, which, self.namer, gmap)
        contribs = []
        for i, arg in entries:
            e = exprs.get(i)
            if e is None:
                continue
            if covers_all(t):  # one tuple covering every positional argument
                tmp = self._tuple_temp(stmts, i, e)
                contribs += self._distribute(arg, gast.Subscript(
                    value=load(tmp), slice=const(args.index(arg)), ctx=gast.Load()))
            elif isinstance(arg, (gast.List, gast.Tuple)):
                tmp = self.namer.fresh("_c")
                stmts.append(assign(tmp, e))
                contribs += self._distribute(arg, load(tmp))
            else:
                if rule.broadcasting and not others_scalar(args, arg) and \
                        not (not kws and self.shapes.same_as_result(args, arg)):
                    e = tpl_expr("unbroadcast(E, X)", unbroadcast=self._helper("unbroadcast"),
                                 E=e, X=arg)
                contribs.append((arg.id, e))
        return stmts, contribs

    def _tuple_temp(self, stmts, i, e):
        if not hasattr(self, "_tuple_temps") or self._tuple_temps[0] is not stmts:
            self._tuple_temps = (stmts, {})
        temps = self._tuple_temps[1]
        if i not in temps:
            temps[i] = self.namer.fresh("_c")
            stmts.append(assign(temps[i], e))
        return temps[i]

    def _distribute(self, arg, expr):
        """Contributions of a (nested) list or tuple argument from its cotangent."""
        if isinstance(arg, gast.Name):
            return [(arg.id, expr)] if arg.id in self.active else []
        if isinstance(arg, (gast.List, gast.Tuple)):
            out = []
            for j, elt in enumerate(arg.elts):
                out += self._distribute(elt, gast.Subscript(value=copy.deepcopy(expr),
                                                            slice=const(j), ctx=gast.Load()))
            return out
        return []

    def _custom_rule(self, s, callee, rule, args, kws, g, ans):
        """A user rule (pb.defvjp), called at run time: one cotangent per positional
        argument; for a list/tuple argument, a tuple with one per element."""
        fname = self._inject(rule.vjp, identifier(getattr(rule.vjp, "__name__", ""), "vjp_rule"),
                              self.user_names, self.resolver)
        tmp = self.namer.fresh("_c")
        call = gast.Call(func=load(fname), args=[g, ans] + [copy.deepcopy(a) for a in args],
                         keywords=[gast.keyword(arg=k, value=copy.deepcopy(v))
                                   for k, v in kws.items()])
        stmts = [assign(tmp, call)]
        contribs = []
        for i, a in enumerate(args):
            contribs += self._custom_parts(a, tpl_expr("C[I]", C=load(tmp), I=const(i)))
        return stmts, contribs

    def _custom_parts(self, a, c):
        if isinstance(a, gast.Name) and a.id in self.active:
            return [(a.id, tpl_expr("zeros_if_none(C, X)",
                                    zeros_if_none=self._helper("zeros_if_none"), C=c, X=a))]
        if isinstance(a, (gast.List, gast.Tuple)):
            out = []
            for j, e in enumerate(a.elts):
                out += self._custom_parts(e, tpl_expr(
                    "item_or_none(C, J)", item_or_none=self._helper("item_or_none"),
                    C=copy.deepcopy(c), J=const(j)))
            return out
        return []

    def _user_call_adjoint(self, s, g):
        saved, info, argmap = self.call_saved[id(s)]
        call = gast.Call(func=load(info.bwd), args=[load(saved), g], keywords=[])
        if not info.active:
            return [], []
        if len(info.active) == 1:
            tmps = [self.namer.fresh("_d")]
            stmts = [assign(tmps[0], call)]
        else:
            tmps = [self.namer.fresh("_d") for _ in info.active]
            stmts = [gast.Assign(targets=[gast.Tuple(elts=[store(t) for t in tmps],
                                                     ctx=gast.Store())],
                                 value=call, type_comment=None)]
        contribs = [(argmap[p].id, load(t)) for p, t in zip(info.active, tmps)]
        return stmts, contribs
