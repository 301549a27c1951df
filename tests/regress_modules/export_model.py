"""Model module for tests/test_regress_export.py."""
import numpy as np

SCALE = np.array([1.0, 2.0, 3.0])
OFFSET = 0.5


def list_loss(params, x):
    W, b = params
    h = np.tanh(W @ x + b) * SCALE
    return np.sum(h ** 2)


def dict_loss(params, x):
    h = np.tanh(params["W"] @ x + params["b"]) * SCALE
    return np.sum(h ** 2)


def nested_loss(params, x):
    (W1, b1), (W2, b2) = params
    h = np.tanh(W1 @ x + b1)
    return np.sum((W2 @ h + b2) ** 2) * OFFSET


def one_leaf_loss(params, x):
    return np.sum(np.tanh(params[0] @ x) * SCALE)


def two_args_loss(params, x):
    W, b = params
    return np.sum(np.tanh(W @ x + b) ** 2) * OFFSET


def scaled_loss(x):
    return np.sum(np.sin(x) * SCALE) + OFFSET * np.sum(x ** 2)
