"""Building a derivative: one function through every stage, compiled, cached.

``build_reverse`` and ``build_forward`` run the modes' builders on ``f``'s
source and compile the result with :mod:`pullback.back.codegen`. Results are
cached per function object and options; ``clear_caches`` empties the caches
(a new user rule changes what would be generated).
"""

from __future__ import annotations

import weakref
from typing import Callable

from pullback import runtime
from pullback.back.codegen import compile_units, header, user_modules
from pullback.front.decorated import entry_source, origin as describe
from pullback.modes.forward import ForwardBuilder
from pullback.modes.reverse import ReverseBuilder
from pullback.syntax.naming import Namer

_CACHE = weakref.WeakKeyDictionary()


class Built:
    """The compiled forward/adjoint pair of one function, plus its source text."""

    def __init__(self, fwd, bwd, info, text, functions):
        self.fwd = fwd
        self.bwd = bwd
        self.info = info
        self.text = text
        self.functions = functions


def build_reverse(f: Callable, wrt: tuple[str, ...], containers: dict | None = None) -> Built:
    """Transform ``f`` for reverse mode with respect to ``wrt`` (cached).

    ``containers`` gives the structure of ``wrt`` arguments that are lists or
    tuples of arrays (the derivative is built for that structure)."""
    per_fn = _cache_of(_CACHE, f)
    key = ("reverse", wrt, tuple(sorted((containers or {}).items())))
    if key in per_fn:
        return per_fn[key]
    source = entry_source(f)
    builder = ReverseBuilder(Namer(set()))
    info = builder.reverse(source, wrt, containers=containers)
    origin = describe(f, source)
    functions, text = compile_units(builder.units, getattr(f, "__qualname__", "f"),
                                    header(builder.injected, origin,
                                           {"seed": runtime.seed, **_modules(builder)}))
    built = Built(functions[info.fwd], functions[info.bwd], info, text, functions)
    per_fn[key] = built
    return built


class BuiltForward:
    """The compiled tangent function of one function, plus its source text."""

    def __init__(self, fn, info, text, dot_params):
        self.fn = fn
        self.info = info
        self.text = text
        self.dot_params = dot_params

    def call(self, args, kwargs, tangents):
        """(out, tangent_out) with one tangent per active parameter."""
        kw = dict(kwargs)
        for name, t in zip(self.dot_params, tangents):
            kw[name] = t
        result = self.fn(*args, **kw)
        k = self.info.n_outputs
        if k is None:
            return result
        return tuple(result[:k]), tuple(result[k:])


_FORWARD_CACHE = weakref.WeakKeyDictionary()


def build_forward(f, wrt: tuple, containers: dict | None = None) -> BuiltForward:
    """Transform ``f`` for forward mode with respect to ``wrt`` (cached)."""
    per_fn = _cache_of(_FORWARD_CACHE, f)
    key = (wrt, tuple(sorted((containers or {}).items())))
    if key in per_fn:
        return per_fn[key]
    source = entry_source(f)
    builder = ForwardBuilder(Namer(set()))
    info = builder.forward(source, wrt, containers=containers)
    origin = describe(f, source)
    functions, text = compile_units(builder.units, getattr(f, "__qualname__", "f") + " jvp",
                                    header(builder.injected, origin, _modules(builder)))
    dot_params = [builder.dot_names[(info.fwd, p)] for p in info.active]
    built = BuiltForward(functions[info.fwd], info, text, dot_params)
    per_fn[key] = built
    return built


def _cache_of(cache, f) -> dict:
    try:
        return cache.setdefault(f, {})
    except TypeError:  # not weak-referenceable: not a Python function either
        entry_source(f)  # refuses it with a message that says so
        raise


def _modules(builder) -> dict:
    """The modules the generated functions read by a global name (``np``), for the
    header: the entry function's, then its callees' (a decorator's wrapper is
    the entry, the function it wraps a callee)."""
    out: dict = {}
    for unit in builder.units[::-1]:
        for name, mod in user_modules(unit.source).items():
            out.setdefault(name, mod)
    return out


def clear_caches() -> None:
    """Forget every derivative built so far (they are rebuilt on next use)."""
    _CACHE.clear()
    _FORWARD_CACHE.clear()
