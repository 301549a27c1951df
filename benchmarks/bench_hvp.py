"""A Hessian-vector product of an MLP loss ``0.5 * sum((tanh(X @ W) @ c - y)**2)``
with respect to ``W`` (64x32, batch 128), along a direction ``D``.

``make(args)`` gives each implementation's callable; the baseline ("hand") is
the HVP written by hand (the directional derivative of the hand-written gradient).
"""

import numpy as np
import torch

NAME = "hvp"
DESCRIPTION = "Hessian-vector product of an MLP loss, W 64x32, batch 128"
WRT = 0


def inputs(rng):
    W = rng.standard_normal((64, 32)) / 8.0
    X = rng.standard_normal((128, 64))
    c = rng.standard_normal(32)
    y = rng.standard_normal(128)
    D = rng.standard_normal((64, 32))
    return (W, X, c, y, D)


def loss(W, X, c, y):
    r = np.tanh(X @ W) @ c - y
    return 0.5 * np.sum(r ** 2)


def torch_loss(W, X, c, y):
    r = torch.tanh(X @ W) @ c - y
    return 0.5 * torch.sum(r ** 2)


def hand_grad(W, X, c, y, D):
    H = np.tanh(X @ W)
    r = H @ c - y
    S = 1.0 - H ** 2
    dH = S * (X @ D)
    dr = dH @ c
    return X.T @ (np.outer(dr, c) * S + np.outer(r, c) * (-2.0 * H * dH))


def make(args, pb, autograd, anp, jax=None):
    """{impl: zero-argument callable computing the HVP}."""
    W, X, c, y, D = args
    hv = pb.hvp(loss)
    t = [torch.tensor(a, dtype=torch.float64) for a in args]

    def torch_hvp():
        Wt = t[0].detach().requires_grad_(True)
        (g,) = torch.autograd.grad(torch_loss(Wt, *t[1:4]), Wt, create_graph=True)
        (h,) = torch.autograd.grad(g, Wt, t[4])
        return h

    def aloss(W, X, c, y):
        r = anp.tanh(X @ W) @ c - y
        return 0.5 * anp.sum(r ** 2)

    ahvp = autograd.hessian_vector_product(aloss)
    fns = {
        "pullback": lambda: hv(W, X, c, y, v=D),
        "torch": torch_hvp,
        "autograd": lambda: ahvp(W, X, c, y, D),
        "numpy": lambda: hand_grad(*args),
    }
    if jax is not None:
        jnp = jax.numpy

        def jloss(W):
            r = jnp.tanh(X @ W) @ c - y
            return 0.5 * jnp.sum(r ** 2)

        jh = jax.jit(lambda W, D: jax.jvp(jax.grad(jloss), (W,), (D,))[1])
        fns["jax"] = lambda: np.asarray(jh(W, D))
    return fns
