"""The public API's promises (docs/api.md), each checked against torch float64."""

import io
import traceback

import numpy as np
import pytest
import torch

import pullback as pb

SCALE = np.array([1.0, 2.0, 3.0])


def loss(x, w=2.0):
    return np.sum(np.tanh(x * w) * SCALE)


def torch_loss(x, w=2.0):
    return torch.sum(torch.tanh(x * w) * torch.tensor(SCALE))


def tgrad(fn, *args, wrt=(0,)):
    ts = [torch.tensor(a, dtype=torch.float64, requires_grad=i in wrt) for i, a in enumerate(args)]
    out = fn(*ts)
    gs = torch.autograd.grad(out, [ts[i] for i in wrt])
    return [g.numpy() for g in gs]


X = np.array([0.3, -0.2, 0.9])


def test_bare_decorator_and_wrt_forms():
    @pb.grad
    def f(x, w):
        return np.sum(np.tanh(x * w) * SCALE)

    (ref_x, ref_w) = tgrad(torch_loss, X, 1.5, wrt=(0, 1))
    np.testing.assert_allclose(f(X, 1.5), ref_x, rtol=1e-12)
    gx, gw = pb.grad(loss, wrt=(0, "w"))(X, 1.5)
    np.testing.assert_allclose(gx, ref_x, rtol=1e-12)
    np.testing.assert_allclose(gw, ref_w, rtol=1e-12)
    np.testing.assert_allclose(pb.grad(loss, wrt="w")(X, 1.5), ref_w, rtol=1e-12)
    np.testing.assert_allclose(pb.grad(loss, wrt=(1,))(X, 1.5)[0], ref_w, rtol=1e-12)


def test_default_arguments_and_keywords():
    ref = tgrad(torch_loss, X, 2.0)[0]
    np.testing.assert_allclose(pb.grad(loss)(X), ref, rtol=1e-12)
    np.testing.assert_allclose(pb.grad(loss)(x=X, w=2.0), ref, rtol=1e-12)


def test_value_and_grad_is_one_pass_with_the_value():
    v, g = pb.value_and_grad(loss)(X)
    assert v == loss(X)
    np.testing.assert_allclose(g, tgrad(torch_loss, X, 2.0)[0], rtol=1e-12)


def test_vjp_with_tuple_outputs_sums_like_torch():
    def two(x, y):
        return x * y, np.sin(x) + y

    x, y = np.array([0.5, 1.0]), np.array([2.0, -1.0])
    (o1, o2), back = pb.vjp(two, x, y)
    v1, v2 = np.array([1.0, 0.1]), np.array([0.01, 1.0])
    gx, gy = back((v1, v2))
    tx, ty = (torch.tensor(a, requires_grad=True) for a in (x, y))
    r = torch.autograd.grad([tx * ty, torch.sin(tx) + ty], [tx, ty],
                            grad_outputs=[torch.tensor(v1), torch.tensor(v2)])
    np.testing.assert_allclose(gx, r[0].numpy(), rtol=1e-12)
    np.testing.assert_allclose(gy, r[1].numpy(), rtol=1e-12)
    # a None cotangent counts as zeros
    gx0, _ = back((v1, None))
    np.testing.assert_allclose(gx0, v1 * y, rtol=1e-12)


def test_derivatives_can_be_called_again_and_are_pure():
    df = pb.grad(loss)
    a, b = df(X), df(X)
    np.testing.assert_array_equal(a, b)
    out, back = pb.vjp(lambda_free, X)
    np.testing.assert_array_equal(back(np.ones(3))[0], back(np.ones(3))[0])


def lambda_free(x):
    k = np.zeros(3)
    for i in range(3):
        k[i] = x[i] * x[(i + 1) % 3]
    return k


def test_transformation_happens_once(monkeypatch):
    import pullback.modes.reverse.function as rev
    calls = []
    original = rev.ReverseFunction.build
    monkeypatch.setattr(rev.ReverseFunction, "build",
                        lambda self: (calls.append(1), original(self))[1])

    def h(x):
        return np.sum(x ** 3)

    df = pb.grad(h)
    for _ in range(3):
        df(X)
    pb.grad(h)(X)  # a new wrapper of the same function reuses the cache too
    assert len(calls) == 1


G_SCALE = 1.0


def uses_global(x):
    return np.sum(x * G_SCALE)


def test_global_values_are_read_live():
    global G_SCALE
    df = pb.grad(uses_global)
    G_SCALE = 1.0
    np.testing.assert_allclose(df(X), np.ones(3))
    G_SCALE = 3.0
    np.testing.assert_allclose(df(X), 3 * np.ones(3))
    G_SCALE = 1.0


def test_every_derivative_function_has_source_and_show_prints_it():
    made = [pb.grad(loss), pb.value_and_grad(loss), pb.jacobian(lambda_free),
            pb.jacobian(lambda_free, mode="forward"), pb.hessian(loss), pb.hvp(loss),
            pb.grad(pb.grad(scalar_fn))]
    for df in made:
        src = df.source
        assert isinstance(src, str) and "def " in src
        compile(src, "<source>", "exec")
        buf = io.StringIO()
        pb.show(df, file=buf)
        assert buf.getvalue().strip() == src.strip()
    _, back = pb.vjp(lambda_free, X)
    assert "def " in back.source


def scalar_fn(x):
    return x ** 3 * np.sin(x)


def test_tracebacks_show_generated_lines():
    def bad(x):
        y = x * 2
        return np.sum(np.log(y))

    df = pb.grad(bad)
    with np.errstate(all="raise"):
        with pytest.raises(FloatingPointError) as info:
            df(np.array([-1.0, 0.0]))
    text = "".join(traceback.format_exception(info.value))
    assert "<pullback " in text and "in bad_fwd" in text
    assert "np.log" in text  # the generated line itself is shown


def test_hessian_hvp_and_jvp_match_torch():
    def f(x):
        return np.sum(np.sin(x) * x[0] ** 2)

    def tf(x):
        return torch.sum(torch.sin(x) * x[0] ** 2)

    H = torch.autograd.functional.hessian(tf, torch.tensor(X)).numpy()
    np.testing.assert_allclose(pb.hessian(f)(X), H, rtol=1e-12, atol=1e-14)
    v = np.array([1.0, -2.0, 0.5])
    np.testing.assert_allclose(pb.hvp(f)(X, v=v), H @ v, rtol=1e-12, atol=1e-14)
    out, t = pb.jvp(f, (X,), (v,))
    _, tt = torch.func.jvp(tf, (torch.tensor(X),), (torch.tensor(v),))
    np.testing.assert_allclose(t, tt.numpy(), rtol=1e-12)
    # jvp of a gradient is a Hessian-vector product
    _, hv = pb.jvp(pb.grad(f), (X,), (v,))
    np.testing.assert_allclose(hv, H @ v, rtol=1e-12, atol=1e-14)


def test_grad_of_grad_of_grad_matches_torch():
    t = torch.tensor(0.7, dtype=torch.float64, requires_grad=True)
    y = t ** 3 * torch.sin(t)
    g1, = torch.autograd.grad(y, t, create_graph=True)
    g2, = torch.autograd.grad(g1, t, create_graph=True)
    g3, = torch.autograd.grad(g2, t)
    np.testing.assert_allclose(pb.grad(pb.grad(scalar_fn))(0.7), g2.item(), rtol=1e-12)
    np.testing.assert_allclose(pb.grad(pb.grad(pb.grad(scalar_fn)))(0.7), g3.item(), rtol=1e-12)


def test_grad_of_a_vector_gradient_is_refused():
    def f(x):
        return np.sum(x ** 2)

    with pytest.raises(ValueError, match="not a scalar"):
        pb.grad(pb.grad(f))(X)


def _tf(t):
    return torch.sum(torch.sin(t) * t ** 2)


def _f(x):
    return np.sum(np.sin(x) * x ** 2)


_df = pb.grad(_f)
_vg = pb.value_and_grad(_f)


def gradient_penalty(x):
    return np.sum(_df(x) ** 2) + _f(x)


def uses_value_and_grad(x):
    v, d = _vg(x)
    return v * 3 + np.sum(d * x)


def test_differentiating_through_a_gradient_matches_create_graph():
    x = np.array([0.3, -0.7, 1.1])
    t = torch.tensor(x, requires_grad=True)
    g, = torch.autograd.grad(_tf(t), t, create_graph=True)
    ref, = torch.autograd.grad(torch.sum(g ** 2) + _tf(t), t)
    np.testing.assert_allclose(pb.grad(gradient_penalty)(x), ref.numpy(), rtol=1e-12)

    t = torch.tensor(x, requires_grad=True)
    v = _tf(t)
    g, = torch.autograd.grad(v, t, create_graph=True)
    ref, = torch.autograd.grad(v * 3 + torch.sum(g * t), t)
    np.testing.assert_allclose(pb.grad(uses_value_and_grad)(x), ref.numpy(), rtol=1e-12)

    u = np.array([1.0, 0.5, -2.0])
    _, tan = pb.jvp(gradient_penalty, (x,), (u,))
    t = torch.tensor(x, requires_grad=True)
    _, tt = torch.func.jvp(lambda a: torch.sum(torch.func.grad(_tf)(a) ** 2) + _tf(a),
                           (torch.tensor(x),), (torch.tensor(u),))
    np.testing.assert_allclose(tan, tt.numpy(), rtol=1e-12)


def mlp_params(params, x):
    h = x
    for W, b in params:
        h = np.tanh(h @ W + b)
    return np.sum(h ** 2)


def _torch_mlp(tp, x):
    h = torch.tensor(x)
    for W, b in tp:
        h = torch.tanh(h @ W + b)
    return (h ** 2).sum()


def _mlp_data():
    rng = np.random.default_rng(3)
    ps = [(rng.standard_normal((3, 4)), rng.standard_normal(4)),
          (rng.standard_normal((4, 2)), rng.standard_normal(2))]
    return ps, rng.standard_normal((5, 3))


def test_lists_and_tuples_of_arrays_as_arguments():
    ps, x = _mlp_data()
    tp = [tuple(torch.tensor(a, requires_grad=True) for a in layer) for layer in ps]
    _torch_mlp(tp, x).backward()
    g = pb.grad(mlp_params)(ps, x)
    assert isinstance(g, list) and all(isinstance(layer, tuple) for layer in g)
    for layer, tlayer in zip(g, tp):
        for a, t in zip(layer, tlayer):
            np.testing.assert_allclose(a, t.grad.numpy(), rtol=1e-12)
    value, g2 = pb.value_and_grad(mlp_params)(ps, x)
    assert value == mlp_params(ps, x)
    np.testing.assert_allclose(g2[1][0], tp[1][0].grad.numpy(), rtol=1e-12)
    # forward mode: tangents with the same structure
    ts = [tuple(np.ones_like(a) for a in layer) for layer in ps]
    _, t = pb.jvp(mlp_params, (ps, x), (ts, None))
    expected = sum(np.sum(tl.grad.numpy()) for layer in tp for tl in layer)
    np.testing.assert_allclose(t, expected, rtol=1e-12)
    # vjp gives one cotangent per primal, the list rebuilt
    _, back = pb.vjp(mlp_params, ps, x)
    cts = back(1.0)
    np.testing.assert_allclose(cts[0][0][1], tp[0][1].grad.numpy(), rtol=1e-12)


def test_containers_passed_whole_to_a_rule():
    # a list argument passed whole to np.stack is the display of its arrays
    def passes_whole(params, x):
        return np.sum(np.stack(params) * x)

    x = np.array([0.5, -2.0])
    g = pb.grad(passes_whole)([np.ones(2), np.ones(2)], x)
    np.testing.assert_allclose(g[0], x, rtol=1e-12)
    np.testing.assert_allclose(g[1], x, rtol=1e-12)

    def dict_whole(params, x):
        return np.sum(np.stack(params) * x)

    with pytest.raises(pb.UnsupportedError, match="params"):
        pb.grad(dict_whole)({"a": np.ones(2), "b": np.ones(2)}, x)


def _collect(x, W):
    out = []
    h = x
    for i in range(3):
        h = np.tanh(W @ h)
        out.append(h * (i + 1))
    return np.sum(np.stack(out) ** 2) + np.sum(np.array(out)[:, 0])


def _torch_collect(x, W):
    out = []
    h = x
    for i in range(3):
        h = torch.tanh(W @ h)
        out.append(h * (i + 1))
    return torch.sum(torch.stack(out) ** 2) + torch.sum(torch.stack(out)[:, 0])


def test_list_append_matches_torch():
    rng = np.random.default_rng(0)
    x, W = rng.standard_normal(4), rng.standard_normal((4, 4)) / 2
    tx, tW = torch.tensor(x, requires_grad=True), torch.tensor(W, requires_grad=True)
    _torch_collect(tx, tW).backward()
    gx, gW = pb.grad(_collect, wrt=(0, 1))(x, W)
    np.testing.assert_allclose(gx, tx.grad.numpy(), rtol=1e-12)
    np.testing.assert_allclose(gW, tW.grad.numpy(), rtol=1e-12)
    H = torch.autograd.functional.hessian(lambda a: _torch_collect(a, torch.tensor(W)),
                                          torch.tensor(x)).numpy()
    np.testing.assert_allclose(pb.hessian(_collect)(x, W), H, rtol=1e-10, atol=1e-12)


def _spectral(x):
    return np.linalg.norm(x.reshape(2, 3), 2)


def _vector_norm(x):
    return np.linalg.norm(x) ** 3


def test_matrix_two_norm_first_order_and_loud_second_order():
    x = np.array([0.3, -1.2, 0.8, 2.0, 0.1, -0.5])
    t = torch.tensor(x, requires_grad=True)
    torch.linalg.matrix_norm(t.reshape(2, 3), 2).backward()
    np.testing.assert_allclose(pb.grad(_spectral)(x), t.grad.numpy(), rtol=1e-10)
    with pytest.raises(NotImplementedError, match="second derivatives"):
        pb.hessian(_spectral)(x)
    # vector norms keep their second derivatives
    H = torch.autograd.functional.hessian(lambda a: torch.linalg.vector_norm(a) ** 3,
                                          torch.tensor(x)).numpy()
    np.testing.assert_allclose(pb.hessian(_vector_norm)(x), H, rtol=1e-10, atol=1e-12)


def dict_params_loss(params, x):
    h = np.tanh(x @ params["W1"] + params["b1"])
    layers = params["more"]
    for W in layers:
        h = np.tanh(h @ W)
    return np.sum(h ** 2)


def test_dict_of_arrays_as_argument():
    rng = np.random.default_rng(1)
    P = {"W1": rng.standard_normal((3, 4)), "b1": rng.standard_normal(4),
         "more": [rng.standard_normal((4, 4)), rng.standard_normal((4, 2))]}
    x = rng.standard_normal((5, 3))
    T = {"W1": torch.tensor(P["W1"], requires_grad=True),
         "b1": torch.tensor(P["b1"], requires_grad=True),
         "more": [torch.tensor(m, requires_grad=True) for m in P["more"]]}
    h = torch.tanh(torch.tensor(x) @ T["W1"] + T["b1"])
    for W in T["more"]:
        h = torch.tanh(h @ W)
    (h ** 2).sum().backward()
    df = pb.grad(dict_params_loss)
    g = df(P, x)
    assert isinstance(g, dict) and list(g) == ["W1", "b1", "more"]
    np.testing.assert_allclose(g["W1"], T["W1"].grad.numpy(), rtol=1e-12)
    np.testing.assert_allclose(g["b1"], T["b1"].grad.numpy(), rtol=1e-12)
    for a, t in zip(g["more"], T["more"]):
        np.testing.assert_allclose(a, t.grad.numpy(), rtol=1e-12)
    assert "params_1 = params['W1']" in df.source  # the code built for this structure


def test_show_highlights_on_a_terminal_and_keeps_the_text():
    import re

    class Tty(io.StringIO):
        def isatty(self):
            return True

    df = pb.grad(loss)
    buf = Tty()
    pb.show(df, file=buf)
    coloured = buf.getvalue()
    assert "\033[" in coloured
    assert re.sub(r"\033\[[0-9;]*m", "", coloured).strip() == df.source.strip()


def two_outputs(x, y):
    return x * y[0], np.sin(x).sum() + y


@pytest.mark.parametrize("mode", ["reverse", "forward"])
def test_jacobian_of_several_outputs_matches_torch(mode):
    x, y = np.array([0.5, -1.0, 2.0]), np.array([1.5, 0.3])
    ref = torch.autograd.functional.jacobian(
        lambda a, b: (a * b[0], torch.sin(a).sum() + b), (torch.tensor(x), torch.tensor(y)))
    J = pb.jacobian(two_outputs, wrt=(0, 1), mode=mode)(x, y)
    for k in range(2):
        for j in range(2):
            np.testing.assert_allclose(J[k][j], ref[k][j].numpy(), rtol=1e-12, atol=1e-15)
    J0 = pb.jacobian(two_outputs, mode=mode)(x, y)
    np.testing.assert_allclose(J0[1], ref[1][0].numpy(), rtol=1e-12, atol=1e-15)


G_WEIGHTS = np.array([1.0, 2.0, 3.0])


def uses_global_weights(x):
    return np.sum(np.sin(x) * G_WEIGHTS)


def test_back_uses_the_values_the_forward_sweep_saw():
    global G_WEIGHTS
    x = np.array([0.1, 0.2, 0.3])
    _, back = pb.vjp(uses_global_weights, x)
    expected = np.cos(x) * G_WEIGHTS
    old, G_WEIGHTS = G_WEIGHTS, np.array([10.0, 20.0, 30.0])  # rebound before back()
    try:
        np.testing.assert_allclose(back(1.0)[0], expected, rtol=1e-15)
    finally:
        G_WEIGHTS = old


def test_generated_names_never_shadow_the_users_functions():
    from programs import hygiene
    x, y = np.array([1.0, 2.0]), np.array([0.5, -1.0])
    tx = torch.tensor(x, requires_grad=True)
    (torch.sum(tx * torch.tensor(y)) + torch.sum(tx * 7.0)).backward()
    np.testing.assert_allclose(pb.grad(hygiene.outer)(x, y), tx.grad.numpy(), rtol=1e-15)


def layers_by_index(params, x):
    h = x
    for i in range(len(params)):
        W, b = params[i]
        h = np.tanh(h @ W + b)
    return np.sum(h) + np.sum(params[-1][1] * params[len(params) - 1][0][0])


def test_list_argument_indexed_with_a_variable():
    rng = np.random.default_rng(2)
    P = [(rng.standard_normal((3, 3)), rng.standard_normal(3)) for _ in range(3)]
    x = rng.standard_normal((2, 3))
    tP = [(torch.tensor(W, requires_grad=True), torch.tensor(b, requires_grad=True))
          for W, b in P]
    h = torch.tensor(x)
    for W, b in tP:
        h = torch.tanh(h @ W + b)
    (h.sum() + torch.sum(tP[-1][1] * tP[-1][0][0])).backward()
    g = pb.grad(layers_by_index)(P, x)
    for layer, tlayer in zip(g, tP):
        for a, t in zip(layer, tlayer):
            np.testing.assert_allclose(a, t.grad.numpy(), rtol=1e-12)
