"""Memory-semantics corpus, family `chain_read`, part 1 of 2.

Ported verbatim from the adversarial corpus; see tests/memory/__init__.py.

Family note: a (chained / strided) view is made, the base is written afterwards, the view is read
"""

import numpy as np
import torch

from .common import D, tz, W6, W23, TW6, TW23, add

FAM = "chain_read"


def f_cr_row_tail(x):
    k = np.zeros((2, 3))
    v = k[0][1:]
    k[0, 2] = x[0]
    k[1, 1] = x[1]
    return (v * x[2:4]).sum() + (k * k).sum()


def t_cr_row_tail(x):
    k = tz(2, 3)
    v = k[0][1:]
    k[0, 2] = x[0]
    k[1, 1] = x[1]
    return (v * x[2:4]).sum() + (k * k).sum()


add(FAM, f_cr_row_tail, t_cr_row_tail)


def f_cr_T_row(x):
    k = np.zeros((2, 3))
    v = k.T[1]
    k[1, 1] = x[0]
    k[0, 1] = 2.0 * x[1]
    return (v * x[2:4]).sum() + v[1] * x[4]


def t_cr_T_row(x):
    k = tz(2, 3)
    v = k.T[1]
    k[1, 1] = x[0]
    k[0, 1] = 2.0 * x[1]
    return (v * x[2:4]).sum() + v[1] * x[4]


add(FAM, f_cr_T_row, t_cr_T_row)


def f_cr_double_slice(x):
    k = np.zeros(5)
    v = k[1:][1:]
    k[2] = x[0]
    k[4] = x[1] ** 2
    return (v * x[2:5]).sum()


def t_cr_double_slice(x):
    k = tz(5)
    v = k[1:][1:]
    k[2] = x[0]
    k[4] = x[1] ** 2
    return (v * x[2:5]).sum()


add(FAM, f_cr_double_slice, t_cr_double_slice)


def f_cr_step2(x):
    k = np.zeros(6)
    v = k[::2]
    k[2] = x[0]
    k[3] = x[1]
    return (v * x[:3]).sum() + k[3] * x[5]


def t_cr_step2(x):
    k = tz(6)
    v = k[::2]
    k[2] = x[0]
    k[3] = x[1]
    return (v * x[:3]).sum() + k[3] * x[5]


add(FAM, f_cr_step2, t_cr_step2)


def f_cr_ellipsis(x):
    k = np.zeros((3, 2))
    v = k[..., 0]
    k[1, 0] = x[0]
    k[1, 1] = x[1]
    return (v * x[3:6]).sum() + v[1] * x[0]


def t_cr_ellipsis(x):
    k = tz(3, 2)
    v = k[..., 0]
    k[1, 0] = x[0]
    k[1, 1] = x[1]
    return (v * x[3:6]).sum() + v[1] * x[0]


add(FAM, f_cr_ellipsis, t_cr_ellipsis)


def f_cr_reshape_row(x):
    k = np.zeros(6)
    v = k.reshape(2, 3)[0]
    k[1] = x[0]
    k[4] = x[1]
    return (v * x[:3]).sum() + v.sum() * x[4]


def t_cr_reshape_row(x):
    k = tz(6)
    v = k.reshape(2, 3)[0]
    k[1] = x[0]
    k[4] = x[1]
    return (v * x[:3]).sum() + v.sum() * x[4]


add(FAM, f_cr_reshape_row, t_cr_reshape_row)


def f_cr_np_reshape(x):
    k = np.zeros((2, 3))
    v = np.reshape(k[1], -1)
    k[1, 2] = np.sin(x[0])
    return (v * x[3:]).sum()


def t_cr_np_reshape(x):
    k = tz(2, 3)
    v = torch.reshape(k[1], (-1,))
    k[1, 2] = torch.sin(x[0])
    return (v * x[3:]).sum()


add(FAM, f_cr_np_reshape, t_cr_np_reshape)


def f_cr_ravel_view(x):
    k = np.zeros((2, 3))
    v = k.ravel()
    k[1, 0] = x[0] * x[1]
    return (v * x).sum()


def t_cr_ravel_view(x):
    k = tz(2, 3)
    v = k.view(-1)
    k[1, 0] = x[0] * x[1]
    return (v * x).sum()


add(FAM, f_cr_ravel_view, t_cr_ravel_view)


def f_cr_T_ravel_copy(x):
    k = x.reshape(2, 3) * 1.0
    v = k.T.ravel()
    k[1, 0] = x[0] ** 2
    return (v * v * W6).sum() + (k * W23).sum()


def t_cr_T_ravel_copy(x):
    k = x.reshape(2, 3) * 1.0
    v = k.T.reshape(-1).clone()
    k[1, 0] = x[0] ** 2
    return (v * v * TW6).sum() + (k * TW23).sum()


add(FAM, f_cr_T_ravel_copy, t_cr_T_ravel_copy)


def f_cr_flatten_copy(x):
    k = x.reshape(2, 3) * 2.0
    v = k.flatten()
    k[0, 0] = x[1]
    return (v * x).sum() + k[0, 0] * x[2] + (k * W23).sum()


def t_cr_flatten_copy(x):
    k = x.reshape(2, 3) * 2.0
    v = k.reshape(-1).clone()
    k[0, 0] = x[1]
    return (v * x).sum() + k[0, 0] * x[2] + (k * TW23).sum()


add(FAM, f_cr_flatten_copy, t_cr_flatten_copy)


def f_cr_fancy_copy(x):
    k = x * 1.0
    v = k[[0, 2, 4]]
    k[2] = 5.0 * x[1]
    return (v * x[:3]).sum() + (k * W6).sum()


def t_cr_fancy_copy(x):
    k = x * 1.0
    v = k[[0, 2, 4]].clone()
    k[2] = 5.0 * x[1]
    return (v * x[:3]).sum() + (k * TW6).sum()


add(FAM, f_cr_fancy_copy, t_cr_fancy_copy)


def f_cr_bool_copy(x):
    k = x * 1.0
    v = k[k > 1.0]
    k[0] = x[1] ** 2
    return (v * v).sum() + (k * W6).sum()


def t_cr_bool_copy(x):
    k = x * 1.0
    v = k[k > 1.0].clone()
    k[0] = x[1] ** 2
    return (v * v).sum() + (k * TW6).sum()


add(FAM, f_cr_bool_copy, t_cr_bool_copy)


def f_cr_scalar_copy(x):
    k = x * 1.0
    s = k[0]
    k[0] = x[1] * 3.0
    return s * x[2] + k[0] * x[3]


def t_cr_scalar_copy(x):
    k = x * 1.0
    s = k[0].clone()
    k[0] = x[1] * 3.0
    return s * x[2] + k[0] * x[3]


add(FAM, f_cr_scalar_copy, t_cr_scalar_copy)


def f_cr_0d_view(x):
    k = np.zeros(())
    v = k[...]
    s = k[()]
    k[...] = x[0] * x[1]
    return v * x[2] + s + k * x[3]


def t_cr_0d_view(x):
    k = torch.zeros((), dtype=D)
    v = k[...]
    s = k.clone()
    k[...] = x[0] * x[1]
    return v * x[2] + s + k * x[3]


add(FAM, f_cr_0d_view, t_cr_0d_view)


def f_cr_split_parts(x):
    k = np.zeros(6)
    a, b = np.split(k, 2)
    k[3] = x[0]
    k[1] = x[1]
    return (a * x[:3]).sum() + (b * x[3:]).sum()


def t_cr_split_parts(x):
    k = tz(6)
    a, b = k[:3], k[3:]
    k[3] = x[0]
    k[1] = x[1]
    return (a * x[:3]).sum() + (b * x[3:]).sum()


add(FAM, f_cr_split_parts, t_cr_split_parts)


def f_cr_array_split(x):
    k = np.zeros(5)
    parts = np.array_split(k, 3)
    k[4] = x[0]
    k[2] = x[1]
    return parts[2].sum() * x[2] + (parts[1] * x[3:5]).sum()


def t_cr_array_split(x):
    k = tz(5)
    parts = torch.tensor_split(k, 3)
    k[4] = x[0]
    k[2] = x[1]
    return parts[2].sum() * x[2] + (parts[1] * x[3:5]).sum()


add(FAM, f_cr_array_split, t_cr_array_split)
