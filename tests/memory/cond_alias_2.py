"""Memory-semantics corpus, family `cond_alias`, part 2 of 2.

Ported verbatim from the adversarial corpus; see tests/memory/__init__.py.
"""

import numpy as np
import torch

from .common import D, tz, W23, TW23, args, add
from .cond_alias_1 import pick

FAM = "cond_alias"


def f_ca_tuple_index(x):
    k = np.zeros(3)
    z = np.zeros(3)
    v = (z, k)[1]
    v[0] = x[0]
    return (k * x[:3]).sum() + (z * x[3:]).sum()


def t_ca_tuple_index(x):
    k = tz(3)
    z = tz(3)
    v = (z, k)[1]
    v[0] = x[0]
    return (k * x[:3]).sum() + (z * x[3:]).sum()


add(FAM, f_ca_tuple_index, t_ca_tuple_index)


def f_ca_for_over_tuple(x):
    k = np.zeros(3)
    z = np.zeros(3)
    for v in (k, z):
        v[0] = x[0] * 2.0
    return (k * x[:3]).sum() + (z * x[3:]).sum()


def t_ca_for_over_tuple(x):
    k = tz(3)
    z = tz(3)
    for v in (k, z):
        v[0] = x[0] * 2.0
    return (k * x[:3]).sum() + (z * x[3:]).sum()


add(FAM, f_ca_for_over_tuple, t_ca_for_over_tuple)


def f_ca_for_rows(x):
    k = np.zeros((2, 3))
    for row in k:
        row[1] = x[0]
    return (k * W23).sum()


def t_ca_for_rows(x):
    k = tz(2, 3)
    for i in range(2):
        k[i, 1] = x[0]
    return (k * TW23).sum()


add(FAM, f_ca_for_rows, t_ca_for_rows)


def f_ca_for_rows_inplace(x):
    k = x.reshape(2, 3) * 1.0
    for row in k:
        row *= x[:3]
    return (k * k).sum()


def t_ca_for_rows_inplace(x):
    k = x.reshape(2, 3) * x[:3]
    return (k * k).sum()


add(FAM, f_ca_for_rows_inplace, t_ca_for_rows_inplace)


def f_ca_for_rows_rebind(x):
    k = x.reshape(2, 3) * 1.0
    for row in k:
        row = row * 2.0
    return (k * k).sum() + row.sum()


def t_ca_for_rows_rebind(x):
    k = x.reshape(2, 3) * 1.0
    row = k[1] * 2.0
    return (k * k).sum() + row.sum()


add(FAM, f_ca_for_rows_rebind, t_ca_for_rows_rebind)


def f_ca_rebind_base(x):
    k = x[:3] * 1.0
    v = k
    k = k * 2.0
    v[0] = x[0] ** 2
    return (v * x[:3]).sum() + (k * x[3:]).sum()


def t_ca_rebind_base(x):
    k = x[:3] * 1.0
    v = k
    k = k * 2.0
    v[0] = x[0] ** 2
    return (v * x[:3]).sum() + (k * x[3:]).sum()


add(FAM, f_ca_rebind_base, t_ca_rebind_base)


def f_ca_rebind_fresh(x):
    k = x[:3] * 1.0
    v = k
    k = np.zeros(3)
    k[0] = x[0]
    return (v * x[:3]).sum() + (k * x[3:]).sum()


def t_ca_rebind_fresh(x):
    k = x[:3] * 1.0
    v = k
    k = tz(3)
    k[0] = x[0]
    return (v * x[:3]).sum() + (k * x[3:]).sum()


add(FAM, f_ca_rebind_fresh, t_ca_rebind_fresh)


def f_ca_ifexp_view(x, c):
    k = np.zeros((2, 3))
    v = k[0] if c else k[1]
    v[2] = x[0]
    return (k * W23).sum()


def t_ca_ifexp_view(x, c):
    k = tz(2, 3)
    v = k[0] if c else k[1]
    v[2] = x[0]
    return (k * TW23).sum()


add(FAM, f_ca_ifexp_view, t_ca_ifexp_view, args(6, True), name="ca_ifexp_view_true")


add(FAM, f_ca_ifexp_view, t_ca_ifexp_view, args(6, False), name="ca_ifexp_view_false")


def f_ca_walrus(x):
    k = np.zeros(3)
    n = (v := k).shape[0]
    v[0] = x[0] * n
    return (k * x[:3]).sum()


def t_ca_walrus(x):
    k = tz(3)
    v = k
    v[0] = x[0] * 3
    return (k * x[:3]).sum()


add(FAM, f_ca_walrus, t_ca_walrus)


def f_ca_alias_chain3(x):
    k = np.zeros(3)
    a = k
    b = a
    c2 = b[1:]
    c2[0] = x[0]
    return (k * x[:3]).sum() + a[1] * x[3]


def t_ca_alias_chain3(x):
    k = tz(3)
    a = k
    b = a
    c2 = b[1:]
    c2[0] = x[0]
    return (k * x[:3]).sum() + a[1] * x[3]


add(FAM, f_ca_alias_chain3, t_ca_alias_chain3)


def f_ca_swap_names(x):
    a = np.zeros(3)
    b = np.ones(3)
    a, b = b, a
    a[0] = x[0]
    return (b * x[:3]).sum() * 2.0 + (a * x[3:]).sum()


def t_ca_swap_names(x):
    a = tz(3)
    b = torch.ones(3, dtype=D)
    a, b = b, a
    a[0] = x[0]
    return (b * x[:3]).sum() * 2.0 + (a * x[3:]).sum()


add(FAM, f_ca_swap_names, t_ca_swap_names)


def f_ca_list_of_views(x):
    k = np.zeros((2, 3))
    L = [k[0], k[1]]
    L[1][0] = x[0]
    return (k * W23).sum()


def t_ca_list_of_views(x):
    k = tz(2, 3)
    L = [k[0], k[1]]
    L[1][0] = x[0]
    return (k * TW23).sum()


add(FAM, f_ca_list_of_views, t_ca_list_of_views)


def f_ca_pick_helper(x, c):
    k = np.zeros(3)
    z = np.zeros(3)
    v = pick(k, z, c)
    v[0] = x[0]
    return (z * x[:3]).sum() + (k * x[3:]).sum()


def t_ca_pick_helper(x, c):
    k = tz(3)
    z = tz(3)
    v = z if c else k
    v[0] = x[0]
    return (z * x[:3]).sum() + (k * x[3:]).sum()


add(FAM, f_ca_pick_helper, t_ca_pick_helper, args(6, True), name="ca_pick_helper_true")


add(FAM, f_ca_pick_helper, t_ca_pick_helper, args(6, False), name="ca_pick_helper_false")
