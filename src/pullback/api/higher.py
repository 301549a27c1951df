"""Higher-order derivatives by transforming generated code again.

The derivative of ``f`` along a direction, ``∇f · t``, is the tangent output
of ``f``'s forward-mode code. Wrapped as a small generated function (with
source, like any other), it can be handed to every transform again:

- Hessian-vector product: reverse mode of ``x ↦ ∇f(x) · v`` gives ``H v``;
- ``grad(grad(f))`` for a scalar argument: ``x ↦ ∇f(x) · 1`` *is* the first
  derivative, so any transform of it is a second derivative (and so on).
"""

from __future__ import annotations

import builtins
import inspect
import linecache
import weakref

import numpy as np

from pullback.api.build import build_forward

_count = [0]

_DIRECTIONAL = weakref.WeakKeyDictionary()


def directional(f, wrt: tuple, unit: bool):
    """A generated function for the derivative of ``f`` along a direction (built
    once per function, ``wrt`` and ``unit``, so derivatives of it are cached too)."""
    per_fn = _DIRECTIONAL.setdefault(f, {})
    fn = per_fn.get((wrt, unit))
    # valid while f's tangent code is (build_forward checks what it depends on)
    if fn is None or build_forward(f, wrt) is not fn.__pullback_forward__:
        fn = per_fn[(wrt, unit)] = _directional(f, wrt, unit)
    return fn


def _directional(f, wrt: tuple, unit: bool):
    """A generated function for the derivative of ``f`` along a direction.

    ``unit=False``: ``F(*params, *directions) = ∇f · directions`` (one direction
    per ``wrt`` parameter). ``unit=True``: ``F(*params) = ∇f · ones``, the
    derivative with respect to a size-1 argument.
    """
    fb = build_forward(f, wrt)
    sig = inspect.signature(f)
    names = [p.name for p in sig.parameters.values()]
    if any(p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD, p.KEYWORD_ONLY)
           for p in sig.parameters.values()):
        raise TypeError("higher derivatives need a function with positional parameters only")
    dirs = []
    for w in wrt:
        d = w + "_dir"
        while d in names or d in dirs:
            d += "_"
        dirs.append(d)
    label = "_".join(wrt)
    fname = f"{f.__name__}_d_{label}" if unit else f"{f.__name__}_dir_{label}"
    jvp_name = fb.info.fwd
    params = ", ".join(names + ([] if unit else dirs))
    kws = ", ".join(f"{dot}=" + (f"np.ones_like({w})" if unit else d)
                    for dot, w, d in zip(fb.dot_params, wrt, dirs))
    call_args = ", ".join(names)
    text = (f"def {fname}({params}):\n"
            f"    out, out_dot = {jvp_name}({call_args}, {kws})\n"
            f"    return out_dot\n")
    _count[0] += 1
    filename = f"<pullback {fname} #{_count[0]}>"
    linecache.cache[filename] = (len(text), None, text.splitlines(True), filename)
    scope = {"np": np, jvp_name: fb.fn, "__builtins__": builtins, "__name__": "pullback_generated"}
    exec(compile(text, filename, "exec"), scope)
    fn = scope[fname]
    fn.__defaults__ = None
    if sig.parameters and any(p.default is not p.empty for p in sig.parameters.values()):
        fn.__defaults__ = tuple(p.default for p in sig.parameters.values()
                                if p.default is not p.empty) if unit else None
    fn.__pullback_directional__ = (f, wrt, unit, dirs)
    fn.__pullback_forward__ = fb
    fn.source_text = text
    return fn


def clear_cache() -> None:
    """Forget the directional functions built so far."""
    _DIRECTIONAL.clear()
