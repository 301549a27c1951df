"""Functions that return a function of their own (closure factories), inlined where called.

``make(2.0)`` returns ``f``, a function ``make`` defines, and what ``f``
computes depends on the values ``make`` bound. Called in differentiated code
-- ``g = make(3.0)`` then ``g(x)``, or ``make(2.0)(x)`` -- the call of ``make``
is replaced by ``make``'s body, its names made fresh, and the ``def`` it returns
named as the caller names it: a nested function of the caller, which pullback
follows like any other::

    g = make(3.0)         _make_scale1 = 3.0
                          def g(x):
                              return np.sum(np.sin(x) * _make_scale1)

Only what is proven plain is inlined: a factory of the same module with no
closure of its own and named parameters, whose body only binds names
(assignments and ``def``) and ends in ``return <a def of that body>``; its
arguments by position or name, defaults numbers or strings; and only where its
result is called and kept nowhere else (each inlining has names of its own, so
two functions made by one factory never share them). Anything else is left
alone, to the usual refusal.
"""

from __future__ import annotations

import copy
import types

import gast

from pullback.errors import UnsupportedError
from pullback.front.parse import get_source
from pullback.front.resolve import MISSING, scope_lookup
from pullback.syntax.astutil import assign, load
from pullback.syntax.naming import Namer
from pullback.syntax.walk import param_names, rewrite_blocks, stored

#: statements whose own expressions run once, where a factory's result may be made first
_ONCE = (gast.Assign, gast.Expr, gast.Return, gast.If, gast.For)


class Factories:
    """Inline the factories a function body calls (see the module docstring)."""

    def __init__(self, source, deps):
        self.source = source
        self.deps = deps
        self.namer = Namer(set())

    def body(self, tree) -> dict:
        """Rewrite ``tree``'s body in place; return the names it made: fresh name ->
        (how the user knows it, `` `v` of `make_arr` ``; the factory's name)."""
        self.namer = Namer({n.id for n in gast.walk(tree) if isinstance(n, gast.Name)} |
                           set(param_names(tree.args)))
        self.only_called = only_called(tree)
        # the factories this function was inlined from: not again inside it (recursion)
        self.inlined_from = getattr(tree, "pb_inlined_from", frozenset())
        self.caller_names = stored(tree.body) | set(param_names(tree.args))
        self.made: dict = {}
        tree.body = self._block(tree.body)
        return self.made

    def _block(self, stmts):
        out = []
        for s in stmts:
            rewrite_blocks(s, self._block)
            out += self._stmt(s)
        return out

    def _stmt(self, s):
        if isinstance(s, gast.Assign) and len(s.targets) == 1 and \
                isinstance(s.targets[0], gast.Name) and isinstance(s.value, gast.Call) and \
                s.targets[0].id in self.only_called:
            made = self._inline(s.value, s.targets[0].id, s)
            if made is not None:
                return made
        if not isinstance(s, _ONCE):
            return [s]
        pre = []
        exprs = [s.iter] if isinstance(s, gast.For) else [s.test] if isinstance(s, gast.If) \
            else [s.value] if getattr(s, "value", None) is not None else []
        for e in exprs:
            for call in _calls_of_calls(e):
                factory = _callee_name(call.func) or "f"
                name = self._fresh(factory)
                made = self._inline(call.func, name, s)
                if made is not None:
                    pre += made
                    call.func = load(name)
                    self.made[name] = (f"the function `{factory}(...)` returns", factory)
        return pre + [s]

    def _fresh(self, base):
        return self.namer.fresh(f"_{base}")

    def _inline(self, call, name, at):
        """The statements that bind ``name`` to the function ``call`` makes, or None
        when ``call`` is not a plain factory call."""
        fn = self._factory(call.func)
        if fn is None or any(isinstance(a, gast.Starred) for a in call.args) or \
                any(k.arg is None for k in call.keywords):
            return None
        tree = copy.deepcopy(get_source(fn).tree)
        body = tree.body[1:] if tree.body and isinstance(tree.body[0], gast.Expr) and \
            isinstance(tree.body[0].value, gast.Constant) else tree.body
        made = _returned_def(body)
        if made is None or tree.args.vararg or tree.args.kwarg or tree.args.posonlyargs:
            return None
        values = _arguments(tree.args, fn, call)
        if values is None:
            return None
        names = set(values) | stored(body[:-1])
        if _free_names(body, names) & self.caller_names:
            return None  # a global of make's that the caller's own name would hide
        fresh = {n: self._fresh(f"{fn.__name__}_{n}") for n in sorted(names)}
        self.made.update({v: (f"`{n}` of `{fn.__name__}`", fn.__name__)
                          for n, v in fresh.items()})
        self.made.pop(name, None)
        fresh[made] = name
        out = [gast.copy_location(assign(fresh[p], v), at) for p, v in values.items()]
        for s in body[:-1]:
            renamed = _renamed(s, fresh)
            if renamed is None:
                return None
            out.append(renamed)
        for n in (m for s in out for m in gast.walk(s) if isinstance(m, gast.FunctionDef)):
            n.pb_inlined_from = self.inlined_from | {fn}
        return out

    def _factory(self, func):
        """The user function ``func`` names when it is a factory candidate."""
        if not isinstance(func, gast.Name) or func.id in self.caller_names:
            return None  # (a local named like a factory is not that factory)
        obj = scope_lookup(self.source.closure, self.source.globals, func.id, self.deps)
        if obj is MISSING or not isinstance(obj, types.FunctionType) or obj.__closure__ or \
                obj.__globals__ is not self.source.globals or \
                getattr(obj, "__pullback__", None) is not None or obj in self.inlined_from:
            return None
        return obj


def in_user_names(e, made):
    """The refusal ``e`` with the names an inlining made told as the user knows
    them, and where they come from."""
    message = e.construct_message
    for fresh in sorted(made, key=len, reverse=True):
        told = made[fresh][0]
        message = message.replace(f"`{fresh}`", told).replace(fresh, told)
    factories = sorted({factory for _, factory in made.values() if factory is not None})
    if factories:
        message += (f" ({', '.join(f'`{f}`' for f in factories)} is inlined here: the "
                    "function it returns is part of this one)")
    return UnsupportedError(message, e.filename, e.lineno, e.text)


def _callee_name(func):
    return func.func.id if isinstance(func, gast.Call) and isinstance(func.func, gast.Name) \
        else None


def _calls_of_calls(e):
    """``F(a)(x)`` calls in ``e`` (not in lambdas or comprehensions, which run later
    or apart)."""
    found = []

    def walk(n):
        if isinstance(n, (gast.Lambda, gast.ListComp, gast.SetComp, gast.DictComp,
                          gast.GeneratorExp)):
            return
        for c in gast.iter_child_nodes(n):
            walk(c)
        if isinstance(n, gast.Call) and isinstance(n.func, gast.Call):
            found.append(n)  # after the calls in its arguments: those are made first
    walk(e)
    return found


def only_called(tree) -> set[str]:
    """Names bound once, by a plain assignment, and read only as the function of a
    call (never kept, passed or returned): a function made for them cannot escape."""
    binds, loads, called = {}, {}, {}
    for n in gast.walk(tree):
        if isinstance(n, gast.Name):
            if isinstance(n.ctx, gast.Load):
                loads[n.id] = loads.get(n.id, 0) + 1
            else:
                binds[n.id] = binds.get(n.id, 0) + 1
        elif isinstance(n, gast.Call) and isinstance(n.func, gast.Name):
            called[n.func.id] = called.get(n.func.id, 0) + 1
        elif isinstance(n, (gast.FunctionDef, gast.Global, gast.Nonlocal)):
            for name in [n.name] if isinstance(n, gast.FunctionDef) else n.names:
                binds[name] = binds.get(name, 0) + 2
    return {n for n, b in binds.items() if b == 1 and loads.get(n, 0) == called.get(n, 0)} - \
        set(param_names(tree.args))


def _returned_def(body):
    """The name of the ``def`` that ``body`` returns, when ``body`` only binds names
    and ends in ``return <that name>``; else None."""
    if not body or not isinstance(body[-1], gast.Return) or \
            not isinstance(body[-1].value, gast.Name):
        return None
    r = body[-1].value.id
    defs = [s for s in body[:-1] if isinstance(s, gast.FunctionDef) and s.name == r]
    for s in body[:-1]:
        if isinstance(s, gast.FunctionDef):
            if s.decorator_list or any(isinstance(n, (gast.Global, gast.Nonlocal, gast.Yield,
                                                      gast.YieldFrom)) for n in gast.walk(s)):
                return None
        elif not (isinstance(s, gast.Assign) and all(
                isinstance(n, (gast.Name, gast.Tuple, gast.List)) for t in s.targets
                for n in [t] + list(getattr(t, "elts", [])))):
            return None
        if any(isinstance(n, (gast.Yield, gast.YieldFrom, gast.Await, gast.NamedExpr))
               for n in gast.walk(s) if not isinstance(s, gast.FunctionDef)):
            return None
    bound_r = [s for s in body[:-1] if r in stored([s])]
    return r if len(defs) == 1 and len(bound_r) == 1 else None


def _arguments(args, fn, call):
    """Parameter -> the expression it is bound to by ``call`` (defaults: numbers,
    strings, None), or None when that cannot be told."""
    params = [a.id for a in args.args]
    kwonly = [a.id for a in args.kwonlyargs]
    if len(call.args) > len(params):
        return None
    values = dict(zip(params, call.args))
    for k in call.keywords:
        if k.arg in values or k.arg not in params + kwonly:
            return None
        values[k.arg] = k.value
    defaults = dict(zip(params[len(params) - len(fn.__defaults__ or ()):], fn.__defaults__ or ()))
    defaults.update(fn.__kwdefaults__ or {})
    for p in params + kwonly:
        if p not in values:
            v = defaults.get(p, MISSING)
            if not (v is None or type(v) in (int, float, bool, str)):
                return None
            values[p] = gast.Constant(value=v, kind=None)
    return {p: values[p] for p in params + kwonly}


def _renamed(s, fresh):
    """``s`` with the factory's names renamed (``fresh``), respecting the scopes
    of the functions it defines; None when a comprehension would rebind one."""
    s = copy.deepcopy(s)
    ok = [True]

    def walk(n, mapping):
        if isinstance(n, (gast.ListComp, gast.SetComp, gast.DictComp, gast.GeneratorExp)):
            targets = {m.id for g in n.generators for m in gast.walk(g.target)
                       if isinstance(m, gast.Name)}
            if targets & set(mapping):
                ok[0] = False
        if isinstance(n, (gast.FunctionDef, gast.Lambda)):
            own = _all_params(n.args) | (_own_stored(n.body)
                                         if isinstance(n, gast.FunctionDef) else set())
            inner = {k: v for k, v in mapping.items() if k not in own}
            if isinstance(n, gast.FunctionDef) and n.name in mapping:
                n.name = mapping[n.name]
            for field in ("args", "body", "returns"):
                part = getattr(n, field, None)
                parts = part if isinstance(part, list) else [part] if part is not None else []
                for p in parts:
                    walk(p, inner if field != "args" else mapping)
            return
        if isinstance(n, gast.Name) and n.id in mapping and not isinstance(n.ctx, gast.Param):
            n.id = mapping[n.id]
        for c in gast.iter_child_nodes(n):
            walk(c, mapping)

    walk(s, fresh)
    return s if ok[0] else None


def _own_stored(body) -> set[str]:
    """The names a function body binds in its own scope (not in the functions,
    lambdas or comprehensions inside it, which have scopes of their own)."""
    out = set()

    def walk(n):
        if isinstance(n, gast.FunctionDef):
            out.add(n.name)
            return
        if isinstance(n, (gast.Lambda, gast.ListComp, gast.SetComp, gast.DictComp,
                          gast.GeneratorExp)):
            return
        if isinstance(n, gast.Name) and not isinstance(n.ctx, gast.Load):
            out.add(n.id)
        for c in gast.iter_child_nodes(n):
            walk(c)
    for s in body:
        walk(s)
    return out


def _free_names(body, bound) -> set[str]:
    """The names ``body`` reads that no scope inside the factory binds: its globals."""
    out = set()

    def walk(n, bound):
        if isinstance(n, (gast.FunctionDef, gast.Lambda)):
            for d in n.args.defaults + [d for d in n.args.kw_defaults if d is not None]:
                walk(d, bound)
            inner = bound | _all_params(n.args) | \
                (_own_stored(n.body) if isinstance(n, gast.FunctionDef) else set())
            for b in n.body if isinstance(n.body, list) else [n.body]:
                walk(b, inner)
            return
        if isinstance(n, (gast.ListComp, gast.SetComp, gast.DictComp, gast.GeneratorExp)):
            bound = bound | {m.id for g in n.generators for m in gast.walk(g.target)
                             if isinstance(m, gast.Name)}
        if isinstance(n, gast.Name) and isinstance(n.ctx, gast.Load) and n.id not in bound:
            out.add(n.id)
        for c in gast.iter_child_nodes(n):
            walk(c, bound)
    for s in body:
        walk(s, bound)
    return out


def _all_params(args) -> set[str]:
    """Every name a function's parameters bind (``*args`` and ``**kwargs`` too)."""
    return set(param_names(args)) | {a.id for a in (args.vararg, args.kwarg) if a is not None}
