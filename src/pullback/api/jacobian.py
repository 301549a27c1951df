"""``pb.jacobian``: row by row from vjps, or column by column from jvps."""

from __future__ import annotations

import functools
import inspect
from typing import Any, Callable

import numpy as np

from pullback.back.origins import relocate
from pullback.api.arguments import check_differentiable, one_hot_rows, refuse_containers, wrt_names
from pullback.api.build import build_forward, build_reverse
from pullback.api.callables import differentiable
from pullback.api.derivative import is_gradient
from pullback.api.transforms import gradient_jvp, gradient_vjp


class Jacobian:
    """``J(*args)``: the Jacobian of ``f``, shape ``out.shape + arg.shape``."""

    def __init__(self, f, wrt, mode):
        if mode not in ("reverse", "forward"):
            raise ValueError(f"mode must be 'reverse' or 'forward', not {mode!r}")
        f = differentiable(f)
        self.f = f
        self.mode = mode
        self.wrt, self.many = wrt_names(f, wrt)
        self.of_gradient = is_gradient(f)  # the Jacobian of a gradient: a Hessian
        if self.of_gradient and (f.many or self.many):
            raise TypeError("pb.jacobian of a gradient needs one wrt for each; use "
                            "pb.hessian, or take one argument at a time")
        functools.update_wrapper(self, f, updated=())
        del self.__wrapped__
        self.__signature__ = inspect.signature(f)
        self.__pullback__ = ("jacobian", f, self.wrt)
        names = list(self.__signature__.parameters)
        kinds = [p.kind for p in self.__signature__.parameters.values()]
        self._positions = [names.index(w) for w in self.wrt] if all(
            kinds[names.index(w)] in (inspect.Parameter.POSITIONAL_ONLY,
                                      inspect.Parameter.POSITIONAL_OR_KEYWORD)
            for w in self.wrt) else None

    @property
    def source(self) -> str:
        if self.of_gradient:
            return self.f.source
        if self.mode == "reverse":
            return build_reverse(self.f, self.wrt).text
        return build_forward(self.f, self.wrt).text

    def check_args(self, *args, **kwargs):
        """Raise TypeError unless these arguments can be differentiated here
        (arrays or floats; no lists or dicts): the command line's ``--example``."""
        self._bind(args, kwargs)

    def _bind(self, args, kwargs):
        check_differentiable(self.f, args, kwargs, self.wrt)
        bound = inspect.signature(self.f).bind(*args, **kwargs)
        bound.apply_defaults()
        xs = [bound.arguments[w] for w in self.wrt]
        refuse_containers("pb.jacobian", self.wrt, xs)
        return bound, xs

    def __call__(self, *args, **kwargs):
        xs = None if kwargs or self.of_gradient else _plain_values(self._positions, args)
        if xs is None:  # anything but floats and float arrays by position: full checks
            bound, xs = self._bind(args, kwargs)
            if self.of_gradient:
                return self._of_gradient(bound, xs[0])
        blocks = self._reverse(args, kwargs, xs) if self.mode == "reverse" else \
            self._forward(args, kwargs, xs)
        per_output = [tuple(b) if self.many else b[0] for b in blocks]
        return tuple(per_output) if self._tuple_out else per_output[0]

    def _reverse(self, args, kwargs, xs):
        """Rows from vjps with one-hot cotangents; blocks[output][argument]."""
        b = build_reverse(self.f, self.wrt)
        try:
            out, saved = b.fwd(*args, **kwargs)
        except Exception as exc:
            relocate(exc)
            raise
        self._tuple_out = b.info.n_outputs is not None
        outs = tuple(out) if self._tuple_out else (out,)
        # rows land in flat views of the blocks; one backward sweep per row, all
        # on the one forward sweep's saved values (the adjoint does not consume them)
        blocks = [[np.zeros(np.shape(o) + np.shape(x)) for x in xs] for o in outs]
        one = len(self.wrt) == 1
        for k, o in enumerate(outs):
            rows = [blk.reshape((np.size(o),) + np.shape(x)) for blk, x in zip(blocks[k], xs)]
            for i, e in enumerate(one_hot_rows(o)):
                e = e if np.ndim(o) else e.reshape(())
                ct = tuple(e if m == k else None for m in range(len(outs))) \
                    if self._tuple_out else e
                try:
                    gs = b.bwd(saved, ct)
                except Exception as exc:
                    relocate(exc)
                    raise
                if one:
                    rows[0][i] = gs
                else:
                    for row, g in zip(rows, gs):
                        row[i] = g
        return blocks

    def _of_gradient(self, bound, x):
        """Rows from vjps of the gradient (reverse over forward), or columns from
        its jvps; each is a Hessian-vector product."""
        if bound.kwargs:
            raise TypeError("pb.jacobian of a gradient takes positional arguments only")
        primals = bound.args
        i = list(bound.signature.parameters).index(self.wrt[0])
        if self.mode == "reverse":
            out, back = gradient_vjp(self.f, primals)
            lines = [back(e if np.ndim(out) else e.reshape(()))[i] for e in one_hot_rows(out)]
            shape = np.shape(out) + np.shape(x)
        else:
            out = None
            lines = []
            for e in one_hot_rows(np.asarray(x, dtype=float)):
                tangents = [None] * len(primals)
                tangents[i] = e if np.ndim(x) else e.reshape(())
                out, t = gradient_jvp(self.f, primals, tangents)
                lines.append(t)
            if out is None:
                out = self.f(*primals)
            shape = np.shape(out) + np.shape(x)
            if lines:
                return np.stack([np.asarray(t, dtype=float) for t in lines],
                                axis=-1).reshape(shape)
        if not lines:
            return np.zeros(shape)
        return np.stack([np.asarray(r, dtype=float) for r in lines]).reshape(shape)

    def _forward(self, args, kwargs, xs):
        """Columns from jvps with one-hot tangents; blocks[output][argument]."""
        b = build_forward(self.f, self.wrt)
        self._tuple_out = b.info.n_outputs is not None
        columns = None  # [output][argument] -> list of tangent columns
        outs = None
        for j, x in enumerate(xs):
            for e in one_hot_rows(x):
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


def _plain_values(positions, args):
    """The ``wrt`` arguments when each is a float or a float ndarray passed by
    position (every check passes for them), else None."""
    if positions is None or any(i >= len(args) for i in positions):
        return None
    xs = [args[i] for i in positions]
    for v in xs:
        t = type(v)
        if not (t is float or t is np.float64 or (t is np.ndarray and v.dtype.kind == "f")):
            return None
    return xs


def jacobian(f: Callable, wrt: Any = 0, mode: str = "reverse") -> Callable:
    """The Jacobian of ``f`` (as ``torch.autograd.functional.jacobian``).

    ``mode="reverse"`` builds it row by row from vjps, ``mode="forward"``
    column by column from jvps; both give the same array.
    """
    return Jacobian(f, wrt, mode)
