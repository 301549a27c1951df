"""Memory-semantics corpus, family `cond_alias`, part 1 of 2.

Ported verbatim from the adversarial corpus; see tests/memory/__init__.py.
"""

import numpy as np

from .common import tz, W23, TW23, args, add

FAM = "cond_alias"


def f_ca_ifexp(x, c):
    k = np.zeros(3)
    z = np.zeros(3)
    v = k if c else z
    v[0] = x[0]
    return (k * x[:3]).sum() + 2.0 * (z * x[3:]).sum()


def t_ca_ifexp(x, c):
    k = tz(3)
    z = tz(3)
    v = k if c else z
    v[0] = x[0]
    return (k * x[:3]).sum() + 2.0 * (z * x[3:]).sum()


add(FAM, f_ca_ifexp, t_ca_ifexp, args(6, True), name="ca_ifexp_true")


add(FAM, f_ca_ifexp, t_ca_ifexp, args(6, False), name="ca_ifexp_false")


def f_ca_if_stmt(x, c):
    k = np.zeros(3)
    if c:
        v = k
    else:
        v = k.copy()
    v[1] = x[1]
    return (k * x[:3]).sum() + v[1] * x[4]


def t_ca_if_stmt(x, c):
    k = tz(3)
    if c:
        v = k
    else:
        v = k.clone()
    v[1] = x[1]
    return (k * x[:3]).sum() + v[1] * x[4]


add(FAM, f_ca_if_stmt, t_ca_if_stmt, args(6, True), name="ca_if_stmt_true")


add(FAM, f_ca_if_stmt, t_ca_if_stmt, args(6, False), name="ca_if_stmt_false")


def f_ca_tuple_unpack(x):
    k = np.zeros(3)
    v, w = k, 2.0
    v[1] = x[1] * w
    return (k * x[:3]).sum()


def t_ca_tuple_unpack(x):
    k = tz(3)
    v, w = k, 2.0
    v[1] = x[1] * w
    return (k * x[:3]).sum()


add(FAM, f_ca_tuple_unpack, t_ca_tuple_unpack)


def f_ca_split_unpack(x):
    k = np.zeros(4)
    a, b = np.split(k, 2)
    a[0] = x[0]
    b[1] = x[1]
    return (k * x[:4]).sum()


def t_ca_split_unpack(x):
    k = tz(4)
    a, b = k[:2], k[2:]
    a[0] = x[0]
    b[1] = x[1]
    return (k * x[:4]).sum()


add(FAM, f_ca_split_unpack, t_ca_split_unpack)


def f_ca_list_alias(x):
    k = np.zeros(3)
    L = [k]
    L[0][1] = x[0]
    return (k * x[:3]).sum()


def t_ca_list_alias(x):
    k = tz(3)
    L = [k]
    L[0][1] = x[0]
    return (k * x[:3]).sum()


add(FAM, f_ca_list_alias, t_ca_list_alias)


def f_ca_list_append(x):
    k = np.zeros(3)
    L = []
    L.append(k)
    L[-1][2] = x[1]
    return (k * x[3:]).sum()


def t_ca_list_append(x):
    k = tz(3)
    L = []
    L.append(k)
    L[-1][2] = x[1]
    return (k * x[3:]).sum()


add(FAM, f_ca_list_append, t_ca_list_append)


def f_ca_dict_alias(x):
    k = np.zeros(3)
    d = {"a": k}
    d["a"][0] = x[0]
    return (k * x[:3]).sum() + k[0]


def t_ca_dict_alias(x):
    k = tz(3)
    d = {"a": k}
    d["a"][0] = x[0]
    return (k * x[:3]).sum() + k[0]


add(FAM, f_ca_dict_alias, t_ca_dict_alias)


def ident(a):
    return a


def second_of(a, b):
    return b


def head2(a):
    return a[:2]


def rows_of(a):
    return a[0], a[1]


def pick(a, b, c):
    return b if c else a


def f_ca_ident_helper(x):
    k = np.zeros(3)
    v = ident(k)
    v[0] = x[0]
    return (k * x[:3]).sum()


def t_ca_ident_helper(x):
    k = tz(3)
    v = k
    v[0] = x[0]
    return (k * x[:3]).sum()


add(FAM, f_ca_ident_helper, t_ca_ident_helper)


def f_ca_second_helper(x):
    k = np.zeros(3)
    z = np.zeros(3)
    v = second_of(z, k)
    v[1] = x[1]
    return (k * x[:3]).sum() + (z * x[3:]).sum()


def t_ca_second_helper(x):
    k = tz(3)
    z = tz(3)
    v = k
    v[1] = x[1]
    return (k * x[:3]).sum() + (z * x[3:]).sum()


add(FAM, f_ca_second_helper, t_ca_second_helper)


def f_ca_slice_helper(x):
    k = np.zeros(3)
    v = head2(k)
    v[1] = x[2]
    return (k * x[:3]).sum()


def t_ca_slice_helper(x):
    k = tz(3)
    v = k[:2]
    v[1] = x[2]
    return (k * x[:3]).sum()


add(FAM, f_ca_slice_helper, t_ca_slice_helper)


def f_ca_rows_helper(x):
    K = np.zeros((2, 3))
    a, b = rows_of(K)
    a[0] = x[0]
    b[1] = x[1]
    return (K * W23).sum()


def t_ca_rows_helper(x):
    K = tz(2, 3)
    a, b = K[0], K[1]
    a[0] = x[0]
    b[1] = x[1]
    return (K * TW23).sum()


add(FAM, f_ca_rows_helper, t_ca_rows_helper)
