"""A user module whose own `range` (and `len`) mean something else: the user's loops
mean the user's range; loops pullback writes use Python's."""
import builtins

import numpy as np


def range(*args):
    return builtins.list(builtins.range(*args))[::-1]  # reversed order


def len(obj):
    return 2  # only the first two


def f_for(x):
    s = 0.0
    for i in range(3):
        s = np.sin(s + x[i]) * x[i]
    return s


def f_len_and_rows(x):
    s = 0.0
    for i in range(len(x)):
        s = np.sin(s + x[i]) * x[i]
    for r in x:
        s = s * r + np.cos(r)
    return s
