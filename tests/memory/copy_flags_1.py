"""Memory-semantics corpus, family `copy_flags`, part 1 of 2.

Ported verbatim from the adversarial corpus; see tests/memory/__init__.py.
"""

import numpy as np
import torch

from .common import W6, TW6, add

FAM = "copy_flags"


def f_cf_astype_nocopy(x):
    k = x * 1.0
    c = k.astype(np.float64, copy=False)
    c[0] = x[1] ** 2
    return (k * x).sum()


def t_cf_astype_nocopy(x):
    k = x * 1.0
    c = k
    c[0] = x[1] ** 2
    return (k * x).sum()


add(FAM, f_cf_astype_nocopy, t_cf_astype_nocopy)


def f_cf_astype_copy(x):
    k = x * 1.0
    c = k.astype(np.float64)
    c[0] = x[1] ** 2
    return (k * x).sum() + (c * W6).sum()


def t_cf_astype_copy(x):
    k = x * 1.0
    c = k.clone()
    c[0] = x[1] ** 2
    return (k * x).sum() + (c * TW6).sum()


add(FAM, f_cf_astype_copy, t_cf_astype_copy)


def f_cf_astype_float_nocopy(x):
    k = x * 1.0
    c = k.astype(float, copy=False)
    c[2] = x[0]
    return (k * W6).sum()


def t_cf_astype_float_nocopy(x):
    k = x * 1.0
    k[2] = x[0]
    return (k * TW6).sum()


add(FAM, f_cf_astype_float_nocopy, t_cf_astype_float_nocopy)


def f_cf_astype_int_nocopy(x):
    k = x * 1.0
    c = k.astype(int, copy=False)
    c[0] = 7
    return (k * x).sum() + c.sum()


def t_cf_astype_int_nocopy(x):
    c = (x * 1.0).detach().to(torch.int64)
    c[0] = 7
    return (x * x).sum() + c.sum()


add(FAM, f_cf_astype_int_nocopy, t_cf_astype_int_nocopy,
    note="astype(int, copy=False) must copy (dtype differs); int sum has no derivative")


def f_cf_array_copy_false(x):
    k = x * 1.0
    c = np.array(k, copy=False)
    c[1] = x[0] * x[2]
    return (k * k).sum()


def t_cf_array_copy_false(x):
    k = x * 1.0
    k[1] = x[0] * x[2]
    return (k * k).sum()


add(FAM, f_cf_array_copy_false, t_cf_array_copy_false)


def f_cf_array_copy_none(x):
    k = x * 1.0
    c = np.array(k, copy=None)
    c[1] = x[0] * x[2]
    return (k * W6).sum()


def t_cf_array_copy_none(x):
    k = x * 1.0
    k[1] = x[0] * x[2]
    return (k * TW6).sum()


add(FAM, f_cf_array_copy_none, t_cf_array_copy_none)


def f_cf_array_default(x):
    k = x * 1.0
    c = np.array(k)
    c[1] = 0.0
    return (k * k).sum() + (c * W6).sum()


def t_cf_array_default(x):
    k = x * 1.0
    c = k.clone()
    c[1] = 0.0
    return (k * k).sum() + (c * TW6).sum()


add(FAM, f_cf_array_default, t_cf_array_default)


def f_cf_array_copy_true(x):
    k = x * 1.0
    c = np.array(k, copy=True)
    c[1] = x[0]
    return (k * k).sum() + (c * W6).sum()


def t_cf_array_copy_true(x):
    k = x * 1.0
    c = k.clone()
    c[1] = x[0]
    return (k * k).sum() + (c * TW6).sum()


add(FAM, f_cf_array_copy_true, t_cf_array_copy_true)


def f_cf_asarray(x):
    k = x * 1.0
    c = np.asarray(k)
    c[3] = x[0]
    return (k * x).sum()


def t_cf_asarray(x):
    k = x * 1.0
    k[3] = x[0]
    return (k * x).sum()


add(FAM, f_cf_asarray, t_cf_asarray)


def f_cf_asarray_dtype(x):
    k = x * 1.0
    c = np.asarray(k, dtype=np.float64)
    c[3] = x[0] ** 2
    return (k * W6).sum()


def t_cf_asarray_dtype(x):
    k = x * 1.0
    k[3] = x[0] ** 2
    return (k * TW6).sum()


add(FAM, f_cf_asarray_dtype, t_cf_asarray_dtype)


def f_cf_asanyarray(x):
    k = x * 1.0
    c = np.asanyarray(k)
    c[5] = x[0] * 3.0
    return (k * k).sum()


def t_cf_asanyarray(x):
    k = x * 1.0
    k[5] = x[0] * 3.0
    return (k * k).sum()


add(FAM, f_cf_asanyarray, t_cf_asanyarray)


def f_cf_ascontig_same(x):
    k = x * 1.0
    c = np.ascontiguousarray(k)
    c[0] = x[4]
    return (k * W6).sum()


def t_cf_ascontig_same(x):
    k = x * 1.0
    k[0] = x[4]
    return (k * TW6).sum()


add(FAM, f_cf_ascontig_same, t_cf_ascontig_same)
