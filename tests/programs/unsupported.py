"""Programs pullback must refuse, each at a known line (see test_errors.py).

The line of the offending statement is marked with ``# <- here``.
"""

import math

import numpy as np

import pullback as pb


def uses_try(x):
    try:  # <- here
        y = x * 2
    except ValueError:
        y = x
    return y


def uses_with_open(x):
    with open("/dev/null"):  # <- here
        y = x * 2
    return y


def uses_yield(x):
    yield x * 2  # <- here


def uses_global(x):
    global _G
    _G = x  # noqa
    return x


def uses_nonlocal(x):
    y = x

    def inner():
        nonlocal y
        y = y * 2
    inner()
    return y


def uses_del(x):
    y = x * 2
    del y  # <- here
    return x


def calls_builtin_without_rule(x):
    return np.sum(math.gamma(x))  # <- here


def calls_unknown_c_function(x):
    return np.frexp(x)[0] * 2  # <- here


def writes_into_argument(x):
    x[0] = 1.0  # <- here
    return np.sum(x)


def writes_through_alias(x):
    buf = np.zeros(3)
    v = buf  # <- here
    buf[0] = x[0]
    return np.sum(v * x)


def writes_into_view(x):
    buf = np.zeros((2, 3))
    row = buf[0]  # <- here
    buf[0, 1] = x[1]
    return np.sum(row * x)


def star_args(*xs):  # <- here
    return xs[0]


def comprehension(x):
    # (run only on some calls: not lowered to a loop before the statement)
    return np.sum(np.stack([x[i] ** 2 for i in range(3)]) if x[0] > 0 else x)  # <- here


def and_as_value(x):
    y = x and x * 2  # <- here
    return y


def stop_and_no_grad(x):
    y = pb.stop_gradient(x) * x
    with pb.no_grad():
        z = x * 3
    return np.sum(y + z)


_G = None


def aug_on_alias_of_argument(y):
    x = y
    x += 1.0  # <- here
    return np.sum(x * y)


def aug_on_view_of_local(x):
    buf = x * 1.0
    t = buf.T
    buf += 1.0
    return np.sum(t * x)


def writes_into_global(x):
    GLOBAL_BUF[0] = x[0]  # <- here
    return np.sum(GLOBAL_BUF * x)


GLOBAL_BUF = np.zeros(3)


def aug_on_row_view(X):
    row = X[0]
    row += 1.0
    return np.sum(row * X)


def aug_on_scalar_element(x):
    acc = x[0]
    for i in range(1, 3):
        acc += x[i] * acc
    return acc


def list_read_while_growing(x):
    out = []
    for i in range(3):
        out.append(x * i)
        s = np.sum(np.stack(out))  # <- here
    return s


def list_indexed(x):
    out = []
    out.append(x * 2)
    out.append(x * 3)
    return np.sum(np.stack(out[1:]))  # <- here  (a slice: out[0] alone works)


def item_of_active(x):
    return x[0].item() * np.sum(x)  # <- here


def rebinds_lambda(x):
    g = lambda t: t * 2.0  # noqa: E731
    y = g(x)  # <- here
    g = lambda t: t * 3.0  # noqa: E731
    return np.sum(y + g(x))


def alias_of_a_view(x):
    k = np.zeros((2, 2))
    r = k[0]
    r2 = r  # <- here
    k[0, 0] = x[0]
    return np.sum(r2) * x[1]


def _first_row(m):
    return m[0]


def view_through_a_call(x):
    k = np.zeros((2, 2))
    v = _first_row(k)  # <- here
    k[0, 0] = x[0]
    return np.sum(v) * x[1]


def view_through_flip(x):
    k = np.zeros(3)
    v = np.flip(k)  # <- here
    k[0] = x[0]
    return np.sum(v * x)


def appends_a_view_then_writes(x):
    k = np.zeros((2, 2))
    rows = []
    k[0, 0] = x[0]
    rows.append(k[0])  # <- here
    k[0, 0] = x[1] * 2.0
    return np.sum(np.stack(rows))
