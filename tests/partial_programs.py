"""functools.partial of known functions, called in differentiated code (issue 11);
checked in test_partials.py against torch float64 and central differences."""

import functools
from functools import partial

import numpy as np


def layer(W, h, act=np.tanh):
    return act(h @ W)


def bound_then_called(x, W):
    g = partial(layer, W, act=np.sin)
    return np.sum(g(x)) + np.sum(g(x * 2.0))


def called_at_once(x):
    return np.sum(functools.partial(np.multiply, 2.0)(x))


def keyword_at_the_call_wins(x, W):
    g = partial(layer, W, act=np.sin)
    return np.sum(g(x, act=np.cos))


def argument_rebound_after(x, W):
    """The partial keeps the W it was given; the caller's W changes after."""
    g = partial(layer, W)
    W = W * 2.0
    return np.sum(g(x)) + np.sum(W)


def in_a_loop(x, W):
    h = x
    for i in range(3):
        step = partial(layer, W * (i + 1.0))
        h = step(h)
    return np.sum(h)


def kept_in_a_list(x, W):
    """A partial kept in a list is a function value pullback cannot see: refused."""
    g = partial(layer, W)
    fs = [g]
    return np.sum(fs[0](x))
