"""Building a derivative: one function through every stage, compiled, cached.

``build_reverse`` and ``build_forward`` run the modes' builders on ``f``'s
source and compile the result with :mod:`pullback.back.codegen`. Results are
cached per function object, ``wrt``, structure of list/dict arguments and
dimensions of array arguments. A
cached result is reused only while what it was generated from still holds: the
user rules in force (``registry.generation()``) and every function, class or
module the build resolved by name (``front.resolve.deps_checker``): rebinding a
helper that ``f`` calls gives a new derivative. ``clear_caches`` empties the
caches.
"""

from __future__ import annotations

import threading
import weakref
from typing import Callable

from pullback import runtime
from pullback.back.codegen import compile_units, header, user_modules
from pullback.back.origins import relocate
from pullback.front.decorated import entry_source, origin as describe
from pullback.front.resolve import deps_checker, unique_deps
from pullback.modes.forward import ForwardBuilder
from pullback.modes.reverse import ReverseBuilder
from pullback.rules.registry import generation
from pullback.syntax.naming import Namer

_CACHE = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def structure_key(containers: dict | None) -> tuple:
    """The hashable form of a ``containers`` mapping (parameter name → structure)."""
    return tuple(sorted(containers.items())) if containers else ()


def _key(wrt, containers, ndims, functions) -> tuple:
    """The cache key of one build. ``functions`` (parameter → the function passed)
    count by identity (the build holds them: an id is not reused while cached)."""
    key = (wrt, structure_key(containers), structure_key(ndims))
    if functions:
        key += (tuple(sorted((p, id(o)) for p, o in functions.items())),)
    return key


def _lookup(cache, f, key):
    """The cached build of ``f`` for ``key`` if it is still valid, else None."""
    try:
        per_fn = cache.get(f)
    except TypeError:  # not weak-referenceable: not a Python function either
        entry_source(f)  # refuses it with a message that says so
        raise
    built = per_fn.get(key) if per_fn is not None else None
    if built is not None and built.valid():
        return built
    return None


def _store(cache, f, key, built, builder, gen):
    built.deps = unique_deps(builder.deps)
    # still valid: no user rule registered since, every name resolves as it did
    built.valid = deps_checker(built.deps, f"generation() == {gen}",
                               {"generation": generation})
    with _LOCK:
        per_fn = cache.get(f)
        if per_fn is None:
            per_fn = cache[f] = {}
        per_fn[key] = built
    return built


class Built:
    """The compiled forward/adjoint pair of one function, plus its source text."""

    def __init__(self, fwd, bwd, info, text, functions):
        self.fwd = fwd
        self.bwd = bwd
        self.info = info
        self.text = text
        self.functions = functions


def build_reverse(f: Callable, wrt: tuple[str, ...], containers: dict | None = None,
                  ndims: dict | None = None, passed: dict | None = None) -> Built:
    """Transform ``f`` for reverse mode with respect to ``wrt`` (cached).

    ``containers`` gives the structure of ``wrt`` arguments that are lists or
    tuples of arrays (the derivative is built for that structure); ``ndims`` the
    dimensions of those that are arrays, where known (one build per pattern);
    ``passed`` the functions passed to other parameters (one build each)."""
    key = _key(wrt, containers, ndims, passed)
    built = _lookup(_CACHE, f, key)
    if built is not None:
        return built
    gen = generation()
    source = entry_source(f)
    source.bound.update(passed or {})
    builder = ReverseBuilder(Namer(set()))
    info = builder.reverse(source, wrt, containers=containers, ndims=ndims)
    origin = describe(f, source)
    functions, text = compile_units(builder.units, getattr(f, "__qualname__", "f"),
                                    header(builder.injected, origin,
                                           {"seed": runtime.seed, **_modules(builder)}))
    built = Built(functions[info.fwd], functions[info.bwd], info, text, functions)
    built.passed = passed  # the functions the key names by id, kept alive
    _store(_CACHE, f, key, built, builder, gen)
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
        try:
            result = self.fn(*args, **kw)
        except Exception as exc:
            relocate(exc)
            raise
        k = self.info.n_outputs
        if k is None:
            return result
        return tuple(result[:k]), tuple(result[k:])


_FORWARD_CACHE = weakref.WeakKeyDictionary()


def build_forward(f, wrt: tuple, containers: dict | None = None,
                  ndims: dict | None = None, passed: dict | None = None) -> BuiltForward:
    """Transform ``f`` for forward mode with respect to ``wrt`` (cached)."""
    key = _key(wrt, containers, ndims, passed)
    built = _lookup(_FORWARD_CACHE, f, key)
    if built is not None:
        return built
    gen = generation()
    source = entry_source(f)
    source.bound.update(passed or {})
    builder = ForwardBuilder(Namer(set()))
    info = builder.forward(source, wrt, containers=containers, ndims=ndims)
    origin = describe(f, source)
    functions, text = compile_units(builder.units, getattr(f, "__qualname__", "f") + " jvp",
                                    header(builder.injected, origin, _modules(builder)))
    dot_params = [builder.dot_names[(info.fwd, p)] for p in info.active]
    built = BuiltForward(functions[info.fwd], info, text, dot_params)
    built.passed = passed
    _store(_FORWARD_CACHE, f, key, built, builder, gen)
    return built


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
    with _LOCK:
        _CACHE.clear()
        _FORWARD_CACHE.clear()
        _CLEARED[0] += 1


#: how many times the caches were cleared (a derivative's memo of its last build
#: is kept only while this stays the same)
_CLEARED = [0]


def times_cleared() -> int:
    return _CLEARED[0]
