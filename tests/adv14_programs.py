"""adv14 adversarial programs: conditional aliases, views of new arrays, op= with and
without aliases, lists holding arrays, loops whose writes read the previous turn, and
forward mode on variables bound in one branch of a loop.

Each program is ``f(x, c)``; ``c`` is a flag (both signs are tested) and ``x`` a
float array of shape (3,) (or ``m`` of shape (2, 3)). The comments say what NumPy
does. Programs in FD_ONLY (see test_adv14.py) use a construct torch._numpy does
not mirror (negative strides, overlapping in-place ops); they are checked against
central differences only."""

import numpy as np


# ------------------------------- 1. conditional aliases -------------------------------

def row_view_alias_then_base_write(m, c):
    k = m * 2.0
    b = m + 1.0
    if c > 0:
        b = k[1]                   # b is row 1 of k
    k[1, 0] = m[0, 1] * m[1, 2]    # seen through b when c > 0
    return np.sum(b * m[0]) + np.sum(k)


def transposed_row_alias_write(m, c):
    k = m * 1.0
    b = np.ones(2)
    if c > 0:
        b = k.T[0]                 # column 0 of k
    b[1] = m[0, 2] ** 2            # k[1, 0] when c > 0
    return np.sum(k * m) + np.sum(b)


def transposed_row_alias_base_write(m, c):
    k = np.cos(m)
    b = m[:, 0] * 3.0
    if c > 0:
        b = k.T[2]                 # column 2 of k
    k[0, 2] = m[1, 1] * m[0, 0]    # b[0] when c > 0
    return np.sum(b * b) + np.sum(k)


def copyto_alias_read_k(x, c):
    k = x * 0.5
    b = np.zeros(3)
    if c > 0:
        b = k
    np.copyto(b, x * x)            # fills k when c > 0
    return np.sum(k * x) + np.sum(b)


def fill_alias_read_k(x, c):
    k = np.sin(x)
    b = x * 2.0
    if c > 0:
        b = k
    b.fill(x[0] * x[1])            # every element of k when c > 0
    return np.sum(k * x) + np.sum(b * b)


def alias_in_loop_with_break(x, c):
    k = x * 1.0
    b = np.zeros(3)
    for i in range(3):
        if i == 1 and c > 0:
            b = k
        if x[i] > 1.0:
            break
        b[i] = x[i] * x[(i + 1) % 3]
    return np.sum(k * x) + np.sum(b)


def alias_in_loop_with_continue(x, c):
    k = x * x
    b = x + 0.0
    for i in range(3):
        if i == 0:
            if c > 0:
                b = k
            continue
        b[i] = b[i - 1] * x[i]
    return np.sum(k) + np.sum(b * x)


def early_return_before_write(x, c):
    k = np.exp(x)
    b = x * 2.0
    if c > 0:
        b = k
    if np.sum(x) < 0:
        return np.sum(b * x) + np.sum(k)
    b[2] = x[0] * x[1]
    return np.sum(b * x) + np.sum(k)


def k_rebound_then_b_write(x, c):
    k = x * 3.0
    b = np.ones(3)
    if c > 0:
        b = k
    k = x * x                      # k is a new array; b keeps the old one (or ones)
    b[0] = x[2]
    k[1] = b[0] * x[0]
    return np.sum(b * x) + np.sum(k * x)


def k_write_reads_b(x, c):
    k = x + 1.0
    b = np.cos(x)
    if c > 0:
        b = k
    k[1] = b[0] * x[1]             # reads k[0] through b when c > 0
    k[2] = b[1] * x[2]             # reads the new k[1] when c > 0
    return np.sum(k) + np.sum(b * x)


def alias_iadd_read_k(x, c):
    k = x * 1.0
    b = np.sin(x)
    if c > 0:
        b = k
    b += x * x                     # in place: k changes when c > 0
    return np.sum(k * x) + np.sum(b)


def three_way_views(x, c):
    k = x * 2.0
    if c > 0:
        b = k[1:]
    elif np.sum(x) > 0:
        b = k[:2]
    else:
        b = x[1:] * 1.0
    b[0] = x[0] * x[2]             # k[1], k[0] or a new array
    return np.sum(k * x) + np.sum(b)


def nested_if_alias(x, c):
    k = x ** 2
    b = x * 0.0
    if c > 0:
        if np.sum(x) > 0:
            b = k
    b[1] = x[0] + x[2]
    k[0] = b[1] * x[1]
    return np.sum(k * x) + np.sum(b * x)


def while_alias_continue(x, c):
    k = x * 1.0
    b = x * 2.0
    i = 0
    while i < 3:
        i += 1
        if i == 2:
            if c > 0:
                b = k
            continue
        b[i - 1] = b[i - 1] * x[i - 1]
    return np.sum(k * x) + np.sum(b)


def row_view_imul(m, c):
    k = m + 0.5
    b = m[0] * 1.0
    if c > 0:
        b = k[1]
    b *= m[0]                      # in place into k[1] when c > 0
    return np.sum(k * m) + np.sum(b)


def row_alias_base_rebound(m, c):
    k = m * 1.0
    b = m[1] * 2.0
    if c > 0:
        b = k[1]
    k = m * 3.0                    # new k; b still the old row (or its own array)
    b[0] = m[0, 0] * m[1, 1]
    return np.sum(k * m) + np.sum(b * m[0])


def alias_written_each_turn(x, c):
    k = np.zeros(3)
    b = x * 1.0
    if c > 0:
        b = k
    s = 0.0
    for i in range(3):
        b[i] = x[i] * (s + 1.0)
        s = s + np.sum(k * x)      # reads what the writes through b did
    return s + np.sum(b)


def ellipsis_overwrite_alias(x, c):
    k = np.exp(x)
    b = x * 0.5
    if c > 0:
        b = k
    b[...] = x * x[1]              # all of k when c > 0
    return np.sum(k * x) + np.sum(b)


def tuple_target_writes(x, c):
    k = x * 1.0
    b = np.ones(3)
    if c > 0:
        b = k
    b[0], b[1] = x[1] * x[2], x[0] ** 2
    return np.sum(k * x) + np.sum(b * b)


def fancy_index_alias_write(x, c):
    k = x * 2.0
    b = np.zeros(3)
    if c > 0:
        b = k
    b[[0, 2]] = x[:2] * x[1]
    return np.sum(k * k) + np.sum(b * x)


def view_of_view_alias(x, c):
    k = x + 2.0
    b = x * 1.0
    if c > 0:
        b = k[1:][0:]              # a view of a view of k
    b[1] = x[0] * x[1]             # k[2] when c > 0
    return np.sum(k * x) + np.sum(b)


def reshape_alias(x, c):
    k = x * x
    b = np.zeros(3)
    if c > 0:
        b = k.reshape(3, 1)[:, 0]  # a view of k
    k[1] = x[2] * 3.0
    return np.sum(b * x) + np.sum(k)


def ravel_alias_2d(m, c):
    k = m * 1.0
    b = np.ones(6)
    if c > 0:
        b = k.ravel()              # a view (k is contiguous)
    b[4] = m[0, 0] * m[1, 2]       # k[1, 1]
    return np.sum(k * m) + np.sum(b)


def full_slice_alias(x, c):
    k = np.cos(x)
    b = x * 3.0
    if c > 0:
        b = k[:]
    k[0] = x[1] * x[2]
    b[2] = k[0] * x[0]
    return np.sum(k * x) + np.sum(b * x)


def asarray_alias_write(x, c):
    k = x * 1.0
    b = x ** 2
    if c > 0:
        b = np.asarray(k)          # the same array
    b[0] = b[1] * x[2]
    return np.sum(k) + np.sum(b * x)


def mask_alias_write(x, c):
    k = x * 1.0
    b = np.zeros(3)
    if c > 0:
        b = k
    b[x > 0] = x[0] * 2.0          # writes into k when c > 0
    return np.sum(k * x) + np.sum(b)


def alias_either_branch_read_after(x, c):
    k = x * 2.0
    z = x * 3.0
    if c > 0:
        b = k
    else:
        b = z
    b[1] = x[0] * x[2]
    z[0] = b[1] * x[1]             # reads z[1]'s new value when c <= 0
    return np.sum(k * x) + np.sum(z * x) + np.sum(b)


def alias_then_op_assign_k(x, c):
    k = x + 1.0
    b = x * 1.0
    if c > 0:
        b = k
    k -= x * x                     # in place: b sees it when c > 0
    return np.sum(b * x) + np.sum(k)


# ----------------------------- 2. views of new arrays ----------------------------------

def reversed_exp_write(x, c):
    v = np.exp(x)[::-1]            # a view of a new array no name holds
    v[0] = x[1] * c                # the last element of exp(x)
    return np.sum(v * x)


def transposed_product_write(m, c):
    v = (m * m).T                  # (3, 2) view of a new array
    v[0, 1] = m[0, 2] * c
    return np.sum(v * m.T)


def reshaped_sum_write(x, c):
    v = (x + 1.0).reshape(3, 1)
    v[2, 0] = x[0] * x[1]
    return np.sum(v[:, 0] * x) + c


def slice_of_new_keeps_w(x, c):
    w = x * 2.0
    v = (w + 1.0)[1:]              # not a view of w
    v[0] = x[2] * c
    return np.sum(w * x) + np.sum(v * v)


def view_of_view_of_new(x, c):
    v = np.exp(x)[1:]
    u = v[0:]                      # a view of v
    u[1] = x[0] * x[1]             # v[1] too
    return np.sum(v * x[1:]) + np.sum(u) + c


def reversed_square_iadd(x, c):
    v = (x * x)[::-1]
    v += x                         # v[i] = x[2-i]^2 + x[i]
    return np.sum(v * v) + c


def matmul_row_write(m, c):
    v = (m @ m.T)[0]               # row 0 of a new (2, 2)
    v[1] = m[0, 0] * c
    return np.sum(v * v)


def new_view_in_loop(x, c):
    s = 0.0
    for i in range(3):
        v = np.exp(x * (i + 1))[::-1]
        v[i] = x[i] * c
        s = s + np.sum(v * x)
    return s


def alias_of_new_view(x, c):
    v = np.exp(x)[::-1]
    k = v                          # k is v
    k[0] = x[0] * x[1]
    return np.sum(v * x) + c


def new_transpose_or_alias(m, c):
    k = m * 1.0
    if c > 0:
        v = (m * m).T
    else:
        v = k.T                    # a view of k
    v[2, 1] = m[0, 0] * 2.0        # k[1, 2] when c <= 0
    return np.sum(k * m) + np.sum(v)


def views_of_named_new(x, c):
    t = np.outer(x, x)             # held by t: its views are t's memory
    r = t[1]
    tt = t.T
    r[0] = x[2] * c                # t[1, 0] = tt[0, 1]
    return np.sum(tt[0] * x) + np.sum(t)


def stacked_row_write(x, c):
    v = np.stack([x, x * 2.0])[1]
    v[1] = x[0] * c
    return np.sum(v * x)


def copy_then_view_write(x, c):
    v = x.copy()[1:]
    v[0] = x[2] * x[0]
    return np.sum(v * x[:2]) + np.sum(x) * c


def newaxis_view_write(x, c):
    v = (x * 1.0)[None, :]
    v[0, 1] = x[2] ** 2
    return np.sum(v * x) + c


def concatenated_strided_write(x, c):
    v = np.concatenate([x, x * 2.0])[::2]   # elements 0, 2, 4
    v[1] = x[1] * c
    return np.sum(v * x)


def copyto_reversed_new(x, c):
    v = np.sin(x)[::-1]
    np.copyto(v, x * x[0])
    return np.sum(v * x) + c


# ------------------------------------- 3. op= ------------------------------------------

def op_assign_new_on_both_paths(x, c):
    if c > 0:
        d = x * 2.0
    else:
        d = np.sin(x)
    d += x * x                     # d is new on every path
    d *= x
    return np.sum(d)


def op_assign_alias_one_branch(x, c):
    a = x * 2.0
    e = x + 1.0
    if c > 0:
        e = a                      # e is a's array when c > 0
    a += x * x                     # e sees it when c > 0
    return np.sum(e * x) + np.sum(a)


def op_assign_after_append(x, c):
    a = x * 1.0
    L = []
    if c > 0:
        L.append(a)                # L[0] is a
    else:
        L.append(a * 1.0)
    a *= x
    return np.sum(L[0] * x) + np.sum(a)


def _maybe_same(a, c):
    if c > 0:
        return a
    return a * 2.0


def op_assign_helper_result(x, c):
    a = x * 1.0
    h = _maybe_same(a, c)          # h is a when c > 0
    h -= x * x
    return np.sum(a * x) + np.sum(h)


def op_assign_view_of_other(x, c):
    k = x * 3.0
    a = x[1:] * 1.0
    if c > 0:
        a = k[1:]                  # a view of k
    a /= x[:2] + 2.0
    return np.sum(k * x) + np.sum(a)


def op_assign_float_or_array(x, c):
    k = x * 1.0
    if c > 0:
        a = 2.0                    # a float: a *= x makes a new array
    else:
        a = k                      # k's array: a *= x changes k
    a *= x
    return np.sum(k * x) + np.sum(a)


def op_assign_loop_previous_holder(x, c):
    a = x * 1.0
    d = x * 0.0
    for i in range(3):
        d = a                      # d is the previous turn's a
        if c > 0:
            a = x * (i + 1.0)
        a += x[i] * x
    return np.sum(d * x) + np.sum(a)


def op_assign_rebound_one_branch(x, c):
    a = x * 2.0
    d = a
    if c > 0:
        a = x * 3.0                # a leaves d
    a += x * x                     # changes d too when c <= 0
    return np.sum(d * x) + np.sum(a)


def op_assign_in_loop_fresh(x, c):
    a = np.zeros(3)
    for i in range(3):
        a += x * x[i]              # a new array bound before the loop
        a *= 1.0 + c * 0.1
    return np.sum(a * x)


def op_assign_normalize(x, c):
    a = np.exp(x) * 1.0
    a /= np.sum(a)                 # softmax in place
    if c > 0:
        a *= x
    return np.sum(a * a)


def op_assign_row_of_named_new(m, c):
    t = m * m
    r = t[0]
    r += m[1] * c                  # t[0] changes
    return np.sum(t * m)


def op_assign_self_row(m, c):
    t = m * 2.0
    t -= t[0]                      # NumPy: overlap detected, t[0] read before the write
    return np.sum(t * m) + c


def op_assign_overlapping_slices(x, c):
    a = x * 2.0
    a[1:] += a[:-1]                # NumPy: a copy of a[:-1] is read
    return np.sum(a * x) + c


def op_assign_ternary_alias(x, c):
    k = x * 1.0
    a = k if c > 0 else x * 2.0
    a += x
    return np.sum(k * x) + np.sum(a)


def op_assign_power(x, c):
    a = x * 1.0 + 2.0
    a **= 2                        # in place
    if c > 0:
        a -= x
    return np.sum(a * x)


def op_assign_two_turn_alias(x, c):
    a = x * 1.0
    b = x * 2.0
    for i in range(2):
        if c > 0 and i == 1:
            b = a                  # b is a from turn 1 on
        a *= x
    return np.sum(a) + np.sum(b * x)


# --------------------------------- 4. lists holding arrays -----------------------------

def append_new_then_write(x, c):
    k = x * 1.0
    acc = []
    acc.append(k + x)              # a new array
    k[0] = x[1] * c
    return np.sum(acc[0] * x) + np.sum(k)


def append_alias_then_write(x, c):
    k = x * 1.0
    acc = []
    acc.append(k)                  # acc[0] is k
    k[0] = x[1] * x[2]             # acc[0][0] too
    return np.sum(acc[0] * x) + c


def list_copy_shallow_write(x, c):
    k = x * 2.0
    L = [k]
    L2 = L.copy()                  # L2[0] is still k
    k[1] = x[0] * c
    return np.sum(L2[0] * x)


def list_call_shallow(x, c):
    k = x * 2.0
    L = [k, x * 1.0]
    L2 = list(L)                   # L2[0] is k
    k[2] = x[1] ** 2
    return np.sum(L2[0] * x) + np.sum(L2[1]) + c


def list_slice_shallow(x, c):
    k = np.sin(x)
    L = [k]
    L2 = L[:]                      # L2[0] is k
    k *= x
    return np.sum(L2[0]) + c


def dict_holds_then_write(x, c):
    k = x * 1.0
    d = {'k': k}
    k[1] = x[0] * x[2]             # d['k'] is k
    return np.sum(d['k'] * x) + c


def append_in_loop_then_write(x, c):
    k = x * 1.0
    acc = []
    for i in range(3):
        acc.append(k)              # the same array three times
        k[i] = x[i] * 2.0
    return np.sum(np.stack(acc) * x) + c


def append_copy_in_loop(x, c):
    k = x * 1.0
    acc = []
    for i in range(3):
        acc.append(k.copy())
        k += x * c
    return np.sum(np.stack(acc) * x)


def write_through_list_item(x, c):
    k = x * 1.0
    L = [k, k]
    L[0][1] = x[2] * 3.0           # k[1]
    return np.sum(k * x) + np.sum(L[1]) + c


def tuple_holds_then_imul(x, c):
    k = x + 1.0
    t = (k, x)
    k *= x                         # t[0] is k
    return np.sum(t[0] * t[1]) + c


def list_of_rows_base_write(m, c):
    k = m * 1.0
    L = [k[0], k[1]]               # views
    k[0, 0] = m[1, 1] * c
    return np.sum(np.stack(L) * m)


def append_then_rebind(x, c):
    k = x * 1.0
    acc = [k]
    k = k + x                      # a new k: acc[0] keeps the old
    k[0] = x[1] * c
    return np.sum(acc[0] * x) + np.sum(k)


def list_item_op_assign(x, c):
    k = x * 1.0
    acc = [k]
    acc[0] += x * x                # in place: k changes
    return np.sum(k * x) + c


def appended_then_op_assign_each_turn(x, c):
    k = x * 1.0
    acc = []
    for i in range(2):
        acc.append(k)
        k += x * x[i]              # acc's items are k
    return np.sum(acc[0] * x) + np.sum(acc[1]) + c


def list_copy_item_copied(x, c):
    k = x * 2.0
    L = [k.copy()]
    L2 = L.copy()
    k[1] = x[0] * c
    return np.sum(L2[0] * x) + np.sum(k)


# ------------------------------- 5. loops reading last turn ----------------------------

def shift_multiply_loop(x, c):
    k = x * 1.0
    for i in range(3):
        k[1:] = k[:-1] * x[i]      # the RHS is a new array of the last turn's k
    return np.sum(k * x) + c


def reversed_assign_loop(x, c):
    k = x * 1.0
    for i in range(2):
        k[::-1] = k + x            # RHS new; written reversed
    return np.sum(k * x) + c


def view_before_loop(x, c):
    k = x * 1.0
    v = k[1:]
    for i in range(3):
        k[0] = v[1] * x[i]         # reads k[2]
        v[0] = k[0] + x[i]         # k[1]
    return np.sum(k * x) + c


def view_read_before_write_in_loop(x, c):
    k = x * 1.0
    v = k[:2]
    s = 0.0
    for i in range(3):
        s = s + np.sum(v * x[:2])  # sees the previous turns' writes
        k[i] = x[i] * s
    return s + np.sum(k) + c


def shift_copy_loop(x, c):
    k = x * 1.0
    for i in range(2):
        k[1:] = k[:-1]             # NumPy: overlapping copy, as if through a buffer
        k[0] = x[i] * c
    return np.sum(k * x)


def copyto_shift_loop(x, c):
    k = x * 1.0
    for i in range(2):
        np.copyto(k[1:], k[:-1] * x[1:])
    return np.sum(k * x) + c


def rows_loop_2d(m, c):
    k = m * 1.0
    for i in range(3):
        k[(i + 1) % 2] = k[i % 2] * m[0]
    return np.sum(k * m) + c


def cumulative_product_loop(x, c):
    k = x * 1.0
    for i in range(1, 3):
        k[i] = k[i - 1] * x[i]
    return np.sum(k) + c


def reversed_view_product_loop(x, c):
    k = x * 1.0
    for i in range(2):
        k[:] = k[::-1] * x         # RHS new array
    return np.sum(k * x) + c


def while_break_self_read(x, c):
    k = x * 1.0
    i = 0
    while True:
        k[1] = k[1] * x[i] + k[0]
        i += 1
        if i >= 3 or k[1] > 5.0:
            break
    return np.sum(k * x) + c


def view_rebound_each_turn(x, c):
    k = x * 1.0
    for i in range(3):
        v = k[i:]
        v[0] = v[-1] * x[i]        # k[i] = k[2] * x[i]
    return np.sum(k * x) + c


def iadd_slice_loop(x, c):
    k = x * 1.0
    for i in range(2):
        k[1:] += k[:-1] * x[i]     # RHS new
    return np.sum(k * x) + c


# ------------------------ 6. forward mode: bound in one branch in a loop ------------------

def bound_turn0_read_later(x, c):
    s = 0.0
    for i in range(3):
        if i == 0:
            t = x * 2.0
        else:
            s = s + np.sum(t * x[i])
    return s + c


def alias_turn1_write_turn2(x, c):
    k = x * 1.0
    b = np.zeros(3)
    for i in range(3):
        if i == 1 and c > 0:
            b = k
        if i == 2:
            b[0] = x[1] * x[2]
    return np.sum(k * x) + np.sum(b * x)


def alternating_targets(x, c):
    k = x * 1.0
    m = x * 2.0
    for i in range(3):
        if i % 2 == 0:
            b = k
        else:
            b = m
        b[i] = x[i] * (b[(i + 1) % 3] + c)
    return np.sum(k * x) + np.sum(m * x)


def bound_on_data_read_later(x, c):
    s = 0.0
    last = x * 0.0
    for i in range(3):
        if x[i] > 0:
            last = x * x[i]
        s = s + np.sum(last)
    return s + c


def one_branch_view_read_later(x, c):
    k = x * 1.0
    s = 0.0
    for i in range(3):
        if i == 0:
            v = k[1:]
        k[0] = k[0] * x[i]
        v[0] = v[1] + k[0]
        s = s + np.sum(v)
    return s + c


def bound_in_branch_op_assign_later(x, c):
    for i in range(3):
        if i == 0:
            a = x * 1.0
        else:
            a *= x                 # a bound in turn 0, in place later
    return np.sum(a) + c


def loop_alias_taken_on_data(x, c):
    k = x * 1.0
    b = x * 2.0
    for i in range(3):
        if x[i] < 0 and c > 0:
            b = k
        b[i] = b[i] * x[i] + 1.0
    return np.sum(k * x) + np.sum(b)


def alias_with_early_return_in_loop(x, c):
    k = x * 1.0
    b = x * 3.0
    for i in range(3):
        if i == 1 and c > 0:
            b = k
        b[i] = x[i] ** 2
        if np.sum(k) > 3.0:
            return np.sum(k * x) + np.sum(b)
    return np.sum(k * x) + np.sum(b) * 2.0


# ------------------- 8. names that look new but are views (NumPy returns k) -------------

def conj_is_self_write(x, c):
    k = x * 1.0
    b = k.conj()                   # NumPy: for a real array, k.conj() is k itself
    b[0] = x[1] * x[2]             # so k[0] changes
    return np.sum(k * x) + np.sum(b) + c


def conj_is_self_op_assign(x, c):
    k = x * 2.0
    b = k.conj()                   # k itself
    b += x * x                     # k changes
    return np.sum(k * x) + c


def real_is_view_write(x, c):
    k = x * 1.0
    b = k.real                     # a view of k (real dtype)
    b[1] = x[0] ** 2
    return np.sum(k * x) + c


def np_real_is_view_base_write(x, c):
    k = np.cos(x)
    b = np.real(k)                 # a view of k
    k[2] = x[0] * x[1]
    return np.sum(b * x) + c


def ascontiguous_is_self(x, c):
    k = x * 1.0
    b = np.ascontiguousarray(k)    # k itself (already contiguous)
    b[0] = x[2] * 3.0
    return np.sum(k * x) + np.sum(b) + c


def asarray_view_of_call(x, c):
    k = x * 1.0
    v = np.asarray(k)[::-1]        # a view of k, not of a new array
    v[0] = x[0] * x[1]             # k[2]
    return np.sum(k * x) + c


def ascontiguous_slice_write(x, c):
    k = x * 2.0
    v = np.ascontiguousarray(k)[1:]   # a view of k
    v[0] = x[2] ** 2                  # k[1]
    return np.sum(k * x) + c


def atleast_2d_write(x, c):
    k = x * 1.0
    v = np.atleast_2d(k)           # (1, 3) view of k
    v[0, 1] = x[0] * x[2]          # k[1]
    return np.sum(k * x) + c


def split_views_base_write(x, c):
    k = x * 1.0
    a, b, d = np.split(k, 3)       # three 1-element views of k
    k[1] = x[0] * x[2]             # b[0]
    return np.sum(b * x[1]) + np.sum(a) + np.sum(d) + c


def split_view_write(x, c):
    k = x * 1.0
    parts = np.split(k, [1])       # views k[:1], k[1:]
    parts[1][0] = x[2] * x[0]      # k[1]
    return np.sum(k * x) + c


def broadcast_to_reads_write(m, c):
    k = m[0] * 1.0
    b = np.broadcast_to(k, (2, 3))  # a read-only view of k
    k[1] = m[1, 1] * m[0, 2]
    return np.sum(b * m) + c


def diagonal_reads_write(m, c):
    k = m * 1.0
    d = k.diagonal()               # a read-only view of k
    k[1, 1] = m[0, 2] * m[0, 0]
    return np.sum(d * m[0, :2]) + np.sum(k) + c


def expand_dims_write(x, c):
    k = x * 1.0
    v = np.expand_dims(k, 0)
    v[0, 2] = x[0] * 4.0           # k[2]
    return np.sum(k * x) + c


def squeeze_op_assign(x, c):
    k = (x * 1.0)[None, :]
    v = np.squeeze(k)              # a view of k
    v *= x                         # k changes
    return np.sum(k * x) + c


def moveaxis_write(m, c):
    k = m * 1.0
    v = np.moveaxis(k, 0, 1)       # (3, 2) view
    v[2, 0] = m[1, 0] * m[0, 1]    # k[0, 2]
    return np.sum(k * m) + c


def swapaxes_op_assign(m, c):
    k = m * 1.0
    v = k.swapaxes(0, 1)
    v += m.T * m.T                 # k changes
    return np.sum(k * m) + c


def transpose_1d_is_view(x, c):
    k = x * 1.0
    b = k.T                        # 1-D: a view of k
    b[0] = x[1] * x[1]
    return np.sum(k * x) + c


def nan_to_num_no_copy(x, c):
    k = x * 1.0
    b = np.nan_to_num(k, copy=False)   # returns k itself
    b[1] = x[0] * x[2]
    return np.sum(k * x) + np.sum(b) + c


def out_result_is_target(x, c):
    k = x * 1.0
    b = np.multiply(k, x, out=k)   # b is k
    b[0] = x[2] * 2.0
    return np.sum(k * x) + c


def out_result_view_written(x, c):
    k = x * 1.0
    v = np.add(k, x, out=k)[1:]    # a view of k
    v[0] = x[0] * x[0]             # k[1]
    return np.sum(k * x) + c


def _ident(a):
    return a


def helper_result_view_written(x, c):
    k = x * 1.0
    v = _ident(k)[1:]              # a view of k
    v[1] = x[0] * 3.0              # k[2]
    return np.sum(k * x) + c


def ternary_view_written(x, c):
    k = x * 1.0
    v = (k if c > 0 else x * 2.0)[1:]   # a view of k when c > 0
    v[0] = x[2] * x[0]
    return np.sum(k * x) + np.sum(v) + c


def iter_rows_write(m, c):
    k = m * 1.0
    for row in k:                  # each row is a view of k
        row[0] = row[1] * row[2]
    return np.sum(k * m) + c


def iter_rows_op_assign(m, c):
    k = m * 1.0
    for row in k:
        row *= m[0]                # in place into k
    return np.sum(k * m) + c


def iter_list_of_arrays_op_assign(x, c):
    k = x * 1.0
    z = x * 2.0
    for a in [k, z]:
        a += x * x                 # k and z change
    return np.sum(k * x) + np.sum(z) + c


def iter_list_write(x, c):
    k = x * 1.0
    z = x + 1.0
    for a in (k, z):
        a[0] = a[1] * x[2]
    return np.sum(k * x) + np.sum(z * x) + c


def noncontig_reshape_copies(m, c):
    k = m * 1.0
    b = k.T.reshape(6)             # a copy: k.T is not contiguous
    b[0] = m[1, 1] * 5.0           # k unchanged
    k[0, 1] = b[1] * m[0, 0]
    return np.sum(k * m) + np.sum(b) + c


def contig_reshape_op_assign(m, c):
    k = m * 1.0
    b = k.reshape(6)               # a view
    b += m.reshape(6) ** 2         # k changes
    return np.sum(k * m) + c


# --------------------------- 9. NumPy gotchas with views --------------------------------

def row_swap_gotcha(m, c):
    k = m * 1.0
    k[0], k[1] = k[1], k[0]        # NumPy: both rows become the old row 1
    return np.sum(k * m) + c


def scalar_swap_1d(x, c):
    k = x * 1.0
    k[0], k[1] = k[1], k[0]        # 1-D: k[1] is a scalar copy; a real swap
    return np.sum(k * x) + c


def zero_d_view_of_row(m, c):
    k = m * 1.0
    r = k[0]                       # a view
    s = k[0, 1]                    # a NumPy scalar (a copy)
    k[0, 1] = m[1, 2] * 3.0
    return np.sum(r * m[1]) + s * m[1, 1] + c


def reversed_self_assign(x, c):
    k = x * np.array([1.0, 2.0, 3.0])
    k[:] = k[::-1]                 # NumPy: overlap handled, a real reversal
    return np.sum(k * x) + c


def reversed_self_iadd(x, c):
    k = x * np.array([1.0, 2.0, 3.0])
    k += k[::-1]                   # NumPy: reads a copy of the old k reversed
    return np.sum(k * x) + c


def copyto_reversed_self(x, c):
    k = x * np.array([1.0, 2.0, 3.0])
    np.copyto(k, k[::-1])
    return np.sum(k * x) + c


def partial_reverse_overlap(x, c):
    k = x * np.array([1.0, 2.0, 3.0])
    k[1:] = k[:2][::-1]            # k[1] = old k[1], k[2] = old k[0]
    return np.sum(k * x) + c


# ------------------------- 10. the caller's array (mutation) -----------------------------

def branch_copy_else_arg(x, c):
    y = x.copy() if c > 0 else x * 1.0
    y[0] = x[1] ** 2
    return np.sum(y * x)


def arg_rebound_one_branch(x, c):
    if c > 0:
        x = x * 1.0
    y = x * 2.0
    y[1] = x[0]
    return np.sum(y * x)


def arg_view_read_after_local_write(x, c):
    v = x[1:]                      # a view of the argument, only read
    k = x * 1.0
    k[1] = v[1] * x[0]
    return np.sum(k * v[0]) + c
