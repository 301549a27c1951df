"""Rules of ``scipy.linalg``'s Cholesky functions: cholesky, cho_factor, cho_solve.

As with ``np.linalg.cholesky`` (and torch), ``a`` stands for the symmetric
matrix LAPACK reads one triangle of: its cotangent is symmetric and the forward
rules use the symmetric part of the tangent. ``cho_factor`` returns
``(c, lower)``: the factor in one triangle of ``c``, ``a``'s own entries in the
other (LAPACK leaves them there), differentiated as such. ``cho_solve`` reads
only the factor's triangle, so the cotangent of ``c`` lives there. Single
(n, n) matrices; ``b`` (n,) or (n, k). Written with functions that have rules
(``cho_solve``'s with ``cho_solve``), so any order works.
"""

import numpy as np
from scipy import linalg

from ..runtime import zeros_if_none
from .registry import jvp_of, tuple_output, vjp_of

tuple_output(linalg.cho_factor, ("c", "lower"))


@vjp_of(linalg.cholesky)
def cholesky_vjp(g, ans, a, lower=False, overwrite_a=False, check_finite=True):
    # A = L L^T: gA = L^-T S L^-1, S the symmetric part of tril(L^T gL), diagonal once
    lo = ans if lower else np.swapaxes(ans, -1, -2)
    gl = g if lower else np.swapaxes(g, -1, -2)
    li = np.linalg.inv(lo)
    p = np.tril(np.matmul(np.swapaxes(lo, -1, -2), gl))
    s = 0.5 * (p + np.swapaxes(np.tril(p, -1), -1, -2))
    return np.matmul(np.matmul(np.swapaxes(li, -1, -2), s), li)


@jvp_of(linalg.cholesky)
def cholesky_jvp(t, ans, a, lower=False, overwrite_a=False, check_finite=True):
    # dL = L phi(L^-1 dA L^-T), phi = lower triangle with the diagonal halved
    lo = ans if lower else np.swapaxes(ans, -1, -2)
    li = np.linalg.inv(lo)
    x = np.matmul(np.matmul(li, 0.5 * (t + np.swapaxes(t, -1, -2))), np.swapaxes(li, -1, -2))
    dl = np.matmul(lo, np.tril(x, -1) + 0.5 * (np.tril(x) - np.tril(x, -1)))
    return dl if lower else np.swapaxes(dl, -1, -2)


@vjp_of(linalg.cho_factor)
def cho_factor_vjp(g, ans, a, lower=False, overwrite_a=False, check_finite=True):
    c = ans[0]
    gc = zeros_if_none(g[0], c)
    lo = np.tril(c) if lower else np.swapaxes(np.triu(c), -1, -2)
    gl = gc if lower else np.swapaxes(gc, -1, -2)
    li = np.linalg.inv(lo)
    p = np.tril(np.matmul(np.swapaxes(lo, -1, -2), gl))
    s = 0.5 * (p + np.swapaxes(np.tril(p, -1), -1, -2))
    rest = np.triu(gc, 1) if lower else np.tril(gc, -1)
    return np.matmul(np.matmul(np.swapaxes(li, -1, -2), s), li) + rest


@jvp_of(linalg.cho_factor)
def cho_factor_jvp(t, ans, a, lower=False, overwrite_a=False, check_finite=True):
    c = ans[0]
    lo = np.tril(c) if lower else np.swapaxes(np.triu(c), -1, -2)
    li = np.linalg.inv(lo)
    x = np.matmul(np.matmul(li, 0.5 * (t + np.swapaxes(t, -1, -2))), np.swapaxes(li, -1, -2))
    dl = np.matmul(lo, np.tril(x, -1) + 0.5 * (np.tril(x) - np.tril(x, -1)))
    return ((dl + np.triu(t, 1) if lower else np.swapaxes(dl, -1, -2) + np.tril(t, -1), 0.0),)


@vjp_of(linalg.cho_solve)
def cho_solve_vjp(g, ans, c_and_lower, b, overwrite_b=False, check_finite=True):
    # x = A^-1 b, A = L L^T (= U^T U): gL = -(S + S^T) L, gU = -U (S + S^T), S = gb x^T
    c = c_and_lower[0]
    lower = c_and_lower[1]
    n = np.shape(c)[-1]
    gb = linalg.cho_solve(c_and_lower, g)
    s = np.matmul(np.reshape(gb, (n, -1)), np.swapaxes(np.reshape(ans, (n, -1)), -1, -2))
    ss = s + np.swapaxes(s, -1, -2)
    return ((-np.tril(np.matmul(ss, np.tril(c))) if lower
             else -np.triu(np.matmul(np.triu(c), ss)), 0.0), gb)


@jvp_of(linalg.cho_solve)
def cho_solve_jvp(t, ans, c_and_lower, b, overwrite_b=False, check_finite=True):
    c = c_and_lower[0]
    lower = c_and_lower[1]
    f = np.tril(c) if lower else np.triu(c)
    tf = np.tril(t[0]) if lower else np.triu(t[0])
    fd = np.matmul(f, np.swapaxes(tf, -1, -2)) if lower else np.matmul(np.swapaxes(f, -1, -2), tf)
    return (-linalg.cho_solve(c_and_lower, np.matmul(fd + np.swapaxes(fd, -1, -2), ans)),
            linalg.cho_solve(c_and_lower, t))
