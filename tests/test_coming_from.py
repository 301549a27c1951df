"""Every row of README's "Coming from PyTorch" and "Coming from JAX" tables, run:
the pullback side of each row, its numbers against torch (float64) or by hand."""

import numpy as np
import pytest
import torch

import pullback as pb

RNG = np.random.default_rng(7)
X = RNG.normal(size=3)
Y = RNG.normal(size=3)
W = RNG.normal(size=(2, 3))


def close(a, b):
    b = b.detach().numpy() if isinstance(b, torch.Tensor) else b
    np.testing.assert_allclose(a, b, rtol=1e-10, atol=1e-12)


def T(a, grad=False):
    return torch.tensor(a, dtype=torch.float64, requires_grad=grad)


def f(x, y):
    return np.sum(np.sin(x) * y)


def f_t(x, y):
    return torch.sum(torch.sin(x) * y)


def vec(x):
    return np.tanh(W @ x) * x[0]


def vec_t(x):
    return torch.tanh(T(W) @ x) * x[0]


def two(x):
    return np.sin(x), np.sum(x ** 2)


def torch_grads(fn, *args):
    ts = [T(a, True) for a in args]
    return torch.autograd.grad(fn(*ts), ts)


# ------------------------------------------------------------------ PyTorch
def test_wrt_by_name_and_by_index():
    gx, gy = torch_grads(f_t, X, Y)
    close(pb.grad(f, wrt="y")(X, Y), gy)
    close(pb.grad(f)(X, Y), gx)
    a, b = pb.grad(f, wrt=(0, 1))(X, Y)
    close(a, gx), close(b, gy)


def test_vjp_is_backward_with_a_gradient():
    v = RNG.normal(size=2)
    x = T(X, True)
    vec_t(x).backward(gradient=T(v))
    out, back = pb.vjp(vec, X)
    close(out, vec(X))
    (g,) = back(v)
    close(g, x.grad)
    (again,) = back(v)  # retain_graph: nothing to retain
    close(again, x.grad)


def test_several_outputs():
    v1, v2 = RNG.normal(size=3), 0.7
    x = T(X, True)
    y1, y2 = torch.sin(x), torch.sum(x ** 2)
    (want,) = torch.autograd.grad([y1, y2], [x], grad_outputs=[T(v1), T(v2)])
    out, back = pb.vjp(two, X)
    close(back((v1, v2))[0], want)


def test_derivative_functions_are_pure():
    df = pb.grad(f)
    first, second = df(X, Y), df(X, Y)
    close(first, second)  # no accumulation between calls
    close(first + second, 2 * torch_grads(f_t, X, Y)[0])


def sx(x):
    return np.sin(x) * x


def test_second_order():
    x = T(0.4, True)
    (g,) = torch.autograd.grad(torch.sin(x) * x, x, create_graph=True)
    (gg,) = torch.autograd.grad(g, x)
    close(pb.grad(pb.grad(sx))(0.4), gg)

    def h(x):
        return np.sum(np.sin(x) * x ** 2)

    def h_t(x):
        return torch.sum(torch.sin(x) * x ** 2)

    H = torch.autograd.functional.hessian(h_t, T(X))
    close(pb.hessian(h)(X), H)
    v = RNG.normal(size=3)
    close(pb.hvp(h)(X, v=v), H @ T(v))


def test_jvp_and_jacobians():
    t = RNG.normal(size=3)
    out, tan = torch.func.jvp(vec_t, (T(X),), (T(t),))
    pout, ptan = pb.jvp(vec, (X,), (t,))
    close(pout, out), close(ptan, tan)
    J = torch.autograd.functional.jacobian(vec_t, T(X))
    close(pb.jacobian(vec)(X), J)  # jax.jacrev
    close(pb.jacobian(vec, mode="forward")(X), J)  # jax.jacfwd


def stopped(x):
    return np.sum(x * pb.stop_gradient(np.sin(x)))


def no_grad_block(x):
    with pb.no_grad():
        s = np.sin(x)
    return np.sum(x * s)


def test_detach_and_no_grad():
    x = T(X, True)
    (want,) = torch.autograd.grad(torch.sum(x * torch.sin(x).detach()), x)
    close(pb.grad(stopped)(X), want)
    x = T(X, True)
    with torch.no_grad():
        s = torch.sin(x)
    (want,) = torch.autograd.grad(torch.sum(x * s), x)
    close(pb.grad(no_grad_block)(X), want)


def test_sgd_step():
    x = T(X, True)
    opt = torch.optim.SGD([x], lr=0.01)
    f_t(x, T(Y)).backward()
    opt.step()
    df = pb.grad(f)
    close(X - 0.01 * df(X, Y), x)


# ------------------------------------------------------------------ JAX
def test_value_and_grad():
    value, g = pb.value_and_grad(f)(X, Y)
    close(value, f(X, Y))
    close(g, torch_grads(f_t, X, Y)[0])


def with_aux(x):
    pred = np.tanh(W @ x)
    return np.sum(pred ** 2), pred


def test_has_aux_through_vjp():
    (loss, aux), back = pb.vjp(with_aux, X)
    g, = back((1.0, None))
    x = T(X, True)
    pred = torch.tanh(T(W) @ x)
    (want,) = torch.autograd.grad(torch.sum(pred ** 2), x)
    close(loss, np.sum(np.tanh(W @ X) ** 2)), close(aux, np.tanh(W @ X)), close(g, want)


def tree_loss(params, x):
    h = np.tanh(params["layers"][0][0] @ x + params["layers"][0][1])
    return np.sum((params["out"] * h) ** 2)


def test_pytrees():
    params = {"layers": [(W, RNG.normal(size=2))], "out": RNG.normal(size=2)}
    g = pb.grad(tree_loss)(params, X)
    Wt, bt, ot = T(W, True), T(params["layers"][0][1], True), T(params["out"], True)
    torch.sum((ot * torch.tanh(Wt @ T(X) + bt)) ** 2).backward()
    assert set(g) == {"layers", "out"} and isinstance(g["layers"], list)
    close(g["layers"][0][0], Wt.grad), close(g["layers"][0][1], bt.grad)
    close(g["out"], ot.grad)


def softplus(x):
    return np.log1p(np.exp(x))


def softplus_vjp(g, ans, x):
    return (g / (1 + np.exp(-x)),)


def softplus_jvp(tangents, ans, x):
    return tangents[0] / (1 + np.exp(-x))


def uses_softplus(x):
    return np.sum(softplus(x) * x)


def test_custom_rules():
    pb.defvjp(softplus, softplus_vjp)
    pb.defjvp(softplus, softplus_jvp)
    x = T(X, True)
    (want,) = torch.autograd.grad(torch.sum(torch.nn.functional.softplus(x) * x), x)
    close(pb.grad(uses_softplus)(X), want)
    _, tan = pb.jvp(uses_softplus, (X,), (np.ones(3),))
    close(tan, want.sum())


def test_built_once():
    df = pb.grad(f)
    df(X, Y)
    built = df.built
    df(X + 1.0, Y)
    assert df.built is built  # no tracing or compiling per call (jax.jit's job)


def control(x):
    while np.sum(x ** 2) < 10.0:
        x = x * 1.5
    for i in range(3):
        if x[i] > 0:
            x = x * np.cos(x)
    return np.sum(x)


def control_t(x):
    while torch.sum(x ** 2) < 10.0:
        x = x * 1.5
    for i in range(3):
        if x[i] > 0:
            x = x * torch.cos(x)
    return torch.sum(x)


def test_plain_loops_and_branches():
    close(pb.grad(control)(X), torch_grads(control_t, X)[0])


def at_set(x):
    y = x.copy()
    y[1] = x[0] * 3.0
    return np.sum(y ** 2)


def test_indexed_update_of_a_copy():
    x = T(X, True)
    y = x.clone()
    y[1] = x[0] * 3.0
    (want,) = torch.autograd.grad(torch.sum(y ** 2), x)
    close(pb.grad(at_set)(X), want)
