"""Lists and names that take an array's memory after (or before) it is written:
what the memory check must allow, and what it must not get wrong. Checked
against torch and central differences in ``test_alias_order.py``."""

import numpy as np


def append_new_then_write(x):
    c = np.sin(x)
    acc = [c + x * 2.0]        # a new array: writing c later does not change it
    c[0] = x[1] * 3.0
    acc.append(c)
    return np.sum(np.stack(acc) ** 2)


def append_after_write(x, flag):
    c = np.cos(x)
    if flag > 0:
        c = x * 2.0
    c += x                     # c's array changes before acc takes it
    acc = [x * 1.0]
    acc.append(c)
    return np.sum(np.stack(acc) * x)


def append_then_write_in_loop(x):
    c = x * 1.0
    acc = []
    for i in range(3):
        acc.append(c)          # the same array each turn: NumPy's writes show in all
        c[i] = c[i] * 2.0 + x[i]
    return np.sum(np.stack(acc) * x)


def alias_after_write(x):
    k = np.zeros(3)
    k[1] = x[0] * x[2]
    v = k                      # v takes k after the write
    return np.sum(v * x)


def alias_after_write_in_loop(x):
    k = x * 1.0
    total = 0.0
    for i in range(3):
        k[i] = k[i] * x[(i + 1) % 3]
        v = k
        total = total + np.sum(v * x)
    return total
