"""Memory-semantics corpus, family `write_through`, part 2 of 2.

Ported verbatim from the adversarial corpus; see tests/memory/__init__.py.

Family note: writes made through a view (named or chained) must land in the base
"""

import numpy as np
import torch

from .common import tz, W6, W23, W33, TW6, TW23, add

FAM = "write_through"


def f_wt_view_method_write(x):
    k = np.zeros(6)
    v = k.view()
    v[2] = x[0]
    return k[2] * x[1] + (k * k).sum()


def t_wt_view_method_write(x):
    k = tz(6)
    v = k.view(6)
    v[2] = x[0]
    return k[2] * x[1] + (k * k).sum()


add(FAM, f_wt_view_method_write, t_wt_view_method_write)


def f_wt_swapaxes_write(x):
    k = np.zeros((2, 3))
    np.swapaxes(k, 0, 1)[2, 0] = x[0]
    return (k * W23).sum() * x[1]


def t_wt_swapaxes_write(x):
    k = tz(2, 3)
    torch.swapaxes(k, 0, 1)[2, 0] = x[0]
    return (k * TW23).sum() * x[1]


add(FAM, f_wt_swapaxes_write, t_wt_swapaxes_write)


def f_wt_diagonal_write_err(x):
    k = np.zeros((3, 3))
    d = k.diagonal()
    d[0] = x[0]
    return (k * W33).sum()


add(FAM, f_wt_diagonal_write_err, None, expect_error=True,
    note="diagonal() is a read-only view: NumPy raises ValueError")


def f_wt_broadcast_write_err(x):
    k = np.zeros(3)
    b = np.broadcast_to(k, (2, 3))
    b[0, 0] = x[0]
    return (k * x[:3]).sum()


add(FAM, f_wt_broadcast_write_err, None, expect_error=True,
    note="broadcast_to view is read-only: NumPy raises ValueError")


def f_wt_flip_write(x):
    k = np.zeros(4)
    np.flip(k)[0] = x[0]
    return (k * x[:4]).sum()


def t_wt_flip_write(x):
    k = tz(4)
    k[3] = x[0]
    return (k * x[:4]).sum()


add(FAM, f_wt_flip_write, t_wt_flip_write)


def f_wt_rev_write(x):
    k = np.zeros(4)
    v = k[::-1]
    v[1] = x[0]
    return (k * x[:4]).sum() + v[1] * x[4]


def t_wt_rev_write(x):
    k = tz(4)
    k[2] = x[0]
    return (k * x[:4]).sum() + k[2] * x[4]


add(FAM, f_wt_rev_write, t_wt_rev_write)


def f_wt_view_read_write(x):
    k = np.zeros((2, 3))
    v = k[0]
    k[0, 2] = x[0]
    v[0] = v[2] * x[1]
    return k.sum() + (v * v).sum()


def t_wt_view_read_write(x):
    k = tz(2, 3)
    v = k[0]
    k[0, 2] = x[0]
    v[0] = v[2].clone() * x[1]
    return k.sum() + (v * v).sum()


add(FAM, f_wt_view_read_write, t_wt_view_read_write)


def f_wt_two_views(x):
    k = np.zeros(5)
    a = k[:3]
    b = k[2:]
    a[2] = x[0]
    return b[0] * x[1] + (k * k).sum()


def t_wt_two_views(x):
    k = tz(5)
    a = k[:3]
    b = k[2:]
    a[2] = x[0]
    return b[0] * x[1] + (k * k).sum()


add(FAM, f_wt_two_views, t_wt_two_views)


def f_wt_view_of_view(x):
    k = np.zeros(5)
    v = k[1:]
    w2 = v[1:]
    w2[0] = x[0]
    return k[2] * x[1] + v[1] * x[2]


def t_wt_view_of_view(x):
    k = tz(5)
    v = k[1:]
    w2 = v[1:]
    w2[0] = x[0]
    return k[2] * x[1] + v[1] * x[2]


add(FAM, f_wt_view_of_view, t_wt_view_of_view)


def f_wt_squeeze_write(x):
    k = np.zeros((1, 3))
    np.squeeze(k)[1] = x[0]
    return (k * x[:3]).sum()


def t_wt_squeeze_write(x):
    k = tz(1, 3)
    torch.squeeze(k)[1] = x[0]
    return (k * x[:3]).sum()


add(FAM, f_wt_squeeze_write, t_wt_squeeze_write)


def f_wt_moveaxis_write(x):
    k = np.zeros((2, 3))
    np.moveaxis(k, 0, 1)[1, 0] = x[0]
    return (k * W23).sum()


def t_wt_moveaxis_write(x):
    k = tz(2, 3)
    torch.movedim(k, 0, 1)[1, 0] = x[0]
    return (k * TW23).sum()


add(FAM, f_wt_moveaxis_write, t_wt_moveaxis_write)


def f_wt_expand_dims_write(x):
    k = np.zeros(3)
    np.expand_dims(k, 0)[0, 2] = x[0]
    return (k * x[:3]).sum()


def t_wt_expand_dims_write(x):
    k = tz(3)
    torch.unsqueeze(k, 0)[0, 2] = x[0]
    return (k * x[:3]).sum()


add(FAM, f_wt_expand_dims_write, t_wt_expand_dims_write)


def f_wt_np_reshape_write(x):
    k = np.zeros((2, 3))
    np.reshape(k, -1)[5] = x[0]
    return (k * W23).sum()


def t_wt_np_reshape_write(x):
    k = tz(2, 3)
    torch.reshape(k, (-1,))[5] = x[0]
    return (k * TW23).sum()


add(FAM, f_wt_np_reshape_write, t_wt_np_reshape_write)


def f_wt_ravel_T_lost(x):
    k = np.zeros((2, 3))
    np.ravel(k.T)[1] = x[0]
    return k.sum() + x[0]


def t_wt_ravel_T_lost(x):
    k = tz(2, 3)
    return k.sum() + x[0]


add(FAM, f_wt_ravel_T_lost, t_wt_ravel_T_lost)


def f_wt_view_of_computed(x):
    k = x * 1.0
    v = k[2:]
    v[1] = x[0] * x[1]
    return (k * W6).sum()


def t_wt_view_of_computed(x):
    k = x * 1.0
    v = k[2:]
    v[1] = x[0] * x[1]
    return (k * TW6).sum()


add(FAM, f_wt_view_of_computed, t_wt_view_of_computed)
