"""The idioms of ``container_programs.py`` against torch float64 (``torch._numpy``,
``backward()``), HIPS autograd and central differences: the gradient comes back in
the argument's own structure (lists stay lists, dicts stay dicts)."""

from __future__ import annotations

import importlib.util
import pathlib

import numpy as np
import pytest

import container_programs as P
import pullback as pb

RNG = np.random.default_rng(3)
W1, B1 = RNG.normal(size=(3, 4)), RNG.normal(size=4)
W2, B2 = RNG.normal(size=(4, 2)), RNG.normal(size=2)
X, Y = RNG.normal(size=(5, 3)), RNG.normal(size=(5, 2))
LAYERS = [(W1, B1), (W2, B2)]
DICT = {"W1": W1, "b1": B1, "W2": W2, "b2": B2}
DICTS = [{"W": W1, "b": B1}, {"W": W2, "b": B2}]
NESTED = {"enc": {"W": W1, "b": B1}, "dec": {"W": W2, "b": B2}}
RNN = {"Wh": 0.5 * RNG.normal(size=(4, 4)), "Wx": RNG.normal(size=(3, 4)),
       "b": RNG.normal(size=4), "Wo": RNG.normal(size=(4, 2))}

CASES = {
    "mlp_loss": LAYERS, "mlp_linear_last": LAYERS, "skip_first_layer": LAYERS,
    "reversed_slice": [(W1, B1), (RNG.normal(size=(4, 2)), RNG.normal(size=2))],
    "dict_loss": DICT, "dict_inline": DICT, "list_of_dicts": DICTS, "nested_dict": NESTED,
    "dict_literal": LAYERS, "dict_call": LAYERS, "list_literal_used": LAYERS,
    "comprehension_layers": LAYERS, "generator_penalty": LAYERS,
    "index_by_loop_variable": LAYERS, "slice_passed_to_helper": LAYERS,
    "element_of_dict_passed": DICT, "dict_read_whole_in_a_helper": DICT, "rnn_loss": RNN, "rnn_outputs_comprehension": RNN,
}


def _copy_of_module(name, np_module):
    path = pathlib.Path(P.__file__)
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    mod.np = np_module
    return mod


def _leaves(tree):
    if isinstance(tree, dict):
        return [v for k in tree for v in _leaves(tree[k])]
    if isinstance(tree, (list, tuple)):
        return [v for e in tree for v in _leaves(e)]
    return [tree]


def _rebuild(tree, leaves):
    it = iter(leaves)

    def go(t):
        if isinstance(t, dict):
            return {k: go(v) for k, v in t.items()}
        if isinstance(t, (list, tuple)):
            return type(t)(go(e) for e in t)
        return next(it)
    return go(tree)


def _same_structure(got, want):
    assert type(got) is type(want), (type(got), type(want))
    if isinstance(want, dict):
        assert list(got) == list(want)
        for k in want:
            _same_structure(got[k], want[k])
    elif isinstance(want, (list, tuple)):
        assert len(got) == len(want)
        for g, w in zip(got, want):
            _same_structure(g, w)


def torch_reference(name, params):
    import torch
    import torch._numpy as tnp
    mod = _copy_of_module("container_programs_torch", tnp)
    leaves = [torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in _leaves(params)]
    tree = _rebuild(params, [tnp.asarray(t) for t in leaves])
    out = getattr(mod, name)(tree, tnp.asarray(torch.tensor(X)), tnp.asarray(torch.tensor(Y)))
    out = out.tensor if hasattr(out, "tensor") else out
    out.backward()
    return _rebuild(params, [t.grad.numpy() if t.grad is not None else np.zeros(t.shape)
                             for t in leaves])


def autograd_reference(name, params):
    import autograd
    import autograd.numpy as anp
    mod = _copy_of_module("container_programs_autograd", anp)
    return autograd.grad(getattr(mod, name))(params, X, Y)


def fd_reference(name, params, eps=1e-6):
    f = getattr(P, name)
    leaves = [np.array(v, dtype=float) for v in _leaves(params)]
    out = []
    for i, leaf in enumerate(leaves):
        g = np.zeros_like(leaf)
        for idx in np.ndindex(leaf.shape):
            for sign in (1, -1):
                moved = [v.copy() for v in leaves]
                moved[i][idx] += sign * eps
                g[idx] += sign * f(_rebuild(params, moved), X, Y) / (2 * eps)
        out.append(g)
    return _rebuild(params, out)


def _close(got, want, rtol, atol):
    for g, w in zip(_leaves(got), _leaves(want)):
        np.testing.assert_allclose(g, w, rtol=rtol, atol=atol)


@pytest.mark.parametrize("name", sorted(CASES))
def test_grad_against_torch_autograd_and_fd(name):
    params = CASES[name]
    got = pb.grad(getattr(P, name))(params, X, Y)
    _same_structure(got, params)
    _close(got, torch_reference(name, params), 1e-10, 1e-12)
    _close(got, autograd_reference(name, params), 1e-10, 1e-12)
    _close(got, fd_reference(name, params), 1e-5, 1e-7)


@pytest.mark.parametrize("name", sorted(CASES))
def test_value_and_grad_value(name):
    params = CASES[name]
    value, _ = pb.value_and_grad(getattr(P, name))(params, X, Y)
    assert value == pytest.approx(getattr(P, name)(params, X, Y), rel=1e-12)


@pytest.mark.parametrize("name", ["mlp_loss", "dict_loss", "list_of_dicts",
                                  "comprehension_layers", "mlp_linear_last", "rnn_loss",
                                  "rnn_outputs_comprehension"])
def test_jvp_against_fd(name):
    f, params = getattr(P, name), CASES[name]
    rng = np.random.default_rng(1)
    tangent = _rebuild(params, [rng.normal(size=np.shape(v)) for v in _leaves(params)])
    _, tan = pb.jvp(lambda p: f(p, X, Y), (params,), (tangent,))
    eps = 1e-6
    plus = _rebuild(params, [v + eps * t for v, t in zip(_leaves(params), _leaves(tangent))])
    minus = _rebuild(params, [v - eps * t for v, t in zip(_leaves(params), _leaves(tangent))])
    assert tan == pytest.approx((f(plus, X, Y) - f(minus, X, Y)) / (2 * eps), rel=1e-6)


def test_hessian_of_a_dict_argument_says_what_to_use():
    # (once a TypeError from float(dict) inside pb.hessian)
    with pytest.raises(TypeError, match="not a dict; for lists or dicts of arrays use"):
        pb.hessian(P.dict_loss)(DICT, X, Y)



def test_the_hvp_advice_for_a_dict_argument_works():
    # what the TypeError above advises: pb.jvp(pb.grad(f), primals, tangents)
    import autograd
    import autograd.numpy as anp
    mod = _copy_of_module("container_programs_autograd_hvp", anp)
    g = autograd.grad(mod.dict_loss)
    v = {k: np.random.default_rng(4).normal(size=np.shape(a)) for k, a in DICT.items()}
    eps = 1e-6
    plus = g({k: DICT[k] + eps * v[k] for k in DICT}, X, Y)
    minus = g({k: DICT[k] - eps * v[k] for k in DICT}, X, Y)
    _, got = pb.jvp(pb.grad(P.dict_loss), (DICT, X, Y), (v, 0 * X, 0 * Y))
    hv = pb.hvp(P.dict_loss)(DICT, X, Y, v=v)  # (pb.hvp of a dict argument: the same way)
    for res in (got, hv):
        _same_structure(res, DICT)
        for k in DICT:
            np.testing.assert_allclose(res[k], (plus[k] - minus[k]) / (2 * eps), rtol=1e-5,
                                       atol=1e-7)
