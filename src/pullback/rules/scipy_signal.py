"""Rules of ``scipy.signal.convolve``, ``fftconvolve`` and ``correlate`` (n-d,
real inputs, modes full/same/valid, any ``method``; ``fftconvolve`` over all
axes: an ``axes=`` is refused); imported only once the user's code imports
``scipy.signal``.

Both are bilinear. Every mode's output is the centred block of the 'full' one
(SciPy's own convention, for either input the larger), so the cotangent is
padded back to the full shape (:func:`full_pad`) and each input's cotangent is
a 'valid' convolution of it with the other input flipped along every axis
(correlation is convolution with ``in2`` flipped). The rules use
``signal.convolve`` itself, so any order works.
"""

import numpy as np
from scipy import signal

from .registry import jvp_of, nondifferentiable, vjp_of


def full_pad(out_shape, s1, s2):
    """``((before, after), ...)`` per axis: the zeros that put an output of shape
    ``out_shape`` back in its (centred) place in the full convolution of arrays
    of shapes ``s1`` and ``s2``."""
    out = []
    for n, a, b in zip(out_shape, s1, s2):
        full = a + b - 1
        out.append(((full - n) // 2, full - n - (full - n) // 2))
    return tuple(out)


nondifferentiable(full_pad, family="support")


@vjp_of(signal.convolve)
def convolve_vjp(g, ans, in1, in2, mode="full", method="auto"):
    gf = np.pad(g, full_pad(np.shape(g), np.shape(in1), np.shape(in2)))
    return (signal.convolve(gf, np.flip(in2), "valid"),
            signal.convolve(gf, np.flip(in1), "valid"))


@jvp_of(signal.convolve)
def convolve_jvp(t, ans, in1, in2, mode="full", method="auto"):
    return signal.convolve(t, in2, mode), signal.convolve(in1, t, mode)


@vjp_of(signal.correlate)
def correlate_vjp(g, ans, in1, in2, mode="full", method="auto"):
    # correlate(a, v) = convolve(a, flip(v)) cut to the same centred block
    gf = np.pad(g, full_pad(np.shape(g), np.shape(in1), np.shape(in2)))
    return (signal.convolve(gf, in2, "valid"),
            np.flip(signal.convolve(gf, np.flip(in1), "valid")))


@jvp_of(signal.correlate)
def correlate_jvp(t, ans, in1, in2, mode="full", method="auto"):
    return signal.correlate(t, in2, mode), signal.correlate(in1, t, mode)


@vjp_of(signal.fftconvolve)
def fftconvolve_vjp(g, ans, in1, in2, mode="full"):
    # the same function as convolve (computed by FFT): the same derivative
    gf = np.pad(g, full_pad(np.shape(g), np.shape(in1), np.shape(in2)))
    return (signal.fftconvolve(gf, np.flip(in2), "valid"),
            signal.fftconvolve(gf, np.flip(in1), "valid"))


@jvp_of(signal.fftconvolve)
def fftconvolve_jvp(t, ans, in1, in2, mode="full"):
    return signal.fftconvolve(t, in2, mode), signal.fftconvolve(in1, t, mode)


convolve_vjp.handles = convolve_jvp.handles = ("mode", "method")
fftconvolve_vjp.handles = fftconvolve_jvp.handles = ("mode",)
correlate_vjp.handles = correlate_jvp.handles = ("mode", "method")
