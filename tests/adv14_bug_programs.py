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
    # the advice applied (was `(L.copy()).copy()`: refused again, and still shallow)
    k = x * 2.0
    L = [k]
    L2 = [v.copy() for v in L]
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
    # the advice applied (was `(list(L)).copy()`: refused, and still shallow)
    k = x * 2.0
    L = [k]
    L2 = [v.copy() for v in L]
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
    # the advice applied: write into k by its own name (was `L = [k].copy()`)
    k = x * 1.0
    L = [k]
    k[1] = x[2] * 3.0
    return np.sum(k * x) + c


def item_op_assign(x, c):
    # refused like write_through_item, for acc[0] += ...
    k = x * 1.0
    acc = [k]
    acc[0] += x * x                # in place: k changes
    return np.sum(k * x) + c


def item_op_assign_advised(x, c):
    k = x * 1.0
    acc = [k]
    k += x * x
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


# ---- WRONG: np.einsum's result is a view of its operand for a pure relabeling ----

def einsum_identity_write(x, c):
    # NumPy: np.einsum('i->i', k) is a view of k (shares memory), so v[0] = e
    # writes k[0]. pullback follows v as a new array: grad at x = [0.3, -0.7, 1.1]
    # is [-1.1, -1.4, 2.2]; NumPy/fd: [-1.4, -0.8, 2.2]
    k = x * 1.0
    v = np.einsum('i->i', k)
    v[0] = x[1] * 2.0
    return np.sum(k * x) + c


def einsum_transpose_read(m, c):
    # NumPy: np.einsum('ij->ji', k) is k.T; the write into k is seen through v
    k = m * 1.0
    v = np.einsum('ij->ji', k)
    k[1, 0] = m[0, 0] * m[0, 1]
    return np.sum(v * m.T) + c


def einsum_diagonal_write(m, c):
    # NumPy: np.einsum('ii->i', k) is a writeable view of k's diagonal
    k = m[:, :2] * 1.0
    d = np.einsum('ii->i', k)
    d[0] = m[1, 2] ** 2            # k[0, 0]
    return np.sum(k * m[:, :2]) + c


# ---- ADVICE: the alias advice `.copy()` on an expression with no derivative rule ----

def unstack_view_read(m, c):
    # refused: "Take a copy where `v` gets it: v = (np.unstack(k)[1]).copy()"; applied,
    # it is refused again: "np.unstack has no derivative rule in pullback"
    k = m * 1.0
    v = np.unstack(k)[1]
    k[1, 1] = m[0, 0] * m[1, 2]
    return np.sum(v * v) + c


def unstack_view_read_advised(m, c):
    k = m * 1.0
    v = (np.unstack(k)[1]).copy()
    k[1, 1] = m[0, 0] * m[1, 2]
    return np.sum(v * v) + c


def view_method_write(x, c):
    # refused: "the method `.view()` ... has no derivative rule; use the NumPy
    # function instead" -- NumPy has no function for it (k[...] or k[:] is the view)
    k = x * 1.0
    v = k.view()
    v[0] = x[2] * x[0]
    return np.sum(k * x) + c


# ---- (not a finding) hessian refuses 15 of the 40 SECOND programs that grad and jvp
# differentiate (located, "take a copy" / "write a = a op ..."); the advice works: ----

def row_adv(m, c):
    k = m * 2.0
    b = m + 1.0
    if c > 0:
        b = (k[1]).copy()
    k[1, 0] = m[0, 1] * m[1, 2]
    return np.sum(b * m[0]) + np.sum(k)
def opa_adv(x, c):
    a = x * 2.0
    e = x + 1.0
    if c > 0:
        e = a
    a = a + x * x
    return np.sum(e * x) + np.sum(a)
def contig_adv(m, c):
    k = m * 1.0
    b = k.reshape(6)
    b = b + m.reshape(6) ** 2
    return np.sum(k * m) + np.sum(b) + c


# ---- the advice of the fixed ADVICE findings, applied ----

def split_write_by_name(x, c):
    # split_write's advice: write into k by its own name (parts[1][0] is k[1])
    k = x * 1.0
    k[1] = x[2] * x[0]
    return np.sum(k * x) + c


def out_call_as_statement(x, c):
    # out_call_copied's advice: the out= call on a line by itself, then use k
    k = x * 1.0
    np.add(k, x, out=k)
    v = k.copy()
    return np.sum(k * x) + np.sum(v) + c


def view_method_by_name(x, c):
    # view_method_write's advice: write into k itself
    k = x * 1.0
    k[0] = x[2] * x[0]
    return np.sum(k * x) + c
