"""A user function named like one of pullback's run-time helpers."""

import numpy as np


def unbroadcast(v, w):
    """The user's own function that happens to share a helper's name."""
    return v * 3.0 + w


def first(x, y):
    return np.sum(x * y)  # its adjoint code needs pullback's unbroadcast helper


def second(x):
    c = unbroadcast(2.0, 1.0)  # runs as written: must be the user's function (7.0)
    return np.sum(x * c)


def outer(x, y):
    return first(x, y) + second(x)
