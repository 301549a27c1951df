"""Stage 4b: ``return``, ``break`` and ``continue`` → structured control flow.

After this pass a function has one ``return`` at its end and loops leave only
through an ``if <flag>: break`` as the last statement of their body, so the
reverse sweep sees nothing but ``if``s and loops with trip counts.

Where a branch always jumps and its sibling never does, the rest of the block
moves into the sibling (no flag); otherwise a flag is set and the rest is
guarded with ``if not flag:``. Flags nobody reads are removed at the end.
"""

from __future__ import annotations

import gast

from pullback.syntax.astutil import assign, const, load, store




def _walk_no_nested(stmts):
    """Statements and expressions, not descending into nested defs/lambdas."""
    stack = [s for s in stmts if not isinstance(s, gast.FunctionDef)]
    while stack:
        n = stack.pop()
        yield n
        for child in gast.iter_child_nodes(n):
            if isinstance(child, (gast.FunctionDef, gast.Lambda)):
                continue
            stack.append(child)


class Jumps:
    def __init__(self, source, namer):
        self.source = source
        self.namer = namer
        self.ret: list[str] | None = None
        self.returned = None
        self.loops: list[dict] = []
        self.flags: set[str] = set()

    def function(self, fdef: gast.FunctionDef) -> None:
        returns = [n for n in _walk_no_nested(fdef.body) if isinstance(n, gast.Return)]
        loose = [n for n in _walk_no_nested(fdef.body)
                 if isinstance(n, (gast.Break, gast.Continue))]
        simple_return = (len(returns) == 0 or
                         (len(returns) == 1 and fdef.body and fdef.body[-1] is returns[0]))
        if simple_return and not loose:
            return
        own_name = False
        if simple_return:
            self.ret = None
        else:
            arity = {len(r.value.elts) if isinstance(r.value, gast.Tuple) else 0 for r in returns}
            same = {r.value.id if isinstance(r.value, gast.Name) else None for r in returns}
            own_name = len(same) == 1 and None not in same and fdef.body[-1] in returns
            if own_name:
                # every ``return L`` of one name, and one at the end: each path ends in one,
                # and nothing runs after it, so L itself is the value (a grown list stays one)
                self.ret = [same.pop()]
            elif len(arity) == 1 and 0 not in arity:
                k = arity.pop()
                self.ret = [self.namer.unique(f"_ret{i + 1}") for i in range(k)]
            else:
                self.ret = [self.namer.unique("_ret")]
            self.returned = self.namer.unique("_returned")
            self.flags.add(self.returned)
        body, _, always = self.block(fdef.body)
        if self.ret is not None:
            prologue = [assign(self.returned, const(False))]
            if not always and not own_name:  # (the returned name: each path returns)
                prologue += [assign(r, const(None)) for r in self.ret]
            for p in prologue:
                gast.copy_location(p, fdef.body[0])
                p.pb_src = None
            value = (load(self.ret[0]) if len(self.ret) == 1 else
                     gast.Tuple(elts=[load(r) for r in self.ret], ctx=gast.Load()))
            ret = gast.Return(value=value)
            gast.copy_location(ret, returns[-1])
            ret.pb_src = None
            body = prologue + body + [ret]
        fdef.body = self._drop_dead_flags(body)

    # -- blocks ----------------------------------------------------------------
    def _set(self, name, value, like):
        a = assign(name, const(value))
        gast.copy_location(a, like)
        a.pb_src = getattr(like, "pb_src", None)
        return a

    def _flag_test(self, kinds, like):
        names = []
        if "return" in kinds:
            names.append(self.returned)
        if "break" in kinds:
            names.append(self.loops[-1]["brk"])
        if "continue" in kinds:
            names.append(self.loops[-1]["cont"])
        test = load(names[0]) if len(names) == 1 else \
            gast.BoolOp(op=gast.Or(), values=[load(n) for n in names])
        return test

    def _guard(self, kinds, body, like):
        test = gast.UnaryOp(op=gast.Not(), operand=self._flag_test(kinds, like))
        g = gast.If(test=test, body=body, orelse=[])
        gast.copy_location(g, like)
        g.pb_src = None
        return g

    def block(self, stmts):
        out = []
        for i, s in enumerate(stmts):
            rest = stmts[i + 1:]
            if isinstance(s, gast.Return):
                if self.ret is None:  # the single trailing return
                    out.append(s)
                    return out, set(), True
                out.extend(self._return_value(s))
                out.append(self._set(self.returned, True, s))
                return out, {"return"}, True
            if isinstance(s, gast.Break):
                out.append(self._set(self.loops[-1]["brk"], True, s))
                return out, {"break"}, True
            if isinstance(s, gast.Continue):
                out.append(self._set(self.loops[-1]["cont"], True, s))
                return out, {"continue"}, True
            if isinstance(s, gast.If):
                tb, tm, ta = self.block(s.body)
                eb, em, ea = self.block(s.orelse)
                s.body, s.orelse = tb, eb
                out.append(s)
                if ta and ea:
                    return out, tm | em, True
                if not (tm or em):
                    continue
                if not rest:
                    return out, tm | em, False
                if ta and not em:
                    rb, rm, ra = self.block(rest)
                    s.orelse = eb + rb
                    return out, tm | rm, ra
                if ea and not tm:
                    rb, rm, ra = self.block(rest)
                    s.body = tb + rb
                    return out, em | rm, ra
                rb, rm, ra = self.block(rest)
                if rb:
                    out.append(self._guard(tm | em, rb, s))
                return out, tm | em | rm, False
            if isinstance(s, (gast.While, gast.For)):
                m = self._loop(s, out)
                if "return" in m and rest:
                    rb, rm, ra = self.block(rest)
                    if rb:
                        out.append(self._guard({"return"}, rb, s))
                    return out, {"return"} | rm, False
                if "return" in m:
                    return out, {"return"}, False
                continue
            if isinstance(s, gast.With):
                body, m, a = self.block(s.body)
                s.body = body
                out.append(s)
                if a:
                    return out, m, True
                if m and rest:
                    rb, rm, ra = self.block(rest)
                    if rb:
                        out.append(self._guard(m, rb, s))
                    return out, m | rm, False
                if m:
                    return out, m, False
                continue
            out.append(s)
        return out, set(), False

    def _return_value(self, s):
        if isinstance(s.value, gast.Name) and [s.value.id] == self.ret:
            return []  # (the returned name itself)
        if len(self.ret) > 1:
            vals = s.value.elts
            out = [gast.Assign(targets=[store(r)], value=v, type_comment=None)
                   for r, v in zip(self.ret, vals)]
        else:
            value = s.value if s.value is not None else const(None)
            out = [gast.Assign(targets=[store(self.ret[0])], value=value, type_comment=None)]
        for a in out:
            gast.copy_location(a, s)
            a.pb_src = getattr(s, "pb_src", None)
        return out

    def _loop(self, s, out):
        ctx = {"brk": self.namer.fresh("_break"), "cont": self.namer.fresh("_continue")}
        self.flags |= {ctx["brk"], ctx["cont"]}
        self.loops.append(ctx)
        body, m, _ = self.block(s.body)
        self.loops.pop()
        if "continue" in m:
            body = [self._set(ctx["cont"], False, s)] + body
        exits = m & {"break", "return"}
        if exits:
            names = ([ctx["brk"]] if "break" in m else []) + \
                    ([self.returned] if "return" in m else [])
            test = load(names[0]) if len(names) == 1 else \
                gast.BoolOp(op=gast.Or(), values=[load(n) for n in names])
            brk = gast.Break()
            gast.copy_location(brk, s)
            leave = gast.If(test=test, body=[brk], orelse=[])
            gast.copy_location(leave, s)
            leave.pb_src = None
            leave.pb_exit = True
            body.append(leave)
        if "break" in m:
            out.append(self._set(ctx["brk"], False, s))
        s.body = body
        out.append(s)
        return m - {"break", "continue"}

    def _drop_dead_flags(self, body):
        used = set()
        for n in _walk_no_nested(body):
            if isinstance(n, gast.Name) and isinstance(n.ctx, gast.Load) and n.id in self.flags:
                used.add(n.id)
        dead = self.flags - used

        def clean(stmts):
            res = []
            for s in stmts:
                if isinstance(s, gast.Assign) and len(s.targets) == 1 and \
                        isinstance(s.targets[0], gast.Name) and s.targets[0].id in dead:
                    continue
                for field in ("body", "orelse"):
                    if hasattr(s, field) and isinstance(getattr(s, field), list):
                        setattr(s, field, clean(getattr(s, field)))
                if isinstance(s, gast.If) and not s.body:
                    if not s.orelse:
                        continue
                    s.test = gast.UnaryOp(op=gast.Not(), operand=s.test)
                    s.body, s.orelse = s.orelse, []
                res.append(s)
            return res

        return clean(body)
