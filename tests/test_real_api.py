"""has_aux (as jax.grad) and bound methods, against torch float64."""

import numpy as np
import pytest
import torch

import pullback as pb

X = np.array([0.3, -1.2, 2.0])


def t(a):
    return torch.tensor(a, dtype=torch.float64, requires_grad=True)


def torch_grad(fn, *arrays):
    ts = [t(a) for a in arrays]
    return [g.numpy() for g in torch.autograd.grad(fn(*ts), ts)]


def loss_aux(x, y):
    l = np.sum(np.sin(x) * y)
    with pb.no_grad():
        aux = {"m": x * 2, "n": 3}
    return l, aux


def test_grad_has_aux():
    g, aux = pb.grad(loss_aux, has_aux=True)(X, 1.5)
    (ref,) = torch_grad(lambda x: torch.sum(torch.sin(x) * 1.5), X)
    np.testing.assert_allclose(g, ref, rtol=1e-12)
    np.testing.assert_allclose(aux["m"], X * 2)
    assert aux["n"] == 3


def test_value_and_grad_has_aux_wrt_tuple():
    (l, aux), (gx, gy) = pb.value_and_grad(loss_aux, wrt=(0, 1), has_aux=True)(X, 1.5)
    rx, ry = torch_grad(lambda x, y: torch.sum(torch.sin(x) * y), X, np.array(1.5))
    np.testing.assert_allclose(l, np.sum(np.sin(X) * 1.5), rtol=1e-12)
    np.testing.assert_allclose(gx, rx, rtol=1e-12)
    np.testing.assert_allclose(gy, ry, rtol=1e-12)
    np.testing.assert_allclose(aux["m"], X * 2)


def no_pair(x):
    return np.sum(x)


def test_has_aux_needs_a_pair():
    with pytest.raises(TypeError, match="has_aux=True needs"):
        pb.grad(no_pair, has_aux=True)(X)


class Model:
    def __init__(self, w):
        self.W = w

    def loss(self, x, c=1.0):
        return np.sum(np.tanh(self.W @ x)) * c


W = np.array([[0.5, -0.2, 0.1], [0.3, 0.8, -0.4]])


def torch_model(w):
    return lambda x, c: torch.sum(torch.tanh(torch.tensor(w) @ x)) * c


def test_grad_of_bound_method_reads_attributes_live():
    m = Model(W)
    d = pb.grad(m.loss)
    (ref,) = torch_grad(lambda x: torch_model(W)(x, 1.0), X)
    np.testing.assert_allclose(d(X), ref, rtol=1e-12)
    m.W = W * 3  # same build, new attribute value
    (ref,) = torch_grad(lambda x: torch_model(W * 3)(x, 1.0), X)
    np.testing.assert_allclose(pb.grad(m.loss)(X), ref, rtol=1e-12)
    other = Model(-W)  # another instance of the class
    (ref,) = torch_grad(lambda x: torch_model(-W)(x, 1.0), X)
    np.testing.assert_allclose(pb.grad(other.loss)(X), ref, rtol=1e-12)


def test_bound_method_wrt_counts_visible_parameters():
    m = Model(W)
    gx, gc = pb.grad(m.loss, wrt=(0, "c"))(X, 2.0)
    rx, rc = torch_grad(torch_model(W), X, np.array(2.0))
    np.testing.assert_allclose(gx, rx, rtol=1e-12)
    np.testing.assert_allclose(gc, rc, rtol=1e-12)
    v, g = pb.value_and_grad(m.loss)(X)
    np.testing.assert_allclose(v, np.sum(np.tanh(W @ X)), rtol=1e-12)
    np.testing.assert_allclose(g, rx / 2.0, rtol=1e-12)


def test_vjp_and_jvp_of_bound_method():
    m = Model(W)
    (ref,) = torch_grad(lambda x: torch_model(W)(x, 1.0), X)
    out, back = pb.vjp(m.loss, X)
    (g,) = back(1.0)
    np.testing.assert_allclose(g, ref, rtol=1e-12)
    v = np.array([1.0, -0.5, 2.0])
    out, tan = pb.jvp(m.loss, (X,), (v,))
    np.testing.assert_allclose(tan, ref @ v, rtol=1e-12)


def test_source_of_has_aux_runs():
    d = pb.grad(loss_aux, has_aux=True)
    d(X, 1.5)
    scope = {}
    exec(compile(d.source, "<src>", "exec"), scope)
    g, aux = scope["loss_aux_grad"](X, 1.5)
    np.testing.assert_allclose(g, np.cos(X) * 1.5, rtol=1e-12)
    np.testing.assert_allclose(aux["m"], X * 2)


def test_bound_method_jvp_takes_lists_of_primals_and_tangents():
    """``pb.jvp(m.loss, [x], [v])``: primals and tangents as lists, as for a
    plain function (checked against central finite differences)."""
    class Model:
        def __init__(self, W):
            self.W = W

        def loss(self, x):
            return np.sum(np.tanh(x @ self.W))

    m = Model(np.array([[1.0, 2.0], [0.5, -1.0]]))
    x, v = np.array([0.1, 0.2]), np.array([1.0, -1.0])
    _, t = pb.jvp(m.loss, [x], [v])
    e = 1e-6
    fd = (m.loss(x + e * v) - m.loss(x - e * v)) / (2 * e)
    np.testing.assert_allclose(t, fd, rtol=1e-7)
