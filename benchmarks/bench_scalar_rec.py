"""A 1000-step scalar recurrence ``x = x * 0.999 + 0.001 * sin(x)``.

Every step is three tiny NumPy/Python operations on one float, so the time is
all per-operation overhead: the tape, the adjoint's bookkeeping, the wrapper.
"""

import numpy as np
import torch

NAME = "scalar_rec"
DESCRIPTION = "1000-step scalar recurrence x = x*0.999 + 0.001*sin(x)"
WRT = 0
STEPS = 1000


def inputs(rng):
    return (float(rng.standard_normal()),)


def loss(x):
    for i in range(1000):
        x = x * 0.999 + 0.001 * np.sin(x)
    return x


def torch_loss(x):
    for i in range(1000):
        x = x * 0.999 + 0.001 * torch.sin(x)
    return x


def hand_grad(x):
    xs = []
    for i in range(STEPS):
        xs.append(x)
        x = x * 0.999 + 0.001 * np.sin(x)
    g = 1.0
    for i in range(STEPS - 1, -1, -1):
        g = g * (0.999 + 0.001 * np.cos(xs[i]))
    return g
