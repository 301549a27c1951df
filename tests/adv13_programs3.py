"""Conditional aliases, part 3: values saved before a write through the other
name, several names on one array when one is rebound, row views taken as the
alias, masked / fancy / ufunc.at / full-slice writes, overlapping self-copies,
flags flipped in loops, helpers with their own conditional alias. ``f(x, c)``."""

import numpy as np


def read_before_write(x, c):
    k = x * 1.0
    b = x * 2.0
    if c > 0:
        b = k
    y = np.sin(b)              # b's value before the write below
    k[0] = x[1] ** 2           # changes b when aliased
    return np.sum(y) + np.sum(b * x)


def two_holders_k_rebound(x, c):
    k = x * 1.0
    d = k                      # d always holds k's first array
    b = np.ones(3)
    if c > 0:
        b = k
    k = x * 5.0                # b and d keep the old array
    d[1] = x[2] * 3.0          # seen through b when c > 0
    k[0] = 9.0
    return np.sum(b * x) + np.sum(d) + np.sum(k * x)


def rebound_inside_loop(x, c):
    k = np.zeros(3)
    b = x * 1.0
    for i in range(3):
        if i == 0 and c > 0:
            b = k
        k[i] = x[i] * (i + 2)
        if i == 1:
            k = k * 1.0        # from here b (if aliased) keeps the old k
    b[2] = b[2] + x[0]
    return np.sum(b * x) + np.sum(k)


def nested_if_in_loop(x, c):
    k = x * 0.5
    b = np.zeros(3)
    for i in range(3):
        if c > 0:
            if x[i] > 0:
                b = k
        b[i] = b[i] + k[i] * x[i]
    return np.sum(b) + np.sum(k * k)


def row_view_alias_2d(m, c):
    k = m * 1.0
    b = np.zeros(3)
    if c > 0:
        b = k[0]               # a view: row 0 of k
    k[0, 1] = m[1, 2] * 2.0    # seen by b then
    b[2] = m[1, 0]             # writes k[0, 2] then
    return np.sum(b * m[1]) + np.sum(k * m)


def reverse_assignment(x, c):
    k = x * 1.0
    b = np.zeros(3)
    if c > 0:
        b = k
    k = b                      # k is b: the old k or b's array
    k[1] = x[0] * 3.0
    return np.sum(b * x) + np.sum(k)


def full_slice_overwrite(x, c):
    k = x ** 2
    b = np.ones(3)
    if c > 0:
        b = k
    b[:] = np.cos(x)           # replaces all of k when aliased
    return np.sum(k * x) + np.sum(b)


def mask_write(x, c):
    k = x * 1.0
    b = x * 2.0
    if c > 0:
        b = k
    b[x > 0] = 0.5             # boolean-mask write
    return np.sum(k * x) + np.sum(b * b)


def fancy_write(x, c):
    k = np.zeros(3)
    b = x * 1.0
    if np.sum(x) > 0:
        b = k
    b[[0, 2]] = x[1] * np.array([1.0, 2.0])
    return np.sum(k * x) + np.sum(b)


def elementwise_op_assign(x, c):
    k = x * 1.0
    b = np.ones(3)
    if c > 0:
        b = k
    b[0] += x[2] * x[1]
    k[2] *= b[0]
    return np.sum(k) + np.sum(b * x)


def overlapping_self_copy(x, c):
    k = x * 1.0
    b = x * 2.0
    if c > 0:
        b = k
    b[1:] = b[:-1] * 1.0       # a shifted copy of itself
    return np.sum(k * x) + np.sum(b * x)


def flag_flips_in_loop(x, c):
    k = np.zeros(3)
    b = x * 1.0
    flag = c > 0
    for i in range(3):
        if flag:
            b = k
        else:
            b = b * 1.0
        b[i] = x[i] * 2.0 + b[i]
        flag = not flag
    return np.sum(b * x) + np.sum(k * x)


def _normalized_into(a, scale):
    r = a * 1.0
    if scale > 0:
        r = a                  # the helper's own conditional alias
    r *= 0.5
    return np.sum(r)


def helper_own_alias(x, c):
    k = x * 2.0
    s = _normalized_into(k * 1.0, c)
    return s * np.sum(k * x)


def tuple_output_both(x, c):
    k = np.zeros(3)
    b = x * 1.0
    if c > 0:
        b = k
    k[0] = x[1] * 3.0
    b[2] = x[0]
    return b * x, k + x


def two_aliases_two_branches(x, c):
    k = x * 1.0
    b = np.zeros(3)
    d = np.zeros(3)
    if c > 0:
        b = k
    else:
        d = k
    b[0] = x[1]
    d[1] = x[2]
    return np.sum(k * x) + np.sum(b) + np.sum(d * d)


def alias_square_inplace(x, c):
    k = x * 1.0
    b = x + 2.0
    if c > 0:
        b = k
    np.multiply(b, k, out=b)   # b = b * k; k * k in place when aliased
    return np.sum(b) + np.sum(k * x)


def power_and_divide(x, c):
    k = x * 1.0 + 2.0
    b = np.full(3, 3.0)
    if np.sum(x) > 0:
        b = k
    k /= b                     # k / k = 1 when aliased
    b **= 2.0
    return np.sum(k * x) + np.sum(b * x)


def matmul_after_alias(m, c):
    k = m * 1.0
    b = np.ones((2, 3))
    if c > 0:
        b = k
    k[1, 2] = m[0, 0] ** 2
    return np.sum(b @ m.T) + np.sum(k)


def while_alias_counter(x, c):
    k = x * 1.0
    b = x * 0.0
    n = 0
    while n < 3:
        if n == 1 and c > 0:
            b = k
        b[n] = b[n] + x[n] * x[(n + 1) % 3]
        n += 1
    return np.sum(b) + np.sum(k * k)
