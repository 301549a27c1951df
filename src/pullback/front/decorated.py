"""The function ``pb.grad(f)`` differentiates, when ``f`` is decorated.

A decorator made with ``functools.wraps`` returns a *different* function (the
wrapper) that shows the signature of the one it wraps (``__wrapped__``).
Calling ``f`` runs the wrapper, so the wrapper's code is what is
differentiated; the function it wraps is a callee like any other. Users (and
``wrt``) see the wrapped signature, often ``(x)``, while the wrapper takes
``(*args, **kwargs)``. The entry point is then a small generated forwarder with
the signature users see::

    def loss(x):
        return decorated(x)     # decorated: the wrapper object

whose call binds the wrapper's ``*args``/``**kwargs`` to real arguments
(:mod:`pullback.front.varargs`).
"""

from __future__ import annotations

import builtins
import inspect
import linecache
import os

from pullback.errors import UnsupportedError
from pullback.front.parse import Source, get_source

_count = [0]


def _params(sig):
    return [(p.name, p.kind, p.default) for p in sig.parameters.values()]


def entry_source(fn) -> Source:
    """The Source of the function the user differentiates."""
    if not inspect.isfunction(fn) or getattr(fn, "__wrapped__", None) is None:
        return get_source(fn, entry=True)
    try:
        public = inspect.signature(fn)
        own = inspect.signature(fn, follow_wrapped=False)
    except (TypeError, ValueError):
        return get_source(fn, entry=True)
    same = len(_params(public)) == len(_params(own)) and all(
        a[0] == b[0] and a[1] == b[1] and a[2] is b[2]
        for a, b in zip(_params(public), _params(own)))
    if same:
        return get_source(fn, entry=True)
    return get_source(_forwarder(fn, public), entry=True)


def origin(fn, source: Source) -> str:
    """``name (file.py:line)`` of what was differentiated, for the generated header
    (for a decorated function: where the function it wraps is defined)."""
    filename, line = source.filename, source.tree.lineno
    if getattr(source.fn, "__pullback_forwards__", None) is fn:
        code = inspect.unwrap(fn).__code__
        filename, line = code.co_filename, code.co_firstlineno
    return f"{getattr(fn, '__qualname__', 'f')} ({os.path.basename(filename)}:{line})"


def _forwarder(fn, sig):
    """``def name(<sig>): return decorated(<its parameters>)``, compiled."""
    names = {p.name for p in sig.parameters.values()}
    ref = "decorated"
    while ref in names:
        ref += "_"
    scope = {"__builtins__": builtins, "__name__": "pullback_generated", ref: fn}
    params, args = [], []
    star = slash = False
    for i, p in enumerate(sig.parameters.values()):
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            wrapped = inspect.unwrap(fn)
            raise UnsupportedError(
                f"{fn.__qualname__} takes *{p.name} or **{p.name}; a function with *args "
                "or **kwargs cannot be differentiated directly: name each parameter",
                wrapped.__code__.co_filename, wrapped.__code__.co_firstlineno)
        if p.kind is p.POSITIONAL_ONLY:
            slash = True
        elif slash:
            params.append("/")
            slash = False
        if p.kind is p.KEYWORD_ONLY and not star:
            params.append("*")
            star = True
        text = p.name
        if p.default is not p.empty:
            scope[f"_default{i}"] = p.default
            text += f"=_default{i}"
        params.append(text)
        args.append(p.name if p.kind is not p.KEYWORD_ONLY else f"{p.name}={p.name}")
    if slash:
        params.append("/")
    name = fn.__name__ if fn.__name__.isidentifier() else "decorated_function"
    text = (f"def {name}({', '.join(params)}):\n"
            f"    return {ref}({', '.join(args)})\n")
    _count[0] += 1
    filename = f"<pullback: {fn.__qualname__} as decorated #{_count[0]}>"
    linecache.cache[filename] = (len(text), None, text.splitlines(True), filename)
    exec(compile(text, filename, "exec"), scope)
    scope[name].__pullback_forwards__ = fn
    return scope[name]
