"""functools.wraps decorators: what is called (the wrapper) is what is
differentiated, both for the function given to pb.grad and for the functions
it calls. References: torch float64."""
import numpy as np
import pytest
import torch

import pullback as pb
from regress_modules import decorators_f2 as D

X = np.array([0.5, -1.2, 2.0])
V = np.array([1.0, 2.0, -1.0])


def torch_grad(tf, x, **kw):
    t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    (g,) = torch.autograd.grad(tf(t, **kw), t)
    return g.numpy()


REFS = {
    "tripled": lambda t: 3 * (t ** 2).sum(),
    "scaled": lambda t: 2.5 * (t ** 3).sum(),
    "shifted": lambda t: ((t + 1.0) ** 2).sum(),
    "stacked": lambda t: 3 * torch.exp(t + 1.0).sum(),
    "first_squared": lambda t: torch.exp(t).sum() + (t ** 2).sum(),
    "own_default": lambda t: 2.5 * (t ** 3).sum(),
    "calls_tripled": lambda t: (3 * torch.sin(t)).sum(),
    "calls_with_keyword": lambda t: 3 * (torch.sin(t) * 3.0).sum() + 3 * (torch.sin(t) * 2.0).sum(),
    "calls_by_keyword": lambda t: 4.0 * (t * torch.sin(t)).sum(),
    "calls_twice": lambda t: torch.sin(torch.sin(t)).sum(),
}


@pytest.mark.parametrize("name", sorted(REFS))
def test_gradient(name):
    np.testing.assert_allclose(pb.grad(getattr(D, name))(X), torch_grad(REFS[name], X),
                               rtol=1e-12)


@pytest.mark.parametrize("name", sorted(REFS))
def test_jvp(name):
    _, t = pb.jvp(getattr(D, name), (X,), (V,))
    np.testing.assert_allclose(t, torch_grad(REFS[name], X) @ V, rtol=1e-12)


@pytest.mark.parametrize("name", ["tripled", "stacked", "own_default"])
def test_hessian(name):
    H = torch.autograd.functional.hessian(REFS[name], torch.tensor(X, dtype=torch.float64))
    np.testing.assert_allclose(pb.hessian(getattr(D, name))(X), H.numpy(), rtol=1e-12,
                               atol=1e-13)


def test_decorated_function_called_with_a_keyword():
    ref = torch_grad(lambda t: 3 * (torch.sin(t) * 3.0).sum(), X)
    np.testing.assert_allclose(pb.grad(D.tripled_with_default)(X, c=3.0), ref, rtol=1e-12)
    np.testing.assert_allclose(pb.grad(D.tripled_with_default)(X, 3.0), ref, rtol=1e-12)
    ref2 = torch_grad(lambda t: 3 * (torch.sin(t) * 2.0).sum(), X)
    np.testing.assert_allclose(pb.grad(D.tripled_with_default)(X), ref2, rtol=1e-12)


def test_wrt_names_the_wrapped_parameter():
    np.testing.assert_allclose(pb.grad(D.tripled, wrt="x")(X), 6 * X, rtol=1e-12)


def test_decorator_without_wraps_is_refused_at_the_wrapper():
    with pytest.raises(pb.UnsupportedError, match=r"functools\.wraps") as e:
        pb.grad(D.tripled_nowraps)(X)
    assert e.value.filename.endswith("decorators_f2.py")
    assert "def wrapper(*args, **kwargs)" in e.value.text


def test_wrapper_that_rebinds_args_is_refused():
    with pytest.raises(pb.UnsupportedError, match=r"only read its \*args") as e:
        pb.grad(D.calls_rebinding)(X)
    assert "# <- here" in e.value.text


def test_varargs_of_a_nested_function():
    def f(x):
        def inner(*a):
            return a[0] * a[1]
        return np.sum(inner(x, np.sin(x)))
    np.testing.assert_allclose(pb.grad(f)(X), torch_grad(lambda t: (t * torch.sin(t)).sum(), X),
                               rtol=1e-12)


def test_subscript_of_a_tuple_display():
    # (x, y)[0] is x: it was a silent zero gradient
    def f(x, y):
        return np.sum((x, y)[0] * (x, y)[1] * [x, 2.0][1])
    gx, gy = pb.grad(f, wrt=(0, 1))(X, 2 * X)
    np.testing.assert_allclose(gx, 2.0 * 2 * X, rtol=1e-12)
    np.testing.assert_allclose(gy, 2.0 * X, rtol=1e-12)


def test_header_imports_the_modules_of_the_wrapped_function():
    src = pb.grad(D.stacked).source
    assert "import numpy as np" in src
    assert "decorators_f2.py" in src.splitlines()[0]
