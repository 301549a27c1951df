"""Memory-semantics corpus, family `overlap`.

Ported verbatim from the adversarial corpus; see tests/memory/__init__.py.
"""

import numpy as np
import torch

from .common import tz, W6, W23, W33, PERM6, TW6, TW23, TW33, TPERM6, X9, add

FAM = "overlap"


def f_ov_reverse_assign(x):
    k = x * 1.0
    k[::-1] = k
    return (k * W6).sum()


def t_ov_reverse_assign(x):
    return (torch.flip(x, [0]) * TW6).sum()


add(FAM, f_ov_reverse_assign, t_ov_reverse_assign)


def f_ov_full_self(x):
    k = x * 1.0
    k[:] = k
    return (k * k * W6).sum()


def t_ov_full_self(x):
    return (x * x * TW6).sum()


add(FAM, f_ov_full_self, t_ov_full_self)


def f_ov_perm_assign(x):
    k = x * 1.0
    k[PERM6] = k
    return (k * W6).sum()


def t_ov_perm_assign(x):
    k = tz(6)
    k[TPERM6] = x
    return (k * TW6).sum()


add(FAM, f_ov_perm_assign, t_ov_perm_assign)


def f_ov_shift_right(x):
    k = x * 1.0
    k[1:] = k[:-1]
    return (k * W6).sum()


def t_ov_shift_right(x):
    k = torch.cat([x[:1], x[:-1]])
    return (k * TW6).sum()


add(FAM, f_ov_shift_right, t_ov_shift_right)


def f_ov_shift_left(x):
    k = x * 1.0
    k[:-1] = k[1:]
    return (k * W6).sum()


def t_ov_shift_left(x):
    k = torch.cat([x[1:], x[-1:]])
    return (k * TW6).sum()


add(FAM, f_ov_shift_left, t_ov_shift_left)


def f_ov_col_from_row(x):
    a = x.reshape(3, 3) * 1.0
    a[:, 0] = a[0, :]
    return (a * W33).sum()


def t_ov_col_from_row(x):
    a0 = x.reshape(3, 3)
    a = torch.cat([a0[0, :].reshape(3, 1), a0[:, 1:]], dim=1)
    return (a * TW33).sum()


add(FAM, f_ov_col_from_row, t_ov_col_from_row, X9)


def f_ov_row_from_col(x):
    a = x.reshape(3, 3) * 1.0
    a[0, :] = a[:, 0]
    return (a * W33).sum()


def t_ov_row_from_col(x):
    a0 = x.reshape(3, 3)
    a = torch.cat([a0[:, 0].reshape(1, 3), a0[1:, :]], dim=0)
    return (a * TW33).sum()


add(FAM, f_ov_row_from_col, t_ov_row_from_col, X9)


def f_ov_transpose_assign(x):
    a = x.reshape(3, 3) * 1.0
    a[:] = a.T
    return (a * W33).sum()


def t_ov_transpose_assign(x):
    return (x.reshape(3, 3).T * TW33).sum()


add(FAM, f_ov_transpose_assign, t_ov_transpose_assign, X9)


def f_ov_iadd_T(x):
    a = x.reshape(3, 3) * 1.0
    a += a.T
    return (a * W33).sum()


def t_ov_iadd_T(x):
    a0 = x.reshape(3, 3)
    return ((a0 + a0.T) * TW33).sum()


add(FAM, f_ov_iadd_T, t_ov_iadd_T, X9)


def f_ov_shift_iadd(x):
    k = x * 1.0
    k[1:] += k[:-1]
    return (k * W6).sum()


def t_ov_shift_iadd(x):
    k = torch.cat([x[:1], x[1:] + x[:-1]])
    return (k * TW6).sum()


add(FAM, f_ov_shift_iadd, t_ov_shift_iadd)


def f_ov_row_swap_views(x):
    a = x.reshape(2, 3) * 1.0
    a[0], a[1] = a[1], a[0]
    return (a * W23).sum()


def t_ov_row_swap_views(x):
    r1 = x.reshape(2, 3)[1]
    a = torch.stack([r1, r1])
    return (a * TW23).sum()


add(FAM, f_ov_row_swap_views, t_ov_row_swap_views)


def f_ov_row_swap_fancy(x):
    a = x.reshape(2, 3) * 1.0
    a[[0, 1]] = a[[1, 0]]
    return (a * W23).sum()


def t_ov_row_swap_fancy(x):
    a0 = x.reshape(2, 3)
    a = torch.stack([a0[1], a0[0]])
    return (a * TW23).sum()


add(FAM, f_ov_row_swap_fancy, t_ov_row_swap_fancy)


def f_ov_elem_swap_1d(x):
    k = x * 1.0
    k[0], k[1] = k[1], k[0]
    return (k * W6).sum()


def t_ov_elem_swap_1d(x):
    k = torch.cat([x[1:2], x[0:1], x[2:]])
    return (k * TW6).sum()


add(FAM, f_ov_elem_swap_1d, t_ov_elem_swap_1d)


def f_ov_swap_slices_views(x):
    k = x * 1.0
    k[:3], k[3:] = k[3:], k[:3]
    return (k * W6).sum()


def t_ov_swap_slices_views(x):
    k = torch.cat([x[3:], x[3:]])
    return (k * TW6).sum()


add(FAM, f_ov_swap_slices_views, t_ov_swap_slices_views)


def f_ov_swap_slices_copies(x):
    k = x * 1.0
    k[:3], k[3:] = k[3:].copy(), k[:3].copy()
    return (k * W6).sum()


def t_ov_swap_slices_copies(x):
    k = torch.cat([x[3:], x[:3]])
    return (k * TW6).sum()


add(FAM, f_ov_swap_slices_copies, t_ov_swap_slices_copies)


def f_ov_reverse_iadd(x):
    k = x * 1.0
    k += k[::-1]
    return (k * W6).sum()


def t_ov_reverse_iadd(x):
    return ((x + torch.flip(x, [0])) * TW6).sum()


add(FAM, f_ov_reverse_iadd, t_ov_reverse_iadd)


def f_ov_negstride_iadd(x):
    k = x * 1.0
    k[::-1] += k
    return (k * W6).sum()


def t_ov_negstride_iadd(x):
    return ((x + torch.flip(x, [0])) * TW6).sum()


add(FAM, f_ov_negstride_iadd, t_ov_negstride_iadd)


def f_ov_fancy_col_perm(x):
    a = x.reshape(3, 3) * 1.0
    a[[1, 2, 0], 0] = a[:, 0]
    return (a * W33).sum()


def t_ov_fancy_col_perm(x):
    a0 = x.reshape(3, 3)
    col = torch.stack([a0[2, 0], a0[0, 0], a0[1, 0]]).reshape(3, 1)
    a = torch.cat([col, a0[:, 1:]], dim=1)
    return (a * TW33).sum()


add(FAM, f_ov_fancy_col_perm, t_ov_fancy_col_perm, X9)


def f_ov_view_assign(x):
    k = x * 1.0
    v = k[1:]
    v[:] = k[:-1]
    return (k * W6).sum()


def t_ov_view_assign(x):
    k = torch.cat([x[:1], x[:-1]])
    return (k * TW6).sum()


add(FAM, f_ov_view_assign, t_ov_view_assign)


def f_ov_ufunc_out_overlap(x):
    k = x * 1.0
    np.add(k[:-1], k[1:], out=k[1:])
    return (k * W6).sum()


def t_ov_ufunc_out_overlap(x):
    k = torch.cat([x[:1], x[:-1] + x[1:]])
    return (k * TW6).sum()


add(FAM, f_ov_ufunc_out_overlap, t_ov_ufunc_out_overlap)


def f_ov_isub_rev_view(x):
    k = x * 1.0
    v = k[::-1]
    k -= v
    return (k * W6).sum()


def t_ov_isub_rev_view(x):
    return ((x - torch.flip(x, [0])) * TW6).sum()


add(FAM, f_ov_isub_rev_view, t_ov_isub_rev_view)


def f_ov_stride_self(x):
    k = x * 1.0
    k[::2] = k[1::2] * k[::2]
    return (k * W6).sum()


def t_ov_stride_self(x):
    e = x[1::2] * x[::2]
    k = torch.stack([e[0], x[1], e[1], x[3], e[2], x[5]])
    return (k * TW6).sum()


add(FAM, f_ov_stride_self, t_ov_stride_self)
