"""Following pullback's advice for adv17 refusals."""

from functools import partial

import numpy as np


def layer(W, h, act=np.tanh):
    return act(h @ W)


def apply(fn, v):
    return fn(v)


def map_listcomp(x, W):
    """Advice for a genexp over map(g, ...): a list comprehension."""
    g = partial(layer, W)
    return sum([np.sum(y) for y in map(g, [x, 2.0 * x])])


def user_fn_copy(x, W):
    """Advice for partial passed to a user function: partial(W.copy())."""
    g = partial(layer, W.copy())
    return np.sum(apply(g, x))


def lambda_copy(x, W):
    """Advice for g called in a lambda: call on a copy."""
    g = partial(layer, W.copy())
    k = lambda v: g(v) + v  # noqa: E731
    return np.sum(k(x))


def tuple_copy(x):
    A = np.zeros(3)
    g = partial(np.concatenate, (A.copy(), x))
    A[:] = x * 2.0
    return np.sum(g() ** 2)


def apply_with(fn, a, v):
    return fn(a, v)


def user_fn_separately(x, W):
    """Advice for a partial passed to a user function: pass the function and its
    arguments separately."""
    return np.sum(apply_with(layer, W, x))
