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


def views_of_new_arrays(x):
    v = np.exp(x)[::-1]        # a view of an array no name holds: v's own memory
    v[0] = x[1] * 2.0          # (the exp's derivative still needs exp(x) as made)
    w = (x * x).T
    w[1] = 3.0
    u = np.sin(x).reshape(3, 1)
    u[2, 0] = u[0, 0] * x[0]
    return np.sum(v * x) + np.sum(w * x) + np.sum(u)


def view_of_new_array_read_later(x):
    e = np.exp(x)
    v = (e * 1.0)[1:]
    v[0] = x[0]                # e is untouched: v's base is the product
    return np.sum(e * x) + np.sum(v * v)


def helper_shares(a, b):
    return a if np.sum(a) > np.sum(b) else b


def augment_before_alias(x):
    c = np.sin(x)
    c += x * 2.0               # c is still its own array here
    d = helper_shares(c, x * 1.0)   # d may be c's array: only from here on
    return np.sum(d * x) + np.sum(c)


def augment_after_alias_in_branch(x, flag):
    c = np.sin(x)
    b = x * 1.0
    if flag > 0:
        b = c
    c += x                     # NumPy changes b too when b is c
    return np.sum(b * x) + np.sum(c)


def augment_in_loop_then_alias(x):
    c = np.cos(x)
    b = x * 2.0
    for i in range(3):
        c += b                 # second turn: c is b's array (c = b below)
        c = b
    return np.sum(c * x) + np.sum(b)


# -- bindings and writes in the two branches of one if (analysis/syntax reaches) ------------
def alias_in_other_branch(x, flag):
    """The write is in the branch that did not take the alias: ``a`` is its own
    array there, and ``c`` is never changed."""
    a = x * 0.5
    c = np.sin(x)
    if flag > 0:
        a = c
        y = np.sum(a * x)
    else:
        a.fill(0.25)
        a[1] = x[0] * x[2]
        y = np.sum(a * c)
    return y + np.sum(a * x) + np.sum(c ** 2)


def view_in_other_branch(x, flag):
    """``c`` views ``m`` in one branch, ``m`` is written in the other."""
    m = np.zeros((2, 3))
    c = np.cos(x)
    if flag > 0:
        m[:, 0] = x[:2] * 2.0
        c = m.T[:, 1]
    else:
        np.copyto(m[0], c * x)
    return np.sum(c * x) + np.sum(m * m)


def alias_in_other_branch_in_loop(x):
    """In a loop the other branch is reached in the next turn: ``a`` may then be
    ``c``'s array, so the write must change ``c`` too (or be refused)."""
    a = x * 0.5
    c = np.sin(x)
    for i in range(3):
        if i == 1:
            a = c
        else:
            a[i] = x[i] * a[i]
    return np.sum(a * x) + np.sum(c * c)


# -- a conditional alias whose array moves when its name is rebound (selectors) -------------
def alias_then_rebind_other_names_alias_earlier(x):
    """``c = a`` then ``a`` is written and rebound; ``acc`` held ``a``'s array only
    before ``a`` was bound to it."""
    acc = [x * 1.0]
    a = x * 0.5
    b = x + 1.0
    c = a
    for i in range(2):
        np.copyto(a, np.sum(b) * c - a)
    a = np.tanh(a)
    acc.append(x * b - c)
    acc.append(c)
    return np.sum(a * b + c) + np.sum(np.stack(acc) ** 2)


def alias_rebound_while_list_holds_it(x):
    """``acc`` still holds ``a``'s array when ``a`` is rebound: ``c`` and ``acc``
    share it in NumPy, so a copy for ``c`` alone is not NumPy (refused or right)."""
    a = x * 0.5
    acc = [a]
    c = a
    a[0] = x[1] * 3.0
    a = np.tanh(x)
    c[1] = x[2] * 2.0
    return np.sum(c * x) + np.sum(np.stack(acc) * x) + np.sum(a)


# -- op= on what a helper returned (analysis/fresh_calls) -----------------------------------
def _steps(v, w, n):
    out, j = v, 0
    while j < n:  # returns v itself when n is 0
        out, j = np.tanh(out * w) + 0.5, j + 1
    return out


def augment_helper_result(x):
    """``_steps`` returns ``v`` itself when ``n`` is 0, so ``a`` may be ``x``: the
    result is checked at run time instead, and ``a += x`` then needs no check."""
    a = x * 0.5
    a = _steps(x, a, 1)
    a += x
    a *= np.cos(x)
    return np.sum(a * a)
