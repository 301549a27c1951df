"""Memory-semantics corpus, family `augassign`, part 1 of 2.

Ported verbatim from the adversarial corpus; see tests/memory/__init__.py.
"""

import numpy as np
import torch

from .common import D, tz, W6, W23, MASK6, IDX_DUP, TW6, TW23, TMASK6, args, add

FAM = "augassign"


def f_aa_view_iadd(x):
    k = np.zeros((2, 3))
    v = k[1]
    v += x[:3]
    return (k * W23).sum() + (v * v).sum()


def t_aa_view_iadd(x):
    k = tz(2, 3)
    v = k[1]
    v += x[:3]
    return (k * TW23).sum() + (v * v).sum()


add(FAM, f_aa_view_iadd, t_aa_view_iadd)


def f_aa_view_imul(x):
    k = x.reshape(2, 3) * 1.0
    v = k[0]
    v *= x[3:]
    return (k * k).sum()


def t_aa_view_imul(x):
    k = x.reshape(2, 3) * 1.0
    v = k[0]
    v *= x[3:]
    return (k * k).sum()


add(FAM, f_aa_view_imul, t_aa_view_imul)


def f_aa_alias_name(x):
    k = x * 1.0
    k2 = k
    k2 += x
    return (k * x).sum()


def t_aa_alias_name(x):
    k = x * 1.0
    k2 = k
    k2 += x
    return (k * x).sum()


add(FAM, f_aa_alias_name, t_aa_alias_name, second=None)


def f_aa_alias_rebind_contrast(x):
    k = x * 1.0
    k2 = k
    k2 = k2 + x
    return (k * x).sum() + (k2 * W6).sum()


def t_aa_alias_rebind_contrast(x):
    k = x * 1.0
    k2 = k
    k2 = k2 + x
    return (k * x).sum() + (k2 * TW6).sum()


add(FAM, f_aa_alias_rebind_contrast, t_aa_alias_rebind_contrast)


def f_aa_float_rebind(x):
    t = float(x[0])
    t1 = t
    t1 += x[1]
    return t * t1


def t_aa_float_rebind(x):
    t = x[0] * 1.0
    t1 = t
    t1 = t1 + x[1]
    return t * t1


add(FAM, f_aa_float_rebind, t_aa_float_rebind)


def f_aa_npscalar_rebind(x):
    t = x[0]
    t1 = t
    t1 += x[1]
    return t * t1 * x[2]


def t_aa_npscalar_rebind(x):
    t = x[0]
    t1 = t
    t1 = t1 + x[1]
    return t * t1 * x[2]


add(FAM, f_aa_npscalar_rebind, t_aa_npscalar_rebind)


def f_aa_npscalar_sum(x):
    s = x.sum()
    s2 = s
    s2 *= x[0]
    return s + s2


def t_aa_npscalar_sum(x):
    s = x.sum()
    s2 = s
    s2 = s2 * x[0]
    return s + s2


add(FAM, f_aa_npscalar_sum, t_aa_npscalar_sum)


def f_aa_0d_alias(x):
    a = np.zeros(())
    b = a
    b += x[0]
    return a * x[1] + b


def t_aa_0d_alias(x):
    a = torch.zeros((), dtype=D)
    b = a
    b += x[0]
    return a * x[1] + b


add(FAM, f_aa_0d_alias, t_aa_0d_alias)


def f_aa_pyfloat_arg(x, s):
    t = s
    t += x[0]
    t *= s
    return t + s


def t_aa_pyfloat_arg(x, s):
    t = s
    t = t + x[0]
    t = t * s
    return t + s


add(FAM, f_aa_pyfloat_arg, t_aa_pyfloat_arg, args(6, 0.7), wrt=(0, 1))


def f_aa_fancy_dup_iadd(x):
    k = np.zeros(3)
    k[[0, 0, 1]] += x[:3]
    return (k * x[3:]).sum()


def t_aa_fancy_dup_iadd(x):
    # buffered: k[[0,0,1]] = k[[0,0,1]] + x[:3]  -> last write wins for index 0
    k = tz(3)
    k[0] = x[1]
    k[1] = x[2]
    return (k * x[3:]).sum()


add(FAM, f_aa_fancy_dup_iadd, t_aa_fancy_dup_iadd)


def f_aa_fancy_dup_iadd_const_idx(x):
    k = x[:3] * 1.0
    k[IDX_DUP] += x[3:]
    return (k * k).sum()


def t_aa_fancy_dup_iadd_const_idx(x):
    k = x[:3] * 1.0
    k0 = x[0] + x[4]
    k1 = x[1] + x[5]
    k = torch.stack([k0, k1, x[2]])
    return (k * k).sum()


add(FAM, f_aa_fancy_dup_iadd_const_idx, t_aa_fancy_dup_iadd_const_idx)


def f_aa_fancy_iadd(x):
    k = x[:3] * 1.0
    k[[0, 2]] += x[3:5]
    return (k * k).sum()


def t_aa_fancy_iadd(x):
    k = x[:3] * 1.0
    k[[0, 2]] += x[3:5]
    return (k * k).sum()


add(FAM, f_aa_fancy_iadd, t_aa_fancy_iadd)


def f_aa_mask_iadd(x):
    k = x * 1.0
    k[MASK6] += 2.0 * x[MASK6]
    return (k * k).sum()


def t_aa_mask_iadd(x):
    k = torch.where(TMASK6, 3.0 * x, x)
    return (k * k).sum()


add(FAM, f_aa_mask_iadd, t_aa_mask_iadd)
