"""The public transforms: grad, value_and_grad, vjp, jvp, jacobian, hessian, hvp.

Each derivative function is built once per (function, wrt, mode, structure of
list/dict arguments) the first time it is called or its ``.source`` is read,
and cached; later calls run only the generated code.
"""

from __future__ import annotations

import functools
import inspect
import os
import numbers
import weakref
from typing import Any, Callable, Sequence

import numpy as np

from .codegen import compile_units, header, user_modules
from .containers import flatten, structure, unflatten
from .naming import Namer
from .parse import get_source
from .transform import Builder

_CACHE: "weakref.WeakKeyDictionary[Callable, dict]" = weakref.WeakKeyDictionary()


class Built:
    """The compiled forward/adjoint pair of one function, plus its source text."""

    def __init__(self, fwd, bwd, info, text, functions):
        self.fwd = fwd
        self.bwd = bwd
        self.info = info
        self.text = text
        self.functions = functions


def _param_names(f) -> list[str]:
    sig = inspect.signature(f)
    return [p.name for p in sig.parameters.values()]


def _wrt_names(f, wrt) -> tuple[tuple[str, ...], bool]:
    """(parameter names, whether the user asked for a tuple)."""
    names = _param_names(f)
    many = isinstance(wrt, (tuple, list))
    items = list(wrt) if many else [wrt]
    out = []
    for w in items:
        if isinstance(w, bool) or not isinstance(w, (int, str)):
            raise TypeError(f"wrt must be parameter indices or names, got {w!r}")
        if isinstance(w, int):
            if not -len(names) <= w < len(names):
                raise TypeError(f"wrt={w} but {f.__name__} has {len(names)} parameters")
            out.append(names[w])
        else:
            if w not in names:
                raise TypeError(f"wrt={w!r}: {f.__name__} has no parameter named {w!r}")
            out.append(w)
    return tuple(out), many


def build_reverse(f: Callable, wrt: tuple[str, ...], containers: dict | None = None) -> Built:
    """Transform ``f`` for reverse mode with respect to ``wrt`` (cached).

    ``containers`` gives the structure of ``wrt`` arguments that are lists or
    tuples of arrays (the derivative is built for that structure)."""
    per_fn = _CACHE.setdefault(f, {})
    key = ("reverse", wrt, tuple(sorted((containers or {}).items())))
    if key in per_fn:
        return per_fn[key]
    source = get_source(f)
    builder = Builder(Namer(set()))
    info = builder.reverse(source, wrt, containers=containers)
    from . import runtime
    origin = f"{getattr(f, '__qualname__', 'f')} ({os.path.basename(source.filename)}:{source.tree.lineno})"
    functions, text = compile_units(builder.units, getattr(f, "__qualname__", "f"),
                                    header(builder.injected, origin,
                                           {"seed": runtime.seed, **user_modules(source)}))
    built = Built(functions[info.fwd], functions[info.bwd], info, text, functions)
    per_fn[key] = built
    return built


def _wrt_values(f, wrt, args, kwargs, positions=None):
    """The arguments named in ``wrt``, by position when possible (fast path)."""
    if not kwargs and positions is not None and all(i < len(args) for i in positions):
        return [args[i] for i in positions]
    bound = inspect.signature(f).bind(*args, **kwargs)
    bound.apply_defaults()
    return [bound.arguments.get(w) for w in wrt]


def _check_differentiable(f, args, kwargs, wrt, values=None):
    if values is None:
        values = _wrt_values(f, wrt, args, kwargs)
    for w, v in zip(wrt, values):
        for leaf in flatten(v, structure(v)):
            if isinstance(leaf, (bool, np.bool_)) or (isinstance(leaf, numbers.Integral)) or \
                    (isinstance(leaf, np.ndarray) and not np.issubdtype(leaf.dtype, np.inexact)):
                raise TypeError(f"cannot differentiate with respect to `{w}`: it is (or holds) "
                                f"an integer or boolean value ({type(leaf).__name__}); "
                                "pass floats")
            if np.iscomplexobj(leaf):
                raise TypeError(f"cannot differentiate with respect to `{w}`: complex values "
                                "are not supported (pass the real and imaginary parts as "
                                "separate float arrays)")


def _containers(wrt, values) -> dict:
    """The structure of each list/tuple argument in ``wrt`` (see containers.py)."""
    out = {}
    for w, v in zip(wrt, values):
        st = structure(v)
        if st is not None:
            out[w] = st
    return out


def _refuse_containers(what, wrt, values):
    """Jacobians and Hessians are arrays: their arguments must be arrays too."""
    for w, v in zip(wrt, values):
        if structure(v) is not None:
            raise TypeError(f"{what} needs an array (or float) for `{w}`, not a "
                            f"{type(v).__name__}; for lists or dicts of arrays use pb.grad, "
                            "pb.vjp or pb.jvp, or stack them into one array")


def _regroup(grads, wrt, values, containers):
    """The flat adjoints returned by generated code → one gradient per argument,
    each shaped like its argument (lists and tuples rebuilt)."""
    out, it = [], iter(grads)
    for w, v in zip(wrt, values):
        st = containers.get(w)
        if st is None:
            out.append(_as_gradient(next(it), v))
        else:
            leaves = flatten(v, st)
            out.append(unflatten([_as_gradient(next(it), x) for x in leaves], st))
    return tuple(out)


def _scalar_seed(out):
    if isinstance(out, (float, int, np.floating, np.integer)) and not isinstance(out, bool):
        return 1.0 if isinstance(out, (float, int)) else np.ones_like(out)
    if isinstance(out, np.ndarray) and out.size == 1:
        return np.ones_like(out)
    shape = getattr(out, "shape", type(out).__name__)
    raise ValueError(f"the function's output is not a scalar (its shape is {shape}); "
                     "grad needs a scalar output. Use pb.vjp(f, *args) with a "
                     "cotangent for non-scalar outputs")


def _as_gradient(g, x):
    """The gradient shaped and typed like its argument ``x``."""
    if isinstance(x, np.ndarray):
        dtype = x.dtype if np.issubdtype(x.dtype, np.inexact) else np.float64
        if isinstance(g, np.ndarray) and g.base is None and g.dtype == dtype and \
                g.shape == x.shape and g.flags.writeable:
            return g  # already a fresh array of the right kind
        return np.array(np.broadcast_to(g, x.shape), dtype=dtype)
    if isinstance(x, np.generic):
        return x.dtype.type(g)
    if isinstance(x, float):
        return np.float64(g)
    return g


class Derivative:
    """A derivative function: call it, or read ``.source``."""

    def __init__(self, f, wrt, kind):
        self.inner = None
        if _is_gradient(f):
            # grad of a gradient: differentiate the (generated) function that
            # computes the inner derivative along its size-1 argument
            from .higher import directional
            self.inner = f
            f = directional(f.f, f.wrt, unit=True)
        self.f = f
        self.kind = kind
        self._wrt_arg = wrt
        self.wrt, self.many = _wrt_names(f, wrt)
        sig = inspect.signature(f)
        positional = [p.name for p in sig.parameters.values()
                      if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        self._positions = [positional.index(w) for w in self.wrt] \
            if all(w in positional for w in self.wrt) else None
        functools.update_wrapper(self, f, updated=())
        del self.__wrapped__
        self.__pullback__ = (kind, f, self.wrt)

    @property
    def built(self) -> Built:
        return build_reverse(self.f, self.wrt, getattr(self, "_containers", None))

    @property
    def source(self) -> str:
        """The generated Python source of this derivative."""
        b = self.built
        name = self.f.__name__
        extra = (f"\n\ndef {name}_{self.kind}(*args, **kwargs):\n"
                 f"    out, saved = {b.info.fwd}(*args, **kwargs)\n"
                 f"    grads = {b.info.bwd}(saved, seed(out))\n"
                 + ("    return out, grads\n" if self.kind == "value_and_grad" else
                    "    return grads\n"))
        return b.text + extra

    def __call__(self, *args, **kwargs):
        if self.inner is not None:
            self.inner.check_scalar_wrt(args, kwargs)
        xs = _wrt_values(self.f, self.wrt, args, kwargs, self._positions)
        _check_differentiable(self.f, args, kwargs, self.wrt, xs)
        containers = _containers(self.wrt, xs)
        b = build_reverse(self.f, self.wrt, containers) if containers else self.built
        self._containers = containers  # .source shows the code built last
        out, saved = b.fwd(*args, **kwargs)
        grads = b.bwd(saved, _scalar_seed(out))
        if len(b.info.active) == 1:
            grads = (grads,)
        grads = _regroup(grads, self.wrt, xs, containers)
        result = grads if self.many else grads[0]
        if self.kind == "value_and_grad":
            return out, result
        return result

    def check_scalar_wrt(self, args, kwargs):
        """Differentiating this gradient again needs it to be a scalar."""
        bound = inspect.signature(self.f).bind(*args, **kwargs)
        for w in self.wrt:
            if np.size(bound.arguments[w]) != 1 or self.kind != "grad":
                raise ValueError(
                    f"the output of {self!r} is not a scalar (its argument `{w}` has "
                    f"shape {np.shape(bound.arguments[w])}); grad needs a scalar output. "
                    "Use pb.hessian, pb.hvp or pb.vjp instead")

    def __repr__(self):
        return f"<pullback {self.kind} of {self.f.__qualname__} wrt {self.wrt}>"


def _is_gradient(f) -> bool:
    return isinstance(f, Derivative) and f.kind == "grad"


def grad(f: Callable | None = None, wrt: Any = 0) -> Callable:
    """The gradient of scalar-valued ``f`` with respect to ``wrt``.

    Usable as ``pb.grad(f)``, ``pb.grad(f, wrt=(0, "w"))`` or a bare ``@pb.grad``.
    """
    if f is None:
        return lambda fn: grad(fn, wrt)
    return Derivative(f, wrt, "grad")


def value_and_grad(f: Callable | None = None, wrt: Any = 0) -> Callable:
    """Like :func:`grad`, returning ``(value, gradient)`` from one pass."""
    if f is None:
        return lambda fn: value_and_grad(fn, wrt)
    return Derivative(f, wrt, "value_and_grad")


def vjp(f: Callable, *primals) -> tuple[Any, Callable]:
    """``(out, back)``: ``back(cotangent)`` returns one cotangent per primal.

    This is torch's ``y.backward(gradient=v)``; for a tuple output the cotangent
    is a tuple of the same structure (``None`` entries count as zeros).
    """
    if _is_gradient(f):
        return _gradient_vjp(f, primals)
    names = _param_names(f)
    positions = [i for i in _float_positions(primals) if i < len(names)]
    floats = tuple(names[i] for i in positions)
    values = [primals[i] for i in positions]
    containers = _containers(floats, values)
    b = build_reverse(f, floats, containers)
    out, saved = b.fwd(*primals)

    def back(cotangent):
        if b.info.n_outputs is None:
            ct = cotangent
        else:
            ct = tuple(cotangent)
        grads = b.bwd(saved, ct) if b.info.active else ()
        if len(b.info.active) == 1:
            grads = (grads,)
        grads = [np.array(g, copy=True) for g in grads]  # never the caller's own array
        by_name = dict(zip(floats, _regroup(grads, floats, values, containers)))
        return tuple(by_name.get(n) for n in names[:len(primals)])

    back.source = b.text
    return out, back


def _one_hot_rows(out):
    """Cotangents e_i for every element of ``out`` (the rows of a Jacobian)."""
    flat = np.zeros(np.size(out), dtype=np.result_type(np.asarray(out).dtype, np.float64))
    for i in range(flat.size):
        e = flat.copy()
        e[i] = 1.0
        yield e.reshape(np.shape(out))


class Jacobian:
    """``J(*args)``: the Jacobian of ``f``, shape ``out.shape + arg.shape``."""

    def __init__(self, f, wrt, mode):
        if mode not in ("reverse", "forward"):
            raise ValueError(f"mode must be 'reverse' or 'forward', not {mode!r}")
        self.f = f
        self.mode = mode
        self.wrt, self.many = _wrt_names(f, wrt)
        functools.update_wrapper(self, f, updated=())
        del self.__wrapped__
        self.__pullback__ = ("jacobian", f, self.wrt)

    @property
    def source(self) -> str:
        if self.mode == "reverse":
            return build_reverse(self.f, self.wrt).text
        from .forward import build_forward
        return build_forward(self.f, self.wrt).text

    def __call__(self, *args, **kwargs):
        _check_differentiable(self.f, args, kwargs, self.wrt)
        bound = inspect.signature(self.f).bind(*args, **kwargs)
        bound.apply_defaults()
        xs = [bound.arguments[w] for w in self.wrt]
        _refuse_containers("pb.jacobian", self.wrt, xs)
        blocks = self._reverse(args, kwargs, xs) if self.mode == "reverse" else \
            self._forward(args, kwargs, xs)
        per_output = [tuple(b) if self.many else b[0] for b in blocks]
        return tuple(per_output) if self._tuple_out else per_output[0]

    def _reverse(self, args, kwargs, xs):
        """Rows from vjps with one-hot cotangents; blocks[output][argument]."""
        b = build_reverse(self.f, self.wrt)
        out, saved = b.fwd(*args, **kwargs)
        self._tuple_out = b.info.n_outputs is not None
        outs = tuple(out) if self._tuple_out else (out,)
        blocks = [[np.zeros(np.shape(o) + np.shape(x)) for x in xs] for o in outs]
        for k, o in enumerate(outs):
            for i, e in enumerate(_one_hot_rows(o)):
                e = e if np.ndim(o) else e.reshape(())
                ct = tuple(e if m == k else None for m in range(len(outs))) \
                    if self._tuple_out else e
                gs = b.bwd(saved, ct)
                gs = (gs,) if len(self.wrt) == 1 else gs
                idx = np.unravel_index(i, np.shape(o))
                for blk, g in zip(blocks[k], gs):
                    blk[idx] = g
        return blocks

    def _forward(self, args, kwargs, xs):
        """Columns from jvps with one-hot tangents; blocks[output][argument]."""
        from .forward import build_forward
        b = build_forward(self.f, self.wrt)
        self._tuple_out = b.info.n_outputs is not None
        columns = None  # [output][argument] -> list of tangent columns
        outs = None
        for j, x in enumerate(xs):
            for e in _one_hot_rows(x):
                tangents = [np.zeros_like(np.asarray(v, dtype=float)) for v in xs]
                tangents[j] = e if np.ndim(x) else e.reshape(())
                out, t_out = b.call(args, kwargs, tangents)
                outs = tuple(out) if self._tuple_out else (out,)
                t_outs = tuple(t_out) if self._tuple_out else (t_out,)
                if columns is None:
                    columns = [[[] for _ in xs] for _ in outs]
                for k, t in enumerate(t_outs):
                    columns[k][j].append(np.asarray(t))
        if outs is None:  # every argument is empty: one call for the output shapes
            out = self.f(*args, **kwargs)
            outs = tuple(out) if self._tuple_out else (out,)
            columns = [[[] for _ in xs] for _ in outs]
        return [[(np.stack(columns[k][j], axis=-1) if columns[k][j] else
                  np.zeros(np.shape(o) + (0,))).reshape(np.shape(o) + np.shape(x))
                 for j, x in enumerate(xs)] for k, o in enumerate(outs)]


def jacobian(f: Callable, wrt: Any = 0, mode: str = "reverse") -> Callable:
    """The Jacobian of ``f`` (as ``torch.autograd.functional.jacobian``).

    ``mode="reverse"`` builds it row by row from vjps, ``mode="forward"``
    column by column from jvps; both give the same array.
    """
    return Jacobian(f, wrt, mode)


def jvp(f: Callable, primals: Sequence, tangents: Sequence) -> tuple[Any, Any]:
    """``(out, tangent_out)`` by forward mode (tangent code), as ``torch.func.jvp``.

    ``tangents`` has one entry per primal; ``None`` (or an integer primal) means
    no tangent.
    """
    from .forward import build_forward
    primals, tangents = tuple(primals), tuple(tangents)
    if len(primals) != len(tangents):
        raise ValueError("jvp needs one tangent per primal")
    if _is_gradient(f):
        return _gradient_jvp(f, primals, tangents)
    names = _param_names(f)
    active = _float_positions(primals, tangents)
    wrt = tuple(names[i] for i in active)
    containers = _containers(wrt, [primals[i] for i in active])
    b = build_forward(f, wrt, containers)
    leaf_tangents = []
    for i, w in zip(active, wrt):
        leaf_tangents += flatten(tangents[i], containers.get(w))
    return b.call(primals, {}, leaf_tangents)


def _float_positions(primals, tangents=None):
    """Positions of the arguments that carry derivatives (floats, or lists of them)."""
    out = []
    for i, p in enumerate(primals):
        if tangents is not None and tangents[i] is None:
            continue
        leaves = flatten(p, structure(p))
        if any(np.iscomplexobj(v) for v in leaves):
            raise TypeError(f"argument {i} is complex: complex values are not supported "
                            "(pass the real and imaginary parts as separate float arrays)")
        if all(isinstance(v, (bool, np.bool_, numbers.Integral)) or
               (isinstance(v, np.ndarray) and not np.issubdtype(v.dtype, np.inexact))
               for v in leaves):
            continue
        out.append(i)
    return out


def _gradient_jvp(d, primals, tangents):
    """jvp of ``grad_W f``: the gradient over W of ``∇f · tangents`` (reverse over forward)."""
    from .higher import directional
    names = _param_names(d.f)
    active = _float_positions(primals, tangents)
    out = d(*primals)
    if not active:
        zero = tuple(np.zeros_like(np.asarray(o, dtype=float)) for o in
                     (out if d.many else (out,)))
        return out, (zero if d.many else zero[0])
    F = directional(d.f, tuple(names[i] for i in active), unit=False)
    dirs = [tangents[i] for i in active]
    t_out = grad(F, wrt=d.wrt if d.many else d.wrt[0])(*primals, *dirs)
    return out, t_out


def _gradient_vjp(d, primals):
    """vjp of ``grad_w f``: by symmetry of second derivatives, the gradient of
    ``∇_w f · u`` over every float argument."""
    from .higher import directional
    if d.many:
        raise TypeError("pb.vjp of a gradient with several wrt arguments is not supported; "
                        "take one wrt at a time")
    out = d(*primals)
    F = directional(d.f, d.wrt, unit=False)
    floats = _float_positions(primals)

    def back(u):
        gs = grad(F, wrt=tuple(floats))(*primals, u)
        by = dict(zip(floats, gs))
        return tuple(by.get(i) for i in range(len(primals)))

    return out, back


class _SecondOrder:
    """Shared by hvp and hessian: reverse mode over the tangent code of ``f``."""

    kind = "hvp"

    def __init__(self, f, wrt):
        self.f = f
        (self.w,), _ = _wrt_names(f, wrt)
        functools.update_wrapper(self, f, updated=())
        del self.__wrapped__
        self.__pullback__ = (self.kind, f, (self.w,))
        self._grad = None

    @property
    def directional_grad(self):
        """``grad_w`` of ``(args, direction) ↦ ∇f(args) · direction`` (built once)."""
        if self._grad is None:
            from .higher import directional
            F = directional(self.f, (self.w,), unit=False)
            self._direction = F.__pullback_directional__[3][0]
            self._grad = grad(F, wrt=self.w)
        return self._grad

    @property
    def source(self) -> str:
        """The generated source: tangent code of ``f`` and its adjoint."""
        d = self.directional_grad
        return build_forward_text(self.f, self.w) + "\n\n" + d.source

    def _along(self, args, kwargs, v):
        bound = inspect.signature(self.f).bind(*args, **kwargs)
        _refuse_containers(f"pb.{self.kind}", (self.w,), [bound.arguments.get(self.w)])
        d = self.directional_grad
        return d(*args, **kwargs, **{self._direction: v})


def build_forward_text(f, w):
    from .forward import build_forward
    return build_forward(f, (w,)).text


class Hvp(_SecondOrder):
    """``hv(*args, v=...)``: the Hessian-vector product, without forming the Hessian."""

    def __call__(self, *args, v, **kwargs):
        return self._along(args, kwargs, v)


class Hessian(_SecondOrder):
    """``H(*args)``: the Hessian, shape ``arg.shape + arg.shape``."""

    kind = "hessian"

    def __call__(self, *args, **kwargs):
        bound = inspect.signature(self.f).bind(*args, **kwargs)
        x = bound.arguments[self.w]
        rows = [self._along(args, kwargs, e if np.ndim(x) else e.reshape(()))
                for e in _one_hot_rows(np.asarray(x, dtype=float))]
        if not rows:
            return np.zeros(np.shape(x) * 2)
        return np.stack(rows).reshape(np.shape(x) + np.shape(x))


def hvp(f: Callable, wrt: Any = 0) -> Callable:
    """``hv(*args, v=...)``: the Hessian-vector product (reverse over forward mode)."""
    return Hvp(f, wrt)


def hessian(f: Callable, wrt: Any = 0) -> Callable:
    """``H(*args)``: the Hessian, shape ``arg.shape + arg.shape`` (reverse over forward)."""
    return Hessian(f, wrt)
