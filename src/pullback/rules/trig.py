"""Rules of NumPy's trigonometric and hyperbolic functions (and angle units)."""

import math

import numpy as np

from .registry import jvp_of, vjp_of


# ---------------------------------------------------------------- trigonometry
@vjp_of(np.sin, math.sin)
def sin_vjp(g, ans, x):
    return g * np.cos(x)


@jvp_of(np.sin, math.sin)
def sin_jvp(t, ans, x):
    return t * np.cos(x)


@vjp_of(np.cos, math.cos)
def cos_vjp(g, ans, x):
    return -g * np.sin(x)


@jvp_of(np.cos, math.cos)
def cos_jvp(t, ans, x):
    return -t * np.sin(x)


@vjp_of(np.tan)
def tan_vjp(g, ans, x):
    return g * (1 + ans * ans)


@jvp_of(np.tan)
def tan_jvp(t, ans, x):
    return t * (1 + ans * ans)


@vjp_of(np.arcsin)
def arcsin_vjp(g, ans, x):
    return g / np.sqrt(1 - x * x)


@jvp_of(np.arcsin)
def arcsin_jvp(t, ans, x):
    return t / np.sqrt(1 - x * x)


@vjp_of(np.arccos)
def arccos_vjp(g, ans, x):
    return -g / np.sqrt(1 - x * x)


@jvp_of(np.arccos)
def arccos_jvp(t, ans, x):
    return -t / np.sqrt(1 - x * x)


@vjp_of(np.arctan)
def arctan_vjp(g, ans, x):
    return g / (1 + x * x)


@jvp_of(np.arctan)
def arctan_jvp(t, ans, x):
    return t / (1 + x * x)


@vjp_of(np.arctan2, broadcasting=True)
def arctan2_vjp(g, ans, x1, x2):
    return g * x2 / (x1 * x1 + x2 * x2), -g * x1 / (x1 * x1 + x2 * x2)


@jvp_of(np.arctan2)
def arctan2_jvp(t, ans, x1, x2):
    return t * x2 / (x1 * x1 + x2 * x2), -t * x1 / (x1 * x1 + x2 * x2)


@vjp_of(np.hypot, broadcasting=True)
def hypot_vjp(g, ans, x1, x2):
    return g * x1 / ans, g * x2 / ans


@jvp_of(np.hypot)
def hypot_jvp(t, ans, x1, x2):
    return t * x1 / ans, t * x2 / ans


@vjp_of(np.sinh)
def sinh_vjp(g, ans, x):
    return g * np.cosh(x)


@jvp_of(np.sinh)
def sinh_jvp(t, ans, x):
    return t * np.cosh(x)


@vjp_of(np.cosh)
def cosh_vjp(g, ans, x):
    return g * np.sinh(x)


@jvp_of(np.cosh)
def cosh_jvp(t, ans, x):
    return t * np.sinh(x)


@vjp_of(np.tanh, math.tanh)
def tanh_vjp(g, ans, x):
    return g * (1 - ans * ans)


@jvp_of(np.tanh, math.tanh)
def tanh_jvp(t, ans, x):
    return t * (1 - ans * ans)


@vjp_of(np.arcsinh)
def arcsinh_vjp(g, ans, x):
    return g / np.sqrt(x * x + 1)


@jvp_of(np.arcsinh)
def arcsinh_jvp(t, ans, x):
    return t / np.sqrt(x * x + 1)


@vjp_of(np.arccosh)
def arccosh_vjp(g, ans, x):
    return g / np.sqrt(x * x - 1)


@jvp_of(np.arccosh)
def arccosh_jvp(t, ans, x):
    return t / np.sqrt(x * x - 1)


@vjp_of(np.arctanh)
def arctanh_vjp(g, ans, x):
    return g / (1 - x * x)


@jvp_of(np.arctanh)
def arctanh_jvp(t, ans, x):
    return t / (1 - x * x)


@vjp_of(np.sinc)
def sinc_vjp(g, ans, x):
    safe = np.where(x == 0, 1.0, x)
    return g * np.where(x == 0, 0.0, (np.cos(np.pi * x) - ans) / safe)


@jvp_of(np.sinc)
def sinc_jvp(t, ans, x):
    safe = np.where(x == 0, 1.0, x)
    return t * np.where(x == 0, 0.0, (np.cos(np.pi * x) - ans) / safe)


@vjp_of(np.deg2rad, np.radians)
def deg2rad_vjp(g, ans, x):
    return g * (np.pi / 180)


@jvp_of(np.deg2rad, np.radians)
def deg2rad_jvp(t, ans, x):
    return t * (np.pi / 180)


@vjp_of(np.rad2deg, np.degrees)
def rad2deg_vjp(g, ans, x):
    return g * (180 / np.pi)


@jvp_of(np.rad2deg, np.degrees)
def rad2deg_jvp(t, ans, x):
    return t * (180 / np.pi)
