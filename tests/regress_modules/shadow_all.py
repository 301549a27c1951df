"""A user module that defines, at module level, the builtins generated code uses."""
import numpy as np


def reversed(seq):
    return iter(seq)  # NOT reversed


def list(*args):
    return []


def len(obj):
    return 0


def min(*args, **kwargs):
    return 0


def max(*args, **kwargs):
    return 0


def zip(*args):
    return iter(())


def enumerate(*args, **kwargs):
    return iter(())


def tuple(*args):
    return ()


def sum(*args, **kwargs):
    return 0.0


def slice(*args):
    return 0


def f_for(x):
    s = 0.0
    for i in range(3):
        s = np.sin(s + x[i]) * x[i]
    return s


def f_while(x):
    s = 1.0
    i = 0
    while i < 3:
        s = np.tanh(s * x[i]) + x[i]
        i = i + 1
    return s


def f_rows(x):
    s = 0.0
    for r in x:
        s = np.sin(s + r.sum()) * r[0]
    return s


def f_append(x):
    out = []
    h = x
    for _ in range(3):
        h = np.tanh(h * x) + 0.5
        out.append(h)
    return np.stack(out).sum()


def f_slices(x):
    y = x * 1.0
    for _ in range(2):
        y[1:] = np.sin(y[:-1]) * x[1:]
    return y.sum()
