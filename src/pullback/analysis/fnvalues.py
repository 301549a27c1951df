"""Functions passed as values, known when the derivative is built.

In ``apply(np.sin, x)`` the parameter ``f`` of ``apply`` is ``np.sin`` on every
run of that call, so ``apply`` is built for it: its resolver reads
``Source.bound`` and resolves ``f(x)`` as it would ``np.sin(x)``. A build of
the callee is made per function (the key part ``bind_call`` returns), so two
call sites passing different functions get two builds.

An argument's function is known when it is a global or closure name (dotted:
``np.sin``), a parameter bound in turn, a lambda or ``def`` of the caller that
reads none of its local variables (``NestedFunction``), or a local name
assigned exactly once in the function, to a known one (the ANF's ``_t1 =
np.sin``). A parameter the
call leaves out takes its default. Anything else (chosen by a branch, returned
by a call, assigned twice) is unknown, and the callee refuses the call of it.
A bound parameter must never be assigned in the callee.

The differentiated function itself binds its function-valued defaults and the
functions its caller passes (``api/build.py`` keys the build on them); since
those come from the caller, its generated code checks them first
(``checks.same_function``).
"""

from __future__ import annotations

import gast

from pullback import checks
from pullback.analysis.activity import free_names
from pullback.analysis.facts import identifier
from pullback.front.parse import NestedFunction
from pullback.front.resolve import MISSING
from pullback.syntax.astutil import const, load
from pullback.syntax.walk import param_names, stored


def is_function(obj) -> bool:
    """A value worth binding: callable and not a class (a dtype stays data)."""
    return obj is not MISSING and callable(obj) and not isinstance(obj, type)


def _own_scope(body):
    """Every node of ``body`` outside nested functions and lambdas (a nested
    ``def`` itself is kept: it binds its name here)."""
    todo = list(body)
    while todo:
        n = todo.pop()
        yield n
        if isinstance(n, (gast.FunctionDef, gast.Lambda)):
            continue
        todo.extend(gast.iter_child_nodes(n))


def _single_assignment(body, name):
    """What local ``name`` is set to if it is set exactly once in ``body``'s own
    scope (an assignment in a nested function is another variable): the value
    of ``name = value``, or the ``def name``; else None."""
    stores, found = 0, None
    for n in _own_scope(body):
        if isinstance(n, gast.Name) and n.id == name and not isinstance(n.ctx, gast.Load):
            stores += 1
        elif isinstance(n, gast.FunctionDef) and n.name == name:
            stores, found = stores + 1, n
        elif isinstance(n, gast.Assign) and len(n.targets) == 1 and \
                isinstance(n.targets[0], gast.Name) and n.targets[0].id == name:
            found = n.value
    return found if stores == 1 else None


def _nested(node, resolver):
    """A caller's lambda or def as a value to bind, when it reads no local
    variable of the caller and has no defaults (which are the caller's
    variables, front/desugar.py): then the callee can build it on its own."""
    a = node.args
    if a.defaults or any(d is not None for d in a.kw_defaults) or a.vararg or a.kwarg or \
            free_names(node) & resolver.locals:
        return None
    return NestedFunction(node, resolver.source)


def known_function(expr, body, resolver, seen=()):
    """The function ``expr`` denotes on every run, if known now; else None."""
    if isinstance(expr, (gast.Lambda, gast.FunctionDef)):
        return _nested(expr, resolver)
    if isinstance(expr, gast.Name) and expr.id in resolver.bound:
        return resolver.bound[expr.id]
    if isinstance(expr, gast.Name) and expr.id in resolver.locals:
        if expr.id in seen:
            return None
        value = _single_assignment(body, expr.id)
        if value is None:
            return None
        return known_function(value, body, resolver, seen + (expr.id,))
    if not isinstance(expr, (gast.Name, gast.Attribute)):
        return None
    obj = resolver.value_of(expr)
    return obj if is_function(obj) else None


def _defaults(csrc) -> dict:
    """Parameter → default value of a function's own tree (not a nested one)."""
    a = csrc.tree.args
    positional = [p.id for p in a.posonlyargs + a.args]
    out = {}
    if csrc.defaults:
        out.update(zip(positional[len(positional) - len(csrc.defaults):], csrc.defaults))
    for p in a.kwonlyargs:
        if csrc.kwdefaults and p.id in csrc.kwdefaults:
            out[p.id] = csrc.kwdefaults[p.id]
    return out


def bind_call(csrc, argmap, params, own_defaults: bool, body, resolver) -> tuple:
    """Bind the callee's parameters that get a known function at this call (its
    argument, or its default when ``own_defaults`` and the call leaves it out).
    Returns the part of the callee's build key that tells the bindings apart."""
    defaults = _defaults(csrc) if own_defaults else {}
    assigned = stored(csrc.tree.body)
    for p in params:
        if p in assigned:
            continue
        if p in argmap:
            obj = known_function(argmap[p], body, resolver)
        else:
            obj = defaults.get(p)
            obj = obj if is_function(obj) else None
        if obj is not None:
            csrc.bound[p] = obj
    if not csrc.bound:
        return ()
    return (("functions", tuple(sorted((p, _identity(o)) for p, o in csrc.bound.items()))),)


def _identity(obj):
    """What tells two bound values apart: the object, or the nested node (a
    ``NestedFunction`` is made anew at each look)."""
    return ("nested", id(obj.node)) if isinstance(obj, NestedFunction) else id(obj)


def local_constants(body, resolver) -> dict:
    """Local names set exactly once in ``body``, to a function known now
    (``g = np.sin``): ``g(x)`` is then ``np.sin(x)`` (a name set more than once,
    or by a branch, stays unknown)."""
    out = {}
    params = set(param_names(resolver.source.tree.args))
    for name in sorted(stored(body) - params):
        if name in resolver.local_funcs:
            continue
        value = _single_assignment(body, name)
        if isinstance(value, (gast.Name, gast.Attribute)):
            obj = known_function(value, body, resolver, (name,))
            if is_function(obj):
                out[name] = obj
    return out


def entry_guards(src, params, info, inject) -> list:
    """For the differentiated function (``info.top``): bind its own
    function-valued defaults (those its caller did not pass: ``src.bound``
    holds what it passed), and return the checks of them (``guards``)."""
    if not info.top:
        return []
    active = info.active
    assigned = stored(src.tree.body)
    for p, obj in _defaults(src).items():
        if p in params and p not in active and p not in src.bound and is_function(obj):
            src.bound[p] = obj
    for p in list(src.bound):
        if p in assigned or p not in params:
            del src.bound[p]
    return guards(src.bound, inject)


def guards(bound: dict, inject) -> list:
    """``check_function(p, obj, 'p')`` for each bound parameter of the entry
    function: the caller's value is checked to be the function it was built for.
    ``inject(obj, preferred)`` names an object in generated code."""
    out = []
    if not bound:
        return out
    check = inject(checks.same_function, "check_function")
    for p in sorted(bound):
        obj = bound[p]
        name = inject(obj, identifier(getattr(obj, "__name__", "") or "", p + "_passed"))
        call = gast.Call(func=load(check), args=[load(p), load(name), const(p)], keywords=[])
        out.append(gast.Expr(value=call))
    return out
