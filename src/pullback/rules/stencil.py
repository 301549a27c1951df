"""Rules of the sliding-window functions: np.convolve, np.correlate (modes
full/same/valid) and np.gradient (any spacing NumPy takes, both edge orders).

All three are linear in each differentiated argument. A 'same' or 'valid'
output is a slice of the 'full' one, so its cotangent is padded back to full
length (:func:`pullback.rules.support_stencil.conv_pad`) and the adjoint is
then one 'valid' correlation: ``a_bar[i] = sum_k g[i + k] v[k]``. Correlation
is convolution with ``v`` reversed. The spacing arguments of ``np.gradient``
are constants (an active one is refused).
"""

import numpy as np

from .registry import jvp_of, vjp_of
from .support_stencil import conv_pad, gradient_adjoint


@vjp_of(np.convolve)
def convolve_vjp(g, ans, a, v, mode="full"):
    gf = np.pad(g, conv_pad(a, v, mode, False))
    return (np.reshape(np.correlate(gf, np.ravel(v), "valid"), np.shape(a)),
            np.reshape(np.correlate(gf, np.ravel(a), "valid"), np.shape(v)))


@jvp_of(np.convolve)
def convolve_jvp(t, ans, a, v, mode="full"):
    return np.convolve(t, v, mode), np.convolve(a, t, mode)


@vjp_of(np.correlate)
def correlate_vjp(g, ans, a, v, mode="valid"):
    gf = np.pad(g, conv_pad(a, v, mode, True))
    return (np.reshape(np.convolve(gf, np.ravel(v), "valid"), np.shape(a)),
            np.reshape(np.flip(np.correlate(gf, np.ravel(a), "valid")), np.shape(v)))


@jvp_of(np.correlate)
def correlate_jvp(t, ans, a, v, mode="valid"):
    return np.correlate(t, v, mode), np.correlate(a, t, mode)


convolve_vjp.handles = convolve_jvp.handles = ("mode",)
correlate_vjp.handles = correlate_jvp.handles = ("mode",)


@vjp_of(np.gradient)
def gradient_vjp(g, ans, f, *varargs, axis=None, edge_order=1):
    return gradient_adjoint(g, f, varargs, axis, edge_order)


@jvp_of(np.gradient)
def gradient_jvp(t, ans, f, *varargs, axis=None, edge_order=1):
    return np.gradient(t, *varargs, axis=axis, edge_order=edge_order)
