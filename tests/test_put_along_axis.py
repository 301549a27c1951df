"""``np.put_along_axis`` (issue 12): NumPy's in-place write along an axis, followed
as the indexed write it is (``a[along_axis_index(a.shape, i, axis)] = v``), in
reverse and forward mode, against torch's ``scatter`` and central differences."""

import numpy as np
import pytest
import torch

import pullback as pb

D = torch.float64
X = np.array([0.3, -0.5, 0.9])
WEIGHTS = np.arange(6.0).reshape(2, 3)


def along_rows(x):
    m = np.zeros((2, 3))
    m[0] = x
    idx = np.array([[2, 0], [1, 2]])
    np.put_along_axis(m, idx, np.stack([x[:2], x[1:] ** 2]), 1)
    return np.sum(m * WEIGHTS)


def t_along_rows(x):
    m = torch.zeros((2, 3), dtype=D)
    m[0] = x
    idx = torch.tensor([[2, 0], [1, 2]])
    m = m.scatter(1, idx, torch.stack([x[:2], x[1:] ** 2]))
    return torch.sum(m * torch.tensor(WEIGHTS, dtype=D))


def along_columns_negative_axis(x):
    m = np.ones((2, 3)) * x
    np.put_along_axis(m, np.array([[1, 0, 1]]), np.sin(x)[None, :], axis=-2)
    return np.sum(m * m * WEIGHTS)


def t_along_columns_negative_axis(x):
    m = torch.ones((2, 3), dtype=D) * x
    m = m.scatter(0, torch.tensor([[1, 0, 1]]), torch.sin(x)[None, :])
    return torch.sum(m * m * torch.tensor(WEIGHTS, dtype=D))


@pytest.mark.parametrize("f, tf", [(along_rows, t_along_rows),
                                   (along_columns_negative_axis, t_along_columns_negative_axis)])
def test_put_along_axis_matches_torch_scatter(f, tf):
    t = torch.tensor(X, dtype=D, requires_grad=True)
    (want,) = torch.autograd.grad(tf(t), t)
    np.testing.assert_allclose(pb.grad(f)(X), want.numpy(), rtol=1e-12, atol=1e-12)
    v = np.array([1.0, -2.0, 0.5])
    _, jv = pb.jvp(f, (X,), (v,))
    np.testing.assert_allclose(jv, want.numpy() @ v, rtol=1e-12, atol=1e-12)


def flat_axis_none(x):
    k = np.zeros(6)
    np.put_along_axis(k, np.array([4, 1, 0]), x * x, None)
    return np.sum(k * np.arange(1.0, 7.0))


def test_put_along_axis_without_an_axis_writes_the_flat_array():
    h = 1e-6
    fd = [(flat_axis_none(X + h * e) - flat_axis_none(X - h * e)) / (2 * h) for e in np.eye(3)]
    np.testing.assert_allclose(pb.grad(flat_axis_none)(X), fd, rtol=1e-7)


def repeated_index(x):
    m = np.zeros((1, 3))
    np.put_along_axis(m, np.array([[0, 0]]), x[None, :2], 1)
    return np.sum(m)


def test_a_repeated_index_has_no_derivative():
    with pytest.raises(pb.PullbackError, match="more than once"):
        pb.grad(repeated_index)(X)
