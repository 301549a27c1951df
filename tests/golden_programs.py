"""Programs whose generated source is pinned in tests/golden/ (see test_golden.py).

Changing the code generator changes these files on purpose: review the diff,
then regenerate with ``python tests/test_golden.py --update``.
"""

import numpy as np

import pullback as pb


def tutorial_doubling(a):
    b = a * 2
    while np.linalg.norm(b) < 1000:
        b = b * 2
    if b.sum() > 0:
        c = b
    else:
        c = 100 * b
    return c


def mlp_loss(W1, W2, X, y):
    h = np.tanh(X @ W1)
    out = h @ W2
    return np.mean((out - y) ** 2)


def recurrence(x, w):
    k = np.zeros(x.shape[0])
    k[0] = x[0]
    for i in range(1, x.shape[0]):
        if k[i - 1] > 0:
            k[i] = w * k[i - 1] + x[i]
        else:
            continue
    return np.sum(k * k)


def early_exit(x, limit):
    total = 0.0
    for v in x:
        if total > limit:
            return total
        total = total + v * v
    return total


def markers(x):
    y = pb.stop_gradient(x) * x
    with pb.no_grad():
        z = x * 3
    return np.sum(y + z)


GOLDEN = {
    "tutorial_doubling_grad": lambda: pb.grad(tutorial_doubling).source,
    "mlp_loss_grad": lambda: pb.grad(mlp_loss, wrt=(0, 1)).source,
    "recurrence_grad": lambda: pb.grad(recurrence, wrt=(0, 1)).source,
    "early_exit_grad": lambda: pb.grad(early_exit).source,
    "markers_grad": lambda: pb.grad(markers).source,
    "mlp_loss_jvp": lambda: pb.jacobian(mlp_loss, wrt=0, mode="forward").source,
    "tutorial_doubling_jvp": lambda: pb.jacobian(tutorial_doubling, mode="forward").source,
}
