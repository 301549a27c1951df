"""Minimal programs for the bugs found by the issue-12 adversarial tests (strict
xfails: a fix flips them), and refusals whose advice does not work ("ADVICE")."""

from __future__ import annotations

import logging

import numpy as np
import pytest

import pullback as pb
from adv12_check import fd_grad
from advice_check import check_against_torch

REFUSALS = (pb.UnsupportedError, pb.PullbackError)
X = np.array([0.3, -0.2, 0.45, 0.7])


def _right_or_refused(f, x=X):
    """The gradient of f at x is central differences' number, or pullback refuses."""
    try:
        g = pb.grad(f)(x.copy())
    except REFUSALS:
        return
    np.testing.assert_allclose(g, fd_grad(f, x), rtol=1e-6, atol=1e-8)


def shown_sort(x):
    y = x * np.array([1.0, 2.0, 3.0, -4.0])
    print(y.sort())
    return np.sum(y * np.array([1.0, 2.0, 3.0, 4.0]))


# (fixed: refused now, or right)
def test_print_argument_that_sorts_in_place():
    # NumPy: y = [-2.8, -0.4, 0.3, 1.35] after the sort; gradient [3, -8, 1, 8] (fd)
    _right_or_refused(shown_sort)            # pullback: [1, 4, 9, -16] (the unsorted y)


def logged_fill(x):
    y = x * 2.0
    logging.info("%s", y.fill(1.0))
    return np.sum(y * x)


# (fixed: refused now, or right)
def test_logging_argument_that_fills():
    _right_or_refused(logged_fill)           # fd: [1, 1, 1, 1]; pullback: 4 x


def shown_out(x):
    y = x * 2.0
    print(np.negative(y, out=y))
    return np.sum(y * x)


# (fixed: refused now, or right)
def test_print_argument_with_out():
    _right_or_refused(shown_out)             # fd: -4 x; pullback: 0


def shown_put(x):
    y = x * 2.0
    print(np.put(y, [0], [5.0]))
    return np.sum(y * x)


# (fixed: refused now, or right)
def test_print_argument_np_put():
    _right_or_refused(shown_put)             # fd: g[0] = 5; pullback: 4 x[0]


def show_negated(v):
    print(np.negative(v, v))


def helper_positional_out(x):
    y = x * 2.0
    show_negated(y)
    return np.sum(y * x)


# (fixed: refused now, or right)
def test_show_helper_with_positional_out():
    # (the same helper with out=v is refused, as it should be)
    _right_or_refused(helper_positional_out)  # fd: -4 x; pullback: 0


def shown_pop(x):
    hs = [x * 1.0, x * 2.0]
    print(hs.pop())
    return np.sum(np.stack(hs)) + len(hs)


# (fixed: refused now, or right)
def test_print_list_pop():
    _right_or_refused(shown_pop)             # fd: [1, 1, 1, 1]


def shown_append(x):
    hs = [x * 1.0]
    print(hs.append(x * 3.0))
    return np.sum(np.stack(hs))


# (fixed: refused now, or right)
def test_print_list_append():
    _right_or_refused(shown_append)          # fd: [4, 4, 4, 4]


def shown_resize(x):
    y = x * 2.0
    print(y.resize((2, 2), refcheck=False))
    return np.sum(y * x.reshape(2, 2))


# (fixed: refused now, or right)
def test_print_resize():
    _right_or_refused(shown_resize)


# ---------------------------------------------------------------- refusals whose advice does not work
def _advice_ok(make, misleading):
    """Either pullback builds the derivative, or its refusal does not say
    ``misleading`` (a phrase that is false of, or already followed by, the program)."""
    try:
        make()
    except REFUSALS as e:
        assert misleading not in str(e), f"misleading refusal: {e}"


def pair_list(x):
    return [np.sin(x), x * 2.0]


def unpack_pair(x):
    a, b = pair_list(x)            # already "a, b = f(x)"
    return np.sum(a * b)


# (fixed: a list unpacked into names is read element by element, in generated code too)
def test_advice_second_order_of_unpacked_returned_list():
    np.testing.assert_allclose(pb.grad(unpack_pair)(X), fd_grad(unpack_pair, X), rtol=1e-6)
    _advice_ok(lambda: pb.hessian(unpack_pair)(X), "unpack the result of a call directly")
    check_against_torch(unpack_pair, X)


def unpack_bound_list(x):
    r = pair_list(x)
    a, b = r
    return np.sum(a * np.cos(b))


def unpack_wrong_count(x):
    r = pair_list(x)
    a, b, c = r
    return np.sum(a * b * c)


def test_list_bound_then_unpacked():
    check_against_torch(unpack_bound_list, X)
    with pytest.raises(ValueError):
        pb.grad(unpack_wrong_count)(X)     # (as Python: not 3 values to unpack)


def two_returns(x):
    if x[0] > 0.0:
        return [x, x * 2.0]
    return [x * 3.0]


def use_two_returns(x):
    r = two_returns(x)
    return np.sum(r[-1] * r[0])


# (fixed: several `return [...]` build one list; the caller indexes, loops over or stacks it)
def test_advice_list_returned_from_two_returns_names_a_temporary():
    _advice_ok(lambda: pb.grad(use_two_returns)(X), "_list1")
    check_against_torch(use_two_returns, X)          # x[0] > 0: [x, 2x]
    check_against_torch(use_two_returns, -X)         # else: [3x]


def returns_in_loop(x):
    out = []
    for i in range(3):
        if np.sum(x) * i > 0.5:
            return out
        out.append(np.sin(x) * i)
    return out


def first_negative(x):
    for i in range(4):
        if x[i] < 0.0:
            return [x * i, np.cos(x)]
    return [x]


def use_returned_lists(x):
    r, q = returns_in_loop(x), first_negative(x)
    s = np.sum(np.stack(r) ** 2) + len(r)
    for v in q:
        s = s + np.sum(v * np.sin(v))
    return s


def use_returned_lists_split(x):
    r = returns_in_loop(x)
    q = first_negative(x)
    s = np.sum(np.stack(r) ** 2) + len(r)
    for v in q:
        s = s + np.sum(v * np.sin(v))
    return s


def test_lists_returned_from_several_returns():
    for x in (X, -X, X * 3.0):
        check_against_torch(use_returned_lists_split, x)


def display_or_tuple(x):
    if x[0] > 0.0:
        return [x, x * 2.0]
    out = []
    out.append(x * 3.0)
    return out


def test_list_display_and_another_list_returned_refused_by_name():
    with pytest.raises(pb.UnsupportedError, match=r"list display \(\[\.\.\.\]\) here") as e:
        pb.grad(lambda x: np.sum(display_or_tuple(x)[0]))(X)
    assert "_list" not in str(e.value) and "line " in str(e.value)


def rows_list(m):
    out = []
    for row in m:
        out.append(row)
    return out


def rows_then_write(m):
    q = m.copy()
    r = rows_list(q)
    q[0, 0] = 0.0
    return np.sum(r[0] * r[1])


# (fixed: the list is checked when it is made, and the advice works)
def test_advice_returned_views_then_write_says_bind_it():
    _advice_ok(lambda: pb.grad(rows_then_write)(np.eye(3) + 0.1), "bind it to a name first")
    with pytest.raises(pb.PullbackError, match="append copies"):
        pb.grad(rows_then_write)(np.eye(3) + 0.1)   # (NumPy: r[0] sees the write)


def rows_copied(m):
    out = []
    for row in m:
        out.append(row.copy())
    return out


def rows_copied_then_write(m):          # the advice: copies appended
    q = m.copy()
    r = rows_copied(q)
    q[0, 0] = 0.0
    return np.sum(r[0] * r[1]) + np.sum(q * q)


def rows_of_copy_then_write(m):         # the advice: a copy passed
    q = m.copy()
    r = rows_list(q.copy())
    q[0, 0] = 0.0
    return np.sum(r[0] * r[1]) + np.sum(q * q)


def test_returned_views_advice_applied():
    for f in (rows_copied_then_write, rows_of_copy_then_write):
        check_against_torch(f, np.eye(3) + 0.1, second=False)


def layer_alias(p):
    h = np.array([0.1, -0.2, 0.3])
    for layer in p:
        cur = layer
        h = np.tanh(h @ cur["W"] + cur["b"])
    return np.sum(h)


LD = [{"W": np.eye(3) * 0.5, "b": np.ones(3) * 0.1}, {"W": np.eye(3) * 0.3, "b": np.ones(3) * 0.2}]


# (fixed: a name bound only at the function's own level may name one tuple, then another)
def test_advice_dict_loop_variable_alias_called_tuple():
    _advice_ok(lambda: pb.grad(layer_alias)(LD), "layer_1")
    check_against_torch(layer_alias, LD)


def make_dict(x):
    return {"a": x * 2.0, "b": x}


def use_made_dict(x):
    d = make_dict(x)
    return np.sum(d["a"] * d["b"])


# (fixed: a helper's dict displays are its values, read by key)
def test_advice_dict_literal_returned_names_the_ast_node():
    _advice_ok(lambda: pb.grad(use_made_dict)(X), "`Dict` expression")
    check_against_torch(use_made_dict, X)


def dict_by_branch(x):
    if x[0] > 0.0:
        return {"a": x * 2.0, "b": np.sin(x)}
    return {"b": x * 3.0, "a": np.cos(x)}        # (other order: read by key)


def dict_bound_then_returned(x):
    d = dict(a=x * 2.0, b=np.sin(x))
    return d


def dict_passed_on(x):
    return dict_by_branch(x)


def sum_ab(d):
    return np.sum(d["a"] * np.cos(d["b"]))


def use_dicts(x):
    d = dict_by_branch(x)
    e = dict_passed_on(x * 0.5)
    s = np.sum(d["a"] * d["b"] ** 2) + np.sum(dict_bound_then_returned(x)["b"] * e["a"])
    for k in d:
        s = s + np.sum(d[k] * e[k])
    for key, v in e.items():
        s = s + np.sum(v) * len(key)
    return s + len(d) + sum_ab(dict_by_branch(x * 0.7))


def unpack_made_dict(x):
    a, b = make_dict(x)           # Python: the keys "a" and "b"
    return np.sum(a * b)


def test_dicts_returned_by_helpers():
    for x in (X, -X):
        check_against_torch(use_dicts, x)
    with pytest.raises(pb.UnsupportedError, match="gives its keys, not its values"):
        pb.grad(unpack_made_dict)(X)
    with pytest.raises(pb.UnsupportedError, match="returns a dict of differentiated values"):
        pb.jvp(make_dict, (X,), (X,))


def enumerate_zip(p):
    s = 0.0
    for i, (layer, w) in enumerate(zip(p, [1.0, 3.0])):
        s = s + np.sum(layer["W"]) * w * (i + 1.0)
    return s


# (fixed: enumerate(zip(...)) unpacked into names is followed, unrolled or by index)
def test_advice_enumerate_of_zip_says_zip_is_a_class():
    _advice_ok(lambda: pb.grad(enumerate_zip)(LD), "`zip` is a class")
    check_against_torch(enumerate_zip, LD)


def enumerate_zip_arrays(x):
    s = 0.0
    ys = np.cos(x)
    for i, (a, b) in enumerate(zip(x, ys), 1):
        s = s + a * b * i
    for i, (a, b, c) in enumerate(zip(x, x[1:], [1.0, 2.0, 3.0]), start=2):
        s = s + np.sin(a) * b ** i * c
    return s


def enumerate_zip_layers(p):
    h = np.array([0.1, -0.2, 0.3])
    for i, (layer, scale) in enumerate(zip(p, (0.5, 2.0))):
        h = np.tanh(h @ layer["W"] * scale + layer["b"] * i)
    return np.sum(h)


def enumerate_zip_unnamed(x):
    s = 0.0
    for i, ab in enumerate(zip(x, x[1:])):
        s = s + ab[0] * ab[1] * i
    return s


def test_enumerate_of_zip():
    check_against_torch(enumerate_zip_arrays, X)
    check_against_torch(enumerate_zip_layers, LD)
    with pytest.raises(pb.UnsupportedError, match=r"for i, \(a, b\) in enumerate\(zip"):
        pb.grad(enumerate_zip_unnamed)(X)    # (its advice is enumerate_zip_arrays' loop)


def unpack_t(t):
    a, b = t
    return a * b


def tuple_rebound(p):
    t = (p[0], p[1])
    t = (t[1], p[2])
    return unpack_t(t)


# (fixed: each binding of the tuple gives it elements of its own, in program order)
def test_advice_tuple_name_rebound_then_passed():
    _advice_ok(lambda: pb.grad(tuple_rebound)(X), "can only be returned, unpacked, or passed")
    check_against_torch(tuple_rebound, X)


def tuple_then_array(x):
    t = (x * 1.0, x * 2.0)
    a, b = t
    t = a + np.sin(b)
    return np.sum(t * t)


def tuple_read_by_loop_then_rebound(x):
    t = (x, x * 2.0)
    s = 0.0
    for i in range(2):
        s = s + np.sum(t[i] ** 2)
    t = (x * 3.0, np.cos(x))
    d = {"a": x, "b": t[1]}
    d = {"a": d["b"] * 3.0, "b": d["a"]}
    return s + np.sum(t[0] * t[1]) + np.sum(d["a"] * np.sin(d["b"]))


def test_tuple_names_rebound():
    check_against_torch(tuple_then_array, X)
    check_against_torch(tuple_read_by_loop_then_rebound, X)


def grow_reading_last(x):
    hs = [x]
    for _ in range(3):
        hs.append(np.sin(hs[-1]) * 1.5)
    return np.sum(hs[-1])


# (fixed: the list is followed as a grown list, and the refusal names the real limit)
def test_advice_append_of_last_element_advises_append():
    _advice_ok(lambda: pb.grad(grow_reading_last)(X), "build lists with `L = []` and `L.append(v)`")


def zero_first(v):
    v[0] = 0.0
    return 1.0


def shown_user_mutator(x):
    y = x * 2.0
    print(zero_first(y))
    return np.sum(y * x)


# (fixed: refused now, or right)
def test_print_of_a_helper_that_writes_its_argument():
    _right_or_refused(shown_user_mutator)    # fd: [0, -0.8, 1.8, 2.8]; pullback: g[0] = 1.2


def shown_dict_update(p):
    d = {"W": p["W"] * 1.0, "b": p["b"] * 2.0}
    print(d.update(b=p["b"] * 5.0))
    return np.sum(d["b"])


# (fixed: refused now, or right)
def test_print_dict_update_value():
    try:
        value, _ = pb.value_and_grad(shown_dict_update)({"W": X.copy(), "b": X.copy()})
    except REFUSALS:
        return
    assert value == pytest.approx(shown_dict_update({"W": X.copy(), "b": X.copy()}), rel=1e-12)


def dict_of_arg(v, w):
    return {"a": v, "b": w + 1.0}


def dict_of_copies(v, w):
    return {"a": v.copy(), "b": w + 1.0}


def dict_arg_then_written(x):
    a = np.sin(x)
    d = dict_of_arg(a, x)
    a *= 2.0
    return np.sum(d["a"] * x)


def dict_advice_copied_arg(x):
    a = np.sin(x)
    d = dict_of_arg(a.copy(), x)
    a *= 2.0
    return np.sum(d["a"] * x)


def dict_advice_copies_inside(x):
    a = np.sin(x)
    d = dict_of_copies(a, x)
    a *= 2.0
    return np.sum(d["a"] * x)


def test_dict_result_sharing_an_argument_advice_works():
    with pytest.raises(pb.PullbackError, match="returned a dict holding an argument's array"):
        pb.grad(dict_arg_then_written)(X)
    for f in (dict_advice_copied_arg, dict_advice_copies_inside):
        check_against_torch(f, X, second=False)   # (second order: refused at run time)
