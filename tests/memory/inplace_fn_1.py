"""Memory-semantics corpus, family `inplace_fn`, part 1 of 2.

Ported verbatim from the adversarial corpus; see tests/memory/__init__.py.
"""

import numpy as np
import torch

from .common import D, tz, W6, W23, W32, W33, MASK6, TW6, TW23, TW32, TW33, TMASK6, add

FAM = "inplace_fn"


def f_ip_fill(x):
    c = x * 1.0
    c.fill(3.0)
    return (c * x).sum()


def t_ip_fill(x):
    c = torch.full((6,), 3.0, dtype=D)
    return (c * x).sum()


add(FAM, f_ip_fill, t_ip_fill)


def f_ip_fill_view(x):
    k = x * 1.0
    k[:3].fill(0.0)
    return (k * k).sum()


def t_ip_fill_view(x):
    k = torch.cat([tz(3), x[3:]])
    return (k * k).sum()


add(FAM, f_ip_fill_view, t_ip_fill_view)


def f_ip_fill_alias(x):
    c = x * 1.0
    d = c
    d.fill(2.0)
    return (c * x).sum()


def t_ip_fill_alias(x):
    return (2.0 * x).sum()


add(FAM, f_ip_fill_alias, t_ip_fill_alias)


def f_ip_sort(x):
    c = x * 2.0
    c.sort()
    return (c * W6).sum()


def t_ip_sort(x):
    c = torch.sort(x * 2.0).values
    return (c * TW6).sum()


add(FAM, f_ip_sort, t_ip_sort)


def f_ip_sort_view(x):
    k = x * 1.0
    k[3:].sort()
    return (k * W6).sum()


def t_ip_sort_view(x):
    k = torch.cat([x[:3], torch.sort(x[3:]).values])
    return (k * TW6).sum()


add(FAM, f_ip_sort_view, t_ip_sort_view)


def f_ip_sort_axis0(x):
    c = x.reshape(3, 2) * 1.0
    c.sort(axis=0)
    return (c * W32).sum()


def t_ip_sort_axis0(x):
    c = torch.sort(x.reshape(3, 2), dim=0).values
    return (c * TW32).sum()


add(FAM, f_ip_sort_axis0, t_ip_sort_axis0)


def f_ip_multiply_out(x):
    c = x * 1.0
    np.multiply(c, 2.0, out=c)
    return (c * x).sum()


def t_ip_multiply_out(x):
    return (2.0 * x * x).sum()


add(FAM, f_ip_multiply_out, t_ip_multiply_out)


def f_ip_add_out(x):
    c = np.zeros(6)
    np.add(x, x ** 2, out=c)
    return (c * x).sum()


def t_ip_add_out(x):
    return ((x + x ** 2) * x).sum()


add(FAM, f_ip_add_out, t_ip_add_out)


def f_ip_add_out_view(x):
    k = np.zeros((2, 3))
    np.add(x[:3], 1.0, out=k[0])
    return (k * W23).sum()


def t_ip_add_out_view(x):
    k = tz(2, 3)
    k[0] = x[:3] + 1.0
    return (k * TW23).sum()


add(FAM, f_ip_add_out_view, t_ip_add_out_view)


def f_ip_copyto(x):
    c = np.zeros(6)
    np.copyto(c, x)
    return (c * c).sum()


def t_ip_copyto(x):
    return (x * x).sum()


add(FAM, f_ip_copyto, t_ip_copyto)


def f_ip_copyto_scalar(x):
    c = np.zeros(6)
    np.copyto(c, x[0])
    return (c * x).sum()


def t_ip_copyto_scalar(x):
    return (x[0] * x).sum()


add(FAM, f_ip_copyto_scalar, t_ip_copyto_scalar)


def f_ip_copyto_where(x):
    c = np.zeros(6)
    np.copyto(c, x, where=MASK6)
    return (c * x).sum()


def t_ip_copyto_where(x):
    c = torch.where(TMASK6, x, tz(6))
    return (c * x).sum()


add(FAM, f_ip_copyto_where, t_ip_copyto_where)


def f_ip_add_at(x):
    c = np.zeros(3)
    np.add.at(c, [0, 0, 2], x[:3])
    return (c * x[3:]).sum()


def t_ip_add_at(x):
    c = torch.stack([x[0] + x[1], x[0] * 0.0, x[2]])
    return (c * x[3:]).sum()


add(FAM, f_ip_add_at, t_ip_add_at)


def f_ip_multiply_at(x):
    c = x[:3] * 1.0
    np.multiply.at(c, [0, 0], x[3])
    return (c * W6[:3]).sum()


def t_ip_multiply_at(x):
    c = torch.stack([x[0] * x[3] * x[3], x[1], x[2]])
    return (c * TW6[:3]).sum()


add(FAM, f_ip_multiply_at, t_ip_multiply_at)


def f_ip_put(x):
    c = np.zeros(6)
    np.put(c, [1, 3], x[:2])
    return (c * x).sum()


def t_ip_put(x):
    c = tz(6)
    c[1] = x[0]
    c[3] = x[1]
    return (c * x).sum()


add(FAM, f_ip_put, t_ip_put)


def f_ip_fill_diagonal(x):
    c = np.zeros((3, 3))
    np.fill_diagonal(c, x[0])
    return (c * W33).sum()


def t_ip_fill_diagonal(x):
    return x[0] * torch.trace(TW33)


add(FAM, f_ip_fill_diagonal, t_ip_fill_diagonal)


def f_ip_negative_out(x):
    c = x * 1.0
    np.negative(c, out=c)
    return (c * x ** 2).sum()


def t_ip_negative_out(x):
    return (-x * x ** 2).sum()


add(FAM, f_ip_negative_out, t_ip_negative_out)
