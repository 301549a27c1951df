"""(e) Logistic regression loss, design matrix 1000x50, labels in {-1, +1}.

``mean(log(1 + exp(-y * (X @ w + b))))`` written with ``np.logaddexp(0, .)``
for stability; gradient with respect to ``w`` and ``b``.
"""

import numpy as np
import torch

NAME = "logistic"
DESCRIPTION = "logistic regression, X 1000x50"
WRT = (0, 1)


def inputs(rng):
    X = rng.standard_normal((1000, 50))
    w_true = rng.standard_normal(50)
    y = np.where(X @ w_true + 0.5 * rng.standard_normal(1000) > 0, 1.0, -1.0)
    w = 0.1 * rng.standard_normal(50)
    b = np.array(0.05)
    return (w, b, X, y)


def loss(w, b, X, y):
    z = X @ w + b
    return np.mean(np.logaddexp(0.0, -y * z))


def torch_loss(w, b, X, y):
    z = X @ w + b
    return torch.mean(torch.logaddexp(torch.zeros_like(z), -y * z))


def hand_grad(w, b, X, y):
    z = X @ w + b
    m = -y * z
    # d/dm logaddexp(0, m) = sigmoid(m), computed stably
    s = np.exp(-np.logaddexp(0.0, -m))
    dz = -y * s / y.size
    return X.T @ dz, np.sum(dz)
