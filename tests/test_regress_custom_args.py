"""Regressions (issue 10): higher derivatives through pb.defvjp/pb.defjvp rules, rule
calls with compound and tuple arguments, tuple displays passed to user functions,
dict arguments with tuple keys, namedtuple arguments. References: torch float64."""
import collections

import numpy as np
import pytest
import torch

import pullback as pb
from regress_modules.custom_rules_defs import cube, lse, scaled, sig

X = np.array([0.7, -0.4, 1.9])
V = np.array([1.0, 2.0, -0.5])


def T(a):
    return torch.tensor(np.asarray(a, dtype=float), dtype=torch.float64, requires_grad=True)


def torch_grad(tf, *arrays, wrt=0):
    ts = [T(a) for a in arrays]
    idx = (wrt,) if isinstance(wrt, int) else tuple(wrt)
    gs = torch.autograd.grad(tf(*ts), [ts[i] for i in idx])
    gs = [g.numpy() for g in gs]
    return gs[0] if isinstance(wrt, int) else tuple(gs)


def torch_hessian(tf, x):
    return torch.autograd.functional.hessian(tf, torch.tensor(x, dtype=torch.float64)).numpy()


def cube_of_sin(x):
    return cube(np.sin(x))


def sum_cube_of_sin(x):
    return np.sum(cube(np.sin(x)) + sig(x * 2.0))


def t_sum_cube_of_sin(t):
    return torch.sum(torch.sin(t) ** 3 + torch.sigmoid(t * 2.0))


def test_second_and_third_derivative_through_rules():
    for v in (0.7, -1.3, 2.5):
        x = T(v)
        (g,) = torch.autograd.grad(torch.sin(x) ** 3, x, create_graph=True)
        (h,) = torch.autograd.grad(g, x, create_graph=True)
        (k,) = torch.autograd.grad(h, x)
        np.testing.assert_allclose(pb.grad(pb.grad(cube_of_sin))(v), h.item(), rtol=1e-10)
        np.testing.assert_allclose(pb.grad(pb.grad(pb.grad(cube_of_sin)))(v), k.item(),
                                   rtol=1e-10)


def test_hessian_and_hvp_through_rules():
    H = torch_hessian(t_sum_cube_of_sin, X)
    np.testing.assert_allclose(pb.hessian(sum_cube_of_sin)(X), H, rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(pb.hvp(sum_cube_of_sin)(X, v=V), H @ V, rtol=1e-10, atol=1e-13)


def lse_compound(x):
    return np.sum(lse(x * 2.0)) + lse(np.sin(x) + x ** 2) * 3.0 + lse(np.stack([lse(x), lse(-x)]))


def t_lse_compound(t):
    def f(u):
        return torch.logsumexp(u, 0)
    return f(t * 2.0) + f(torch.sin(t) + t ** 2) * 3.0 + f(torch.stack([f(t), f(-t)]))


def test_rule_called_with_compound_arguments():
    ref = torch_grad(t_lse_compound, X)
    np.testing.assert_allclose(pb.grad(lse_compound)(X), ref, rtol=1e-12)
    _, t = pb.jvp(lse_compound, (X,), (V,))
    np.testing.assert_allclose(t, ref @ V, rtol=1e-12)
    np.testing.assert_allclose(pb.hessian(lse_compound)(X), torch_hessian(t_lse_compound, X),
                               rtol=1e-9, atol=1e-12)


def tuple_arg(x, a, c):
    return np.sum(scaled(x, (a, c)) ** 2)


def tuple_param(x, p):
    return np.sum(scaled(x, p) ** 2)


def t_tuple(t, a, c):
    return (((a * torch.sin(t) + c)) ** 2).sum()


def test_rule_cotangent_for_a_tuple_argument():
    ref = torch_grad(t_tuple, X, 1.5, 0.25, wrt=(0, 1, 2))
    got = pb.grad(tuple_arg, wrt=(0, 1, 2))(X, 1.5, 0.25)
    for g, r in zip(got, ref):
        np.testing.assert_allclose(g, r, rtol=1e-12)
    got = pb.grad(tuple_param, wrt=(0, 1))(X, (1.5, 0.25))
    np.testing.assert_allclose(got[0], ref[0], rtol=1e-12)
    assert isinstance(got[1], tuple)
    np.testing.assert_allclose(got[1], ref[1:], rtol=1e-12)
    _, t = pb.jvp(tuple_arg, (X, 1.5, 0.25), (V, 1.0, -2.0))
    np.testing.assert_allclose(t, ref[0] @ V + ref[1] - 2.0 * ref[2], rtol=1e-12)


# ---- tuple displays passed to the user's own functions ---------------------------------
def first_times(t, y):
    return t[0] * y + t[1] ** 2


def passes_display(x):
    return np.sum(first_times((x, 3.0), x) + first_times((np.sin(x), x), 2.0))


def passes_tuple_variable(x):
    a = (x, np.cos(x))
    return np.sum(first_times(a, x))


def test_tuple_display_argument_of_a_user_function():
    for f, tf in ((passes_display, lambda t: torch.sum(t * t + 9.0 + torch.sin(t) * 2.0 + t ** 2)),
                  (passes_tuple_variable, lambda t: torch.sum(t * t + torch.cos(t) ** 2))):
        ref = torch_grad(tf, X)
        np.testing.assert_allclose(pb.grad(f)(X), ref, rtol=1e-12)
        _, t = pb.jvp(f, (X,), (V,))
        np.testing.assert_allclose(t, ref @ V, rtol=1e-12)
        np.testing.assert_allclose(pb.hessian(f)(X), torch_hessian(tf, X), rtol=1e-10, atol=1e-13)


# ---- dict with tuple keys; namedtuples -------------------------------------------------
P = collections.namedtuple("P", ["w", "b"])
Q = collections.namedtuple("Q", ["p", "s"])


def dict_tuple_keys(d):
    return (d[("w", 1)] ** 2).sum() + (d[("b", (2, 3))] * d[("w", 1)]).sum() * d[4]


def namedtuple_loss(q):
    w, b = q.p
    return (np.tanh(q.p.w) * b).sum() + q.s ** 2 + q[0][1][0] * len(q.p)


def test_dict_with_tuple_keys():
    w, b = X, V
    g = pb.grad(dict_tuple_keys)({("w", 1): w, ("b", (2, 3)): b, 4: 2.0})
    assert isinstance(g, dict) and list(g) == [("w", 1), ("b", (2, 3)), 4]
    ref = torch_grad(lambda w, b, s: (w ** 2).sum() + (b * w).sum() * s, w, b, 2.0, wrt=(0, 1, 2))
    for k, r in zip(g, ref):
        np.testing.assert_allclose(g[k], r, rtol=1e-12)
    _, t = pb.jvp(dict_tuple_keys, ({("w", 1): w, ("b", (2, 3)): b, 4: 2.0},),
                  ({("w", 1): V, ("b", (2, 3)): X, 4: 1.0},))
    np.testing.assert_allclose(t, ref[0] @ V + ref[1] @ X + ref[2], rtol=1e-12)


def test_other_dict_keys_are_a_clear_type_error():
    with pytest.raises(TypeError, match="dict key 1.5"):
        pb.grad(lambda d: np.sum(d[1.5]))({1.5: X})


def test_namedtuple_argument():
    q = Q(P(X, V), 1.5)
    g = pb.grad(namedtuple_loss)(q)
    assert isinstance(g, Q) and isinstance(g.p, P)
    ref = torch_grad(lambda w, b, s: (torch.tanh(w) * b).sum() + s ** 2 + b[0] * 2, X, V, 1.5,
                     wrt=(0, 1, 2))
    np.testing.assert_allclose(g.p.w, ref[0], rtol=1e-12)
    np.testing.assert_allclose(g.p.b, ref[1], rtol=1e-12)
    np.testing.assert_allclose(g.s, ref[2], rtol=1e-12)
    _, t = pb.jvp(namedtuple_loss, (q,), (Q(P(V, X), 1.0),))
    np.testing.assert_allclose(t, ref[0] @ V + ref[1] @ X + ref[2], rtol=1e-12)
