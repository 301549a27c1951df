"""Conditional-alias programs of adv13_programs*.py rewritten the way pullback's
refusal message advises (each names the program and the advice it follows).
The advice must make the program differentiable, with the right derivative."""

import numpy as np


def two_targets_advised(x, c):
    # "copy it into a local first: b_local = b.copy()"
    k = x * 2.0
    m = x ** 3
    if c > 0:
        b = k
    else:
        b = m
    b_local = b.copy()
    b_local[0] = x[1]
    return np.sum(k * x) + np.sum(m) + np.sum(b_local)


def dict_holds_alias_advised(x, c):
    # "Take a copy where `d` gets it: d = ({'b': b, 'k': k}).copy()"; a dict's
    # copy is shallow, so d["k"] still is k and sees k[2] = ... below
    k = np.zeros(3)
    b = x * 1.0
    if c > 0:
        b = k
    d = ({"b": b, "k": k}).copy()
    k[2] = x[0] ** 2
    return np.sum(d["b"] * x) + np.sum(d["k"])


def alias_appended_advised(x, c):
    # "Take a copy where `hs` gets it: hs.append((b).copy())"
    k = np.zeros(3)
    b = x * 1.0
    if c > 0:
        b = k
    hs = []
    hs.append((b).copy())
    k[0] = x[1] * 2.0
    hs.append(k)
    return np.sum(hs[0] * x) + np.sum(np.stack(hs))


def list_in_loop_advised(x, c):
    # "out.append((b).copy())"
    k = x * 1.0
    out = []
    for i in range(3):
        b = k * 1.0
        if i % 2 == 0:
            b = k
        out.append((b).copy())
        k[i] = k[i] * x[i]
    return np.sum(np.stack(out) * x)


def ternary_alias_advised(x, c):
    # "create it fresh, e.g. b = <expression>.copy()"
    k = np.zeros(3)
    b = (k if c > 0 else x * 1.0).copy()
    b[0] = x[1] * x[2]
    k[2] = x[0]
    return np.sum(b * x) + np.sum(k)


def slice_view_advised(x, c):
    # "create it fresh, e.g. v = <expression>.copy()"
    k = np.zeros(3)
    b = x * 2.0
    if c > 0:
        b = k
    v = b[1:].copy()
    v[0] = x[0] * 5.0
    k[2] = x[1]
    return np.sum(v * x[:2]) + np.sum(k) + np.sum(b * x)


def picked_advised(x, c):
    # "Take a copy of it: `_pick(k, c).copy()`"
    k = x * 1.0
    b = _pick(k, c).copy()
    b[1] = x[2] * 5.0
    return np.sum(k * x) + np.sum(b)


def _pick(a, c):
    if c > 0:
        return a
    return a.copy()


def _write_first_copy(a, v):
    a = a.copy()               # "copy it first, at the top of the function"
    a[0] = v
    return a


def helper_returns_arg_advised(x, c):
    k = np.zeros(3)
    b = x + 1.0
    if c > 0:
        b = k
    d = _write_first_copy(b, x[2] ** 2)
    d[1] = x[0]
    return np.sum(k * x) + np.sum(d) + np.sum(b)


def alias_of_argument_advised(x, c):
    # "copy it first, at the top of the function: x = x.copy()"
    x = x.copy()
    b = np.zeros(3)
    if c > 0:
        b = x
    b[0] = 2.0 * x[1]
    return np.sum(x * x) + np.sum(b)


def walrus_advised(x, c):
    # "assign on its own line"
    k = x * 1.0
    b = np.ones(3)
    if c > 0:
        b = k
    b[2] = x[0] * 4.0
    return np.sum(k * x) + np.sum(b)


def del_advised(x, c):
    # "let the variable go out of scope instead" (the del removed)
    k = x * 2.0
    b = np.zeros(3)
    if c > 0:
        b = k
        k = np.ones(3)
    b[0] = x[2]
    k[1] = x[1] * 3.0
    return np.sum(k * x) + np.sum(b * x)


def argument_iadd_advised(x, c):
    # "Write `x = x op ...` for a new array" (applied to the op= there is)
    y = x * 1.0
    if np.sum(x) > 0:
        y = x
    y = y + 1.0
    return np.sum(y * x)


def helper_writes_inlined(x, c):
    # the helper's body written in the function ("call other functions outside")
    k = x * 1.0
    b = np.ones(3)
    if c > 0:
        b = k
    b *= x[1]
    return np.sum(k * x) + np.sum(b)
