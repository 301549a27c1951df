"""adv14 programs rewritten as pullback's refusal advice says (each names the
program of adv14_programs.py it comes from). Comments say what NumPy does."""

import numpy as np


def reshape_alias_advised(x, c):
    k = x * x
    b = np.zeros(3)
    if c > 0:
        b = (k.reshape(3, 1)[:, 0]).copy()
    k[1] = x[2] * 3.0
    return np.sum(b * x) + np.sum(k)


def ravel_alias_2d_advised(m, c):
    k = m * 1.0
    b = np.ones(6)
    if c > 0:
        b = k.ravel().copy()
    b[4] = m[0, 0] * m[1, 2]
    return np.sum(k * m) + np.sum(b)


def asarray_alias_write_advised(x, c):
    k = x * 1.0
    b = x ** 2
    if c > 0:
        b = np.asarray(k).copy()
    b[0] = b[1] * x[2]
    return np.sum(k) + np.sum(b * x)


def op_assign_after_append_advised(x, c):
    a = x * 1.0
    L = []
    if c > 0:
        L.append((a).copy())
    else:
        L.append(a * 1.0)
    a *= x
    return np.sum(L[0] * x) + np.sum(a)


def _maybe_same(a, c):
    if c > 0:
        return a
    return a * 2.0


def op_assign_helper_result_advised(x, c):
    a = x * 1.0
    h = _maybe_same(a, c).copy()
    h -= x * x
    return np.sum(a * x) + np.sum(h)


def op_assign_helper_result_advised2(x, c):
    a = x * 1.0
    h = _maybe_same(a, c)
    h = h - x * x
    return np.sum(a * x) + np.sum(h)


def op_assign_float_or_array_advised(x, c):
    k = x * 1.0
    if c > 0:
        a = 2.0
    else:
        a = k.copy()
    a *= x
    return np.sum(k * x) + np.sum(a)


def op_assign_ternary_alias_advised(x, c):
    k = x * 1.0
    a = (k if c > 0 else x * 2.0).copy()
    a += x
    return np.sum(k * x) + np.sum(a)


def append_alias_then_write_advised(x, c):
    k = x * 1.0
    acc = []
    acc.append((k).copy())
    k[0] = x[1] * x[2]
    return np.sum(acc[0] * x) + c


def list_copy_shallow_write_advised(x, c):
    # the advice, L2 = (L.copy()).copy(), is still a shallow copy: L2[0] is k
    k = x * 2.0
    L = [k]
    L2 = (L.copy()).copy()
    k[1] = x[0] * c
    return np.sum(L2[0] * x)


def list_call_shallow_advised(x, c):
    # the advice, L2 = (list(L)).copy(), is still a shallow copy: L2[0] is k
    k = x * 2.0
    L = [k, x * 1.0]
    L2 = (list(L)).copy()
    k[2] = x[1] ** 2
    return np.sum(L2[0] * x) + np.sum(L2[1]) + c


def list_slice_shallow_advised(x, c):
    k = np.sin(x)
    L = [k.copy()]
    L2 = L[:]
    k *= x
    return np.sum(L2[0]) + c


def dict_holds_then_write_advised(x, c):
    k = x * 1.0
    d = {'k': k.copy()}
    k[1] = x[0] * x[2]
    return np.sum(d['k'] * x) + c


def append_in_loop_then_write_advised(x, c):
    k = x * 1.0
    acc = []
    for i in range(3):
        acc.append((k).copy())
        k[i] = x[i] * 2.0
    return np.sum(np.stack(acc) * x) + c


def write_through_list_item_advised(x, c):
    # the advice, L = <expression>.copy() i.e. L = [k, k].copy(), still holds k
    k = x * 1.0
    L = [k, k].copy()
    L[0][1] = x[2] * 3.0
    return np.sum(k * x) + np.sum(L[1]) + c


def tuple_holds_then_imul_advised(x, c):
    k = x + 1.0
    t = (k.copy(), x)
    k *= x
    return np.sum(t[0] * t[1]) + c


def list_of_rows_base_write_advised(m, c):
    k = m * 1.0
    L = [k[0].copy(), k[1].copy()]
    k[0, 0] = m[1, 1] * c
    return np.sum(np.stack(L) * m)


def list_item_op_assign_advised(x, c):
    # the advice, acc = <expression>.copy() i.e. acc = [k].copy(), still holds k
    k = x * 1.0
    acc = [k].copy()
    acc[0] += x * x
    return np.sum(k * x) + c


def appended_then_op_assign_each_turn_advised(x, c):
    k = x * 1.0
    acc = []
    for i in range(2):
        acc.append((k).copy())
        k += x * x[i]
    return np.sum(acc[0] * x) + np.sum(acc[1]) + c


def list_copy_item_copied_advised(x, c):
    # "unpack it and work with its elements"
    k = x * 2.0
    L = [k.copy()]
    (l0,) = L
    k[1] = x[0] * c
    return np.sum(l0 * x) + np.sum(k)


def conj_is_self_write_advised(x, c):
    k = x * 1.0
    b = k.conj().copy()
    b[0] = x[1] * x[2]
    return np.sum(k * x) + np.sum(b) + c


def conj_is_self_op_assign_advised(x, c):
    k = x * 2.0
    b = k.conj().copy()
    b += x * x
    return np.sum(k * x) + c


def conj_is_self_op_assign_advised2(x, c):
    k = x * 2.0
    b = k.conj()
    b = b + x * x
    return np.sum(k * x) + c


def real_is_view_write_advised(x, c):
    k = x * 1.0
    b = k.real.copy()
    b[1] = x[0] ** 2
    return np.sum(k * x) + c


def np_real_is_view_base_write_advised(x, c):
    k = np.cos(x)
    b = (np.real(k)).copy()
    k[2] = x[0] * x[1]
    return np.sum(b * x) + c


def ascontiguous_is_self_advised(x, c):
    k = x * 1.0
    b = np.ascontiguousarray(k).copy()
    b[0] = x[2] * 3.0
    return np.sum(k * x) + np.sum(b) + c


def ascontiguous_slice_write_advised(x, c):
    k = x * 2.0
    v = np.ascontiguousarray(k)[1:].copy()
    v[0] = x[2] ** 2
    return np.sum(k * x) + np.sum(v) + c


def split_view_write_advised(x, c):
    # the advice, parts = <expression>.copy(): np.split(...) is a list, .copy() is shallow
    k = x * 1.0
    parts = np.split(k, [1]).copy()
    parts[1][0] = x[2] * x[0]      # still k[1]
    return np.sum(k * x) + c


def broadcast_to_reads_write_advised(m, c):
    k = m[0] * 1.0
    b = (np.broadcast_to(k, (2, 3))).copy()
    k[1] = m[1, 1] * m[0, 2]
    return np.sum(b * m) + np.sum(k) + c


def diagonal_reads_write_advised(m, c):
    k = m * 1.0
    d = (k.diagonal()).copy()
    k[1, 1] = m[0, 2] * m[0, 0]
    return np.sum(d * m[0, :2]) + np.sum(k) + c


def nan_to_num_no_copy_advised(x, c):
    k = x * 1.0
    b = np.nan_to_num(k, copy=False).copy()
    b[1] = x[0] * x[2]
    return np.sum(k * x) + np.sum(b) + c


def out_result_view_written_advised(x, c):
    k = x * 1.0
    v = np.add(k, x, out=k)[1:].copy()
    v[0] = x[0] * x[0]
    return np.sum(k * x) + np.sum(v) + c


def _ident(a):
    return a


def helper_result_view_written_advised(x, c):
    k = x * 1.0
    v = _ident(k)[1:].copy()
    v[1] = x[0] * 3.0
    return np.sum(k * x) + np.sum(v) + c


def ternary_view_written_advised(x, c):
    k = x * 1.0
    v = (k if c > 0 else x * 2.0)[1:].copy()
    v[0] = x[2] * x[0]
    return np.sum(k * x) + np.sum(v) + c


def noncontig_reshape_copies_advised(m, c):
    k = m * 1.0
    b = k.T.reshape(6).copy()
    b[0] = m[1, 1] * 5.0
    k[0, 1] = b[1] * m[0, 0]
    return np.sum(k * m) + np.sum(b) + c


def row_swap_gotcha_advised(m, c):
    k = m * 1.0
    k[[0, 1]] = k[[1, 0]]          # a real swap
    return np.sum(k * m) + c


def branch_copy_else_arg_advised(x, c):
    y = (x.copy() if c > 0 else x * 1.0).copy()
    y[0] = x[1] ** 2
    return np.sum(y * x)


def opa_append_in_loop_advised(x, c):
    a = x * 1.0
    acc = []
    for i in range(2):
        a *= x
        acc.append((a).copy())
    return np.sum(acc[0] * x) + c


def opa_tuple_after_bind_advised(x, c):
    a = x + 1.0
    t = (a.copy(), x)
    a -= x * x
    return np.sum(t[0] * x) + c


def opa_walrus_alias_advised(x, c):
    # "assign on its own line": d is still a
    a = x * 3.0
    d = a
    s = np.sum(d * x)
    a /= x * x + 1.0
    return s + np.sum(d * x) + c


def opa_ternary_after_advised(x, c):
    a = x * 2.0
    d = (a if c > 0 else x * 1.0).copy()
    a += x * x
    return np.sum(d * x) + c
