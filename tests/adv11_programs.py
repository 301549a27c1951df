"""Adversarial programs for comprehensions, containers and grown lists (issue 11).

Each program takes one differentiated argument ``p`` (an array or a container of
arrays, named by its kind in ``KIND``) and returns a scalar. The test loads this
module a second time with ``np`` bound to ``torch._numpy`` for the reference, so
programs stack with ``np.stack`` (torch._numpy's ``np.array`` of 0-d tensors
drops their history)."""

from __future__ import annotations

import functools
from collections import namedtuple
from functools import partial

import numpy as np

import pullback as _pullback

KIND: dict = {}

Layer = namedtuple("Layer", "W b")


def prog(kind):
    """Register a program with the kind of argument it takes."""
    def deco(f):
        KIND[f.__name__] = kind
        return f
    return deco


def mul(a, b):
    return a * b


def sq(v, c=1.0):
    return c * v * v


def dense(lp, h):
    return np.tanh(h @ lp["W"] + lp["b"])


def dense_t(W, b, h):
    return np.tanh(h @ W + b)


def total(xs):
    return sum(np.sum(v ** 2) for v in xs)


def first_of(xs):
    return xs[0]


# ------------------------------------------------------------------ comprehensions
@prog("x")
def c_basic(p):
    return np.sum(np.stack([np.sin(v) * v for v in p]))


@prog("x")
def c_filter(p):
    return np.sum(np.stack([v ** 3 for v in p if v > 0.0]))


@prog("x")
def c_filter_two(p):
    return np.sum(np.stack([v * w for v in p if v > -0.5 for w in p if w < v]))


@prog("x")
def c_nested_two_for(p):
    return np.sum(np.stack([a * b for a in p for b in p]))


@prog("M")
def c_nested_list_of_lists(p):
    rows = [[np.exp(v) * w for v in row] for w, row in zip([1.0, 2.0, 3.0], p)]
    return np.sum(np.stack([np.stack(r) for r in rows]))


@prog("M")
def c_rows(p):
    return np.sum(np.stack([row @ row for row in p]))


@prog("M")
def c_rows_enumerate(p):
    return sum(i * np.sum(row ** 2) for i, row in enumerate(p))


@prog("x")
def c_zip_self_reversed(p):
    return sum(a * b for a, b in zip(p, p[::-1]))


@prog("x")
def c_enumerate_weight(p):
    return sum((i + 1.0) * np.cos(v) for i, v in enumerate(p))


@prog("x")
def c_range_pairs(p):
    return np.sum(np.stack([p[i] * p[i + 1] for i in range(len(p) - 1)]))


@prog("x")
def c_in_loop(p):
    h = p
    for _ in range(3):
        h = np.stack([np.tanh(v) + 0.5 * v for v in h])
    return np.sum(h * h)


@prog("x")
def c_in_loop_accum(p):
    s = 0.0
    for k in range(3):
        s = s + sum(v ** (k + 1) for v in p)
    return s


@prog("x")
def c_in_if_test(p):
    if sum(v for v in p) > 0.0:
        return np.sum(p ** 2)
    return np.sum(p ** 3)


@prog("x")
def c_in_if_test_any(p):
    if any(v > 0.4 for v in p):
        return np.sum(np.sin(p))
    return np.sum(p)


@prog("x")
def c_in_return(p):
    return sum(np.exp(v) for v in p) * p[0]


@prog("x")
def c_shadow_arg(p):
    return np.sum(np.stack([p * p for p in p]))


@prog("x")
def c_name_used_outside(p):
    v = p[0] * 3.0
    s = np.sum(np.stack([v * v for v in p]))
    return s + v


@prog("x")
def c_name_used_after(p):
    s = sum(v * 2.0 for v in p)
    v = p[1]
    return s * v


@prog("x")
def c_loop_var_same_name(p):
    s = 0.0
    for i in range(3):
        s = s + sum(v * i for i, v in enumerate(p[:2]))
        s = s + p[i] * 10.0
    return s


@prog("x")
def c_loop_var_same_name_after(p):
    s = 0.0
    i = 2
    t = sum(v * (i + 1.0) for i, v in enumerate(p))
    return t + p[i] * s + p[i]


@prog("x")
def c_two_comps_same_var(p):
    a = np.stack([v * 2.0 for v in p])
    b = np.stack([v * a[0] for v in a])
    return np.sum(a * b)


@prog("x")
def c_bound_then_stacked(p):
    terms = [np.sin(v) for v in p]
    return np.sum(np.stack(terms) ** 2)


@prog("x")
def c_list_of_genexp(p):
    return np.sum(np.stack(list(v * v * v for v in p)))


@prog("x")
def c_tuple_of_genexp(p):
    return np.sum(np.stack(tuple(v * 2.0 for v in p)) ** 2)


@prog("x")
def c_sum_start(p):
    return sum((v * v for v in p), p[0])


@prog("x")
def c_sum_start_array(p):
    return np.sum(sum((v * p for v in p), np.zeros(4)))


@prog("x")
def c_helper_in_comp(p):
    return np.sum(np.stack([sq(v, c=2.0) for v in p]))


@prog("x")
def c_lambda_in_comp(p):
    f = lambda v: v * np.exp(v)  # noqa: E731
    return np.sum(np.stack([f(v) for v in p]))


@prog("x")
def c_closure_in_comp(p):
    a = p[0]
    return np.sum(np.stack([v * a for v in p]))


@prog("x")
def c_comp_over_const(p):
    return np.sum(np.stack([p * w for w in [1.0, 2.0, 3.0]]))


@prog("x")
def c_comp_over_range_len(p):
    return np.sum(np.stack([p[j] ** 2 for j in range(len(p)) if j % 2 == 0]))


@prog("x")
def c_comp_concat(p):
    return np.sum(np.concatenate([p[:2] * v for v in p]))


@prog("x")
def c_comp_then_index_stacked(p):
    a = np.stack([v * v for v in p])
    return a[0] * a[-1] + a[1]


@prog("x")
def c_comp_slice_iter(p):
    return sum(v * w for v, w in zip(p[1:], p[:-1]))


@prog("M")
def c_comp_cols(p):
    return np.sum(np.stack([np.sum(c * c) for c in p.T]))


@prog("x")
def c_comp_break_after(p):
    s = 0.0
    for k in range(4):
        s = s + sum(v * k for v in p)
        if s > 1.0:
            break
    return s


@prog("x")
def c_comp_while(p):
    s = p[0]
    n = 0
    while n < 3:
        s = s + np.sum(np.stack([v * s for v in p]))
        n += 1
    return s


@prog("x")
def c_comp_early_return(p):
    for k in range(3):
        t = sum(v ** 2 for v in p) * k
        if t > 0.5:
            return t
    return p[0]


@prog("x")
def c_map_sin(p):
    return sum(map(np.sin, p))


@prog("x")
def c_map_partial(p):
    return sum(map(partial(sq, c=3.0), p))


@prog("x")
def c_map_partial_pos(p):
    return sum(map(functools.partial(mul, 2.5), p))


@prog("x")
def c_map_two(p):
    return sum(map(mul, p, p[::-1]))


@prog("x")
def c_list_map_lambda(p):
    return np.sum(np.stack(list(map(lambda v: v * v, p))))


@prog("x")
def c_map_partial_diff(p):
    return sum(map(partial(mul, p[0]), p))


@prog("x")
def c_comp_inplace_after(p):
    k = np.zeros(4)
    for i in range(4):
        k[i] = np.sum(np.stack([p[i] * v for v in p]))
    return np.sum(k ** 2)


@prog("x")
def c_comp_writes_array(p):
    k = p.copy()
    ys = [v * 2.0 for v in k]
    k[0] = 10.0 * p[1]
    return np.sum(np.stack(ys)) + np.sum(k)


@prog("x")
def c_comp_alias(p):
    b = p
    ys = [v * b[0] for v in b]
    return np.sum(np.stack(ys))


@prog("M")
def c_comp_rows_copy_then_write(p):
    m = p.copy()
    rows = [r.copy() for r in m]
    m[0] = m[0] * 3.0
    return np.sum(np.stack(rows) ** 2) + np.sum(m)


@prog("x")
def c_nested_genexp(p):
    return sum(sum(a * b for b in p) for a in p)


@prog("x")
def c_nested_inner_uses_outer(p):
    return np.sum(np.stack([np.sum(np.stack([a * b for b in p[:i + 1]])) for i, a in enumerate(p)]))


@prog("x")
def c_comp_cond_expr_inside(p):
    return np.sum(np.stack([v if v > 0 else -2.0 * v for v in p]))


@prog("x")
def c_comp_tuple_unpack(p):
    pairs = [(v, v * v) for v in p]
    return sum(a * b for a, b in pairs)


@prog("x")
def c_len_of_comp(p):
    ys = [v for v in p if v > 0]
    return np.sum(np.stack(ys)) / len(ys)


@prog("x")
def c_comp_of_scalars_float(p):
    return sum(float(v) * v for v in p)


# ------------------------------------------------------------------ containers
@prog("L")
def k_list_helper(p):
    return total(p)


@prog("L")
def k_list_slice_head(p):
    return total(p[:-1]) + np.sum(p[-1])


@prog("L")
def k_list_slice_tail(p):
    return total(p[1:]) * 2.0


@prog("L")
def k_list_slice_rev(p):
    s = 0.0
    for i, v in enumerate(p[::-1]):
        s = s + (i + 1.0) * np.sum(v)
    return s


@prog("L")
def k_list_slice_step(p):
    return total(p[::2])


@prog("L")
def k_list_slice_empty(p):
    return total(p[:0] + p[1:2]) + np.sum(p[0])


@prog("L")
def k_list_index_neg(p):
    return np.sum(p[-1] * p[-2]) + np.sum(p[0] * p[0])


@prog("L")
def k_list_unpack(p):
    a, b, c = p
    return np.sum(a * b * c)


@prog("L")
def k_list_star_unpack(p):
    a, *rest = p
    return np.sum(a) * total(rest)


@prog("L")
def k_list_first_helper(p):
    return np.sum(first_of(p) ** 2) + np.sum(first_of(p[1:]))


@prog("L")
def k_list_concat(p):
    q = p + [p[0] * 2.0]
    return total(q)


@prog("L")
def k_list_literal_helper(p):
    return total([p[0], p[1] * p[2]])


@prog("L")
def k_list_len(p):
    return total(p) / len(p)


@prog("L")
def k_list_comp_over(p):
    return sum(np.sum(np.sin(v)) for v in p)


@prog("L")
def k_list_zip(p):
    return sum(np.sum(a * b) for a, b in zip(p, p[1:]))


@prog("L")
def k_list_stack(p):
    return np.sum(np.stack(p) ** 3)


@prog("L")
def k_list_alias(p):
    q = p
    return total(q) + np.sum(p[0])


@prog("L")
def k_list_copy_of_list(p):
    q = list(p)
    return total(q)


@prog("L")
def k_list_in_loop_index(p):
    s = 0.0
    for i in range(3):
        s = s + np.sum(p[i] * p[2 - i])
    return s


@prog("T")
def k_tuple_helper(p):
    W, b = p
    return np.sum(dense_t(W, b, np.ones(3)))


@prog("T")
def k_tuple_star_call(p):
    return np.sum(dense_t(*p, np.ones(3)))


@prog("D")
def k_dict_helper(p):
    return np.sum(dense(p, np.ones(3)))


@prog("D")
def k_dict_keys_loop(p):
    s = 0.0
    for k in ["W", "b"]:
        s = s + np.sum(p[k] ** 2)
    return s


@prog("D")
def k_dict_literal(p):
    q = {"W": p["W"] * 2.0, "b": p["b"]}
    return np.sum(dense(q, np.ones(3)))


@prog("D")
def k_dict_call(p):
    q = dict(W=p["W"], b=p["b"] * 3.0)
    return np.sum(dense(q, np.ones(3)))


@prog("D")
def k_dict_literal_indexed(p):
    q = {"a": p["b"], "c": p["W"][0]}
    return np.sum(q["a"] * q["c"]) + np.sum(q["a"])


@prog("D")
def k_dict_literal_reuse(p):
    q = {"a": p["b"]}
    q2 = {"a": q["a"] * 2.0, "z": q["a"]}
    return np.sum(q2["a"] * q2["z"])


@prog("D")
def k_dict_values(p):
    return sum(np.sum(v ** 2) for v in p.values())


@prog("D")
def k_dict_items(p):
    return sum(np.sum(v ** 2) * len(k) for k, v in p.items())


@prog("D")
def k_dict_iter_keys(p):
    return sum(np.sum(p[k]) for k in p)


@prog("LD")
def k_layers(p):
    h = np.ones(3)
    for layer in p:
        h = dense(layer, h)
    return np.sum(h ** 2)


@prog("LD")
def k_layers_comp(p):
    return sum(np.sum(layer["W"] ** 2) for layer in p)


@prog("LD")
def k_layers_enumerate(p):
    h = np.ones(3)
    for i, layer in enumerate(p):
        h = dense(layer, h) * (i + 1.0)
    return np.sum(h)


@prog("LD")
def k_layers_rev(p):
    h = np.ones(3)
    for layer in p[::-1]:
        h = dense(layer, h)
    return np.sum(h)


@prog("LD")
def k_layers_break(p):
    h = np.ones(3)
    for layer in p:
        h = dense(layer, h)
        if np.sum(h) > 0.0:
            break
    return np.sum(h)


@prog("LD")
def k_layers_early_return(p):
    h = np.ones(3)
    for layer in p:
        h = dense(layer, h)
        if np.sum(h) < 100.0:
            return np.sum(h * h)
    return np.sum(h)


@prog("N")
def k_nested(p):
    h = np.ones(3)
    for W, b in p["enc"]:
        h = np.tanh(h @ W + b)
    return np.sum(h * p["scale"])


@prog("N")
def k_nested_index(p):
    return np.sum(p["enc"][1][0] @ p["enc"][0][1]) + np.sum(p["scale"])


@prog("N")
def k_nested_helper(p):
    return total([b for _, b in p["enc"]]) + np.sum(p["scale"])


@prog("NT")
def k_namedtuple(p):
    return np.sum(np.tanh(np.ones(3) @ p.W + p.b))


@prog("NT")
def k_namedtuple_helper(p):
    return np.sum(dense_t(p.W, p.b, np.ones(3))) + np.sum(p[1])


@prog("NT")
def k_namedtuple_unpack(p):
    W, b = p
    return np.sum(W @ b)


@prog("D")
def k_dict_alias(p):
    q = p
    r = q["W"]
    return np.sum(r @ p["b"])


@prog("D")
def k_dict_rebind_key(p):
    q = {"a": p["b"]}
    q["a"] = q["a"] * 3.0
    return np.sum(q["a"])


@prog("L")
def k_list_setitem(p):
    q = [p[0], p[1]]
    q[0] = q[0] * 5.0
    return np.sum(q[0] + q[1])


@prog("L")
def k_list_alias_setitem(p):
    q = [p[0], p[1]]
    r = q
    r[0] = p[2] * 5.0
    return np.sum(q[0])


@prog("L")
def k_list_elem_inplace(p):
    q = [p[0].copy(), p[1]]
    a = q[0]
    a[0] = 7.0 * p[2][0]
    return np.sum(q[0])


@prog("L")
def k_list_elem_aug(p):
    a = p[0] * 1.0
    q = [a, p[1]]
    a += p[2]
    return np.sum(q[0] * q[1])


# ------------------------------------------------------------------ grown lists
@prog("x")
def g_last(p):
    hs = []
    h = p
    for _ in range(3):
        h = np.tanh(h * 1.5 + 0.1)
        hs.append(h)
    return np.sum(hs[-1] * hs[0])


@prog("x")
def g_index_loop(p):
    hs = []
    h = p
    for _ in range(3):
        h = np.sin(h) * 1.2
        hs.append(h)
    s = 0.0
    for t in range(3):
        s = s + np.sum(hs[t] * hs[2 - t])
    return s


@prog("x")
def g_for_h(p):
    hs = []
    h = p
    for _ in range(3):
        h = np.cos(h) + h
        hs.append(h)
    s = 0.0
    for h in hs:
        s = s + np.sum(h ** 2)
    return s


@prog("x")
def g_genexp_over(p):
    hs = []
    h = p
    for _ in range(3):
        h = h * h + 0.3
        hs.append(h)
    return sum(np.sum(h) for h in hs)


@prog("x")
def g_read_twice(p):
    hs = []
    for i in range(3):
        hs.append(p * (i + 1.0))
    return np.sum(hs[1] * hs[1]) + np.sum(hs[1])


@prog("x")
def g_neg2(p):
    hs = []
    h = p
    for _ in range(4):
        h = np.tanh(h) * 2.0
        hs.append(h)
    return np.sum(hs[-2] * hs[-1])


@prog("x")
def g_zip_targets(p):
    hs = []
    h = p
    for _ in range(3):
        h = np.tanh(h + 0.2)
        hs.append(h)
    ys = [np.ones(4), 2.0 * np.ones(4), -np.ones(4)]
    return sum(np.sum((a - b) ** 2) for a, b in zip(hs, ys))


@prog("x")
def g_zip_for(p):
    hs = []
    h = p
    for _ in range(3):
        h = np.tanh(h + 0.2)
        hs.append(h)
    s = 0.0
    for a, w in zip(hs, [1.0, 2.0, 3.0]):
        s = s + w * np.sum(a)
    return s


@prog("x")
def g_enumerate(p):
    hs = []
    for i in range(3):
        hs.append(np.exp(p * (0.1 * i)))
    s = 0.0
    for i, h in enumerate(hs):
        s = s + i * np.sum(h)
    return s


@prog("x")
def g_anew_each_turn(p):
    s = 0.0
    for k in range(3):
        hs = []
        for j in range(2):
            hs.append(p * (k + j + 1.0))
        s = s + np.sum(hs[-1] * hs[0])
    return s


@prog("x")
def g_anew_for_h(p):
    s = 0.0
    h = p
    for k in range(2):
        hs = []
        for j in range(3):
            h = np.sin(h) + 0.1 * k
            hs.append(h)
        for q in hs:
            s = s + np.sum(q)
    return s


@prog("x")
def g_conditional_append(p):
    hs = []
    for v in p:
        if v > 0.0:
            hs.append(v * v)
    return hs[-1] + hs[0]


@prog("x")
def g_while_append(p):
    hs = []
    h = p
    while np.sum(h * h) < 50.0:
        h = h * 1.7 + 0.1
        hs.append(h)
    return np.sum(hs[-1]) + np.sum(hs[0]) * len(hs)


@prog("x")
def g_break_append(p):
    hs = []
    h = p
    for _ in range(10):
        h = h * 1.5
        hs.append(h)
        if np.sum(h) > 2.0:
            break
    return np.sum(hs[-1] ** 2)


@prog("x")
def g_continue_append(p):
    hs = []
    for i in range(4):
        if i == 1:
            continue
        hs.append(p[i] * p)
    return sum(np.sum(h) for h in hs) + np.sum(hs[1])


@prog("x")
def g_append_same_twice(p):
    hs = []
    h = np.sin(p)
    hs.append(h)
    hs.append(h)
    return np.sum(hs[0] * hs[1])


@prog("x")
def g_append_then_rebind(p):
    hs = []
    h = p * 2.0
    hs.append(h)
    h = h * 10.0
    hs.append(h)
    return np.sum(hs[0]) + np.sum(hs[-1] * hs[0])


@prog("x")
def g_append_then_inplace(p):
    hs = []
    h = p * 2.0
    hs.append(h)
    h[0] = p[1] * 9.0
    return np.sum(np.stack(hs))


@prog("x")
def g_append_then_aug(p):
    hs = []
    h = p * 2.0
    hs.append(h)
    h += p
    return np.sum(hs[0])


@prog("x")
def g_append_view(p):
    k = p * 1.0
    hs = []
    hs.append(k[:2])
    k[0] = 5.0 * p[3]
    return np.sum(hs[0])


@prog("x")
def g_elem_then_inplace(p):
    hs = []
    for i in range(2):
        hs.append(p * (i + 1.0))
    a = hs[0]
    a[1] = 100.0 * p[2]
    return np.sum(hs[0]) + np.sum(a)


@prog("x")
def g_rnn(p):
    W = np.array([[0.5, -0.2, 0.1, 0.0], [0.3, 0.4, -0.1, 0.2],
                  [0.0, 0.1, 0.6, -0.3], [0.2, 0.0, 0.1, 0.5]])
    h = np.zeros(4)
    hs = []
    for t in range(3):
        h = np.tanh(W @ h + p * (t + 1.0))
        hs.append(h)
    loss = 0.0
    for t in range(3):
        loss = loss + np.sum((hs[t] - 0.1 * t) ** 2)
    return loss + np.sum(hs[-1])


@prog("R")
def g_rnn_dict(p):
    xs = [np.array([0.5, -0.3, 0.2]), np.array([0.1, 0.4, -0.6]), np.array([-0.2, 0.3, 0.1])]
    h = np.zeros(4)
    hs = []
    for x in xs:
        h = np.tanh(h @ p["Wh"] + x @ p["Wx"] + p["b"])
        hs.append(h)
    ys = [h @ p["Wo"] for h in hs]
    return sum(np.sum(y ** 2) for y in ys)


@prog("R")
def g_lstm(p):
    xs = [np.array([0.5, -0.3, 0.2]), np.array([0.1, 0.4, -0.6])]
    h = np.zeros(4)
    c = np.zeros(4)
    hs = []
    cs = []
    for x in xs:
        z = h @ p["Wh"] + x @ p["Wx"] + p["b"]
        i = 1.0 / (1.0 + np.exp(-z))
        f = 1.0 / (1.0 + np.exp(-(z + 1.0)))
        g = np.tanh(z * 0.5)
        c = f * c + i * g
        h = np.tanh(c) * i
        hs.append(h)
        cs.append(c)
    return np.sum(hs[-1] @ p["Wo"]) + sum(np.sum(cc * hh) for cc, hh in zip(cs, hs))


@prog("x")
def g_hs_t_in_loop_with_outer(p):
    hs = []
    h = p
    for t in range(3):
        h = np.tanh(h) + p
        hs.append(h)
    out = np.zeros(4)
    for t in range(3):
        out = out + hs[t] * hs[-1 - t]
    return np.sum(out)


@prog("x")
def g_index_by_data(p):
    hs = []
    for i in range(4):
        hs.append(p * p[i])
    j = int(np.argmax(pb_free(p)))
    return np.sum(hs[j])


def pb_free(v):
    return v * 0.0 + np.arange(4.0)


@prog("x")
def g_len_index(p):
    hs = []
    for i in range(3):
        hs.append(np.sin(p + i))
    return np.sum(hs[len(hs) - 1]) + np.sum(hs[len(hs) - 2])


@prog("x")
def g_reversed(p):
    hs = []
    h = p
    for _ in range(3):
        h = h * 0.5 + np.sin(h)
        hs.append(h)
    s = 0.0
    w = 1.0
    for h in reversed(hs):
        s = s + w * np.sum(h)
        w = w * 2.0
    return s


@prog("x")
def g_list_passed_to_helper(p):
    hs = []
    for i in range(3):
        hs.append(p * (i + 0.5))
    return total(hs)


@prog("x")
def g_first_of_helper(p):
    hs = []
    for i in range(3):
        hs.append(p * (i + 0.5))
    return np.sum(first_of(hs))


@prog("x")
def g_comp_over_grown(p):
    hs = []
    h = p
    for _ in range(3):
        h = np.tanh(2.0 * h)
        hs.append(h)
    return np.sum(np.stack([a * b for a, b in zip(hs, hs[::-1])]))


@prog("x")
def g_scalar_elems(p):
    hs = []
    for v in p:
        hs.append(v * v)
    s = 0.0
    for i in range(4):
        s = s + hs[i] * hs[3 - i]
    return s


@prog("x")
def g_unpack_after(p):
    hs = []
    for i in range(2):
        hs.append(p * (i + 2.0))
    a, b = hs
    return np.sum(a * b)


# ------------------------------------------------------------------ laziness of generators / maps
@prog("x")
def z_genexp_late_binding(p):
    a = p[0]
    g = (v * a for v in p)
    a = a * 3.0
    return sum(g)


@prog("x")
def z_genexp_consumed_twice(p):
    g = (v * v for v in p)
    s1 = sum(g)
    s2 = sum(g)
    return s1 + s2


@prog("x")
def z_map_consumed_twice(p):
    m = map(np.sin, p)
    return sum(m) + sum(m)


@prog("x")
def z_genexp_array_written(p):
    k = p.copy()
    g = (v * 2.0 for v in k)
    k[1] = 7.0 * p[0]
    return sum(g)


@prog("x")
def z_map_late_closure(p):
    a = p[0]
    m = map(lambda v: v * a, p)
    a = a + 1.0
    return sum(m)


@prog("x")
def z_genexp_in_zip_partial(p):
    g = (v * v for v in p)
    s = 0.0
    for a, _ in zip(g, range(2)):
        s = s + a
    return s + sum(g)


@prog("x")
def z_list_comp_eager(p):
    a = p[0]
    g = [v * a for v in p]
    a = a * 3.0
    return np.sum(np.stack(g)) + a


# ------------------------------------------------------------------ round 2
@prog("LD")
def e_enumerate_dicts(p):
    s = 0.0
    for i, layer in enumerate(p):
        s = s + np.sum(layer["W"]) * (i + 1.0)
    return s


@prog("LD")
def e_zip_dicts(p):
    s = 0.0
    for layer, w in zip(p, [1.0, 2.0]):
        s = s + np.sum(layer["b"] ** 2) * w
    return s


@prog("N")
def e_enumerate_tuples(p):
    s = 0.0
    for i, wb in enumerate(p["enc"]):
        W, b = wb
        s = s + np.sum(W @ b) * (i + 1.0)
    return s


@prog("N")
def e_enumerate_tuples_direct(p):
    s = 0.0
    for i, (W, b) in enumerate(p["enc"]):
        s = s + np.sum(W @ b) * (i + 1.0)
    return s


@prog("LD")
def e_genexp_enumerate_dicts(p):
    return sum(np.sum(d["W"]) * (i + 1.0) for i, d in enumerate(p))


@prog("LD")
def e_for_dict_then_helper(p):
    h = np.ones(3)
    for layer in p:
        h = dense(layer, h)
    return np.sum(h) + np.sum(p[1]["b"])


@prog("M")
def e_nested_inner_list(p):
    rows = [[v for v in row] for row in p]
    return np.sum(np.stack([np.stack(r) for r in rows]) ** 2)


@prog("M")
def e_nested_shadow(p):
    return np.sum(np.stack([np.stack([e * e for e in x]) for x in p]))


@prog("x")
def e_insert_front(p):
    hs = []
    for i in range(3):
        hs.insert(0, p * (i + 1.0))
    return np.sum(hs[0] * p)


@prog("x")
def e_pop(p):
    hs = []
    for i in range(3):
        hs.append(p * (i + 1.0))
    hs.pop()
    return np.sum(hs[-1])


@prog("x")
def e_extend(p):
    hs = []
    for i in range(2):
        hs.extend([p * (i + 1.0), p * p])
    return np.sum(hs[1] + hs[-2])


@prog("x")
def e_plus_eq_list(p):
    hs = []
    for i in range(3):
        hs += [p * (i + 1.0)]
    return np.sum(hs[-1] * hs[0])


@prog("x")
def e_seeded_list(p):
    hs = [p]
    for _ in range(3):
        hs.append(np.tanh(hs[-1]) * 1.5)
    return np.sum(hs[-1])


@prog("x")
def e_seeded_list_sep(p):
    hs = [p]
    for _ in range(3):
        h = np.tanh(hs[-1]) * 1.5
        hs.append(h)
    return np.sum(hs[-1]) + np.sum(hs[0])


@prog("x")
def e_seeded_list_read_after(p):
    hs = [p * 2.0]
    for i in range(3):
        hs.append(p * (i + 1.0))
    return np.sum(hs[0] * hs[-1])


@prog("x")
def e_append_tuples(p):
    hs = []
    h = p
    c = p * 0.5
    for _ in range(2):
        h = np.tanh(h + c)
        c = c * h
        hs.append((h, c))
    return sum(np.sum(a * b) for a, b in hs)


@prog("x")
def e_append_tuples_index(p):
    hs = []
    for i in range(2):
        hs.append((p * (i + 1.0), p * p))
    return np.sum(hs[-1][0] * hs[0][1])


@prog("x")
def e_append_dicts(p):
    hs = []
    for i in range(2):
        hs.append({"h": p * (i + 1.0)})
    return np.sum(hs[-1]["h"] * hs[0]["h"])


@prog("x")
def e_neg_var_index(p):
    hs = []
    for i in range(3):
        hs.append(p * (i + 1.0) + p * p)
    s = 0.0
    for t in range(1, 4):
        s = s + t * np.sum(hs[-t])
    return s


@prog("x")
def e_inner_var_after(p):
    s = 0.0
    for k in range(2):
        hs = []
        for j in range(3):
            hs.append(p * (k + j + 1.0))
        s = s + np.sum(hs[j] * p)
    return s


def run_rnn(p):
    hs = []
    h = p
    for _ in range(3):
        h = np.sin(h) + p
        hs.append(h)
    return hs


def make_dict(v):
    return {"a": v * 2.0, "b": np.sin(v)}


@prog("x")
def e_helper_returns_list(p):
    hs = run_rnn(p)
    return np.sum(hs[-1] * hs[0])


@prog("x")
def e_helper_returns_list_stacked(p):
    return np.sum(np.stack(run_rnn(p)) ** 2)


@prog("x")
def e_helper_returns_dict(p):
    d = make_dict(p)
    return np.sum(d["a"] * d["b"])


@prog("x")
def e_int_keys(p):
    d = {0: p * 2.0, 1: p * p}
    s = 0.0
    for i in range(2):
        s = s + np.sum(d[i])
    return s


@prog("D")
def e_dict_get(p):
    return np.sum(p.get("W") @ p["b"])


@prog("D")
def e_early_return_value_from_dict(p):
    for k in ["b", "W"]:
        if np.sum(p[k]) > -100.0:
            return np.sum(p[k] ** 3)
    return np.sum(p["W"])


@prog("x")
def e_range_data_len(p):
    n = int(np.sum(p > 0))
    return np.sum(np.stack([p[j] * p for j in range(n)]))


@prog("x")
def e_while_counter_shadow(p):
    i = 0
    s = 0.0
    while i < 3:
        s = s + sum(v * i for i, v in enumerate(p))
        s = s + p[i]
        i += 1
    return s


@prog("x")
def e_comp_name_is_list(p):
    hs = [hs * 2.0 for hs in p]
    return np.sum(np.stack(hs))


@prog("x")
def e_walrus(p):
    ys = [(y := v * 2.0) for v in p]
    return np.sum(np.stack(ys)) + y


@prog("x")
def e_filter_diff(p):
    return np.sum(np.stack([v * 3.0 for v in p if np.sin(v) > 0.0]))


@prog("x")
def e_comp_in_nested_def(p):
    def inner(q):
        return sum(v * q for v in p)
    return inner(p[0]) + inner(p[1])


@prog("x")
def e_comp_in_nested_def_loop(p):
    s = 0.0
    for k in range(2):
        def inner(q):
            return sum(v * q * k for v in p)
        s = s + inner(p[0])
    return s


@prog("x")
def e_builtin_sum_list(p):
    hs = []
    for i in range(3):
        hs.append(p * (i + 1.0))
    return np.sum(sum(hs))


@prog("x")
def e_mean_stack_axis(p):
    hs = []
    for i in range(3):
        hs.append(np.cos(p * (i + 1.0)))
    return np.sum(np.mean(np.stack(hs), axis=0) ** 2)


@prog("x")
def e_list_elem_alias_stack(p):
    h = p * 2.0
    hs = [h, h]
    return np.sum(np.stack(hs) * h)


@prog("x")
def e_two_lists_same_loop(p):
    a = []
    b = []
    h = p
    for _ in range(3):
        h = np.tanh(h) + 0.1
        a.append(h)
        b.append(h * h)
    return sum(np.sum(x * y) for x, y in zip(a, b[::-1]))


@prog("x")
def e_genexp_over_grown_zip_enumerate(p):
    hs = []
    for i in range(3):
        hs.append(np.exp(p * 0.1 * i))
    return sum(i * np.sum(h * g) for i, (h, g) in enumerate(zip(hs, hs)))


@prog("L")
def e_list_arg_grown(p):
    hs = []
    for v in p:
        hs.append(v * 2.0)
    return np.sum(hs[-1] * p[0])


@prog("L")
def e_list_arg_copy_then_append(p):
    q = list(p)
    q.append(p[0] * 3.0)
    return np.sum(np.stack(q))


@prog("x")
def e_comp_over_zip_arg_slices(p):
    return np.sum(np.stack([a - b for a, b in zip(p[1:], p)]) ** 2)


@prog("x")
def e_comp_with_index_write(p):
    k = np.zeros(4)
    k[1:3] = np.stack([v * v for v in p[:2]])
    return np.sum(k * p)


@prog("x")
def e_comp_var_then_break(p):
    s = 0.0
    for v in p:
        s = s + sum(w * v for w in p)
        if s > 0.5:
            break
    return s * v


@prog("x")
def e_append_name_tuple_loop(p):
    hs = []
    a = p * 2.0
    hs.append((a, p))
    s = 0.0
    for u, v in hs:
        s = s + np.sum(u * v)
    return s


@prog("x")
def e_append_name_tuple_stack(p):
    hs = []
    a = p * 2.0
    hs.append((a, a))
    return np.sum(np.stack(hs) ** 2)


@prog("x")
def e_append_name_tuple_index(p):
    hs = []
    a = p * 2.0
    hs.append((a, a))
    u, v = hs[0]
    return np.sum(u * v)


@prog("x")
def e_append_name_list_index(p):
    hs = []
    a = p * 2.0
    hs.append([a])
    return np.sum(hs[-1][0] ** 2)


@prog("x")
def e_append_one_tuple_stack(p):
    hs = []
    a = p * 2.0
    hs.append((a,))
    return np.sum(np.stack(hs) ** 2)


# ------------------------------------------------------------------ round 3
@prog("LD")
def f_range_len_index(p):
    h = np.ones(3)
    for i in range(len(p)):
        layer = p[i]
        h = dense(layer, h)
    return np.sum(h)


@prog("LD")
def f_slice_dicts(p):
    h = np.ones(3)
    for layer in p[1:]:
        h = dense(layer, h)
    return np.sum(h) + np.sum(p[0]["W"])


@prog("LD")
def f_reversed_dicts(p):
    h = np.ones(3)
    for layer in reversed(p):
        h = dense(layer, h)
    return np.sum(h)


@prog("N")
def f_zip_tuples_scales(p):
    h = np.ones(3)
    for (W, b), s in zip(p["enc"], [1.0, 0.5]):
        h = np.tanh(h @ W + b) * s
    return np.sum(h * p["scale"])


@prog("N")
def f_enumerate_zip_nested(p):
    s = 0.0
    for i, (wb, c) in enumerate(zip(p["enc"], [2.0, 3.0])):
        W, b = wb
        s = s + (i + c) * np.sum(W @ b)
    return s


@prog("LD")
def f_enumerate_continue(p):
    h = np.ones(3)
    for k, layer in enumerate(p):
        if k == 0:
            continue
        h = dense(layer, h)
    return np.sum(h)


@prog("L")
def f_enumerate_start(p):
    s = 0.0
    for i, v in enumerate(p, start=1):
        s = s + i * np.sum(v * v)
    return s


@prog("L")
def f_enumerate_start_kw_comp(p):
    return sum(i * np.sum(np.sin(v)) for i, v in enumerate(p, 2))


@prog("L")
def f_zip_three(p):
    return sum(np.sum(a * b * c) for a, b, c in zip(p, p[1:], p[2:] + p[:1]))


@prog("DL")
def f_dict_of_lists(p):
    s = 0.0
    for W in p["Ws"]:
        s = s + np.sum(W ** 2)
    for i, b in enumerate(p["bs"]):
        s = s + (i + 1.0) * np.sum(b)
    return s


@prog("DL")
def f_dict_of_lists_zip(p):
    h = np.ones(3)
    for W, b in zip(p["Ws"], p["bs"]):
        h = np.tanh(h @ W + b)
    return np.sum(h)


@prog("DL")
def f_dict_of_lists_index(p):
    return np.sum(p["Ws"][1] @ p["bs"][0]) + np.sum(p["Ws"][-1])


@prog("LL")
def f_list_of_lists(p):
    s = 0.0
    for row in p:
        for v in row:
            s = s + np.sum(v ** 2)
    return s


@prog("LL")
def f_list_of_lists_enumerate(p):
    s = 0.0
    for i, row in enumerate(p):
        a, b = row
        s = s + (i + 1.0) * np.sum(a * b)
    return s


@prog("LL")
def f_list_of_lists_comp(p):
    return sum(np.sum(row[0] * row[1]) for row in p)


@prog("LL")
def f_list_of_lists_comp_enum(p):
    return sum((i + 1.0) * np.sum(row[0]) for i, row in enumerate(p))


@prog("N")
def f_zip_enc_dec(p):
    s = 0.0
    for e, d in zip(p["enc"], p["enc"][::-1]):
        s = s + np.sum(e[0] @ d[1])
    return s


@prog("LD")
def f_comp_zip_dicts(p):
    return sum(np.sum(d["b"]) * w for d, w in zip(p, [1.0, 3.0]))


@prog("x")
def f_comp_filter_grown(p):
    hs = []
    for i in range(4):
        hs.append(p * (i - 1.5))
    return np.sum(np.stack([h for h in hs if np.sum(h) > 0.0]))


@prog("x")
def f_two_appends_per_turn(p):
    hs = []
    for i in range(2):
        hs.append(p * (i + 1.0))
        hs.append(np.sin(p) * (i + 1.0))
    return np.sum(hs[1] * hs[2]) + np.sum(hs[-1])


@prog("x")
def f_rebind_loop_var(p):
    hs = []
    for i in range(3):
        hs.append(p * (i + 1.0))
    s = 0.0
    for h in hs:
        h = h * h
        s = s + np.sum(h)
    return s


@prog("x")
def f_inplace_loop_var_over_grown(p):
    hs = []
    for i in range(3):
        hs.append(p * (i + 1.0))
    for h in hs:
        h *= 2.0
    return np.sum(np.stack(hs) ** 2)


@prog("L")
def f_inplace_loop_var_local_list(p):
    q = [p[0] * 1.0, p[1] * 1.0]
    for v in q:
        v *= 3.0
    return np.sum(q[0] + q[1])


@prog("M")
def f_inplace_rows(p):
    m = p.copy()
    for row in m:
        row *= 2.0
    return np.sum(m ** 2)


@prog("M")
def f_write_rows(p):
    m = p.copy()
    for row in m:
        row[0] = row[1] * row[2]
    return np.sum(m ** 2)


@prog("M")
def f_inplace_rows_enumerate(p):
    m = p.copy()
    for i, row in enumerate(m):
        row += i * p[0]
    return np.sum(m ** 2)


@prog("M")
def f_rows_comp_then_inplace(p):
    m = p.copy()
    rows = [r for r in m]
    for r in rows:
        r *= 2.0
    return np.sum(m)


@prog("x")
def f_hs_same_obj_inplace(p):
    h = p * 1.0
    hs = [h, h]
    h += 1.0
    return np.sum(np.stack(hs) * p)


@prog("x")
def f_genexp_over_grown_while(p):
    hs = []
    h = p
    n = 0
    while n < 3:
        h = np.tanh(h * 1.3)
        hs.append(h)
        n += 1
    return sum(np.sum(h * h) for h in hs) + np.sum(h)


@prog("x")
def f_hs_loop_var_name_is_h(p):
    hs = []
    h = p
    for _ in range(3):
        h = np.sin(h) + p
        hs.append(h)
    s = 0.0
    for h in hs[::-1]:
        s = s * 0.5 + np.sum(h)
    return s + np.sum(h)


@prog("x")
def f_comp_in_while_test_bound(p):
    s = sum(v * v for v in p)
    n = 0
    while s < 3.0:
        s = s * 1.5 + sum(v for v in p)
        n += 1
    return s


@prog("x")
def f_nested_function_over_grown(p):
    hs = []
    for i in range(3):
        hs.append(np.exp(p * 0.1 * i))

    def score(q):
        return np.sum(q * p)
    return sum(score(h) for h in hs)


@prog("x")
def f_comp_lambda_twice(p):
    sqr = lambda v: v * v  # noqa: E731
    a = [sqr(v) for v in p]
    b = [sqr(w) + v for v, w in zip(a, p)]
    return np.sum(np.stack(b))


@prog("LD")
def f_index_dict_loop_var(p):
    s = 0.0
    for i in range(2):
        d = p[i]
        s = s + np.sum(d["W"]) * (i + 1.0)
    return s


@prog("LD")
def f_index_dict_loop_var_inline(p):
    s = 0.0
    for i in range(2):
        s = s + np.sum(p[i]["W"]) * (i + 1.0)
    return s


@prog("L")
def f_enumerate_start_arrays(p):
    s = 0.0
    for i, v in enumerate(p, start=1):
        s = s + v * i
    return np.sum(s)


# ------------------------------------------------------------------ round 4
@prog("x")
def h_outer_for_v_inner_v(p):
    s = 0.0
    for v in p:
        s = s + sum(v * w for v in p[:2] for w in [1.0, 2.0])
        s = s + v * 10.0
    return s


@prog("x")
def h_recurrence_genexp(p):
    k = np.zeros(4)
    k[0] = p[0]
    for i in range(1, 4):
        k[i] = sum(k[j] * p[i] for j in range(i)) + p[i]
    return np.sum(k * k)


@prog("x")
def h_recurrence_stack(p):
    k = np.zeros(4)
    k[0] = p[0] * 2.0
    for i in range(1, 4):
        k[i] = np.sum(np.stack([np.sin(k[j]) for j in range(i)])) * p[i]
    return np.sum(k)


@prog("x")
def h_same_array_thrice(p):
    a = p * 1.0
    ys = [a for _ in range(3)]
    a[0] = 5.0 * p[1]
    return np.sum(np.stack(ys) * p)


@prog("x")
def h_views_in_comp(p):
    a = p * 1.0
    ys = [a[i:i + 2] for i in range(2)]
    a[1] = 5.0 * p[3]
    return np.sum(np.stack(ys) ** 2)


@prog("x")
def h_fresh_in_comp(p):
    a = p * 1.0
    ys = [a * (i + 1.0) for i in range(2)]
    a[1] = 5.0 * p[3]
    return np.sum(np.stack(ys) ** 2) + np.sum(a)


@prog("x")
def h_early_return_stack(p):
    hs = []
    h = p
    for _ in range(5):
        h = h * 1.4 + 0.1
        hs.append(h)
        if np.sum(h) > 2.0:
            return np.sum(np.stack(hs) ** 2)
    return np.sum(h)


@prog("D")
def h_dict_copy_write(p):
    W = p["W"].copy()
    W[0] = 0.0
    return np.sum(dense({"W": W, "b": p["b"]}, np.ones(3)))


@prog("D")
def h_dict_elem_slices(p):
    return np.sum(p["W"][:, 1:] * p["W"].T[:, 1:]) + p["W"][0, 0] * np.sum(p["b"][::-1] * p["b"])


def tail(ps):
    return ps[1:]


@prog("LD")
def h_helper_returns_slice(p):
    h = np.ones(3)
    for layer in tail(p):
        h = dense(layer, h)
    return np.sum(h)


def deep(ps, h):
    if len(ps) == 0:
        return h
    return deep(ps[1:], dense(ps[0], h))


@prog("LD")
def h_recursive_over_list(p):
    return np.sum(deep(p, np.ones(3)) ** 2)


def deep_arrays(ps, s):
    if len(ps) == 0:
        return s
    return deep_arrays(ps[1:], s * 0.5 + np.sum(ps[0] ** 2))


@prog("L")
def h_recursive_over_arrays(p):
    return deep_arrays(p, 0.0)


@prog("NT")
def h_namedtuple_make(p):
    q = Layer(p.W * 2.0, p.b)
    return np.sum(q.W @ q.b)


@prog("NT")
def h_namedtuple_replace(p):
    q = p._replace(b=p.b * 3.0)
    return np.sum(q.W @ q.b)


@prog("NT")
def h_namedtuple_index_and_attr(p):
    return np.sum(p[0] @ p.b) + np.sum(p.W[1] * p[1])


def loss_layers(layers, h):
    for layer in layers:
        h = np.tanh(h @ layer["W"] + layer["b"])
    return np.sum(h ** 2)


@prog("LD")
def h_list_of_dicts_to_helper_loop(p):
    return loss_layers(p, np.ones(3)) + loss_layers(p[:1], np.ones(3))


@prog("LD")
def h_list_literal_of_dicts(p):
    q = [p[1], p[0]]
    return loss_layers(q, np.ones(3))


@prog("LD")
def h_list_literal_of_new_dicts(p):
    q = [{"W": p[0]["W"] * 2.0, "b": p[0]["b"]}, p[1]]
    return loss_layers(q, np.ones(3))


@prog("x")
def h_comp_of_dicts(p):
    ds = [{"v": v} for v in p]
    return np.sum(np.stack([d["v"] * 2.0 for d in ds]))


@prog("x")
def h_comp_zip_same_gen(p):
    return sum(a * b for a, b in zip(p, p))


@prog("x")
def h_comp_cond_uses_prev(p):
    s = 0.0
    for i in range(4):
        s = s + sum(v for v in p if v < s)
        s = s + p[i]
    return s


@prog("x")
def h_comp_inside_helper_default(p):
    return np.sum(np.stack([sq(v) for v in p])) + sum(sq(v, 2.0) for v in p)


@prog("x")
def h_genexp_to_np_sum_list(p):
    return np.sum([v * v for v in p])


@prog("x")
def h_genexp_to_np_mean_stack(p):
    return np.mean(np.stack([np.exp(v) for v in p])) * p[0]


@prog("x")
def h_comp_list_sum_builtin(p):
    return sum([v ** 3 for v in p])


@prog("M")
def h_comp_rows_sum_axis(p):
    return np.sum(np.stack([r / np.sum(r ** 2) for r in p]), axis=0) @ p[0]


@prog("M")
def h_comp_over_M_indices(p):
    return sum(p[i, j] * p[j, i] for i in range(3) for j in range(3) if i <= j)


@prog("x")
def h_break_in_for_over_comp_list(p):
    ys = np.stack([v * 2.0 for v in p])
    s = 0.0
    for y in ys:
        if y > 0.8:
            break
        s = s + y * y
    return s


@prog("x")
def h_while_consumes_stack(p):
    ys = np.stack([np.cos(v) for v in p])
    i = 0
    s = 0.0
    while i < 4 and s < 2.0:
        s = s + ys[i]
        i += 1
    return s


@prog("x")
def h_list_of_genexp_then_index(p):
    ys = np.stack(list(v * w for v, w in zip(p, p[::-1])))
    return ys[0] + ys[-1] * ys[1]


@prog("x")
def h_filter_enumerate(p):
    return sum(v * i for i, v in enumerate(p) if i != 2)


@prog("x")
def h_genexp_bool_sum(p):
    n = sum(1 for v in p if v > 0.0)
    return np.sum(p) * n


@prog("x")
def h_comp_tuple_target_constant(p):
    return sum(a * v for (a, b), v in zip([(1.0, 2.0), (3.0, 4.0)], p))


@prog("N")
def f_var_index_no_loop(p):
    i = 1
    d = p["enc"][i]
    return np.sum(d[0] @ d[1])


@prog("LD")
def f_var_index_dict_no_loop(p):
    j = len(p) - 1
    last = p[j]
    return np.sum(last["W"]) + np.sum(last["b"])


@prog("LD")
def f_var_index_dict_helper(p):
    s = 0.0
    for i in range(2):
        d = p[i]
        s = s + np.sum(dense(d, np.ones(3))) * (i + 1.0)
    return s


# ------------------------------------------------------------------ round 5: grown lists
@prog("x")
def i_wrap_index(p):
    hs = []
    for i in range(3):
        hs.append(np.sin(p * (i + 1.0)))
    s = 0.0
    for t in range(3):
        s = s + np.sum(hs[t - 1] * hs[t])
    return s


@prog("x")
def i_backward_range(p):
    hs = []
    h = p
    for _ in range(3):
        h = np.tanh(h) * 1.3 + 0.2
        hs.append(h)
    s = 0.0
    for t in range(2, -1, -1):
        s = s * 0.7 + np.sum(hs[t])
    return s


@prog("x")
def i_while_index(p):
    hs = []
    for i in range(3):
        hs.append(p * (i + 1.0) + p ** 2)
    t = 0
    s = 0.0
    while t < len(hs):
        s = s + np.sum(hs[t]) * (t + 1.0)
        t += 1
    return s


@prog("x")
def i_int_of_float_index(p):
    hs = []
    for i in range(3):
        hs.append(p * (i + 1.0))
    k = 1.7
    return np.sum(hs[int(k)] * p)


@prog("x")
def i_alias_grown(p):
    hs = []
    for i in range(3):
        hs.append(p * (i + 1.0))
    gs = hs
    return np.sum(gs[-1] * hs[0])


@prog("x")
def i_prev_list(p):
    s = 0.0
    prev = [p]
    for k in range(2):
        hs = []
        for j in range(2):
            hs.append(p * (k + j + 1.0))
        s = s + np.sum(prev[-1] * hs[0])
        prev = hs
    return s


@prog("x")
def i_read_between_appends(p):
    hs = []
    for i in range(2):
        hs.append(p * (i + 1.0))
    a = hs[-1]
    for i in range(2):
        hs.append(p * p * (i + 1.0))
    return np.sum(a * hs[-1])


@prog("x")
def i_len_between_appends(p):
    hs = []
    for i in range(2):
        hs.append(p * (i + 1.0))
    n = len(hs)
    for i in range(2):
        hs.append(p * p * (i + 1.0))
    return np.sum(hs[n - 1] * hs[-1])


@prog("x")
def i_append_both_branches(p):
    hs = []
    for v in p:
        if v > 0.0:
            hs.append(v * v)
        else:
            hs.append(-v * 3.0)
    return hs[0] * hs[1] + hs[-1]


@prog("x")
def i_triangular(p):
    hs = []
    for i in range(3):
        for j in range(i + 1):
            hs.append(p[i] * p[j])
    return sum(h * (k + 1.0) for k, h in enumerate(hs))


@prog("x")
def i_iterate_twice(p):
    hs = []
    for i in range(3):
        hs.append(np.exp(p * 0.2 * i))
    s = 0.0
    for h in hs:
        s = s + np.sum(h)
    for h in hs:
        s = s * np.sum(h)
    return s


@prog("x")
def i_for_h_break(p):
    hs = []
    for i in range(4):
        hs.append(p * (i + 1.0))
    s = 0.0
    for h in hs:
        s = s + np.sum(h)
        if s > 1.5:
            break
    return s


@prog("x")
def i_zip_truncate(p):
    hs = []
    for i in range(4):
        hs.append(p * (i + 1.0))
    s = 0.0
    for h, w in zip(hs, [2.0, 3.0]):
        s = s + w * np.sum(h)
    return s


@prog("x")
def i_mean_len(p):
    hs = []
    for v in p:
        hs.append(v ** 2)
    return sum(hs) / len(hs)


@prog("L")
def i_rows_of_list_elems(p):
    return sum(np.sum(r) * i for i, r in enumerate(v * v for v in p))


@prog("x")
def i_grown_then_stack_then_write(p):
    hs = []
    for i in range(3):
        hs.append(p * (i + 1.0))
    H = np.stack(hs)
    H[0] = H[1] * H[2]
    return np.sum(H) + np.sum(hs[0])


@prog("x")
def i_append_np_scalar_elems_index(p):
    hs = []
    for i in range(4):
        hs.append(p[i] * p[3 - i])
    return hs[0] * hs[1] - hs[2] + hs[-1] * hs[-1]


@prog("x")
def i_outer_loop_reads_inner_last(p):
    out = np.zeros(4)
    for k in range(2):
        hs = []
        h = p
        for j in range(3):
            h = np.sin(h + k)
            hs.append(h)
        out = out + hs[-1] * hs[1]
    return np.sum(out)


@prog("x")
def i_append_after_early_cont(p):
    hs = []
    for i in range(4):
        if p[i] < 0.0:
            continue
        hs.append(p * p[i])
    return np.sum(hs[-1]) + np.sum(hs[0])


@prog("x")
def i_nested_index(p):
    hs = []
    for i in range(3):
        hs.append(np.stack([p[i], p[i] * 2.0]))
    return hs[1][0] * hs[2][1] + hs[-1][-1]


@prog("x")
def i_list_item_slice(p):
    hs = []
    for i in range(3):
        hs.append(p * (i + 1.0))
    return np.sum(hs[-1][1:3] * hs[0][:2])


# ------------------------------------------------------------------ round 6: scoping of comprehension names
@prog("x")
def j_shadow_arg_used_after(p):
    return np.sum(np.stack([p * p for p in p])) + np.sum(p)


@prog("x")
def j_shadow_arg_genexp_used_after(p):
    s = sum(p * 2.0 for p in p)
    return s * np.sum(p ** 2)


@prog("x")
def j_var_named_np(p):
    s = sum(np * 2.0 for np in p)
    return s * np.sum(p)


@prog("x")
def j_var_named_helper(p):
    s = sum(sq * 2.0 for sq in p)
    return s + sq(p[0])


@prog("x")
def j_lambda_sees_outer(p):
    v = p[0]
    f = lambda: v * 3.0  # noqa: E731
    s = sum(v * 2.0 for v in p)
    return s + f()


@prog("x")
def j_nested_def_sees_outer(p):
    v = p[1]

    def g():
        return v * v
    s = np.sum(np.stack([v * 2.0 for v in p]))
    return s + g()


@prog("x")
def j_outer_for_var_used_after_comp(p):
    s = 0.0
    for v in p:
        t = np.sum(np.stack([v * w for v in p[:2] for w in p[2:]]))
        s = s + t * v
    return s


@prog("x")
def j_comp_var_then_loop_else(p):
    v = p[3]
    ys = [v * v for v in p[:2]]
    if v > 0.0:
        return np.sum(np.stack(ys)) * v
    return np.sum(np.stack(ys))


@prog("x")
def j_map_lambda_param_shadow(p):
    v = p[2]
    return sum(map(lambda v: v * v, p)) * v


@prog("x")
def j_genexp_var_is_accumulator(p):
    s = p[0]
    t = sum(s * 2.0 for s in p)
    return s * t


@prog("x")
def j_comp_two_levels_same_name(p):
    return np.sum(np.stack([np.sum(np.stack([v * v for v in p[:k + 1]])) * v
                            for k, v in enumerate(p)]))


@prog("M")
def j_nested_same_name_rows(p):
    return np.sum(np.stack([np.stack([x * 2.0 for x in x]) for x in p])) + np.sum(p)


# ------------------------------------------------------------------ round 7
def first_item(g):
    for v in g:
        return v
    return 0.0


@prog("x")
def z_genexp_helper_takes_first(p):
    g = (v * v for v in p)
    a = first_item(g)
    return a * 10.0 + sum(g)


@prog("x")
def z_zip_same_generator(p):
    g = (v * 2.0 for v in p)
    return sum(a * b for a, b in zip(g, g))


@prog("x")
def z_map_zip_same(p):
    m = map(np.sin, p)
    return sum(a * b for a, b in zip(m, m))


@prog("x")
def z_genexp_in_for_then_sum(p):
    g = (v * 3.0 for v in p)
    s = 0.0
    for a in g:
        s = s + a
        if s > 0.5:
            break
    return s + sum(g)


@prog("x")
def z_chain_genexp(p):
    return sum(a * 2.0 for a in (v * v for v in p))


@prog("x")
def z_list_of_map_consumed(p):
    m = map(np.cos, p)
    a = list(m)
    b = list(m)
    return np.sum(np.stack(a)) + len(b)


@prog("LNT")
def k_list_of_namedtuples(p):
    s = 0.0
    for layer in p:
        s = s + np.sum(layer.W @ layer.b)
    return s


@prog("LNT")
def k_list_of_namedtuples_unpack(p):
    s = 0.0
    for W, b in p:
        s = s + np.sum(W @ b)
    return s


@prog("DI")
def k_int_key_dict(p):
    s = 0.0
    for i in range(3):
        s = s + np.sum(p[i] * (i + 1.0))
    return s + np.sum(p[0] * p[2])


@prog("DI")
def k_int_key_dict_comp(p):
    return sum(np.sum(p[i] ** 2) for i in range(3))


def loss_pair(q):
    return np.sum(q[0] ** 2 * q[1])


@prog("x")
def m_grad_of_grad_list(p):
    g = _pullback.grad(loss_pair)([p, p * 2.0])
    return np.sum(g[0] * g[1])


# ------------------------------------------------------------------ round 8: literals chosen by control flow
@prog("x")
def l_dict_dup_key(p):
    d = {"a": p * 2.0, "a": p * p}  # noqa: F601
    return np.sum(d["a"])


@prog("x")
def l_dict_rebound_in_loop(p):
    d = {"h": p}
    for i in range(3):
        d = {"h": np.tanh(d["h"]) * 2.0 + p * i}
    return np.sum(d["h"])


@prog("x")
def l_dict_from_branch(p):
    if p[0] > 0.0:
        d = {"a": p * 2.0, "b": p}
    else:
        d = {"a": p, "b": p * 3.0}
    return np.sum(d["a"] * d["b"])


@prog("x")
def l_dict_from_branch_false(p):
    if p[0] < 0.0:
        d = {"a": p * 2.0, "b": p}
    else:
        d = {"a": p * p, "b": p * 3.0}
    return np.sum(d["a"] * d["b"])


@prog("x")
def l_tuple_from_cond_expr(p):
    a = p * 2.0
    b = np.sin(p)
    t = (a, b) if p[1] < 0.0 else (b, a)
    return np.sum(t[0] * 3.0 + t[1])


@prog("x")
def l_list_from_branch_to_helper(p):
    if p[2] > 0.0:
        q = [p, p * 2.0]
    else:
        q = [p * 3.0, p]
    return total(q)


@prog("x")
def l_list_from_branch_false(p):
    if p[2] < 0.0:
        q = [p, p * 2.0]
    else:
        q = [p * 3.0, np.cos(p)]
    return total(q)


def pick(d, flag):
    if flag:
        return d["a"]
    return d["b"]


@prog("x")
def l_helper_picks_from_dict(p):
    d = {"a": p * 2.0, "b": p * p}
    return np.sum(pick(d, True)) + np.sum(pick(d, False) * 3.0)


@prog("x")
def l_helper_picks_data_flag(p):
    d = {"a": p * 2.0, "b": p * p}
    return np.sum(pick(d, p[0] > 0.0)) + np.sum(pick(d, p[1] > 0.0) * 3.0)


def net_default(h, scale=2.0):
    return np.tanh(h * scale)


@prog("x")
def l_helper_default_kw(p):
    return np.sum(net_default(p)) + np.sum(net_default(p, scale=p[0]))


@prog("D")
def l_tuple_assign_from_dict(p):
    W, b = p["W"], p["b"]
    return np.sum(W @ b)


@prog("x")
def l_swap_list_elems(p):
    q = [p * 2.0, p * p]
    q[0], q[1] = q[1], q[0]
    return np.sum(q[0] * 3.0 + q[1])


@prog("x")
def l_tuple_swap(p):
    a, b = p * 2.0, p * p
    a, b = b, a
    return np.sum(a * 3.0 + b)


def kw_helper(a, b):
    return np.sum(a * b)


@prog("x")
def l_kwargs_star(p):
    d = {"a": p, "b": p * 2.0}
    return kw_helper(**d)


@prog("x")
def l_list_literal_loop_rebind(p):
    q = [p, p * 0.5]
    for _ in range(2):
        q = [np.tanh(q[0] + q[1]), q[0] * q[1]]
    return np.sum(q[0] + q[1])


@prog("x")
def l_tuple_literal_loop_rebind(p):
    q = (p, p * 0.5)
    for _ in range(3):
        q = (np.tanh(q[0] + q[1]), q[0] * q[1])
    return np.sum(q[0] + 2.0 * q[1])


@prog("x")
def l_tuple_loop_rebind_unpack(p):
    h, c = p, p * 0.5
    for _ in range(3):
        h, c = np.tanh(h + c), c * h
    return np.sum(h + 2.0 * c)


@prog("x")
def l_dict_literal_while(p):
    d = {"s": p[0], "n": 0.0}
    while d["n"] < 3.0:
        d = {"s": d["s"] * p[1] + p[2], "n": d["n"] + 1.0}
    return d["s"]


# ------------------------------------------------------------------ round 9: iterables from NumPy
@prog("x")
def n_split_parts(p):
    return sum(np.sum(c ** 2) * (i + 1.0) for i, c in enumerate(np.split(p, 2)))


@prog("x")
def n_array_split_loop(p):
    s = 0.0
    for c in np.array_split(p, 3):
        s = s + np.prod(c + 1.0)
    return s


@prog("x")
def n_argsort_order(p):
    return sum(p[i] * (k + 1.0) for k, i in enumerate(np.argsort(p)))


@prog("x")
def n_nonzero_indices(p):
    return np.sum(np.stack([p[i] ** 2 for i in np.nonzero(p > 0)[0]]))


@prog("T3")
def n_3d_iteration(p):
    return sum(np.sum(row * row) * np.sum(mat) for mat in p for row in mat)


@prog("M")
def n_iter_reshape(p):
    return sum(np.sum(r) ** 2 for r in p.reshape(9, 1))


@prog("M")
def n_iter_transpose_rows_stack(p):
    return np.sum(np.stack([c / (1.0 + np.sum(c * c)) for c in p.T]) @ p)


@prog("x")
def n_iter_arange_data(p):
    return sum(p * w for w in np.linspace(0.0, 1.0, 3)).sum()


@prog("M")
def n_diag_comp(p):
    return sum(p[i, i] * p[i, -1 - i] for i in range(3))


@prog("M")
def n_enumerate_rows_write(p):
    k = np.zeros((3, 3))
    for i, row in enumerate(p):
        k[i] = np.stack([v * (i + 1.0) for v in row])
    return np.sum(k * p)


def ident(v):
    return v


def ident_or_copy(v, c):
    if c:
        return v
    return v * 1.0


@prog("M")
def o_rows_through_identity_then_write(p):
    m = p.copy()
    rows = [ident(r) for r in m]
    m[0] = m[0] * 3.0
    return np.sum(np.stack(rows) ** 2)


@prog("M")
def o_rows_through_maybe_identity(p):
    m = p.copy()
    rows = [ident_or_copy(r, i == 1) for i, r in enumerate(m)]
    m[1] = m[1] * 3.0
    m[0] = m[0] * 5.0
    return np.sum(np.stack(rows) ** 2)


@prog("x")
def o_grown_identity_then_write(p):
    k = p * 1.0
    hs = []
    for _ in range(2):
        hs.append(ident(k))
    k[0] = 9.0 * p[1]
    return np.sum(np.stack(hs) * p)


@prog("x")
def o_genexp_identity_sum(p):
    k = p * 1.0
    s = sum(np.sum(ident(k) * v) for v in p)
    k[0] = 9.0 * p[1]
    return s + np.sum(k)


@prog("L")
def o_list_elem_identity_write(p):
    q = [p[0] * 1.0, p[1] * 1.0]
    a = ident(q[0])
    a[1] = 4.0 * p[2][0]
    return np.sum(q[0] * q[1])


@prog("x")
def o_comp_elem_written_later(p):
    k = p * 1.0
    ys = [k for _ in range(2)]
    k[2] = 3.0 * p[0]
    return np.sum(ys[0] + ys[1]) if False else np.sum(np.stack(ys))


def early(v):
    for k in range(4):
        v = v * 1.5
        if v > 1.0:
            return v * 2.0
    return v


def power_rec(v, n):
    if n == 0:
        return 1.0
    return v * power_rec(v, n - 1)


def uses_comp(q):
    return np.stack([np.sin(w) * w for w in q])


@prog("x")
def o_helper_early_return_in_comp(p):
    return np.sum(np.stack([early(v) for v in p]))


@prog("x")
def o_recursive_helper_in_genexp(p):
    return sum(power_rec(v, 3) for v in p)


@prog("M")
def o_helper_with_comp_in_comp(p):
    return np.sum(np.stack([uses_comp(r) for r in p]) ** 2)


@prog("M")
def o_helper_with_comp_in_loop(p):
    h = p[0]
    for r in p:
        h = uses_comp(h * r)
    return np.sum(h)


@prog("x")
def o_comp_inside_while_with_helper(p):
    s = p
    n = 0
    while n < 2:
        s = uses_comp(s) + np.stack([early(v) for v in s])
        n += 1
    return np.sum(s)


@prog("x")
def i_empty_grown_sum(p):
    hs = []
    for v in p:
        if v > 100.0:
            hs.append(v * v)
    return sum(hs) + np.sum(p ** 2)


@prog("x")
def i_empty_genexp_sum(p):
    return sum(v for v in p if v > 100.0) + np.sum(p ** 3)


@prog("x")
def i_concat_ragged(p):
    hs = []
    for i in range(1, 4):
        hs.append(p[:i] * i)
    return np.sum(np.concatenate(hs) ** 2)


@prog("x")
def i_concat_ragged_index(p):
    hs = []
    for i in range(1, 4):
        hs.append(p[:i] * i)
    return np.sum(hs[-1] * hs[-1]) + np.sum(hs[0])


@prog("x")
def i_grown_zero_trips(p):
    hs = []
    for i in range(0):
        hs.append(p * i)
    hs2 = []
    for v in p:
        hs2.append(v * 2.0)
    return sum(hs) + np.sum(np.stack(hs2))


# ------------------------------------------------------------------ round 10: lists of Python floats
@prog("PF")
def q_sum_genexp_floats(p):
    return sum(v * v for v in p)


@prog("PF")
def q_sum_list_floats(p):
    return sum([v * 3.0 for v in p]) * p[0]


@prog("PF")
def q_loop_floats(p):
    s = 0.0
    for i, v in enumerate(p):
        s = s + v * i
    return s * s


@prog("PF")
def q_grown_sum_floats(p):
    hs = []
    for v in p:
        hs.append(np.sin(v))
    return sum(hs)


@prog("PF")
def q_stack_floats(p):
    return np.sum(np.stack([v * w for v, w in zip(p, p[1:])]))


@prog("PF")
def q_map_floats(p):
    return sum(map(np.exp, p))


def push(hs, v):
    hs.append(v * 2.0)


@prog("x")
def i_append_in_helper(p):
    hs = []
    for v in p:
        push(hs, v)
    return np.sum(np.stack(hs))


@prog("x")
def i_concat_growth(p):
    hs = []
    for v in p:
        hs = hs + [v * v]
    return np.sum(np.stack(hs)) + hs[-1]


@prog("x")
def i_list_mult(p):
    hs = [p * 2.0] * 3
    return np.sum(np.stack(hs))


@prog("x")
def i_star_in_list(p):
    hs = []
    for i in range(2):
        hs.append(p * (i + 1.0))
    return np.sum(np.stack([*hs, p * p]))


@prog("x")
def i_stack_axis1(p):
    hs = []
    for i in range(3):
        hs.append(np.sin(p * (i + 1.0)))
    return np.sum(np.stack(hs, axis=1) @ np.arange(3.0))


@prog("x")
def i_vstack_hstack(p):
    hs = []
    for i in range(3):
        hs.append(p[i:i + 2] * (i + 1.0))
    return np.sum(np.vstack(hs) ** 2) + np.sum(np.hstack(hs))


@prog("x")
def i_array_of_grown_arrays(p):
    hs = []
    for i in range(3):
        hs.append(p * (i + 1.0))
    return np.sum(np.array(hs) ** 2)
