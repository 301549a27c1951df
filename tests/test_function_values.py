"""Functions as values (issue 11, item 3): a function passed to the user's own
function, a function-valued default, a function passed to the differentiated
function itself. Every derivative against torch float64 (tests/harness.py) or
central finite differences; what pullback cannot know when it builds the
derivative is refused at the user's line, with advice that is checked to work."""

import numpy as np
import pytest
import torch

import pullback as pb
from harness import check_grad, check_hessian, check_jvp

X = np.array([0.3, -1.2, 2.0])
W = np.array([[0.5, -0.3, 0.2], [0.1, 0.4, -0.6]])
B = np.array([0.1, -0.2])


def apply(f, x):
    return f(x)


def square(v):
    return v * v


def loss_np(x):
    return np.sum(apply(np.sin, x))


def loss_def(x):
    return np.sum(apply(square, x) * x)


def loss_lambda(x):
    return np.sum(apply(lambda v: v * v * v, x))


def loss_two(x):  # one callee, two functions: two builds of apply
    return np.sum(apply(np.sin, x) * apply(np.cos, x) + apply(np.tanh, 2.0 * x))


def twice(f, x):
    return apply(f, x) + apply(f, 2.0 * x)


def loss_through(x):  # the function goes on through a parameter
    return np.sum(twice(np.exp, x) + twice(lambda v: v * np.sin(v), x))


def loss_nested_def(x):
    def cube(v):
        return v ** 3 + np.cos(v)
    return np.sum(apply(cube, x))


def loss_stored(x):
    g = np.sin
    h = g
    return np.sum(apply(h, x) + g(x) * 2.0)


def net(W, b, x, nonlinearity=np.tanh):
    return nonlinearity(W @ x + b)


def loss_keywords(W, b, x):
    return np.sum(net(W, b, x, nonlinearity=np.sin) ** 2) + np.sum(net(W, b, x))


def loss_keyword_lambda(W, b, x):
    return np.sum(net(W, b, nonlinearity=lambda z: z * np.exp(z), x=x))


def scaled(a):
    def f(v):
        return a * np.sin(v)
    return f


SCALED = scaled(3.0)  # a closure, made once: a global function value


def loss_closure(x):
    return np.sum(apply(SCALED, x))


def loss_loop(x):  # the same function at every turn
    y = x
    for i in range(3):
        y = apply(np.sin, y) + 0.5 * apply(square, y)
    return np.sum(y)


def loss_inner_reads(x):  # a nested function reads a bound local
    g = np.tanh

    def inner(v):
        return g(v) * v
    return np.sum(inner(x))


def repeat(f, x, n):  # recursion with a function argument
    if n == 0:
        return x
    return repeat(f, f(x), n - 1)


def loss_recursive(x):
    return np.sum(repeat(np.sin, x, 3) + repeat(square, 0.5 * x, 2))


def loss_nested_loop_def(x):
    def smooth(v):
        out = v * 1.0
        for i in range(2):
            out += 0.5 * np.tanh(out)
        return out
    return np.sum(apply(smooth, x) * x)


@pytest.mark.parametrize("f", [loss_np, loss_def, loss_lambda, loss_two, loss_through,
                               loss_nested_def, loss_stored, loss_closure, loss_loop,
                               loss_inner_reads, loss_recursive, loss_nested_loop_def])
def test_function_arguments_every_mode(f):
    check_grad(f, (X,), require=("torch",))
    check_jvp(f, (X,), require=("torch",))
    check_hessian(f, (X,), require=("torch",))


def test_keyword_functions_and_defaults():
    check_grad(loss_keywords, (W, B, X), wrt=(0, 1, 2), require=("torch",))
    check_grad(loss_keyword_lambda, (W, B, X), wrt=(0, 1), require=("torch",))
    check_jvp(loss_keywords, (W, B, X), require=("torch",))
    check_hessian(loss_keywords, (W, B, X), wrt=1, require=("torch",))


def test_two_functions_give_two_builds_and_readable_source():
    src = pb.grad(loss_two).source
    assert src.count("def apply_fwd") == 3  # sin, cos, tanh
    # each build's adjoint is its own function's (sin, cos, tanh), inlined
    for adjoint in ("out_bar * np.cos(x)", "-out_bar * np.sin(x)", "out_bar * (1 - out * out)"):
        assert adjoint in src
    assert "apply_fwd(_t1, x)" in src and "_t1 = np.sin" in src
    assert "NestedFunction" not in src and "<" not in src.split("def ", 1)[1]
    assert "def lambda_fwd(v)" in pb.grad(loss_lambda).source
    # the same function at two call sites is built once
    assert pb.grad(loss_through).source.count("def twice_fwd") == 2


def loss_default(x, nonlinearity=np.tanh):
    return np.sum(nonlinearity(x) * x)


def torch_default(x, fn):
    xt = torch.tensor(x, requires_grad=True)
    (g,) = torch.autograd.grad(torch.sum(fn(xt) * xt), xt)
    return g.numpy()


def test_entry_default_and_passed_functions():
    g = pb.grad(loss_default)
    for fn, tfn, kw in [(None, torch.tanh, {}), (np.sin, torch.sin, {"nonlinearity": np.sin}),
                        (np.cos, torch.cos, {}), (None, torch.tanh, {})]:
        args = (X,) if fn is None or kw else (X, fn)
        np.testing.assert_allclose(g(*args, **kw), torch_default(X, tfn), rtol=1e-12)
    assert "check_function(nonlinearity, tanh, 'nonlinearity')" in g.source
    # a def and a lambda passed at call time
    np.testing.assert_allclose(g(X, square), torch_default(X, lambda v: v * v), rtol=1e-12)
    np.testing.assert_allclose(g(X, lambda v: np.exp(v)), torch_default(X, torch.exp),
                               rtol=1e-12)
    out, tan = pb.jvp(loss_default, (X, np.sin), (np.ones(3), None))
    np.testing.assert_allclose(tan, torch_default(X, torch.sin).sum(), rtol=1e-12)
    check_hessian(loss_default, (X,), require=("torch",))


def test_entry_function_unknown_to_a_transform_is_refused_with_working_advice():
    with pytest.raises(pb.PullbackError, match=r"built for `nonlinearity` = numpy.tanh"):
        pb.hessian(loss_default)(X, np.sin)

    def advised(x):  # what the message says to write
        return loss_default(x, nonlinearity=np.sin)

    H = pb.hessian(advised)(X)
    xt = torch.tensor(X)
    ref = torch.autograd.functional.hessian(lambda v: torch.sum(torch.sin(v) * v), xt)
    np.testing.assert_allclose(H, ref.numpy(), rtol=1e-12)


def branch(x, c=True):
    f = np.sin if c else np.cos
    return np.sum(apply(f, x))


def rebound(x):
    f = np.sin
    y = apply(f, x)
    f = np.cos
    return np.sum(y + apply(f, x))


def closes_over_local(x):
    a = 2.0
    return np.sum(apply(lambda v: a * v, x))


def apply_reassigns(f, x):
    f = np.cos
    return f(x)


def loss_reassigns(x):
    return np.sum(apply_reassigns(np.sin, x))


def direct_branch(x, c=True):
    f = np.sin if c else np.cos
    return np.sum(f(x))


def make(a):
    def f(x):
        return a * x
    return f


def factory(x):
    return np.sum(make(2.0)(x))


def gradof(f, x):
    return pb.grad(f)(x)


def transform_of_lambda(x):  # a lambda is no object pb.grad could be given now
    return np.sum(gradof(lambda v: np.sum(v * v * v), x))


def cube_sum(v):
    return np.sum(v ** 3 * np.sin(v))


def transform_of_def(x):
    return np.sum(gradof(cube_sum, x) * x)


def test_transform_of_a_passed_def():
    def reference(t):  # grad of cube_sum by torch, create_graph: a second derivative
        (g,) = torch.autograd.grad(torch.sum(t ** 3 * torch.sin(t)), t, create_graph=True)
        return torch.sum(g * t)
    xt = torch.tensor(X, requires_grad=True)
    (ref,) = torch.autograd.grad(reference(xt), xt)
    np.testing.assert_allclose(pb.grad(transform_of_def)(X), ref.numpy(), rtol=1e-12)
    _, tan = pb.jvp(transform_of_def, (X,), (np.ones(3),))
    np.testing.assert_allclose(tan, ref.numpy().sum(), rtol=1e-12)


@pytest.mark.parametrize("f, where, words", [
    (branch, "return f(x)", "is a parameter of `apply`"),
    (rebound, "return f(x)", "assigned twice"),
    (closes_over_local, "return f(x)", "reads no local variable"),
    (loss_reassigns, "return f(x)", "parameter of `apply_reassigns` that is assigned"),
    (direct_branch, "return np.sum(f(x))", "chosen by a branch"),
    (transform_of_lambda, "return pb.grad(f)(x)", "a factory of closures"),
])
def test_unknown_function_values_are_refused_at_the_line(f, where, words):
    for transform in (lambda: pb.grad(f)(X), lambda: pb.jvp(f, (X,), (X,))):
        with pytest.raises(pb.UnsupportedError) as info:
            transform()
        assert words in str(info.value)
        assert where in str(info.value)


def apply_renamed(f, x):  # the advice for apply_reassigns
    g = np.cos
    return g(x) * f(x)


def test_reassigned_parameter_advice_works():
    check_grad(lambda x: np.sum(apply_renamed(np.sin, x)), (X,), require=("torch",))


def loop_over_functions(x):
    total = 0.0
    for fn in (np.sin, np.cos):
        total = total + np.sum(apply(fn, x))
    return total


def unpacked(x):  # right if accepted
    f, g = np.sin, np.cos
    return np.sum(apply(f, x) * apply(g, x))


def test_loop_over_functions_is_refused_and_unpacking_is_right():
    with pytest.raises(pb.UnsupportedError, match="is a parameter of `apply`"):
        pb.grad(loop_over_functions)(X)
    try:
        got = pb.grad(unpacked)(X)
    except pb.UnsupportedError:
        return
    np.testing.assert_allclose(got, np.cos(2 * X), rtol=1e-12)


class Callable:
    __hash__ = None  # unhashable: the build key must not hash what is passed

    def __call__(self, v):
        return np.sin(v)


def test_callable_object_passed_is_refused_cleanly():
    with pytest.raises(pb.UnsupportedError, match="callable Callable object"):
        pb.grad(loss_default)(X, Callable())
    with pytest.raises(pb.UnsupportedError, match="callable Callable object"):
        pb.grad(lambda x, f: np.sum(apply(f, x)))(X, Callable())


def test_factory_is_inlined():
    """(was refused: a factory of this module is inlined where it is called)"""
    check_grad(factory, (X,), require=("torch",))
    check_jvp(factory, (X,), require=("fd",))


def test_factory_advice_works():
    def f(a, x):
        return a * x

    def advised(x):
        return np.sum(f(2.0, x) * np.sin(x))

    check_grad(advised, (X,), require=("torch",))


def helper_a(v):
    return np.sin(v)


def helper_b(v):
    return np.cos(v)


HELPER = helper_a


def loss_global_value(x):
    return np.sum(apply(HELPER, x))


def test_rebinding_the_passed_global_rebuilds():
    global HELPER
    g = pb.grad(loss_global_value)
    np.testing.assert_allclose(g(X), np.cos(X), rtol=1e-12)
    HELPER = helper_b
    try:
        np.testing.assert_allclose(g(X), -np.sin(X), rtol=1e-12)
    finally:
        HELPER = helper_a
    np.testing.assert_allclose(g(X), np.cos(X), rtol=1e-12)


G = np.sin


def outer_reads_global(x):  # `G` here is the global: the nested def's G is its own
    def inner(v):
        G = np.cos
        return G(v)
    return np.sum(G(x) + inner(x))


def test_assignment_in_a_nested_function_is_another_variable():
    try:
        got = pb.grad(outer_reads_global)(X)
    except pb.UnsupportedError:
        return
    np.testing.assert_allclose(got, np.cos(X) - np.sin(X), rtol=1e-12)
