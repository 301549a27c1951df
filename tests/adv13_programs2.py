"""Conditional aliases, part 2: loops that take the alias in some turns only,
early exits, while tests, helpers that write into or return their argument,
lists, closures, int arrays and Python floats. Each program is ``f(x, c)``
(``c`` a flag, ``x`` a float array); comments say what NumPy does."""

import numpy as np


def some_turns(x, c):
    k = np.zeros(3)
    b = x * 1.0
    for i in range(3):
        if i == 1:
            b = k              # from turn 1 on, b is k
        b[i] = b[i] + x[i] * (i + 1)
    return np.sum(b * x) + np.sum(k)


def turns_on_data(x, c):
    k = x * 0.5
    b = np.ones(3)
    for i in range(4):
        if x[i % 3] > 0:
            b = k
        else:
            b = b * 1.0        # a fresh copy: b leaves k
        b[i % 3] *= 1.5
        k[(i + 1) % 3] += x[i % 3]
    return np.sum(b) + np.sum(k * x)


def k_rebound_each_turn(x, c):
    k = x * 1.0
    b = np.zeros(3)
    for i in range(3):
        if i == 0 or c > 0:
            b = k
        k = k * 0.5 + x        # b keeps the previous k
        b[i] = k[i] * x[i]
    return np.sum(b) + np.sum(k)


def break_in_alias(x, c):
    k = np.zeros(3)
    b = x * 2.0
    for i in range(3):
        if x[i] < 0:
            b = k
            break
        k[i] = x[i] ** 2
    b[2] = x[0] * 4.0
    return np.sum(k * x) + np.sum(b * x)


def continue_in_alias(x, c):
    k = x * 1.0
    b = np.ones(3)
    for i in range(3):
        if i == 1 and c > 0:
            b = k
            continue
        b[i] = x[i] * 3.0
    k[0] = k[0] * x[2]
    return np.sum(b * x) + np.sum(k)


def early_return(x, c):
    k = np.zeros(3)
    b = x * 1.0
    if c > 0:
        b = k
        b[0] = x[1]
        if np.sum(x) > 0:
            return np.sum(k * x)
    k[2] = x[0]
    return np.sum(b * x) + np.sum(k)


def while_reads_alias(x, c):
    k = x * 1.0
    b = np.full(3, 4.0)
    if c > 0:
        b = k
    n = 0
    while np.sum(b * b) > 0.05 and n < 12:
        k *= 0.5               # shrinks b too when aliased
        b[0] = b[0] * 0.7
        n += 1
    return np.sum(b * x) + np.sum(k) + n


def range_len_alias(x, c):
    k = np.zeros(4)
    b = x * 1.0
    if c > 0:
        b = k                  # 4 long instead of 3
    for i in range(len(b)):
        b[i] = x[i % 3] * (i + 1)
    return np.sum(k) + np.sum(b * b)


def _scale_into(a, s):
    a *= s                     # writes into the caller's array


def _write_first(a, v):
    a[0] = v
    return a                   # the same array back


def helper_writes(x, c):
    k = x * 1.0
    b = np.ones(3)
    if c > 0:
        b = k
    _scale_into(b, x[1])
    return np.sum(k * x) + np.sum(b)


def helper_returns_arg(x, c):
    k = np.zeros(3)
    b = x + 1.0
    if c > 0:
        b = k
    d = _write_first(b, x[2] ** 2)   # d is b (and k when aliased)
    d[1] = x[0]
    return np.sum(k * x) + np.sum(d) + np.sum(b)


def alias_appended(x, c):
    k = np.zeros(3)
    b = x * 1.0
    if c > 0:
        b = k
    hs = [b]
    k[0] = x[1] * 2.0          # seen in hs[0] when aliased
    hs.append(k)
    return np.sum(hs[0] * x) + np.sum(np.stack(hs))


def list_in_loop(x, c):
    k = x * 1.0
    out = []
    for i in range(3):
        b = k * 1.0
        if i % 2 == 0:
            b = k              # out holds k itself in turns 0 and 2
        out.append(b)
        k[i] = k[i] * x[i]
    return np.sum(np.stack(out) * x)


def nested_def_reads(x, c):
    k = x * 2.0
    b = np.ones(3)
    if c > 0:
        b = k
    b[1] = x[0]

    def g(s):
        return np.sum(k * s) + np.sum(b)
    return g(x)


def lambda_after_writes(x, c):
    k = np.zeros(3)
    b = x * 1.0
    if c > 0:
        b = k
    b[2] = x[0] * x[1]
    k[0] = x[2]
    h = lambda s: np.sum(b * s) + np.sum(k)   # noqa: E731
    return h(x)


def int_arrays(x, c):
    k = np.zeros(3, dtype=int)
    b = np.ones(3, dtype=int)
    if c > 0:
        b = k
    k[0] = 5
    b[1] = 2
    return np.sum(x * b) + np.sum(x * k)


def int_alias_mixed(x, c):
    k = np.arange(3)
    b = np.zeros(3, dtype=int)
    if np.sum(x) > 0:
        b = k
    b += 1
    w = x * 1.0
    w[0] = w[0] * k[0]
    return np.sum(w * k) + np.sum(x * b)


def python_float_alias(x, c):
    t = 0.25
    s = 0.5
    if c > 0:
        s = t                  # floats: s += rebinds s, t is untouched
    s += 1.0
    y = x * s
    t *= 3.0
    return np.sum(y) * t


def float_from_array(x, c):
    t = float(np.sum(x))       # a Python float: no derivative flows (float())
    s = 2.0
    if c > 0:
        s = t
    s += 1.0
    return np.sum(x * x) * s


def numpy_scalar_alias(x, c):
    t = np.sum(x * x)          # a NumPy scalar (immutable)
    s = x[0] * 1.0
    if c > 0:
        s = t
    s += x[1]                  # rebinds s only
    t *= 2.0
    return s * t


def while_alias_in_body(x, c):
    k = x * 1.0
    b = np.zeros(3)
    i = 0
    while i < 3:
        if k[i] > 0:
            b = k              # alias taken inside a while, on data
        b[i] += x[i] * 0.5
        i += 1
    return np.sum(b * x) + np.sum(k)


def loop_both_op_assign(x, c):
    k = np.ones(3)
    b = x * 1.0
    for i in range(3):
        if (i == 2) == (c > 0):
            b = k
        b += x
        k *= 1.5
    return np.sum(b * x) + np.sum(k * x)


def for_target_alias(x, c):
    k = x * 1.0
    m = x ** 2
    for b in (k, m):           # b is k, then m
        b[0] = b[0] * x[1]
    if c > 0:
        b = k                  # and k again
    b[2] = x[0]
    return np.sum(k) + np.sum(m * x) + np.sum(b)


def del_then_alias(x, c):
    k = x * 2.0
    b = np.zeros(3)
    if c > 0:
        b = k
        del k                  # b still holds the array
        k = np.ones(3)
    b[0] = x[2]
    k[1] = x[1] * 3.0
    return np.sum(k * x) + np.sum(b * x)


def helper_takes_both(x, c):
    k = np.zeros(3)
    b = x * 1.0
    if c > 0:
        b = k
    _pair_write(b, k, x)
    return np.sum(b * x) + np.sum(k)


def _pair_write(p, q, x):
    p[0] = x[1] * 2.0          # p and q may be one array
    q[1] = p[0] * x[2]


def dict_holds_alias(x, c):
    k = np.zeros(3)
    b = x * 1.0
    if c > 0:
        b = k
    d = {"b": b, "k": k}
    k[2] = x[0] ** 2
    return np.sum(d["b"] * x) + np.sum(d["k"])


def alias_returned_from_branch_helper(x, c):
    k = x * 1.0
    b = _pick(k, c)            # k itself or a copy
    b[1] = x[2] * 5.0
    return np.sum(k * x) + np.sum(b)


def _pick(a, c):
    if c > 0:
        return a
    return a.copy()
