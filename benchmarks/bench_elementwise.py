"""(d) An elementwise chain on a 10**6-element vector: sin, exp, multiply, sum.

Memory-bandwidth bound: every implementation makes a few passes over 8 MB arrays.
"""

import numpy as np
import torch

NAME = "elementwise"
DESCRIPTION = "sum(exp(sin(x)) * x), 10^6 elements"
WRT = 0


def inputs(rng):
    return (rng.standard_normal(10**6),)


def loss(x):
    s = np.sin(x)
    e = np.exp(s)
    return np.sum(e * x)


def torch_loss(x):
    s = torch.sin(x)
    e = torch.exp(s)
    return torch.sum(e * x)


def hand_grad(x):
    e = np.exp(np.sin(x))
    return e * (x * np.cos(x) + 1.0)
