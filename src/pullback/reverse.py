"""Stage 6: reverse mode. A function → a forward sweep and an adjoint sweep.

For ``f`` this writes two functions:

- ``f_fwd(*args)`` runs ``f`` as written and returns ``(out, saved)``;
  values the adjoint sweep reads and that get overwritten are pushed on a
  tape (``_stack``) just before they are overwritten; branch conditions and
  loop trip counts are kept the same way.
- ``f_bwd(saved, out_bar)`` walks the statements backwards, popping each
  overwritten value back (so every statement's adjoint sees the values it
  saw), and returns the adjoints of the active parameters.

Adjoints are *symbolically* zero until something flows into them: the first
contribution assigns, later ones add, and a zero array is only materialised
where control flow merges a zero with a non-zero adjoint.
"""

from __future__ import annotations

import copy

import gast

from . import rules
from .astutil import (assign, comment, const, load, names_in, renumber_temps, store, tpl,
                      tpl_expr)
from .inline import BindError, bind, instantiate, template
from .mutation import Mutation
from .resolve import OPERATORS
from .transform import (FunctionTransform, _covers_all, _exposed_reads, _identifier,
                        _others_scalar, _pure, _stored, _target_names)


class ReverseFunction(FunctionTransform):
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
                if not (_pure(s.test) and not (names_in(s.test) & assigned)):
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
                if isinstance(s.target, gast.Name) and s.target.id in \
                        set().union(*[names_in(b, gast.Store) for b in s.body] or [set()]):
                    raise self.source.error(
                        f"the loop variable `{s.target.id}` is assigned inside the loop "
                        "body; use another name for the new value", s)
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
                        for n in _target_names(t):
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
        state0 = self.namer.state()
        for _ in range(20):
            self.namer.restore(state0)
            self.taped = taped
            fwd, bwd = self._sweeps()
            reads = self._reads(bwd)
            new = candidates & reads
            if new == taped and reads == self.bwd_reads:
                break
            taped = new
            self.bwd_reads = reads
        self._finish(fwd, bwd, reads)

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
            if state.get(p):
                results.append(load(self._bar(p)))
            else:
                results.append(tpl_expr("zeros_like(P)", zeros_like=self._helper("zeros_like"),
                                        P=load(p)))
        if len(results) == 1:
            epilogue.append(gast.Return(value=results[0]))
        else:
            epilogue.append(gast.Return(value=gast.Tuple(elts=results, ctx=gast.Load())))
        return fwd, prologue + bwd + epilogue

    def _seed_outputs(self, prologue, state):
        if self.info.n_outputs is None:
            out = self.outputs[0]
            if isinstance(out, gast.Name) and out.id in self.active:
                name = self._bar(out.id)
                state[out.id] = True
                return name
            return self.namer.unique("_out_bar")
        param = self.namer.unique("_out_bar")
        for i, out in enumerate(self.outputs):
            if isinstance(out, gast.Name) and out.id in self.active:
                expr = tpl_expr("zeros_if_none(G[I], X)", zeros_if_none=self._helper("zeros_if_none"),
                                G=load(param), I=const(i), X=load(out.id))
                prologue.extend(self._contribute(out.id, expr, state))
        return param

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
                out.extend(self._fwd_assign(s, depth))
            elif isinstance(s, gast.If):
                new = gast.If(test=s.test, body=self._fwd_block(s.body, depth) or [gast.Pass()],
                              orelse=self._fwd_block(s.orelse, depth))
                gast.copy_location(new, s)
                out.append(new)
            elif isinstance(s, (gast.While, gast.For)):
                out.extend(self._fwd_loop(s, depth))
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
            for n in _target_names(t):
                if n in self.taped and n in self.maydef:
                    s.pb_pushed.add(n)
                    out.append(self._push(load(n)))
                self.maydef.add(n)
        value = s.value
        if getattr(s, "pb_active", False) and isinstance(value, gast.Call):
            callee = self.resolver.callee(value.func)
            if callee.kind in ("user", "local"):
                return out + self._fwd_user_call(s, callee, depth)
        if isinstance(t, gast.Name) and self.bwd_reads is not None \
                and t.id in self.bwd_reads and self._views_mutated(value):
            # the adjoint sweep reads this value after the array it views is written
            # (and restored on a copy): keep the values it had
            value = tpl_expr("snapshot(V)", snapshot=self._helper("snapshot"), V=value)
            s = assign(t.id, value)
        out.append(s)
        return out

    def _snapshot_if_mutated(self, arg):
        if isinstance(arg, gast.Name) and arg.id in self.mutated:
            return tpl_expr("snapshot(V)", snapshot=self._helper("snapshot"), V=arg)
        return arg

    def _views_mutated(self, value):
        """May ``value`` share memory with an array the program writes into?"""
        src = Mutation(self.source, self.resolver, self.params).view_of(value)
        return src is not None and src in self.mutated

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
        active = tuple(p for p in params
                       if isinstance(argmap.get(p), gast.Name) and argmap[p].id in self.active)
        info = self.b.reverse(csrc, active, lifted, key=key)
        return info, argmap

    # -- adjoint sweep ------------------------------------------------------------------
    def _bar(self, name):
        return self.namer.derived(name, "bar")

    def _contribute(self, var, expr, state):
        if var not in self.active:
            return []
        bar = self._bar(var)
        if var in self.lists:  # a list of cotangents, one per append
            if state.get(var):
                return [assign(bar, tpl_expr("add_lists(A, C)",
                                             add_lists=self._helper("add_lists"),
                                             A=load(bar), C=expr))]
            state[var] = True
            return [assign(bar, tpl_expr("as_list(C)", as_list=self._helper("as_list"),
                                         C=expr))]
        if state.get(var) is OWN:  # this adjoint's own array: add in place
            return [gast.AugAssign(target=store(bar), op=gast.Add(), value=expr)]
        if state.get(var):
            state[var] = OWN
            return [assign(bar, gast.BinOp(left=load(bar), op=gast.Add(), right=expr))]
        state[var] = OWN if _fresh(expr) else True
        if isinstance(expr, gast.Name) and expr.id == bar:
            return []  # y = y + c: the adjoint of the old y is the one it had
        return [assign(bar, expr)]

    def _own(self, var):
        """The state of a freshly materialised zero adjoint (lists are never updated
        in place: ``+=`` would extend them)."""
        return True if var in self.lists else OWN

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
        if name in self.mutated:
            return tpl("X = S.pop().copy()", X=name, S=self._stack_id())
        return tpl("X = S.pop()", X=name, S=self._stack_id())

    def _zeros(self, var):
        return assign(self._bar(var), tpl_expr("zeros_like(X)", zeros_like=self._helper("zeros_like"),
                                               X=load(var)))

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
            out.extend(code)
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
            names = _target_names(t)
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
            state[v] = _merge(a, b)
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
            loop = gast.For(target=store(it), iter=tpl_expr("range(N)", N=load(counter)),
                            body=body or [gast.Pass()], orelse=[], type_comment=None)
        else:
            rng = copy.deepcopy(s.iter)
            if counter:
                rng = gast.Subscript(value=rng, slice=gast.Slice(lower=None, upper=load(counter),
                                                                 step=None), ctx=gast.Load())
            loop = gast.For(target=store(s.target.id), iter=tpl_expr("reversed(R)", R=rng),
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

    def _bwd_multi(self, s, state):
        """``a, b = call(...)``: a primitive or user function with several outputs."""
        names = _target_names(s.targets[0])
        code = self._pop_call_state(s)
        live = [state.get(n) for n in names]
        if any(live):
            g = gast.Tuple(elts=[load(self._bar(n)) if state.get(n) else const(None)
                                 for n in names], ctx=gast.Load())
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
        g = load(self._bar(y))
        pre, contribs = self._contributions(s, op, g, load(y),
                                            state if not self_ref else None)
        code += pre
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
        if not self_ref:
            code += self._restore(y, s)
        return code

    def _bwd_setitem(self, s, state):
        t = s.targets[0]
        k = t.value.id
        code = []
        if getattr(s, "pb_active", False) and state.get(k):
            kb = self._bar(k)
            v = s.value
            if isinstance(v, gast.Name) and v.id in self.active:
                code += self._contribute(v.id, tpl_expr(
                    "setitem_value_vjp(G, I, V)",
                    setitem_value_vjp=self._helper("setitem_value_vjp"),
                    G=load(kb), I=self._index_value(t.slice), V=v), state)
            if state[k] is OWN and self._static_basic(t.slice):
                code += [gast.Assign(targets=[gast.Subscript(value=load(kb),
                                                             slice=copy.deepcopy(t.slice),
                                                             ctx=gast.Store())],
                                     value=const(0.0), type_comment=None)]
            else:
                code += [assign(kb, tpl_expr("zero_at(G, I)", zero_at=self._helper("zero_at"),
                                             G=load(kb), I=self._index_value(t.slice)))]
                state[k] = OWN
        if k in getattr(s, "pb_pushed", ()):
            self.uses_tape = True
            r = tpl("K[I] = S.pop()", K=load(k), I=t.slice, S=self._stack_id())[0]
            r.pb_restore_of = k
            code.append(r)
        return code

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
            if state is not None and state.get(x.id) is OWN and self._static_basic(op.slice):
                # x_bar is this adjoint's own array: add into the read elements
                target = gast.Subscript(value=load(self._bar(x.id)),
                                        slice=copy.deepcopy(op.slice), ctx=gast.Store())
                return [gast.AugAssign(target=target, op=gast.Add(), value=g)], []
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
            if _covers_all(t):  # one tuple covering every positional argument
                tmp = self._tuple_temp(stmts, i, e)
                contribs += self._distribute(arg, gast.Subscript(
                    value=load(tmp), slice=const(args.index(arg)), ctx=gast.Load()))
            elif isinstance(arg, (gast.List, gast.Tuple)):
                tmp = self.namer.fresh("_c")
                stmts.append(assign(tmp, e))
                contribs += self._distribute(arg, load(tmp))
            else:
                if rule.broadcasting and not _others_scalar(args, arg):
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
        fname = self._inject(rule.vjp, _identifier(getattr(rule.vjp, "__name__", ""), "vjp_rule"),
                              self.user_names, self.resolver)
        tmp = self.namer.fresh("_c")
        call = gast.Call(func=load(fname), args=[g, ans] + list(args),
                         keywords=[gast.keyword(arg=k, value=v) for k, v in kws.items()])
        stmts = [assign(tmp, call)]
        contribs = []
        for i, a in enumerate(args):
            if isinstance(a, gast.Name) and a.id in self.active:
                contribs.append((a.id, tpl_expr("zeros_if_none(C[I], X)",
                                                zeros_if_none=self._helper("zeros_if_none"),
                                                C=load(tmp), I=const(i), X=a)))
        return stmts, contribs

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

    # -- assemble -----------------------------------------------------------------------
    def _finish(self, fwd, bwd, reads):
        reads = _exposed_reads(bwd)  # what bwd reads before assigning it itself
        fwd_locals = set(self.params) | _stored(fwd)
        order = []
        seen = set()
        for name in self.params + [n.id for s in fwd for n in gast.walk(s)
                                   if isinstance(n, gast.Name) and not isinstance(n.ctx, gast.Load)]:
            if name in reads and name in fwd_locals and name not in seen:
                seen.add(name)
                order.append(name)
        # global (or closure) *values* the adjoint sweep reads are saved too: a later
        # back() must see the values the forward sweep used, even if the name is
        # rebound in between (functions and modules are resolved once anyway)
        for name in sorted(reads - fwd_locals - set(self.b.injected) - seen):
            value = self.resolver.lookup_global(name)
            if _is_data(value):
                seen.add(name)
                order.append(name)
        need_init_candidates = [n for n in order if n in fwd_locals]
        stack = self._stack_id() if self.uses_tape else None
        if stack and stack not in seen:
            order.append(stack)
        need_init = self._need_init(fwd, set(need_init_candidates))
        fwd_body = []
        if need_init:  # pushed before their first assignment: start them as None
            names = sorted(need_init)
            fwd_body.append(gast.Assign(targets=[store(n) for n in names], value=const(None),
                                        type_comment=None))
        if stack:
            fwd_body.append(assign(stack, gast.List(elts=[], ctx=gast.Load())))
        fwd_body += self._container_prologue() + fwd
        out_value = copy.deepcopy(self.ret.value)
        saved = gast.Tuple(elts=[load(n) for n in order], ctx=gast.Load())
        fwd_body.append(gast.Return(value=gast.Tuple(elts=[out_value, saved], ctx=gast.Load())))
        saved_param = self.namer.unique("_saved")
        bwd_pro = []
        if order:
            bwd_pro.append(gast.Assign(
                targets=[gast.Tuple(elts=[store(n) for n in order], ctx=gast.Store())]
                if len(order) > 1 else [store(order[0])],
                value=load(saved_param) if len(order) > 1 else
                gast.Subscript(value=load(saved_param), slice=const(0), ctx=gast.Load()),
                type_comment=None))
        if stack:
            bwd_pro += tpl("S = list(S)", S=stack)
        restored_inplace = {getattr(n, "pb_restore_of", None) for s in bwd for n in gast.walk(s)}
        for k in sorted(self.mutated & restored_inplace & set(order)):
            bwd_pro += tpl("K = K.copy()", K=k)
        args = copy.deepcopy(self.tree.args)
        fwd_def = gast.FunctionDef(name=self.info.fwd, args=args, body=fwd_body,
                                   decorator_list=[], returns=None, type_comment=None,
                                   type_params=[])
        bwd_args = gast.arguments(args=[gast.Name(id=saved_param, ctx=gast.Param(),
                                                  annotation=None, type_comment=None),
                                        gast.Name(id=self.out_bar_param, ctx=gast.Param(),
                                                  annotation=None, type_comment=None)],
                                  posonlyargs=[], vararg=None, kwonlyargs=[], kw_defaults=[],
                                  kwarg=None, defaults=[])
        bwd_def = gast.FunctionDef(name=self.info.bwd, args=bwd_args, body=bwd_pro + bwd,
                                   decorator_list=[], returns=None, type_comment=None,
                                   type_params=[])
        renumber_temps([fwd_def, bwd_def], self.user_names)
        from .codegen import Unit
        fn = self.source.fn
        defaults = None
        kwdefaults = None
        if isinstance(self.source.tree, gast.FunctionDef) and fn is not None and \
                self.source.tree.name == getattr(fn, "__name__", None):
            defaults = fn.__defaults__
            kwdefaults = fn.__kwdefaults__
        self.b.units.append(Unit(fwd_def, self.source, dict(self.injected_here), defaults, kwdefaults))
        self.b.units.append(Unit(bwd_def, self.source, dict(self.injected_here)))

    def _need_init(self, fwd, saved):
        need = set()
        pushes_ok = set(self.params)

        def visit(stmts, assigned):
            for s in stmts:
                if isinstance(s, gast.Expr) and isinstance(s.value, gast.Call) and \
                        isinstance(s.value.func, gast.Attribute) and s.value.func.attr == "append" \
                        and isinstance(s.value.args[0], gast.Name):
                    v = s.value.args[0].id
                    if v not in assigned and v in self.taped:
                        need.add(v)
                if isinstance(s, gast.Assign):
                    for t in s.targets:
                        assigned |= set(_target_names(t))
                elif isinstance(s, gast.FunctionDef):
                    assigned.add(s.name)
                elif isinstance(s, gast.If):
                    a = visit(s.body, set(assigned))
                    b = visit(s.orelse, set(assigned))
                    assigned = a & b
                elif isinstance(s, (gast.While, gast.For)):
                    inner = set(assigned)
                    if isinstance(s, gast.For):
                        inner.add(s.target.id)
                    visit(s.body, inner)
                elif isinstance(s, gast.With):
                    assigned = visit(s.body, assigned)
            return assigned

        final = visit(fwd, set(pushes_ok))
        need |= saved - final - {self._stack_id()}
        return need


OWN = "own"

#: helpers whose result is a new array nobody else refers to
_FRESH_HELPERS = {"getitem_vjp", "zeros_like", "zero_at", "owned_copy"}


def _fresh(expr) -> bool:
    return isinstance(expr, gast.Call) and isinstance(expr.func, gast.Name) and \
        expr.func.id.rstrip("_0123456789") in _FRESH_HELPERS


def _is_data(value) -> bool:
    """An array or number (not a module, function, class or missing name)."""
    import types
    from .resolve import _MISSING
    return value is not _MISSING and not isinstance(
        value, (types.ModuleType, types.FunctionType, types.BuiltinFunctionType, type)) \
        and not callable(value)


def _merge(a, b):
    if not a and not b:
        return False
    return OWN if (a is OWN and b is OWN) else True


