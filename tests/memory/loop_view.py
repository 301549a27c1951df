"""Memory-semantics corpus, family `loop_view`.

Ported verbatim from the adversarial corpus; see tests/memory/__init__.py.
"""

import numpy as np
import torch

from .common import tz, W6, W23, TW6, TW23, add

FAM = "loop_view"


def f_lv_read_before_write(x):
    k = np.zeros((2, 3))
    v = k[0]
    s = 0.0
    for i in range(3):
        s = s + v[(i + 2) % 3] * x[i]
        k[0, i] = x[i]
    return s + (v * v).sum()


def t_lv_read_before_write(x):
    k = tz(2, 3)
    v = k[0]
    s = 0.0
    for i in range(3):
        s = s + v[(i + 2) % 3].clone() * x[i]
        k[0, i] = x[i]
    return s + (v * v).sum()


add(FAM, f_lv_read_before_write, t_lv_read_before_write)


def f_lv_read_after_write(x):
    k = np.zeros((2, 3))
    v = k[0]
    s = 0.0
    for i in range(3):
        k[0, i] = x[i] * 2.0
        s = s + v.sum() * x[i]
    return s


def t_lv_read_after_write(x):
    k = tz(2, 3)
    v = k[0]
    s = 0.0
    for i in range(3):
        k[0, i] = x[i] * 2.0
        s = s + v.sum().clone() * x[i]
    return s


add(FAM, f_lv_read_after_write, t_lv_read_after_write)


def f_lv_lambda_after_write(x):
    k = np.zeros((2, 3))
    v = k[1]
    g = lambda: (v * x[3:]).sum()
    k[1, 0] = x[0]
    return g() + k.sum()


def t_lv_lambda_after_write(x):
    k = tz(2, 3)
    v = k[1]
    k[1, 0] = x[0]
    return (v * x[3:]).sum() + k.sum()


add(FAM, f_lv_lambda_after_write, t_lv_lambda_after_write)


def f_lv_nested_after_write(x):
    k = np.zeros((2, 3))
    v = k[1]

    def read():
        return (v * x[3:]).sum()

    k[1, 2] = x[0] * x[1]
    return read()


def t_lv_nested_after_write(x):
    k = tz(2, 3)
    v = k[1]
    k[1, 2] = x[0] * x[1]
    return (v * x[3:]).sum()


add(FAM, f_lv_nested_after_write, t_lv_nested_after_write)


def f_lv_nested_in_loop(x):
    k = np.zeros(3)
    v = k[:]

    def read():
        return (v * v).sum()

    s = 0.0
    for i in range(3):
        k[i] = x[i]
        s = s + read() * x[i + 3]
    return s


def t_lv_nested_in_loop(x):
    k = tz(3)
    v = k[:]
    s = 0.0
    for i in range(3):
        k[i] = x[i]
        vc = v.clone()
        s = s + (vc * vc).sum() * x[i + 3]
    return s


add(FAM, f_lv_nested_in_loop, t_lv_nested_in_loop)


def f_lv_while_view(x):
    k = np.zeros(4)
    v = k[1:]
    i = 0
    while i < 3:
        v[i] = x[i] ** 2
        i += 1
    return (k * x[:4]).sum()


def t_lv_while_view(x):
    k = tz(4)
    v = k[1:]
    i = 0
    while i < 3:
        v[i] = x[i] ** 2
        i += 1
    return (k * x[:4]).sum()


add(FAM, f_lv_while_view, t_lv_while_view)


def f_lv_view_per_iter(x):
    k = np.zeros((2, 3))
    for i in range(2):
        v = k[i]
        v[i] = x[i]
    return (k * W23).sum() + k[1, 1] * x[2]


def t_lv_view_per_iter(x):
    k = tz(2, 3)
    for i in range(2):
        v = k[i]
        v[i] = x[i]
    return (k * TW23).sum() + k[1, 1] * x[2]


add(FAM, f_lv_view_per_iter, t_lv_view_per_iter)


def f_lv_views_list_then_write(x):
    k = np.zeros((2, 3))
    views = []
    for i in range(2):
        views.append(k[i])
    k[1, 2] = x[0]
    k[0, 0] = x[1]
    return views[1][2] * x[2] + views[0][0] * x[3]


def t_lv_views_list_then_write(x):
    k = tz(2, 3)
    views = []
    for i in range(2):
        views.append(k[i])
    k[1, 2] = x[0]
    k[0, 0] = x[1]
    return views[1][2] * x[2] + views[0][0] * x[3]


add(FAM, f_lv_views_list_then_write, t_lv_views_list_then_write)


def f_lv_recurrence_views(x):
    k = np.zeros(4)
    prev = k[:-1]
    nxt = k[1:]
    k[0] = x[0]
    for i in range(3):
        nxt[i] = prev[i] * x[i + 1]
    return (k * W6[:4]).sum()


def t_lv_recurrence_views(x):
    vals = [x[0]]
    for i in range(3):
        vals.append(vals[-1] * x[i + 1])
    return (torch.stack(vals) * TW6[:4]).sum()


add(FAM, f_lv_recurrence_views, t_lv_recurrence_views)


def f_lv_accum_into_view(x):
    k = np.zeros((2, 3))
    acc = k[1]
    for i in range(3):
        acc += x[i:i + 3]
    return (k * W23).sum()


def t_lv_accum_into_view(x):
    k = tz(2, 3)
    acc = k[1]
    for i in range(3):
        acc += x[i:i + 3]
    return (k * TW23).sum()


add(FAM, f_lv_accum_into_view, t_lv_accum_into_view)


def f_lv_break_view(x):
    k = np.zeros(3)
    v = k[1:]
    for i in range(5):
        if i == 2:
            break
        v[i] = x[i] * x[i + 1]
    return (k * x[3:]).sum()


def t_lv_break_view(x):
    k = tz(3)
    v = k[1:]
    for i in range(5):
        if i == 2:
            break
        v[i] = x[i] * x[i + 1]
    return (k * x[3:]).sum()


add(FAM, f_lv_break_view, t_lv_break_view)


def f_lv_rebind_in_loop(x):
    k = np.zeros((2, 3))
    v = k[0]
    for i in range(3):
        k = k * 1.0
        k[0, i] = x[i]
    return (v * x[3:]).sum() + k.sum()


def t_lv_rebind_in_loop(x):
    k = tz(2, 3)
    v = k[0].clone()
    for i in range(3):
        k = k * 1.0
        k[0, i] = x[i]
    return (v * x[3:]).sum() + k.sum()


add(FAM, f_lv_rebind_in_loop, t_lv_rebind_in_loop)


def f_lv_enumerate_rows(x):
    k = np.zeros((2, 3))
    s = 0.0
    for i, row in enumerate(k):
        k[(i + 1) % 2, 0] = x[i]
        s = s + row[0] * x[2 + i]
    return s + k.sum()


def t_lv_enumerate_rows(x):
    k = tz(2, 3)
    s = 0.0
    for i in range(2):
        row = k[i]
        k[(i + 1) % 2, 0] = x[i]
        s = s + row[0].clone() * x[2 + i]
    return s + k.sum()


add(FAM, f_lv_enumerate_rows, t_lv_enumerate_rows)


def f_lv_closure_late_binding(x):
    k = x * 1.0

    def get():
        return (k * x).sum()

    k = x * 3.0
    return get()


def t_lv_closure_late_binding(x):
    k = x * 3.0
    return (k * x).sum()


add(FAM, f_lv_closure_late_binding, t_lv_closure_late_binding)


def f_lv_view_imul_in_loop(x):
    k = x[:3] * 1.0
    v = k[::2]
    for i in range(2):
        v *= x[3 + i]
    return (k * k).sum()


def t_lv_view_imul_in_loop(x):
    k = x[:3] * 1.0
    v = k[::2]
    for i in range(2):
        v *= x[3 + i]
    return (k * k).sum()


add(FAM, f_lv_view_imul_in_loop, t_lv_view_imul_in_loop)


def f_lv_iterate_while_writing(x):
    k = x * 1.0
    for e in k:
        k[0] = e * x[1]
    return (k * W6).sum()


def t_lv_iterate_while_writing(x):
    # iteration i reads k[i] at that time; k[0] is overwritten each time
    k = x * 1.0
    k0 = x[0] * x[1]          # i = 0 reads k[0] = x0
    for i in range(1, 6):
        k0 = x[i] * x[1]
    k = torch.cat([k0.reshape(1), x[1:]])
    return (k * TW6).sum()


add(FAM, f_lv_iterate_while_writing, t_lv_iterate_while_writing)


def f_lv_view_read_in_helper_after_loop(x):
    k = np.zeros((3, 2))
    col = k[:, 1]
    for i in range(3):
        k[i] = x[2 * i:2 * i + 2]
    return sum_sq(col) * x[0]


def sum_sq(a):
    return (a * a).sum()


def t_lv_view_read_in_helper_after_loop(x):
    col = x[1::2]
    return (col * col).sum() * x[0]


add(FAM, f_lv_view_read_in_helper_after_loop, t_lv_view_read_in_helper_after_loop)
