"""Memory-semantics corpus, family `fresh_buffer`.

Ported verbatim from the adversarial corpus; see tests/memory/__init__.py.
"""

import numpy as np
import torch

from .common import D, tz, W6, W23, TW6, TW23, add

FAM = "fresh_buffer"


def f_fb_fresh_each_iter(x):
    s = 0.0
    for i in range(3):
        k = np.zeros(3)
        k[i] = x[i]
        s = s + (k * x[3:]).sum()
    return s


def t_fb_fresh_each_iter(x):
    s = 0.0
    for i in range(3):
        k = tz(3)
        k[i] = x[i]
        s = s + (k * x[3:]).sum()
    return s


add(FAM, f_fb_fresh_each_iter, t_fb_fresh_each_iter)


def f_fb_reused_buffer(x):
    k = np.zeros(3)
    s = 0.0
    for i in range(3):
        k[i] = x[i]
        s = s + (k * x[3:]).sum()
    return s


def t_fb_reused_buffer(x):
    s = 0.0
    for i in range(3):
        s = s + (x[:i + 1] * x[3:3 + i + 1]).sum()
    return s


add(FAM, f_fb_reused_buffer, t_fb_reused_buffer)


def f_fb_list_same_object(x):
    k = np.zeros(3)
    L = []
    for i in range(3):
        k[i] = x[i]
        L.append(k)
    s = 0.0
    for j in range(3):
        s = s + (L[j] * x[3:]).sum() * (j + 1.0)
    return s


def t_fb_list_same_object(x):
    return 6.0 * (x[:3] * x[3:]).sum()


add(FAM, f_fb_list_same_object, t_fb_list_same_object)


def f_fb_list_fresh(x):
    L = []
    for i in range(3):
        k = np.zeros(3)
        k[i] = x[i]
        L.append(k)
    s = 0.0
    for j in range(3):
        s = s + (L[j] * x[3:]).sum() * (j + 1.0)
    return s


def t_fb_list_fresh(x):
    return x[0] * x[3] + 2.0 * x[1] * x[4] + 3.0 * x[2] * x[5]


add(FAM, f_fb_list_fresh, t_fb_list_fresh)


def f_fb_list_copy(x):
    k = np.zeros(3)
    L = []
    for i in range(3):
        k[i] = x[i]
        L.append(k.copy())
    s = 0.0
    for j in range(3):
        s = s + (L[j] * x[3:]).sum() * (j + 1.0)
    return s


def t_fb_list_copy(x):
    s = 0.0
    for j in range(3):
        s = s + (x[:j + 1] * x[3:3 + j + 1]).sum() * (j + 1.0)
    return s


add(FAM, f_fb_list_copy, t_fb_list_copy)


def f_fb_accum_iadd(x):
    acc = np.zeros(3)
    for i in range(3):
        acc += x[i] * x[3:]
    return (acc * acc).sum()


def t_fb_accum_iadd(x):
    acc = tz(3)
    for i in range(3):
        acc = acc + x[i] * x[3:]
    return (acc * acc).sum()


add(FAM, f_fb_accum_iadd, t_fb_accum_iadd)


def f_fb_elem_iadd_reads(x):
    k = np.zeros(3)
    s = 0.0
    for i in range(3):
        k[i] += x[i]
        s = s + k.sum() * x[i + 3]
    return s


def t_fb_elem_iadd_reads(x):
    s = 0.0
    for i in range(3):
        s = s + x[:i + 1].sum() * x[i + 3]
    return s


add(FAM, f_fb_elem_iadd_reads, t_fb_elem_iadd_reads)


def f_fb_empty_fill(x):
    out = np.empty(3)
    for i in range(3):
        out[i] = x[i] ** 2
    return (out * x[3:]).sum()


def t_fb_empty_fill(x):
    return (x[:3] ** 2 * x[3:]).sum()


add(FAM, f_fb_empty_fill, t_fb_empty_fill)


def f_fb_reset_buffer(x):
    k = np.zeros(3)
    s = 0.0
    for i in range(3):
        k[:] = 0.0
        k[i] = x[i]
        s = s + (k * k).sum() * x[i + 3]
    return s


def t_fb_reset_buffer(x):
    return (x[:3] ** 2 * x[3:]).sum()


add(FAM, f_fb_reset_buffer, t_fb_reset_buffer)


def f_fb_rows_views_collected(x):
    k = np.zeros((3, 3))
    rows = []
    for i in range(3):
        rows.append(k[i])
    k[:, 1] = x[:3]
    s = 0.0
    for j in range(3):
        s = s + rows[j][1] * x[j + 3]
    return s


def t_fb_rows_views_collected(x):
    return (x[:3] * x[3:]).sum()


add(FAM, f_fb_rows_views_collected, t_fb_rows_views_collected)


def f_fb_nested_loop(x):
    k = np.zeros((2, 3))
    for i in range(2):
        for j in range(3):
            k[i, j] = x[j] * (i + 1.0) + k[i - 1, j]
    return (k * W23).sum()


def t_fb_nested_loop(x):
    k = torch.stack([x[:3], 3.0 * x[:3]])
    return (k * TW23).sum()


add(FAM, f_fb_nested_loop, t_fb_nested_loop)


def f_fb_chain_buffers(x):
    prev = x[:3] * 1.0
    for i in range(3):
        cur = np.zeros(3)
        cur[:] = prev * x[3 + i]
        prev = cur
    return (prev * W6[:3]).sum()


def t_fb_chain_buffers(x):
    return (x[:3] * x[3] * x[4] * x[5] * TW6[:3]).sum()


add(FAM, f_fb_chain_buffers, t_fb_chain_buffers)


def f_fb_double_buffer_swap(x):
    a = np.zeros(3)
    b = np.zeros(3)
    a[:] = x[:3]
    for i in range(2):
        b[:] = a * x[3 + i]
        a, b = b, a
    return (a * W6[:3]).sum() + b.sum()


def t_fb_double_buffer_swap(x):
    a = x[:3] * x[3] * x[4]
    b = x[:3] * x[3]
    return (a * TW6[:3]).sum() + b.sum()


add(FAM, f_fb_double_buffer_swap, t_fb_double_buffer_swap)


def f_fb_zeros_like_write(x):
    k = np.zeros_like(x)
    k[1] = x[2]
    k[4] = x[0] * x[1]
    return (k * x).sum()


def t_fb_zeros_like_write(x):
    k = tz(6)
    k[1] = x[2]
    k[4] = x[0] * x[1]
    return (k * x).sum()


add(FAM, f_fb_zeros_like_write, t_fb_zeros_like_write)


def f_fb_while_early_return(x):
    k = np.zeros(3)
    i = 0
    while True:
        k[i] = x[i] * k[i - 1] + x[i]
        i += 1
        if i == 3:
            return (k * x[3:]).sum()


def t_fb_while_early_return(x):
    k0 = x[0]
    k1 = x[1] * k0 + x[1]
    k2 = x[2] * k1 + x[2]
    return k0 * x[3] + k1 * x[4] + k2 * x[5]


add(FAM, f_fb_while_early_return, t_fb_while_early_return)


def f_fb_break_after_write(x):
    k = np.zeros(3)
    for i in range(3):
        k[i] = x[i] * 2.0
        if i == 1:
            break
    return (k * x[3:]).sum()


def t_fb_break_after_write(x):
    return 2.0 * (x[0] * x[3] + x[1] * x[4])


add(FAM, f_fb_break_after_write, t_fb_break_after_write)


def f_fb_append_then_mutate(x):
    L = []
    k = np.zeros(2)
    L.append(k)
    k[0] = x[0]
    return L[0][0] * x[1]


def t_fb_append_then_mutate(x):
    return x[0] * x[1]


add(FAM, f_fb_append_then_mutate, t_fb_append_then_mutate)


def f_fb_full_write(x):
    k = np.full(3, 2.0)
    k[1] = x[0]
    return (k * x[:3]).sum()


def t_fb_full_write(x):
    k = torch.full((3,), 2.0, dtype=D)
    k[1] = x[0]
    return (k * x[:3]).sum()


add(FAM, f_fb_full_write, t_fb_full_write)


def f_fb_ones_iprod(x):
    k = np.ones(3)
    for i in range(3):
        k *= x[i:i + 3]
    return (k * W6[:3]).sum()


def t_fb_ones_iprod(x):
    k = x[0:3] * x[1:4] * x[2:5]
    return (k * TW6[:3]).sum()


add(FAM, f_fb_ones_iprod, t_fb_ones_iprod)


def f_fb_buffer_returned_list(x):
    out = []
    buf = np.zeros(2)
    for i in range(3):
        buf = buf + x[i]
        buf[0] = buf[0] * x[3]
        out.append(buf)
    return out[0][0] + out[1][1] * out[2][0]


def t_fb_buffer_returned_list(x):
    b = tz(2)
    out = []
    for i in range(3):
        b = b + x[i]
        b = torch.stack([b[0] * x[3], b[1]])
        out.append(b)
    return out[0][0] + out[1][1] * out[2][0]


add(FAM, f_fb_buffer_returned_list, t_fb_buffer_returned_list)
