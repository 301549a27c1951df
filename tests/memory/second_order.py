"""Second-order variants: scalar-input programs for pb.grad(pb.grad(f2)) against torch's
double backward. ``SECOND`` maps a corpus program name to (f2, torch twin, s0)."""

import numpy as np
import torch

from .common import D, tz
from .helper_write import put0


def s_view_read_after_write(s):
    k = np.zeros((2, 3))
    v = k[0]
    k[0, 1] = s * s
    return (v * v).sum() * s


def ts_view_read_after_write(s):
    k = tz(2, 3)
    v = k[0]
    k[0, 1] = s * s
    return (v * v).sum() * s


def s_chain_write(s):
    k = np.zeros((2, 3))
    k[0][1] = s
    k[1][0] = np.sin(s)
    return (k * k).sum() * s


def ts_chain_write(s):
    k = tz(2, 3)
    k[0][1] = s
    k[1][0] = torch.sin(s)
    return (k * k).sum() * s


def s_fancy_lost(s):
    k = np.zeros(3)
    k[[0, 1]][0] = s
    return (k * s).sum() + s ** 3


def ts_fancy_lost(s):
    return s ** 3


def s_split_view(s):
    k = np.zeros(4)
    a, b = np.split(k, 2)
    k[2] = s ** 2
    return (b * b).sum() + a.sum() * s


def ts_split_view(s):
    k = tz(4)
    a, b = k[:2], k[2:]
    k[2] = s ** 2
    return (b * b).sum() + a.sum() * s


def s_T_ravel_copy(s):
    k = np.ones((2, 3)) * s
    v = k.T.ravel()
    k[0, 0] = s ** 3
    return (v * v).sum() + (k * k).sum()


def ts_T_ravel_copy(s):
    k = torch.ones((2, 3), dtype=D) * s
    v = k.T.reshape(-1).clone()
    k[0, 0] = s ** 3
    return (v * v).sum() + (k * k).sum()


def s_overlap_reverse(s):
    k = np.array([1.0, 2.0, 3.0]) * s
    k[::-1] = k
    k[0] = k[0] * s
    return (k * np.array([1.0, 2.0, 4.0])).sum() * s


def ts_overlap_reverse(s):
    k = torch.tensor([3.0, 2.0, 1.0], dtype=D) * s
    k = torch.cat([(k[0] * s).reshape(1), k[1:]])
    return (k * torch.tensor([1.0, 2.0, 4.0], dtype=D)).sum() * s


def s_row_swap(s):
    a = np.array([[1.0, 2.0], [3.0, 4.0]]) * s
    a[1] = a[1] * s
    a[0], a[1] = a[1], a[0]
    return (a * a).sum()


def ts_row_swap(s):
    r1 = torch.tensor([3.0, 4.0], dtype=D) * s * s
    a = torch.stack([r1, r1])
    return (a * a).sum()


def s_alias_iadd(s):
    k = np.ones(3) * s
    k2 = k
    k2 += s * s
    return (k * k).sum()


def ts_alias_iadd(s):
    k = torch.ones(3, dtype=D) * s + s * s
    return (k * k).sum()


def s_npscalar_rebind(s):
    t = s * 2.0
    t1 = t
    t1 += s ** 2
    return t * t1


def ts_npscalar_rebind(s):
    t = s * 2.0
    t1 = t + s ** 2
    return t * t1


def s_fresh_buffer_loop(s):
    acc = 0.0
    for i in range(3):
        k = np.zeros(3)
        k[i] = s ** (i + 1)
        acc = acc + (k * k).sum()
    return acc


def ts_fresh_buffer_loop(s):
    acc = 0.0
    for i in range(3):
        acc = acc + (s ** (i + 1)) ** 2
    return acc


def s_int_trunc(s):
    k = np.zeros(2, dtype=int)
    k[0] = s * 10
    return (k * s * s).sum() + s ** 3


def ts_int_trunc(s):
    k0 = float(int(s.item() * 10))
    return k0 * s * s + s ** 3


def s_fill(s):
    c = np.ones(3) * s
    c.fill(2.0)
    return (c * s * s).sum()


def ts_fill(s):
    return 6.0 * s * s


def s_astype_nocopy(s):
    k = np.ones(3) * s
    c = k.astype(np.float64, copy=False)
    c[0] = s ** 3
    return (k * k).sum()


def ts_astype_nocopy(s):
    return s ** 6 + 2.0 * s * s


def s_for_rows(s):
    k = np.zeros((2, 2))
    for row in k:
        row[0] = s * s
    return (k * k).sum() * s


def ts_for_rows(s):
    return 2.0 * s ** 4 * s


def s_dup_iadd(s):
    k = np.zeros(2)
    k[[0, 0]] += np.array([s, s * s])
    return (k * k).sum() * s


def ts_dup_iadd(s):
    return (s * s) ** 2 * s


def s_loop_view_read(s):
    k = np.zeros(3)
    v = k[:]
    acc = 0.0
    for i in range(3):
        k[i] = s * (i + 1.0)
        acc = acc + (v * v).sum() * s
    return acc


def ts_loop_view_read(s):
    acc = 0.0
    tot = 0.0
    for i in range(3):
        tot = tot + (s * (i + 1.0)) ** 2
        acc = acc + tot * s
    return acc


def s_helper_write(s):
    k = np.zeros(3)
    put0(k, s ** 2)
    return (k * k).sum() * s


def ts_helper_write(s):
    return s ** 5


def s_view_iadd(s):
    k = np.ones((2, 2))
    v = k[1]
    v += s * s
    return (k * k).sum() * s


def ts_view_iadd(s):
    return (2.0 + 2.0 * (1.0 + s * s) ** 2) * s


def s_cond_alias(s):
    k = np.zeros(2)
    z = np.zeros(2)
    v = k if s > 0 else z
    v[1] = s ** 3
    return (k * s).sum() + (z * z).sum()


def ts_cond_alias(s):
    return s ** 4


def s_0d_alias(s):
    a = np.zeros(())
    b = a
    b += s ** 2
    return a * s


def ts_0d_alias(s):
    return s ** 3


SECOND = {
    "cr_row_tail": (s_view_read_after_write, ts_view_read_after_write, 0.9),
    "wt_chain_index": (s_chain_write, ts_chain_write, 0.8),
    "wt_fancy_lost": (s_fancy_lost, ts_fancy_lost, 1.1),
    "cr_split_parts": (s_split_view, ts_split_view, 0.7),
    "cr_T_ravel_copy": (s_T_ravel_copy, ts_T_ravel_copy, 1.2),
    "ov_reverse_assign": (s_overlap_reverse, ts_overlap_reverse, 0.9),
    "ov_row_swap_views": (s_row_swap, ts_row_swap, 1.3),
    "aa_alias_name": (s_alias_iadd, ts_alias_iadd, 0.6),
    "aa_npscalar_rebind": (s_npscalar_rebind, ts_npscalar_rebind, 0.8),
    "fb_fresh_each_iter": (s_fresh_buffer_loop, ts_fresh_buffer_loop, 1.1),
    "ib_int_trunc": (s_int_trunc, ts_int_trunc, 0.73),
    "ip_fill": (s_fill, ts_fill, 0.9),
    "cf_astype_nocopy": (s_astype_nocopy, ts_astype_nocopy, 0.9),
    "ca_for_rows": (s_for_rows, ts_for_rows, 1.05),
    "aa_fancy_dup_iadd": (s_dup_iadd, ts_dup_iadd, 0.95),
    "lv_nested_in_loop": (s_loop_view_read, ts_loop_view_read, 0.85),
    "hw_helper_setitem": (s_helper_write, ts_helper_write, 1.15),
    "aa_view_iadd": (s_view_iadd, ts_view_iadd, 0.75),
    "ca_ifexp_true": (s_cond_alias, ts_cond_alias, 0.65),
    "aa_0d_alias": (s_0d_alias, ts_0d_alias, 1.25),
}
