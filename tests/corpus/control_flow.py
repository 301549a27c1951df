"""while / for / break / continue / return anywhere."""

import numpy as np

from . import NULL_PB as pb  # noqa: F401
from . import program


@program(args=lambda rng: (rng.uniform(0.2, 0.6, 3), 8), tags=("while", "int-args"))
def while_counter_and_data(x, n):
    """while with a counter AND a data-dependent condition."""
    s = x * 1.0
    i = 0
    while i < n and s.sum() < 50.0:
        s = s * 1.3 + x
        i += 1
    return np.sum(s * s) + i


@program(args=lambda rng: (rng.uniform(0.5, 1.0, 3),), tags=("while", "break"))
def while_true_break(x):
    y = x
    k = 0
    while True:
        y = np.sin(y) + y * 1.5
        k = k + 1
        if np.sum(y) > 20.0:
            break
        if k > 50:
            break
    return np.sum(y)


@program(args=lambda rng: (rng.uniform(0.1, 0.4, 4),), tags=("while", "continue"))
def while_continue(x):
    y = x
    i = 0
    total = 0.0
    while i < 6:
        i += 1
        y = y * 1.1 + 0.05
        if i % 3 == 0:
            continue
        total = total + np.sum(y ** 2)
    return total


@program(args=lambda rng: (rng.standard_normal(4),), tags=("for-range",))
def for_range_one_arg(x):
    y = x
    for i in range(4):
        y = np.tanh(y) + x * i
    return np.sum(y)


@program(args=lambda rng: (rng.standard_normal(6),), tags=("for-range",))
def for_range_two_args(x):
    s = x[0]
    for i in range(1, 6):
        s = s * 0.5 + x[i] * x[i - 1]
    return s


@program(args=lambda rng: (rng.standard_normal(7),), tags=("for-range",))
def for_range_three_args(x):
    s = 0.0
    for i in range(0, 7, 2):
        s = s + x[i] ** 2
    for j in range(6, 0, -3):
        s = s * x[j]
    for k in range(len(x) - 1, -1, -1):
        s = s + np.cos(x[k]) * k
    return s


@program(args=lambda rng: (rng.standard_normal((4, 3)), rng.standard_normal(3)), wrt=(0, 1),
         tags=("for-array",))
def for_over_rows(X, w):
    acc = 0.0
    for row in X:
        acc = acc + np.tanh(row @ w)
    return acc


@program(args=lambda rng: (rng.standard_normal(3), rng.standard_normal(3), rng.standard_normal(3)),
         wrt=(0, 1, 2), tags=("for-list", "for-tuple"))
def for_over_list_and_tuple(x, y, z):
    s = 0.0
    for a in [x, y, z]:
        s = s + np.sum(a * a)
    for a, c in ((x, 1.0), (y, 2.0), (z, 3.0)):
        s = s + c * np.sum(np.sin(a))
    for b in (x * y, y * z):
        s = s * 0.5 + np.sum(b)
    return s


@program(args=lambda rng: (np.array([0.5, 0.9, 1.3, 0.2, 2.0, 0.7]),), tags=("for-range", "break"))
def for_break(x):
    """Break once the running sum exceeds a threshold."""
    s = 0.0
    for i in range(6):
        s = s + x[i] * x[i]
        if s > 2.0:
            break
    return s * x[0]


@program(args=lambda rng: (rng.standard_normal((5, 3)),), tags=("for-array", "continue"))
def for_continue_rows(X):
    s = 0.0
    for row in X:
        if row.sum() < 0:
            continue
        s = s + np.prod(row + 2.0)
    return s + 0.0 * X.sum()


@program(args=lambda rng: (rng.standard_normal(4), rng.standard_normal(4)), wrt=(0, 1),
         tags=("for-range", "break", "continue", "nested-loops"))
def nested_loops_break_continue(x, y):
    s = 0.0
    for i in range(4):
        if i == 3:
            break
        for j in range(4):
            if j == i:
                continue
            if j > 2:
                break
            s = s + x[i] * y[j]
    return s


@program(args=lambda rng: (np.array([0.3, 0.8, 1.4, 0.2]), rng.standard_normal(3)), wrt=(0, 1),
         tags=("return", "early-return", "for-range"))
def early_return_in_loop(x, y):
    for i in range(4):
        if x[i] > 1.0:
            return x[i] ** 2 * np.sum(y)
    return np.sum(y)


@program(args=lambda rng: (np.array([0.3, 0.4, 0.2, 0.1]), rng.standard_normal(3)), wrt=(0, 1),
         tags=("return", "early-return", "for-range"))
def early_return_not_taken(x, y):
    """The early return exists but the loop runs to completion."""
    for i in range(4):
        if x[i] > 1.0:
            return x[i] ** 2 * np.sum(y)
    return np.sum(y * x[:3])


@program(args=lambda rng: (rng.standard_normal(3),), tags=("return", "if"))
def returns_in_nested_if(x):
    s = x.sum()
    if s > -10.0:
        if x[0] > x[1]:
            if x[2] > 0:
                return np.sum(x ** 2)
            return np.sum(x ** 3)
        else:
            return np.sum(np.sin(x))
    return 0.0 * s


@program(args=lambda rng: (rng.uniform(0.1, 0.3, 3),), tags=("return", "while"))
def return_inside_while(x):
    y = x
    while True:
        y = y * 2.0 + 0.1
        if np.sum(y) > 10.0:
            return np.sum(np.log(y))


@program(args=lambda rng: (rng.standard_normal(3), rng.standard_normal(3), rng.standard_normal((3, 3))),
         wrt=(0, 1, 2), tags=("for-range", "tuple-unpack", "rnn"))
def rnn_loop_carried_tuple(h0, c0, W):
    h, c = h0, c0
    for _ in range(4):
        h, c = np.tanh(W @ h + c), c * 0.5 + h
    return np.sum(h * c)


@program(args=lambda rng: (rng.standard_normal(4), rng.standard_normal(4)), wrt=(0, 1),
         tags=("for-range", "while", "if", "break", "return", "nested-loops"))
def everything_nested(x, y):
    s = 0.0
    for i in range(3):
        j = 0
        while j < 4:
            if x[j] * y[j] > 1.5:
                j += 2
                continue
            elif j == 3 and i == 2:
                break
            s = s + np.sin(x[j] * (i + 1)) * y[j]
            j += 1
        if s > 100.0:
            return s
    return s * 2.0


@program(args=lambda rng: (rng.standard_normal(3),), tags=("for-range",))
def loop_local_used_after(x):
    """t is defined in every iteration and also read after the loop (last value only)."""
    s = 0.0
    for i in range(3):
        t = x * (i + 1)
        s = s + np.sum(t * t)
    return s + np.sum(np.sin(t))


@program(args=lambda rng: (rng.standard_normal(3),), tags=("while",))
def while_local_used_after(x):
    n = 0
    u = x
    while n < 3:
        t = np.tanh(u) * 2.0
        u = u + t
        n = n + 1
    return np.sum(u) + np.sum(t * t)


@program(args=lambda rng: (rng.standard_normal(3), rng.standard_normal(3)), wrt=(0, 1),
         tags=("for-tuple", "tuple-unpack"))
def for_over_named_list(x, y):
    """A list of differentiated arrays bound to a name, then looped over."""
    layers = [x, y * 2.0, x * y]
    h = np.ones(3)
    for w in layers:
        h = np.tanh(h * w)
    first, second, third = layers
    return np.sum(h) + np.sum(first * third)


@program(args=lambda rng: (rng.standard_normal(4),), tags=("for-range", "break"))
def loop_index_used_after(x):
    """The loop variable's last value is read after the loop, and again in a second loop."""
    s = 0.0
    for i in range(4):
        if x[i] > 1.5:
            break
        s = s + x[i] * (i + 1)
    t = s * x[i]
    for i in range(2):
        t = t + x[i] ** 2
    return t


@program(args=lambda rng: (rng.uniform(0.5, 1.0, 3),), tags=("while", "break", "if"))
def while_defined_sometimes(x):
    """`y` is assigned only in some iterations; the last assignment is what counts."""
    n = 0
    y = x * 0.0
    while n < 6:
        n = n + 1
        if n % 2 == 0:
            y = np.sin(x * n)
            continue
        if n == 5:
            break
        x = x * 1.1
    return np.sum(y * x)


@program(args=lambda rng: (rng.standard_normal(3),), tags=("assign", "if"))
def rebinding_is_not_aliasing(x):
    y = x
    x = x * 2.0
    if np.sum(y) > 0:
        x = x + y
    return np.sum(y * x)


@program(args=lambda rng: (rng.standard_normal(5),), tags=("index-read", "slices", "assign"))
def self_subscripts(x):
    x = x[::-1]
    x = x[1:] * x[:-1]
    y = x[None, :] * x[:, None]
    return np.sum(y[::2, ::-2]) + x[-1]


@program(args=lambda rng: (rng.standard_normal(4), rng.standard_normal(4)), wrt=(0, 1),
         mutates=True, tags=("index-assign", "for-range", "continue", "if"))
def writes_in_branches(x, y):
    k = np.zeros(4)
    for i in range(4):
        if i == 1:
            continue
        if x[i] > 0:
            k[i] = x[i] * y[i]
        else:
            k[i] = y[i] ** 2
        k[i] = k[i] + k[i - 1] * 0.5
    return np.sum(k * k)


def _scaled(v, factor=2.0, *, shift=0.0):
    if np.sum(v) > 0:
        return v * factor + shift
    return v - shift


@program(args=lambda rng: (rng.standard_normal(3),), tags=("call", "kwargs", "defaults", "return"))
def keyword_only_call(x):
    a = _scaled(x, shift=0.5)
    b = _scaled(-x, factor=3.0)
    return np.sum(a * b)


@program(args=lambda rng: (rng.uniform(0.1, 0.9, 3),), tags=("while", "compare"))
def chained_comparison_loop(x):
    s = x
    n = 0
    while 0.0 < np.sum(s) < 10.0 and n < 20:
        s = s * 1.7
        n = n + 1
    return np.sum(s ** 2)


@program(args=lambda rng: (rng.standard_normal(4), rng.standard_normal((4, 4)) / 2), wrt=(0, 1),
         tags=("list-append", "for-range"))
def list_append_stack(x, W):
    """Outputs collected with append, then stacked (the usual NumPy way)."""
    out = []
    h = x
    for i in range(3):
        h = np.tanh(W @ h)
        out.append(h * (i + 1))
    Y = np.stack(out)
    # np.array(out) is checked against real torch code in test_api.py: torch._numpy
    # differentiates np.array of a list of arrays differently from finite differences
    return np.sum(Y ** 2) + np.sum(np.vstack(out)[:, 0])


@program(args=lambda rng: (rng.uniform(0.2, 1.0, 3),), tags=("list-append", "while", "if",
                                                            "continue"))
def list_append_in_branches(x):
    """Appends in some iterations only, some of constants; read with concatenate and sum."""
    parts = []
    n = 0
    while n < 5:
        n = n + 1
        if n % 2 == 0:
            parts.append(x * n)
            continue
        if n == 3:
            parts.append(np.ones(3))
        else:
            parts.append(np.sin(x))
    return np.sum(np.concatenate(parts) ** 2) + np.sum(sum(parts)) * 0.5
