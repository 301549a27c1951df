"""Conditional aliases, part 6: another holder of k's array when k is rebound
(a view of k, a lambda default, a list), late-binding closures that see the new
k, rebinding in every loop turn with writes through the alias. ``f(x, c)``."""

import numpy as np


def view_holds_old_k(x, c):
    k = x * 1.0
    v = k[1:]                  # a view of the first k
    b = np.zeros(3)
    if c > 0:
        b = k
    k = x * 5.0                # b and v keep the first array
    v[0] = x[2] * 3.0          # its element 1: seen through b when c > 0
    return np.sum(b * x) + np.sum(v) + np.sum(k)


def late_binding_closure(x, c):
    k = x * 1.0
    b = np.ones(3)
    if c > 0:
        b = k
    g = lambda: np.sum(k * x)  # noqa: E731 -- reads k when called: the new k
    k = x * 3.0
    b[0] = x[1] * 2.0
    return g() + np.sum(b)


def default_captures_old(x, c):
    k = x * 1.0
    b = np.ones(3)
    if c > 0:
        b = k
    g = lambda kk=k: np.sum(kk * x)  # noqa: E731 -- the first k's array
    k = x * 3.0
    b[0] = x[1] * 2.0          # changes kk when b is it
    return g() + np.sum(b)


def rebound_every_turn(x, c):
    k = x * 1.0
    b = x * 0.0
    for i in range(3):
        if (i % 2 == 0) == (c > 0):
            b = k
        b[i] = b[i] * x[(i + 1) % 3] + 1.0
        k = k * 0.5 + x        # b keeps the array it took
    return np.sum(b * x) + np.sum(k * x)


def alias_back_and_forth(x, c):
    k = x * 1.0
    b = np.ones(3)
    if c > 0:
        b = k
    k = b                      # k is b (the first k or the ones)
    b = x * 2.0                # b leaves; k keeps its array
    k[2] = x[0] * 4.0
    b[1] = k[2] * x[1]
    return np.sum(k * x) + np.sum(b)


def list_holds_k_then_rebound(x, c):
    k = x * 1.0
    hs = [k]
    b = np.ones(3)
    if c > 0:
        b = k
    k = x * 2.0
    b[0] = x[2] * 5.0          # hs[0] is b's array when c > 0
    return np.sum(hs[0] * x) + np.sum(b) + np.sum(k)


def write_alias_then_rebind_other_in_branch(x, c):
    k = x * 1.0
    b = x + 1.0
    if c > 0:
        b = k
        k = np.zeros(3)        # inside the aliasing branch: b keeps the old k
    b[1] = x[0] * 2.0
    k[0] = x[2]
    return np.sum(b * x) + np.sum(k * x)


def alias_in_both_loops(x, c):
    k = x * 1.0
    b = np.ones(3)
    for i in range(2):
        for j in range(2):
            if i == j and c > 0:
                b = k
            b[i + j] += x[j] * 0.5
    return np.sum(b * x) + np.sum(k)
