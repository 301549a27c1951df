"""Forward mode leaving a loop by ``break`` in the turn that made a tangent zero.

Found by the memory fuzzer (seed 200): ``b = m[0]`` (no derivative) inside a
loop, then ``break``. The tangent of ``b`` was set to zero at the end of the
body, after the loop's exit, so leaving in the first turn kept ``b``'s old
tangent: a silent wrong jvp (reverse mode was right).
"""

import numpy as np
import pytest
import torch

import pullback as pb

X = np.array([0.25, -0.5, 0.75])
T = np.array([1.0, -2.0, 0.5])


def killed_then_break(x):
    a = x * 0.5
    b = x + 1.0
    m = np.zeros((2, 3))
    for i in range(3):
        b = m[0]
        if np.sum(a) > -0.62:
            break
    return np.sum(a * b)


def killed_then_break_later(x):
    b = x * 2.0
    s = 0.0
    for i in range(4):
        s = s + np.sum(b * x)
        b = np.ones(3)
        if i == 1:
            break
        b = b * x[i]
    return s + np.sum(b)


@pytest.mark.parametrize("f", [killed_then_break, killed_then_break_later])
def test_jvp_after_break_matches_torch(f):
    tt = torch.tensor(T, dtype=torch.float64)
    # the directional derivative from torch's gradient of the torch twin
    x = torch.tensor(X, dtype=torch.float64, requires_grad=True)
    out = TORCH[f.__name__](x)
    (g,) = torch.autograd.grad(out, x)
    _, got = pb.jvp(f, (X,), (T,))
    np.testing.assert_allclose(got, float(g @ tt), rtol=1e-12, atol=1e-12)
    h = 1e-6
    fd = (f(X + h * T) - f(X - h * T)) / (2 * h)
    np.testing.assert_allclose(got, fd, rtol=1e-6, atol=1e-8)


def t_killed_then_break(x):
    a = x * 0.5
    b = x + 1.0
    m = torch.zeros((2, 3), dtype=torch.float64)
    for i in range(3):
        b = m[0]
        if torch.sum(a) > -0.62:
            break
    return torch.sum(a * b)


def t_killed_then_break_later(x):
    b = x * 2.0
    s = 0.0
    for i in range(4):
        s = s + torch.sum(b * x)
        b = torch.ones(3, dtype=torch.float64)
        if i == 1:
            break
        b = b * x[i]
    return s + torch.sum(b)


TORCH = {"killed_then_break": t_killed_then_break,
         "killed_then_break_later": t_killed_then_break_later}
