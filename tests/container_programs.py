"""Real-program idioms over lists, tuples and dicts of arrays (issue 11), written
the way autograd's and JAX's examples write them. ``tests/test_container_programs.py``
runs each against torch float64 and HIPS autograd (this module loaded again with
its ``np`` bound to ``torch._numpy`` / ``autograd.numpy``) and central differences."""

import numpy as np


def mse(a, b):
    return np.mean((a - b) ** 2)


def predict(params, x):
    for W, b in params:
        x = np.tanh(x @ W + b)
    return x


def mlp_loss(params, x, y):
    return mse(predict(params, x), y)


def predict_linear_last(params, x):
    for W, b in params[:-1]:
        x = np.tanh(x @ W + b)
    W, b = params[-1]
    return x @ W + b


def mlp_linear_last(params, x, y):
    return mse(predict_linear_last(params, x), y)


def skip_first_layer(params, x, y):
    h = x @ params[0][0]
    for W, b in params[1:]:
        h = np.sin(h @ W + b)
    return mse(h, y)


def reversed_slice(params, x, y):
    h = x
    for W, b in params[:1]:
        h = np.tanh(h @ W + b)
    for W, b in params[::-1][:1]:
        h = h @ W + b
    return mse(h, y)


def dict_net(p, x):
    return np.tanh(x @ p["W1"] + p["b1"]) @ p["W2"] + p["b2"]


def dict_loss(p, x, y):
    return mse(dict_net(p, x), y)


def dict_inline(p, x, y):
    h = np.tanh(x @ p["W1"] + p["b1"])
    return mse(h @ p["W2"] + p["b2"], y)


def layer(lp, h):
    return np.tanh(h @ lp["W"] + lp["b"])


def list_of_dicts(params, x, y):
    h = x
    for lp in params:
        h = layer(lp, h)
    return mse(h, y)


def nested_dict(p, x, y):
    h = layer(p["enc"], x)
    return mse(layer(p["dec"], h), y)


def dict_literal(params, x, y):
    W, b = params[0]
    state = {"h": np.tanh(x @ W + b), "scale": 2.0}
    return mse(state["h"] * state["scale"], y[:, :1] * np.ones((1, 4)))


def dict_call(params, x, y):
    W, b = params[0]
    state = dict(h=np.tanh(x @ W + b), bias=b)
    return np.sum(state["h"] * state["bias"]) + mse(x @ params[1][0][:3], y)


def list_literal_used(params, x, y):
    W, b = params[0]
    parts = [np.sum(W * W), 2.0, np.sum(b)]
    return np.sum(np.stack(parts)) + parts[0] * parts[2]


def comprehension_layers(params, x, y):
    outs = [np.tanh(x @ W + b) for W, b in params[:1]]
    return np.sum(np.stack(outs) ** 2)


def generator_penalty(params, x, y):
    reg = sum(np.sum(W ** 2) for W, _ in params)
    return mse(predict(params, x), y) + 0.1 * reg


def index_by_loop_variable(params, x, y):
    h = x
    for i in range(len(params)):
        W, b = params[i]
        h = np.tanh(h @ W + b)
    return mse(h, y)


def slice_passed_to_helper(params, x, y):
    h = np.tanh(x @ params[0][0] + params[0][1])
    return mse(predict(params[1:], h), y)


def element_of_dict_passed(p, x, y):
    return mse(layer({"W": p["W1"], "b": p["b1"]}, x)[:, :2], y)


def rnn_step(p, h, x):
    return np.tanh(h @ p["Wh"] + x @ p["Wx"] + p["b"])


def rnn_loss(p, x, y):
    h = np.zeros(4)
    hs = []
    for xt in x:
        h = rnn_step(p, h, xt)
        hs.append(h)
    loss = 0.0
    for t in range(len(hs)):
        loss = loss + np.sum((hs[t] @ p["Wo"] - y[t]) ** 2)
    return loss + np.sum(hs[-1])


def rnn_outputs_comprehension(p, x, y):
    h = np.zeros(4)
    hs = []
    for xt in x:
        h = rnn_step(p, h, xt)
        hs.append(h)
    preds = [hh @ p["Wo"] for hh in hs]
    return sum(np.sum((pr - yt) ** 2) for pr, yt in zip(preds, y))


def _hidden_size(p, x):
    h = np.zeros((x.shape[0], p["W1"].shape[1]))  # reads the dict itself, not a leaf
    return h + np.tanh(x @ p["W1"] + p["b1"])


def dict_read_whole_in_a_helper(p, x, y):
    # (was a TypeError: the helper was given a tuple of the dict's leaves)
    return np.sum(_hidden_size(p, x) ** 2) + 0.0 * np.sum(y)
