"""Results of the user's own functions, followed as new arrays and checked at run time.

``b = helper(a, x)`` may return ``a`` itself (or a view of it): the memory
analysis must then treat ``b`` as sharing ``a``'s memory, and a later write into
either is refused. Most helpers return new arrays, but which one depends on the
run (``out = v`` followed by a loop that runs zero times returns ``v``). So:

1. *What can the callee return?* (:class:`CalleeResults`) Its return values are
   proven to be made of new arrays and of memory of its own parameters only
   (never a global, a closure value, a default, or what an unknown function
   gives). The answer is the set of parameters it may return memory of, or
   ``None`` when nothing is proven (then nothing changes: the caller's analysis
   stays as conservative as before).
2. *Is it new here?* (:func:`check_results`) A binding ``v = helper(...)`` that
   the memory check (:mod:`pullback.analysis.mutation`) refuses, located there,
   becomes ``v = fresh_result(helper(...), (args...), text)``: the memory
   analysis counts it as new, and at run time ``fresh_result`` raises
   ``PullbackError`` (naming the call and the fix, ``.copy()``) if NumPy did
   return memory of one of those arguments.

Sound by construction: a form not listed below as proven makes the callee's
answer ``None``.
"""

from __future__ import annotations

import copy
import inspect

import gast
import numpy as np

from pullback import checks
from pullback.analysis.memory import Memory
from pullback.errors import UnsupportedError
from pullback.front.parse import get_source
from pullback.front.resolve import Resolver
from pullback.syntax.astutil import const, load, unparse
from pullback.syntax.walk import local_functions, param_names, root_name as _root, stored

#: ndarray attributes and methods that give (a view of) the same memory
VIEW_ATTRIBUTES = {"T", "mT", "real", "imag"}
#: (``copy``, ``flatten`` and ``astype`` unless ``copy=False`` are new: Memory.fresh)
VIEW_METHODS = {"reshape", "ravel", "transpose", "swapaxes", "squeeze", "view", "astype",
                "diagonal"}
#: the statements a callee may have (any other makes its answer None)
_STATEMENTS = (gast.Assign, gast.AugAssign, gast.AnnAssign, gast.For, gast.While, gast.If,
               gast.Return, gast.Expr, gast.Pass, gast.Break, gast.Continue, gast.Assert)
#: expressions that run code later or elsewhere, or bind in another scope
_UNSAFE_EXPRS = (gast.Lambda, gast.Yield, gast.YieldFrom, gast.Await)
_MAX_DEPTH = 4


class CalleeResults:
    """Which parameters a user function may return memory of (``None``: unproven)."""

    def __init__(self):
        self._done: dict = {}

    def params_returned(self, fn, depth=0):
        key = getattr(fn, "__code__", fn)
        if key in self._done:
            return self._done[key]  # also None while in progress: recursion is unproven
        self._done[key] = None
        if depth > _MAX_DEPTH:
            return None
        try:
            src = get_source(fn)
        except Exception:  # noqa: BLE001  (no source: nothing proven)
            return None
        result = _Summary(self, src, depth).run()
        self._done[key] = result
        return result


class _Summary:
    """One callee: a greatest fixpoint over the bindings of its local names."""

    def __init__(self, results, src, depth):
        self.results, self.depth = results, depth
        tree = src.tree
        self.tree = tree
        a = tree.args
        self.params = set(param_names(a))
        if a.vararg or a.kwarg or a.kwonlyargs:
            self.params = None  # what *args / **kw / keyword-only parameters map to
        n_defaults = len(a.defaults)
        self.defaulted = {p.id for p in (a.posonlyargs + a.args)[len(a.posonlyargs + a.args)
                                                                  - n_defaults:]} \
            if n_defaults else set()
        self.locals = set(param_names(a)) | stored(tree.body)
        self.resolver = Resolver(src, self.locals, local_functions(tree.body))
        self.memory = Memory(self.resolver, tree.body)

    def run(self):
        nodes = [n for s in self.tree.body for n in gast.walk(s)]
        if self.params is None or any(isinstance(n, gast.stmt) and
                                      not isinstance(n, _STATEMENTS) or
                                      isinstance(n, _UNSAFE_EXPRS) for n in nodes):
            return None
        bindings, returns = self._bindings()
        deps = {n: set() for n in bindings}  # greatest fixpoint: start from "proven"
        unsafe = set()
        changed = True
        while changed:
            changed = False
            for n, values in bindings.items():
                if n in unsafe:
                    continue
                got = set()
                for v in values:
                    d = self.expr(v, deps, unsafe)
                    if d is None:
                        got = None
                        break
                    got |= d
                if got is None:
                    unsafe.add(n)
                    changed = True
                elif got - deps[n]:
                    deps[n] |= got
                    changed = True
        if returns and all(self._always_param(v, bindings) for v in returns):
            return None  # it always returns its argument's memory: refused when built
        out = set()
        for v in returns:
            d = self.expr(v, deps, unsafe) if v is not None else set()
            if d is None:
                return None
            out |= d
        if out & self.defaulted:
            return None  # a default is evaluated once, at def: memory of the module
        return frozenset(out)

    def _always_param(self, v, bindings) -> bool:
        """``v`` is a parameter never rebound, or a view chain of one."""
        while not self.memory.fresh(v) and (
                isinstance(v, (gast.Subscript, gast.Attribute)) or
                isinstance(v, gast.Call) and isinstance(v.func, gast.Attribute) and
                v.func.attr in VIEW_METHODS):
            v = v.func.value if isinstance(v, gast.Call) else v.value
        return isinstance(v, gast.Name) and v.id in self.params and not bindings.get(v.id)

    def _bindings(self):
        """name -> the expressions it takes memory from; and the returned values."""
        bindings: dict[str, list] = {}
        returns = []

        def bind(target, value):
            if isinstance(target, gast.Name):
                bindings.setdefault(target.id, []).append(value)
            elif isinstance(target, (gast.Tuple, gast.List)):
                for e in target.elts:
                    bind(e.value if isinstance(e, gast.Starred) else e, value)
            elif isinstance(target, (gast.Subscript, gast.Attribute)):
                base = target
                while isinstance(base, (gast.Subscript, gast.Attribute)):
                    base = base.value
                if isinstance(base, gast.Name):  # k[i] = v may store v's object in a list k
                    bindings.setdefault(base.id, []).append(value)

        for s in self.tree.body:
            for n in gast.walk(s):
                if isinstance(n, gast.Assign):
                    for t in n.targets:
                        bind(t, n.value)
                elif isinstance(n, (gast.AugAssign, gast.AnnAssign)) and n.value is not None:
                    bind(n.target, n.value)
                elif isinstance(n, gast.For):
                    bind(n.target, n.iter)
                elif isinstance(n, gast.NamedExpr):
                    bind(n.target, n.value)
                elif isinstance(n, gast.Call):
                    # a call may store any of its arguments in a list or dict it is given
                    args = list(n.args) + [k.value for k in n.keywords]
                    if isinstance(n.func, gast.Attribute) and _root(n.func) in self.locals:
                        args.append(n.func.value)  # a method: the receiver may store them
                    for a in args:
                        if isinstance(a, gast.Name) and a.id in self.locals:
                            bindings.setdefault(a.id, []).extend(b for b in args if b is not a)
                elif isinstance(n, gast.Return):
                    returns.append(n.value)
        if not (self.tree.body and isinstance(self.tree.body[-1], gast.Return)):
            returns.append(None)  # it may end without a return
        for p in self.params:
            bindings.setdefault(p, [])
        return bindings, returns

    def expr(self, v, deps, unsafe):
        """The parameters whose memory ``v`` may hold, or None (unproven)."""
        if isinstance(v, gast.Constant):
            return set()
        if isinstance(v, gast.Name):
            if v.id not in deps or v.id in unsafe:
                return None  # a global, a closure value, or never bound here
            return deps.get(v.id, set()) | ({v.id} if v.id in self.params else set())
        if isinstance(v, gast.BinOp):
            if not isinstance(v.op, (gast.Add, gast.Mult)):
                return set()  # never a list or tuple: a new array or number
            if self._numeric(v.left) or self._numeric(v.right):
                return set()  # an array or a float operand: a new array or number
            return self._all([v.left, v.right], deps, unsafe, globals_ok=True)
        if isinstance(v, (gast.UnaryOp, gast.Compare)):
            return set()
        if isinstance(v, gast.Subscript):  # a view or an element: the base's memory
            return self.expr(v.value, deps, unsafe)
        if isinstance(v, gast.Attribute):
            if self.memory.fresh(v):
                return set()
            return self.expr(v.value, deps, unsafe) if v.attr in VIEW_ATTRIBUTES else None
        if isinstance(v, gast.IfExp):
            return self._all([v.body, v.orelse], deps, unsafe)
        if isinstance(v, gast.BoolOp):
            return self._all(v.values, deps, unsafe)
        if isinstance(v, (gast.Tuple, gast.List)):
            return self._all([e.value if isinstance(e, gast.Starred) else e
                              for e in v.elts], deps, unsafe)
        if isinstance(v, gast.Dict):
            return self._all([e for e in v.values], deps, unsafe)
        if isinstance(v, gast.Call):
            return self._call(v, deps, unsafe)
        return None

    def _numeric(self, e) -> bool:
        """An operand proven a float or a NumPy array (never a list or tuple, which
        ``+`` and ``*`` would join or repeat): a float literal, or the result of a
        NumPy function that computes a new array."""
        if isinstance(e, gast.Constant):
            return isinstance(e.value, (float, complex))
        if isinstance(e, gast.Call):
            callee = self.resolver.callee(e.func)
            return callee.kind == "rule" and Memory.fresh_rule(callee)
        if isinstance(e, gast.BinOp):
            return not isinstance(e.op, (gast.Add, gast.Mult)) or \
                self._numeric(e.left) or self._numeric(e.right)
        return False

    def _inert(self, e) -> bool:
        """A global that holds no array memory (a number, a string, a dtype, None)."""
        if not isinstance(e, (gast.Name, gast.Attribute)) or _root(e) in self.locals:
            return False
        value = self.resolver.value_of(e)
        return isinstance(value, (int, float, complex, str, bool, type(None), np.generic,
                                  np.dtype, type))

    def _all(self, values, deps, unsafe, globals_ok=False):
        out = set()
        for e in values:
            if globals_ok and isinstance(e, gast.Name) and e.id not in self.locals and \
                    isinstance(self.resolver.lookup_global(e.id), (np.ndarray, float, int)):
                continue  # an array operand: the result is a new array
            d = self.expr(e, deps, unsafe)
            if d is None:
                return None
            out |= d
        return out

    def _call(self, v, deps, unsafe):
        args = list(v.args) + [k.value for k in v.keywords]
        if any(isinstance(a, gast.Starred) for a in v.args) or \
                any(k.arg is None for k in v.keywords):
            return None
        if any(k.arg == "out" for k in v.keywords):
            return None
        if self.memory.fresh(v):
            return set()
        if isinstance(v.func, gast.Attribute) and _root(v.func) in self.locals:
            # a method of a local value: only those that return its own memory
            if v.func.attr not in VIEW_METHODS:
                return None
            return self.expr(v.func.value, deps, unsafe)
        callee = self.resolver.callee(v.func)
        if callee.kind == "rule" and not (callee.rule is None or callee.rule.custom_vjp or
                                          callee.rule.custom_jvp):
            # a NumPy function: a view of its arguments at most (a user's rule: unproven)
            return self._all([a for a in args if not self._inert(a)], deps, unsafe)
        if callee.kind == "user":
            returned = self.results.params_returned(callee.obj, self.depth + 1)
            if returned is None:
                return None
            bound = _bind(callee.obj, v)
            if bound is None:
                return None
            return self._all([bound[p] for p in returned if p in bound], deps, unsafe) \
                if all(p in bound for p in returned) else None
        return None


def _bind(fn, call):
    """Parameter -> argument expression of ``call`` to ``fn`` (None: not plain)."""
    try:
        params = list(inspect.signature(fn).parameters.values())
    except (TypeError, ValueError):
        return None
    if any(p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD, p.KEYWORD_ONLY) for p in params):
        return None
    names = [p.name for p in params]
    if len(call.args) > len(names):
        return None
    out = dict(zip(names, call.args))
    for k in call.keywords:
        if k.arg not in names or k.arg in out:
            return None
        out[k.arg] = k.value
    return out


def check_results(body, resolver, inject, results: CalleeResults, lines) -> set:
    """Rewrite each ``v = helper(...)`` on one of the user's ``lines`` whose callee
    is proven to return only new arrays or its arguments' memory into ``v =
    fresh_result(helper(...), (those arguments,), text)`` (``body`` is changed in
    place). Returns the lines where such a rewrite is possible: the caller rewrites
    only the bindings the memory check would otherwise refuse, since the run-time
    check also refuses a call that returns a view that is read before any write."""
    memory = Memory(resolver, body)  # (only ``fresh``: no analysis of the body needed)
    possible = set()
    for s in _assigns(body):
        callee = resolver.callee(s.value.func)
        if callee.kind != "user":
            continue
        returned = results.params_returned(callee.obj)
        bound = _bind(callee.obj, s.value) if returned is not None else None
        if bound is None:
            continue
        args = [bound[p] for p in sorted(returned) if p in bound]
        shared = [a for a in args if not memory.fresh(a)]
        if not all(_replayable(a) for a in shared):
            continue
        possible.add(s.lineno)
        if s.lineno not in lines:
            continue
        text = unparse(s.value).strip()
        s.value = gast.Call(func=load(inject(checks.fresh_result, "fresh_result")),
                            args=[s.value, gast.Tuple(elts=[copy.deepcopy(a) for a in shared],
                                                      ctx=gast.Load()), const(text)],
                            keywords=[])
    return possible


def with_checked_results(body, analyse, resolver, inject):
    """``analyse(body)`` (views and the memory check), retried while it refuses a
    binding ``v = helper(...)`` that :func:`check_results` can check at run time
    instead (or, refused elsewhere, while some binding is still unchecked); each
    retry starts from a copy of ``body`` (none is taken when there is no such
    binding)."""
    results, checked = CalleeResults(), set()
    if not check_results(body, resolver, inject, results, checked):
        return analyse(body)
    while True:
        tried = copy.deepcopy(body)
        possible = check_results(tried, resolver, inject, results, checked)
        try:
            done = analyse(tried)
        except UnsupportedError as e:
            # the refused binding, or else (an alias of a helper's result) all of them
            more = ({e.lineno} & possible or possible) - checked
            if not more:
                raise
            checked |= more
            continue
        if possible - checked and _view_checks(done):
            # x op= e checked at run time because x may be what a helper returned:
            # checking the helpers' results instead proves more updates unshared
            again = copy.deepcopy(body)
            check_results(again, resolver, inject, results, checked | possible)
            try:
                better = analyse(again)
            except UnsupportedError:
                return done
            if _view_checks(better) < _view_checks(done):
                return better
        return done


def _view_checks(body) -> int:
    """How many ``x op= e`` in ``body`` refuse an ndarray ``x`` at run time."""
    return sum(1 for s in body for n in gast.walk(s) if getattr(n, "pb_view_check", None))


def _assigns(body):
    for s in body:
        for n in gast.walk(s):
            if isinstance(n, gast.Assign) and len(n.targets) == 1 and \
                    isinstance(n.targets[0], gast.Name) and isinstance(n.value, gast.Call):
                yield n


def _replayable(e) -> bool:
    """An argument that evaluates again to the same memory after the call: a name,
    or basic indexing and view attributes of one by names and constants."""
    if isinstance(e, gast.Name):
        return True
    if isinstance(e, gast.Attribute):
        return e.attr in VIEW_ATTRIBUTES and _replayable(e.value)
    if isinstance(e, gast.Subscript):
        return _replayable(e.value) and all(
            isinstance(n, (gast.Name, gast.Constant, gast.Slice, gast.Tuple, gast.UnaryOp,
                           gast.BinOp, gast.operator, gast.unaryop, gast.expr_context))
            for n in gast.walk(e.slice))
    return False
