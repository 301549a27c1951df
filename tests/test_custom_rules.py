"""pb.defvjp / pb.defjvp: user rules for functions pullback cannot read."""

import numpy as np
import pytest
import scipy.special

import pullback as pb

torch = pytest.importorskip("torch")


def expit_vjp(g, ans, x):
    return (g * ans * (1 - ans),)


def expit_jvp(tangents, ans, x):
    (t,) = tangents
    return t * ans * (1 - ans)


pb.defvjp(scipy.special.expit, expit_vjp)
pb.defjvp(scipy.special.expit, expit_jvp)


def logistic_loss(w, X, y):
    p = scipy.special.expit(X @ w)
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))


def _data():
    rng = np.random.default_rng(0)
    return rng.standard_normal(4), rng.standard_normal((10, 4)), (rng.random(10) > 0.5) * 1.0


def _torch_loss(w, X, y):
    p = torch.sigmoid(X @ w)
    return -torch.mean(y * torch.log(p) + (1 - y) * torch.log(1 - p))


def test_defvjp_on_a_scipy_function_matches_torch():
    w, X, y = _data()
    tw = torch.tensor(w, requires_grad=True)
    _torch_loss(tw, torch.tensor(X), torch.tensor(y)).backward()
    np.testing.assert_allclose(pb.grad(logistic_loss)(w, X, y), tw.grad.numpy(), rtol=1e-12)
    assert "expit_vjp(" in pb.grad(logistic_loss).source


def test_defjvp_on_a_scipy_function_matches_torch():
    w, X, y = _data()
    v = np.arange(4.0)
    _, t = pb.jvp(logistic_loss, (w, X, y), (v, None, None))
    _, t_ref = torch.func.jvp(lambda a: _torch_loss(a, torch.tensor(X), torch.tensor(y)),
                              (torch.tensor(w),), (torch.tensor(v),))
    np.testing.assert_allclose(t, t_ref.numpy(), rtol=1e-12)


def soft_step(x, k):
    """A user function whose derivative we choose ourselves (straight-through)."""
    return np.round(x * k) / k


def soft_step_vjp(g, ans, x, k):
    return g, None  # pass the gradient straight through, none for k


def test_defvjp_overrides_a_user_function_and_none_means_zero():
    pb.defvjp(soft_step, soft_step_vjp)

    def f(x, k):
        return np.sum(soft_step(x, k) ** 2)

    x = np.array([0.26, -1.7, 0.5])
    gx, gk = pb.grad(f, wrt=(0, 1))(x, 4.0)
    # d/dx sum(s(x)^2) with ds/dx := 1 is 2 s(x); k gets no derivative
    np.testing.assert_allclose(gx, 2 * soft_step(x, 4.0), rtol=1e-15)
    assert gk == 0.0


def test_rule_registered_after_build_is_used():
    def h(x):
        return np.sum(scale_twice(x))

    with pytest.raises(pb.UnsupportedError):
        pb.grad(h)(np.ones(2))
    pb.defvjp(scale_twice, lambda g, ans, x: (2 * g,))
    np.testing.assert_allclose(pb.grad(h)(np.ones(2)), [2.0, 2.0])


scale_twice = np.frompyfunc(lambda v: 2 * v, 1, 1)
