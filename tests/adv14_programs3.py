"""adv14 programs, part 3: op= where an alias is taken after the new binding (a view,
a later turn, a list, a tuple, a walrus, a ternary), forward mode with names bound in
one branch of a loop, fill / copyto in loops. Comments say what NumPy does."""

import numpy as np


def opa_view_after_bind(x, c):
    a = x * 2.0                    # new
    d = a[1:]                      # then a view of it
    a += x * x                     # d sees it
    return np.sum(d * x[1:]) + c


def opa_alias_in_loop_later_turn(x, c):
    a = x * 2.0
    d = x * 0.0
    for i in range(3):
        a += x * x[i]              # turn 2 on: d is a
        d = a
    return np.sum(d * x) + c


def opa_append_in_loop(x, c):
    a = x * 1.0
    acc = []
    for i in range(2):
        a *= x                     # every item of acc is a
        acc.append(a)
    return np.sum(acc[0] * x) + c


def opa_tuple_after_bind(x, c):
    a = x + 1.0
    t = (a, x)
    a -= x * x
    return np.sum(t[0] * x) + c


def opa_walrus_alias(x, c):
    a = x * 3.0
    s = np.sum((d := a) * x)
    a /= x * x + 1.0               # d is a
    return s + np.sum(d * x) + c


def opa_ternary_after(x, c):
    a = x * 2.0
    d = a if c > 0 else x * 1.0
    a += x * x
    return np.sum(d * x) + c


def opa_rebound_in_branch_in_loop(x, c):
    a = x * 1.0
    d = a
    for i in range(3):
        if i == 1:
            a = x * 2.0            # a leaves d in turn 1
        a += x * x[i]              # turn 0: changes d too
    return np.sum(d * x) + np.sum(a) + c


def opa_view_in_branch(x, c):
    a = x * 2.0
    d = x * 1.0
    if c > 0:
        d = a[::2]                 # elements 0 and 2 of a
    a *= x
    return np.sum(d * d) + c


def fwd_branch_bound_alias_loop(x, c):
    k = x * 1.0
    s = 0.0
    for i in range(4):
        if i == 1:
            v = k[1:]
        if i >= 1:
            k[0] = v[i % 2] * x[i % 3]
            s = s + np.sum(v * k[0])
    return s + c


def fwd_alias_then_rebind_loop(x, c):
    k = x * 1.0
    b = x * 2.0
    for i in range(3):
        if i == 0 and c > 0:
            b = k
        b[i] = b[i] * x[i]
        if i == 1:
            k = x * 3.0            # b keeps the old k
        k[2] = k[2] + x[i]
    return np.sum(k * x) + np.sum(b * x)


def fwd_continue_skips_binding(x, c):
    s = 0.0
    for i in range(3):
        if x[i] < 0:
            continue
        t = x * x[i]               # bound only on turns with x[i] >= 0
        s = s + np.sum(t)
    t2 = x * 1.0
    return s + np.sum(t2) + c


def fwd_break_after_alias(x, c):
    k = x * 1.0
    b = x * 2.0
    for i in range(3):
        if i == 1:
            b = k
            break
        b[0] = x[i] ** 2
    b[2] = x[0] * x[1]             # into k when the loop broke at turn 1
    return np.sum(k * x) + np.sum(b)


def fill_in_loop_alias(x, c):
    k = x * 1.0
    b = x * 2.0
    for i in range(2):
        if i == 1 and c > 0:
            b = k
        b.fill(x[i] * 2.0)
        k[0] = k[0] + x[2]
    return np.sum(k * x) + np.sum(b * x)


def copyto_view_in_loop(x, c):
    k = x * 1.0
    v = k[::2]
    for i in range(2):
        np.copyto(v, k[1] * x[::2])  # k[0], k[2] from k[1]
        k[1] = k[0] * x[i]
    return np.sum(k * x) + c
