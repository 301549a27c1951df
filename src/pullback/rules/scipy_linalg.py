"""Rules of ``scipy.linalg`` (imported only once the user's code imports it).

Single (n, n) matrices. ``solve_triangular`` reads one triangle of ``a`` only,
so its cotangent and tangent live on that triangle (the strict one with
``unit_diagonal=True``); ``trans=`` is refused. ``expm``'s derivative is the
top-right block of the exponential of ``[[A, E], [0, A]]`` (the Fréchet
derivative), ``sqrtm``'s and ``solve_sylvester``'s solve a Sylvester equation,
so each derivative is written with functions that have rules: any order works.
"""

import numpy as np
from scipy import linalg

from .registry import jvp_of, vjp_of


@vjp_of(linalg.solve_triangular)
def solve_triangular_vjp(g, ans, a, b, lower=False, unit_diagonal=False):
    gb = linalg.solve_triangular(np.swapaxes(a, -1, -2), g, lower=not lower,
                                 unit_diagonal=unit_diagonal)
    full = -(np.outer(gb, ans) if np.ndim(b) == 1 else np.matmul(gb, np.swapaxes(ans, -1, -2)))
    return (np.tril(full, -1 if unit_diagonal else 0) if lower
            else np.triu(full, 1 if unit_diagonal else 0)), gb


@jvp_of(linalg.solve_triangular)
def solve_triangular_jvp(t, ans, a, b, lower=False, unit_diagonal=False):
    ta = np.tril(t, -1 if unit_diagonal else 0) if lower else \
        np.triu(t, 1 if unit_diagonal else 0)
    return (-linalg.solve_triangular(a, np.matmul(ta, ans), lower=lower,
                                     unit_diagonal=unit_diagonal),
            linalg.solve_triangular(a, t, lower=lower, unit_diagonal=unit_diagonal))


@vjp_of(linalg.expm)
def expm_vjp(g, ans, A):
    n = np.shape(A)[-1]
    at = np.swapaxes(A, -1, -2)
    big = np.concatenate([np.concatenate([at, g], axis=-1),
                          np.concatenate([np.zeros_like(at), at], axis=-1)], axis=-2)
    return linalg.expm(big)[..., :n, n:]


@jvp_of(linalg.expm)
def expm_jvp(t, ans, A):
    n = np.shape(A)[-1]
    big = np.concatenate([np.concatenate([A, t], axis=-1),
                          np.concatenate([np.zeros_like(A), A], axis=-1)], axis=-2)
    return linalg.expm(big)[..., :n, n:]


@vjp_of(linalg.solve_sylvester)
def solve_sylvester_vjp(g, ans, a, b, q):
    # a y + y b = q
    gq = linalg.solve_sylvester(np.swapaxes(a, -1, -2), np.swapaxes(b, -1, -2), g)
    return (-np.matmul(gq, np.swapaxes(ans, -1, -2)), -np.matmul(np.swapaxes(ans, -1, -2), gq),
            gq)


@jvp_of(linalg.solve_sylvester)
def solve_sylvester_jvp(t, ans, a, b, q):
    return (linalg.solve_sylvester(a, b, -np.matmul(t, ans)),
            linalg.solve_sylvester(a, b, -np.matmul(ans, t)),
            linalg.solve_sylvester(a, b, t))


@vjp_of(linalg.sqrtm)
def sqrtm_vjp(g, ans, A):
    # X X = A: X dX + dX X = dA
    xt = np.swapaxes(ans, -1, -2)
    return linalg.solve_sylvester(xt, xt, g)


@jvp_of(linalg.sqrtm)
def sqrtm_jvp(t, ans, A):
    return linalg.solve_sylvester(ans, ans, t)
