"""Memory-semantics corpus, family `chain_read`, part 2 of 2.

Ported verbatim from the adversarial corpus; see tests/memory/__init__.py.

Family note: a (chained / strided) view is made, the base is written afterwards, the view is read
"""

import numpy as np
import torch

from .common import tz, W6, TW6, add

FAM = "chain_read"


def f_cr_swapaxes(x):
    k = np.zeros((2, 3))
    v = np.swapaxes(k, 0, 1)
    k[0, 2] = x[0]
    return (v[2] * x[1:3]).sum() + (v * v).sum()


def t_cr_swapaxes(x):
    k = tz(2, 3)
    v = torch.swapaxes(k, 0, 1)
    k[0, 2] = x[0]
    return (v[2] * x[1:3]).sum() + (v * v).sum()


add(FAM, f_cr_swapaxes, t_cr_swapaxes)


def f_cr_transpose(x):
    k = np.zeros((2, 3))
    v = np.transpose(k)
    k[1, 2] = x[0] * x[3]
    return (v * x.reshape(3, 2)).sum()


def t_cr_transpose(x):
    k = tz(2, 3)
    v = k.permute(1, 0)
    k[1, 2] = x[0] * x[3]
    return (v * x.reshape(3, 2)).sum()


add(FAM, f_cr_transpose, t_cr_transpose)


def f_cr_moveaxis(x):
    k = np.zeros((2, 3, 1))
    v = np.moveaxis(k, 0, -1)
    k[1, 2, 0] = x[0]
    return v[2, 0, 1] * x[1] + (v * v).sum()


def t_cr_moveaxis(x):
    k = tz(2, 3, 1)
    v = torch.movedim(k, 0, -1)
    k[1, 2, 0] = x[0]
    return v[2, 0, 1] * x[1] + (v * v).sum()


add(FAM, f_cr_moveaxis, t_cr_moveaxis)


def f_cr_diagonal(x):
    k = np.zeros((3, 3))
    d = np.diagonal(k)
    k[1, 1] = x[0]
    k[0, 1] = x[1]
    return (d * x[:3]).sum() + (k * k).sum()


def t_cr_diagonal(x):
    k = tz(3, 3)
    d = torch.diagonal(k)
    k[1, 1] = x[0]
    k[0, 1] = x[1]
    return (d * x[:3]).sum() + (k * k).sum()


add(FAM, f_cr_diagonal, t_cr_diagonal)


def f_cr_diag_fn(x):
    k = np.zeros((3, 3))
    d = np.diag(k)
    k[2, 2] = x[0] ** 2
    return (d * x[3:]).sum()


def t_cr_diag_fn(x):
    k = tz(3, 3)
    d = torch.diagonal(k)
    k[2, 2] = x[0] ** 2
    return (d * x[3:]).sum()


add(FAM, f_cr_diag_fn, t_cr_diag_fn)


def f_cr_view_method(x):
    k = np.zeros(6)
    v = k.view()
    k[3] = x[0]
    return (v * x).sum()


def t_cr_view_method(x):
    k = tz(6)
    v = k.view(6)
    k[3] = x[0]
    return (v * x).sum()


add(FAM, f_cr_view_method, t_cr_view_method)


def f_cr_flip_view(x):
    k = np.zeros(4)
    v = np.flip(k)
    k[0] = x[0]
    k[1] = x[1] * 2.0
    return (v * x[:4]).sum()


def t_cr_flip_view(x):
    k = tz(4)
    k[0] = x[0]
    k[1] = x[1] * 2.0
    v = torch.flip(k, [0])
    return (v * x[:4]).sum()


add(FAM, f_cr_flip_view, t_cr_flip_view)


def f_cr_rev_slice(x):
    k = np.zeros(4)
    v = k[::-1]
    k[1] = x[0]
    k[3] = x[2] ** 2
    return (v * x[:4]).sum() + v[0] * x[5]


def t_cr_rev_slice(x):
    k = tz(4)
    k[1] = x[0]
    k[3] = x[2] ** 2
    v = torch.flip(k, [0])
    return (v * x[:4]).sum() + v[0] * x[5]


add(FAM, f_cr_rev_slice, t_cr_rev_slice)


def f_cr_broadcast_to(x):
    k = np.zeros(3)
    b = np.broadcast_to(k, (2, 3))
    k[1] = x[0]
    return (b * x.reshape(2, 3)).sum()


def t_cr_broadcast_to(x):
    k = tz(3)
    b = k.expand(2, 3)
    k[1] = x[0]
    return (b * x.reshape(2, 3)).sum()


add(FAM, f_cr_broadcast_to, t_cr_broadcast_to)


def f_cr_squeeze_expand(x):
    k = np.zeros((1, 3))
    v = np.squeeze(k)
    e = np.expand_dims(k[0], 0)
    k[0, 1] = x[0]
    return (v * x[:3]).sum() + e[0, 1] * x[3]


def t_cr_squeeze_expand(x):
    k = tz(1, 3)
    v = torch.squeeze(k)
    e = torch.unsqueeze(k[0], 0)
    k[0, 1] = x[0]
    return (v * x[:3]).sum() + e[0, 1] * x[3]


add(FAM, f_cr_squeeze_expand, t_cr_squeeze_expand)


def f_cr_none_index(x):
    k = np.zeros(3)
    v = k[None, :]
    k[2] = x[0]
    return v[0, 2] * x[1] + (v * v).sum()


def t_cr_none_index(x):
    k = tz(3)
    v = k[None, :]
    k[2] = x[0]
    return v[0, 2] * x[1] + (v * v).sum()


add(FAM, f_cr_none_index, t_cr_none_index)


def f_cr_T_slice_chain(x):
    k = np.zeros((3, 3))
    v = k.T[1:, ::2]
    k[2, 1] = x[0]
    k[0, 2] = x[1]
    return (v * x[:4].reshape(2, 2)).sum()


def t_cr_T_slice_chain(x):
    k = tz(3, 3)
    v = k.T[1:, ::2]
    k[2, 1] = x[0]
    k[0, 2] = x[1]
    return (v * x[:4].reshape(2, 2)).sum()


add(FAM, f_cr_T_slice_chain, t_cr_T_slice_chain)


def f_cr_reshape_T_copy(x):
    k = np.zeros((2, 3))
    v = k.T.reshape(6)
    k[0, 1] = x[0]
    return (v * x).sum() + k[0, 1] * x[1]


def t_cr_reshape_T_copy(x):
    k = tz(2, 3)
    v = k.T.reshape(6).clone()
    k[0, 1] = x[0]
    return (v * x).sum() + k[0, 1] * x[1]


add(FAM, f_cr_reshape_T_copy, t_cr_reshape_T_copy)


def f_cr_copy_after_view(x):
    k = np.zeros((2, 3))
    v = k[0]
    c = v.copy()
    k[0, 0] = x[0]
    return (c + 1.0).sum() * x[1] + v.sum() * x[2]


def t_cr_copy_after_view(x):
    k = tz(2, 3)
    v = k[0]
    c = v.clone()
    k[0, 0] = x[0]
    return (c + 1.0).sum() * x[1] + v.sum() * x[2]


add(FAM, f_cr_copy_after_view, t_cr_copy_after_view)


def f_cr_ravel_slice_copy(x):
    k = np.zeros((2, 4))
    v = k[:, :2].ravel()
    k[0, 1] = x[0]
    return (v * x[:4]).sum() + k.sum() * x[4]


def t_cr_ravel_slice_copy(x):
    k = tz(2, 4)
    v = k[:, :2].reshape(-1).clone()
    k[0, 1] = x[0]
    return (v * x[:4]).sum() + k.sum() * x[4]


add(FAM, f_cr_ravel_slice_copy, t_cr_ravel_slice_copy)


def f_cr_view_of_computed(x):
    k = x * 2.0
    v = k[1:4]
    k[2] = x[0] * x[5]
    return (v * v).sum() + (k * W6).sum()


def t_cr_view_of_computed(x):
    k = x * 2.0
    v = k[1:4]
    k[2] = x[0] * x[5]
    return (v * v).sum() + (k * TW6).sum()


add(FAM, f_cr_view_of_computed, t_cr_view_of_computed)
