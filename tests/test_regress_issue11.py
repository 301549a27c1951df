"""Regressions from the adversarial tests of issue 11, against torch float64 and
central differences."""

from __future__ import annotations

import numpy as np
import pytest

import harness
import pullback as pb


def loop_over_its_own_name(x):
    s = 0.0
    for x in x:
        s = s + np.sum(x * x)
    return s


def test_a_loop_over_the_name_of_its_own_target():
    # ``for x in x`` was ``x = x[i]`` of the rebound x from the second turn on: an
    # IndexError on a vector, silently the wrong rows of a matrix
    m = np.array([[0.3, -0.2], [0.45, 1.1], [0.7, -0.5]])
    harness.check_grad(loop_over_its_own_name, (m,), references=("torch", "fd"),
                       require=("torch",))
    harness.check_grad(loop_over_its_own_name, (m[0],), references=("torch", "fd"),
                       require=("torch",))
    harness.check_jvp(loop_over_its_own_name, (m,), references=("fd",))


def sum_of_floats(a):
    return sum([a, a * a, 2.0])


def test_tangent_of_a_sum_of_python_floats_is_float64():
    _, t = pb.jvp(sum_of_floats, (0.1234567,), (1.0,))
    assert abs(float(t) - (1.0 + 2.0 * 0.1234567)) < 1e-14
    assert np.asarray(t).dtype == np.float64


def _cell(gates, h):
    (wf, bf), (wi, bi) = gates
    return np.tanh(h @ wf + bf + h @ wi + bi)


def nested_unpack_then_pass(params, h):
    gates, (w, b) = params
    return np.sum(_cell(gates, h) * w) + b


def test_a_tuple_element_that_is_a_container_keeps_its_elements():
    # ``gates, (w, b) = params`` made ``gates`` a tuple of opaque temporaries: a
    # RecursionError when passed on, or a refusal; the elements are pinned now
    import autograd
    import autograd.numpy as anp
    rng = np.random.default_rng(2)
    gates = [(rng.normal(size=(2, 2)), rng.normal(size=2)) for _ in range(2)]
    params = (gates, (rng.normal(size=2), 0.5))
    h = rng.normal(size=2)
    got = pb.grad(nested_unpack_then_pass)(params, h)

    def twin(p, h):
        (wf, bf), (wi, bi) = p[0]
        w, b = p[1]
        return anp.sum(anp.tanh(h @ wf + bf + h @ wi + bi) * w) + b
    want = autograd.grad(twin)(params, h)
    np.testing.assert_allclose(got[0][0][0], want[0][0][0], rtol=1e-12)
    np.testing.assert_allclose(got[0][1][1], want[0][1][1], rtol=1e-12)
    np.testing.assert_allclose(got[1][0], want[1][0], rtol=1e-12)
    assert float(got[1][1]) == 1.0


def rebound_after_packing(x):
    a = x * 2.0
    t = ((a, x), 3.0)
    a = a * 10.0
    (p, q), r = t
    return np.sum(p * q) * r + np.sum(a)


def test_a_nested_tuple_keeps_the_values_it_was_built_from():
    harness.check_grad(rebound_after_packing, (np.array([0.3, -0.2]),),
                       references=("torch", "fd"), require=("torch",))


def closure_loops_over_params(params, x):
    def one(v):
        h = v
        for w, b in params:
            h = np.tanh(h @ w + b)
        return np.sum(h)
    return one(x)


def closure_unpacks_param(params, x):
    def one(v):
        w, b = params[0]
        return np.sum(np.tanh(v @ w + b))
    return one(x)


def test_a_nested_function_reading_the_callers_list_of_layers():
    # (an AttributeError, and a refusal: the nested function now gets the container)
    import autograd
    import autograd.numpy as anp
    rng = np.random.default_rng(2)
    layers = [(rng.normal(size=(3, 3)), rng.normal(size=3)) for _ in range(2)]
    x = rng.normal(size=(5, 3))

    def twin_loop(ps):
        h = x
        for w, b in ps:
            h = anp.tanh(h @ w + b)
        return anp.sum(h)

    def twin_first(ps):
        w, b = ps[0]
        return anp.sum(anp.tanh(x @ w + b))
    for f, twin in ((closure_loops_over_params, twin_loop), (closure_unpacks_param, twin_first)):
        got, want = pb.grad(f)(layers, x), autograd.grad(twin)(layers)
        for (gw, gb), (ww, wb) in zip(got, want):
            np.testing.assert_allclose(gw, ww, rtol=1e-10, atol=1e-12)
            np.testing.assert_allclose(gb, wb, rtol=1e-10, atol=1e-12)


# ---------------------------------------------------------------- for ... in reversed(...)
def reversed_array(x):
    s, k = 0.0, 1.0
    for v in reversed(x):
        s = s + v * k
        k = k + 1.0
    return s


def reversed_grown_list(x):
    hs = []
    for v in x:
        hs.append(np.sin(v))
    s, k = 0.0, 1.0
    for h in reversed(hs):
        s = s + h * k
        k = k * 2.0
    return s


def reversed_display(x):
    s, k = 0.0, 1.0
    for v in reversed([x[0], x[1] * 2.0, x[2]]):
        s = s + v * k
        k = k + 1.0
    return s


def test_loops_over_reversed():
    x = np.array([0.3, -0.2, 0.45])
    for f in (reversed_array, reversed_grown_list, reversed_display):
        harness.check_grad(f, (x,), references=("torch", "fd"), require=("torch",))
        harness.check_jvp(f, (x,), references=("fd",))


def reversed_layers(params, x):
    h = x
    for w, b in reversed(params):
        h = np.tanh(h @ w + b)
    return np.sum(h)


def test_loop_over_reversed_layers():
    import autograd
    import autograd.numpy as anp
    rng = np.random.default_rng(0)
    layers = [(rng.normal(size=(3, 3)), rng.normal(size=3)) for _ in range(2)]
    x = rng.normal(size=3)

    def twin(ps):
        h = x
        for w, b in reversed(ps):
            h = anp.tanh(h @ w + b)
        return anp.sum(h)
    got, want = pb.grad(reversed_layers)(layers, x), autograd.grad(twin)(layers)
    for (gw, gb), (ww, wb) in zip(got, want):
        np.testing.assert_allclose(gw, ww, rtol=1e-10)
        np.testing.assert_allclose(gb, wb, rtol=1e-10)


# ---------------------------------------------------------------- loops over a dict's keys
def l2_over_keys(p, x):
    reg = 0.0
    for k in p:
        reg = reg + np.sum(p[k] ** 2)
    return np.sum(np.tanh(x @ p["W"] + p["b"])) + 0.1 * reg


def l2_over_values(p, x):
    return np.sum(np.tanh(x @ p["W"] + p["b"])) + sum(np.sum(v ** 2) for v in p.values())


def weighted_over_items(p, x):
    s = 0.0
    for name, v in p.items():
        w = 2.0 if name == "W" else 1.0
        s = s + w * np.sum(v * v)
    return s + np.sum(x @ p["W"])


def key_rebound_in_the_body(p, x):
    s = 0.0
    for k in p.keys():
        s = s + np.sum(p[k])
        k = "W"
        s = s + np.sum(p[k]) * 0.5
    return s + np.sum(x)


def test_loops_over_a_dicts_keys_values_and_items():
    import types
    import autograd
    import autograd.numpy as anp
    rng = np.random.default_rng(0)
    p = {"W": rng.normal(size=(3, 2)), "b": rng.normal(size=2)}
    x = rng.normal(size=(4, 3))
    with pytest.raises(pb.UnsupportedError, match="loop variable bound only by the loop"):
        pb.grad(key_rebound_in_the_body)(p, x)  # (k is then a variable: p[k] not constant)
    for f in (l2_over_keys, l2_over_values, weighted_over_items):
        g = dict(f.__globals__)
        g["np"] = anp
        twin = types.FunctionType(f.__code__, g)
        got, want = pb.grad(f)(p, x), autograd.grad(twin)(p, x)
        assert list(got) == list(p)
        for k in p:
            np.testing.assert_allclose(got[k], want[k], rtol=1e-10, atol=1e-12)


def over_a_list_of_key_names(p, x):
    h = x
    for name in ["enc", "dec"]:
        h = np.tanh(h @ p[name]["W"] + p[name]["b"])
    return np.sum(h)


def test_a_loop_over_a_list_of_key_names():
    import types
    import autograd
    import autograd.numpy as anp
    rng = np.random.default_rng(1)
    p = {k: {"W": rng.normal(size=(3, 3)), "b": rng.normal(size=3)} for k in ("enc", "dec")}
    x = rng.normal(size=(2, 3))
    g = dict(over_a_list_of_key_names.__globals__)
    g["np"] = anp
    twin = types.FunctionType(over_a_list_of_key_names.__code__, g)
    got, want = pb.grad(over_a_list_of_key_names)(p, x), autograd.grad(twin)(p, x)
    for k in p:
        for leaf in ("W", "b"):
            np.testing.assert_allclose(got[k][leaf], want[k][leaf], rtol=1e-10, atol=1e-12)


def over_a_dict_literal(x):
    d = {0: x[1] * 3.0, 1: x[0]}
    s = 0.0
    for k in d:  # the keys 0 and 1 (a loop by index read the values: a wrong number)
        s = s + x[k] * (k + 2.0) + d[k]
    return s


def over_a_dict_literal_reversed(x):
    d = {"a": x[0] * 2.0, "b": x[1]}
    s, w = 0.0, 1.0
    for k in reversed(d):
        s = s + d[k] * w
        w = w + 1.0
    return s


def test_a_loop_over_a_dict_literal_takes_its_keys():
    x = np.array([0.3, -0.2])
    with pytest.raises(pb.UnsupportedError):  # (reversed(d) is a call given d: not followed)
        pb.grad(over_a_dict_literal_reversed)(x)
    for f in (over_a_dict_literal,):
        harness.check_grad(f, (x,), references=("torch", "fd"), require=("torch",))
        harness.check_jvp(f, (x,), references=("fd",))
        assert pb.value_and_grad(f)(x)[0] == pytest.approx(f(x), rel=1e-12)


def over_a_dict_it_cannot_see(x, cfg):
    s = 0.0
    for k in cfg:  # (a loop by index read cfg's values: a silently wrong number)
        s = s + x[0] * k
    return s


def over_the_keys_as_advised(x, cfg):
    s = 0.0
    for k in list(cfg):
        s = s + x[0] * k
    return s


def test_a_loop_over_a_dict_pullback_cannot_see_raises_with_advice_that_works():
    x, cfg = np.array([0.3, -0.2]), {0: 5.0, 1: 7.0}
    with pytest.raises(pb.PullbackError, match="for k in list"):
        pb.grad(over_a_dict_it_cannot_see)(x, cfg)
    value, g = pb.value_and_grad(over_the_keys_as_advised)(x, cfg)
    assert value == pytest.approx(over_a_dict_it_cannot_see(x, cfg))
    np.testing.assert_allclose(g, [1.0, 0.0])  # d/dx0 of x0 * (0 + 1)
