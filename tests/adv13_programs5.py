"""Conditional aliases, part 5: self-referential writes through the alias
(k += b, b[:] += k, np.copyto(k, b)), negative and strided indices, loop counts
that may be zero, if/elif chains, 0-d arrays, in-place sort/cumsum through the
alias, comprehensions reading it, early returns inside loops. ``f(x, c)``."""

import numpy as np


def self_add(x, c):
    k = x * 1.0
    b = np.ones(3)
    if c > 0:
        b = k
    k += b                     # k doubles when aliased
    return np.sum(k * x) + np.sum(b)


def self_subtract(x, c):
    k = x ** 2
    b = x * 0.5
    if np.sum(x) > 0:
        b = k
    b -= k                     # zeros when aliased
    return np.sum(b * x) + np.sum(k)


def slice_iadd_self(x, c):
    k = np.sin(x)
    b = np.zeros(3)
    if c > 0:
        b = k
    b[:] += k                  # 2*sin(x) when aliased
    return np.sum(k * x) + np.sum(b * b)


def copyto_self(x, c):
    k = x * 2.0
    b = x * 3.0
    if c > 0:
        b = k
    np.copyto(k, b * x)        # k * x when aliased
    return np.sum(k) + np.sum(b)


def ellipsis_self_write(x, c):
    k = x * 1.0
    b = np.ones(3)
    if c > 0:
        b = k
    k[...] = b * x             # x * x when aliased
    return np.sum(b) + np.sum(k * x)


def negative_and_strided(x, c):
    k = np.zeros(4)
    b = np.ones(4)
    if c > 0:
        b = k
    b[-1] = x[0] * 2.0
    b[::2] = x[1:] * np.array([1.0, 3.0])
    k[::-1][0] += x[2]         # k[3]
    return np.sum(b * b) + np.sum(k)


def maybe_empty_loop(x, c):
    k = x * 1.0
    b = np.ones(3)
    n = 2 if c > 0 else 0
    for i in range(n):
        b = k                  # never taken when n == 0
        b[i] = b[i] * x[2]
    k[0] = k[0] + 1.0
    return np.sum(b * x) + np.sum(k)


def elif_chain(x, c):
    k = x * 1.0
    m = x * 2.0
    b = x * 3.0
    if c > 0:
        b = k
    elif np.sum(x) > 0:
        b = b * 1.0
    k[1] = m[0] * x[2]
    b[2] = x[1]
    return np.sum(b * x) + np.sum(k)


def zero_d_alias(x, c):
    k = np.array(0.0)
    b = np.array(1.0)
    if c > 0:
        b = k
    k[...] = x[0] * x[1]       # a 0-d array written in place
    b += x[2]
    return b * x[0] + k


def cumsum_out(x, c):
    k = x * 1.0
    b = x * 2.0
    if c > 0:
        b = k
    np.cumsum(b, out=b)        # in place: k when aliased
    return np.sum(k * x) + np.sum(b)


def comprehension_reads(x, c):
    k = np.zeros(3)
    b = x * 1.0
    if c > 0:
        b = k
    k[0] = x[1] * 3.0
    vals = [b[i] * x[i] for i in range(3)]
    return np.sum(np.stack(vals)) + np.sum(k)


def return_inside_loop(x, c):
    k = x * 1.0
    b = np.zeros(3)
    for i in range(3):
        if x[i] < 0:
            b = k
        b[i] = b[i] + 1.0
        if i == 1 and c > 0:
            return np.sum(b * x) + np.sum(k)
    return np.sum(b) + np.sum(k * x)


def broadcast_iadd(m, c):
    k = m * 1.0
    b = np.ones((2, 3))
    if c > 0:
        b = k
    b += m[0]                  # a row added to both rows
    k[1] *= m[1]
    return np.sum(b * m) + np.sum(k)


def overlapping_rows_2d(m, c):
    k = m * 1.0
    b = m * 2.0
    if np.sum(m) > 0:
        b = k
    b[0] += b[1]
    k[1] = k[0] * m[1]
    return np.sum(b) + np.sum(k * m)


def where_reads(x, c):
    k = x * 1.0
    b = -x
    if c > 0:
        b = k
    k[1] = 2.0
    y = np.where(b > 0, b * x, x)
    return np.sum(y)


def alias_in_loop_two_arrays(x, c):
    k = np.zeros(3)
    m = np.ones(3)
    b = x * 1.0
    for i in range(3):
        if i % 2 == 0:
            b = k
        else:
            b = m
        b[i] = x[i] * (i + 1) + b[(i + 1) % 3]
    return np.sum(k * x) + np.sum(m * x) + np.sum(b)


def max_of_alias(x, c):
    k = x * 1.0
    b = np.zeros(3)
    if c > 0:
        b = k
    k[0] = x[1] * 5.0
    return np.max(b) + np.sum(k)


def alias_then_fresh_then_alias(x, c):
    k = x * 1.0
    b = k
    b[0] = x[1]
    b = b * 2.0                # fresh
    if c > 0:
        b = k                  # and k again
    b[2] = x[0] * 3.0
    return np.sum(k * x) + np.sum(b)


def else_alias_then_op_assign(x, c):
    k = x * 1.0
    if c > 0:
        b = x * 3.0
    else:
        b = k                  # b unbound before: bound to k here
    b[1] = b[0] * b[2]
    b *= x
    return np.sum(b) + np.sum(k * x)


def elif_alias_unbound_before(x, c):
    k = x * 1.0
    if c > 0:
        b = x * 3.0
    elif np.sum(x) > 0:
        b = k
    else:
        b = x ** 2
    b[2] = b[1] * x[0]
    return np.sum(b * b) + np.sum(k)
