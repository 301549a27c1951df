"""Minimal programs for the findings of the adv14 tests (each a strict xfail in
test_adv14.py). Comments say what NumPy does and what pullback does."""

import numpy as np


# ---- ADVICE: a list's shallow copy is advised as the fix of a list holding k ----

def list_copy_holds_k(x, c):
    # refused: "Take a copy where `L2` gets it: L2 = (L.copy()).copy()"
    k = x * 2.0
    L = [k]
    L2 = L.copy()                  # L2[0] is k
    k[1] = x[0] * c
    return np.sum(L2[0] * x)


def list_copy_holds_k_advised(x, c):
    # the advice applied: refused again ("`L.copy(...)` ... is not followed"), and
    # it is still a shallow copy (L2[0] is k)
    k = x * 2.0
    L = [k]
    L2 = (L.copy()).copy()
    k[1] = x[0] * c
    return np.sum(L2[0] * x)


def list_call_holds_k(x, c):
    # refused: "L2 = (list(L)).copy()"
    k = x * 2.0
    L = [k]
    L2 = list(L)                   # L2[0] is k
    k[2] = x[1] ** 2
    return np.sum(L2[0] * x) + c


def list_call_holds_k_advised(x, c):
    # the advice applied: refused ("`list` is a class ..."), and still shallow
    k = x * 2.0
    L = [k]
    L2 = (list(L)).copy()
    k[2] = x[1] ** 2
    return np.sum(L2[0] * x) + c


# ---- ADVICE: a write through a list's item: "L = <expression>.copy()" loops ----

def write_through_item(x, c):
    # refused: "indexed assignment into `L`, which may share memory with another
    # array; create it fresh, e.g. L = <expression>.copy()" at `L = [k]`
    k = x * 1.0
    L = [k]
    L[0][1] = x[2] * 3.0           # k[1]
    return np.sum(k * x) + c


def write_through_item_advised(x, c):
    # the advice applied: the same refusal at the same line; [k].copy() still holds k
    k = x * 1.0
    L = [k].copy()
    L[0][1] = x[2] * 3.0
    return np.sum(k * x) + c


def item_op_assign(x, c):
    # refused like write_through_item, for acc[0] += ...
    k = x * 1.0
    acc = [k]
    acc[0] += x * x                # in place: k changes
    return np.sum(k * x) + c


def item_op_assign_advised(x, c):
    k = x * 1.0
    acc = [k].copy()
    acc[0] += x * x
    return np.sum(k * x) + c


# ---- ADVICE: np.split's list of views: the advised copy names `_t1` ----

def split_write(x, c):
    # refused: "parts = <expression>.copy()"
    k = x * 1.0
    parts = np.split(k, [1])       # views k[:1], k[1:]
    parts[1][0] = x[2] * x[0]      # k[1]
    return np.sum(k * x) + c


def split_write_advised(x, c):
    # refused with "`_t1.copy(...)` ... unpack it (a, b = _t1) ... (_t1 = [])"
    k = x * 1.0
    parts = np.split(k, [1]).copy()
    parts[1][0] = x[2] * x[0]
    return np.sum(k * x) + c


# ---- ADVICE: an out= call used as a value, then copied: advice np.add(k.copy()) ----

def out_call_view_written(x, c):
    # refused: "indexed assignment into `v` ... v = <expression>.copy()"
    k = x * 1.0
    v = np.add(k, x, out=k)[1:]    # a view of k
    v[0] = x[0] * x[0]             # k[1]
    return np.sum(k * x) + c


def out_call_copied(x, c):
    # the advice applied: refused with "Call it on a copy (np.add(k.copy()))",
    # not a call np.add accepts (nor the fix: the statement form works)
    k = x * 1.0
    v = np.add(k, x, out=k).copy()
    return np.sum(k * x) + np.sum(v) + c


# ---- ADVICE (hessian): b is k or m: refused at a line of generated code ----

def hessian_two_targets(x, c):
    # grad and jvp are right; hessian: "indexed assignment into `b`, which is not a
    # variable of this function (a global or closure array); copy it into a local
    # first: b_local = b.copy() (<pullback hessian_two_targets jvp #1>, line 43)"
    k = x * 1.0
    m = x * 2.0
    if c > 0:
        b = k
    else:
        b = m
    b[0] = x[1] * x[2]
    return np.sum(k * x) + np.sum(m * x)


# ---- ADVICE (hessian): a scaled array, then an overlapping self-write ----

def hessian_scaled_self_write(x, c):
    # grad and jvp right; hessian: "`k_dot` shares memory with `k` ... k_dot =
    # (broadcast_like(x_dot * _t1, k)).copy() (<pullback ... jvp #6>, line 9)";
    # the adv13 hessian_of_scaled_write bug with another trigger
    k = x * np.array([1.0, 2.0, 3.0])
    k[1:] = k[:2][::-1]
    return np.sum(k * x)
