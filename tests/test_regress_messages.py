"""User modules named numpy_*/scipy_* are user code; refusals say what is really
the case. References: torch float64."""
import os
import sys

import numpy as np
import pytest
import scipy.linalg
import torch

import pullback as pb

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "regress_modules"))
import numpy_f2helpers  # noqa: E402  (top-level module names that start with numpy/scipy)
import scipy_f2helpers  # noqa: E402

X = np.array([0.5, -1.2, 2.0])


def torch_grad(tf, x):
    t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    (g,) = torch.autograd.grad(tf(t), t)
    return g.numpy()


def uses_numpy_named_module(x):
    return np.sum(numpy_f2helpers.scaled_square(x) * x)


def uses_scipy_named_module(x):
    return np.sum(scipy_f2helpers.softplus(2.0 * x) ** 2)


def test_module_named_numpy_something_is_user_code():
    ref = torch_grad(lambda t: ((3.0 * t ** 2 + torch.sin(t)) * t).sum(), X)
    np.testing.assert_allclose(pb.grad(uses_numpy_named_module)(X), ref, rtol=1e-12)
    np.testing.assert_allclose(pb.grad(numpy_f2helpers.scaled_square)(0.7),
                               6 * 0.7 + np.cos(0.7), rtol=1e-12)


def test_module_named_scipy_something_is_user_code():
    ref = torch_grad(lambda t: (torch.log1p(torch.exp(2.0 * t)) ** 2).sum(), X)
    np.testing.assert_allclose(pb.grad(uses_scipy_named_module)(X), ref, rtol=1e-12)
    _, t = pb.jvp(uses_scipy_named_module, (X,), (X,))
    np.testing.assert_allclose(t, ref @ X, rtol=1e-12)


class _Model:
    w = 2.0

    def loss(self, x):
        return self.w * x


_m = _Model()


def calls_unwrap(x):
    return np.sum(np.unwrap(x))  # <- here


def calls_logm(x):
    return np.sum(scipy.linalg.logm(np.diag(x)))  # <- here


def calls_bound_method(x):
    return np.sum(_m.loss(x))  # <- here


def calls_class(x):
    return np.sum(_Model(x))  # <- here


def calls_frexp(x):
    return np.sum(np.frexp(x)[0])  # <- here


@pytest.mark.parametrize("f,pattern", [
    (calls_unwrap, r"np\.unwrap has no derivative rule in pullback; pullback does not "
                   r"differentiate NumPy's own Python source .*docs/ops\.md.*pb\.defvjp"),
    (calls_logm, r"scipy\.linalg\.logm has no derivative rule in pullback; pullback does not "
                 r"differentiate SciPy's own Python source"),
    (calls_bound_method, r"`_m\.loss` is a bound method; call its function with the "
                         r"instance as the first argument, e\.g\. _Model\.loss\(obj, \.\.\.\)"),
    (calls_class, r"`_Model` is a class"),
    (calls_frexp, r"np\.frexp has no derivative rule in pullback — see docs/ops\.md"),
], ids=lambda v: getattr(v, "__name__", ""))
def test_refusal_says_what_is_the_case(f, pattern):
    with pytest.raises(pb.UnsupportedError, match=pattern) as e:
        pb.grad(f)(X)
    assert "source cannot be read" not in str(e.value)
    assert "# <- here" in e.value.text


def test_unreadable_entry_function_is_not_pointed_to_defvjp():
    scope = {"np": np}
    exec("def made_by_exec(x):\n    return np.sum(x * x)\n", scope)
    with pytest.raises(pb.UnsupportedError, match="in a .py file or a notebook cell") as e:
        pb.grad(scope["made_by_exec"])(X)
    assert "defvjp" not in str(e.value)


def test_unreadable_callee_may_be_given_a_rule():
    scope = {"np": np}
    exec("def helper(x):\n    return x * x\n", scope)
    helper = scope["helper"]

    def f(x):
        return np.sum(helper(x))
    with pytest.raises(pb.UnsupportedError, match="pb.defvjp"):
        pb.grad(f)(X)


def test_entry_that_is_not_a_python_function():
    with pytest.raises(pb.UnsupportedError, match=r"def f\(x\): return np\.sin\(x\)") as e:
        pb.grad(np.unwrap)(X)
    assert "defvjp" not in str(e.value)
