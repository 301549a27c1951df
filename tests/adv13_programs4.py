"""Conditional aliases, part 4: rebindings that do NOT make a new array. After
``b = k`` on some paths, ``k = np.asarray(k)`` / ``k.reshape(...)`` / ``k[...]``
/ ``k.view()`` / ``np.atleast_1d(k)`` / ``k.astype(float, copy=False)`` give k
back (or a view of it), so NumPy still shows a later write through k in b; and
the same with b rebound to a view of itself. ``f(x, c)``."""

import numpy as np


def k_asarray_rebind(x, c):
    k = x * 1.0
    b = np.zeros(3)
    if c > 0:
        b = k
    k = np.asarray(k)          # the same array: b still is k
    k[0] = x[1] * 3.0
    return np.sum(b * x) + np.sum(k)


def k_reshape_rebind(x, c):
    k = x * 1.0
    b = np.zeros(3)
    if c > 0:
        b = k
    k = k.reshape(3)           # a view of the old k
    k[1] = x[2] ** 2
    return np.sum(b * x) + np.sum(k)


def k_ellipsis_rebind(x, c):
    k = x * 2.0
    b = np.ones(3)
    if c > 0:
        b = k
    k = k[...]                 # a view of the old k
    k[2] = x[0] * x[1]
    return np.sum(b * x) + np.sum(k * x)


def k_slice_rebind(x, c):
    k = x * 1.0
    b = np.ones(3)
    if c > 0:
        b = k
    k = k[1:]                  # a view of the old k's tail
    k[0] = x[0] * 4.0          # old k[1]: seen through b
    return np.sum(b * x) + np.sum(k)


def k_view_rebind(x, c):
    k = x * 1.0
    b = np.ones(3)
    if np.sum(x) > 0:
        b = k
    k = k.view()
    k *= 2.0
    return np.sum(b * x) + np.sum(k)


def k_atleast_rebind(x, c):
    k = x * 1.0
    b = np.ones(3)
    if c > 0:
        b = k
    k = np.atleast_1d(k)       # the same array
    k[0] = x[2] * 2.0
    return np.sum(b * x) + np.sum(k)


def k_astype_nocopy_rebind(x, c):
    k = x * 1.0
    b = np.ones(3)
    if c > 0:
        b = k
    k = k.astype(np.float64, copy=False)   # the same array
    k[1] = x[0] * 5.0
    return np.sum(b * x) + np.sum(k)


def k_astype_copy_rebind(x, c):
    k = x * 1.0
    b = np.ones(3)
    if c > 0:
        b = k
    k = k.astype(np.float64)   # a new array: b keeps the old one
    k[1] = x[0] * 5.0
    return np.sum(b * x) + np.sum(k)


def b_reshape_rebind(x, c):
    k = x * 1.0
    b = np.zeros(3)
    if c > 0:
        b = k
    b = b.reshape(3)           # still a view of k when aliased
    b[0] = x[2] * 3.0
    return np.sum(k * x) + np.sum(b)


def b_asarray_rebind(x, c):
    k = np.zeros(3)
    b = x * 1.0
    if c > 0:
        b = k
    b = np.asarray(b)          # the same array
    k[1] = x[0] ** 2
    return np.sum(b * x) + np.sum(k)


def k_ravel_rebind_2d(m, c):
    k = m * 1.0
    b = np.zeros((2, 3))
    if c > 0:
        b = k
    k = k.ravel()              # a view (k is contiguous)
    k[4] = m[0, 0] * 3.0       # old k[1, 1]
    return np.sum(b * m) + np.sum(k)


def k_transpose_rebind_2d(m, c):
    k = m * 1.0
    b = np.zeros((2, 3))
    if c > 0:
        b = k
    k = k.T                    # a view of the old k
    k[2, 0] = m[1, 1] * 2.0    # old k[0, 2]
    return np.sum(b * m) + np.sum(k)


def k_for_target_rebind(x, c):
    k = x * 1.0
    b = np.ones(3)
    if c > 0:
        b = k
    for k in (x * 2.0, x * 3.0):
        k[0] = 1.0             # new arrays: b untouched
    k[1] = x[2]
    return np.sum(b * x) + np.sum(k)


def k_tuple_rebind(x, c):
    k = x * 1.0
    b = np.ones(3)
    if c > 0:
        b = k
    k, z = k * 2.0, k          # k new, z is the old k (and b when aliased)
    z[0] = x[1] * 7.0
    k[2] = 0.0
    return np.sum(b * x) + np.sum(k) + np.sum(z)


def k_ternary_rebind(x, c):
    k = x * 1.0
    b = np.ones(3)
    if c > 0:
        b = k
    k = k if np.sum(x) > 0 else k * 2.0    # the same array on one side
    k[0] = x[2] * 3.0
    return np.sum(b * x) + np.sum(k)
