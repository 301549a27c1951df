"""Regression: pb.export's ``*_grad`` returns what pb.grad returns (lists, tuples,
dicts rebuilt for the structure it was built for) and reads the model module's
globals when called, as pb.grad does. References: torch float64."""
import importlib.util
import sys

import numpy as np
import pytest
import torch

import pullback as pb
import regress_modules.export_model as model

RNG = np.random.default_rng(7)
W, B, X = RNG.standard_normal((3, 4)), RNG.standard_normal(3), RNG.standard_normal(4)
W2, B2 = RNG.standard_normal((2, 3)), RNG.standard_normal(2)


def T(a, grad=False):
    return torch.tensor(np.asarray(a, dtype=float), dtype=torch.float64, requires_grad=grad)


def load(tmp_path, df, name):
    path = tmp_path / f"{name}.py"
    path.write_text(pb.export(df))
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[name]
    return module


def torch_list_refs():
    tW, tb = T(W, True), T(B, True)
    h = torch.tanh(tW @ T(X) + tb) * T(model.SCALE)
    return [g.numpy() for g in torch.autograd.grad((h ** 2).sum(), [tW, tb])]


@pytest.mark.parametrize("kind", [list, tuple])
def test_list_and_tuple_structure(tmp_path, kind):
    df = pb.grad(model.list_loss)
    params = kind([W, B])
    want = df(params, X)
    got = load(tmp_path, df, f"exp_list_{kind.__name__}").list_loss_grad(params, X)
    assert type(got) is type(want) is kind and len(got) == 2
    for g, r in zip(got, torch_list_refs()):
        np.testing.assert_allclose(g, r, rtol=1e-12)


def test_dict_structure_and_value_and_grad(tmp_path):
    vg = pb.value_and_grad(model.dict_loss)
    params = {"W": W, "b": B}
    vg(params, X)
    value, got = load(tmp_path, vg, "exp_dict").dict_loss_value_and_grad(params, X)
    np.testing.assert_allclose(value, model.dict_loss(params, X), rtol=1e-12)
    assert isinstance(got, dict) and list(got) == ["W", "b"]
    gW, gb = torch_list_refs()
    np.testing.assert_allclose(got["W"], gW, rtol=1e-12)
    np.testing.assert_allclose(got["b"], gb, rtol=1e-12)


def test_nested_structure(tmp_path):
    df = pb.grad(model.nested_loss)
    params = [(W, B), (W2, B2)]
    df(params, X)
    got = load(tmp_path, df, "exp_nested").nested_loss_grad(params, X)
    assert type(got) is list and all(type(p) is tuple for p in got)
    ts = [T(a, True) for a in (W, B, W2, B2)]
    h = torch.tanh(ts[0] @ T(X) + ts[1])
    refs = torch.autograd.grad(((ts[2] @ h + ts[3]) ** 2).sum() * model.OFFSET, ts)
    for g, r in zip([got[0][0], got[0][1], got[1][0], got[1][1]], refs):
        np.testing.assert_allclose(g, r.numpy(), rtol=1e-12)


def test_one_leaf_list(tmp_path):
    df = pb.grad(model.one_leaf_loss)
    df([W], X)
    got = load(tmp_path, df, "exp_one_leaf").one_leaf_loss_grad([W], X)
    assert type(got) is list and len(got) == 1
    tW = T(W, True)
    ref, = torch.autograd.grad((torch.tanh(tW @ T(X)) * T(model.SCALE)).sum(), [tW])
    np.testing.assert_allclose(got[0], ref.numpy(), rtol=1e-12)


def test_several_wrt_with_a_list(tmp_path):
    df = pb.grad(model.two_args_loss, wrt=(0, 1))
    df([W, B], X)
    got = load(tmp_path, df, "exp_two").two_args_loss_grad([W, B], X)
    assert type(got) is tuple and len(got) == 2 and type(got[0]) is list
    tW, tb, tx = T(W, True), T(B, True), T(X, True)
    refs = torch.autograd.grad((torch.tanh(tW @ tx + tb) ** 2).sum() * model.OFFSET,
                               [tW, tb, tx])
    for g, r in zip([got[0][0], got[0][1], got[1]], refs):
        np.testing.assert_allclose(g, r.numpy(), rtol=1e-12)


def test_globals_read_when_called(tmp_path):
    df = pb.grad(model.scaled_loss)
    x = np.array([0.3, -0.7, 1.1])
    fn = load(tmp_path, df, "exp_scaled").scaled_loss_grad
    saved = model.SCALE, model.OFFSET
    try:
        for scale, offset in [(np.array([-1.0, 10.0, 0.5]), 4.0), (np.ones(3), -2.0)]:
            model.SCALE, model.OFFSET = scale, offset
            tx = T(x, True)
            ref, = torch.autograd.grad((torch.sin(tx) * T(scale)).sum() +
                                       offset * (tx ** 2).sum(), [tx])
            np.testing.assert_allclose(fn(x), ref.numpy(), rtol=1e-12)
            np.testing.assert_allclose(df(x), ref.numpy(), rtol=1e-12)
    finally:
        model.SCALE, model.OFFSET = saved
