"""pb.jacobian against torch.autograd.functional.jacobian (float64): more outputs
than inputs and fewer, matrix arguments, loops and while loops (every row's
backward sweep reuses the one forward sweep's saved values), both modes."""

import numpy as np
import pytest
import torch
from torch.autograd.functional import jacobian as tjac

import pullback as pb


def k_of(x):
    k = np.zeros(2)
    k[0] = x[0] ** 2 + 3 * x[1]
    k[1] = x[1] ** 2 + 2 * x[0]
    return k


def t_k_of(x):
    return torch.stack([x[0] ** 2 + 3 * x[1], x[1] ** 2 + 2 * x[0]])


def widen(x):  # 2 inputs -> 5 outputs
    return np.concatenate([np.sin(x) * x[0], np.cos(x), [x[0] * x[1]]])


def t_widen(x):
    return torch.cat([torch.sin(x) * x[0], torch.cos(x), (x[0] * x[1]).reshape(1)])


def narrow(x):  # 6 inputs -> 2 outputs
    return np.array([np.sum(x ** 2), np.prod(np.tanh(x))])


def t_narrow(x):
    return torch.stack([torch.sum(x ** 2), torch.prod(torch.tanh(x))])


def matrix(a):  # (2, 3) -> (3,)
    return np.tanh(a).T @ np.array([1.5, -0.5]) + a[0] * a[1]


def t_matrix(a):
    return torch.tanh(a).T @ torch.tensor([1.5, -0.5], dtype=torch.float64) + a[0] * a[1]


def looped(x):  # a for loop: the adjoint pops a stack, once per row
    h = x
    for i in range(5):
        h = np.cos(h) * 0.9 + x * 0.1 * i
    return h[::-1] * h[0]


def t_looped(x):
    h = x
    for i in range(5):
        h = torch.cos(h) * 0.9 + x * 0.1 * i
    return torch.flip(h, [0]) * h[0]


def doubling(x):  # a data-dependent while loop and an if
    y = x * 2.0
    while np.linalg.norm(y) < 100.0:
        y = y * 2.0 + np.sin(y)
    if np.sum(y) > 0:
        return y * y[0]
    return y * 3.0


def t_doubling(x):
    y = x * 2.0
    while torch.linalg.norm(y) < 100.0:
        y = y * 2.0 + torch.sin(y)
    if torch.sum(y) > 0:
        return y * y[0]
    return y * 3.0


CASES = [
    (k_of, t_k_of, np.array([2.0, 3.0])),
    (widen, t_widen, np.array([0.3, -1.2])),
    (narrow, t_narrow, np.linspace(-1.0, 1.3, 6)),
    (matrix, t_matrix, np.arange(6.0).reshape(2, 3) / 7.0 - 0.3),
    (looped, t_looped, np.array([0.2, -0.7, 1.1])),
    (doubling, t_doubling, np.array([0.5, -0.2, 0.9])),
    (doubling, t_doubling, np.array([-0.5, -0.2, 0.1])),
]


@pytest.mark.parametrize("mode", ["reverse", "forward"])
@pytest.mark.parametrize("f,tf,x", CASES, ids=lambda c: getattr(c, "__name__", None))
def test_against_torch(f, tf, x, mode):
    want = tjac(tf, torch.tensor(x, dtype=torch.float64)).numpy()
    J = pb.jacobian(f, mode=mode)
    for _ in range(2):  # the second call runs the cached build
        got = J(x)
        assert got.shape == want.shape
        np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-12)


def test_closed_form_k():
    x = np.array([2.0, 3.0])
    np.testing.assert_array_equal(pb.jacobian(k_of)(x), [[4.0, 3.0], [2.0, 6.0]])


def two(x, y):
    return x * y[0], np.sin(y) * x[1]


def t_two(x, y):
    return x * y[0], torch.sin(y) * x[1]


@pytest.mark.parametrize("mode", ["reverse", "forward"])
def test_two_arguments_two_outputs(mode):
    x, y = np.array([0.4, 1.3]), np.array([-0.6, 0.2, 0.8])
    want = tjac(t_two, (torch.tensor(x), torch.tensor(y)))
    got = pb.jacobian(two, wrt=(0, 1), mode=mode)(x, y)
    for k in range(2):
        for j in range(2):
            np.testing.assert_allclose(got[k][j], want[k][j].numpy(), rtol=1e-12, atol=1e-14)


def test_keyword_and_integer_arguments_take_the_checked_path():
    x = np.array([2.0, 3.0])
    np.testing.assert_allclose(pb.jacobian(k_of)(x=x), [[4.0, 3.0], [2.0, 6.0]])
    with pytest.raises(TypeError):
        pb.jacobian(k_of)(np.array([2, 3]))
