"""A branch's ``x_bar = None`` read by a loop later in the same branch must stay.

The memory fuzzer (seed 1374) found a wrong Hessian: in the adjoint of the
tangent code, ``b_dot_bar = None`` before a loop in an ``else`` was dropped as
"dead after the if", so the loop accumulated into a stale cotangent.
"""
import numpy as np
import pytest
import torch

import pullback as pb


def prog(x):
    b = x + 1.0
    k = np.zeros(3)
    if np.sum(x) > 0.45:
        b = x
    else:
        for i1 in range(1):
            b = x / (1.5 + b ** 2)
            k[0] = np.sum(b)
        b = x * 2.0
    return np.sum(b) + np.sum(k * x)


def tprog(x):
    b = x + 1.0
    k = torch.zeros(3, dtype=torch.float64)
    if torch.sum(x) > 0.45:
        b = x
    else:
        for i1 in range(1):
            b = x / (1.5 + b ** 2)
            k = torch.cat([torch.sum(b).reshape(1), k[1:]])
        b = x * 2.0
    return torch.sum(b) + torch.sum(k * x)


@pytest.mark.parametrize("x0", [[-0.3, -0.2, -0.9], [0.3, 0.2, 0.9]])
def test_hessian_of_loop_after_inactive_assignment(x0):
    x0 = np.array(x0)
    ref = torch.autograd.functional.hessian(tprog, torch.tensor(x0)).numpy()
    np.testing.assert_allclose(pb.hessian(prog)(x0), ref, rtol=1e-10, atol=1e-12)
    v = np.array([1.0, -0.5, 0.25])
    g = pb.grad(prog)
    _, hv = pb.jvp(g, (x0,), (v,))
    np.testing.assert_allclose(hv, ref @ v, rtol=1e-10, atol=1e-12)


W = np.array([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]])


def prog_shape_push(x):
    a = x * 0.5
    b = x + 1.0
    c = np.sin(x)
    m = np.zeros((2, 3))
    if np.sum(x) > -0.14:
        a = (b * x / (1.5 + (c) ** 2))
    else:
        m[:, 0] = (np.exp(-(a - m.T[:, 1]) * (a - m.T[:, 1]) / 4.0))[:2]
    return np.sum(a * b + c) + np.sum(m * W)


def tprog_shape_push(x):
    a = x * 0.5
    b = x + 1.0
    c = torch.sin(x)
    m = torch.zeros((2, 3), dtype=torch.float64)
    if torch.sum(x) > -0.14:
        a = (b * x / (1.5 + (c) ** 2))
    else:
        m = m.clone()
        m[:, 0] = (torch.exp(-(a - m.T[:, 1]) * (a - m.T[:, 1]) / 4.0))[:2]
    return torch.sum(a * b + c) + torch.sum(m * torch.tensor(W))


@pytest.mark.parametrize("x0", [[0.3, -0.2, 0.9], [-0.3, -0.2, -0.9]])
def test_hessian_shape_push_before_first_binding(x0):
    """The tape pushes ``shape_of(m_dot)`` in a branch where ``m_dot`` is not yet
    bound (fuzzer seeds 1011, 1038, 1401, 1506, 1842 crashed with
    UnboundLocalError): it must start as None like any value pushed early."""
    x0 = np.array(x0)
    ref = torch.autograd.functional.hessian(tprog_shape_push, torch.tensor(x0)).numpy()
    np.testing.assert_allclose(pb.hessian(prog_shape_push)(x0), ref, rtol=1e-10, atol=1e-12)
