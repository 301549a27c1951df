"""Programs where a name holds another name's array on some paths only (a
conditional alias), written the way NumPy users write them. Each is checked
against torch (its own view semantics) and central differences in
``test_selectors.py``; the comments say what NumPy does."""

import numpy as np


def branch_alias(x, c):
    k = np.zeros(3)
    b = x * 1.0
    if c > 0:
        b = k                  # b is k's array only when c > 0
    k[0] = x[0] * 2.0          # seen through b then
    b[1] = x[1] * 3.0          # written into k then
    return np.sum(b * x) + np.sum(k)


def loop_alias(x, n):
    k = np.zeros(3)
    b = x + 1.0
    for i in range(n):
        k[i % 3] = k[i % 3] + np.sum(x) * 0.5
        if np.sum(k) > 0.2:
            b = k
        k[(i + 1) % 3] = x[i % 3] * b[0]
    return np.sum(b * b) + np.sum(k * x)


def augmented_through_alias(x, c):
    k = np.ones(3)
    a = x * 2.0
    if c > 0:
        a = k
    a += x                     # into k when a is k
    a *= 2.0
    return np.sum(k * x) + np.sum(a * a)


def alias_then_rebound(x, c):
    a = x * 0.5
    b = x + 1.0
    if c > 0:
        b = a                  # b keeps the old a when a is rebound below
    b[0] = x[1] * 4.0
    a = np.sin(x)
    b[2] = x[0] * b[1]
    a[1] = 3.0 * x[2]
    return np.sum(a * b) + np.sum(b)


def self_binding(x, c):
    k = np.zeros(3)
    a = x * 1.0
    if c > 0:
        a = k
    a = a                      # nothing changes
    k[1] = x[0] ** 2
    return np.sum(a * x)


def alias_in_tests(x, c):
    k = x * 1.0
    a = np.ones(3)
    if c > 0:
        a = k
    k[0] = -x[1]
    total = 0.0
    for i in range(len(a)):
        if a[i] > 0.0:
            total = total + a[i] * x[i]
    while np.sum(a) > 1.0:
        a = a * 0.5
    return total + np.sum(a)


def fill_and_copyto(x, c):
    k = np.zeros((2, 3))
    v = np.ones(3)
    if c > 0:
        v = k
    np.copyto(v, x * 2.0)
    v.fill(0.5)
    k[0, 1] = x[2]
    np.copyto(k, k * x)
    return np.sum(v * v) + np.sum(k)


def returned_alias(x, c):
    k = np.zeros(3)
    r = x * 3.0
    if c > 0:
        r = k
    k[2] = np.sin(x[0])
    return np.sum(r * x)


def bound_in_one_branch(x, c):
    if c > 0:
        v = x * 2.0            # v exists only when c > 0
    y = x * 3.0
    if c > 0:
        y = y + v
    return np.sum(y * x)


def unbound_until_alias(x, c):
    k = np.zeros(3)
    if c > 0:
        v = k                  # v is unbound before, and k's array here
    else:
        v = k.copy()
    v[1] = x[1]
    return np.sum(k * x) + v[1] * x[2]


def view_alias(x, c):
    m = np.zeros((2, 3))
    v = x * 1.0
    if c > 0:
        v = m[1]               # a view of m's second row
    m[1, 0] = x[2] * 2.0       # seen through v then
    v[2] = x[0] * 5.0          # written into m then
    return np.sum(v * x) + np.sum(m * m)


def transposed_view_alias(x, c):
    m = np.ones((3, 2))
    v = x * 2.0
    for i in range(2):
        if c > i:
            v = m.T[0]
        m[i, 0] = x[i] * x[2]
    return np.sum(v * x) + np.sum(m)


def rebinding_itself(x, c):
    b = x + 1.0
    if c > 0:
        b = b                  # changes nothing: b stays its own array
    b[0] = x[1] * 2.0
    return np.sum(b * x)


def augmented_view_alias(x, c):
    m = np.zeros((2, 3))
    v = x * 2.0
    if c > 0:
        v = m[0]
    v += x                     # into m's first row when v is that view
    v *= x[1]
    m[0, 2] = m[0, 2] + x[0]
    return np.sum(v * v) + np.sum(m * x)


def defined_late_in_loop(x):
    y = x * 1.0
    for i in range(3):
        if i > 0:
            y = y + k * 2.0    # k from the previous turn (unbound in the first)
        k = x * (i + 1.0)
    return np.sum(y * x)
