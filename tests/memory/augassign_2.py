"""Memory-semantics corpus, family `augassign`, part 2 of 2.

Ported verbatim from the adversarial corpus; see tests/memory/__init__.py.
"""

import numpy as np
import torch

from .common import D, tz, W6, W23, W22, TW6, TW23, TW22, add

FAM = "augassign"


def f_aa_T_iadd(x):
    k = np.zeros((2, 3))
    r = k.T
    r += x.reshape(3, 2)
    return (k * W23).sum()


def t_aa_T_iadd(x):
    k = tz(2, 3)
    r = k.T
    r += x.reshape(3, 2)
    return (k * TW23).sum()


add(FAM, f_aa_T_iadd, t_aa_T_iadd)


def f_aa_self_elem(x):
    a = x * 1.0
    a -= a[0]
    return (a * W6).sum()


def t_aa_self_elem(x):
    a = x - x[0]
    return (a * TW6).sum()


add(FAM, f_aa_self_elem, t_aa_self_elem)


def f_aa_view_isub(x):
    k = x * 1.0
    v = k[:3]
    v -= k[3:]
    return (k * k).sum()


def t_aa_view_isub(x):
    k = x * 1.0
    v = k[:3]
    v -= k[3:]
    return (k * k).sum()


add(FAM, f_aa_view_isub, t_aa_view_isub)


def f_aa_view_idiv(x):
    k = x * 1.0
    v = k[1:]
    v /= x[0]
    return (k * W6).sum()


def t_aa_view_idiv(x):
    k = x * 1.0
    v = k[1:]
    v /= x[0]
    return (k * TW6).sum()


add(FAM, f_aa_view_idiv, t_aa_view_idiv)


def f_aa_view_ipow(x):
    k = x * 1.0
    v = k[::2]
    v **= 2
    return (k * x).sum()


def t_aa_view_ipow(x):
    k = x * 1.0
    v = k[::2]
    v **= 2
    return (k * x).sum()


add(FAM, f_aa_view_ipow, t_aa_view_ipow)


def f_aa_int_rebind(x):
    n = 3
    m = n
    m += 1
    return x[0] * m * n


def t_aa_int_rebind(x):
    return x[0] * 4 * 3


add(FAM, f_aa_int_rebind, t_aa_int_rebind)


def f_aa_list_iadd(x):
    L = [x[0]]
    M = L
    M += [x[1]]
    return L[1] * x[2] + len(L) * x[3]


def t_aa_list_iadd(x):
    return x[1] * x[2] + 2 * x[3]


add(FAM, f_aa_list_iadd, t_aa_list_iadd)


def f_aa_tuple_iadd(x):
    T = (x[0],)
    U = T
    U += (x[1],)
    return len(T) * x[0] + U[1] * x[2]


def t_aa_tuple_iadd(x):
    return x[0] + x[1] * x[2]


add(FAM, f_aa_tuple_iadd, t_aa_tuple_iadd)


def f_aa_elem_seq(x):
    k = x * 1.0
    for i in range(3):
        k[i] += k[i + 1] * x[i]
    return (k * W6).sum()


def t_aa_elem_seq(x):
    k = torch.stack([x[0] + x[1] * x[0], x[1] + x[2] * x[1], x[2] + x[3] * x[2], x[3], x[4], x[5]])
    return (k * TW6).sum()


add(FAM, f_aa_elem_seq, t_aa_elem_seq)


def f_aa_row_then_elem(x):
    k = np.zeros((2, 3))
    k[0] += x[:3]
    k[0, 1] += x[3]
    return (k * k).sum()


def t_aa_row_then_elem(x):
    k = tz(2, 3)
    k[0] += x[:3]
    k[0, 1] += x[3]
    return (k * k).sum()


add(FAM, f_aa_row_then_elem, t_aa_row_then_elem)


def f_aa_imatmul_alias(x):
    a = np.eye(2) * x[0]
    b = a
    a @= x[:4].reshape(2, 2)
    return (b * W22).sum()


def t_aa_imatmul_alias(x):
    a = torch.eye(2, dtype=D) * x[0]
    a = a @ x[:4].reshape(2, 2)
    return (a * TW22).sum()


add(FAM, f_aa_imatmul_alias, t_aa_imatmul_alias)


def f_aa_col_view_iadd(x):
    k = np.zeros((2, 3))
    v = k[:, 1]
    v += x[0]
    return (k * W23).sum() + (v * x[1:3]).sum()


def t_aa_col_view_iadd(x):
    k = tz(2, 3)
    v = k[:, 1]
    v += x[0]
    return (k * TW23).sum() + (v * x[1:3]).sum()


add(FAM, f_aa_col_view_iadd, t_aa_col_view_iadd)


def f_aa_iadd_then_view_read(x):
    k = x * 1.0
    a = k[1:3]
    k += 1.0
    return (a * a).sum()


def t_aa_iadd_then_view_read(x):
    k = x * 1.0
    a = k[1:3]
    k += 1.0
    return (a * a).sum()


add(FAM, f_aa_iadd_then_view_read, t_aa_iadd_then_view_read)


def f_aa_imul_view_by_self(x):
    k = x * 1.0
    v = k[:3]
    v *= v
    return (k * W6).sum()


def t_aa_imul_view_by_self(x):
    k = torch.cat([x[:3] * x[:3], x[3:]])
    return (k * TW6).sum()


add(FAM, f_aa_imul_view_by_self, t_aa_imul_view_by_self)


def f_aa_alias_of_alias_iadd_read_old(x):
    k = x * 1.0
    old = k.copy()
    k2 = k
    k2 *= x
    return (k * old).sum() + (k2 * W6).sum()


def t_aa_alias_of_alias_iadd_read_old(x):
    k = x * x
    return (k * x).sum() + (k * TW6).sum()


add(FAM, f_aa_alias_of_alias_iadd_read_old, t_aa_alias_of_alias_iadd_read_old)
