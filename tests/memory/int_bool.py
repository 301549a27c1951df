"""Memory-semantics corpus, family `int_bool`.

Ported verbatim from the adversarial corpus; see tests/memory/__init__.py.
"""

import numpy as np
import torch

from .common import D, tz, args, add

FAM = "int_bool"


def f_ib_int_trunc(x):
    k = np.zeros(3, dtype=int)
    k[0] = x[0] * 10
    return (k * x[:3]).sum() + x[1]


def t_ib_int_trunc(x):
    k = torch.zeros(3, dtype=torch.int64)
    k[0] = x[0] * 10
    return (k * x[:3]).sum() + x[1]


add(FAM, f_ib_int_trunc, t_ib_int_trunc)


def f_ib_int_iadd_half_err(x):
    k = np.zeros(3, dtype=np.int64)
    k += 0.5
    return (k * x[:3]).sum()


add(FAM, f_ib_int_iadd_half_err, None, expect_error=True,
    note="int64 += 0.5 raises UFuncTypeError (same_kind casting)")


def f_ib_int_iadd_x_err(x):
    k = np.arange(3)
    k += x[:3]
    return (k * x[:3]).sum()


add(FAM, f_ib_int_iadd_x_err, None, expect_error=True,
    note="int arange += float array raises UFuncTypeError")


def f_ib_int_imul_float_err(x):
    k = np.arange(3)
    k *= 1.5
    return (k * x[:3]).sum()


add(FAM, f_ib_int_imul_float_err, None, expect_error=True)


def f_ib_int_itruediv_err(x):
    k = np.arange(1, 4)
    k /= 2
    return (k * x[:3]).sum()


add(FAM, f_ib_int_itruediv_err, None, expect_error=True)


def f_ib_int_view_iadd_err(x):
    k = np.zeros((2, 3), dtype=int)
    v = k[0]
    v += x[:3]
    return (k * x.reshape(2, 3)).sum()


add(FAM, f_ib_int_view_iadd_err, None, expect_error=True)


def f_ib_copyto_int_err(x):
    k = np.zeros(3, dtype=int)
    np.copyto(k, x[:3])
    return (k * x[:3]).sum()


add(FAM, f_ib_copyto_int_err, None, expect_error=True,
    note="np.copyto float->int with default same_kind casting raises TypeError")


def f_ib_int_add_rebind(x):
    k = np.arange(3)
    k = k + x[:3]
    return (k * k).sum()


def t_ib_int_add_rebind(x):
    k = torch.arange(3) + x[:3]
    return (k * k).sum()


add(FAM, f_ib_int_add_rebind, t_ib_int_add_rebind)


def f_ib_bool_write(x):
    b = np.zeros(3, dtype=bool)
    b[0] = x[0]
    return (b * x[:3]).sum()


def t_ib_bool_write(x):
    b = torch.zeros(3, dtype=torch.bool)
    b[0] = x[0]
    return (b * x[:3]).sum()


add(FAM, f_ib_bool_write, t_ib_bool_write)


def f_ib_mask_write(x):
    m = x > 1.0
    m[0] = x[1]
    return (m * x).sum()


def t_ib_mask_write(x):
    m = (x > 1.0).clone()
    m[0] = x[1]
    return (m * x).sum()


add(FAM, f_ib_mask_write, t_ib_mask_write)


def f_ib_int_slice_assign(x):
    k = np.zeros(3, dtype=int)
    k[:] = x[:3] * 3
    return (k * x[3:]).sum() + (x ** 2).sum()


def t_ib_int_slice_assign(x):
    k = torch.zeros(3, dtype=torch.int64)
    k[:] = x[:3] * 3
    return (k * x[3:]).sum() + (x ** 2).sum()


add(FAM, f_ib_int_slice_assign, t_ib_int_slice_assign)


def f_ib_int_elem_iadd(x):
    k = np.zeros(3, dtype=int)
    k[0] += x[0] * 5
    return (k * x[:3]).sum() + x[0]


def t_ib_int_elem_iadd(x):
    k = torch.zeros(3, dtype=torch.int64)
    k[0] = (x[0] * 5).detach()
    return (k * x[:3]).sum() + x[0]


add(FAM, f_ib_int_elem_iadd, t_ib_int_elem_iadd,
    note="k[0] += f on int k is setitem with unsafe cast: no error, truncation")


def f_ib_astype_int(x):
    k = (x * 4).astype(int)
    return (k * x).sum()


def t_ib_astype_int(x):
    k = (x * 4).to(torch.int64)
    return (k * x).sum()


add(FAM, f_ib_astype_int, t_ib_astype_int)


def f_ib_int_to_float_copy(x):
    k = np.zeros(3, dtype=int)
    v = k.astype(float)
    v[0] = x[0]
    return (v * x[:3]).sum() + k.sum()


def t_ib_int_to_float_copy(x):
    v = tz(3)
    v[0] = x[0]
    return (v * x[:3]).sum()


add(FAM, f_ib_int_to_float_copy, t_ib_int_to_float_copy)


def f_ib_int_view_write(x):
    k = np.zeros((2, 3), dtype=int)
    v = k[0]
    v[1] = x[0] * 7
    return (k * x.reshape(2, 3)).sum()


def t_ib_int_view_write(x):
    k = torch.zeros((2, 3), dtype=torch.int64)
    v = k[0]
    v[1] = x[0] * 7
    return (k * x.reshape(2, 3)).sum()


add(FAM, f_ib_int_view_write, t_ib_int_view_write)


def f_ib_bool_ior(x):
    b = np.zeros(6, dtype=bool)
    b |= x > 1.0
    return (b * x).sum()


def t_ib_bool_ior(x):
    b = x > 1.0
    return (b * x).sum()


add(FAM, f_ib_bool_ior, t_ib_bool_ior)


def f_ib_int_index_buffer(x):
    idx = np.zeros(2, dtype=int)
    idx[0] = x[0] * 2
    return x[idx].sum() + (x * x).sum() * 0.5


def t_ib_int_index_buffer(x):
    idx = torch.zeros(2, dtype=torch.int64)
    idx[0] = x[0] * 2
    return x[idx].sum() + (x * x).sum() * 0.5


add(FAM, f_ib_int_index_buffer, t_ib_int_index_buffer)


def f_ib_mask_setitem_float(x):
    b = x > 1.0
    c = x * 1.0
    c[b] = 0.0
    return (c * c).sum()


def t_ib_mask_setitem_float(x):
    c = torch.where(x > 1.0, tz(6), x)
    return (c * c).sum()


add(FAM, f_ib_mask_setitem_float, t_ib_mask_setitem_float)


def f_ib_full_like_int(x):
    k = np.full_like(x[:3], 0, dtype=int)
    k[:] = x[:3] * 10
    return (k * x[3:]).sum()


def t_ib_full_like_int(x):
    k = torch.zeros(3, dtype=torch.int64)
    k[:] = x[:3] * 10
    return (k * x[3:]).sum()


add(FAM, f_ib_full_like_int, t_ib_full_like_int)


def f_ib_int_arg_copy(x, n):
    k = n.copy()
    k[0] = x[0] * 3
    return (k * x[:3]).sum()


def t_ib_int_arg_copy(x, n):
    k = n.clone()
    k[0] = x[0] * 3
    return (k * x[:3]).sum()


add(FAM, f_ib_int_arg_copy, t_ib_int_arg_copy, args(6, np.array([4, 5, 6])))


def f_ib_float_into_int_then_float(x):
    k = np.zeros(3, dtype=int)
    k[1] = x[1] * 10
    f = k * 0.1 + x[:3]
    f[0] = x[2] * k[1]
    return (f * f).sum()


def t_ib_float_into_int_then_float(x):
    k1 = float(int(x[1].item() * 10))
    f = torch.tensor([0.0, k1, 0.0], dtype=D) * 0.1 + x[:3]
    f = torch.cat([(x[2] * k1).reshape(1), f[1:]])
    return (f * f).sum()


add(FAM, f_ib_float_into_int_then_float, t_ib_float_into_int_then_float)
