"""Stage 5: which variables carry a derivative.

A variable is *active* when some assignment gives it a value computed,
through differentiable operations, from an active input. The analysis is
flow-insensitive (a variable active anywhere is active everywhere), which is
conservative: more adjoint code, never a missing derivative. Statements inside
``with pb.no_grad():`` and values passed through ``pb.stop_gradient`` do not
make anything active.
"""

from __future__ import annotations

import gast
import numpy as np

from pullback.analysis.dtypes import Dtypes
from pullback.front.resolve import METADATA_ATTRIBUTES
from pullback.syntax.astutil import unparse
from pullback.syntax.walk import append_of



def free_names(fdef) -> set[str]:
    """Names a nested function reads from its enclosing scope."""
    params = {a.id for a in fdef.args.args + fdef.args.kwonlyargs + fdef.args.posonlyargs}
    if fdef.args.vararg:
        params.add(fdef.args.vararg.id)
    if fdef.args.kwarg:
        params.add(fdef.args.kwarg.id)
    body = fdef.body if isinstance(fdef.body, list) else [fdef.body]
    stored, loaded = set(), set()
    for s in body:
        for n in gast.walk(s):
            if isinstance(n, gast.Name):
                (stored if not isinstance(n.ctx, gast.Load) else loaded).add(n.id)
            elif isinstance(n, gast.FunctionDef):  # defined here, not read from outside
                stored.add(n.name)
    return loaded - stored - params


class Activity:
    def __init__(self, source, resolver, active_params: set[str], params=()):
        self.source = source
        self.resolver = resolver
        self.active = set(active_params)
        # variables that may hold a function reading differentiated variables
        # (``fs.append(lambda: x[0])``; ``f = fs[i]``): calling one is refused
        self.closures: set[str] = set()
        self.params = tuple(params) + tuple(active_params)
        self.dtypes = Dtypes(resolver)

    def run(self, body) -> set[str]:
        # values of integer/bool dtype carry no derivative (a float cast to an int,
        # or written into an int array, is truncated): they are never active
        self.dtypes.run(body, self.params)
        while True:
            before = (len(self.active), len(self.closures))
            self._block(body, no_grad=False)
            if (len(self.active), len(self.closures)) == before:
                return self.active

    def reads_active(self, e) -> bool:
        """Is ``e`` a function value that reads differentiated variables?"""
        if isinstance(e, (gast.Lambda, gast.FunctionDef)):
            fargs = e.args
            defaults = [d for d in fargs.defaults + fargs.kw_defaults if d is not None]
            return bool(free_names(e) & (self.active | self.closures)) or \
                any(self.expr(d) for d in defaults)
        if isinstance(e, gast.Name):
            if e.id in self.closures:
                return True
            node = self.resolver.local_funcs.get(e.id)
            return isinstance(node, (gast.FunctionDef, gast.Lambda)) and \
                self.reads_active(node)
        if isinstance(e, (gast.Subscript, gast.Starred)):
            return self.reads_active(e.value)
        if isinstance(e, gast.IfExp):
            return self.reads_active(e.body) or self.reads_active(e.orelse)
        if isinstance(e, (gast.Tuple, gast.List)):
            return any(self.reads_active(x) for x in e.elts)
        return False

    def _block(self, stmts, no_grad):
        for s in stmts:
            if isinstance(s, gast.Assign):
                if not no_grad and self.reads_active(s.value):
                    for t in s.targets:
                        for n in gast.walk(t):
                            if isinstance(n, gast.Name):
                                self.closures.add(n.id)
                if not no_grad and self.expr(s.value):
                    for t in s.targets:
                        self._mark(t)
            elif isinstance(s, (gast.If, gast.While)):
                self._block(s.body, no_grad)
                self._block(s.orelse, no_grad)
            elif isinstance(s, gast.For):
                self._block(s.body, no_grad)
            elif isinstance(s, gast.With):
                self._block(s.body, no_grad or getattr(s, "pb_no_grad", False))
            elif isinstance(s, gast.Expr) and not no_grad:
                name = append_of(s)
                if name is not None and self.reads_active(s.value.args[0]):
                    self.closures.add(name)
                elif name is not None and self.expr(s.value.args[0]):
                    self.active.add(name)

    def int_typed(self, e) -> bool:
        """Does ``e`` provably hold integers or bools (so no derivative)?"""
        return self.dtypes.is_int(e)

    def _mark(self, target):
        if isinstance(target, gast.Name):
            if target.id not in self.dtypes.ints:
                self.active.add(target.id)
        elif isinstance(target, (gast.Tuple, gast.List)):
            for e in target.elts:
                self._mark(e)
        elif isinstance(target, (gast.Subscript, gast.Attribute)):
            self._mark(target.value)
        elif isinstance(target, gast.Starred):
            self._mark(target.value)

    def expr(self, e) -> bool:
        """Does the value of ``e`` carry a derivative?"""
        if e is None or isinstance(e, gast.Constant):
            return False
        if isinstance(e, (gast.Name, gast.Call)) and self.dtypes.is_int(e):
            return False
        if isinstance(e, gast.Name):
            return e.id in self.active
        if isinstance(e, gast.BinOp):
            if isinstance(e.op, (gast.FloorDiv, gast.BitAnd, gast.BitOr, gast.BitXor,
                                 gast.LShift, gast.RShift)):
                return False
            return self.expr(e.left) or self.expr(e.right)
        if isinstance(e, gast.UnaryOp):
            if isinstance(e.op, (gast.Not, gast.Invert)):
                return False
            return self.expr(e.operand)
        if isinstance(e, gast.Compare):
            return False
        if isinstance(e, gast.BoolOp):
            if any(self.expr(v) for v in e.values):
                raise self.source.error(
                    "`and`/`or` used as a value of differentiated operands; use np.where "
                    "or an if statement", e)
            return False
        if isinstance(e, gast.IfExp):
            return self.expr(e.body) or self.expr(e.orelse)
        if isinstance(e, (gast.Tuple, gast.List)):
            return any(self.expr(x) for x in e.elts)
        if isinstance(e, gast.Starred):
            return self.expr(e.value)
        if isinstance(e, gast.Subscript):
            if self._builder(e.value):
                items = e.slice.elts if isinstance(e.slice, gast.Tuple) else [e.slice]
                if any(self.expr(i) for i in items if not isinstance(i, gast.Slice)):
                    raise self.source.error(
                        "this np.r_ / np.c_ form (a string directive, or a slice whose "
                        "step is only known at run time) cannot be differentiated; write "
                        "it as np.concatenate / np.stack of the pieces", e)
                return False
            return self.expr(e.value)
        if isinstance(e, gast.Attribute):
            if e.attr in METADATA_ATTRIBUTES:
                return False
            root_active = self.expr(e.value)
            return root_active
        if isinstance(e, gast.Call):
            return self._call(e)
        if isinstance(e, (gast.ListComp, gast.GeneratorExp, gast.SetComp, gast.DictComp)):
            inner = set()
            for n in gast.walk(e):
                if isinstance(n, gast.Name) and isinstance(n.ctx, gast.Load):
                    inner.add(n.id)
            return bool(inner & self.active)
        if isinstance(e, (gast.Dict, gast.Set)):
            return any(self.expr(x) for x in gast.walk(e) if isinstance(x, gast.Name))
        if isinstance(e, gast.NamedExpr):
            return self.expr(e.value)
        return False

    def _builder(self, value) -> bool:
        obj = self.resolver.value_of(value)
        return obj is np.r_ or obj is np.c_

    def _call(self, e) -> bool:
        callee = self.resolver.callee(e.func)
        if callee.kind in ("stop", "nondiff", "no_grad"):
            return False
        args = list(e.args) + [k.value for k in e.keywords]
        for a in args:
            if self.reads_active(a):
                raise self.source.error(
                    f"`{unparse(a).strip()}` is a function that reads differentiated "
                    "variables; passing it to a function (or a list) is not supported (its "
                    "derivative would be lost): call it directly, or pass the values it "
                    "reads as arguments", e)
        if callee.kind == "unknown" and self.reads_active(e.func):
            return True  # a function value that reads active variables: refused (ANF)
        if callee.receiver is not None:
            args.append(callee.receiver)
        if callee.kind == "local":  # defaults (a variable each: front/desugar.py)
            fargs = callee.obj.args
            args += [d for d in fargs.defaults + fargs.kw_defaults if d is not None]
        if any(self.expr(a) for a in args):
            return True
        if callee.kind == "local":
            return bool(free_names(callee.obj) & self.active)
        return False
