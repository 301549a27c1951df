"""Memory-semantics corpus, family `helper_write`.

Ported verbatim from the adversarial corpus; see tests/memory/__init__.py.
"""

import numpy as np
import torch

from .common import tz, W6, W23, TW6, TW23, G1, G2, G3, V3, reset_globals, global_state, add

FAM = "helper_write"


def put0(a, val):
    a[0] = val


def addto(a, b):
    a += b


def scale2(a):
    a *= 2.0
    return a


def put_row(a, i, v):
    a[i] = v


def fill_tail(a, v):
    a[1:] = v
    return None


def tail1(a):
    return a[1:]


def srt(a):
    a.sort()


def acc2(a, b):
    a += b
    b += 1.0


def f_hw_helper_setitem(x):
    k = np.zeros(3)
    put0(k, x[0])
    return (k * x[:3]).sum()


def t_hw_helper_setitem(x):
    k = tz(3)
    k[0] = x[0]
    return (k * x[:3]).sum()


add(FAM, f_hw_helper_setitem, t_hw_helper_setitem)


def f_hw_helper_iadd(x):
    k = x[:3] * 1.0
    addto(k, x[3:])
    return (k * k).sum()


def t_hw_helper_iadd(x):
    k = x[:3] + x[3:]
    return (k * k).sum()


add(FAM, f_hw_helper_iadd, t_hw_helper_iadd)


def f_hw_helper_scale_return(x):
    k = x * 1.0
    m = scale2(k)
    return (k * x).sum() + (m * W6).sum()


def t_hw_helper_scale_return(x):
    k = 2.0 * x
    return (k * x).sum() + (k * TW6).sum()


add(FAM, f_hw_helper_scale_return, t_hw_helper_scale_return)


def f_hw_helper_row(x):
    K = np.zeros((2, 3))
    put_row(K, 1, x[:3])
    return (K * W23).sum()


def t_hw_helper_row(x):
    K = tz(2, 3)
    K[1] = x[:3]
    return (K * TW23).sum()


add(FAM, f_hw_helper_row, t_hw_helper_row)


def f_hw_closure_write(x):
    k = np.zeros(3)

    def w():
        k[1] = x[0]

    w()
    return (k * x[:3]).sum()


def t_hw_closure_write(x):
    k = tz(3)
    k[1] = x[0]
    return (k * x[:3]).sum()


add(FAM, f_hw_closure_write, t_hw_closure_write)


def f_hw_nested_param_write(x):
    k = np.zeros(3)

    def w(a):
        a[2] = x[1] * x[2]

    w(k)
    return (k * x[3:]).sum()


def t_hw_nested_param_write(x):
    k = tz(3)
    k[2] = x[1] * x[2]
    return (k * x[3:]).sum()


add(FAM, f_hw_nested_param_write, t_hw_nested_param_write)


def f_hw_global_write(x):
    G1[0] = x[0]
    return (G1 * x[:3]).sum()


def t_hw_global_write(x):
    k = tz(3)
    k[0] = x[0]
    return (k * x[:3]).sum()


add(FAM, f_hw_global_write, t_hw_global_write, reset=reset_globals, state=global_state)


def f_hw_global_slice_write(x):
    G2[:] = x[:3]
    return (G2 * x[3:]).sum()


def t_hw_global_slice_write(x):
    return (x[:3] * x[3:]).sum()


add(FAM, f_hw_global_slice_write, t_hw_global_slice_write, reset=reset_globals, state=global_state)


def f_hw_global_view_read(x):
    G3[1] = x[0]
    return (V3 * x[1:3]).sum()


def t_hw_global_view_read(x):
    return x[0] * x[1]


add(FAM, f_hw_global_view_read, t_hw_global_view_read, reset=reset_globals, state=global_state)


def f_hw_fill_tail(x):
    k = np.zeros(3)
    r = fill_tail(k, x[0] * x[1])
    return (k * x[3:]).sum()


def t_hw_fill_tail(x):
    k = tz(3)
    k[1:] = x[0] * x[1]
    return (k * x[3:]).sum()


add(FAM, f_hw_fill_tail, t_hw_fill_tail)


def f_hw_helper_view_arg(x):
    K = np.zeros((2, 3))
    put0(K[1], x[0])
    return (K * W23).sum()


def t_hw_helper_view_arg(x):
    K = tz(2, 3)
    K[1, 0] = x[0]
    return (K * TW23).sum()


add(FAM, f_hw_helper_view_arg, t_hw_helper_view_arg)


def f_hw_helper_view_read_after(x):
    K = np.zeros((2, 3))
    v = K[0]
    put0(K[0], x[0] * x[1])
    return (v * x[:3]).sum()


def t_hw_helper_view_read_after(x):
    return x[0] * x[1] * x[0]


add(FAM, f_hw_helper_view_read_after, t_hw_helper_view_read_after)


def fillrec(a, i, src):
    if i < 3:
        a[i] = src[i] * src[i + 3]
        fillrec(a, i + 1, src)


def f_hw_recursive_fill(x):
    k = np.zeros(3)
    fillrec(k, 0, x)
    return (k * W6[:3]).sum()


def t_hw_recursive_fill(x):
    return (x[:3] * x[3:] * TW6[:3]).sum()


add(FAM, f_hw_recursive_fill, t_hw_recursive_fill)


def f_hw_helper_returns_view_write(x):
    k = np.zeros(3)
    tail1(k)[0] = x[0]
    return (k * x[3:]).sum()


def t_hw_helper_returns_view_write(x):
    return x[0] * x[4]


add(FAM, f_hw_helper_returns_view_write, t_hw_helper_returns_view_write)


def f_hw_helper_sort(x):
    c = x * 2.0
    srt(c)
    return (c * W6).sum()


def t_hw_helper_sort(x):
    return (torch.sort(2.0 * x).values * TW6).sum()


add(FAM, f_hw_helper_sort, t_hw_helper_sort)


def f_hw_helper_same_array_twice(x):
    k = x * 1.0
    acc2(k, k)
    return (k * x).sum()


def t_hw_helper_same_array_twice(x):
    k = 2.0 * x + 1.0
    return (k * x).sum()


add(FAM, f_hw_helper_same_array_twice, t_hw_helper_same_array_twice)


def f_hw_helper_two_views_overlap(x):
    k = x * 1.0
    addto(k[1:], k[:-1])
    return (k * W6).sum()


def t_hw_helper_two_views_overlap(x):
    k = torch.cat([x[:1], x[1:] + x[:-1]])
    return (k * TW6).sum()


add(FAM, f_hw_helper_two_views_overlap, t_hw_helper_two_views_overlap)


def f_hw_helper_rebinds_param(x):
    k = x * 1.0

    def g(a):
        a = a * 3.0
        a[0] = 0.0
        return a

    m = g(k)
    return (k * x).sum() + (m * W6).sum()


def t_hw_helper_rebinds_param(x):
    m = torch.cat([tz(1), 3.0 * x[1:]])
    return (x * x).sum() + (m * TW6).sum()


add(FAM, f_hw_helper_rebinds_param, t_hw_helper_rebinds_param)
