"""The recurrence ``x = x * 0.999 + 0.001 * sin(x)`` for 200 steps on a vector of
10^5 elements: memory bound, and the tape is what costs memory (see the peak
memory column: a hand-written VJP keeps one vector per step)."""

import numpy as np
import torch

NAME = "vector_rec"
DESCRIPTION = "200-step recurrence on a 10^5-element vector"
WRT = 0
STEPS, N = 200, 100_000


def inputs(rng):
    return (rng.standard_normal(N),)


def loss(x):
    for i in range(200):
        x = x * 0.999 + 0.001 * np.sin(x)
    return np.sum(x)


def torch_loss(x):
    for i in range(200):
        x = x * 0.999 + 0.001 * torch.sin(x)
    return torch.sum(x)


def hand_grad(x):
    xs = []
    for i in range(STEPS):
        xs.append(x)
        x = x * 0.999 + 0.001 * np.sin(x)
    g = np.ones_like(x)
    for i in range(STEPS - 1, -1, -1):
        g = g * (0.999 + 0.001 * np.cos(xs[i]))
    return g
