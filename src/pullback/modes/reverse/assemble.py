"""Assembling the pair ``f_fwd``/``f_bwd``: the saved tuple, the tape, and the
variables that must start as ``None`` because they are pushed before assigned."""

from __future__ import annotations

import copy
import types

import gast

from pullback.analysis.facts import exposed_reads
from pullback.front.resolve import MISSING
from pullback.modes.builder import Unit
from pullback.syntax.astutil import assign, builtin, const, load, names_in, renumber_temps, store, tpl
from pullback.syntax.walk import stored, target_names


class Assemble:
    """Mixin of :class:`pullback.modes.reverse.function.ReverseFunction`."""

    # -- assemble -----------------------------------------------------------------------
    def _finish(self, fwd, bwd, reads):
        reads = exposed_reads(bwd)  # what bwd reads before assigning it itself
        fwd_locals = set(self.params) | stored(fwd)
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
            if is_data(value):
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
            bwd_pro += tpl("S = list(S)", list=builtin("list"), S=stack)
        restored_inplace = {getattr(n, "pb_restore_of", None) for s in bwd for n in gast.walk(s)}
        for k in sorted(self.mutated & restored_inplace & set(order)):
            # (a name the forward sweep starts as None may be unbound on the run taken)
            bwd_pro += tpl("K = None if K is None else K.copy()" if k in need_init else
                           "K = K.copy()", K=k)
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
        self._bind_builtins([fwd_def, bwd_def])
        defaults, kwdefaults = self.source.defaults, self.source.kwdefaults
        self.b.units.append(Unit(fwd_def, self.source, dict(self.injected_here), defaults, kwdefaults))
        self.b.units.append(Unit(bwd_def, self.source, dict(self.injected_here)))

    def _need_init(self, fwd, saved):
        need = set()
        pushes_ok = set(self.params)

        def visit(stmts, assigned):
            for s in stmts:
                if isinstance(s, gast.Expr) and isinstance(s.value, gast.Call) and \
                        isinstance(s.value.func, gast.Attribute) and s.value.func.attr == "append":
                    # a push of x, or of shape_of(x), x[i].copy(): x read before it is bound
                    for v in names_in(s.value.args[0], gast.Load):
                        if v not in assigned and v in self.taped:
                            need.add(v)
                if isinstance(s, gast.Assign):
                    for t in s.targets:
                        assigned |= set(target_names(t))
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


def is_data(value) -> bool:
    """An array or number (not a module, function, class or missing name)."""
    return value is not MISSING and not isinstance(
        value, (types.ModuleType, types.FunctionType, types.BuiltinFunctionType, type)) \
        and not callable(value)
