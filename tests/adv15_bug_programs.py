"""Minimal programs for the findings of the adv15 tests (each a strict xfail in
test_adv15.py). Comments say what NumPy does and what pullback does."""

import numpy as np


# ---- WRONG: a conditional alias of a VIEW, the view's name rebound, then a write ----
# pullback gives `b` a copy at `k = np.tanh(k)` (no other name holds k's array there),
# but k's array is memory of `base`: NumPy's write through b changes base.

def view_source_rebound(x, c):
    base = x * 2.0
    k = base[:]                    # k is a view of base
    b = np.ones(3)
    if c > 0:
        b = k                      # b is base's memory too
    k = np.tanh(k)
    b[0] = x[1] * x[2]             # NumPy: base[0] changes when c > 0
    # grad at x = [0.3, -0.7, 1.1], c = 1: pullback [1.2, -2.8, 4.4]; NumPy/torch/fd [-0.77, -2.47, 4.19]
    return np.sum(base * x)


def row_source_rebound(m, c):
    base = m * 2.0
    k = base[1]                    # a row of base
    b = np.ones(3)
    if c > 0:
        b = k
    k = np.tanh(k)
    b[0] = m[0, 1] * m[1, 2]       # base[1, 0] when c > 0
    return np.sum(base * m)


def list_item_source_rebound(x, c):
    L = [x * 2.0, x + 1.0]
    k = L[0]                       # the list's array
    b = np.ones(3)
    if c > 0:
        b = k
    k = np.tanh(k)
    b[0] = x[1] * x[2]             # L[0][0] when c > 0
    return np.sum(L[0] * x)


def out_result_source_rebound(x, c):
    a = x * 2.0
    k = np.add(a, 1.0, out=a)      # k is a
    b = np.ones(3)
    if c > 0:
        b = k
    k = np.tanh(k)
    b[0] = x[1] * x[2]             # a[0] when c > 0
    return np.sum(a * x)


def _ident(a):
    return a


def helper_result_source_rebound(x, c):
    a = x * 2.0
    k = _ident(a)                  # k is a
    b = np.ones(3)
    if c > 0:
        b = k
    k = np.tanh(k)
    b[0] = x[1] * x[2]             # a[0] when c > 0
    return np.sum(a * x)


def atleast_source_rebound(x, c):
    a = x * 2.0
    k = np.atleast_1d(a)           # k is a (NumPy returns its 1-d argument itself)
    b = np.ones(3)
    if c > 0:
        b = k
    k = np.tanh(k)
    b[0] = x[1] * x[2]
    return np.sum(a * x)


# ---- ADVICE: an array unpacked from a tuple, then written ----

def tuple_unpacked_write(x, c):
    # refused: "a write into an item of `k` (a list, tuple or dict) ... write into that
    # array by its own name instead" -- k is an array, and it is written by its own name.
    # (Binding the array to a name before the tuple, `a = x * 2.0; p = (a, x)`, and
    # writing a[0] is refused too, with advice to copy: no advice keeps the meaning.)
    p = (x * 2.0, x)
    k, _ = p                       # k is p[0]
    k[0] = x[1] * x[2]             # p[0][0] changes
    return np.sum(p[0] * x) + c


# ---- ADVICE: lists copied shallowly: the advised copy is shallow again, or fails ----

def star_list_holds_k(x, c):
    # refused advising `L2 = [*L.copy()]` (still holds k; refused again advising
    # `[*L.copy().copy()]`); the copy that works: [v.copy() for v in L]
    k = x * 2.0
    L = [k]
    L2 = [*L]
    k[1] = x[0] * x[2]
    return np.sum(L2[0] * x) + c


def star_list_advice_applied(x, c):
    k = x * 2.0
    L = [k]
    L2 = [*L.copy()]
    k[1] = x[0] * x[2]
    return np.sum(L2[0] * x) + c


def plus_list_holds_k(x, c):
    # refused advising `L2 = (L + []).copy()`: shallow, and refused again ("the tuple `L`")
    k = x * 2.0
    L = [k]
    L2 = L + []
    k[0] = x[1] ** 2
    return np.sum(L2[0] * x) + c


def tuple_call_holds_k(x, c):
    # refused advising `T = (tuple(L)).copy()`: a tuple has no .copy (AttributeError)
    k = x * 2.0
    L = [k]
    T = tuple(L)
    k[2] = x[0] * 3.0
    return np.sum(T[0] * x) + c


def tuple_call_advice_applied(x, c):
    k = x * 2.0
    L = [k]
    T = (tuple(L)).copy()
    k[2] = x[0] * 3.0
    return np.sum(T[0] * x) + c


def list_copy_works(x, c):
    # what works for all three
    k = x * 2.0
    L = [k]
    L2 = [v.copy() for v in L]
    k[1] = x[0] * x[2]
    return np.sum(L2[0] * x) + c


# ---- ADVICE: a write into the SECOND item of a list names the first item's array ----

def second_item_write(x, c):
    # refused: "write into that array by its own name instead (e.g. `k[...] = ...`)";
    # L[1] is m, not k: following the example changes k, another program
    k = x * 2.0
    m = x + 1.0
    L = [k, m]
    L[1][0] = x[2] ** 2            # m[0]
    return np.sum(m * x) + np.sum(k) + c


# ---- ADVICE: a ufunc with a positional out: generic "side effect" advice ----

def positional_out(x, c):
    # refused: "an expression statement that uses a differentiated value for its side
    # effect ... build lists with L = [] ..., write into a preallocated array (k[i] = ...),
    # call other functions outside" -- nothing about out; np.add(a, x * x, out=a) works
    a = x * 2.0
    np.add(a, x * x, a)            # a = a + x * x in place
    return np.sum(a * x) + c


def positional_out_as_keyword(x, c):
    a = x * 2.0
    np.add(a, x * x, out=a)
    return np.sum(a * x) + c


# ---- ADVICE: the advised copy of a global is not a fresh array to pullback ----

W = np.array([0.5, -1.0, 2.0])


def global_copy_write(x, c):
    # `w = W; w[0] = e` is refused advising "copy it into a local first: W_local = W.copy()";
    # applied, this is refused again: "indexed assignment into `w`, which may share memory
    # with another array; create it fresh, e.g. w = <expression>.copy()" -- it is one.
    # (`w = W.copy(); w += e`: PullbackError "take a copy first (w = ....copy())")
    w = W.copy()
    w[0] = x[1] * 2.0
    return np.sum(w * x) + c


def global_np_copy_write(x, c):
    # works
    w = np.copy(W)
    w[0] = x[1] * 2.0
    return np.sum(w * x) + c
