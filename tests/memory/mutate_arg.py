"""Memory-semantics corpus, family `mutate_arg`.

Ported verbatim from the adversarial corpus; see tests/memory/__init__.py.

Family note: NumPy mutates the caller's argument: refusal or torch-twin value (twin clones)
"""

import numpy as np
import torch

from .common import W6, TW6, args, add

FAM = "mutate_arg"


def f_ma_setitem(x):
    x[0] = 0.0
    return (x ** 2).sum()


def t_ma_setitem(x):
    x = x.clone()
    x[0] = 0.0
    return (x ** 2).sum()


add(FAM, f_ma_setitem, t_ma_setitem, refusal_ok=True)


def f_ma_imul(x):
    x *= 2.0
    return (x ** 2).sum()


def t_ma_imul(x):
    x = x * 2.0
    return (x ** 2).sum()


add(FAM, f_ma_imul, t_ma_imul, refusal_ok=True)


def f_ma_view_iadd(x):
    v = x[1:]
    v += 1.0
    return (x * x).sum()


def t_ma_view_iadd(x):
    x = x.clone()
    v = x[1:]
    v += 1.0
    return (x * x).sum()


add(FAM, f_ma_view_iadd, t_ma_view_iadd, refusal_ok=True)


def f_ma_sort(x):
    x.sort()
    return (x * W6).sum()


def t_ma_sort(x):
    return (torch.sort(x).values * TW6).sum()


add(FAM, f_ma_sort, t_ma_sort, refusal_ok=True)


def f_ma_reverse_self(x):
    x[:] = x[::-1]
    return (x * W6).sum()


def t_ma_reverse_self(x):
    return (torch.flip(x, [0]) * TW6).sum()


add(FAM, f_ma_reverse_self, t_ma_reverse_self, refusal_ok=True)


def bump(a):
    a[0] = a[1] * 2.0


def f_ma_helper_mutates(x):
    bump(x)
    return (x * x).sum()


def t_ma_helper_mutates(x):
    x = x.clone()
    x[0] = x[1] * 2.0
    return (x * x).sum()


add(FAM, f_ma_helper_mutates, t_ma_helper_mutates, refusal_ok=True)


def f_ma_alias_write(x):
    y = x
    y[0] = y[1]
    return (x * W6).sum()


def t_ma_alias_write(x):
    x = x.clone()
    x[0] = x[1]
    return (x * TW6).sum()


add(FAM, f_ma_alias_write, t_ma_alias_write, refusal_ok=True)


def f_ma_iadd_self(x):
    x += x
    return (x * x).sum()


def t_ma_iadd_self(x):
    x = x + x
    return (x * x).sum()


add(FAM, f_ma_iadd_self, t_ma_iadd_self, refusal_ok=True)


def f_ma_asarray_write(x):
    np.asarray(x)[0] = 1.0
    return (x * x).sum()


def t_ma_asarray_write(x):
    x = x.clone()
    x[0] = 1.0
    return (x * x).sum()


add(FAM, f_ma_asarray_write, t_ma_asarray_write, refusal_ok=True)


def f_ma_T_write_2d(X):
    X.T[0, 1] = 5.0
    return (X * X).sum()


def t_ma_T_write_2d(X):
    X = X.clone()
    X[1, 0] = 5.0
    return (X * X).sum()


add(FAM, f_ma_T_write_2d, t_ma_T_write_2d, args((2, 3)), refusal_ok=True)


def f_ma_const_arg_write(x, w):
    w[0] = x[0]
    return (w * x).sum()


def t_ma_const_arg_write(x, w):
    w = w.clone()
    w[0] = x[0]
    return (w * x).sum()


add(FAM, f_ma_const_arg_write, t_ma_const_arg_write, args(6, 6), refusal_ok=True)


def f_ma_write_then_read_view(x):
    v = x[:3]
    x[0] = v[1] * x[2]
    return (v * W6[:3]).sum()


def t_ma_write_then_read_view(x):
    v = torch.stack([x[1] * x[2], x[1], x[2]])
    return (v * TW6[:3]).sum()


add(FAM, f_ma_write_then_read_view, t_ma_write_then_read_view, refusal_ok=True)


def f_ma_fill(x):
    x.fill(1.0)
    return (x * W6).sum() + x.sum()


def t_ma_fill(x):
    return x.sum() * 0.0 + float((W6 + 1.0).sum())


add(FAM, f_ma_fill, t_ma_fill, refusal_ok=True)


def f_ma_astype_nocopy(x):
    c = x.astype(np.float64, copy=False)
    c[0] = 0.0
    return (x * x).sum()


def t_ma_astype_nocopy(x):
    x = x.clone()
    x[0] = 0.0
    return (x * x).sum()


add(FAM, f_ma_astype_nocopy, t_ma_astype_nocopy, refusal_ok=True)


def f_ma_wrt_both_write(x, y):
    y[:3] = x[:3] * y[3:]
    return (y * y).sum() + (x * y).sum()


def t_ma_wrt_both_write(x, y):
    y = y.clone()
    y[:3] = x[:3] * y[3:].clone()
    return (y * y).sum() + (x * y).sum()


add(FAM, f_ma_wrt_both_write, t_ma_wrt_both_write, args(6, 6), wrt=(0, 1), refusal_ok=True)
