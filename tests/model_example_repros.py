"""Minimal repros of pullback crashes met while writing examples/models/ (see
tests/test_model_examples.py, where each is a strict xfail against autograd)."""

import numpy as np


def _zeros_from_dict_shape(p, x):
    h = np.zeros(p["W"].shape[0])
    return np.sum(h + x @ p["W"])


def dict_shape_in_callee(p, x):
    """rnn.py's natural `np.zeros((..., params["Wh"].shape[0]))` inside a helper:
    the generated code indexes the helper's flattened tuple with "W" (TypeError)."""
    return _zeros_from_dict_shape(p, x)


def _cell(gates, h, x):
    (Wf, bf), (Wi, bi) = gates
    return np.tanh(h @ Wf + bf + x @ Wi + bi)


def _inner(params, x):
    gates, (w, b) = params
    h = np.zeros((x.shape[1], gates[0][1].shape[0]))
    for xt in x:
        h = _cell(gates, h, xt)
    return h @ w + b


def nested_unpack_then_pass(params, x):
    """lstm.py's natural `gates, (w, b) = params` in a helper whose `gates` goes on
    to another helper that unpacks it: RecursionError while building."""
    return np.mean(_inner(params, x))


def nested_unpack_top(params, x):
    """The same unpacking in the differentiated function itself: refused with
    "cannot differentiate `Tuple`"."""
    gates, (w, b) = params
    return np.sum(np.tanh(x @ gates[0][0] + gates[0][1]) @ w) * b


def sum_over_constant_keys(p):
    """A penalty over chosen keys of a dict: refused ("the tuple `p` holds ...")."""
    return sum(np.sum(p[k] ** 2) for k in ["w"])


def loop_over_dict_keys(m, x):
    """Layers of a dict of dicts visited by name: refused ("this element is itself
    a list/tuple ...")."""
    h = x
    for name in ["in", "mid"]:
        h = np.tanh(h @ m[name]["W"] + m[name]["b"])
    return np.sum(h)


def unpack_array(theta, x):
    """gaussian_process.py's `a, b, c = hyper` on an array: refused, advice (index it) works."""
    a, b, c = theta
    return np.sum(np.exp(a) * np.exp(-x ** 2 / np.exp(b)) + c)


def inplace_add_after_fresh_in_loop(Ws, x):
    """`h = h @ W; h += b` in a loop that starts from `h = x`: the fresh `h @ W`
    is taken for a possible alias of `x` and `h += ...` raises PullbackError at run
    time ("... may share"); `h = h + ...` (its advice) works."""
    h = x
    for W in Ws:
        h = h @ W
        h += 1.0
    return np.sum(np.tanh(h))


def closure_loops_over_params(params, X):
    """A nested function looping over the enclosing function's list of layers:
    AttributeError ('Tuple' object has no attribute 'id') while building."""
    def one(x):
        h = x
        for W, b in params:
            h = np.tanh(h @ W + b)
        return np.sum(h)
    return one(X)


def closure_unpacks_param(params, X):
    """A nested function unpacking one layer of the enclosing function's list:
    refused ("unpacking this value cannot be differentiated")."""
    def one(x):
        W, b = params[0]
        return np.sum(np.tanh(x @ W + b))
    return one(X)


def reversed_layers(params, x):
    """`reversed(params)`: refused ("`reversed` is a class ..."); params[::-1] works."""
    h = x
    for W, b in reversed(params):
        h = np.tanh(h @ W.T + b)
    return np.sum(h)
