"""What a transform differentiates: the user's function as written, or a small
generated function standing in for a callable whose source pullback does not
read.

- A primitive with derivative rules (``np.sin``, ``np.sum``, a function given
  ``pb.defvjp``) is differentiated through its rules, exactly as when a
  differentiated function calls it: ``pb.grad(np.sin)`` transforms
  ``def sin(x): return np.sin(x)``.
- A Jacobian made by ``pb.jacobian`` becomes its generated Jacobian function
  (:func:`pullback.api.higher.jacobian_function`), so it can be differentiated
  again.
"""

from __future__ import annotations

import inspect
import types

import numpy as np

from pullback.api.higher import base_name, generated, jacobian_function
from pullback.rules.registry import is_nondifferentiable, lookup

#: ``unbind``'s instance for a function that is not a bound method
NOT_BOUND = object()

_WRAPPERS: dict = {}  # primitive -> generated function (ufuncs cannot be weakly referenced)


def differentiable(f):
    """``f``, or the generated function a transform should read instead."""
    made = getattr(f, "__pullback__", None)
    if made is not None:
        kind, inner, wrt = made
        if kind == "jacobian":
            if len(wrt) != 1:
                raise TypeError("differentiating a Jacobian with several wrt arguments is not "
                                "supported; take one wrt at a time")
            return jacobian_function(inner, wrt[0])
        return f
    rule = lookup(f)
    if not ((rule is not None and (rule.vjp is not None or rule.jvp is not None))
            or is_nondifferentiable(f)):
        return f
    try:
        if f in _WRAPPERS:
            return _WRAPPERS[f]
    except TypeError:  # unhashable: not a registered primitive anyway
        return f
    wrapper = _wrapper(f)
    if wrapper is not None:
        _WRAPPERS[f] = wrapper
        return wrapper
    return f


def unbind(f):
    """``(function, instance)`` for a bound method of a Python function, whose
    instance is then passed as a constant first argument (its attributes read
    live at each call); ``(f, NOT_BOUND)`` for anything else."""
    if inspect.ismethod(f) and isinstance(f.__func__, types.FunctionType):
        return f.__func__, f.__self__
    return f, NOT_BOUND


def _numpy_path(f):
    """``np.sin`` / ``np.linalg.norm``: how generated code names a NumPy function."""
    mod, name = getattr(f, "__module__", None) or "", getattr(f, "__name__", "")
    if mod != "numpy" and not mod.startswith("numpy."):
        return None
    obj, path = np, ["np"]
    for part in mod.split(".")[1:] + [name]:
        obj = getattr(obj, part, None)
        path.append(part)
    return ".".join(path) if obj is f else None


def _wrapper(f):
    """``def name(params): return f(params)`` with ``f``'s positional parameters
    (all of them, with defaults, for a Python function; the required ones for a
    NumPy function, whose options stay at their defaults)."""
    if isinstance(f, np.ufunc):
        pos, kwonly = (["x"] if f.nin == 1 else [f"x{i + 1}" for i in range(f.nin)]), []
        like = None
    else:
        try:
            sig = inspect.signature(f)
        except (TypeError, ValueError):
            return None
        ps = list(sig.parameters.values())
        if isinstance(f, types.FunctionType):
            if any(p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in ps):
                return None
            pos = [p.name for p in ps if p.kind != p.KEYWORD_ONLY]
            kwonly = [p.name for p in ps if p.kind == p.KEYWORD_ONLY]
            like = f
        else:
            pos = [p.name for p in ps if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
                   and p.default is p.empty]
            kwonly, like = [], None
    fname = base_name(f)
    while fname in pos or fname in kwonly:
        fname += "_"
    callee = _numpy_path(f)
    scope = {}
    if callee is None:
        callee = fname + "_primitive"
        while callee in pos or callee in kwonly:
            callee += "_"
        scope[callee] = f
    params = ", ".join(pos + (["*"] + kwonly if kwonly else []))
    args = ", ".join(pos + [f"{k}={k}" for k in kwonly])
    text = f"def {fname}({params}):\n    return {callee}({args})\n"
    return generated(fname, text, scope, like=like)
