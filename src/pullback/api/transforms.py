"""The first-order transforms: ``grad``, ``value_and_grad``, ``vjp``, ``jvp``,
and vjp/jvp of a gradient (second order, by reverse over forward mode).

Each derivative function is built once per (function, wrt, mode, structure of
list/dict arguments) the first time it is called or its ``.source`` is read,
and cached; later calls run only the generated code.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

import numpy as np

from pullback.back.origins import relocate
from pullback.api.arguments import (array_ndims, containers_of, float_positions, function_args,
                                    param_names,
                                    regroup)
from pullback.api.build import build_forward, build_reverse
from pullback.api.callables import NOT_BOUND, differentiable, unbind
from pullback.api.derivative import Derivative, is_gradient
from pullback.api.higher import directional
from pullback.modes.containers import flatten, structure


def grad(f: Callable | None = None, wrt: Any = 0, has_aux: bool = False) -> Callable:
    """The gradient of scalar-valued ``f`` with respect to ``wrt``.

    Usable as ``pb.grad(f)``, ``pb.grad(f, wrt=(0, "w"))`` or a bare ``@pb.grad``.
    ``has_aux=True``: ``f`` returns ``(loss, aux)``; the result is ``(gradient, aux)``
    (as ``jax.grad``), ``aux`` passed through undifferentiated.
    """
    if f is None:
        return lambda fn: grad(fn, wrt, has_aux)
    return Derivative(f, wrt, "grad", has_aux)


def value_and_grad(f: Callable | None = None, wrt: Any = 0, has_aux: bool = False) -> Callable:
    """Like :func:`grad`, returning ``(value, gradient)`` from one pass; with
    ``has_aux=True``, ``((loss, aux), gradient)``."""
    if f is None:
        return lambda fn: value_and_grad(fn, wrt, has_aux)
    return Derivative(f, wrt, "value_and_grad", has_aux)


def vjp(f: Callable, *primals) -> tuple[Any, Callable]:
    """``(out, back)``: ``back(cotangent)`` returns one cotangent per primal.

    This is torch's ``y.backward(gradient=v)``; for a tuple output the cotangent
    is a tuple of the same structure (``None`` entries count as zeros).
    """
    if is_gradient(f):
        return gradient_vjp(f, primals)
    f, instance = unbind(f)
    if instance is not NOT_BOUND:  # the instance: a constant first argument
        out, back = vjp_bound(f, instance, primals)

        def back_visible(cotangent):  # no cotangent for the instance
            return back(cotangent)[1:]

        back_visible.source = back.source
        return out, back_visible
    return vjp_bound(differentiable(f), NOT_BOUND, primals)


def vjp_bound(f, instance, primals):
    """:func:`vjp` of ``f`` with ``instance`` (unless ``NOT_BOUND``) as a constant
    first argument before ``primals``."""
    skip = 0 if instance is NOT_BOUND else 1
    names = param_names(f)
    positions = [i + skip for i in float_positions(primals) if i + skip < len(names)]
    if skip:
        primals = (instance,) + tuple(primals)
    floats = tuple(names[i] for i in positions)
    values = [primals[i] for i in positions]
    containers = containers_of(floats, values)
    b = build_reverse(f, floats, containers, array_ndims(floats, values))
    try:
        out, saved = b.fwd(*held(primals))
    except Exception as exc:
        relocate(exc)
        raise

    def back(cotangent):
        if b.info.n_outputs is None:
            ct = _shaped_like(cotangent, out, 0)
        else:
            ct = tuple(_shaped_like(c, o, i) for i, (c, o) in enumerate(zip(cotangent, out)))
        try:
            grads = b.bwd(saved, ct) if b.info.active else ()
        except Exception as exc:
            relocate(exc)
            raise
        if len(b.info.active) == 1:
            grads = (grads,)
        grads = [np.array(g, copy=True) for g in grads]  # never the caller's own array
        by_name = dict(zip(floats, regroup(grads, floats, values, containers)))
        return tuple(by_name.get(n) for n in names[:len(primals)])

    back.source = b.text
    return out, back


def jvp(f: Callable, primals: Sequence, tangents: Sequence) -> tuple[Any, Any]:
    """``(out, tangent_out)`` by forward mode (tangent code), as ``torch.func.jvp``.

    ``tangents`` has one entry per primal; ``None`` (or an integer primal) means
    no tangent.
    """
    primals, tangents = tuple(primals), tuple(tangents)
    if len(primals) != len(tangents):
        raise ValueError("jvp needs one tangent per primal")
    if is_gradient(f):
        return gradient_jvp(f, primals, tangents)
    f, instance = unbind(f)
    f = differentiable(f)
    names = param_names(f)
    active = float_positions(primals, tangents)
    if instance is not NOT_BOUND:  # the instance: a constant first argument
        active = [i + 1 for i in active]
        primals, tangents = (instance,) + tuple(primals), (None,) + tuple(tangents)
    wrt = tuple(names[i] for i in active)
    containers = containers_of(wrt, [primals[i] for i in active])
    b = build_forward(f, wrt, containers, array_ndims(wrt, [primals[i] for i in active]),
                      function_args(f, wrt, primals, {}))
    leaf_tangents = []
    for i, w in zip(active, wrt):
        leaf_tangents += flatten(tangents[i], containers.get(w))
    return b.call(primals, {}, leaf_tangents)


def gradient_jvp(d, primals, tangents):
    """jvp of ``grad_W f``: the gradient over W of ``∇f · tangents`` (reverse over forward)."""
    names = param_names(d.f)
    active = float_positions(primals, tangents)
    out = d(*primals)
    if not active:
        zero = tuple(np.zeros_like(np.asarray(o, dtype=float)) for o in
                     (out if d.many else (out,)))
        return out, (zero if d.many else zero[0])
    containers = {names[i]: structure(primals[i]) for i in active
                  if structure(primals[i]) is not None}  # (lists/dicts of arrays)
    F = directional(d.f, tuple(names[i] for i in active), unit=False, containers=containers)
    dirs = dict(zip(F.__pullback_directional__[3], (tangents[i] for i in active)))
    t_out = grad(F, wrt=d.wrt if d.many else d.wrt[0])(*primals, **dirs)
    return out, t_out


def gradient_vjp(d, primals):
    """vjp of ``grad_w f``: by symmetry of second derivatives, the gradient of
    ``∇_w f · u`` over every float argument."""
    if d.many:
        raise TypeError("pb.vjp of a gradient with several wrt arguments is not supported; "
                        "take one wrt at a time")
    primals = held(primals)
    out = d(*primals)
    F = directional(d.f, d.wrt, unit=False)
    floats = float_positions(primals)

    def back(u):
        gs = grad(F, wrt=tuple(floats))(*primals, **{F.__pullback_directional__[3][0]: u})
        by = dict(zip(floats, gs))
        return tuple(by.get(i) for i in range(len(primals)))

    return out, back


def held(value):
    """``value`` with every array in it copied: ``back()`` may run after the
    caller changed an input in place, and must give the derivative at the values
    of the call (the saved state refers to the arrays it was given)."""
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, tuple):
        items = [held(v) for v in value]
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
    if isinstance(value, list):
        return [held(v) for v in value]
    if isinstance(value, dict):
        return {k: held(v) for k, v in value.items()}
    return value


def _shaped_like(ct, out, i):
    """A cotangent must have its output's shape (generated code relies on it), or
    broadcast to it; ``None`` means zero. Anything else is refused, as torch's
    ``backward(gradient=...)`` refuses it."""
    if ct is None or not isinstance(out, (np.ndarray, np.generic, float, int)):
        return ct
    if np.shape(ct) == np.shape(out):
        return ct
    try:  # a smaller one that broadcasts (1.0 for ones) stands for its broadcast
        if np.broadcast_shapes(np.shape(ct), np.shape(out)) == np.shape(out):
            return np.broadcast_to(ct, np.shape(out))
    except ValueError:
        pass
    raise ValueError(f"the cotangent for output {i} has shape {np.shape(ct)}, but the "
                     f"output has shape {np.shape(out)}; pass one of the output's shape")
