"""pb.stop_gradient and `with pb.no_grad():` (torch .detach() / torch.no_grad()).

Finite differences see through these markers, so each program carries a
hand-written derivative (``manual``) as a second reference next to torch.
"""

import numpy as np

from . import NULL_PB as pb
from . import program


@program(args=lambda rng: (np.arange(4.0) + rng.uniform(-0.2, 0.2, 4),), tags=("seed", "stop_gradient"),
         manual=lambda x: x * x)
def seed_detach(x):
    """u = y.detach(); z = u * x: dz/dx = u."""
    y = x * x
    u = pb.stop_gradient(y)
    z = u * x
    return z.sum()


@program(args=lambda rng: (1.0 + rng.uniform(-0.3, 0.3),), tags=("seed", "no_grad", "float-args"),
         manual=lambda x: 2.0 * x)
def seed_no_grad(x):
    """y2 is computed under no_grad: only y1 = x**2 contributes."""
    y1 = x ** 2
    with pb.no_grad():
        y2 = x ** 3
    y3 = y1 + y2
    return y3


@program(args=lambda rng: (rng.standard_normal(4), rng.standard_normal(4)), wrt=(0,),
         tags=("stop_gradient",), manual=lambda x, w: w / np.linalg.norm(x))
def normalize_by_detached_norm(x, w):
    n = pb.stop_gradient(np.linalg.norm(x))
    return np.sum(x / n * w)


def _sg_loop_manual(x, t):
    y = x
    for _ in range(3):
        y = y - 0.5 * (y - t)
    return 2.0 * y


@program(args=lambda rng: (rng.standard_normal(3), rng.standard_normal(3)), wrt=(0,),
         tags=("stop_gradient", "for-range"), manual=_sg_loop_manual)
def stop_gradient_in_loop(x, t):
    """Each step's correction is detached: dy/dx stays the identity."""
    y = x
    for _ in range(3):
        y = y - 0.5 * pb.stop_gradient(y - t)
    return np.sum(y * y)


def _no_grad_stats_manual(x, w):
    m = np.mean(x)
    s = np.sqrt(np.mean((x - m) ** 2)) + 1.0
    return w / s


@program(args=lambda rng: (rng.standard_normal(5), rng.standard_normal(5)), wrt=(0,),
         tags=("no_grad",), manual=_no_grad_stats_manual)
def no_grad_statistics(x, w):
    with pb.no_grad():
        m = np.mean(x)
        s = np.sqrt(np.mean((x - m) ** 2)) + 1.0
    return np.sum((x - m) / s * w)


def _no_grad_loop_manual(x):
    target = x * 1.0
    for _ in range(3):
        target = 0.5 * target + np.sin(target)
    return 2.0 * (x - target)


@program(args=lambda rng: (rng.standard_normal(4),), tags=("no_grad", "for-range"),
         manual=_no_grad_loop_manual)
def no_grad_with_loop(x):
    with pb.no_grad():
        target = x * 1.0
        for _ in range(3):
            target = 0.5 * target + np.sin(target)
    return np.sum((x - target) ** 2)


@program(args=lambda rng: (rng.uniform(-3, 3, 5), rng.standard_normal(5)), wrt=(0,),
         tags=("stop_gradient", "straight-through"), manual=lambda x, w: w)
def straight_through_round(x, w):
    """x + stop_gradient(round(x) - x): the value of round, the gradient of x."""
    q = x + pb.stop_gradient(np.round(x) - x)
    return np.sum(w * q)


@program(args=lambda rng: (rng.standard_normal(3),), tags=("stop_gradient",),
         manual=lambda x: 3.0 * x)
def stop_gradient_partial(x):
    a = pb.stop_gradient(x)
    return np.sum(a * x + x ** 2)


@program(args=lambda rng: (rng.standard_normal(3),), tags=("stop_gradient", "no_grad", "call"),
         manual=lambda x: np.cos(x) * 2.0)
def markers_through_calls(x):
    """Markers inside a helper, and a detached helper result."""
    c = _detached_sum(x)
    return np.sum(np.sin(x) * 2.0) + c


def _detached_sum(x):
    with pb.no_grad():
        s = np.sum(x ** 2)
    return s + pb.stop_gradient(np.sum(np.exp(x)))
