"""``Derivative``: the object ``pb.grad`` and ``pb.value_and_grad`` return.

It builds its code on first use (:mod:`pullback.api.build`), runs the forward
and adjoint functions, and shapes the gradients like the arguments.
"""

from __future__ import annotations

import functools
import inspect

import numpy as np

from pullback.back.origins import relocate
from pullback.api.arguments import (array_ndims, as_gradient, check_differentiable,
                                    containers_of, function_args, regroup,
                                    regroup_source, scalar_seed, wrt_names, wrt_values)
from pullback.api.build import Built, build_reverse, times_cleared
from pullback.api.callables import NOT_BOUND, differentiable, unbind
from pullback.api.higher import directional


class Derivative:
    """A derivative function: call it, or read ``.source``."""

    def __init__(self, f, wrt, kind, has_aux=False):
        self.inner = None
        self.has_aux = has_aux
        f, self.instance = unbind(f)  # a bound method: its function, and the instance
        skip = 0 if self.instance is NOT_BOUND else 1
        if is_gradient(f):
            # grad of a gradient: differentiate the (generated) function that
            # computes the inner derivative along its size-1 argument
            self.inner = f
            f = directional(f.f, f.wrt, unit=True)
        f = differentiable(f)
        self.f = f
        self.kind = kind
        self._wrt_arg = wrt
        self.wrt, self.many = wrt_names(f, wrt, skip)
        sig = inspect.signature(f)
        positional = [p.name for p in sig.parameters.values()
                      if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        self._positions = [positional.index(w) for w in self.wrt] \
            if all(w in positional for w in self.wrt) else None
        self._past = max(self._positions) if self._positions else -1
        functools.update_wrapper(self, f, updated=())
        del self.__wrapped__
        if skip:  # users call it without the instance
            sig = sig.replace(parameters=list(sig.parameters.values())[1:])
        self.__signature__ = sig  # what jacobian, vjp, ... of this derivative bind to
        # with aux or a bound instance it is not an ordinary gradient: transforms
        # and nested calls refuse it rather than differentiate it as one
        plain = not has_aux and not skip
        self.__pullback__ = (kind if plain else kind + " (has_aux or bound)", f, self.wrt)
        self._last_containers = None
        self._last_ndims = None
        self._last_functions = None
        self._memo = None  # (dimensions, build) of the last plain call

    @property
    def built(self) -> Built:
        """The code for the argument structure of the last call (arrays before any)."""
        return build_reverse(self._function(), self.wrt, self._last_containers, self._last_ndims,
                             self._last_functions)

    @property
    def source(self) -> str:
        """The generated Python source of this derivative (for the argument
        structure of the last call; arrays before any call)."""
        containers, ndims = self._last_containers, self._last_ndims  # one structure
        b = build_reverse(self._function(), self.wrt, containers, ndims, self._last_functions)
        name = self.f.__name__
        seed = "(seed(out[0]), None)" if self.has_aux else "seed(out)"
        result = "out, grads" if self.kind == "value_and_grad" else "grads"
        if self.has_aux and self.kind == "grad":
            result = "grads, out[1]"
        extra = (f"\n\ndef {name}_{self.kind}(*args, **kwargs):\n"
                 f"    out, saved = {b.info.fwd}(*args, **kwargs)\n"
                 f"    grads = {b.info.bwd}(saved, {seed})\n"
                 + regroup_source(self.wrt, containers, self.many, len(b.info.active))
                 + f"    return {result}\n")
        return b.text + extra

    def _function(self):
        """The function differentiated. For a gradient of a gradient, the inner
        one's directional function, current (rebuilt when what it calls changed)."""
        if self.inner is None:
            return self.f
        f = directional(self.inner._function(), self.inner.wrt, unit=True)
        self.f = f
        return f

    def build_for(self, *args, **kwargs) -> Built:
        """Build (without running) the code for the structure of these arguments,
        so that ``.source`` shows it: what the command line's ``--example`` uses
        for a function with list, tuple or dict parameters."""
        if self.instance is not NOT_BOUND:
            args = (self.instance,) + args
        return self._prepare(args, kwargs)[2]

    def _prepare(self, args, kwargs):
        """(xs, containers, built) for a call with these arguments."""
        f = self.f
        if self.inner is not None:
            self.inner.check_scalar_wrt(args, kwargs)
            f = self._function()
        if not kwargs and self._positions is not None and self._past < len(args):
            xs = [args[i] for i in self._positions]  # wrt_values's fast path, inlined
        else:
            xs = wrt_values(f, self.wrt, args, kwargs, self._positions)
        ndims = _plain_ndims(self.wrt, xs)
        if ndims is None:  # lists, dicts, ints, subclasses: the full checks
            check_differentiable(f, args, kwargs, self.wrt, xs)
            containers = containers_of(self.wrt, xs)
            # built for this call's structure; nothing shared between calls is read here
            ndims = array_ndims(self.wrt, xs)
        else:
            containers = {}
        functions = function_args(f, self.wrt, args, kwargs)
        memo = self._memo
        if not containers and functions is None and self.inner is None:
            # a plain call like the last: its build, if nothing it depends on changed
            dims = (tuple(ndims.items()), times_cleared())
            if memo is not None and memo[0] == dims and memo[1].valid():
                b = memo[1]
            else:
                b = build_reverse(f, self.wrt, containers, ndims, functions)
                self._memo = (dims, b)
        else:
            b = build_reverse(f, self.wrt, containers, ndims, functions)
        if self.has_aux and b.info.n_outputs != 2:
            raise TypeError(f"has_aux=True needs {f.__qualname__} to return a pair "
                            "(loss, aux) written as a tuple in its return statement, e.g. "
                            "`return loss, aux`; it returns one value")
        self._last_containers = containers or None  # for .source only
        self._last_ndims = ndims or None
        self._last_functions = functions
        return xs, containers, b

    def __call__(self, *args, **kwargs):
        if self.instance is not NOT_BOUND:
            args = (self.instance,) + args
        xs, containers, b = self._prepare(args, kwargs)
        try:
            out, saved = b.fwd(*args, **kwargs)
            if self.has_aux:
                out = tuple(out)
                grads = b.bwd(saved, (scalar_seed(out[0]), None))
            else:
                grads = b.bwd(saved, scalar_seed(out))
        except Exception as exc:  # show the user's line beside the generated one
            relocate(exc)
            raise
        if len(b.info.active) == 1:
            grads = (grads,)
        grads = _fresh(grads, xs) if not containers else \
            regroup(grads, self.wrt, xs, containers)
        result = grads if self.many else grads[0]
        if self.kind == "value_and_grad":
            return out, result  # with aux, out is (loss, aux)
        if self.has_aux:
            return result, out[1]
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


def _plain_ndims(wrt, xs):
    """``array_ndims`` when every ``wrt`` value is a float or a float ndarray (the
    checks of ``check_differentiable`` pass, no containers), else None: the
    common call's fast path."""
    ndims = {}
    for w, v in zip(wrt, xs):
        t = type(v)
        if t is np.ndarray:
            if v.dtype.kind != "f":
                return None
            if v.ndim:
                ndims[w] = v.ndim
        elif t is not float and t is not np.float64:
            return None
    return ndims


def _fresh(grads, xs):
    """``regroup`` without containers: a fresh float array of the argument's
    dtype and shape is returned as it is, anything else goes through
    ``as_gradient``."""
    out = []
    for g, x in zip(grads, xs):
        if type(g) is np.ndarray and type(x) is np.ndarray and g.dtype == x.dtype and \
                x.dtype.kind == "f" and g.base is None and g.shape == x.shape and \
                g.flags.writeable:
            out.append(g)
        elif type(x) is float and type(g) is np.float64:
            out.append(g)
        elif type(x) is float and (type(g) is float or not np.iscomplexobj(g)):
            out.append(np.float64(g))
        else:
            out.append(as_gradient(g, x))
    return tuple(out)


def is_gradient(f) -> bool:
    """An ordinary gradient (no aux output, no bound instance): one that
    transforms can differentiate again."""
    return isinstance(f, Derivative) and f.kind == "grad" and not f.has_aux and \
        f.instance is NOT_BOUND
