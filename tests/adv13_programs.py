"""Conditional aliases, part 1: a name holds another name's array on some paths
only (branches on a flag or on data, both directions, chains, views of a
possibly-aliased name, op=, self-bindings, rebinding, 2-D). Each program is
``f(x, c)``; ``c`` is a flag (both signs are tested) and ``x`` a float array.
The comments say what NumPy does; the bodies also run under torch._numpy."""

import numpy as np


def flag_k_write(x, c):
    k = np.zeros(3)
    b = x * 2.0
    if c > 0:
        b = k                  # b is k's array
    k[1] = x[0] * x[2]         # seen through b when c > 0
    return np.sum(b * x) + k[1]


def data_branch_b_write(x, c):
    k = x ** 2
    b = np.ones(3)
    if np.sum(x) > 0:
        b = k
    b[0] = np.sin(x[1])        # lands in k when sum(x) > 0
    return np.sum(k * x) + np.sum(b)


def other_direction(x, c):
    b = x * 1.5
    k = np.zeros(3)
    if c > 0:
        k = b                  # now k is b's array
    k[2] = x[0] * 3.0
    b[0] = k[2] * x[1]
    return np.sum(b * b) + np.sum(k * x)


def alias_in_else(x, c):
    k = np.cos(x)
    if c > 0:
        b = x * 3.0
    else:
        b = k
    b[1] = b[1] * x[2]
    return np.sum(k) + np.sum(b * x)


def two_targets(x, c):
    k = x * 2.0
    m = x ** 3
    if c > 0:
        b = k
    else:
        b = m                  # b is always someone's array
    b[0] = x[1]
    return np.sum(k * x) + np.sum(m) + np.sum(b)


def chain(x, c):
    k = np.zeros(3)
    b = x + 0.5
    if c > 0:
        b = k
    d = b                      # d is k whenever b is k
    d[0] = x[2] * x[1]
    k[1] = x[0]
    return np.sum(d * x) + np.sum(b) + np.sum(k * k)


def chain_two_conditions(x, c):
    k = x * 1.0
    b = np.ones(3)
    if c > 0:
        b = k
    d = np.zeros(3)
    if np.sum(x) > 0:
        d = b                  # d may be b, which may be k
    d[2] = x[0] ** 2
    b[1] = d[2] * 2.0
    return np.sum(k * x) + np.sum(b * x) + np.sum(d)


def slice_view_of_alias(x, c):
    k = np.zeros(3)
    b = x * 2.0
    if c > 0:
        b = k
    v = b[1:]
    v[0] = x[0] * 5.0          # b[1], so k[1] when b is k
    k[2] = x[1]                # seen by v[1] when b is k
    return np.sum(v * x[:2]) + np.sum(k) + np.sum(b * x)


def transpose_view_2d(m, c):
    k = np.zeros((2, 3))
    b = m * 1.0
    if c > 0:
        b = k
    t = b.T
    t[0, 1] = m[0, 0] * m[1, 2]    # b[1, 0]
    k[0, 2] = m[1, 1]
    return np.sum(t * m.T) + np.sum(k)


def reshape_view_2d(m, c):
    k = np.zeros(6)
    b = m.reshape(6) * 1.0
    if c > 0:
        b = k
    r = b.reshape(2, 3)        # a view of b (and of k when b is k)
    r[1, 1] = m[0, 1] ** 2
    k[0] = m[1, 0]
    return np.sum(r * m) + np.sum(k)


def iadd_on_alias(x, c):
    k = np.ones(3)
    b = x * 1.0
    if c > 0:
        b = k
    b += x * x                 # into k when aliased
    k *= 2.0                   # and doubles b then
    return np.sum(b * x) + np.sum(k)


def op_assign_both_names(x, c):
    k = x + 1.0
    b = np.sin(x)
    if np.sum(x) > 0:
        b = k
    k -= x[0]
    b *= x
    b /= 2.0
    return np.sum(k * b)


def self_bindings(x, c):
    k = np.zeros(3)
    b = x * 1.0
    if c > 0:
        b = k
    b = b                      # nothing changes
    k = k
    b[0] = x[1]
    return np.sum(k * x) + np.sum(b)


def fill_through_alias(x, c):
    k = x * 1.0
    b = np.zeros(3)
    if c > 0:
        b = k
    b.fill(2.0)                # wipes k when aliased: k no longer depends on x
    return np.sum(k * x) + np.sum(b)


def copyto_through_alias(x, c):
    k = np.zeros(3)
    b = np.ones(3)
    if c > 0:
        b = k
    np.copyto(b, np.sin(x))
    return np.sum(k * x) + np.sum(b * b)


def out_keyword(x, c):
    k = np.zeros(3)
    b = x * 0.0
    if c > 0:
        b = k
    np.add(x, x * x, out=b)
    np.multiply(k, 3.0, out=k)
    return np.sum(b * x) + np.sum(k)


def k_rebound_after(x, c):
    k = x * 2.0
    b = np.zeros(3)
    if c > 0:
        b = k
    k = np.cos(x)              # b keeps the old array
    k[0] = 7.0 * x[1]
    b[1] = x[2]
    return np.sum(b * x) + np.sum(k * x)


def b_rebound_after(x, c):
    k = np.zeros(3)
    b = x + 0.0
    if c > 0:
        b = k
    b[0] = x[0]
    b = x * 3.0                # b leaves k; k keeps the write above
    b[1] = 2.0
    k[2] = x[1]
    return np.sum(k * x) + np.sum(b)


def unconditional_then_k_rebound(x, c):
    k = np.zeros(3)
    b = k
    k[0] = x[0] * x[1]
    if c > 0:
        k = x * 2.0            # b keeps the old k
    k[1] = x[2]                # old array only when c <= 0
    b[2] = x[0]
    return np.sum(b * x) + np.sum(k)


def k_ops_read_b(x, c):
    k = np.ones(3) * 0.5
    b = np.ones(3)
    if c > 0:
        b = k
    k += x
    k *= k
    return np.sum(b * x)


def rows_2d(m, c):
    k = np.zeros((2, 3))
    b = m * 2.0
    if c > 0:
        b = k
    b[0] = m[1] * m[0]
    k[1, :] = np.tanh(m[0])
    return np.sum(b * m) + np.sum(k)


def column_iadd_2d(m, c):
    k = m * 1.0
    b = np.ones((2, 3))
    if np.sum(m) > 0:
        b = k
    b[:, 1] += m[:, 2]
    k[:, 0] *= m[:, 1]
    return np.sum(b * b) + np.sum(k * m)


def ternary_alias(x, c):
    k = np.zeros(3)
    b = k if c > 0 else x * 1.0    # alias through a conditional expression
    b[0] = x[1] * x[2]
    k[2] = x[0]
    return np.sum(b * x) + np.sum(k)


def tuple_unpack_alias(x, c):
    k = x * 1.0
    b = np.ones(3)
    if c > 0:
        b, d = k, x * 2.0      # b is k's array
    else:
        d = x * 3.0
    b[1] = d[0]
    return np.sum(k * x) + np.sum(b * d)


def conditional_swap(x, c):
    a = x * 1.0
    b = np.zeros(3)
    if c > 0:
        a, b = b, a            # the names swap arrays
    a[0] = x[2]
    b[1] = x[0] * 2.0
    return np.sum(a * x) + np.sum(b * b)


def asarray_alias(x, c):
    k = x * 1.0
    b = np.zeros(3)
    if c > 0:
        b = np.asarray(k)      # np.asarray of an ndarray is that array
    b[0] = x[1] ** 2
    return np.sum(k * x) + np.sum(b)


def ellipsis_view_alias(x, c):
    k = np.zeros(3)
    b = x * 1.0
    if c > 0:
        b = k[...]             # a view of all of k
    b[2] = x[0] * x[1]
    k[0] = x[2]
    return np.sum(b * x) + np.sum(k)


def walrus_alias(x, c):
    k = x * 1.0
    b = np.ones(3)
    if c > 0 and (b := k) is not None:
        pass                   # b is k's array only when c > 0
    b[2] = x[0] * 4.0
    return np.sum(k * x) + np.sum(b)


def alias_of_argument(x, c):
    b = np.zeros(3)
    if c > 0:
        b = x                  # the argument's own array
    b[0] = 2.0 * x[1]          # overwrites x[0] when aliased
    return np.sum(x * x) + np.sum(b)


def argument_iadd(x, c):
    y = x * 1.0
    if np.sum(x) > 0:
        y = x
    y += 1.0                   # x itself changes when y is x
    return np.sum(y * x)


def argument_rebound_then_alias(x, c):
    x = x * 1.0                # the name now holds a fresh array
    b = np.ones(3)
    if c > 0:
        b = x
    b *= x                     # b *= b when aliased: x squared in place
    return np.sum(x) + np.sum(b)
