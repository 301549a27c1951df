"""Memory-semantics corpus, family `inplace_fn`, part 2 of 2.

Ported verbatim from the adversarial corpus; see tests/memory/__init__.py.
"""

import operator

import numpy as np
import torch

from .common import D, W6, W22, MASK6, TW6, TW22, TMASK6, add

FAM = "inplace_fn"


def f_ip_clip_method_out(x):
    c = x * 1.0
    c.clip(0.5, 1.5, out=c)
    return (c * x).sum()


def t_ip_clip_method_out(x):
    return (torch.clamp(x, 0.5, 1.5) * x).sum()


add(FAM, f_ip_clip_method_out, t_ip_clip_method_out)


def f_ip_np_clip_out(x):
    c = x * 2.0
    np.clip(c, 1.0, 3.0, out=c)
    return (c * W6).sum()


def t_ip_np_clip_out(x):
    return (torch.clamp(x * 2.0, 1.0, 3.0) * TW6).sum()


add(FAM, f_ip_np_clip_out, t_ip_np_clip_out)


def f_ip_exp_out(x):
    c = np.zeros(6)
    np.exp(x, out=c)
    return (c * W6).sum()


def t_ip_exp_out(x):
    return (torch.exp(x) * TW6).sum()


add(FAM, f_ip_exp_out, t_ip_exp_out)


def f_ip_sin_out_self(x):
    c = x * 2.0
    np.sin(c, out=c)
    return (c * W6).sum()


def t_ip_sin_out_self(x):
    return (torch.sin(x * 2.0) * TW6).sum()


add(FAM, f_ip_sin_out_self, t_ip_sin_out_self)


def f_ip_cumsum_out(x):
    c = np.zeros(6)
    np.cumsum(x, out=c)
    return (c * c).sum()


def t_ip_cumsum_out(x):
    c = torch.cumsum(x, 0)
    return (c * c).sum()


add(FAM, f_ip_cumsum_out, t_ip_cumsum_out)


def f_ip_matmul_out(x):
    C = np.zeros((2, 2))
    np.matmul(x[:4].reshape(2, 2), x[2:].reshape(2, 2), out=C)
    return (C * W22).sum()


def t_ip_matmul_out(x):
    C = x[:4].reshape(2, 2) @ x[2:].reshape(2, 2)
    return (C * TW22).sum()


add(FAM, f_ip_matmul_out, t_ip_matmul_out)


def f_ip_putmask(x):
    c = x * 1.0
    np.putmask(c, MASK6, x * 2.0)
    return (c * c).sum()


def t_ip_putmask(x):
    c = torch.where(TMASK6, 2.0 * x, x)
    return (c * c).sum()


add(FAM, f_ip_putmask, t_ip_putmask)


def f_ip_place(x):
    c = x * 1.0
    np.place(c, MASK6, x[:3] * 3.0)
    return (c * W6).sum()


def t_ip_place(x):
    c = torch.stack([3.0 * x[0], x[1], 3.0 * x[1], x[3], x[4], 3.0 * x[2]])
    return (c * TW6).sum()


add(FAM, f_ip_place, t_ip_place)


def f_ip_dunder_iadd(x):
    c = x * 1.0
    d = c
    d.__iadd__(x)
    return (c * x).sum()


def t_ip_dunder_iadd(x):
    return (2.0 * x * x).sum()


add(FAM, f_ip_dunder_iadd, t_ip_dunder_iadd)


def f_ip_operator_iadd(x):
    c = x * 1.0
    d = operator.iadd(c, x)
    return (c * x).sum() + d.sum()


def t_ip_operator_iadd(x):
    c = 2.0 * x
    return (c * x).sum() + c.sum()


add(FAM, f_ip_operator_iadd, t_ip_operator_iadd)


def f_ip_ndarray_fill_unbound(x):
    c = x * 1.0
    np.ndarray.fill(c, 2.0)
    return (c * x).sum()


def t_ip_ndarray_fill_unbound(x):
    return (2.0 * x).sum()


add(FAM, f_ip_ndarray_fill_unbound, t_ip_ndarray_fill_unbound)


def f_ip_out_tuple(x):
    c = np.zeros(6)
    np.add(x, 1.0, out=(c,))
    return (c * c).sum()


def t_ip_out_tuple(x):
    c = x + 1.0
    return (c * c).sum()


add(FAM, f_ip_out_tuple, t_ip_out_tuple)


def f_ip_multiply_out_view(x):
    c = x * 1.0
    v = c[:3]
    np.multiply(v, x[3:], out=v)
    return (c * c).sum()


def t_ip_multiply_out_view(x):
    c = torch.cat([x[:3] * x[3:], x[3:]])
    return (c * c).sum()


add(FAM, f_ip_multiply_out_view, t_ip_multiply_out_view)


def f_ip_square_out_alias(x):
    c = np.zeros(6)
    d = c
    np.square(x, out=c)
    return (d * W6).sum()


def t_ip_square_out_alias(x):
    return (x * x * TW6).sum()


add(FAM, f_ip_square_out_alias, t_ip_square_out_alias)


def f_ip_setitem_ellipsis(x):
    c = np.zeros(6)
    c[...] = x[::-1]
    return (c * W6).sum()


def t_ip_setitem_ellipsis(x):
    return (torch.flip(x, [0]) * TW6).sum()


add(FAM, f_ip_setitem_ellipsis, t_ip_setitem_ellipsis)


def f_ip_abs_out(x):
    c = x - 1.0
    np.abs(c, out=c)
    return (c * W6).sum()


def t_ip_abs_out(x):
    return (torch.abs(x - 1.0) * TW6).sum()


add(FAM, f_ip_abs_out, t_ip_abs_out)


def f_ip_maximum_out(x):
    c = x * 1.0
    np.maximum(c, 1.0, out=c)
    return (c * c).sum()


def t_ip_maximum_out(x):
    c = torch.maximum(x, torch.tensor(1.0, dtype=D))
    return (c * c).sum()


add(FAM, f_ip_maximum_out, t_ip_maximum_out)


def f_ip_out_returns_alias(x):
    c = np.zeros(6)
    r = np.multiply(x, 3.0, out=c)
    r[0] = x[1]
    return (c * x).sum()


def t_ip_out_returns_alias(x):
    c = 3.0 * x
    c = torch.cat([x[1:2], c[1:]])
    return (c * x).sum()


add(FAM, f_ip_out_returns_alias, t_ip_out_returns_alias)
