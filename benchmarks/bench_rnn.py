"""An RNN of 100 steps, hidden size 64: ``h = tanh(W @ h + U @ xs[t])``.

Loss ``sum(h)`` of the final state; gradient with respect to ``W`` and ``U``.
64x64 matrix-vector products: per-step overhead and small BLAS calls both count.
"""

import numpy as np
import torch

NAME = "rnn"
DESCRIPTION = "RNN, 100 steps, H 64 (inputs of size 32)"
WRT = (0, 1)
STEPS, H, D = 100, 64, 32


def inputs(rng):
    W = rng.standard_normal((H, H)) / 8.0
    U = rng.standard_normal((H, D)) / 6.0
    xs = rng.standard_normal((STEPS, D))
    h0 = np.zeros(H)
    return (W, U, xs, h0)


def loss(W, U, xs, h):
    for t in range(xs.shape[0]):
        h = np.tanh(W @ h + U @ xs[t])
    return np.sum(h)


def torch_loss(W, U, xs, h):
    for t in range(xs.shape[0]):
        h = torch.tanh(W @ h + U @ xs[t])
    return torch.sum(h)


def hand_grad(W, U, xs, h):
    hs = [h]
    for t in range(xs.shape[0]):
        h = np.tanh(W @ h + U @ xs[t])
        hs.append(h)
    dW = np.zeros_like(W)
    dU = np.zeros_like(U)
    dh = np.ones_like(h)
    for t in range(xs.shape[0] - 1, -1, -1):
        da = dh * (1.0 - hs[t + 1] ** 2)
        dW += np.outer(da, hs[t])
        dU += np.outer(da, xs[t])
        dh = W.T @ da
    return dW, dU
