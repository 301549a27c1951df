"""Helpers of the rules of complex parts (:mod:`pullback.rules.complex_parts`).

Each is linear in its first argument. ``z`` is the primal: for a real ``z``
the imaginary part and the angle are constants, so the helpers give real zeros
(never a complex cotangent for a real array). ``k`` is ``180 / pi`` for
``np.angle(z, deg=True)``, else 1; at ``z == 0`` the angle's derivative is
taken as 0, as torch's.
"""

from __future__ import annotations

import numpy as np


def _k(deg):
    return 180.0 / np.pi if deg else 1.0


def imag_cotangent(g, z):
    """The cotangent of ``z`` from that of ``np.imag(z)``: ``-1j g``."""
    if np.iscomplexobj(z):
        return -1j * np.asarray(g)
    return np.zeros(np.broadcast_shapes(np.shape(g), np.shape(z)))


def angle_cotangent(g, z, deg=False):
    """The cotangent of ``z`` from that of ``np.angle(z)``: ``-1j k g / z``."""
    if not np.iscomplexobj(z):
        return np.zeros(np.broadcast_shapes(np.shape(g), np.shape(z)))
    zero = z == 0
    return np.where(zero, 0j, -1j * _k(deg) * np.asarray(g) / np.where(zero, 1.0, z))


def angle_tangent(t, z, deg=False):
    """The tangent of ``np.angle(z)`` along ``t``: ``k Im(t / z)``."""
    if not np.iscomplexobj(z):
        return np.zeros(np.broadcast_shapes(np.shape(t), np.shape(z)))
    zero = z == 0
    return np.where(zero, 0.0, _k(deg) * np.imag(np.asarray(t) / np.where(zero, 1.0, z)))


def angle_cotangent_dz(s, g, z, deg=False):
    """``1j k g s / z**2``: the derivative of ``angle_cotangent(g, z)`` in ``z``
    along ``s`` (holomorphic there), and so also its transpose."""
    if not np.iscomplexobj(z):
        return np.zeros(np.broadcast_shapes(np.shape(s), np.shape(g), np.shape(z)))
    zero = z == 0
    zz = np.where(zero, 1.0, z)
    return np.where(zero, 0j, 1j * _k(deg) * np.asarray(g) * s / (zz * zz))


def tangent_like(t, ans):
    """``t``, its real part when ``ans`` is real (``np.real_if_close`` dropped
    the imaginary part)."""
    return t if np.iscomplexobj(ans) else np.real(t)


def abs_sign(x):
    """``np.sign(x)``, conjugated: ``|x|``'s derivative (``g conj(x) / |x|`` for a
    complex ``x``, as torch's; 0 at 0)."""
    s = np.sign(x)
    return np.conj(s) if np.iscomplexobj(s) else s


def abs_sign_cotangent(h, x):
    """The cotangent of ``x`` from that of ``abs_sign(x)``: zero (a real sign is
    piecewise constant); not implemented for a complex ``x`` (second order of
    ``abs``)."""
    if np.iscomplexobj(x):
        raise NotImplementedError("pullback: second derivatives of np.abs of a complex "
                                  "value are not implemented")
    return np.zeros(np.broadcast_shapes(np.shape(h), np.shape(x)))
