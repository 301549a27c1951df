"""(c) A loop-heavy recurrence: 200 steps of ``h = tanh(W @ h + x[i])``, h of size 16.

Loss ``sum(h)`` of the final state; gradient with respect to ``W`` and ``x``.
Dominated by per-step overhead (16x16 matrix-vector products are tiny).
"""

import numpy as np
import torch

NAME = "recurrence"
DESCRIPTION = "200-step tanh RNN, h of size 16"
WRT = (0, 1)
STEPS = 200


def inputs(rng):
    W = rng.standard_normal((16, 16)) / 4.0
    x = rng.standard_normal((STEPS, 16))
    h0 = np.zeros(16)
    return (W, x, h0)


def loss(W, x, h0):
    h = h0
    for i in range(200):
        h = np.tanh(W @ h + x[i])
    return np.sum(h)


def torch_loss(W, x, h0):
    h = h0
    for i in range(200):
        h = torch.tanh(W @ h + x[i])
    return torch.sum(h)


def hand_grad(W, x, h0):
    hs = [h0]
    h = h0
    for i in range(STEPS):
        h = np.tanh(W @ h + x[i])
        hs.append(h)
    dW = np.zeros_like(W)
    dx = np.zeros_like(x)
    dh = np.ones_like(h0)
    for i in range(STEPS - 1, -1, -1):
        da = dh * (1.0 - hs[i + 1] ** 2)
        dx[i] = da
        dW += np.outer(da, hs[i])
        dh = W.T @ da
    return dW, dx
