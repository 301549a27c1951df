"""adv17: partial with out=, *args/**kwargs functions, and more ways to change a bound array."""

from functools import partial

import numpy as np


def varfn(*a, **k):
    return a[0] * k.get("s", 1.0) + a[1]


def kwfn(h, **k):
    return h * k["s"] + k.get("t", 0.0)


def out_bound(x):
    A = np.zeros(3)
    g = partial(np.multiply, out=A)
    y = g(x, x)
    A[0] = 5.0
    return np.sum(y * x)


def star_function(x, W):
    g = partial(varfn, W[0], s=2.0)
    return np.sum(g(x)) + np.sum(g(x, s=x))


def kwargs_function(x):
    g = partial(kwfn, s=x, t=1.0)
    return np.sum(g(x)) + np.sum(g(x, t=x * x))


def mutated_in_nested_def(x):
    A = np.zeros(3)
    g = partial(np.multiply, A)

    def setter():
        A[:] = x

    setter()
    return np.sum(g(x))


def copyto_after(x):
    A = np.zeros(3)
    g = partial(np.multiply, A)
    np.copyto(A, np.sin(x))
    return np.sum(g(x))


def fill_after(x):
    A = np.zeros(3)
    g = partial(np.add, A)
    A.fill(2.0)
    return np.sum(g(x) ** 2)


def sort_after(x):
    A = x * np.array([3.0, 1.0, 2.0])
    g = partial(np.multiply, A)
    A.sort()
    return np.sum(g(x))


def ellipsis_augassign_after(x):
    A = np.ones(3)
    g = partial(np.multiply, A)
    A[...] += x
    return np.sum(g(x))


def rebound_x_after(x):
    g = partial(np.add, x)
    x = x * 3.0
    return np.sum(g(x) ** 2)


def keyword_via_variable_then_mutated(x):
    s = np.ones(3)
    g = partial(kwfn, s=s)
    s[1] = x[2]
    return np.sum(g(x))


def mutated_between_two_partials(x):
    A = np.ones(3)
    g = partial(np.multiply, A)
    A[0] = x[1]
    h = partial(np.multiply, A * 1.0)
    A[1] = x[2]
    return np.sum(g(x)) + np.sum(h(x))


def np_axis_overridden(x):
    M = np.outer(x, np.cos(x)) + np.diag(x)
    g = partial(np.sum, axis=0)
    return g(M, axis=1) @ np.array([1.0, 2.0, 3.0])


def np_norm_ord(x):
    g = partial(np.linalg.norm, ord=3)
    return g(x) + g(x, ord=1.5)


def np_mean_keepdims(x):
    M = np.outer(x, x)
    g = partial(np.mean, M, axis=1, keepdims=True)
    return np.sum(g() * M) + np.sum(g(axis=0) ** 2)


def while_loop_call(x):
    g = partial(scale_local, 0.5)
    h = x
    n = 0
    while n < 3:
        h = g(h) * 0.5
        n += 1
    return np.sum(h)


def scale_local(a, h, p=1.0):
    return a * h ** 2 + p * np.sin(h)
