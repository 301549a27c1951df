"""(b) The PyTorch autograd tutorial's scalar function with data-dependent control flow.

From https://pytorch.org/tutorials/beginner/examples_autograd/ ("Dynamic control
flow"): double ``b`` until its norm reaches 1000, then branch on its sign. The
derivative is ``2**k`` (or ``100 * 2**k``) for the number ``k`` of doublings.
"""

import numpy as np
import torch

NAME = "doubling"
DESCRIPTION = "torch tutorial while/if doubling, scalar"
WRT = 0


def inputs(rng):
    return (np.array(0.3721),)


def loss(a):
    b = a * 2
    while np.linalg.norm(b) < 1000:
        b = b * 2
    if np.sum(b) > 0:
        c = b
    else:
        c = 100 * b
    return c


def torch_loss(a):
    b = a * 2
    while b.norm() < 1000:
        b = b * 2
    if b.sum() > 0:
        c = b
    else:
        c = 100 * b
    return c


def hand_grad(a):
    b = a * 2
    d = 2.0
    while np.linalg.norm(b) < 1000:  # same primal work as loss
        b = b * 2
        d = d * 2.0
    if b <= 0:
        d = 100.0 * d
    return np.array(d)
