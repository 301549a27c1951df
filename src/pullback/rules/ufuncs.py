"""Rules of NumPy's elementwise functions (ufuncs and friends).

Conventions follow PyTorch: ``abs'(0) = 0``; ``maximum``/``minimum`` split the
gradient in half on ties; ``fmax``/``fmin`` give it to the first argument on
ties; ``clip`` passes it where ``a_min <= a <= a_max`` (bounds inclusive);
``sqrt'(0) = inf``; rounding, sign and predicates have zero derivative.
"""

import builtins
import math

import numpy as np

from .registry import jvp_of, nondifferentiable, vjp_of
from .support import clip_mask
from .support_complex import abs_sign
# ---------------------------------------------------------------- powers and logs
@vjp_of(np.sqrt, math.sqrt)
def sqrt_vjp(g, ans, x):
    return g / (2 * ans)


@jvp_of(np.sqrt, math.sqrt)
def sqrt_jvp(t, ans, x):
    return t / (2 * ans)


@vjp_of(np.cbrt)
def cbrt_vjp(g, ans, x):
    return g / (3 * ans * ans)


@jvp_of(np.cbrt)
def cbrt_jvp(t, ans, x):
    return t / (3 * ans * ans)


@vjp_of(np.square)
def square_vjp(g, ans, x):
    return g * 2 * x


@jvp_of(np.square)
def square_jvp(t, ans, x):
    return t * 2 * x


@vjp_of(np.reciprocal)
def reciprocal_vjp(g, ans, x):
    return -g * ans * ans


@jvp_of(np.reciprocal)
def reciprocal_jvp(t, ans, x):
    return -t * ans * ans


@vjp_of(np.exp, math.exp)
def exp_vjp(g, ans, x):
    return g * ans


@jvp_of(np.exp, math.exp)
def exp_jvp(t, ans, x):
    return t * ans


@vjp_of(np.exp2)
def exp2_vjp(g, ans, x):
    return g * ans * np.log(2.0)


@jvp_of(np.exp2)
def exp2_jvp(t, ans, x):
    return t * ans * np.log(2.0)


@vjp_of(np.expm1)
def expm1_vjp(g, ans, x):
    return g * (ans + 1)


@jvp_of(np.expm1)
def expm1_jvp(t, ans, x):
    return t * (ans + 1)


@vjp_of(np.log)
def log_vjp(g, ans, x):
    return g / x


@jvp_of(np.log)
def log_jvp(t, ans, x):
    return t / x


@vjp_of(np.log2)
def log2_vjp(g, ans, x):
    return g / (x * np.log(2.0))


@jvp_of(np.log2)
def log2_jvp(t, ans, x):
    return t / (x * np.log(2.0))


@vjp_of(np.log10)
def log10_vjp(g, ans, x):
    return g / (x * np.log(10.0))


@jvp_of(np.log10)
def log10_jvp(t, ans, x):
    return t / (x * np.log(10.0))


@vjp_of(np.log1p)
def log1p_vjp(g, ans, x):
    return g / (x + 1)


@jvp_of(np.log1p)
def log1p_jvp(t, ans, x):
    return t / (x + 1)


@vjp_of(np.float_power, broadcasting=True)
def float_power_vjp(g, ans, x, y):
    return (g * np.where(y == 0, 0.0, y * np.float_power(x, y - 1)),
            g * np.where((x == 0) & (y >= 0), 0.0, ans * np.log(x)))


@jvp_of(np.float_power)
def float_power_jvp(t, ans, x, y):
    return (t * np.where(y == 0, 0.0, y * np.float_power(x, y - 1)),
            t * np.where((x == 0) & (y >= 0), 0.0, ans * np.log(x)))


@vjp_of(np.logaddexp, broadcasting=True)
def logaddexp_vjp(g, ans, x, y):
    return g * np.exp(x - ans), g * np.exp(y - ans)


@jvp_of(np.logaddexp)
def logaddexp_jvp(t, ans, x, y):
    return t * np.exp(x - ans), t * np.exp(y - ans)


@vjp_of(np.logaddexp2, broadcasting=True)
def logaddexp2_vjp(g, ans, x, y):
    return g * np.exp2(x - ans), g * np.exp2(y - ans)


@jvp_of(np.logaddexp2)
def logaddexp2_jvp(t, ans, x, y):
    return t * np.exp2(x - ans), t * np.exp2(y - ans)


# ---------------------------------------------------------------- kinks
@vjp_of(np.abs, np.absolute, np.fabs, builtins.abs)
def abs_vjp(g, ans, x):
    # abs_sign: sign(x), conjugated for a complex x (rules/complex_parts.py)
    return g * abs_sign(x)


@jvp_of(np.abs, np.absolute, np.fabs, builtins.abs)
def abs_jvp(t, ans, x):
    return np.real(t * abs_sign(x))


@vjp_of(np.maximum, broadcasting=True)
def maximum_vjp(g, ans, x1, x2):
    return (g * np.where(x1 > x2, 1.0, np.where(x1 == x2, 0.5, 0.0)),
            g * np.where(x2 > x1, 1.0, np.where(x1 == x2, 0.5, 0.0)))


@jvp_of(np.maximum)
def maximum_jvp(t, ans, x1, x2):
    return (t * np.where(x1 > x2, 1.0, np.where(x1 == x2, 0.5, 0.0)),
            t * np.where(x2 > x1, 1.0, np.where(x1 == x2, 0.5, 0.0)))


@vjp_of(np.minimum, broadcasting=True)
def minimum_vjp(g, ans, x1, x2):
    return (g * np.where(x1 < x2, 1.0, np.where(x1 == x2, 0.5, 0.0)),
            g * np.where(x2 < x1, 1.0, np.where(x1 == x2, 0.5, 0.0)))


@jvp_of(np.minimum)
def minimum_jvp(t, ans, x1, x2):
    return (t * np.where(x1 < x2, 1.0, np.where(x1 == x2, 0.5, 0.0)),
            t * np.where(x2 < x1, 1.0, np.where(x1 == x2, 0.5, 0.0)))


@vjp_of(np.fmax, broadcasting=True)
def fmax_vjp(g, ans, x1, x2):
    first = (x1 >= x2) | np.isnan(x2)
    return g * np.where(first, 1.0, 0.0), g * np.where(first, 0.0, 1.0)


@jvp_of(np.fmax)
def fmax_jvp(t, ans, x1, x2):
    first = (x1 >= x2) | np.isnan(x2)
    return t * np.where(first, 1.0, 0.0), t * np.where(first, 0.0, 1.0)


@vjp_of(np.fmin, broadcasting=True)
def fmin_vjp(g, ans, x1, x2):
    first = (x1 <= x2) | np.isnan(x2)
    return g * np.where(first, 1.0, 0.0), g * np.where(first, 0.0, 1.0)


@jvp_of(np.fmin)
def fmin_jvp(t, ans, x1, x2):
    first = (x1 <= x2) | np.isnan(x2)
    return t * np.where(first, 1.0, 0.0), t * np.where(first, 0.0, 1.0)


@vjp_of(np.clip, broadcasting=True)
def clip_vjp(g, ans, a, a_min=None, a_max=None, out=None, min=None, max=None):
    lo = min if a_min is None else a_min
    hi = max if a_max is None else a_max
    return (g * clip_mask(a, lo, hi, 0),
            None if lo is None else g * clip_mask(a, lo, hi, -1),
            None if hi is None else g * clip_mask(a, lo, hi, 1))


@jvp_of(np.clip)
def clip_jvp(t, ans, a, a_min=None, a_max=None, out=None, min=None, max=None):
    lo = min if a_min is None else a_min
    hi = max if a_max is None else a_max
    return (t * clip_mask(a, lo, hi, 0),
            None if lo is None else t * clip_mask(a, lo, hi, -1),
            None if hi is None else t * clip_mask(a, lo, hi, 1))


@vjp_of(np.ndarray.clip, broadcasting=True)
def clip_method_vjp(g, ans, a, min=None, max=None):
    return (g * clip_mask(a, min, max, 0),
            None if min is None else g * clip_mask(a, min, max, -1),
            None if max is None else g * clip_mask(a, min, max, 1))


@jvp_of(np.ndarray.clip)
def clip_method_jvp(t, ans, a, min=None, max=None):
    return (t * clip_mask(a, min, max, 0),
            None if min is None else t * clip_mask(a, min, max, -1),
            None if max is None else t * clip_mask(a, min, max, 1))


@vjp_of(np.where, broadcasting=True)
def where_vjp(g, ans, condition, x, y):
    return None, np.where(condition, g, 0.0), np.where(condition, 0.0, g)


@jvp_of(np.where)
def where_jvp(t, ans, condition, x, y):
    return None, np.where(condition, t, 0.0), np.where(condition, 0.0, t)


# ---------------------------------------------------------------- no derivative
nondifferentiable(
    np.floor, np.ceil, np.round, np.around, np.rint, np.trunc, np.fix, np.sign,
    np.isnan, np.isfinite, np.isinf, np.signbit, np.isclose, np.allclose,
    np.array_equal, np.any, np.all,
    np.argmax, np.argmin, np.argsort, np.nonzero, np.flatnonzero, np.count_nonzero,
    np.argwhere, np.searchsorted, np.shape, np.ndim, np.size,
    np.ndarray.argmax, np.ndarray.argmin, np.ndarray.argsort, np.ndarray.nonzero,
    np.ndarray.round, np.ndarray.any, np.ndarray.all,
    np.ndarray.shape, np.ndarray.ndim, np.ndarray.size, np.ndarray.dtype,
    family="ufuncs")

nondifferentiable(
    np.zeros, np.ones, np.empty, np.full, np.zeros_like, np.ones_like, np.empty_like,
    np.full_like, np.arange, np.logspace, np.eye, np.identity,
    np.tri, np.indices,
    family="constructors")
