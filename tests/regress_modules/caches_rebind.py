"""Helpers the cache regression tests rebind (tests/test_regress_caches.py)."""
import numpy as np

import regress_modules.caches_helpers as helpers

SCALE = np.array([1.0, 2.0, 3.0])


def g(x):
    return x ** 2


def f(x):
    return np.sum(g(x))


def f_attr(x):
    return np.sum(helpers.h(x))


def f_scaled(x):
    return np.sum(np.sin(x) * SCALE)


def f_builtin(x):
    return abs(x[0] * x[1]) + np.sum(x)
