"""Higher-order derivatives by transforming generated code again.

The derivative of ``f`` along a direction, ``∇f · t``, is the tangent output
of ``f``'s forward-mode code. Wrapped as a small generated function (with
source, like any other), it can be handed to every transform again:

- Hessian-vector product: reverse mode of ``x ↦ ∇f(x) · v`` gives ``H v``;
- ``grad(grad(f))`` for a scalar argument: ``x ↦ ∇f(x) · 1`` *is* the first
  derivative, so any transform of it is a second derivative (and so on);
- a Jacobian as a function, ``x ↦ [∇f(x) · e_j]_j``, so a Jacobian can be
  differentiated again (``pb.jacobian(pb.jacobian(f))``).

Generated functions keep ``f``'s parameters, defaults and keyword-only
parameters; directions are extra keyword-only parameters.
"""

from __future__ import annotations

import builtins
import inspect
import linecache
import weakref

import gast
import numpy as np

from pullback import runtime
from pullback.analysis.facts import identifier
from pullback.api.build import build_forward
from pullback.modes.containers import active_leaves, leaf_paths
from pullback.syntax.astutil import unparse

_count = [0]

_DIRECTIONAL = weakref.WeakKeyDictionary()
_JACOBIAN = weakref.WeakKeyDictionary()


def generated(fname: str, text: str, scope: dict, like=None):
    """Compile the source ``text`` of one function ``fname`` (registered in
    linecache, so pullback can read it back), with ``like``'s defaults."""
    _count[0] += 1
    filename = f"<pullback {fname} def #{_count[0]}>"  # not a compile_units name
    linecache.cache[filename] = (len(text), None, text.splitlines(True), filename)
    scope = {"np": np, "__builtins__": builtins, "__name__": "pullback_generated", **scope}
    exec(compile(text, filename, "exec"), scope)
    fn = scope[fname]
    if like is not None:
        fn.__defaults__ = like.__defaults__
        fn.__kwdefaults__ = dict(like.__kwdefaults__) if like.__kwdefaults__ else None
    fn.source_text = text
    return fn


def base_name(f) -> str:
    """A name for functions generated from ``f`` (always an identifier)."""
    name = getattr(f, "__name__", "")
    return "lambda" if name == "<lambda>" else identifier(name, "f")


def _parameters(f):
    """(positional names, keyword-only names) of ``f``; no ``*args``/``**kwargs``."""
    sig = inspect.signature(f)
    if any(p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in sig.parameters.values()):
        raise TypeError(f"higher derivatives of {base_name(f)} need named parameters "
                        "(no *args or **kwargs)")
    pos = [p.name for p in sig.parameters.values() if p.kind != p.KEYWORD_ONLY]
    kwonly = [p.name for p in sig.parameters.values() if p.kind == p.KEYWORD_ONLY]
    return pos, kwonly


def _fresh(base, taken):
    while base in taken:
        base += "_"
    taken.add(base)
    return base


def directional(f, wrt: tuple, unit: bool, containers=None):
    """A generated function for the derivative of ``f`` along a direction (built
    once per function, ``wrt``, ``unit`` and structure of list/dict arguments, so
    derivatives of it are cached too)."""
    containers = containers or {}
    per_fn = _DIRECTIONAL.setdefault(f, {})
    key = (wrt, unit, tuple(sorted(containers.items(), key=lambda kv: kv[0])))
    fn = per_fn.get(key)
    # valid while f's tangent code is (build_forward checks what it depends on)
    if fn is None or build_forward(f, wrt, containers or None) is not fn.__pullback_forward__:
        fn = per_fn[key] = _directional(f, wrt, unit, containers)
    return fn


def _direction_parts(w, d, containers):
    """The direction given for each tangent parameter of ``w``: ``d`` itself, or
    for a list/dict argument its differentiated leaves (``d[0][1]``, ``d["W"]``)."""
    st = containers.get(w)
    if st is None:
        return [d]
    paths = leaf_paths(st, gast.Name(id=d, ctx=gast.Load(), annotation=None,
                                     type_comment=None))
    active = set(active_leaves(st, list(range(len(paths)))))
    return [unparse(p).strip() for i, p in enumerate(paths) if i in active]


def _directional(f, wrt: tuple, unit: bool, containers=None):
    """A generated function for the derivative of ``f`` along a direction.

    ``unit=False``: ``F(*params, **directions) = ∇f · directions`` (one
    keyword-only direction per ``wrt`` parameter, named in
    ``F.__pullback_directional__[3]``). ``unit=True``: ``F(*params) = ∇f · ones``,
    the derivative with respect to a size-1 argument.
    """
    containers = containers or {}
    fb = build_forward(f, wrt, containers or None)
    pos, kwonly = _parameters(f)
    taken = set(pos) | set(kwonly)
    dirs = [] if unit else [_fresh(w + "_dir", taken) for w in wrt]
    label = "_".join(wrt)
    fname = f"{base_name(f)}_d_{label}" if unit else f"{base_name(f)}_dir_{label}"
    jvp_name = _fresh(fb.info.fwd, taken | {fname})
    star = kwonly + dirs
    params = ", ".join(pos + (["*"] + star if star else []))
    parts = [f"np.ones_like({w})" for w in wrt] if unit else \
        [e for w, d in zip(wrt, dirs) for e in _direction_parts(w, d, containers)]
    kws = [f"{k}={k}" for k in kwonly] + [f"{dot}={e}" for dot, e in zip(fb.dot_params, parts)]
    text = (f"def {fname}({params}):\n"
            f"    out, out_dot = {jvp_name}({', '.join(pos + kws)})\n"
            f"    return out_dot\n")
    fn = generated(fname, text, {jvp_name: fb.fn}, like=f)
    fn.__pullback_directional__ = (f, wrt, unit, dirs)
    fn.__pullback_forward__ = fb
    return fn


def jacobian_function(f, w: str):
    """``J(*params)``: the Jacobian of ``f`` with respect to ``w`` as a generated
    function, one column ``∇f · e_j`` per element of ``w`` (shape
    ``out.shape + w.shape``), so it can be differentiated like any function."""
    per_fn = _JACOBIAN.setdefault(f, {})
    if w not in per_fn:
        if build_forward(f, (w,)).info.n_outputs is not None:
            raise TypeError(f"differentiating the Jacobian of {base_name(f)} again needs one "
                            "array output, not a tuple; take one output at a time")
        F = directional(f, (w,), unit=False)
        pos, kwonly = _parameters(f)
        taken = set(pos) | set(kwonly)
        fname = f"{base_name(f)}_jacobian_{w}"
        dname, onehot = _fresh(F.__name__, taken | {fname}), _fresh("one_hot", taken)
        cols, j, jac = _fresh("columns", taken), _fresh("j", taken), _fresh("jac", taken)
        params = ", ".join(pos + (["*"] + kwonly if kwonly else []))
        args = ", ".join(pos + [f"{k}={k}" for k in kwonly] +
                         [f"{F.__pullback_directional__[3][0]}={onehot}({w}, {j})"])
        text = (f"def {fname}({params}):\n"
                f"    {cols} = []\n"
                f"    for {j} in range(np.size({w})):\n"
                f"        {cols}.append({dname}({args}))\n"
                f"    {jac} = np.stack({cols}, axis=-1)\n"
                f"    return np.reshape({jac}, np.shape({jac})[:-1] + np.shape({w}))\n")
        per_fn[w] = generated(fname, text, {dname: F, onehot: runtime.one_hot}, like=f)
    return per_fn[w]


def clear_cache() -> None:
    """Forget the directional functions built so far."""
    _DIRECTIONAL.clear()
    _JACOBIAN.clear()
