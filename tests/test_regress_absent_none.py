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
