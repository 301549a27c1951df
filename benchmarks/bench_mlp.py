"""(a) Small MLP loss: tanh hidden layer, matmul, mean squared error.

Weights 64x32 and 32x1, batch of 128. Gradient with respect to both weights.
"""

import numpy as np
import torch

NAME = "mlp"
DESCRIPTION = "MLP loss, W1 64x32, W2 32x1, batch 128"
WRT = (0, 1)


def inputs(rng):
    X = rng.standard_normal((128, 64))
    y = rng.standard_normal((128, 1))
    W1 = rng.standard_normal((64, 32)) / 8.0
    W2 = rng.standard_normal((32, 1)) / 4.0
    return (W1, W2, X, y)


def loss(W1, W2, X, y):
    h = np.tanh(X @ W1)
    pred = h @ W2
    return np.mean((pred - y) ** 2)


def torch_loss(W1, W2, X, y):
    h = torch.tanh(X @ W1)
    pred = h @ W2
    return torch.mean((pred - y) ** 2)


def hand_grad(W1, W2, X, y):
    a = X @ W1
    h = np.tanh(a)
    pred = h @ W2
    d_pred = 2.0 * (pred - y) / pred.size
    dW2 = h.T @ d_pred
    d_a = (d_pred @ W2.T) * (1.0 - h * h)
    dW1 = X.T @ d_a
    return dW1, dW2
