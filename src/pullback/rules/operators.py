"""Rules of Python's arithmetic operators and their NumPy functions.

``x + y`` is differentiated with the rule of ``np.add``, ``x @ y`` with
``np.matmul``, and so on (see ``OPERATOR_FUNCTIONS``). Conventions follow
PyTorch (``pow``: derivative 0 where the exponent is 0; ``x ** y`` with
respect to ``y`` is 0 where ``x == 0`` and ``y >= 0``).
"""

import numpy as np

from ..runtime import matmul_lhs_vjp, matmul_rhs_vjp
from .registry import jvp_of, nondifferentiable, vjp_of


@vjp_of(np.add, broadcasting=True)
def add_vjp(g, ans, x, y):
    return g, g


@jvp_of(np.add)
def add_jvp(t, ans, x, y):
    return t, t


@vjp_of(np.subtract, broadcasting=True)
def subtract_vjp(g, ans, x, y):
    return g, -g


@jvp_of(np.subtract)
def subtract_jvp(t, ans, x, y):
    return t, -t


@vjp_of(np.multiply, broadcasting=True)
def multiply_vjp(g, ans, x, y):
    return g * y, g * x


@jvp_of(np.multiply)
def multiply_jvp(t, ans, x, y):
    return t * y, x * t


@vjp_of(np.divide, broadcasting=True)
def divide_vjp(g, ans, x, y):
    return g / y, -g * x / (y * y)


@jvp_of(np.divide)
def divide_jvp(t, ans, x, y):
    return t / y, -t * x / (y * y)


@vjp_of(np.power, broadcasting=True)
def power_vjp(g, ans, x, y):
    return (g * np.where(y == 0, 0.0, y * x ** (y - 1)),
            g * np.where((x == 0) & (y >= 0), 0.0, ans * np.log(x)))


@jvp_of(np.power)
def power_jvp(t, ans, x, y):
    return (t * np.where(y == 0, 0.0, y * x ** (y - 1)),
            t * np.where((x == 0) & (y >= 0), 0.0, ans * np.log(x)))


@vjp_of(np.negative)
def negative_vjp(g, ans, x):
    return -g


@jvp_of(np.negative)
def negative_jvp(t, ans, x):
    return -t


@vjp_of(np.positive)
def positive_vjp(g, ans, x):
    return g


@jvp_of(np.positive)
def positive_jvp(t, ans, x):
    return t


@vjp_of(np.remainder, broadcasting=True)
def remainder_vjp(g, ans, x, y):
    return g, -g * np.floor_divide(x, y)


@jvp_of(np.remainder)
def remainder_jvp(t, ans, x, y):
    return t, -t * np.floor_divide(x, y)


@vjp_of(np.matmul)
def matmul_vjp(g, ans, x, y):
    return matmul_lhs_vjp(g, x, y), matmul_rhs_vjp(g, x, y)


@jvp_of(np.matmul)
def matmul_jvp(t, ans, x, y):
    return t @ y, x @ t


nondifferentiable(np.floor_divide, np.equal, np.not_equal, np.less, np.less_equal,
                  np.greater, np.greater_equal, np.logical_and, np.logical_or,
                  np.logical_not, np.logical_xor, family="operators")
