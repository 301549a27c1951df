"""Programs for tests/test_adv_fresh_calls.py: user helpers returning (maybe) their
arguments' memory, the caller writing in place afterwards.

Each ``p_*`` takes one float64 array ``x`` and returns a scalar. Helpers are
module-level so the torch twin (harness.Rebinder) rebinds them too.
"""

from __future__ import annotations

import numpy as np

G = np.array([1.0, 2.0, 3.0, 4.0])
BUF = np.zeros(4)
M0 = np.arange(6.0).reshape(2, 3)


# ---------------------------------------------------------------- helpers
def ident(v):
    return v


def cond_arg(v, s):
    if s > 0:
        return v
    return v * 2.0


def cond_expr(v, w):
    return v if np.sum(w) > 0.0 else w * 1.0


def tail(v):
    return v[1:]


def full_slice(v):
    return v[:]


def ellipsis(v):
    return v[...]


def transpose(v):
    return v.T


def reshape6(v):
    return v.reshape(6)


def ravel(v):
    return v.ravel()


def flat_step(v):
    return v.ravel()[::2]


def reshape_tail(v):
    return v.reshape(6)[1:]


def asarray(v):
    return np.asarray(v)


def atleast(v):
    return np.atleast_1d(v)


def realpart(v):
    return np.real(v)


def attr_real(v):
    return v.real


def tt(v):
    return v.T.T


def newaxis(v):
    return v[None, :]


def squeeze(v):
    return np.squeeze(v)


def expand(v):
    return np.expand_dims(v, 0)


def split2(v):
    return np.split(v, 2)


def glob(v):
    return G if np.sum(v) > -100.0 else v


def default_buf(v, buf=BUF):
    buf[:] = v * 1.0
    return buf


def default_plain(v, buf=BUF):
    return buf if v.shape[0] > 100 else v * 1.0


def tup_new_arg(v, w):
    return w * 2.0, v


def tup_arg_arg(v):
    return v, v


def lst_arg_new(v, w):
    return [v, w * 3.0]


def dct(v, w):
    return {"a": v, "b": w + 1.0}


def nested_tup(v, w):
    return ((v,), w * 1.0)


def calls_ident(v):
    return ident(v)


def calls_tail(v):
    return tail(v)[1:]


def rec_ident(v, n):
    if n == 0:
        return v
    return rec_ident(v * 0.5, n - 1)


def rec_view(v, n):
    if n == 0:
        return v
    return rec_view(v[1:], n - 1)


def rec_arg(v, n):
    if n == 0:
        return v
    return rec_arg(v, n - 1)


def write_return(v):
    v[0] = v[1] * 2.0
    return v


def iadd_return(v, w):
    v += w
    return v


def mul_return(v, w):
    v *= w
    return v


def write_no_return(v, w):
    v[1] = w[0] * w[2]


def rebind_new(v):
    v = v * 2.0
    return v


def first_of(lst):
    return lst[0]


def last_of(lst):
    return lst[-1]


def loop_return(lst, k):
    for e in lst:
        if k == 0:
            return e
        k = k - 1
    return lst[0] * 0.0


def append_arg(v):
    out = []
    out.append(v)
    out.append(v * 2.0)
    return out


def star_first(*vs):
    return vs[0]


def kw_get(**kw):
    return kw["a"]


def kwonly(v, *, scale=1.0):
    return v if scale == 1.0 else v * scale


def loop_maybe(v, w, n):
    out = v
    for _ in range(n):
        out = out * w
    return out


def while_maybe(v, n):
    out = v
    while n > 0:
        out = np.sin(out)
        n -= 1
    return out


def copyto_into(v, w):
    np.copyto(v, w * 2.0)
    return v


def out_into(v, w):
    np.multiply(w, 3.0, out=v)
    return v


def fill_return(v):
    v.fill(0.5)
    return v


def early_in_loop(v, w):
    for i in range(3):
        if w[i] > 10.0:
            return w * 1.0
    return v


def swap(v, w):
    return w, v


alias_ident = ident
lam_tail = lambda v: v[1:]  # noqa: E731
HELPERS = {"ident": ident}


# ---------------------------------------------------------------- callers, 1-d x (4,)
def p_cond_arg_write_result(x):
    a = x * 1.0
    b = cond_arg(a, 1.0)
    b[0] = 5.0 * x[1]
    return np.sum(a * x) + np.sum(b)


def p_cond_new_write_result(x):
    a = x * 1.0
    b = cond_arg(a, -1.0)
    b[0] = 5.0 * x[1]
    return np.sum(a * x) + np.sum(b * b)


def p_cond_arg_write_arg(x):
    a = np.sin(x)
    b = cond_arg(a, 1.0)
    a[2] = x[0] ** 2
    return np.sum(b * x)


def p_cond_expr_write(x):
    a = x * 2.0
    b = cond_expr(a, x)
    a[0] = x[3] * x[2]
    return np.sum(b ** 2)


def p_cond_expr_new(x):
    a = x * 2.0
    b = cond_expr(a, -x - 10.0)
    a[0] = x[3] * x[2]
    return np.sum(b ** 2) + np.sum(a)


def p_tail_write_arg(x):
    a = x * 1.5
    b = tail(a)
    a[1] = x[0] ** 3
    return np.sum(b * x[1:])


def p_tail_write_result(x):
    a = x * 1.5
    b = tail(a)
    b[0] = np.sum(x) ** 2
    return np.sum(a * x)


def p_full_slice(x):
    a = np.cos(x)
    b = full_slice(a)
    b[3] = x[0] * 4.0
    return np.sum(a * a)


def p_ellipsis(x):
    a = np.cos(x)
    b = ellipsis(a)
    a[0] = x[1] * x[2]
    return np.sum(b * x)


def p_asarray(x):
    a = x * 3.0
    b = asarray(a)
    b[1] = x[2] ** 2
    return np.sum(a * x)


def p_atleast(x):
    a = x * 3.0
    b = atleast(a)
    a[1] = x[2] ** 2
    return np.sum(b * x)


def p_real(x):
    a = x * 3.0
    b = realpart(a)
    b[1] = x[0] ** 2
    return np.sum(a * x)


def p_attr_real(x):
    a = x * 3.0
    b = attr_real(a)
    a[3] = x[0] ** 2
    return np.sum(b * x)


def p_tt(x):
    a = x * 3.0
    b = tt(a)
    b[2] = x[0] ** 2
    return np.sum(a * x)


def p_newaxis(x):
    a = np.exp(x)
    b = newaxis(a)
    b[0, 1] = x[0] * 7.0
    return np.sum(a * x)


def p_expand(x):
    a = np.exp(x)
    b = expand(a)
    a[1] = x[0] * 7.0
    return np.sum(b * x)


def p_split(x):
    a = np.exp(x)
    p, q = split2(a)
    q[0] = x[0] * 7.0
    return np.sum(a * x) + np.sum(p)


def p_glob(x):
    a = x * 1.5
    b = glob(a)
    b[0] = x[1]
    return np.sum(b * x)


def p_glob_read(x):
    a = x * 1.5
    b = glob(a)
    a[0] = x[1]
    return np.sum(b * x) + np.sum(a)


def p_default_buf(x):
    a = x * 2.0
    b = default_buf(a)
    b[0] = x[3] ** 2
    return np.sum(b * x)


def p_default_plain(x):
    a = x * 2.0
    b = default_plain(a)
    b[0] = x[3] ** 2
    return np.sum(b * x) + np.sum(a * a)


def p_tup_unpack_write_arg(x):
    a = np.cos(x)
    p, q = tup_new_arg(a, x)
    a[2] = x[0] * 3.0
    return np.sum(p * q)


def p_tup_unpack_write_q(x):
    a = np.cos(x)
    p, q = tup_new_arg(a, x)
    q[2] = x[0] * 3.0
    return np.sum(p * a)


def p_tup_index(x):
    a = np.cos(x)
    t = tup_new_arg(a, x)
    t[1][0] = x[1] * 3.0
    return np.sum(t[0] * a)


def p_tup_arg_arg(x):
    a = x * 0.7
    p, q = tup_arg_arg(a)
    p[0] = x[2] ** 2
    return np.sum(q * x)


def p_lst_result(x):
    a = x * 0.7
    r = lst_arg_new(a, x)
    r[0][1] = x[3] * 2.0
    return np.sum(a * r[1])


def p_lst_unpack(x):
    a = x * 0.7
    p, q = lst_arg_new(a, x)
    a += q
    return np.sum(p * x)


def p_dict_result(x):
    a = np.sin(x)
    d = dct(a, x)
    d["a"][0] = x[2] * 5.0
    return np.sum(a * d["b"])


def p_dict_write_arg(x):
    a = np.sin(x)
    d = dct(a, x)
    a *= 2.0
    return np.sum(d["a"] * x)


def p_nested_tup(x):
    a = np.sin(x)
    (p,), q = nested_tup(a, x)
    p[0] = x[1] ** 2
    return np.sum(a * q)


def p_calls_ident(x):
    a = x * 1.1
    b = calls_ident(a)
    b[2] = x[0] * x[1]
    return np.sum(a * x)


def p_calls_tail(x):
    a = x * 1.1
    b = calls_tail(a)
    a[2] = x[0] * x[1]
    return np.sum(b * x[2:])


def p_rec_ident0(x):
    a = x * 1.1
    b = rec_ident(a, 0)
    b[2] = x[0] * x[1]
    return np.sum(a * x)


def p_rec_ident2(x):
    a = x * 1.1
    b = rec_ident(a, 2)
    b[2] = x[0] * x[1]
    return np.sum(a * x) + np.sum(b * x)


def p_rec_view(x):
    a = x * 1.1
    b = rec_view(a, 2)
    a[3] = x[0] * x[1]
    return np.sum(b * x[2:])


def p_rec_arg(x):
    a = x * 1.1
    b = rec_arg(a, 3)
    b[0] = x[3] ** 2
    return np.sum(a * x)


def p_write_return(x):
    a = x * 2.0
    b = write_return(a)
    b[3] = x[0] * 4.0
    return np.sum(a * x)


def p_write_return_noalias(x):
    a = x * 2.0
    b = write_return(a)
    return np.sum(a * x) + np.sum(b)


def p_iadd_return(x):
    a = x * 2.0
    b = iadd_return(a, x)
    a[1] = x[2] ** 2
    return np.sum(b * x)


def p_mul_return(x):
    a = x + 1.0
    b = mul_return(a, x)
    b[0] = 3.0
    return np.sum(a * x)


def p_write_no_return(x):
    a = x + 1.0
    write_no_return(a, x)
    a[3] = a[1] * 2.0
    return np.sum(a * x)


def p_rebind_new(x):
    a = x + 1.0
    b = rebind_new(a)
    b[0] = x[3] ** 2
    a[1] = b[0] * 3.0
    return np.sum(a * b)


def p_first_of(x):
    a = x * 2.0
    c = x * 3.0
    b = first_of([a, c])
    b[1] = x[0] ** 2
    return np.sum(a * c)


def p_last_of(x):
    a = x * 2.0
    c = x * 3.0
    b = last_of([a, c])
    c[1] = x[0] ** 2
    return np.sum(a * b)


def p_list_var(x):
    a = x * 2.0
    lst = [a, x * 3.0]
    b = first_of(lst)
    b[1] = x[0] ** 2
    return np.sum(lst[0] * x)


def p_loop_return(x):
    a = x * 2.0
    c = x * 3.0
    b = loop_return([a, c], 1)
    c[0] = x[1] ** 2
    return np.sum(a * b)


def p_append_arg(x):
    a = np.tanh(x)
    r = append_arg(a)
    r[0][0] = x[3] * 2.0
    return np.sum(a * r[1])


def p_append_unpack(x):
    a = np.tanh(x)
    p, q = append_arg(a)
    a[2] = x[3] * 2.0
    return np.sum(p * q)


def p_star_first(x):
    a = x * 2.0
    b = star_first(a, x)
    b[0] = x[1] ** 2
    return np.sum(a * x)


def p_kw_get(x):
    a = x * 2.0
    b = kw_get(a=a, b=x)
    b[0] = x[1] ** 2
    return np.sum(a * x)


def p_kwonly_arg(x):
    a = x * 2.0
    b = kwonly(a, scale=1.0)
    b[0] = x[1] ** 2
    return np.sum(a * x)


def p_kwonly_new(x):
    a = x * 2.0
    b = kwonly(a, scale=3.0)
    b[0] = x[1] ** 2
    return np.sum(a * x) + np.sum(b * x)


def p_kw_names(x):
    a = x * 2.0
    b = cond_arg(s=1.0, v=a)
    a[0] = x[1] ** 2
    return np.sum(b * x)


def p_loop_helper(x):
    a = x * 1.0
    s = 0.0
    for i in range(3):
        b = loop_maybe(a, x, i)
        b[i] = x[i] * 2.0
        s = s + np.sum(b * x)
    return s


def p_while_helper(x):
    a = x * 1.0
    b = while_maybe(a, 1)
    b[0] = x[3] * 2.0
    a[1] = b[0]
    return np.sum(a * b)


def p_branch_helper(x):
    a = x * 1.0
    if np.sum(x) > 0.0:
        b = tail(a)
    else:
        b = a[1:] * 1.0
    b[0] = x[3] * 2.0
    return np.sum(a * x)


def p_copyto(x):
    a = x * 1.0
    b = copyto_into(a, x)
    b[0] = 1.0
    return np.sum(a * x)


def p_out_into(x):
    a = x * 1.0
    b = out_into(a, np.sin(x))
    a[1] = x[0] ** 2
    return np.sum(b * x)


def p_fill(x):
    a = x * 1.0
    b = fill_return(a)
    b[0] = x[1]
    return np.sum(a * x)


def p_early_loop(x):
    a = x * 1.0
    b = early_in_loop(a, x)
    b[1] = x[0] ** 2
    return np.sum(a * x)


def p_swap(x):
    a = x * 1.0
    c = x * 2.0
    p, q = swap(a, c)
    p[0] = x[1] ** 2
    return np.sum(a * q) + np.sum(c * x)


def p_view_write_result(x):
    a = x * 1.0
    b = ident(a)
    b[1:] = np.sin(x[:3])
    return np.sum(a * x)


def p_alias_again(x):
    a = x * 1.0
    b = ident(a)
    c = b
    c[0] = x[3] ** 2
    return np.sum(a * x)


def p_alias_name(x):
    a = x * 1.0
    b = alias_ident(a)
    b[0] = x[3] ** 2
    return np.sum(a * x)


def p_lambda(x):
    a = x * 1.0
    b = lam_tail(a)
    b[0] = x[3] ** 2
    return np.sum(a * x)


def p_dict_helper(x):
    a = x * 1.0
    b = HELPERS["ident"](a)
    b[0] = x[3] ** 2
    return np.sum(a * x)


def p_nested_def(x):
    def inner(v):
        return v[1:]
    a = x * 1.0
    b = inner(a)
    b[0] = x[3] ** 2
    return np.sum(a * x)


def p_closure(x):
    c = x * 5.0

    def inner(v):
        return c if v[0] > -100.0 else v
    a = x * 1.0
    b = inner(a)
    b[0] = x[3] ** 2
    return np.sum(c * x)


def p_ident_of_input(x):
    b = ident(x)
    y = b * 2.0
    y[0] = x[1] ** 2
    return np.sum(y * x)


def p_inplace_add_result(x):
    a = x * 1.0
    b = ident(a)
    b += x ** 2
    return np.sum(a * x)


def p_inplace_twice(x):
    a = x * 1.0
    b = ident(a)
    c = ident(b)
    c *= x
    b[0] = x[2]
    return np.sum(a * x)


def p_rebound_same(x):
    c = x * 2.0
    a = tail(c)
    s = 0.0
    for i in range(2):
        if np.sum(x) > -5.0:
            a = tail(c)
        c[i + 1] = x[i] * 3.0
        s = s + np.sum(a * x[1:])
    return s


def p_helper_then_copy(x):
    a = x * 1.0
    b = ident(a).copy()
    b[0] = x[3] ** 2
    return np.sum(a * b)


def p_write_arg_loop(x):
    a = x * 1.0
    for i in range(3):
        b = write_return(a)
        b[3] = b[3] * x[i]
    return np.sum(a * x)


def p_zero_loop_arg(x):
    a = x * 0.5
    b = loop_maybe(a, x, 0)
    a[0] = np.sum(b) * 0.3
    return np.sum(a * b)


def p_iadd_arg(x):
    a = x * 0.5
    b = loop_maybe(a, x, 0)
    a += x
    return np.sum(b * x)


def p_copyto_arg(x):
    a = x * 0.5
    b = tail(a)
    np.copyto(a, x ** 2)
    return np.sum(b * x[1:])


def p_out_arg(x):
    a = x * 0.5
    b = ident(a)
    np.sin(x, out=a)
    return np.sum(b * x)


def p_fill_arg(x):
    a = x * 0.5
    b = tail(a)
    a[:2].fill(0.25)
    return np.sum(b * x[1:])


# ---------------------------------------------------------------- callers, 2-d m (2, 3)
def q_transpose_write_result(m):
    a = m * 1.0
    b = transpose(a)
    b[0] = m[:, 1] * 2.0
    return np.sum(a * m)


def q_transpose_write_arg(m):
    a = m * 1.0
    b = transpose(a)
    a[1, 2] = m[0, 0] ** 2
    return np.sum(b * m.T)


def q_transpose_T0(m):
    a = m * 1.0
    b = ident(a)
    b.T[0] = m[:, 1] * 3.0
    return np.sum(a * m)


def q_reshape6(m):
    a = np.sin(m)
    b = reshape6(a)
    b[1:] = b[:-1] * 2.0
    return np.sum(a * m)


def q_ravel_write_arg(m):
    a = np.sin(m)
    b = ravel(a)
    a[0] = m[1] ** 2
    return np.sum(b * m.ravel())


def q_flat_step(m):
    a = np.sin(m)
    b = flat_step(a)
    b[1] = m[0, 0] * 3.0
    return np.sum(a * m)


def q_flat_step_arg(m):
    a = np.sin(m)
    b = flat_step(a)
    a[0, 2] = m[1, 1] * 3.0
    return np.sum(b * b)


def q_reshape_tail(m):
    a = np.cos(m)
    b = reshape_tail(a)
    b[0] = m[1, 2] * 2.0
    return np.sum(a * m)


def q_reshape_tail_arg(m):
    a = np.cos(m)
    b = reshape_tail(a)
    a[1] *= m[0]
    return np.sum(b * m.ravel()[1:])


def q_row_view(m):
    a = m * 2.0
    b = first_of(a)
    b[1] = m[1, 1] ** 2
    return np.sum(a * m)


def q_squeeze(m):
    a = m * 2.0
    b = squeeze(a[None])
    b[0, 1] = m[1, 1] ** 2
    return np.sum(a * m)


def q_tail_rows(m):
    a = m * 2.0
    b = tail(a)
    b[0, 0] = m[0, 1] ** 2
    return np.sum(a * m)


def q_global_matrix(m):
    a = m * 2.0
    b = default_plain(a, M0)
    b[0, 0] = m[0, 1] ** 2
    return np.sum(a * m) + np.sum(b * m)


def q_copyto_T(m):
    a = m * 1.0
    b = transpose(a)
    np.copyto(b[0], m[:, 2] * 2.0)
    return np.sum(a * m)


def q_matmul_out(m):
    a = m * 1.0
    b = tail(a)
    np.matmul(m[:1], np.eye(3), out=a[1:])
    return np.sum(b * m[1:])


PROGRAMS_1D = sorted(k for k in dir() if k.startswith("p_"))
PROGRAMS_2D = sorted(k for k in dir() if k.startswith("q_"))


# ---------------------------------------------------------------- batch 2: view temporaries as arguments
def r_ident_of_slice(x):
    a = x * 1.0
    b = ident(a[1:])
    a[1] = x[0] * x[0]
    return np.sum(b * x[1:])


def r_ident_of_slice_write_result(x):
    a = x * 1.0
    b = ident(a[1:])
    b[0] = x[0] * x[0]
    return np.sum(a * x)


def r_loop0_of_slice(x):
    a = x * 1.0
    b = loop_maybe(a[1:], x[1:], 0)
    a[1] = x[0] * x[0]
    return np.sum(b * x[1:])


def r_ident_of_reshape(x):
    a = x * 1.0
    b = ident(a.reshape(2, 2))
    a[1] = x[0] * x[0]
    return np.sum(b * x.reshape(2, 2))


def r_ident_of_asarray(x):
    a = x * 1.0
    b = ident(np.asarray(a))
    a[1] = x[0] * x[0]
    return np.sum(b * x)


def r_ident_of_ravel(x):
    a = x * 1.0
    b = ident(a.ravel())
    a[1] = x[0] * x[0]
    return np.sum(b * x)


def r_ident_of_none(x):
    a = x * 1.0
    b = ident(a[None])
    a[1] = x[0] * x[0]
    return np.sum(b * x)


def r_ident_of_view(x):
    a = x * 1.0
    b = ident(a.view())
    a[1] = x[0] * x[0]
    return np.sum(b * x)


def r_tail_of_tail(x):
    a = x * 1.0
    b = tail(a[1:])
    a[2] = x[0] * x[0]
    return np.sum(b * x[2:])


def r_first_of_list_views(x):
    a = x * 1.0
    b = first_of([a[1:], x * 2.0])
    a[1] = x[0] * x[0]
    return np.sum(b * x[1:])


def r_first_of_tuple(x):
    a = x * 1.0
    b = first_of((a, x * 2.0))
    a[1] = x[0] * x[0]
    return np.sum(b * x)


def r_dict_arg(x):
    a = x * 1.0
    b = kw_get(**{"a": a})
    a[1] = x[0] * x[0]
    return np.sum(b * x)


def r_cond_of_slice(x):
    a = x * 1.0
    b = cond_arg(a[1:], 1.0)
    a[1] = x[0] * x[0]
    return np.sum(b * x[1:])


def r_swap_second(x):
    a = x * 1.0
    c = x * 2.0
    p, q = swap(a[1:], c)
    a[1] = x[0] * x[0]
    return np.sum(q * x[1:]) + np.sum(p * c)


def r_kw_slice(x):
    a = x * 1.0
    b = cond_arg(s=1.0, v=a[1:])
    a[1] = x[0] * x[0]
    return np.sum(b * x[1:])


def r_ident_T(x):
    m = np.outer(x[:2], x[1:])
    a = m * 1.0
    b = ident(a.T)
    a[0, 1] = x[0] * x[0]
    return np.sum(b * b)


def r_ident_of_slice_iadd(x):
    a = x * 1.0
    b = ident(a[1:])
    a += x * x
    return np.sum(b * x[1:])


def r_ident_of_slice_copyto(x):
    a = x * 1.0
    b = ident(a[1:])
    np.copyto(a, x * x)
    return np.sum(b * x[1:])


def r_ident_of_slice_out(x):
    a = x * 1.0
    b = ident(a[1:])
    np.sin(x, out=a)
    return np.sum(b * x[1:])


def r_ident_of_slice_fill(x):
    a = x * 1.0
    b = ident(a[1:])
    a.fill(0.5)
    return np.sum(b * x[1:])


def r_in_loop_slice(x):
    a = x * 1.0
    s = 0.0
    for i in range(2):
        b = ident(a[i:])
        a[i + 1] = x[i] * x[i]
        s = s + np.sum(b)
    return s


def r_nested_helper_slice(x):
    a = x * 1.0
    b = calls_ident(a[1:])
    a[1] = x[0] * x[0]
    return np.sum(b * x[1:])


def r_rec_arg_slice(x):
    a = x * 1.0
    b = rec_arg(a[1:], 2)
    a[1] = x[0] * x[0]
    return np.sum(b * x[1:])


def r_ident_of_input_slice(x):
    b = ident(x[1:])
    c = b * 1.0
    c[0] = x[0]
    return np.sum(c * x[1:])


def r_global_slice(x):
    b = ident(G[1:])
    c = x * 1.0
    c[0] = x[1]
    return np.sum(c[1:] * b)


PROGRAMS_R = sorted(k for k in dir() if k.startswith("r_"))


# ---------------------------------------------------------------- batch 3: constants, overlap, loops
def copy_or_arg(v, w):
    return v.copy() if np.sum(w) > 0.0 else v


def s_const_arg_then_write(x):
    a = np.zeros(4)
    b = tail(a)
    a[1] = x[0] * x[0]
    return np.sum(b * x[1:])


def s_const_result_write(x):
    c = np.zeros(4)
    b = ident(c)
    b[0] = x[0] * x[1]
    return np.sum(c * x)


def s_const_loop0(x):
    c = np.ones(4)
    b = loop_maybe(c, x, 0)
    c[2] = x[3] * x[0]
    return np.sum(b * x)


def s_input_result_write(x):
    b = ident(x)
    b[0] = 0.5
    return np.sum(b * b)


def s_global_arg(x):
    b = ident(G)
    c = b * x
    c[0] = x[1]
    return np.sum(c)


def s_second_iter_arg(x):
    a = x * 1.0
    s = 0.0
    for i in range(2):
        b = loop_maybe(a, x, 1 - i)
        b[0] = x[1] * (i + 1.0)
        s = s + np.sum(b * x)
    return s


def s_copy_or_arg_pos(x):
    a = x * 1.0
    b = copy_or_arg(a, x + 10.0)
    b[0] = x[1] ** 2
    return np.sum(a * b)


def s_copy_or_arg_neg(x):
    a = x * 1.0
    b = copy_or_arg(a, x - 10.0)
    b[0] = x[1] ** 2
    return np.sum(a * b)


def s_same_twice(x):
    a = x * 1.0
    p, q = swap(a, a)
    a[0] = x[2] ** 2
    return np.sum(p * q)


def s_other_view_write(x):
    a = x * 1.0
    b = ident(a[1:])
    c = a[:2]
    c[1] = x[0] * x[0]
    return np.sum(b * x[1:])


def s_list_of_result(x):
    a = x * 1.0
    lst = [ident(a)]
    a[0] = x[2] ** 2
    return np.sum(lst[0] * x)


def s_result_view_write(x):
    a = x * 1.0
    b = ident(a)
    c = b[1:]
    c[0] = x[0] * x[0]
    return np.sum(a * x)


def s_interleaved(x):
    a = x * 1.0
    b = ident(a[::2])
    a[1] = x[0] * x[0]
    return np.sum(b * x[::2]) + np.sum(a)


def s_new_then_write_both(x):
    a = x * 1.0
    b = loop_maybe(a, x, 2)
    b[0] = x[1] ** 2
    a[1] = b[0] * x[2]
    return np.sum(a * b)


def s_helper_on_result(x):
    a = x * 1.0
    b = loop_maybe(a, x, 1)
    c = tail(b)
    b[1] = x[0] ** 2
    return np.sum(c * x[1:])


def s_reduce_then_write(x):
    a = x * 1.0
    s = np.sum(ident(a))
    a[0] = s * x[1]
    return np.sum(a * x)


def s_elem_then_write(x):
    a = x * 1.0
    e = ident(a)[1]
    a[1] = x[0] ** 2
    return e * x[2] + np.sum(a)


def s_slice_then_write(x):
    a = x * 1.0
    e = ident(a)[1:]
    a[1] = x[0] ** 2
    return np.sum(e * x[1:])


def s_arith_result(x):
    a = x * 1.0
    e = ident(a) * 2.0
    a[1] = x[0] ** 2
    return np.sum(e * a)


def s_scalar_helper(x):
    a = x * 1.0
    b = ident(a[1])
    a[1] = x[0] ** 2
    return b * x[2] + np.sum(a)


def s_fancy_arg(x):
    a = x * 1.0
    b = ident(a[[0, 2]])
    a[0] = x[1] ** 2
    return np.sum(b * x[[1, 3]]) + np.sum(a)


def s_mask_arg(x):
    a = x * 1.0
    b = ident(a[x > 0.0])
    a[0] = x[1] ** 2
    return np.sum(b) + np.sum(a * x)


PROGRAMS_S = sorted(k for k in dir() if k.startswith("s_"))


# ---------------------------------------------------------------- batch 4: rebinding, copies that look like views
STASH = [np.zeros(4)]


def fetch_first(lst):
    return lst[0]


def t_closure_noarg(x):
    a = x * 1.0

    def inner():
        return a[1:]
    b = inner()
    a[1] = x[0] * x[0]
    return np.sum(b * x[1:])


def t_same_text_rebased(x):
    c = x * 1.0
    a = c[1:]
    c = x * 2.0
    if np.sum(x) > -5.0:
        a = c[1:]
    c[1] = x[0] * x[0]
    return np.sum(a * x[1:])


def t_same_text_rebased_else(x):
    c = x * 1.0
    a = c[1:]
    c = x * 2.0
    if np.sum(x) > 5.0:
        a = c[1:]
    c[1] = x[0] * x[0]
    return np.sum(a * x[1:])


def t_loop_rebased(x):
    c = x * 1.0
    a = c[1:]
    s = 0.0
    for i in range(3):
        c[i] = x[i] * x[3]
        s = s + np.sum(a * x[1:])
        c = x * (i + 2.0)
        a = c[1:]
    return s


def t_ravel_T_copy(x):
    m = np.outer(x[:2], x[1:]) * 1.0
    c = m.T.ravel()[::2]
    m[0, 0] = x[3] * 5.0
    return np.sum(c * c)


def t_reshape_T_copy(x):
    m = np.outer(x[:2], x[1:]) * 1.0
    c = m.T.reshape(6)[1:]
    m[1, 0] = x[3] * 5.0
    return np.sum(c * c)


def t_ravel_view(x):
    m = np.outer(x[:2], x[1:]) * 1.0
    c = m.ravel()[::2]
    m[0, 0] = x[3] * 5.0
    return np.sum(c * c)


def t_reshape_view(x):
    m = np.outer(x[:2], x[1:]) * 1.0
    c = m.reshape(6)[1:]
    m[0, 1] = x[3] * 5.0
    return np.sum(c * c)


def t_helper_ravel_T(x):
    m = np.outer(x[:2], x[1:]) * 1.0
    c = flat_step(m.T)
    m[0, 0] = x[3] * 5.0
    return np.sum(c * c)


def t_helper_reshape_T(x):
    m = np.outer(x[:2], x[1:]) * 1.0
    c = reshape_tail(m.T)
    m[1, 0] = x[3] * 5.0
    return np.sum(c * c)


def t_helper_ravel_T_write_result(x):
    m = np.outer(x[:2], x[1:]) * 1.0
    c = flat_step(m.T)
    c[0] = x[3] * 5.0
    return np.sum(m * m) + np.sum(c)


def t_flatten(x):
    m = np.outer(x[:2], x[1:]) * 1.0
    c = m.flatten()[::2]
    m[0, 0] = x[3] * 5.0
    return np.sum(c * c)


def t_view_written_twice(x):
    c = x * 1.0
    a = c[1:]
    c[1] = x[0] * 2.0
    s = np.sum(a * x[1:])
    a = c[1:]
    c[2] = x[3] * 2.0
    return s + np.sum(a * a)


def t_swap_names(x):
    a = x * 1.0
    b = x * 2.0
    v = a[1:]
    a, b = b, a
    b[1] = x[0] * 3.0
    return np.sum(v * x[1:]) + np.sum(a)


def t_stash_fetch(x):
    a = x * 1.0
    b = fetch_first([a])
    a[0] = x[1] * 4.0
    return np.sum(b * x)


def t_branch_rebound_new(x):
    c = x * 1.0
    a = c[1:]
    if np.sum(x) > -5.0:
        a = c[1:] * 1.0
    c[1] = x[0] * x[0]
    return np.sum(a * x[1:])


def t_result_rebound_in_loop(x):
    a = x * 1.0
    b = loop_maybe(a, x, 1)
    for i in range(2):
        b = loop_maybe(a, x, 1)
        b[i] = x[i + 1] ** 2
    return np.sum(a * b)


PROGRAMS_T = sorted(k for k in dir() if k.startswith("t_"))


# ---------------------------------------------------------------- batch 5: nested functions and closures
def c_late_write(x):
    a = x * 1.0
    def inner():
        return np.sum(a * x)
    a[0] = x[1] ** 2
    return inner()
def c_late_rebind(x):
    a = x * 1.0
    def inner():
        return a * 2.0
    a = x * x
    return np.sum(inner())
def c_setter(x):
    a = x * 1.0
    def setter():
        a[0] = x[2] * 5.0
        return 1.0
    s = setter()
    return np.sum(a * x) * s
def c_lambda(x):
    a = x * 1.0
    g = lambda: a[1:]
    b = g()
    a[1] = x[0] * x[0]
    return np.sum(b * x[1:])
def c_returns_closure_sum(x):
    a = x * 1.0
    def inner(v):
        return a + v
    b = inner(x)
    a[1] = x[0] * x[0]
    return np.sum(b * x)
def c_inner_arg_and_closure(x):
    a = x * 1.0
    def inner(v):
        return a if v[0] > -100.0 else v
    b = inner(x * 2.0)
    a[1] = x[0] * x[0]
    return np.sum(b * x)
def c_closure_list(x):
    a = x * 1.0
    lst = [a]
    def inner():
        return lst[0]
    b = inner()
    a[1] = x[0] * x[0]
    return np.sum(b * x)
def c_closure_later_call(x):
    a = x * 1.0
    def inner():
        return a
    a[1] = x[0] * x[0]
    b = inner()
    return np.sum(b * x)
def c_closure_write_after_use(x):
    a = x * 1.0
    def inner():
        return a
    b = inner()
    s = np.sum(b * x)
    a[1] = x[0] * x[0]
    return s + np.sum(a)


PROGRAMS_C = sorted(k for k in dir() if k.startswith("c_"))
ALL = PROGRAMS_1D + PROGRAMS_2D + PROGRAMS_R + PROGRAMS_S + PROGRAMS_T + PROGRAMS_C


# ---------------------------------------------------------------- batch 6: rebinding to the same text, names bound after writes
def u_same_text_transposed(x):
    c = np.outer(x[:2], x[1:]) * 1.0
    a = c.ravel()[::2]
    c = c.T
    if np.sum(x) > -5.0:
        a = c.ravel()[::2]
    c[0, 0] = x[3] * 5.0
    return np.sum(a * a)


def u_same_text_transposed_loop(x):
    c = np.outer(x[:2], x[1:]) * 1.0
    s = 0.0
    for i in range(2):
        a = c.ravel()[::2]
        c[0, i] = x[3] * (i + 2.0)
        s = s + np.sum(a * a)
        c = c.T
    return s


def u_alias_after_write(x):
    c = x * 1.0
    c[0] = x[1] * 2.0
    b = c
    c[1] = x[2] * 3.0
    return np.sum(b * x)


def u_alias_after_write_branch(x):
    c = x * 1.0
    b = x * 2.0
    c[0] = x[1] * 2.0
    if np.sum(x) > 0.0:
        b = c
    c[1] = x[2] * 3.0
    return np.sum(b * x)


def u_view_after_write_loop(x):
    c = x * 1.0
    s = 0.0
    for i in range(3):
        c[i] = x[i + 1] * x[i]
        b = c[i:]
        c[i + 1] = x[0] * (i + 1.0)
        s = s + np.sum(b * b)
    return s


def u_reshape_tail_then_T(x):
    m = np.outer(x[:2], x[1:]) * 1.0
    b = m.reshape(6)[1:]
    m = m.T * 1.0
    m[0, 0] = x[3]
    return np.sum(b * b) + np.sum(m)


def u_helper_result_rebound_same(x):
    c = x * 1.0
    a = loop_maybe(c, x, 1)
    if np.sum(x) > -5.0:
        a = loop_maybe(c, x, 1)
    c[1] = x[0] * x[0]
    a[0] = x[2] * 2.0
    return np.sum(a * c)


def u_view_of_result_then_write(x):
    c = loop_maybe(x * 1.0, x, 1)
    v = c.reshape(2, 2)[1:]
    c[3] = x[0] * 2.0
    return np.sum(v * v)


def u_ravel_step_of_result(x):
    m = loop_maybe(np.outer(x[:2], x[1:]), 1.5, 1)
    c = m.ravel()[::2]
    m[0, 2] = x[3] * 5.0
    return np.sum(c * c)


def u_two_views_rebound(x):
    c = x * 1.0
    a = c[1:]
    b = c[:3]
    if np.sum(x) > -5.0:
        a = c[1:]
        b = c[:3]
    c[2] = x[0] ** 2
    return np.sum(a * b)


PROGRAMS_U = sorted(k for k in dir() if k.startswith("u_"))
ALL = ALL + PROGRAMS_U


# ---------------------------------------------------------------- batch 7: containers returned by helpers, no writes
def two(v):
    return v * 2.0, v * 3.0


def with_scalar(v):
    return v * 2.0, np.sum(v)


def as_dict(v):
    return {"a": v * 2.0, "b": np.sin(v)}


def as_list(v):
    return [v * 2.0, np.sin(v)]


def w_tuple_name(x):
    t = two(x)
    return np.sum(t[0] * t[1])


def w_tuple_loop(x):
    s = 0.0
    for e in two(x):
        s = s + np.sum(e * e)
    return s


def w_tuple_scalar(x):
    v, n = with_scalar(x)
    return np.sum(v) * n


def w_tuple_scalar_name(x):
    t = with_scalar(x)
    return np.sum(t[0]) * t[1]


def w_dict_name(x):
    d = as_dict(x)
    return np.sum(d["a"] * d["b"])


def w_list_name(x):
    r = as_list(x)
    return np.sum(r[0] * r[1])


def w_list_unpack(x):
    p, q = as_list(x)
    return np.sum(p * q)


def w_tuple_name_write(x):
    t = two(x)
    a = t[0] * 1.0
    a[0] = x[1] ** 2
    return np.sum(a * t[1])


def w_tuple_star(x):
    return np.sum(np.multiply(*two(x)))


def w_nested_pair(x):
    (p, q), r = (two(x), x * 1.0)
    return np.sum(p * q * r)


PROGRAMS_W = sorted(k for k in dir() if k.startswith("w_"))
ALL = ALL + PROGRAMS_W
