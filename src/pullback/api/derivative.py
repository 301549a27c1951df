"""``Derivative``: the object ``pb.grad`` and ``pb.value_and_grad`` return.

It builds its code on first use (:mod:`pullback.api.build`), runs the forward
and adjoint functions, and shapes the gradients like the arguments.
"""

from __future__ import annotations

import functools
import inspect

import numpy as np

from pullback.api.arguments import (check_differentiable, containers_of, regroup, scalar_seed,
                                    wrt_names, wrt_values)
from pullback.api.build import Built, build_reverse
from pullback.api.callables import differentiable
from pullback.api.higher import directional


class Derivative:
    """A derivative function: call it, or read ``.source``."""

    def __init__(self, f, wrt, kind):
        self.inner = None
        if is_gradient(f):
            # grad of a gradient: differentiate the (generated) function that
            # computes the inner derivative along its size-1 argument
            self.inner = f
            f = directional(f.f, f.wrt, unit=True)
        f = differentiable(f)
        self.f = f
        self.kind = kind
        self._wrt_arg = wrt
        self.wrt, self.many = wrt_names(f, wrt)
        sig = inspect.signature(f)
        positional = [p.name for p in sig.parameters.values()
                      if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        self._positions = [positional.index(w) for w in self.wrt] \
            if all(w in positional for w in self.wrt) else None
        functools.update_wrapper(self, f, updated=())
        del self.__wrapped__
        self.__signature__ = sig  # what jacobian, vjp, ... of this derivative bind to
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
        xs = wrt_values(self.f, self.wrt, args, kwargs, self._positions)
        check_differentiable(self.f, args, kwargs, self.wrt, xs)
        containers = containers_of(self.wrt, xs)
        b = build_reverse(self.f, self.wrt, containers) if containers else self.built
        self._containers = containers  # .source shows the code built last
        out, saved = b.fwd(*args, **kwargs)
        grads = b.bwd(saved, scalar_seed(out))
        if len(b.info.active) == 1:
            grads = (grads,)
        grads = regroup(grads, self.wrt, xs, containers)
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


def is_gradient(f) -> bool:
    return isinstance(f, Derivative) and f.kind == "grad"
