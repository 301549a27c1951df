from numpy import *  # noqa: F401,F403  (min, max, sum, ... are NumPy's here)


def f_for(x):
    s = 0.0
    for i in range(3):
        s = sin(s + x[i]) * x[i]
    return s


def f_zip(x):
    s = 0.0
    for a, b in zip(x, x[1:]):
        s = s + tanh(a * b + s)
    return s


def f_sum(x):
    y = x * x
    for i in range(2):
        y = exp(-y) * x
    return sum(y) + max(x)
