"""Regressions (issue 10): a path no cotangent reached must not turn an infinite
derivative into NaN (``0 * inf``). Torch skips undefined gradients; pullback
keeps ``None`` for them. Reference: torch float64 (double backward)."""
import numpy as np
import pytest
import torch

import pullback as pb


def T(a, grad=False):
    return torch.tensor(np.asarray(a, dtype=float), dtype=torch.float64, requires_grad=grad)


def t_d2(tf, v):
    x = T(v, True)
    (g,) = torch.autograd.grad(tf(x), x, create_graph=True)
    (h,) = torch.autograd.grad(g, x)
    return g.detach().numpy(), h.numpy()


def t_grad(tf, *vals, wrt=0):
    ts = [v if isinstance(v, int) else T(v, True) for v in vals]
    (g,) = torch.autograd.grad(tf(*ts), ts[wrt], allow_unused=True)
    return np.zeros(np.shape(vals[wrt])) if g is None else g.numpy()


def arccos_f(x):
    return np.arccos(x)


def arcsin_f(x):
    return np.arcsin(x)


def sqrt_f(x):
    return np.sqrt(x)


EDGES = [(arccos_f, np.arccos, torch.arccos, 1.0), (arccos_f, np.arccos, torch.arccos, -1.0),
         (arcsin_f, np.arcsin, torch.arcsin, 1.0), (arcsin_f, np.arcsin, torch.arcsin, -1.0),
         (sqrt_f, np.sqrt, torch.sqrt, 0.0)]


@pytest.mark.parametrize("f,npf,tf,v", EDGES)
def test_second_derivative_at_the_edge_of_the_domain(f, npf, tf, v):
    g_ref, h_ref = t_d2(tf, v)
    with np.errstate(all="ignore"):
        np.testing.assert_array_equal(pb.grad(f)(v), g_ref)
        np.testing.assert_array_equal(pb.grad(pb.grad(f))(v), h_ref)
        np.testing.assert_array_equal(pb.grad(pb.grad(npf))(v), h_ref)


def test_hessian_diagonal_at_the_edge_of_the_domain():
    x = np.array([1.0, 0.3, -1.0])
    for npf, tf in ((np.arccos, torch.arccos), (np.arcsin, torch.arcsin)):
        H_ref = torch.autograd.functional.hessian(lambda t: tf(t).sum(), T(x)).numpy()
        with np.errstate(all="ignore"):
            H = pb.hessian(lambda t: np.sum(npf(t)))(x)
            hv = pb.hvp(lambda t: np.sum(npf(t)))(x, v=np.array([0.0, 1.0, 0.0]))
        np.testing.assert_array_equal(np.diag(H), np.diag(H_ref))
        np.testing.assert_allclose(hv, H_ref[1], rtol=1e-12)  # grad of g . v: a row


def branch(x, c):
    y = np.sqrt(x)
    if c > 0:
        z = y * 2.0
    else:
        z = 3.0 * x
    return z


def t_branch(x, c):
    y = torch.sqrt(x)
    return y * 2.0 if c > 0 else 3.0 * x


def loop_no_turn(x, n):
    y = np.sqrt(x)
    z = 0.0 * x
    for i in range(n):
        z = z + y * i
    return z + x


def t_loop_no_turn(x, n):
    y = torch.sqrt(x)
    z = 0.0 * x
    for i in range(n):
        z = z + y * i
    return z + x


def loop_branch(x, c):
    y = np.sqrt(x)
    s = x * 0.0
    for i in range(3):
        if c[i] > 0:
            s = s + y[i] * x[i]
    return np.sum(s) + np.sum(x)


def t_loop_branch(x, c):
    y = torch.sqrt(x)
    s = x * 0.0
    for i in range(3):
        if c[i] > 0:
            s = s + y[i] * x[i]
    return s.sum() + x.sum()


def two_outputs(x):
    return np.sqrt(x), 2.0 * x


def uses_second_output(x):
    a, b = two_outputs(x)
    return b


@pytest.mark.parametrize("f,tf,args", [
    (branch, t_branch, (0.0, -1.0)), (branch, t_branch, (4.0, 1.0)),
    (loop_no_turn, t_loop_no_turn, (0.0, 0)), (loop_no_turn, t_loop_no_turn, (4.0, 3)),
    (loop_branch, t_loop_branch, (np.array([0.0, 1.0, 0.0]), np.array([-1.0, 1.0, -1.0]))),
    (uses_second_output, lambda x: 2.0 * x, (0.0,)),
])
def test_first_derivative_where_a_path_has_no_cotangent(f, tf, args):
    with np.errstate(all="ignore"):
        got = pb.grad(f)(*args)
    np.testing.assert_allclose(got, t_grad(tf, *args), rtol=1e-12)
