"""Memory-semantics corpus, family `copy_flags`, part 2 of 2.

Ported verbatim from the adversarial corpus; see tests/memory/__init__.py.
"""

import numpy as np
import torch

from .common import W6, W32, TW6, TW32, add

FAM = "copy_flags"


def f_cf_ascontig_T_copy(x):
    K = x.reshape(2, 3) * 1.0
    c = np.ascontiguousarray(K.T)
    c[0, 1] = x[0] * 5.0
    return (K * K).sum() + (c * W32).sum()


def t_cf_ascontig_T_copy(x):
    K = x.reshape(2, 3) * 1.0
    c = K.T.clone()
    c[0, 1] = x[0] * 5.0
    return (K * K).sum() + (c * TW32).sum()


add(FAM, f_cf_ascontig_T_copy, t_cf_ascontig_T_copy)


def f_cf_ascontig_slice_view(x):
    k = x * 1.0
    c = np.ascontiguousarray(k[1:])
    c[0] = x[0] * x[5]
    return (k * W6).sum()


def t_cf_ascontig_slice_view(x):
    k = x * 1.0
    k[1] = x[0] * x[5]
    return (k * TW6).sum()


add(FAM, f_cf_ascontig_slice_view, t_cf_ascontig_slice_view)


def f_cf_asarray_view(x):
    k = x * 1.0
    c = np.asarray(k[1:])
    c[0] = x[0] ** 2
    return (k * W6).sum()


def t_cf_asarray_view(x):
    k = x * 1.0
    k[1] = x[0] ** 2
    return (k * TW6).sum()


add(FAM, f_cf_asarray_view, t_cf_asarray_view)


def f_cf_array_strided_copy_none(x):
    k = x * 1.0
    c = np.array(k[::2], copy=None)
    c[1] = x[1] * 4.0
    return (k * W6).sum()


def t_cf_array_strided_copy_none(x):
    k = x * 1.0
    k[2] = x[1] * 4.0
    return (k * TW6).sum()


add(FAM, f_cf_array_strided_copy_none, t_cf_array_strided_copy_none)


def f_cf_copy_method(x):
    k = x * 1.0
    c = k.copy()
    c[0] = x[1] * 9.0
    return (k * k).sum() + (c * W6).sum()


def t_cf_copy_method(x):
    k = x * 1.0
    c = k.clone()
    c[0] = x[1] * 9.0
    return (k * k).sum() + (c * TW6).sum()


add(FAM, f_cf_copy_method, t_cf_copy_method)


def f_cf_np_copy(x):
    k = x * 1.0
    c = np.copy(k)
    c[2] = x[1] * 9.0
    return (k * k).sum() + (c * W6).sum()


def t_cf_np_copy(x):
    k = x * 1.0
    c = k.clone()
    c[2] = x[1] * 9.0
    return (k * k).sum() + (c * TW6).sum()


add(FAM, f_cf_np_copy, t_cf_np_copy)


def f_cf_slice_full(x):
    k = x * 1.0
    c = k[:]
    c[0] = x[1] * x[2]
    return (k * x).sum()


def t_cf_slice_full(x):
    k = x * 1.0
    c = k[:]
    c[0] = x[1] * x[2]
    return (k * x).sum()


add(FAM, f_cf_slice_full, t_cf_slice_full)


def f_cf_ellipsis_view(x):
    k = x * 1.0
    c = k[...]
    c[4] = x[1] * x[2]
    return (k * x).sum()


def t_cf_ellipsis_view(x):
    k = x * 1.0
    c = k[...]
    c[4] = x[1] * x[2]
    return (k * x).sum()


add(FAM, f_cf_ellipsis_view, t_cf_ellipsis_view)


def f_cf_reshape_copy_false(x):
    K = x * 1.0
    c = K.reshape(2, 3, copy=False)
    c[1, 1] = x[0]
    return (K * W6).sum()


def t_cf_reshape_copy_false(x):
    K = x * 1.0
    K[4] = x[0]
    return (K * TW6).sum()


add(FAM, f_cf_reshape_copy_false, t_cf_reshape_copy_false)


def f_cf_array_list_copy(x):
    k = x * 1.0
    c = np.array([k, k])
    c[0, 0] = 9.0 * x[0]
    return (k * k).sum() + (c * c).sum()


def t_cf_array_list_copy(x):
    k = x * 1.0
    c = torch.stack([k, k])
    c[0, 0] = 9.0 * x[0]
    return (k * k).sum() + (c * c).sum()


add(FAM, f_cf_array_list_copy, t_cf_array_list_copy)


def f_cf_positive_copy(x):
    k = x * 1.0
    c = +k
    c[0] = x[1]
    return (k * k).sum() + (c * W6).sum()


def t_cf_positive_copy(x):
    k = x * 1.0
    c = k.clone()
    c[0] = x[1]
    return (k * k).sum() + (c * TW6).sum()


add(FAM, f_cf_positive_copy, t_cf_positive_copy)


def f_cf_array_copy_false_err(x):
    k = np.arange(6)
    c = np.array(k, dtype=np.float64, copy=False)
    return (c * x).sum()


add(FAM, f_cf_array_copy_false_err, None, expect_error=True,
    note="NumPy 2: np.array(int_array, dtype=float64, copy=False) raises ValueError")


def f_cf_asarray_copy_false_err(x):
    c = np.asarray([x[0], x[1]], copy=False)
    return c.sum()


add(FAM, f_cf_asarray_copy_false_err, None, expect_error=True,
    note="NumPy 2: np.asarray(list, copy=False) raises ValueError")
