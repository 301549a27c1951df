"""A second module holding closure factories (imported by adv16_programs)."""

import numpy as np

K = np.array([2.0, -1.0, 0.5])


def make_other(s):
    def f(x):
        return np.sum(np.cos(x) * s * K)
    return f


def make_plain(s):
    def f(x):
        return np.sum(np.cos(x) * s)
    return f
