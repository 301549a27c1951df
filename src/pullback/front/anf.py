"""Stage 4c: one primitive operation per active statement (A-normal form).

``z = np.sin(x * y)`` becomes ``_t1 = x * y; z = np.sin(_t1)`` so every rule
sees plain names. Only *active* statements are split; everything else stays
as the user wrote it. Operands that are not names or constants are bound to
temporaries once, so the reverse sweep never re-evaluates user expressions.
"""

from __future__ import annotations

import copy

import gast

from pullback import rules
from pullback.front.resolve import OPERATORS
from pullback.front.anf_checks import ContainerChecks
from pullback.front.anf_tuples import TupleVariables, straight_names
from pullback.front.tuple_calls import Keys, literal_keys
from pullback.front.comprehensions import kept_refusal
from pullback.syntax.astutil import (assign, index_arithmetic, is_atom, load, located,
                                     names_in, unparse)
from pullback.syntax.inline import rule_uses
from pullback.syntax.walk import append_of


class Anf(TupleVariables, ContainerChecks):
    def __init__(self, source, resolver, namer, activity):
        self.source = source
        self.resolver = resolver
        self.namer = namer
        self.activity = activity
        self.top = False  # the function being differentiated (not a callee)

    # -- statements --------------------------------------------------------------
    def prepare(self, body, lists=frozenset()):
        """Count assignments, to find tuples built once and only unpacked."""
        self.defs = {}
        self.tuples = {}
        self.tuple_keys = {}   # a dict parameter's keys, in the order of its elements
        self.tuple_fields = {}  # a namedtuple parameter's field names
        self.lists = set(lists)
        self.body = body
        for s in body:
            for n in gast.walk(s):
                if isinstance(n, gast.Name) and isinstance(n.ctx, gast.Store):
                    self.defs[n.id] = self.defs.get(n.id, 0) + 1
        self.straight = straight_names(body)
        return self

    def block(self, stmts, no_grad=False):
        out = []
        for s in stmts:
            new = self.stmt(s, no_grad)
            for n in new:
                if getattr(n, "lineno", None) is None:
                    gast.copy_location(n, s)
                if not hasattr(n, "pb_src"):
                    n.pb_src = getattr(s, "pb_src", None)
                if not hasattr(n, "pb_active"):
                    n.pb_active = False
            out.extend(new)
        return out

    def _active(self, e):
        return self.activity.expr(e)

    def stmt(self, s, no_grad):
        self.cur = s
        if isinstance(s, gast.Assign):
            return self.assign(s, no_grad)
        if isinstance(s, gast.If):
            s.body = self.block(s.body, no_grad)
            s.orelse = self.block(s.orelse, no_grad)
            return [s]
        if isinstance(s, gast.While):
            s.body = self.block(s.body, no_grad)
            return [s]
        if isinstance(s, gast.For):
            pre = []
            call = s.iter
            call.args = [self.atomize(a, pre, force_inactive=True) for a in call.args]
            s.body = self.block(s.body, no_grad)
            return pre + [s]
        if isinstance(s, gast.With):
            s.body = self.block(s.body, no_grad or getattr(s, "pb_no_grad", False))
            return [s]
        if isinstance(s, gast.Return):
            if s.value is None:
                return [s]
            pre = []
            if not isinstance(s.value, gast.Tuple):  # ``return pair(v)``: its k values
                s.value = self._tuple_return(s.value, pre)
            if isinstance(s.value, gast.Tuple):
                s.value.elts = [self.atomize(e, pre, name_atoms=True, name=f"out{i + 1}")
                                for i, e in enumerate(s.value.elts)]
            else:
                s.value = self.atomize(s.value, pre, name_atoms=True, name="out")
            return pre + [s]
        if isinstance(s, gast.Expr):
            name = append_of(s)
            if name is not None and name in self.lists and not no_grad \
                    and name in self.activity.active:
                v = s.value.args[0]
                if isinstance(v, (gast.Tuple, gast.List, gast.Dict, gast.Set)) or \
                        isinstance(v, gast.Name) and v.id in self.tuples:
                    raise self.source.error(self._nested_append(name), s)
                pre = []
                s.value.args = [self.atomize(s.value.args[0], pre)]
                s.pb_active = True
                s.pb_append = name
                return pre + [s]
            if getattr(s, "pb_effect", False):
                return [s]  # only looks at values (analysis/effects.py): runs as written
            if not no_grad and self._active(s.value):
                raise self.source.error(
                    "an expression statement that uses a differentiated value for its "
                    "side effect (e.g. list.append, or a call pullback cannot prove only "
                    "looks at its arguments) cannot be differentiated; build lists with "
                    "`L = []` and `L.append(v)`, write into a preallocated array (k[i] = ...), "
                    "and call other functions outside the one you differentiate (print, "
                    "logging and your own functions that only call them are fine)", s)
            return [s]
        return [s]

    def _assign(self, s, no_grad):
        target = s.targets[0]
        value = s.value
        if isinstance(value, gast.Subscript) and not no_grad and \
                isinstance(target, (gast.Name, gast.Tuple, gast.List)) and \
                self._variable_index(value) is not None:
            return self._select(s, no_grad)
        if isinstance(target, gast.Name):
            if no_grad or not self._active(value):
                return [s]
            keys = literal_keys(value, self.resolver) if self.once(target.id) else None
            if keys is not None:  # {"W": w, "b": b} or dict(W=w, b=b), built once
                return self._dict_display(s, keys, no_grad)
            if isinstance(value, (gast.Tuple, gast.List)) and self.once(target.id):
                # a tuple built once: its elements become variables of their own
                out = []
                elts = [self._pinned(v, s, no_grad, out) for v in value.elts]
                self.tuples[target.id] = elts
                pack = assign(target.id, gast.Tuple(elts=elts, ctx=gast.Load()))
                pack.pb_active = False
                return out + [located(pack, s)]
            node = self._tuple_node(value)
            if node is not None and self.once(target.id):
                # a name for (part of) a list/tuple/dict of differentiated arrays
                self.tuples[target.id] = node.elts
                if getattr(node, "pb_keys", None) is not None:
                    self.tuple_keys[target.id] = node.pb_keys
                return [s]
            split = self._split_unpacked(s, no_grad)
            if split is not None:
                return split
            if isinstance(value, gast.Name) and value.id in self.tuples:
                raise self.source.error(f"copying the tuple `{value.id}`; unpack it instead",
                                        s)
            self.activity.active.add(target.id)
            pre = []
            op = self.op(value, pre)
            if target.id in names_in(op, gast.Load) and self._uses_ans(op):
                tmp = self.namer.fresh("_t")
                first = assign(tmp, op)
                first.pb_active = True
                second = assign(target.id, load(tmp))
                second.pb_active = True
                first.pb_view_check = getattr(s, "pb_view_check", False)
                first.pb_view_text = getattr(s, "pb_view_text", None) or first.pb_view_check
                first.pb_aug = getattr(s, "pb_aug", False)
                return pre + [first, second]
            s.value = op
            s.pb_active = True
            return pre + [s]
        if isinstance(target, (gast.Tuple, gast.List)):
            active = not no_grad and self._active(value)
            if isinstance(value, (gast.Tuple, gast.List)) and len(value.elts) == len(target.elts) \
                    and all(isinstance(t, (gast.Name, gast.Subscript)) or
                            (isinstance(t, (gast.Tuple, gast.List)) and
                             isinstance(v, (gast.Tuple, gast.List)) and len(t.elts) == len(v.elts))
                            for t, v in zip(target.elts, value.elts)):
                if not active:
                    return [s]
                tnames = set()
                for t in target.elts:
                    tnames |= names_in(t)
                reads = set()
                for v in value.elts:
                    reads |= names_in(v, gast.Load)
                out = []
                if tnames & reads:  # swap-like: evaluate everything first
                    tmps = []
                    for v in value.elts:
                        tmp = self.namer.fresh("_t")
                        out += self.assign(assign(tmp, v), no_grad)
                        tmps.append(load(tmp))
                    vals = tmps
                else:
                    vals = value.elts
                for t, v in zip(target.elts, vals):
                    a = gast.Assign(targets=[t], value=v, type_comment=None)
                    gast.copy_location(a, s)
                    out += self.assign(a, no_grad)
                return out
            if not active:
                return [s]
            items = None if isinstance(value, (gast.Tuple, gast.List)) else \
                self._tuple_items(value)  # (a display here did not match: no retry)
            if items is not None and len(items) == len(target.elts):
                s.value = gast.Tuple(elts=[copy.deepcopy(e) for e in items], ctx=gast.Load())
                return self.assign(s, no_grad)
            if isinstance(value, gast.Call) and all(isinstance(t, gast.Name) for t in target.elts):
                if isinstance(self._arity().of_call(value), Keys) and \
                        not getattr(s, "pb_split", False):
                    raise self.source.error(
                        f"unpacking the dict `{unparse(value).strip()}` returns gives its keys, "
                        "not its values; bind it to a name bound only once (d = f(...)) and "
                        "read its values by key (d[\"a\"])", s)
                pre = []
                s.value = self.op(value, pre)
                s.pb_active = True
                return pre + [s]
            if isinstance(value, gast.Subscript) and self._tuple_node(value.value) is not None:
                raise self.source.error(
                    "a list or tuple of differentiated arrays indexed with a variable; "
                    "loop over it directly (for a, b in params:) or use a constant index",
                    s)
            raise self.source.error(
                "unpacking this value cannot be differentiated; unpack the result "
                "of a call directly (a, b = f(x)) or index it (a = t[0])", s)
        if isinstance(target, gast.Subscript):
            active = not no_grad and (self._active(value) or self._active(target.value))
            if active and self.activity.int_typed(target.value):
                active = False  # a write into an int array: the value is truncated
            if not active:
                return [s]
            if not isinstance(target.value, gast.Name):
                raise self.source.error(
                    "indexed assignment into an expression; assign into a named array "
                    "(k[i] = ...)", s)
            pre = []
            target.slice = self.index(target.slice, pre)
            s.value = self.atomize(value, pre)
            s.pb_active = True
            return pre + [s]
        if not no_grad and self._active(value):
            raise self.source.error("assignment to an attribute of an object cannot be "
                                    "differentiated; use a local variable", s)
        return [s]

    def _uses_ans(self, op) -> bool:
        if isinstance(op, (gast.BinOp, gast.UnaryOp)):
            rule = rules.lookup(OPERATORS[type(op.op)])
            return rule is not None and rule_uses(rule.vjp, "ans")
        if isinstance(op, gast.Call):
            callee = self.resolver.callee(op.func)
            rule = callee.rule
            return rule is not None and rule.vjp is not None and \
                (rule.custom_vjp or rule_uses(rule.vjp, "ans"))
        return False

    # -- expressions -----------------------------------------------------------
    def atomize(self, e, pre, force_inactive=False, name_atoms=False, name=None):
        """An atom (name/constant) with the value of ``e``; statements go to ``pre``."""
        if is_atom(e) and not (name_atoms and not isinstance(e, (gast.Name, gast.Constant))):
            return e
        tmp = self.namer.unique(name) if name else self.namer.fresh("_t")
        a = assign(tmp, e)
        gast.copy_location(a, self.cur)
        a.pb_src = getattr(self.cur, "pb_src", None)
        if force_inactive or not self._active(e):
            a.pb_active = False
            pre.append(a)
        else:
            pre.extend(self.assign(a, False))
        return load(tmp)

    def index(self, idx, pre):
        if isinstance(idx, gast.Tuple):
            idx.elts = [self.index(e, pre) for e in idx.elts]
            return idx
        if isinstance(idx, gast.Slice):
            for f in ("lower", "upper", "step"):
                part = getattr(idx, f)
                if part is not None:
                    setattr(idx, f, self.atomize(part, pre))
            return idx
        if index_arithmetic(idx):
            return idx  # i - 1, 2 * i + 1: cheap and pure, re-evaluated as written
        return self.atomize(idx, pre)

    def op(self, e, pre):
        """``e`` with every operand an atom: one primitive operation."""
        if is_atom(e):
            return e
        if isinstance(e, gast.BinOp):
            e.left = self.atomize(e.left, pre)
            e.right = self.atomize(e.right, pre)
            return e
        if isinstance(e, gast.UnaryOp):
            e.operand = self.atomize(e.operand, pre)
            return e
        if isinstance(e, gast.Call):
            callee = self.resolver.callee(e.func)
            if callee.kind == "ambiguous":
                raise self.source.error(
                    f"`{callee.name}` names more than one function here (it is defined or "
                    "assigned more than once); give each function its own name", self.cur)
            if callee.kind == "unknown" and isinstance(e.func, gast.Attribute) and \
                    callee.receiver is not None and e.func.attr == "view":
                raise self.source.error(
                    "`.view()` is another name for the same array, and pullback does not "
                    "follow writes through one: use the array itself (`k[...] = ...` for "
                    "`v[...] = ...`), or `.copy()` for an array of its own", self.cur)
            if callee.kind == "unknown" and isinstance(e.func, gast.Attribute) and \
                    callee.receiver is not None:
                raise self.source.error(
                    f"the method `.{e.func.attr}()` of a differentiated value has no "
                    "derivative rule; use the NumPy function instead, or apply it to "
                    "pb.stop_gradient(...) if no derivative should flow", self.cur)
            if callee.kind == "unknown":
                raise self.source.error(self.resolver.refusal(callee), self.cur)
            if callee.receiver is not None:
                e.func.value = self.atomize(e.func.value, pre)
            user = callee.kind in ("user", "local")
            e.args = [self._seq_or_atom(a, pre, user) for a in e.args]
            for k in e.keywords:
                if k.arg is None and self._active(k.value):
                    raise self.source.error("**kwargs in a differentiated call; pass the "
                                            "arguments by name", self.cur)
                k.value = self._seq_or_atom(k.value, pre, user)
            return e
        if isinstance(e, gast.Attribute):
            item = self._tuple_item(e)
            if item is not None and not isinstance(item, gast.Tuple):
                return copy.deepcopy(item)  # p.w of a namedtuple argument
            if isinstance(e.value, gast.Call):
                e.value = self.atomize(e.value, pre)
                item = self._tuple_item(e)  # f(a).S of a call returning a namedtuple
                if item is not None and not isinstance(item, gast.Tuple):
                    return copy.deepcopy(item)
            callee = self.resolver.attribute(e)
            if callee.kind != "method":
                raise self.source.error(
                    f"attribute `.{e.attr}` of a differentiated value has no derivative "
                    "rule", self.cur)
            e.value = self.atomize(e.value, pre)
            return e
        if isinstance(e, gast.Subscript):
            if self._variable_index(e) is not None:  # P[i][0]: select, then index
                return self.atomize(e, pre)
            item = self._tuple_item(e)
            if item is not None:
                if isinstance(item, gast.Tuple):
                    raise self.source.error(
                        "this element is itself a list/tuple of differentiated arrays; "
                        "unpack it (a, b = ...) or index further", self.cur)
                return copy.deepcopy(item)
            e.value = self.atomize(e.value, pre)
            item = self._tuple_item(e)  # f(a)[1] of a call returning a tuple
            if item is not None and not isinstance(item, gast.Tuple):
                return copy.deepcopy(item)
            e.slice = self.index(e.slice, pre)
            return e
        if isinstance(e, gast.IfExp):
            tmp = self.namer.fresh("_t")
            test = e.test
            body = self.assign(located(assign(tmp, e.body), self.cur), False)
            orelse = self.assign(located(assign(tmp, e.orelse), self.cur), False)
            for st in body + orelse:
                st.pb_src = getattr(self.cur, "pb_src", None)
                if not hasattr(st, "pb_active"):
                    st.pb_active = False
            i = gast.If(test=test, body=body, orelse=orelse)
            gast.copy_location(i, self.cur)
            i.pb_src = getattr(self.cur, "pb_src", None)
            i.pb_active = False
            pre.append(i)
            return load(tmp)
        if isinstance(e, gast.BoolOp):
            raise self.source.error(
                "`and`/`or` used as a value of differentiated operands; use np.where "
                "or an if statement", self.cur)
        if isinstance(e, (gast.ListComp, gast.GeneratorExp, gast.SetComp, gast.DictComp)):
            raise self.source.error(kept_refusal(e), self.cur)  # (front/comprehensions.py)
        if isinstance(e, (gast.Tuple, gast.List)):
            raise self.source.error(
                "a tuple or list holding differentiated values can only be returned, "
                "unpacked, or passed to a function such as np.stack", self.cur)
        if isinstance(e, gast.Dict):
            raise self.source.error(
                "a dict of differentiated values is followed when it has constant keys and "
                "is bound to a name bound once (d = {...}), passed to your own function, or "
                "returned by your own function from every `return`, with the same keys", self.cur)
        raise self.source.error(
            f"`{type(e).__name__}` expression with differentiated operands is not "
            "supported", self.cur)
