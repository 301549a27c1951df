"""Adversarial programs for issue 12: lists returned by your own functions, dicts
and nested tuples passed to helpers, enumerate/zip over lists of containers, and
calls made only to show values (print, logging, helpers that only print).

Each program takes one differentiated argument ``p`` (its kind in ``KIND``) and
returns a scalar. The test loads this module again with ``np`` = ``torch._numpy``
for the reference, so programs stack with ``np.stack``."""

from __future__ import annotations

import logging
import sys
import warnings

import numpy as np

KIND: dict = {}
LOG = logging.getLogger("adv12")
SEEN: list = []              # a global list a helper keeps values in
BUF = np.zeros(4)            # a global array a helper writes into
CACHE: dict = {}


def prog(kind):
    """Register a program with the kind of argument it takes."""
    def deco(f):
        KIND[f.__name__] = kind
        return f
    return deco


# ------------------------------------------------------------------ helpers
def squares(x):
    out = []
    for v in x:
        out.append(v * v)
    return out


def pair(x):
    return [np.sin(x), x * 2.0]


def pair_t(x):
    return np.sin(x), x * 2.0


def mapped(x):
    return [np.tanh(v) * v for v in x]


def rnn(R, xs):
    h = np.zeros(4)
    outs = []
    for x in xs:
        h = np.tanh(x @ R["Wx"] + h @ R["Wh"] + R["b"])
        outs.append(h @ R["Wo"])
    return outs, h


def until_negative(x):
    out = []
    for v in x:
        if v < 0.0:
            break
        out.append(v * 3.0)
    return out


def branchy_list(x):
    if x[0] > 0.0:
        return [x, x * 2.0]
    return [x * 3.0]


def outer_list(x):
    r = squares(x)
    return r


def same_twice(x):
    return [x, x]


def rows_of(m):
    out = []
    for row in m:
        out.append(row)
    return out


def lin(d, h):
    return h @ d["W"] + d["b"]


def lin_shape(d, h):
    n = d["W"].shape[0]
    return (h @ d["W"] + d["b"]) / n + len(d)


def walk_layers(layers, h):
    for layer in layers:
        h = np.tanh(lin(layer, h))
    return h


def nested_read(d, h):
    return np.tanh(h @ d["enc"]["W"] + d["enc"]["b"]) @ d["dec"]["W"]


def gate(gates, h):
    g1, g2 = gates
    return np.tanh(h * g1) + g2


def show(v):
    print("value", v)


def show_calc(v):
    s = np.sum(v * 2.0)
    print("sum", s)
    LOG.info("sum %s", s)


def show_nested(v):
    show(v)
    show_calc(v)


def bad_write_arg(v):
    v[0] = 0.0
    print(v)


def bad_iadd_arg(v):
    v += 1.0
    print(v)


def bad_sort_arg(v):
    v.sort()
    print(v)


def bad_fill_arg(v):
    v.fill(2.0)


def bad_keep_global(v):
    SEEN.append(v)
    print(len(SEEN))


def bad_write_global(v):
    BUF[:] = v
    print(BUF)


def bad_cache(v):
    CACHE["v"] = v


def bad_alias_write(v):
    w = v
    w[1] = 5.0


def bad_calls_bad(v):
    bad_write_arg(v)


def bad_append_list(hs):
    hs.append(hs[0] * 0.0)


def bad_setitem_list(hs):
    hs[0] = hs[0] * 0.0


def bad_out_arg(v):
    np.multiply(v, 3.0, out=v)


def bad_copyto_arg(v):
    np.copyto(v, 1.0)


def bad_pop_list(hs):
    hs.pop()


def bad_dict_set(d):
    d["W"] = d["W"] * 0.0


# ------------------------------------------------------------------ 1. lists returned
@prog("x")
def r_append_last(p):
    r = squares(p)
    return r[-1] + r[0]


@prog("x")
def r_append_loop_over(p):
    r = squares(p)
    s = 0.0
    for h in r:
        s = s + np.sin(h)
    return s


@prog("x")
def r_append_index_t(p):
    r = squares(p)
    s = 0.0
    for t in range(len(r)):
        s = s + r[t] * (t + 1.0)
    return s


@prog("x")
def r_append_stack(p):
    r = squares(p)
    return np.sum(np.stack(r) * p)


@prog("x")
def r_literal_unpack(p):
    a, b = pair(p)
    return np.sum(a * b)


@prog("x")
def r_literal_index(p):
    r = pair(p)
    return np.sum(r[0] * r[1] + r[-1])


@prog("x")
def r_tuple_unpack(p):
    a, b = pair_t(p)
    return np.sum(a * b)


@prog("x")
def r_comprehension_loop(p):
    r = mapped(p)
    s = 0.0
    for h in r:
        s = s + h * h
    return s


@prog("x")
def r_comprehension_stack(p):
    r = mapped(p)
    return np.sum(np.stack(r) ** 2)


@prog("R")
def r_rnn_outs_h(p):
    xs = np.array([[0.1, 0.2, -0.3], [0.4, -0.1, 0.2], [0.0, 0.3, 0.1]])
    outs, h = rnn(p, xs)
    return np.sum(np.stack(outs) ** 2) + np.sum(h)


@prog("R")
def r_rnn_last(p):
    xs = np.array([[0.1, 0.2, -0.3], [0.4, -0.1, 0.2]])
    outs, h = rnn(p, xs)
    return np.sum(outs[-1] * outs[0])


@prog("R")
def r_rnn_tuple_bound(p):
    xs = np.array([[0.1, 0.2, -0.3], [0.4, -0.1, 0.2]])
    res = rnn(p, xs)
    return np.sum(res[1]) + np.sum(res[0][-1])


@prog("R")
def r_rnn_zip_targets(p):
    xs = np.array([[0.1, 0.2, -0.3], [0.4, -0.1, 0.2], [0.0, 0.3, 0.1]])
    ys = np.array([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]])
    outs, _ = rnn(p, xs)
    s = 0.0
    for o, y in zip(outs, ys):
        s = s + np.sum((o - y) ** 2)
    return s


@prog("x")
def r_until_negative(p):
    r = until_negative(p)
    s = 0.0
    for v in r:
        s = s + v * v
    return s + len(r)


@prog("x")
def r_branchy(p):
    r = branchy_list(p)
    return np.sum(r[-1] * r[0])


@prog("x")
def r_branchy_neg(p):
    r = branchy_list(-p)
    return np.sum(r[-1] * r[0])


@prog("x")
def r_outer_list(p):
    r = outer_list(p)
    return r[1] * r[2]


@prog("x")
def r_in_loop(p):
    s = 0.0
    for k in range(3):
        r = squares(p * (k + 1.0))
        s = s + r[-1]
    return s


@prog("x")
def r_in_branch(p):
    if np.sum(p) > 0.0:
        r = squares(p)
    else:
        r = mapped(p)
    return r[0] + r[-1]


@prog("x")
def r_twice_chained(p):
    r1 = squares(p)
    r2 = squares(p * r1[-1])
    return r2[0] + r2[3]


@prog("x")
def r_alias_name(p):
    r = squares(p)
    q = r
    return q[-1] * r[0]


@prog("x")
def r_rebound(p):
    r = squares(p)
    a = r[0]
    r = mapped(p)
    b = r[0]
    return a * b


@prog("x")
def r_sum_builtin(p):
    r = squares(p)
    return sum(r)


@prog("x")
def r_passed_to_helper(p):
    r = squares(p)
    return np.sum(np.stack(pair(np.stack(r))[0]))


@prog("x")
def r_passed_whole(p):
    r = pair(p)
    return total_of(r)


def total_of(xs):
    s = 0.0
    for v in xs:
        s = s + np.sum(v)
    return s


@prog("x")
def r_same_twice_write(p):
    q = p.copy()
    r = same_twice(q)
    a = r[0]
    a[0] = 5.0
    return np.sum(q * q) + np.sum(r[1])


@prog("M")
def r_rows_view_write(p):
    q = p.copy()
    r = rows_of(q)
    q[0, 0] = 0.0
    return np.sum(r[0] * r[1])


@prog("M")
def r_local_rows_view_write(p):
    q = p * 1.0
    hs = []
    for row in q:
        hs.append(row)
    q[0] = 0.0
    return np.sum(hs[0]) + np.sum(hs[2])


@prog("x")
def r_append_then_iadd(p):
    h = p * 1.0
    hs = []
    hs.append(h)
    h += 1.0
    hs.append(h)
    return np.sum(hs[0] * hs[1])


@prog("x")
def r_append_then_setitem(p):
    h = p * 1.0
    hs = [h]
    h[0] = 3.0
    return np.sum(hs[0] * p)


@prog("x")
def r_append_then_write_elem(p):
    hs = []
    for k in range(2):
        hs.append(p * (k + 1.0))
    a = hs[0]
    a[1] = 0.0
    return np.sum(hs[0]) + np.sum(a)


@prog("x")
def r_append_after_loop_reads(p):
    hs = []
    h = p
    for t in range(3):
        h = np.sin(h) + 0.5 * h
        hs.append(h)
    s = np.sum(hs[-1])
    for h2 in hs:
        s = s + np.sum(h2 * h2)
    return s


@prog("x")
def r_append_while_break(p):
    hs = []
    h = p
    n = 0
    while True:
        h = h * 0.9 + 0.1
        hs.append(h)
        n = n + 1
        if np.sum(h) > 2.0 or n > 5:
            break
    return np.sum(hs[-1]) * len(hs)


@prog("x")
def r_append_continue(p):
    hs = []
    for i in range(4):
        if p[i] < 0.0:
            continue
        hs.append(p[i] ** 2)
    return sum(hs) + hs[-1]


@prog("x")
def r_early_return_from_loop(p):
    r = squares(p)
    for v in r:
        if v > 0.1:
            return v * 10.0
    return r[0]


@prog("x")
def r_hs_zip_ys(p):
    hs = []
    h = 0.0
    for v in p:
        h = np.tanh(h + v)
        hs.append(h)
    ys = [1.0, 0.0, -1.0, 0.5]
    s = 0.0
    for h, y in zip(hs, ys):
        s = s + (h - y) ** 2
    return s


@prog("x")
def r_enumerate_returned(p):
    r = squares(p)
    s = 0.0
    for i, v in enumerate(r, start=1):
        s = s + i * v
    return s


@prog("x")
def r_returned_reversed(p):
    r = squares(p)
    s = 0.0
    for v in reversed(r):
        s = s * 0.5 + v
    return s


@prog("x")
def r_index_negative_var(p):
    r = squares(p)
    s = 0.0
    for t in range(1, 4):
        s = s + r[-t] * t
    return s


@prog("x")
def r_returned_len_loop(p):
    r = mapped(p)
    n = len(r)
    return r[n - 1] - r[n - 2]


@prog("x")
def r_returned_list_in_cond(p):
    r = squares(p)
    if r[0] > r[1]:
        return r[0]
    return r[1]


@prog("x")
def r_returned_to_hessian_sq(p):
    a, b = pair(p)
    c, d = pair(a)
    return np.sum(c * d * b)


@prog("x")
def r_nested_lists_returned(p):
    r = [pair(v) for v in p]
    return np.sum(np.stack([a * b for a, b in r]))


@prog("x")
def r_list_of_lists_indexed(p):
    r = [pair(v) for v in p]
    return r[0][1] * r[1][0]


@prog("x")
def r_star_unpack(p):
    first, *rest = squares(p)
    return first + sum(rest)


@prog("x")
def r_unpack_from_name(p):
    r = squares(p)
    a, b, c, d = r
    return a * d + b * c


# ------------------------------------------------------------------ 2. dicts
@prog("D")
def d_lin(p):
    h = np.array([0.1, -0.2, 0.3])
    return np.sum(np.tanh(lin(p, h)))


@prog("D")
def d_shape_len(p):
    h = np.array([0.1, -0.2, 0.3])
    return np.sum(lin_shape(p, h) ** 2)


@prog("LD")
def d_walk_layers(p):
    h = np.array([0.1, -0.2, 0.3])
    return np.sum(walk_layers(p, h))


@prog("ND")
def d_nested(p):
    h = np.array([0.1, -0.2, 0.3])
    return np.sum(nested_read(p, h))


@prog("D")
def d_literal_passed(p):
    h = np.array([0.1, -0.2, 0.3])
    d = {"W": p["W"] * 2.0, "b": p["b"]}
    return np.sum(lin(d, h) * lin(p, h))


@prog("x")
def d_literal_from_array(p):
    d = {"W": np.outer(p[:3], p[1:]), "b": p[:3]}
    return np.sum(lin_shape(d, p[1:]))


@prog("D")
def d_items(p):
    s = 0.0
    for k, v in p.items():
        s = s + np.sum(v ** 2)
    return s


@prog("D")
def d_values(p):
    return sum(np.sum(np.sin(v)) for v in p.values())


@prog("D")
def d_keys_loop(p):
    s = 0.0
    for k in p:
        s = s + np.sum(p[k] * 3.0)
    return s


@prog("D")
def d_get(p):
    return np.sum(p.get("W") @ p.get("b"))


@prog("D")
def d_in(p):
    if "b" in p:
        return np.sum(p["b"] ** 3)
    return np.sum(p["W"])


@prog("D")
def d_literal_alias_write(p):
    q = p["b"].copy()
    d = {"b": q}
    q[0] = 0.0
    return np.sum(d["b"] * p["b"])


@prog("D")
def d_setitem_local(p):
    d = {"W": p["W"], "b": p["b"]}
    d["b"] = d["b"] * 3.0
    return np.sum(d["b"]) + np.sum(p["b"])


@prog("D")
def d_copy(p):
    d = dict(p)
    return np.sum(d["W"] * 2.0)


@prog("LD")
def d_list_of_dicts_index(p):
    return np.sum(p[0]["W"] @ p[1]["b"]) + len(p)


@prog("DL")
def d_dict_of_lists(p):
    s = 0.0
    for W, b in zip(p["Ws"], p["bs"]):
        s = s + np.sum(np.tanh(W @ b))
    return s


@prog("ND")
def d_nested_passed_part(p):
    h = np.array([0.1, -0.2, 0.3])
    return np.sum(lin(p["enc"], h))


@prog("D")
def d_helper_loops_items(p):
    return dict_norm(p)


def dict_norm(d):
    s = 0.0
    for k in d:
        s = s + np.sum(d[k] ** 2)
    return s / len(d)


@prog("D")
def d_returned_dict(p):
    d = make_dict(p)
    return np.sum(d["a"] * d["b"])


def make_dict(p):
    return {"a": p["W"] @ p["b"], "b": p["b"]}


@prog("D")
def d_sorted_keys(p):
    s = 0.0
    for i, k in enumerate(sorted(p)):
        s = s + (i + 1.0) * np.sum(p[k])
    return s


# ------------------------------------------------------------------ 3. nested tuples
@prog("G")
def t_gates_unpack(p):
    gates, (w, b) = p
    h = np.array([0.1, -0.2, 0.3])
    return np.sum(gate(gates, h @ w + b))


@prog("G")
def t_gates_index(p):
    h = np.array([0.1, -0.2, 0.3])
    return np.sum(gate(p[0], h) * p[1][1])


@prog("x")
def t_rebound_after_tuple(p):
    a = p * 2.0
    b = p + 1.0
    t = (a, b)
    a = a * 10.0
    return np.sum(t[0] * t[1]) + np.sum(a)


@prog("x")
def t_iadd_after_tuple(p):
    a = p * 2.0
    t = (a, p)
    a += 1.0
    return np.sum(t[0] * t[1])


@prog("x")
def t_setitem_after_tuple(p):
    a = p * 2.0
    t = (a, p)
    a[0] = 0.0
    return np.sum(t[0] * p)


@prog("x")
def t_nested_literal(p):
    (a, b), c = (p[0], p[1]), p[2]
    return a * b * c


@prog("x")
def t_swap(p):
    a, b = p[0], p[1]
    for _ in range(3):
        a, b = b, a * b + 0.5
    return a + b


@prog("G")
def t_gates_passed_loop(p):
    gates, (w, b) = p
    h = np.array([0.1, -0.2, 0.3])
    for _ in range(2):
        h = gate(gates, h @ w + b)
    return np.sum(h)


@prog("G")
def t_whole_tuple_helper(p):
    return params_sum(p)


def params_sum(params):
    gates, (w, b) = params
    g1, g2 = gates
    return np.sum(g1 * g2) + np.sum(w @ b)


@prog("x")
def t_tuple_rebuilt_in_loop(p):
    t = (p[0], p[1])
    for i in range(2):
        t = (t[1], t[0] * p[i + 2])
    return t[0] + t[1]


# ------------------------------------------------------------------ 4. enumerate / zip over containers
@prog("LD")
def e_enumerate_dicts(p):
    h = np.array([0.1, -0.2, 0.3])
    for i, layer in enumerate(p):
        h = np.tanh(lin(layer, h)) * (i + 1.0)
    return np.sum(h)


@prog("LD")
def e_zip_dicts_ws(p):
    h = np.array([0.1, -0.2, 0.3])
    for layer, w in zip(p, [0.5, 2.0]):
        h = np.tanh(lin(layer, h) * w)
    return np.sum(h)


@prog("LT")
def e_enumerate_tuples(p):
    h = np.array([0.1, -0.2, 0.3])
    for i, (W, b) in enumerate(p):
        h = np.tanh(h @ W + b * i)
    return np.sum(h)


@prog("LT")
def e_enumerate_start(p):
    h = np.array([0.1, -0.2, 0.3])
    for i, (W, b) in enumerate(p, start=1):
        h = np.tanh(h @ W / i + b)
    return np.sum(h)


@prog("x")
def e_enumerate_array_start(p):
    s = 0.0
    for i, v in enumerate(p, start=2):
        s = s + i * v * v
    return s


@prog("LD")
def e_enumerate_continue(p):
    h = np.array([0.1, -0.2, 0.3])
    for i, layer in enumerate(p):
        if i == 0:
            continue
        h = np.tanh(lin(layer, h))
    return np.sum(h)


@prog("LD")
def e_enumerate_break(p):
    h = np.array([0.1, -0.2, 0.3])
    for i, layer in enumerate(p):
        h = np.tanh(lin(layer, h))
        if i == 0:
            break
    return np.sum(h)


@prog("LD")
def e_enumerate_data_break(p):
    h = np.array([0.1, -0.2, 0.3])
    for layer in p:
        h = np.tanh(lin(layer, h))
        if np.sum(h) > 10.0:
            break
    return np.sum(h)


@prog("LD")
def e_enumerate_early_return(p):
    h = np.array([0.1, -0.2, 0.3])
    for i, layer in enumerate(p):
        h = lin(layer, h)
        if i == 1:
            return np.sum(h ** 2)
    return 0.0


@prog("LT")
def e_zip_layers_shift(p):
    s = 0.0
    for (W1, b1), (W2, b2) in zip(p, p[1:]):
        s = s + np.sum(W1 * W2) + np.sum(b1 * b2)
    return s


@prog("LD")
def e_helper_enumerates(p):
    return np.sum(enum_net(p, np.array([0.1, -0.2, 0.3])))


def enum_net(layers, h):
    for i, layer in enumerate(layers):
        h = np.tanh(h @ layer["W"] + layer["b"] / (i + 1.0))
    return h


@prog("LD")
def e_enumerate_inplace(p):
    k = np.zeros(2)
    h = np.array([0.1, -0.2, 0.3])
    for i, layer in enumerate(p):
        h = np.tanh(lin(layer, h))
        k[i] = np.sum(h)
    return np.sum(k ** 2)


@prog("LD")
def e_enumerate_collect(p):
    hs = []
    h = np.array([0.1, -0.2, 0.3])
    for i, layer in enumerate(p):
        h = np.tanh(lin(layer, h))
        hs.append(h * (i + 1.0))
    return np.sum(hs[-1]) + np.sum(hs[0])


@prog("LD")
def e_enumerate_index_back(p):
    s = 0.0
    for i, layer in enumerate(p):
        s = s + np.sum(p[i]["b"] * layer["b"])
    return s


@prog("LT")
def e_range_len_index(p):
    s = 0.0
    for i in range(len(p)):
        W, b = p[i]
        s = s + np.sum(W @ b)
    return s


@prog("LD")
def e_while_over_layers(p):
    h = np.array([0.1, -0.2, 0.3])
    i = 0
    while i < len(p):
        h = np.tanh(lin(p[i], h))
        i = i + 1
    return np.sum(h)


@prog("LD")
def e_nested_enumerate(p):
    s = 0.0
    for i, a in enumerate(p):
        for j, b in enumerate(p):
            s = s + (i + 2.0 * j) * np.sum(a["b"] * b["b"])
    return s


@prog("LD")
def e_zip_enumerate(p):
    s = 0.0
    for i, (layer, w) in enumerate(zip(p, [1.0, 3.0])):
        s = s + np.sum(layer["W"]) * w * (i + 1.0)
    return s


@prog("LD")
def e_layer_alias_rebound(p):
    h = np.array([0.1, -0.2, 0.3])
    for layer in p:
        cur = layer
        h = np.tanh(lin(cur, h))
    return np.sum(h) + np.sum(cur["b"])


@prog("LD")
def e_layer_after_loop(p):
    for layer in p:
        pass
    return np.sum(layer["W"])


@prog("LT")
def e_loop_var_after_loop(p):
    for i, (W, b) in enumerate(p):
        pass
    return np.sum(W) * i + np.sum(b)


# ------------------------------------------------------------------ 5. statements that only show
@prog("x")
def s_print(p):
    y = np.sin(p)
    print("y", y)
    return np.sum(y * y)


@prog("x")
def s_print_in_loop(p):
    s = 0.0
    for v in p:
        s = s + v * v
        print(s)
    return s


@prog("x")
def s_print_stderr(p):
    y = p * 2.0
    print(y.sum(), file=sys.stderr, end="\n")
    return np.sum(y ** 2)


@prog("x")
def s_logging(p):
    y = np.exp(p)
    logging.debug("y %s", y)
    LOG.info("sum %s", np.sum(y))
    return np.sum(y)


@prog("x")
def s_warn(p):
    y = p ** 2
    if np.sum(y) > 100.0:
        warnings.warn(f"big {np.sum(y)}")
    return np.sum(y)


@prog("x")
def s_helper_show(p):
    y = np.tanh(p)
    show(y)
    return np.sum(y ** 3)


@prog("x")
def s_helper_show_calc(p):
    y = np.tanh(p)
    show_calc(y)
    return np.sum(y ** 3)


@prog("x")
def s_helper_show_nested(p):
    y = np.tanh(p)
    show_nested(y)
    return np.sum(y ** 3)


@prog("x")
def s_show_in_branch_loop(p):
    h = p
    for i in range(3):
        h = np.sin(h) * 1.5
        if i == 1:
            show(h)
    return np.sum(h)


@prog("x")
def s_show_list(p):
    r = squares(p)
    print(r)
    show(r[-1])
    return sum(r)


@prog("D")
def s_show_dict(p):
    print(p)
    show(p["W"])
    return np.sum(p["W"] @ p["b"])


@prog("x")
def s_bad_write_arg(p):
    y = p * 2.0
    bad_write_arg(y)
    return np.sum(y * p)


@prog("x")
def s_bad_iadd_arg(p):
    y = p * 2.0
    bad_iadd_arg(y)
    return np.sum(y * p)


@prog("x")
def s_bad_sort_arg(p):
    y = p * np.array([1.0, 2.0, 3.0, 4.0])
    bad_sort_arg(y)
    return np.sum(y * np.array([1.0, 2.0, 3.0, 4.0]))


@prog("x")
def s_bad_fill_arg(p):
    y = p * 2.0
    bad_fill_arg(y)
    return np.sum(y * p)


@prog("x")
def s_bad_keep_global(p):
    y = p * 2.0
    bad_keep_global(y)
    return np.sum(y)


@prog("x")
def s_bad_write_global(p):
    y = p * 2.0
    bad_write_global(y)
    return np.sum(y * BUF)


@prog("x")
def s_bad_cache(p):
    y = p * 2.0
    bad_cache(y)
    return np.sum(y)


@prog("x")
def s_bad_alias_write(p):
    y = p * 2.0
    bad_alias_write(y)
    return np.sum(y * p)


@prog("x")
def s_bad_calls_bad(p):
    y = p * 2.0
    bad_calls_bad(y)
    return np.sum(y * p)


@prog("x")
def s_bad_append_list(p):
    hs = [p * 1.0, p * 2.0]
    bad_append_list(hs)
    return np.sum(np.stack(hs)) + len(hs)


@prog("x")
def s_bad_setitem_list(p):
    hs = [p * 1.0, p * 2.0]
    bad_setitem_list(hs)
    return np.sum(np.stack(hs) * p)


@prog("x")
def s_bad_out_arg(p):
    y = p * 2.0
    bad_out_arg(y)
    return np.sum(y * p)


@prog("x")
def s_bad_copyto_arg(p):
    y = p * 2.0
    bad_copyto_arg(y)
    return np.sum(y * p)


@prog("x")
def s_bad_pop_list(p):
    hs = [p * 1.0, p * 2.0]
    bad_pop_list(hs)
    return np.sum(np.stack(hs) * p)


@prog("D")
def s_bad_dict_set(p):
    d = {"W": p["W"] * 1.0, "b": p["b"]}
    bad_dict_set(d)
    return np.sum(d["W"]) + np.sum(d["b"])


@prog("x")
def s_bad_write_row_view(p):
    y = np.stack([p, p * 2.0])
    bad_write_arg(y[1])
    return np.sum(y * p)


@prog("x")
def s_bad_lambda_write(p):
    y = p * 2.0
    f = lambda v: v.__setitem__(0, 0.0)  # noqa: E731
    f(y)
    return np.sum(y * p)


@prog("x")
def s_bad_write_in_loop(p):
    y = p * 2.0
    for _ in range(2):
        bad_write_arg(y)
    return np.sum(y * p)


@prog("x")
def s_print_then_iadd(p):
    y = p * 2.0
    print(y)
    y += p
    print(y)
    return np.sum(y * y)


# ------------------------------------------------------------------ 5b. effects hidden inside shown values
def show_sorted(v):
    print(v.sort())


def show_neg_out(v):
    print(np.negative(v, v))


def show_sin_out(v):
    print(np.sin(v, out=v))


def show_view_write(v):
    w = v.reshape(-1)
    w[0] = 0.0
    print(w)


def show_alias_iadd(v):
    w = v
    w += 1.0
    print(w)


def show_default_list(v, acc=[]):  # noqa: B006
    acc.append(v)
    print(len(acc))


def show_nested_def(v):
    def inner():
        v[0] = 0.0
    inner()
    print(v)


def show_put(v):
    np.put(v, [0], [5.0])


def show_fstring_fill(v):
    print(f"{v.fill(1.0)}")


def show_walrus(v):
    print((v := v * 2.0))
    return None


@prog("x")
def s_print_sort(p):
    y = p * np.array([1.0, 2.0, 3.0, -4.0])
    print(y.sort())
    return np.sum(y * np.array([1.0, 2.0, 3.0, 4.0]))


@prog("x")
def s_print_copyto(p):
    y = p * 2.0
    print(np.copyto(y, p * p))
    return np.sum(y * p)


@prog("x")
def s_logging_fill(p):
    y = p * 2.0
    logging.info("%s", y.fill(1.0))
    return np.sum(y * p)


@prog("x")
def s_print_pop(p):
    hs = [p * 1.0, p * 2.0]
    print(hs.pop())
    return np.sum(np.stack(hs)) + len(hs)


@prog("x")
def s_print_append(p):
    hs = [p * 1.0]
    print(hs.append(p * 3.0))
    return np.sum(np.stack(hs))


@prog("x")
def s_print_walrus(p):
    y = p * 2.0
    print((y := y * 3.0))
    return np.sum(y * p)


@prog("x")
def s_print_iadd_dunder(p):
    y = p * 2.0
    print(y.__iadd__(p))
    return np.sum(y * y)


@prog("x")
def s_print_put(p):
    y = p * 2.0
    print(np.put(y, [0], [5.0]))
    return np.sum(y * p)


@prog("x")
def s_print_partition(p):
    y = p * np.array([1.0, -2.0, 3.0, -4.0])
    print(y.partition(2))
    return np.sum(y * np.array([1.0, 2.0, 3.0, 4.0]))


@prog("M")
def s_print_fill_diagonal(p):
    y = p * 2.0
    print(np.fill_diagonal(y, 0.0))
    return np.sum(y * p)


@prog("x")
def s_print_comprehension_append(p):
    hs = []
    print([hs.append(v * 2.0) for v in p])
    return np.sum(np.stack(hs))


@prog("x")
def s_print_setitem_operator(p):
    import operator
    y = p * 2.0
    print(operator.setitem(y, 0, 7.0))
    return np.sum(y * p)


@prog("x")
def s_warn_sort(p):
    y = p * np.array([1.0, 2.0, 3.0, -4.0])
    warnings.warn(str(y.sort()))
    return np.sum(y * np.array([1.0, 2.0, 3.0, 4.0]))


@prog("x")
def s_helper_sorted(p):
    y = p * np.array([1.0, 2.0, 3.0, -4.0])
    show_sorted(y)
    return np.sum(y * np.array([1.0, 2.0, 3.0, 4.0]))


@prog("x")
def s_helper_neg_out(p):
    y = p * 2.0
    show_neg_out(y)
    return np.sum(y * p)


@prog("x")
def s_helper_sin_out(p):
    y = p * 2.0
    show_sin_out(y)
    return np.sum(y * p)


@prog("M")
def s_helper_view_write(p):
    y = p * 2.0
    show_view_write(y)
    return np.sum(y * p)


@prog("x")
def s_helper_alias_iadd(p):
    y = p * 2.0
    show_alias_iadd(y)
    return np.sum(y * p)


@prog("x")
def s_helper_default_list(p):
    y = p * 2.0
    show_default_list(y)
    return np.sum(y * p)


@prog("x")
def s_helper_nested_def(p):
    y = p * 2.0
    show_nested_def(y)
    return np.sum(y * p)


@prog("x")
def s_helper_put(p):
    y = p * 2.0
    show_put(y)
    return np.sum(y * p)


@prog("x")
def s_helper_fstring_fill(p):
    y = p * 2.0
    show_fstring_fill(y)
    return np.sum(y * p)


@prog("x")
def s_helper_walrus(p):
    y = p * 2.0
    show_walrus(y)
    return np.sum(y * p)


@prog("x")
def s_helper_on_list_elem(p):
    hs = [p * 2.0, p * 3.0]
    show_neg_out(hs[0])
    return np.sum(np.stack(hs) * p)


@prog("D")
def s_helper_on_dict_elem(p):
    d = {"W": p["W"] * 2.0, "b": p["b"] * 1.0}
    show_neg_out(d["b"])
    return np.sum(d["W"] @ d["b"])


@prog("x")
def s_helper_on_returned_list(p):
    r = squares(p)
    show(r)
    show_neg_out(np.stack(r))
    return sum(r)


@prog("x")
def s_helper_arg_slice(p):
    y = p * 2.0
    show_neg_out(y[1:])
    return np.sum(y * p)


def show_add_out(v, w):
    print(np.add(v, w, v))


def show_fill_print(v):
    print(v.fill(1.0))


@prog("x")
def s_stmt_neg_out(p):
    y = p * 2.0
    np.negative(y, y)
    return np.sum(y * p)


@prog("x")
def s_assign_neg_out(p):
    y = p * 2.0
    z = np.negative(y, y)
    return np.sum(y * p) + np.sum(z)


@prog("x")
def s_print_add_out(p):
    y = p * 2.0
    print(np.add(y, p, y))
    return np.sum(y * p)


@prog("x")
def s_helper_add_out(p):
    y = p * 2.0
    show_add_out(y, p)
    return np.sum(y * p)


@prog("x")
def s_helper_fill_print(p):
    y = p * 2.0
    show_fill_print(y)
    return np.sum(y * p)


@prog("x")
def s_print_resize(p):
    y = p * 2.0
    print(y.resize((2, 2), refcheck=False))
    return np.sum(y * p.reshape(2, 2))


@prog("x")
def s_print_neg_out_kw(p):
    y = p * 2.0
    print(np.negative(y, out=y))
    return np.sum(y * p)


# ------------------------------------------------------------------ 6. aliasing through returned containers
def build_alias(x):
    h = x * 1.0
    out = [h]
    h[0] = 0.0
    out.append(h)
    return out


def run_keep(x):
    h = x * 1.0
    outs = []
    for _ in range(2):
        h = np.tanh(h)
        outs.append(h)
    return outs, h


def first_big(x):
    out = []
    for v in x:
        out.append(v * 2.0)
        if v > 0.4:
            return out
    return out


def write_dict_arg(d):
    d["b"][0] = 0.0
    return np.sum(d["b"])


def shown_and_returned(v):
    print(v)
    return v * 2.0


def rec_list(x, n):
    if n == 0:
        return [x]
    r = rec_list(x * 0.5, n - 1)
    return [np.sin(x), r[0]]


@prog("x")
def a_build_alias(p):
    r = build_alias(p)
    return np.sum(r[0] * p) + np.sum(r[1])


@prog("x")
def a_elem_iadd(p):
    r = pair(p)
    a = r[0]
    a += 1.0
    return np.sum(r[0] * p)


@prog("x")
def a_outs_h_iadd(p):
    outs, h = run_keep(p)
    h += 1.0
    return np.sum(outs[-1] * p)


@prog("x")
def a_outs_h_setitem(p):
    outs, h = run_keep(p)
    h[0] = 2.0
    return np.sum(outs[-1] * p) + np.sum(outs[0])


@prog("D")
def a_write_dict_arg(p):
    return write_dict_arg(p) + np.sum(p["b"] * 2.0)


@prog("LD")
def a_layer_b_iadd(p):
    s = 0.0
    for layer in p:
        b = layer["b"]
        b += 1.0
        s = s + np.sum(b * b)
    return s


@prog("x")
def a_append_reads_last(p):
    hs = [p]
    for _ in range(3):
        hs.append(np.sin(hs[-1]) * 1.5)
    return np.sum(hs[-1])


@prog("x")
def a_first_big(p):
    r = first_big(p)
    s = 0.0
    for v in r:
        s = s + v * v
    return s * len(r)


@prog("x")
def a_two_lengths(p):
    r1 = until_negative(p)
    r2 = until_negative(p[::-1] + 0.25)
    return sum(r1) * sum(r2) + len(r1) - len(r2)


@prog("x")
def a_shown_and_returned(p):
    y = shown_and_returned(np.sin(p))
    return np.sum(y * y)


@prog("x")
def a_rec_list(p):
    r = rec_list(p, 2)
    return np.sum(r[0] * r[1])


@prog("x")
def a_h_rebinds_in_loop_list(p):
    hs = []
    h = p * 1.0
    for _ in range(3):
        hs.append(h)
        h = h * 0.5 + np.sin(h)
    return np.sum(np.stack(hs) ** 2) + np.sum(h)


@prog("x")
def a_h_iadd_in_loop_list(p):
    hs = []
    h = p * 1.0
    for _ in range(3):
        hs.append(h)
        h += np.sin(h)
    return np.sum(np.stack(hs) ** 2)


@prog("x")
def a_b_alias_a_list(p):
    a = p * 1.0
    b = a
    hs = [b]
    a[1] = 0.0
    return np.sum(hs[0] * p)


@prog("G")
def a_gates_rebound_tuple(p):
    gates, (w, b) = p
    g1, g2 = gates
    gates = (g2, g1)
    h = np.array([0.1, -0.2, 0.3])
    return np.sum(gate(gates, h @ w + b) * g1)


@prog("x")
def a_print_list_of_views(p):
    m = np.stack([p, p * 2.0])
    hs = [m[0], m[1]]
    print(hs)
    m[0] = 0.0
    return np.sum(hs[0] * p)


# ------------------------------------------------------------------ 5c. more writes hidden in shown values
def zero_first(v):
    v[0] = 0.0
    return 1.0


def show_via_zero_first(v):
    print(zero_first(v))


def show_put_method(v):
    print(v.put([0], [5.0]))


def show_add_at(v):
    print(np.add.at(v, [0], 1.0))


def show_place(v):
    print(np.place(v, v > 0.5, 0.0))


def show_clip_out(v):
    print(v.clip(0.0, 0.5, out=v))


def show_cumsum_out(v):
    print(np.cumsum(v, out=v))


@prog("x")
def s_print_user_mutator(p):
    y = p * 2.0
    print(zero_first(y))
    return np.sum(y * p)


@prog("x")
def s_print_setitem_dunder(p):
    y = p * 2.0
    print(y.__setitem__(0, 1.0))
    return np.sum(y * p)


@prog("x")
def s_print_add_at(p):
    y = p * 2.0
    print(np.add.at(y, [0], y[1]))
    return np.sum(y * p)


@prog("x")
def s_print_put_method(p):
    y = p * 2.0
    print(y.put([0], [5.0]))
    return np.sum(y * p)


@prog("x")
def s_print_place(p):
    y = p * 2.0
    print(np.place(y, y > 0.5, 0.0))
    return np.sum(y * p)


@prog("x")
def s_print_putmask(p):
    y = p * 2.0
    print(np.putmask(y, y > 0.5, 0.0))
    return np.sum(y * p)


@prog("x")
def s_print_clip_out(p):
    y = p * 2.0
    print(y.clip(0.0, 0.5, out=y))
    return np.sum(y * p)


@prog("x")
def s_print_cumsum_out(p):
    y = p * 2.0
    print(np.cumsum(y, out=y))
    return np.sum(y * p)


@prog("D")
def s_print_dict_pop(p):
    d = {"W": p["W"] * 1.0, "b": p["b"] * 2.0}
    print(d.pop("b"))
    return np.sum(d["W"]) * len(d)


@prog("D")
def s_print_dict_update(p):
    d = {"W": p["W"] * 1.0, "b": p["b"] * 2.0}
    print(d.update(b=p["b"] * 5.0))
    return np.sum(d["b"])


@prog("x")
def s_print_extend(p):
    hs = [p * 1.0]
    print(hs.extend([p * 2.0]))
    return np.sum(np.stack(hs))


@prog("x")
def s_helper_via_zero_first(p):
    y = p * 2.0
    show_via_zero_first(y)
    return np.sum(y * p)


@prog("x")
def s_helper_put_method(p):
    y = p * 2.0
    show_put_method(y)
    return np.sum(y * p)


@prog("x")
def s_helper_add_at(p):
    y = p * 2.0
    show_add_at(y)
    return np.sum(y * p)


@prog("x")
def s_helper_place(p):
    y = p * 2.0
    show_place(y)
    return np.sum(y * p)


@prog("x")
def s_helper_clip_out(p):
    y = p * 2.0
    show_clip_out(y)
    return np.sum(y * p)


@prog("x")
def s_helper_cumsum_out(p):
    y = p * 2.0
    show_cumsum_out(y)
    return np.sum(y * p)
