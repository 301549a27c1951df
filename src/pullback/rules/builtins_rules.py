"""Rules of Python builtins and of the ``math`` module (scalar floats).

``sum(seq)``: the reverse rule's first entry is a list with one cotangent per
element (like ``np.concatenate``); the forward rule receives ``t`` as a
sequence of tangents, ``None`` meaning zero. ``min``/``max`` are the
two-argument forms, with torch's tie convention (the gradient is split in
half, like ``np.minimum``/``np.maximum``). Bodies use ``np`` functions, which
accept Python floats.
"""

import builtins
import math

import numpy as np

from .registry import jvp_of, nondifferentiable, vjp_of
from .support_shape import fanout, sum_parts
@vjp_of(builtins.sum)
def sum_vjp(g, ans, iterable, start=0):
    return fanout(g, iterable), g


@jvp_of(builtins.sum)
def sum_jvp(t, ans, iterable, start=0):
    return sum_parts(t, ans), t


# Python's max(a, b) *returns* one of its arguments (b only if b > a), so the whole
# gradient goes to the one returned -- what torch gives for max(a, b) on tensors.
@vjp_of(builtins.max)
def max_vjp(g, ans, a, b):
    return g * np.where(b > a, 0.0, 1.0), g * np.where(b > a, 1.0, 0.0)


@jvp_of(builtins.max)
def max_jvp(t, ans, a, b):
    return t * np.where(b > a, 0.0, 1.0), t * np.where(b > a, 1.0, 0.0)


@vjp_of(builtins.min)
def min_vjp(g, ans, a, b):
    return g * np.where(b < a, 0.0, 1.0), g * np.where(b < a, 1.0, 0.0)


@jvp_of(builtins.min)
def min_jvp(t, ans, a, b):
    return t * np.where(b < a, 0.0, 1.0), t * np.where(b < a, 1.0, 0.0)


@vjp_of(builtins.pow)
def pow_vjp(g, ans, base, exp, mod=None):
    return (g * np.where(exp == 0, 0.0, exp * np.power(base, exp - 1.0)),
            g * np.where((base == 0) & (exp >= 0), 0.0, ans * np.log(base)))


@jvp_of(builtins.pow)
def pow_jvp(t, ans, base, exp, mod=None):
    return (t * np.where(exp == 0, 0.0, exp * np.power(base, exp - 1.0)),
            t * np.where((base == 0) & (exp >= 0), 0.0, ans * np.log(base)))


@vjp_of(math.log)
def math_log_vjp(g, ans, x, base=None):
    return g / (x * (1.0 if base is None else np.log(base)))


@jvp_of(math.log)
def math_log_jvp(t, ans, x, base=None):
    return t / (x * (1.0 if base is None else np.log(base)))


nondifferentiable(builtins.len, builtins.range, builtins.int, builtins.bool, builtins.round,
                  builtins.isinstance, builtins.print, math.floor, math.ceil, builtins.enumerate,
                  builtins.type, math.isnan, math.isinf, math.isfinite, family="builtins")
