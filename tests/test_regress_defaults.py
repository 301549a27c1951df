"""Defaults of nested functions and lambdas (evaluated once, where the function
is defined), and function values that read differentiated variables.
References: torch float64 and the closed forms."""
import numpy as np
import pytest
import torch

import pullback as pb

X = np.array([0.5, -1.2, 2.0])
V = np.array([1.0, 2.0, -1.0])


def torch_grad(tf, x):
    t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    (g,) = torch.autograd.grad(tf(t), t)
    return g.numpy()


def lambda_default(x):
    k = x * 2.0
    q = lambda k=k: (k * k).sum()  # noqa: E731
    return q()


def def_default(x):
    k = x * 2.0

    def q(k=k):
        return (k * k).sum()
    return q()


def default_then_rebound(x):
    k = x * 2.0
    q = lambda k=k: (k * k).sum()  # noqa: E731
    k = x * 100.0
    return q() + np.sum(k)


def closure_then_rebound(x):
    k = x * 2.0
    q = lambda: (k * k).sum()  # noqa: E731
    k = x * 100.0
    return q()


def mixed_defaults(x):
    a = np.sin(x)

    def q(y, a=a, c=3.0):
        return (a * y * c).sum()
    return q(x)


def default_overridden(x):
    a = np.sin(x)

    def q(a=a):
        return (a * a).sum()
    return q(x * 3.0)


def keyword_only_default(x):
    k = np.sin(x)

    def q(*, a=k):
        return np.sum(a * x)
    return q() + q(a=x)


def expression_default(x):
    def q(k=x * 2.0):
        return np.sum(k * k)
    return q()


def default_in_loop(x):
    s = 0.0
    for i in range(3):
        k = x * (i + 1.0)
        q = lambda k=k: np.sum(np.sin(k))  # noqa: E731
        s = s + q()
    return s


CASES = {
    lambda_default: lambda t: ((2 * t) ** 2).sum(),
    def_default: lambda t: ((2 * t) ** 2).sum(),
    default_then_rebound: lambda t: ((2 * t) ** 2).sum() + (100 * t).sum(),
    closure_then_rebound: lambda t: ((100 * t) ** 2).sum(),
    mixed_defaults: lambda t: (torch.sin(t) * t * 3.0).sum(),
    default_overridden: lambda t: ((3 * t) ** 2).sum(),
    keyword_only_default: lambda t: (torch.sin(t) * t).sum() + (t * t).sum(),
    expression_default: lambda t: ((2 * t) ** 2).sum(),
    default_in_loop: lambda t: sum(torch.sin(t * (i + 1.0)).sum() for i in range(3)),
}


@pytest.mark.parametrize("f", list(CASES), ids=lambda f: f.__name__)
def test_gradient_and_jvp(f):
    ref = torch_grad(CASES[f], X)
    np.testing.assert_allclose(pb.grad(f)(X), ref, rtol=1e-12)
    _, t = pb.jvp(f, (X,), (V,))
    np.testing.assert_allclose(t, ref @ V, rtol=1e-12)


def test_hessian_through_a_default():
    np.testing.assert_allclose(pb.hessian(lambda_default)(X), 8 * np.eye(3), rtol=1e-12,
                               atol=1e-14)


def test_default_variable_not_shown_in_the_nested_signature():
    # the captured default is passed by the caller; the generated nested function
    # has no default expression that would not run on its own
    src = pb.grad(def_default).source
    assert "def q_fwd(k):" in src
    assert "_q_default1 = k" in src and "q_fwd(k=_q_default1)" in src


# ---- function values that read differentiated variables ------------------------

def lambdas_in_a_list(x):
    fs = []
    for i in range(3):
        fs.append(lambda i=i: x[i] * x[i] * (i + 1))  # <- here
    s = 0.0
    for f in fs:
        s = s + f()
    return s


def _apply(h):
    return h()


def closure_passed_on(x):
    k = x * 2

    def q():
        return np.sum(k * k)
    return _apply(q)  # <- here


def closure_variable_called(x):
    q = (lambda: np.sum(x * x), lambda: np.sum(x))[0]
    return q()  # <- here


@pytest.mark.parametrize("f", [lambdas_in_a_list, closure_passed_on, closure_variable_called],
                         ids=lambda f: f.__name__)
def test_function_values_reading_active_variables_are_refused(f):
    with pytest.raises(pb.UnsupportedError) as e:
        pb.grad(f)(X)
    assert "# <- here" in e.value.text


def test_list_display_that_grows_is_not_unrolled_to_its_literal_length():
    def f(x):
        out = []
        n = 0.0
        for i in range(3):
            out.append(float(i))
        for v in out:  # three iterations, not zero
            n = n + v * np.sum(x)
        return n
    np.testing.assert_allclose(f(X), 3 * np.sum(X))
    np.testing.assert_allclose(pb.grad(f)(X), 3 * np.ones(3), rtol=1e-12)
