"""Rules of array builders whose derivative is not a rearrangement rule:
``np.linspace`` with differentiated endpoints, and the shape helpers that
``np.r_[...]`` / ``np.c_[...]`` are rewritten with (see
:mod:`pullback.modes.index_builders`).

``np.linspace(start, stop, num)`` is ``start * (1 - w) + stop * w`` with
``w = i / (num - 1)`` (``i / num`` without the endpoint), so its rules are
sums and products with the weights ``w``, which have rules of their own.
"""

import numpy as np

from ..runtime import unbroadcast, zeros_if_none
from .registry import jvp_of, nondifferentiable, vjp_of


# ---------------------------------------------------------------- np.r_ / np.c_ pieces
def r_piece_shape(shape):
    """The shape ``np.r_`` gives one of its items (at least one dimension)."""
    return tuple(shape) if len(shape) else (1,)


def c_piece_shape(shape):
    """The shape ``np.c_`` gives one of its items: 1-d items become columns,
    scalars 1 x 1, others are kept."""
    shape = tuple(shape)
    if len(shape) == 0:
        return (1, 1)
    if len(shape) == 1:
        return (shape[0], 1)
    return shape


# ---------------------------------------------------------------- np.linspace
def linspace_div(num, endpoint=True):
    """The divisor of the sample index: ``num - 1`` with the endpoint, else ``num``."""
    div = int(num) - 1 if endpoint else int(num)
    return div if div > 0 else 1


def linspace_weights(num, endpoint, ndim, axis=0, dtype=None):
    """The weights ``w`` of ``stop`` (``1 - w`` of ``start``), shaped to broadcast
    against the samples (``ndim`` dimensions, the samples along ``axis``).
    An integer ``dtype`` truncates the samples: no derivative (zero weights)."""
    num = int(num)
    w = np.arange(num, dtype=float) / linspace_div(num, endpoint)
    if num == 1:
        w = np.zeros(1)
    shape = [1] * ndim
    shape[axis % ndim] = num
    w = w.reshape(shape)
    if dtype is not None and not np.issubdtype(np.dtype(dtype), np.inexact):
        return w * 0.0, w * 0.0 + 1.0
    return w, 1.0 - w


def linspace_base_shape(samples, axis=0):
    """The broadcast shape of ``start`` and ``stop``: the samples' shape without ``axis``."""
    shape = list(np.shape(samples))
    del shape[axis % len(shape)]
    return tuple(shape)


def linspace_step_weight(num, endpoint, dtype=None):
    """d step / d stop (minus d step / d start) of ``retstep=True``."""
    if dtype is not None and not np.issubdtype(np.dtype(dtype), np.inexact):
        return 0.0
    return 1.0 / linspace_div(num, endpoint) if int(num) > 1 or not endpoint else np.nan


@vjp_of(np.linspace)
def linspace_vjp(g, ans, start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0):
    samples = ans[0] if retstep else ans
    w = linspace_weights(num, endpoint, np.ndim(samples), axis, dtype)
    gy = zeros_if_none(g[0], samples) if retstep else g
    gs = zeros_if_none(g[1], ans[1]) * linspace_step_weight(num, endpoint, dtype) if retstep \
        else 0.0
    return (unbroadcast(np.sum(gy * w[1], axis=axis) - gs, start),
            unbroadcast(np.sum(gy * w[0], axis=axis) + gs, stop))


@jvp_of(np.linspace)
def linspace_jvp(t, ans, start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0):
    samples = ans[0] if retstep else ans
    w = linspace_weights(num, endpoint, np.ndim(samples), axis, dtype)
    tb = np.broadcast_to(t, linspace_base_shape(samples, axis))
    ts = np.expand_dims(tb, axis)
    step = tb * linspace_step_weight(num, endpoint, dtype)
    return ((ts * w[1], -step) if retstep else ts * w[1],
            (ts * w[0], step) if retstep else ts * w[0])


nondifferentiable(r_piece_shape, c_piece_shape, linspace_div, linspace_weights,
                  linspace_base_shape, linspace_step_weight, family="support")
