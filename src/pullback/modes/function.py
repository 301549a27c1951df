"""The shared driver of both modes: one function through the front end and the
analyses (parse → fence → desugar → jumps → mutation check → activity → ANF),
then the mode's own ``_generate``; plus the call and rule bindings both modes
need. :mod:`pullback.modes.reverse` and :mod:`pullback.modes.forward` subclass
:class:`FunctionTransform`.
"""

from __future__ import annotations

import builtins
import copy

import gast

from pullback import checks, runtime
from pullback.analysis.activity import Activity
from pullback.analysis.dtypes import Dtypes
from pullback.analysis.effects import mark_effect_calls
from pullback.analysis.facts import covers_all, int_names
from pullback.analysis.fnvalues import entry_guards, local_constants
from pullback.analysis.fresh_calls import with_checked_results
from pullback.analysis.memory import Memory
from pullback.analysis.shapes import Shapes
from pullback.analysis.lists import find as find_lists, returned_lists
from pullback.analysis.mutation import Mutation
from pullback.analysis.opaque_calls import check_opaque_calls
from pullback.analysis.selectors import with_selectors
from pullback.analysis.views import INPLACE_OPS, Views
from pullback.errors import UnsupportedError
from pullback.front.anf import Anf
from pullback.front.comprehensions import Comprehensions
from pullback.front.desugar import Desugar
from pullback.front.factories import Factories, in_user_names, only_called
from pullback.front.partials import inline_partials
from pullback.front.fence import check as fence_check
from pullback.front.jumps import Jumps
from pullback.front.parse import Source, get_source
from pullback.front.resolve import Resolver
from pullback.front.tuple_calls import dict_returns_as_tuples
from pullback.modes.binding import CallBinding
from pullback.modes.containers import ContainerParameters
from pullback.modes.builder import Builder, FnInfo
from pullback.modes.index_builders import IndexBuilders
from pullback.modes.list_items import rewrite_item_reads
from pullback.syntax.astutil import SrcLine, const, load, unparse
from pullback.syntax.naming import Namer
from pullback.syntax.walk import local_functions, param_names, stored


def _annotate_sources(tree, filename):
    """Remember each statement's own first line, for ``# grad of:`` comments, and
    where it is (a :class:`SrcLine`), for the origin map of the generated code."""
    for node in gast.walk(tree):
        if isinstance(node, gast.stmt) and not isinstance(node, gast.FunctionDef):
            try:
                text = unparse(gast.Module(body=[copy.deepcopy(node)], type_ignores=[]))
            except Exception:
                text = ""
            first = text.strip().splitlines()[0] if text.strip() else ""
            if isinstance(node, (gast.If, gast.While, gast.For, gast.With)):
                first = first.rstrip(":")
            line = getattr(node, "lineno", None)
            node.pb_src = SrcLine(first, filename, line) if line else first


class FunctionTransform(ContainerParameters, CallBinding):
    """One function, normalized: the common ground of reverse and forward mode.

    Subclasses give ``_prepare`` (a last rewrite of the normalized body) and
    ``_generate`` (the code of their mode)."""

    def __init__(self, builder: Builder, source: Source, info: FnInfo):
        self.b = builder
        self.source = source
        self.info = info

    def build(self):
        self.inlined: dict = {}
        try:
            return self._build()
        except UnsupportedError as e:
            if not any(name in e.construct_message for name in self.inlined):
                raise
            raise in_user_names(e, self.inlined) from None

    def _build(self):
        src = self.source
        tree = copy.deepcopy(src.tree)
        for name in self.info.lifted:  # free variables of a nested function
            tree.args.kwonlyargs.append(gast.Name(id=name, ctx=gast.Param(), annotation=None,
                                                  type_comment=None))
            tree.args.kw_defaults.append(None)
        if not src.own:  # a nested function: every default is passed by its callers
            tree.args.defaults = []
            tree.args.kw_defaults = [None] * len(tree.args.kw_defaults)
        _annotate_sources(tree, src.filename)
        if tree.body and isinstance(tree.body[0], gast.Expr) and \
                isinstance(tree.body[0].value, gast.Constant) and len(tree.body) > 1:
            tree.body = tree.body[1:]  # the docstring
        # partial(f, a)(x) and make(2.0)(x) written out (the names they made, for refusals)
        self.inlined = inline_partials(tree, src, self.b.deps, only_called(tree))
        self.inlined.update(Factories(src, self.b.deps).body(tree))
        self.params = param_names(tree.args)
        user_names = {n.id for n in gast.walk(tree) if isinstance(n, gast.Name)}
        user_names |= {n.name for n in gast.walk(tree) if isinstance(n, gast.FunctionDef)}
        user_names |= set(self.params)
        self.user_names = user_names
        self.namer = Namer(user_names | set(self.b.injected) | self.b.namer.taken)
        self.injected_here: dict = {}
        self._container_leaves()
        local_names = set(self.params) | stored(tree.body)
        self.resolver = Resolver(src, local_names, local_functions(tree.body), self.b.deps)
        self.guards = entry_guards(src, self.params, self.info, self._inject)
        self.resolver.bound = dict(src.bound)  # as entry_guards left it
        self.resolver.bound.update(local_constants(tree.body, self.resolver))
        tree.body = [IndexBuilders(self.resolver, self._inject_name).visit(s) for s in tree.body]
        tree.body = Comprehensions(self.namer, self.resolver).body(tree.body)
        self.resolver.locals |= stored(tree.body)
        fence_check(src, tree, self.resolver)
        desugar = Desugar(src, self.namer, self.resolver).prepare(tree.body)
        desugar.structures = dict(self.info.containers)
        # (a differentiated parameter that is not a container is an array or a number)
        desugar.arrays = set(self.info.active) - set(self.info.containers)
        desugar.inject = self._inject_name
        body = desugar.block(tree.body)
        tree.body = body
        if not self.info.top:  # return {"a": u, "b": v}: the values (callers read them by key)
            dict_returns_as_tuples(tree, self.resolver)
        Jumps(src, self.namer).function(tree)
        self.resolver.locals |= stored(tree.body)
        ndims = self.info.ndims if self.info.top else {}
        tree.body = with_checked_results(
            tree.body, lambda b: with_selectors(b, lambda c: self._views_and_writes(c, ndims),
                                                src, self.namer, self.resolver, self.params, ndims),
            self.resolver, self._inject_name)
        self.activity = Activity(src, self.resolver, set(self.info.active) | self.containers_in,
                                 params=self.params)
        self.active = self.activity.run(tree.body)
        self.lists = find_lists(src, tree.body, self._returns_list, self._checked_call)
        rewrite_item_reads(tree.body, self.lists, self.active, self._inject_name)
        mark_effect_calls(tree.body, self.resolver)
        anf = Anf(src, self.resolver, self.namer, self.activity).prepare(tree.body, self.lists)
        anf.top = self.info.top
        anf.tuples.update(self.container_displays)
        anf.tuple_keys.update(self.container_keys)
        anf.tuple_fields.update(self.container_fields)
        body = anf.block(tree.body)
        self.tuple_vars = anf.displays()  # (containers a nested function reads)
        for node in gast.walk(gast.Module(body=body, type_ignores=[])):
            if isinstance(node, gast.stmt):
                anf.check_tuples([node])
                anf.check_lists([node])
        self.resolver.locals |= stored(body)
        self.active = self.activity.run(body)
        if body and isinstance(body[-1], gast.Return):
            self.ret = body[-1]
            body = body[:-1]
        else:
            self.ret = gast.Return(value=const(None))
        self.body = self._prepare(body, depth=0)
        self.memory = Memory(self.resolver).analyse(self.body, self.params)
        check_opaque_calls(src, self.resolver, self.memory, self.body, self.active)
        self.int_names = int_names(self.body, self.resolver)
        # the differentiated arguments of a top-level request are floats (the API
        # refuses others); a callee's parameters may hold anything
        floats = [p for p in self.info.active if p in self.params] if self.info.top else []
        self.dtypes = Dtypes(self.resolver, floats).run(self.body, self.params)
        self.shapes = Shapes(self.resolver, floats, set(self.params) - set(self.info.containers),
                             self.int_names, self.lists).run(self.body)
        self.tree = tree
        self.stack = self.namer.unique("_stack")
        self._outputs()
        self._generate()

    def _checked_call(self, call):
        """The call ``fresh_result(call, ...)`` checks (analysis/fresh_calls.py), or None."""
        if call.args and self.resolver.callee(call.func).obj is checks.fresh_result:
            return call.args[0]
        return None

    def _returns_list(self, call):
        """Which results of ``call``, one of the user's functions, are lists it
        grows (:func:`pullback.analysis.lists.returned_lists`)."""
        callee = self.resolver.callee(call.func)
        if callee.kind == "local":
            return returned_lists(callee.obj) if isinstance(callee.obj, gast.FunctionDef) \
                else None
        if callee.kind != "user":
            return None
        try:
            return returned_lists(get_source(callee.obj).tree)
        except Exception:  # noqa: BLE001  (no source: not proven)
            return None

    def _outputs(self):
        v = self.ret.value
        if isinstance(v, gast.Tuple):
            self.outputs = list(v.elts)
            self.info.n_outputs = len(v.elts)
        else:
            self.outputs = [v]
            self.info.n_outputs = None
            self.info.list_output = isinstance(v, gast.Name) and v.id in self.lists

    @staticmethod
    def _call_args(op, callee):
        """A primitive call's positional arguments (receiver first) and keywords."""
        args = list(op.args)
        if callee.receiver is not None:
            args = [callee.receiver] + args
        return args, {k.arg: k.value for k in op.keywords}

    def _is_active_atom(self, a):
        if isinstance(a, gast.Name):
            return a.id in self.active
        if isinstance(a, (gast.List, gast.Tuple)):
            return any(self._is_active_atom(e) for e in a.elts)
        return False

    def _rule_entries(self, s, t, mapping, args, name):
        """(entry index, argument) pairs the rule must differentiate.

        An active argument the rule has no entry for is refused here: silently
        treating it as a constant would be a wrong derivative."""
        if covers_all(t):
            covered = [(0, a) for a in args]
        else:
            # ``rule.refuses``: parameters the rule has a placeholder entry for but
            # does not differentiate (an active one is refused below)
            refused = getattr(t.fn, "refuses", ())
            covered = [(i, mapping[p]) for i, p in enumerate(t.params[:len(t.returns)])
                       if p not in refused]
        covered_ids = {id(a) for _, a in covered}
        for p in t.params + t.kwonly + ([t.vararg] if t.vararg else []):
            arg = mapping.get(p)
            if arg is None or id(arg) in covered_ids:
                continue
            parts = arg.elts if (p == t.vararg and isinstance(arg, gast.Tuple)) else [arg]
            for part in parts:
                if id(part) not in covered_ids and self._is_active_atom(part):
                    raise self.source.error(
                        f"the derivative rule of `{name or t.fn.__name__}` does not "
                        f"differentiate its argument `{p}`; pass a constant there "
                        "(pb.stop_gradient) or register a rule with pb.defvjp / pb.defjvp", s)
        return [(i, a) for i, a in covered if self._is_active_atom(a)]

    def _rule_globals(self, t):
        """Names in generated code for the globals a rule body uses (np, helpers)."""
        gmap = {}
        for n in sorted(t.globals_used):
            obj = t.fn.__globals__.get(n, getattr(builtins, n, None))
            if obj is None:
                raise TypeError(f"rule {t.fn.__name__} uses unknown name {n}")
            gmap[n] = self._inject(obj, n, self.user_names, self.resolver)
        return gmap

    def _view_check(self, s):
        """Checks before an in-place update, where only the run time can tell:
        ``check_not_view(v, 'v')`` before an ``op=`` whose target another name may
        share; ``check_inplace(k, e, 'iadd')`` before ``k op= e`` on a value not
        known to be a float array, and before ``k[...] = e`` from ``np.copyto`` —
        NumPy refuses a result that does not fit ``k``'s shape or dtype kind."""
        out = []
        name = getattr(s, "pb_view_check", None)
        if name:
            text = getattr(s, "pb_view_text", name)
            out.append(gast.Expr(value=gast.Call(func=load(self._helper("check_not_view")),
                                                 args=[load(name), const(text)], keywords=[])))
        inplace = None
        if getattr(s, "pb_aug", False) and isinstance(s.value, gast.BinOp) and \
                isinstance(s.value.left, gast.Name) and type(s.value.op) in INPLACE_OPS:
            inplace = (s.value.left.id, s.value.right, INPLACE_OPS[type(s.value.op)])
        elif getattr(s, "pb_copyto", False) or getattr(s, "pb_inplace_op", None):
            # np.copyto, or x op= e on a shared array (analysis/views); through a view of
            # the written array only the dtype is checked (the write checks the shape)
            t = s.targets[0]
            whole = isinstance(t.slice, gast.Constant) and t.slice.value is Ellipsis
            op = "copyto" if getattr(s, "pb_copyto", False) else s.pb_inplace_op
            inplace = (t.value.id, s.value, op if whole else "cast")
        if inplace is not None:
            target, operand, op = inplace
            if not self.dtypes.is_float(load(target)):
                out.append(gast.Expr(value=gast.Call(
                    func=load(self._helper("check_inplace")),
                    args=[load(target), copy.deepcopy(operand), const(op)], keywords=[])))
        return out

    def _inject(self, obj, preferred, user_names=None, resolver=None):
        """A name for ``obj`` in this function's generated code (recorded so that
        only this function's globals hold it: another function may use the name
        for something of its own)."""
        name = self.b.inject(obj, preferred, self.user_names, self.resolver)
        self.injected_here[name] = obj
        return name

    def _bind_builtins(self, trees):
        """Bind the builtins generated code names (``len``, ``range``, ``reversed``,
        marked by :func:`~pullback.syntax.astutil.builtin`) to Python's own, under
        a name of their own when the user's code or module gives that name another
        meaning (a module-level ``def len``, ``from numpy import *``)."""
        for tree in trees:
            for node in gast.walk(tree):
                original = getattr(node, "pb_builtin", None)
                if isinstance(node, gast.Name) and original:
                    node.id = self._inject(getattr(builtins, original), original)

    def _views_and_writes(self, body, ndims):
        """Views replayed, then the writes checked (``self.mutated``)."""
        body = Views(self.resolver, self.params, self.namer, self._inject_name,
                     ndims).run(body)
        self.resolver.locals |= stored(body)
        self.mutated = Mutation(self.source, self.resolver, self.params).run(body)
        return body

    def _inject_name(self, obj, preferred):
        """A name for ``obj`` that code rewritten before the analyses calls (the
        resolver learns what it denotes)."""
        name = self._inject(obj, preferred)
        self.resolver.injected[name] = obj
        return name

    def _helper(self, name):
        return self._inject(getattr(runtime, name), name, self.user_names, self.resolver)

    # Adjoint states: False (symbolically zero), True (holds a value that may be
    # shared with another adjoint), OWN (an array only this adjoint refers to,
    # so it may be updated in place).
    def _index_value(self, idx):
        """An index expression as a value: ``1:3`` → ``slice(1, 3, None)``."""
        if isinstance(idx, gast.Slice):
            name = self._inject(builtins.slice, "slice", self.user_names, self.resolver)
            return gast.Call(func=load(name), args=[p if p is not None else const(None)
                                                    for p in (idx.lower, idx.upper, idx.step)],
                             keywords=[])
        if isinstance(idx, gast.Tuple):
            return gast.Tuple(elts=[self._index_value(e) for e in idx.elts], ctx=gast.Load())
        return copy.deepcopy(idx)

    def _shares_mutated(self, value) -> bool:
        """May ``value`` share memory with an array the program writes into?"""
        for n in self.memory.mentions(value):
            if n in self.mutated or self.memory.aliases(n) & self.mutated:
                return True
        return False
