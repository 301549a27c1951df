"""Regression: cached derivatives are keyed by everything their code depends on.

- one derivative object called with different argument structures (a list, then
  an array; lists of other lengths; dicts) uses code built for each structure,
  also from several threads at once;
- rebinding a function that ``f`` calls (a module global, a module attribute, a
  closure cell, a builtin shadowed later) gives a new derivative, in every mode;
- rebinding a data global does not rebuild anything (generated code reads it live).

References: torch float64.
"""
import threading

import numpy as np
import pytest
import torch

import pullback as pb
import regress_modules.caches_helpers as helpers
import regress_modules.caches_rebind as mod
from pullback.api.build import build_forward, build_reverse

A = np.array([0.5, -1.0, 2.0])
B = np.array([1.5, 0.25, -0.75])
X = np.array([0.5, -1.2, 2.0])
V = np.array([1.0, 0.0, -1.0])


def T(a, grad=False):
    return torch.tensor(np.asarray(a, dtype=float), dtype=torch.float64, requires_grad=grad)


def torch_grad(tf, *arrays):
    ts = [T(a, True) for a in arrays]
    return [g.numpy() for g in torch.autograd.grad(tf(*ts), ts)]


def pair_loss(p):
    return (p[0] * p[1]).sum() + (p[0] ** 2).sum()


G0, G1 = torch_grad(lambda p0, p1: (p0 * p1).sum() + (p0 ** 2).sum(), A, B)


def check_list(got, kind=list):
    assert type(got) is kind and len(got) == 2
    np.testing.assert_allclose(got[0], G0, rtol=1e-12)
    np.testing.assert_allclose(got[1], G1, rtol=1e-12)


def check_array(got):
    assert isinstance(got, np.ndarray) and got.shape == (2, 3)
    np.testing.assert_allclose(got, np.stack([G0, G1]), rtol=1e-12)


# -- argument structure -------------------------------------------------------------

@pytest.mark.parametrize("container", [list, tuple])
def test_structure_then_array_then_structure(container):
    df = pb.grad(pair_loss)
    check_list(df(container([A, B])), container)
    check_array(df(np.stack([A, B])))
    check_list(df(container([A, B])), container)


def test_array_first_then_list_and_dict():
    df = pb.grad(lambda p: (p[0] * p[1]).sum())
    np.testing.assert_allclose(df(np.stack([A, B])), np.stack([B, A]), rtol=1e-12)
    got = df([A, B])
    assert type(got) is list
    np.testing.assert_allclose(got[1], A, rtol=1e-12)
    got = df({0: A, 1: B})
    assert isinstance(got, dict) and set(got) == {0, 1}
    np.testing.assert_allclose(got[0], B, rtol=1e-12)


def test_value_and_grad_list_then_array():
    vg = pb.value_and_grad(pair_loss)
    v, g = vg([A, B])
    check_list(g)
    v, g = vg(np.stack([A, B]))
    np.testing.assert_allclose(v, pair_loss([A, B]), rtol=1e-12)
    check_array(g)


def test_list_lengths_differ():
    df = pb.grad(lambda p: (p[0] * p[1]).sum())
    assert len(df([A, B])) == 2
    got = df([A, B, A])
    assert len(got) == 3
    np.testing.assert_allclose(got[0], B, rtol=1e-12)
    np.testing.assert_allclose(got[2], np.zeros(3), atol=0)


def test_jvp_list_then_array():
    tA, tB = np.array([1.0, 2.0, 3.0]), np.array([-1.0, 0.5, 0.0])
    _, t = pb.jvp(pair_loss, ([A, B],), ([tA, tB],))
    np.testing.assert_allclose(t, G0 @ tA + G1 @ tB, rtol=1e-12)
    _, t = pb.jvp(pair_loss, (np.stack([A, B]),), (np.stack([tA, tB]),))
    np.testing.assert_allclose(t, G0 @ tA + G1 @ tB, rtol=1e-12)


def test_source_shows_the_structure_of_the_last_call():
    df = pb.grad(pair_loss)
    assert "grads = [" not in df.source  # arrays before any call
    df([A, B])
    assert "grads = [grads[0], grads[1]]" in df.source
    df(np.stack([A, B]))
    assert "grads = [" not in df.source


def test_one_object_list_and_array_under_threads():
    df = pb.grad(pair_loss)
    vg = pb.value_and_grad(pair_loss)
    errors = []
    barrier = threading.Barrier(6)

    def worker(k):
        try:
            barrier.wait()
            for it in range(25):
                if (k + it) % 2:
                    check_list(df([A, B]))
                    check_list(vg([A, B])[1])
                else:
                    check_array(df(np.stack([A, B])))
                    check_array(vg(np.stack([A, B]))[1])
                compile(df.source, "<source>", "exec")  # always one whole structure
        except BaseException as e:  # noqa: BLE001
            errors.append(repr(e))

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors[:3]


# -- rebinding what f calls -------------------------------------------------------

def g_cube(x):
    return x ** 3


def g_sin(x):
    return np.sin(x) * 2.0


@pytest.fixture
def restore():
    saved = mod.g, helpers.h, mod.SCALE
    yield
    mod.g, helpers.h, mod.SCALE = saved
    mod.__dict__.pop("abs", None)


def test_rebound_global_helper_new_and_same_grad_object(restore):
    same = pb.grad(mod.f)
    np.testing.assert_allclose(pb.grad(mod.f)(X), 2 * X, rtol=1e-12)
    np.testing.assert_allclose(same(X), 2 * X, rtol=1e-12)
    mod.g = g_cube
    np.testing.assert_allclose(pb.grad(mod.f)(X), 3 * X ** 2, rtol=1e-12)
    np.testing.assert_allclose(same(X), 3 * X ** 2, rtol=1e-12)
    mod.g = g_sin
    ref, = torch_grad(lambda t: (torch.sin(t) * 2.0).sum(), X)
    np.testing.assert_allclose(pb.value_and_grad(mod.f)(X)[1], ref, rtol=1e-12)
    np.testing.assert_allclose(same(X), ref, rtol=1e-12)
    assert "sin" in same.source


def test_rebound_global_helper_every_mode(restore):
    hess, hv = pb.hessian(mod.f), pb.hvp(mod.f)
    gg = pb.grad(pb.grad(mod.f))
    jac = pb.jacobian(lambda x: mod.g(x) * 1.0)
    pb.jvp(mod.f, (X,), (V,))
    np.testing.assert_allclose(hess(X), 2 * np.eye(3), rtol=1e-12)
    np.testing.assert_allclose(hv(X, v=V), 2 * V, rtol=1e-12)
    np.testing.assert_allclose(gg(np.array(1.5)), 2.0, rtol=1e-12)
    np.testing.assert_allclose(jac(X), np.diag(2 * X), rtol=1e-12)
    mod.g = g_cube
    _, t = pb.jvp(mod.f, (X,), (V,))
    np.testing.assert_allclose(t, (3 * X ** 2) @ V, rtol=1e-12)
    np.testing.assert_allclose(pb.hessian(mod.f)(X), np.diag(6 * X), rtol=1e-12)
    np.testing.assert_allclose(hess(X), np.diag(6 * X), rtol=1e-12)
    np.testing.assert_allclose(hv(X, v=V), 6 * X * V, rtol=1e-12)
    np.testing.assert_allclose(gg(np.array(1.5)), 9.0, rtol=1e-12)
    np.testing.assert_allclose(pb.grad(pb.grad(mod.f))(np.array(1.5)), 9.0, rtol=1e-12)
    np.testing.assert_allclose(jac(X), np.diag(3 * X ** 2), rtol=1e-12)


def test_rebound_module_attribute(restore):
    df = pb.grad(mod.f_attr)
    np.testing.assert_allclose(df(X), np.cos(X), rtol=1e-12)
    helpers.h = g_cube
    np.testing.assert_allclose(df(X), 3 * X ** 2, rtol=1e-12)
    np.testing.assert_allclose(pb.jvp(mod.f_attr, (X,), (V,))[1], (3 * X ** 2) @ V, rtol=1e-12)


def test_rebound_closure_cell():
    helper = g_cube

    def f(x):
        return np.sum(helper(x))

    df = pb.grad(f)
    np.testing.assert_allclose(df(X), 3 * X ** 2, rtol=1e-12)
    helper = g_sin  # noqa: F841  (read by f through its cell)
    ref, = torch_grad(lambda t: (torch.sin(t) * 2.0).sum(), X)
    np.testing.assert_allclose(df(X), ref, rtol=1e-12)
    np.testing.assert_allclose(pb.grad(f)(X), ref, rtol=1e-12)


def test_builtin_shadowed_after_the_first_build(restore):
    df = pb.grad(mod.f_builtin)
    x = np.array([2.0, -3.0, 1.0])
    ref, = torch_grad(lambda t: torch.abs(t[0] * t[1]) + t.sum(), x)
    np.testing.assert_allclose(df(x), ref, rtol=1e-12)
    mod.abs = g_cube  # now f_builtin calls the module's own abs
    ref, = torch_grad(lambda t: (t[0] * t[1]) ** 3 + t.sum(), x)
    np.testing.assert_allclose(df(x), ref, rtol=1e-12)


def test_data_global_rebound_reads_live_without_rebuilding(restore):
    df = pb.grad(mod.f_scaled)
    np.testing.assert_allclose(df(X), np.cos(X) * mod.SCALE, rtol=1e-12)
    before_r = build_reverse(mod.f_scaled, ("x",))
    before_f = build_forward(mod.f_scaled, ("x",))
    mod.SCALE = np.array([-1.0, 10.0, 0.5])
    np.testing.assert_allclose(df(X), np.cos(X) * mod.SCALE, rtol=1e-12)
    np.testing.assert_allclose(pb.jvp(mod.f_scaled, (X,), (V,))[1], (np.cos(X) * mod.SCALE) @ V,
                               rtol=1e-12)
    assert build_reverse(mod.f_scaled, ("x",)) is before_r
    assert build_forward(mod.f_scaled, ("x",)) is before_f


def test_unchanged_names_reuse_the_cached_code():
    df = pb.grad(mod.f)
    df(X)
    assert build_reverse(mod.f, ("x",)) is build_reverse(mod.f, ("x",))
