"""Binding a call of the user's own function (or a nested one) to the callee's
build: its source, the arguments of its parameters, its build key (``*args``
bound, functions passed as values bound: ``front/varargs.py``,
``analysis/fnvalues.py``), and which parameters are active."""

from __future__ import annotations

import copy

import gast

from pullback.analysis.activity import free_names
from pullback.analysis.fnvalues import bind_call
from pullback.front.parse import NestedFunction, function_from_node, get_source
from pullback.front.varargs import specialize
from pullback.syntax.astutil import load
from pullback.syntax.walk import param_names


class CallBinding:
    """Mixin of :class:`pullback.modes.function.FunctionTransform`."""

    def _bind_call(self, s, callee):
        """A call to a user (or nested) function: its Source, lifted free variables,
        cache key, parameter → argument expression, and all parameter names."""
        if callee.kind == "user":
            csrc, lifted, key = get_source(callee.obj), [], (callee.obj, id(callee.obj))
        elif isinstance(callee.obj, NestedFunction):  # a caller's lambda, passed here
            csrc = function_from_node(callee.obj.node, callee.obj.parent)
            lifted, key = [], (callee.obj.parent.fn, id(callee.obj.node))
            csrc.tree = copy.deepcopy(csrc.tree)
        else:
            csrc = function_from_node(callee.obj, self.source)
            lifted = sorted(free_names(callee.obj) & self.resolver.locals)
            key = (self.source.fn, id(callee.obj))
            csrc.tree = copy.deepcopy(csrc.tree)
        call = s.value
        if any(isinstance(a, gast.Starred) for a in call.args) or \
                any(k.arg is None for k in call.keywords):
            raise self.source.error("*args/**kwargs in a call to a differentiated function; "
                                    "pass each argument explicitly", s)
        spec = specialize(csrc, len(call.args), [k.arg for k in call.keywords],
                          lambda msg: self.source.error(msg, s))
        if spec:
            key = key + spec
        tree_args = csrc.tree.args
        positional = [a.id for a in tree_args.posonlyargs + tree_args.args]
        if len(call.args) > len(positional):
            raise self.source.error(f"too many arguments in the call to {callee.name}", s)
        argmap = dict(zip(positional, call.args))
        for k in call.keywords:
            argmap[k.arg] = k.value
        for n in lifted:  # a container the nested function reads: its display
            tuples = getattr(self, "tuple_vars", {})
            argmap[n] = copy.deepcopy(tuples[n]) if n in tuples else load(n)
        if callee.kind == "local":  # defaults of nested functions are passed explicitly
            defaults = tree_args.defaults
            pairs = list(zip(positional[len(positional) - len(defaults):], defaults))
            pairs += [(a.id, d) for a, d in zip(tree_args.kwonlyargs, tree_args.kw_defaults)
                      if d is not None]
            for p, d in pairs:
                if p not in argmap:
                    # a constant, or the variable that holds the value the default
                    # had when the function was defined (front/desugar.py)
                    assert isinstance(d, (gast.Constant, gast.Name)), d
                    argmap[p] = copy.deepcopy(d)
                    argmap[p].pb_default = True
        params = param_names(tree_args) + lifted  # and the functions they get here
        key += bind_call(csrc, argmap, params, callee.kind == "user", self.body, self.resolver)
        return csrc, lifted, key, argmap, params

    def _build_callee(self, build, argmap, params, is_active):
        """``build(active, containers)`` for a call: a parameter is active when its
        argument is, and a list/tuple display argument holding a differentiated
        value is a container parameter (``g((a, b), c)``), whose active leaves are
        then mapped to their elements in ``argmap``."""
        from pullback.modes.containers import display_leaves, display_structure
        active, containers = [], {}
        for p in params:
            a = argmap.get(p)
            if isinstance(a, (gast.List, gast.Tuple)):
                if any(is_active(x) for x in display_leaves(a)):
                    containers[p] = display_structure(a, is_active)
                    active.append(p)
            elif a is not None and is_active(a):
                active.append(p)
        info = build(tuple(active), containers)
        for p in containers:
            for leaf, elt in zip(info.leaves.get(p, ()), display_leaves(argmap[p])):
                argmap[leaf] = elt
        return info
