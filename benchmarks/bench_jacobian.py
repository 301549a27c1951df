"""The 2x2 Jacobian of ``k = (x0^2 + 3 x1, x1^2 + 2 x0)`` (the PyTorch autograd
notebook's closing exercise, ``examples/matrix_gradients_and_jacobian.py``).

A Jacobian workload: ``make(args)`` gives each implementation's callable; the
baseline ("hand") is the closed form ``[[2 x0, 3], [2, 2 x1]]``.
"""

import numpy as np
import torch

NAME = "jacobian"
DESCRIPTION = "2x2 Jacobian of the tutorial's k(x)"
WRT = 0


def inputs(rng):
    return (np.array([2.0, 3.0]),)


def loss(x):
    k = np.zeros(2)
    k[0] = x[0] ** 2 + 3 * x[1]
    k[1] = x[1] ** 2 + 2 * x[0]
    return k


def stacked(x, np=np):
    """``k`` without indexed assignment (autograd and jax cannot write into arrays)."""
    return np.stack([x[0] ** 2 + 3 * x[1], x[1] ** 2 + 2 * x[0]])


def torch_loss(x):
    return torch.stack([x[0] ** 2 + 3 * x[1], x[1] ** 2 + 2 * x[0]])


def hand_grad(x):
    return np.array([[2.0 * x[0], 3.0], [2.0, 2.0 * x[1]]])


def make(args, pb, autograd, anp, jax=None):
    """{impl: zero-argument callable computing the Jacobian}."""
    (x,) = args
    J = pb.jacobian(loss)
    tx = torch.tensor(x, dtype=torch.float64)
    aj = autograd.jacobian(lambda v: stacked(v, anp))
    fns = {
        "pullback": lambda: J(x),
        "torch": lambda: torch.autograd.functional.jacobian(torch_loss, tx),
        "autograd": lambda: aj(x),
        "numpy": lambda: hand_grad(x),
    }
    if jax is not None:
        jj = jax.jit(jax.jacrev(lambda v: stacked(v, jax.numpy)))
        fns["jax"] = lambda: np.asarray(jj(x))
    return fns
