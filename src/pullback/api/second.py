"""``pb.hvp`` and ``pb.hessian``: reverse mode over the tangent code of ``f``."""

from __future__ import annotations

import functools
import inspect
from typing import Any, Callable

import numpy as np

from pullback.api.arguments import one_hot_rows, refuse_containers, wrt_names
from pullback.api.build import build_forward
from pullback.api.callables import differentiable
from pullback.api.higher import directional
from pullback.api.transforms import grad, gradient_jvp
from pullback.modes.containers import structure


class SecondOrder:
    """Shared by hvp and hessian: reverse mode over the tangent code of ``f``."""

    kind = "hvp"

    def __init__(self, f, wrt):
        f = differentiable(f)
        self.f = f
        (self.w,), _ = wrt_names(f, wrt)
        functools.update_wrapper(self, f, updated=())
        del self.__wrapped__
        self.__pullback__ = (self.kind, f, (self.w,))
        self._grad = None
        self._signature = inspect.signature(f)  # (read once: binding is per call)

    @property
    def directional_grad(self):
        """``grad_w`` of ``(args, direction) ↦ ∇f(args) · direction`` (built once
        for each version of ``f``'s tangent code)."""
        F = directional(self.f, (self.w,), unit=False)  # new when what f calls changed
        d = self._grad
        if d is None or d.f is not F:
            d = grad(F, wrt=self.w)
            self._direction = F.__pullback_directional__[3][0]
            self._grad = d
        return d

    @property
    def source(self) -> str:
        """The generated source: tangent code of ``f`` and its adjoint."""
        d = self.directional_grad
        return build_forward_text(self.f, self.w) + "\n\n" + d.source

    def _along(self, args, kwargs, v):
        bound = self._signature.bind(*args, **kwargs)
        refuse_containers(f"pb.{self.kind}", (self.w,), [bound.arguments.get(self.w)])
        d = self.directional_grad
        return d(*args, **kwargs, **{self._direction: v})


def build_forward_text(f, w):
    return build_forward(f, (w,)).text


class Hvp(SecondOrder):
    """``hv(*args, v=...)``: the Hessian-vector product, without forming the Hessian."""

    def __call__(self, *args, v, **kwargs):
        bound = self._signature.bind(*args, **kwargs)
        if not kwargs and structure(bound.arguments.get(self.w)) is not None:
            # a list/dict argument: the tangent of its gradient along v (reverse over
            # forward as well, built for the argument's structure)
            names = list(bound.arguments)
            tangents = [v if n == self.w else None for n in names[:len(args)]]
            return gradient_jvp(grad(self.f, wrt=self.w), args, tangents)[1]
        return self._along(args, kwargs, v)


class Hessian(SecondOrder):
    """``H(*args)``: the Hessian, shape ``arg.shape + arg.shape``."""

    kind = "hessian"

    def __call__(self, *args, **kwargs):
        bound = self._signature.bind(*args, **kwargs)
        x = bound.arguments[self.w]
        refuse_containers("pb.hessian", (self.w,), [x])
        rows = [self._along(args, kwargs, e if np.ndim(x) else e.reshape(()))
                for e in one_hot_rows(np.asarray(x, dtype=float))]
        if not rows:
            return np.zeros(np.shape(x) * 2)
        return np.stack(rows).reshape(np.shape(x) + np.shape(x))


def hvp(f: Callable, wrt: Any = 0) -> Callable:
    """``hv(*args, v=...)``: the Hessian-vector product (reverse over forward mode)."""
    return Hvp(f, wrt)


def hessian(f: Callable, wrt: Any = 0) -> Callable:
    """``H(*args)``: the Hessian, shape ``arg.shape + arg.shape`` (reverse over forward)."""
    return Hessian(f, wrt)
