"""Regressions (issue 10): differentiating callables with rules directly, higher
derivatives of lambdas and of functions with defaults, Jacobians of gradients and
of Jacobians, pb.grad written inline, user objects as differentiated arguments.
References: torch float64 (double backward, autograd.functional)."""
import numpy as np
import pytest
import torch

import pullback as pb

X = np.array([0.5, -1.2, 2.0])
V = np.array([1.0, 2.0, -1.0])


def T(a, grad=False):
    return torch.tensor(np.asarray(a, dtype=float), dtype=torch.float64, requires_grad=grad)


def t_grad(tf, x):
    t = T(x, True)
    (g,) = torch.autograd.grad(tf(t), t)
    return g.numpy()


def t_d2(tf, v):
    x = T(v, True)
    (g,) = torch.autograd.grad(tf(x), x, create_graph=True)
    (h,) = torch.autograd.grad(g, x)
    return g.item(), h.item()


def t_hessian(tf, x):
    return torch.autograd.functional.hessian(tf, T(x)).numpy()


# ---- callables with rules, differentiated directly ----------------------------------

@pytest.mark.parametrize("npf,tf,v", [
    (np.sin, torch.sin, 0.3), (np.sqrt, torch.sqrt, 4.0), (np.tanh, torch.tanh, 0.5),
    (np.exp, torch.exp, -0.7), (np.log, torch.log, 2.5), (np.arctan, torch.arctan, 1.5)])
def test_grad_and_second_derivative_of_a_ufunc(npf, tf, v):
    g_ref, h_ref = t_d2(tf, v)
    np.testing.assert_allclose(pb.grad(npf)(v), g_ref, rtol=1e-12)
    np.testing.assert_allclose(pb.grad(pb.grad(npf))(v), h_ref, rtol=1e-12)
    np.testing.assert_allclose(pb.grad(pb.grad(pb.grad(np.sin)))(v), -np.cos(v), rtol=1e-12)


def test_every_transform_of_a_ufunc():
    _, t = pb.jvp(np.tanh, (X,), (V,))
    np.testing.assert_allclose(t, (1 - np.tanh(X) ** 2) * V, rtol=1e-12)
    np.testing.assert_allclose(pb.jacobian(np.sin)(X), np.diag(np.cos(X)), atol=1e-15)
    np.testing.assert_allclose(pb.jacobian(np.sin, mode="forward")(X), np.diag(np.cos(X)),
                               atol=1e-15)
    _, back = pb.vjp(np.sqrt, X ** 2)
    np.testing.assert_allclose(back(np.ones(3))[0], 0.5 / np.abs(X), rtol=1e-12)
    np.testing.assert_allclose(pb.hessian(np.sum)(X), np.zeros((3, 3)))
    np.testing.assert_allclose(pb.grad(np.sum)(X), np.ones(3))
    np.testing.assert_allclose(pb.grad(np.multiply, wrt=1)(2.0, 3.0), 2.0)
    np.testing.assert_allclose(pb.grad(np.linalg.norm)(X), t_grad(torch.linalg.norm, X),
                               rtol=1e-12)
    assert pb.grad(np.floor)(1.5) == 0.0  # no derivative: zero, as torch


def test_a_function_with_a_user_rule_is_differentiated_by_its_rule():
    def clipped(x):
        return np.round(x)

    pb.defvjp(clipped, lambda g, ans, x: (g,))  # straight through
    np.testing.assert_allclose(pb.grad(lambda x: np.sum(clipped(x)))(X), np.ones(3))
    np.testing.assert_allclose(pb.grad(clipped)(0.3), 1.0)


# ---- generated names, defaults -------------------------------------------------------

cube = lambda t: t ** 3  # noqa: E731
scaled = lambda x, s=2.0: (s * x ** 3).sum()  # noqa: E731


def with_default(x, s=2.0):
    return (s * x ** 3).sum()


def with_keyword_only(x, *, s=2.0):
    return (s * np.sin(x) * x).sum()


def test_higher_derivatives_of_lambdas():
    np.testing.assert_allclose(pb.grad(pb.grad(cube))(2.0), 12.0, rtol=1e-12)
    np.testing.assert_allclose(pb.grad(pb.grad(pb.grad(lambda t: t ** 3)))(2.0), 6.0)
    np.testing.assert_allclose(pb.hessian(lambda v: (v ** 3).sum())(X), np.diag(6 * X),
                               rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(pb.hvp(lambda w: (w ** 3).sum())(X, v=V), 6 * X * V, rtol=1e-12)


def test_defaults_carry_through_higher_derivatives():
    for f in (with_default, scaled):
        np.testing.assert_allclose(pb.hessian(f)(X), np.diag(12 * X), rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(pb.hessian(f)(X, s=5.0), np.diag(30 * X), rtol=1e-12,
                                   atol=1e-14)
        np.testing.assert_allclose(pb.hvp(f)(X, v=V), 12 * X * V, rtol=1e-12)
    np.testing.assert_allclose(pb.grad(scaled)(X), 6 * X ** 2, rtol=1e-12)
    H = t_hessian(lambda t: (2.0 * torch.sin(t) * t).sum(), X)
    np.testing.assert_allclose(pb.hessian(with_keyword_only)(X), H, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(pb.hvp(with_keyword_only)(X, v=V), H @ V, rtol=1e-12)


# ---- Jacobians of gradients and of Jacobians -------------------------------------------

def scal(x):
    return np.sum(np.sin(x) * x ** 2)


def vec(x):
    return np.stack([x[0] * x[1] ** 2, np.sin(x[2]) * x[0], np.exp(x[1])])


def t_vec(x):
    return torch.stack([x[0] * x[1] ** 2, torch.sin(x[2]) * x[0], torch.exp(x[1])])


def t_jacjac():
    inner = lambda t: torch.autograd.functional.jacobian(t_vec, t, create_graph=True)  # noqa
    return torch.autograd.functional.jacobian(inner, T(X)).numpy()


@pytest.mark.parametrize("mode", ["reverse", "forward"])
def test_jacobian_of_grad_is_the_hessian(mode):
    H = t_hessian(lambda t: (torch.sin(t) * t ** 2).sum(), X)
    np.testing.assert_allclose(pb.jacobian(pb.grad(scal), mode=mode)(X), H, rtol=1e-12,
                               atol=1e-14)
    H2 = t_hessian(lambda t: (torch.sin(t) * t).sum(), X)
    np.testing.assert_allclose(pb.jacobian(pb.grad(lambda w: (np.sin(w) * w).sum()),
                                           mode=mode)(X), H2, rtol=1e-12, atol=1e-14)


def test_jacobian_of_grad_wrt_another_argument():
    def f(w, x):
        return np.sum(np.tanh(w * x))
    t = lambda w, x: torch.tanh(w * x).sum()  # noqa: E731
    ref = torch.func.jacrev(torch.func.grad(t, argnums=0), argnums=1)(T(V), T(X)).numpy()
    for mode in ("reverse", "forward"):
        got = pb.jacobian(pb.grad(f, wrt=0), wrt=1, mode=mode)(V, X)
        np.testing.assert_allclose(got, ref, rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("outer,inner", [("reverse", "reverse"), ("forward", "reverse"),
                                         ("reverse", "forward")])
def test_jacobian_of_jacobian(outer, inner):
    got = pb.jacobian(pb.jacobian(vec, mode=inner), mode=outer)(X)
    assert got.shape == (3, 3, 3)
    np.testing.assert_allclose(got, t_jacjac(), rtol=1e-12, atol=1e-14)


def test_grad_of_a_jacobian_called_inline():
    def s(x):
        return pb.jacobian(vec)(x).sum()
    ref = t_grad(lambda t: torch.autograd.functional.jacobian(t_vec, t, create_graph=True)
                 .sum(), X)
    np.testing.assert_allclose(pb.grad(s)(X), ref, rtol=1e-12, atol=1e-14)


# ---- pb.grad(f)(x) inline ---------------------------------------------------------------

def inner(x):
    return np.sum(np.sin(x) ** 2 * x)


def inner2(w, x):
    return np.sum(np.tanh(w * x) ** 2)


def penalty_inline(x):
    return inner(x) + 0.1 * np.sum(pb.grad(inner)(x) ** 2)


def penalty_wrt(w, x):
    return np.sum(pb.grad(inner2, wrt=1)(w, x) ** 2) + np.sum(w ** 2)


def t_penalty(t):
    f = (torch.sin(t) ** 2 * t).sum()
    (g,) = torch.autograd.grad(f, t, create_graph=True)
    return f + 0.1 * (g ** 2).sum()


def test_grad_written_inline_in_differentiated_code():
    ref = t_grad(t_penalty, X)
    np.testing.assert_allclose(pb.grad(penalty_inline)(X), ref, rtol=1e-10)
    _, t = pb.jvp(penalty_inline, (X,), (V,))
    np.testing.assert_allclose(t, ref @ V, rtol=1e-10)
    np.testing.assert_allclose(penalty_inline(X), t_penalty(T(X, True)).item(), rtol=1e-12)


def test_grad_with_wrt_written_inline():
    def tf(tw, tx):
        (gx,) = torch.autograd.grad((torch.tanh(tw * tx) ** 2).sum(), tx, create_graph=True)
        return (gx ** 2).sum() + (tw ** 2).sum()
    tw, tx = T(V, True), T(X, True)
    ref = torch.autograd.grad(tf(tw, tx), tw)[0].numpy()
    np.testing.assert_allclose(pb.grad(penalty_wrt)(V, X), ref, rtol=1e-10)


def test_inline_transform_of_a_local_set_once_is_that_function():
    # a local assigned once to a known function denotes it (analysis/fnvalues.py)
    def h(x):
        f = inner
        return np.sum(pb.grad(f)(x))

    def th(t):
        (g,) = torch.autograd.grad((torch.sin(t) ** 2 * t).sum(), t, create_graph=True)
        return g.sum()
    np.testing.assert_allclose(pb.grad(h)(X), t_grad(th, X), rtol=1e-10)


def test_inline_transform_of_a_local_chosen_by_a_branch_is_refused():
    def h(x, c=True):
        f = inner if c else np.sum
        return np.sum(pb.grad(f)(x))
    with pytest.raises(pb.UnsupportedError):
        pb.grad(h)(X)


# ---- user objects as differentiated arguments --------------------------------------------

class Quad:
    def __init__(self, a):
        self.a = a


def quad_loss(q):
    return q.a ** 2 * 3.0


def quad_const(q):
    return 10.0


@pytest.mark.parametrize("call", [
    lambda: pb.grad(quad_loss)(Quad(1.5)),
    lambda: pb.grad(quad_const)(Quad(1.5)),
    lambda: pb.value_and_grad(quad_loss)(Quad(1.5)),
    lambda: pb.jvp(quad_loss, (Quad(1.5),), (Quad(1.0),)),
    lambda: pb.vjp(quad_loss, Quad(1.5)),
    lambda: pb.jacobian(quad_loss)(Quad(1.5)),
    lambda: pb.grad(lambda qs: quad_loss(qs[0]))([Quad(1.5)]),
])
def test_a_user_object_as_differentiated_argument_is_a_type_error(call):
    with pytest.raises(TypeError, match=r"Quad.*floats, float NumPy arrays"):
        call()


def test_a_user_object_as_a_constant_is_fine():
    def f(x, q):
        return (x * q.a).sum()
    np.testing.assert_allclose(pb.grad(f)(X, Quad(1.5)), np.full(3, 1.5))
    _, back = pb.vjp(lambda x, mode: np.sum(x ** 2), X, "fast")
    np.testing.assert_allclose(back(1.0)[0], 2 * X)
