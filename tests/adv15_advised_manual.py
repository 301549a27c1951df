"""Hand-applied advice for the refusals of adv15_programs whose advice is not a
mechanical rewrite (adv15_advise_gen.py applies the others into adv15_advised.py).
Each twin says which advice it applies."""

import numpy as np


def h_loopvar_advised(m, c):
    # "create it fresh, e.g. k = <expression>.copy()" at `for k in base:`
    base = m * 2.0
    b = np.ones(3)
    for k0 in base:
        k = k0.copy()
        if c > 0:
            b = k
        k = np.tanh(k)
    b[0] = m[0, 1] * m[1, 2]
    return np.sum(b * m[0]) + np.sum(k) + np.sum(base * m)


# positional out: no advice about it (finding); the keyword form, which README documents
def sin_posout_alias_advised(x, c):
    a = x * 1.0
    b = a
    np.sin(a, out=a)
    return np.sum(b * x)


def add_posout_advised(x, c):
    a = x * 2.0
    np.add(a, x * x, out=a)
    return np.sum(a * x)


def add_posout_view_advised(x, c):
    a = x * 2.0
    v = a[1:]
    np.multiply(a, x, out=a)
    return np.sum(v * x[1:]) + np.sum(a)


def posout_other_target_advised(x, c):
    a = x * 2.0
    t = np.zeros(3)
    np.exp(a, out=t)
    return np.sum(t * x) + np.sum(a)


def out_into_view_posout_advised(x, c):
    a = x * 1.0
    np.square(a[1:], out=a[1:])
    return np.sum(a * x)


def posout_overlap_shift_advised(x, c):
    a = x * 1.0
    np.multiply(a[:2], x[1:], out=a[1:])
    return np.sum(a * x)


def posout_cond_advised(x, c):
    a = x * 1.0
    b = x + 1.0
    if c > 0:
        b = a
    np.tanh(a, out=a)
    return np.sum(b * x)


def posout_loop_advised(x, c):
    a = x * 1.0
    for i in range(2):
        np.multiply(a, x, out=a)
    return np.sum(a)


def posout_two_outputs_advised(x, c):
    a = x * 1.0
    q = np.zeros(3)
    r = np.zeros(3)
    np.divmod(a, 0.4, out=(q, r))
    return np.sum(r * x)


def posout_where_none_advised(x, c):
    a = x * 1.0
    np.sin(a, out=a, where=True)
    return np.sum(a * x)


# "Write `np.f(a, ..., out=a)` on a line by itself and then use `a`"; for a positional
# out the line by itself is refused again (finding): the keyword out= on a line by itself
def posout_as_value_advised(x, c):
    a = x * 1.0
    np.sin(a, out=a)
    y = a
    y[0] = x[1] * x[2]
    return np.sum(a * x) + np.sum(y)


def out_kw_value_then_op_advised(x, c):
    a = x * 2.0
    np.multiply(a, x, out=a)
    y = a * 2.0
    return np.sum(a * x) + np.sum(y)


def out_value_chain_advised(x, c):
    a = x * 1.0
    np.cos(a, out=a)
    s = np.sum(a)
    return s + np.sum(a * x)


def posout_in_sum_advised(x, c):
    a = x * 1.0
    np.sin(a, out=a)
    s = np.sum(a)
    return s + np.sum(a * x)


def posout_value_add_advised(x, c):
    a = x * 2.0
    np.add(a, x, out=a)
    y = a
    return np.sum(y * x) + np.sum(a)


def posout_value_copy_advised(x, c):
    a = x * 1.0
    np.sin(a, out=a)
    y = a.copy()
    y[0] = x[1] * x[2]
    return np.sum(a * x) + np.sum(y)


# lists copied shallowly: the advice given does not work (findings); the deep copy
def list_unpack_star_advised(x, c):
    k = x * 2.0
    L = [k]
    L2 = [v.copy() for v in L]
    k[1] = x[0] * x[2]
    return np.sum(L2[0] * x)


def list_plus_empty_advised(x, c):
    k = x * 2.0
    L = [k]
    L2 = [v.copy() for v in L]
    k[0] = x[1] ** 2
    return np.sum(L2[0] * x)


def list_tuple_call_advised(x, c):
    k = x * 2.0
    L = [k]
    T = [v.copy() for v in L]
    k[2] = x[0] * 3.0
    return np.sum(T[0] * x)


# "write into that array by its own name instead"
def list_copy_written_through_copy_advised(x, c):
    k = x * 2.0
    L = [k]
    k[1] = x[2] * 3.0
    return np.sum(k * x)


def list_of_two_write_second_advised(x, c):
    # the array is m (the message's example names k)
    k = x * 2.0
    m = x + 1.0
    L = [k, m]
    m[0] = x[2] ** 2
    return np.sum(m * x) + np.sum(k)


def list_item_view_write_advised(x, c):
    k = x * 2.0
    v = k[1:]
    L = [v]
    v[0] = x[0] * x[2]
    return np.sum(k * x)


def list_item_iadd_loop_advised(x, c):
    k = x * 1.0
    L = [k]
    for i in range(2):
        k += x * 0.5
    return np.sum(k * x)


def array_split_write_advised(x, c):
    k = x * 1.0
    parts = np.array_split(k, 3)
    k[0] = x[2] * 2.0
    return np.sum(k * x)


# ".view(): use the array itself (k[...] = ... for v[...] = ...)"
def view_method_write_advised(x, c):
    k = x * 1.0
    k[0] = x[1] * x[2]
    return np.sum(k * x)


def view_method_base_write_advised(x, c):
    k = x * 1.0
    k[2] = x[0] ** 2
    return np.sum(k * x)


def view_method_iadd_advised(x, c):
    k = x * 1.0
    k += x
    return np.sum(k * x)


