"""Rules of ``scipy.stats`` multivariate densities: ``multivariate_normal`` and
``dirichlet``, ``logpdf`` and ``pdf`` (imported only once the user's code
imports ``scipy.stats``).

``multivariate_normal`` in ``x`` (..., d), ``mean`` and ``cov``, which must be
a (d, d) matrix (SciPy reads only one triangle of it; the derivative in ``cov``
is the symmetric one, as torch's and for symmetric perturbations SciPy's own);
``allow_singular=`` is refused. ``dirichlet`` in ``x`` ((k,) or (k, n): the
components along the first axis) and ``alpha``. A ``pdf`` is ``exp(logpdf)``,
so its rules are the ``logpdf`` ones times ``ans``. Written with rules that
have rules (``solve``, ``inv``, ``digamma``): any order.
"""

import numpy as np
from scipy import special, stats

from ..runtime import unbroadcast
from .registry import jvp_of, vjp_of


# ------------------------------------------------------------------ multivariate_normal
@vjp_of(stats.multivariate_normal.logpdf)
def mvn_logpdf_vjp(g, ans, x, mean=None, cov=1):
    # x (..., d); cov (d, d). With s = cov^-1 (x - mean):
    # d/dx = -s, d/dmean = s, d/dcov = -(cov^-1 - s s^T) / 2
    s = np.linalg.solve(cov, np.expand_dims(x if mean is None else x - mean, -1))[..., 0]
    gs = np.expand_dims(g, -1) * s
    d = np.shape(cov)[-1]
    return (-gs, None if mean is None else unbroadcast(gs, mean),
            -0.5 * (np.sum(g) * np.linalg.inv(cov)
                    - np.matmul(np.reshape(gs, (-1, d)).T, np.reshape(s, (-1, d)))))


@jvp_of(stats.multivariate_normal.logpdf)
def mvn_logpdf_jvp(t, ans, x, mean=None, cov=1):
    s = np.linalg.solve(cov, np.expand_dims(x if mean is None else x - mean, -1))[..., 0]
    return (-np.sum(s * t, axis=-1), np.sum(s * t, axis=-1),
            -0.5 * (np.sum(np.linalg.inv(cov) * np.swapaxes(t, -1, -2))
                    - np.sum(s * np.matmul(s, np.swapaxes(t, -1, -2)), axis=-1)))


@vjp_of(stats.multivariate_normal.pdf)
def mvn_pdf_vjp(g, ans, x, mean=None, cov=1):
    # pdf = exp(logpdf): the logpdf rule with the cotangent g * pdf
    ga = g * ans
    s = np.linalg.solve(cov, np.expand_dims(x if mean is None else x - mean, -1))[..., 0]
    gs = np.expand_dims(ga, -1) * s
    d = np.shape(cov)[-1]
    return (-gs, None if mean is None else unbroadcast(gs, mean),
            -0.5 * (np.sum(ga) * np.linalg.inv(cov)
                    - np.matmul(np.reshape(gs, (-1, d)).T, np.reshape(s, (-1, d)))))


@jvp_of(stats.multivariate_normal.pdf)
def mvn_pdf_jvp(t, ans, x, mean=None, cov=1):
    s = np.linalg.solve(cov, np.expand_dims(x if mean is None else x - mean, -1))[..., 0]
    return (-ans * np.sum(s * t, axis=-1), ans * np.sum(s * t, axis=-1),
            -0.5 * ans * (np.sum(np.linalg.inv(cov) * np.swapaxes(t, -1, -2))
                          - np.sum(s * np.matmul(s, np.swapaxes(t, -1, -2)), axis=-1)))


# ------------------------------------------------------------------ dirichlet
@vjp_of(stats.dirichlet.logpdf)
def dirichlet_logpdf_vjp(g, ans, x, alpha):
    # x (k,) or (k, n): the components along the first axis
    al = np.reshape(alpha, np.shape(alpha) + (1,) * (np.ndim(x) - 1))
    return (g * (al - 1) / x,
            np.sum(g * (special.digamma(np.sum(alpha)) - special.digamma(al) + np.log(x)),
                   axis=tuple(range(1, np.ndim(x)))))


@jvp_of(stats.dirichlet.logpdf)
def dirichlet_logpdf_jvp(t, ans, x, alpha):
    al = np.reshape(alpha, np.shape(alpha) + (1,) * (np.ndim(x) - 1))
    return (np.sum(t * (al - 1) / x, axis=0),
            np.sum(np.reshape(t, np.shape(al)) * (special.digamma(np.sum(alpha))
                                                  - special.digamma(al) + np.log(x)), axis=0))


@vjp_of(stats.dirichlet.pdf)
def dirichlet_pdf_vjp(g, ans, x, alpha):
    # pdf = exp(logpdf): the logpdf rule with the cotangent g * pdf
    ga = g * ans
    al = np.reshape(alpha, np.shape(alpha) + (1,) * (np.ndim(x) - 1))
    return (ga * (al - 1) / x,
            np.sum(ga * (special.digamma(np.sum(alpha)) - special.digamma(al) + np.log(x)),
                   axis=tuple(range(1, np.ndim(x)))))


@jvp_of(stats.dirichlet.pdf)
def dirichlet_pdf_jvp(t, ans, x, alpha):
    al = np.reshape(alpha, np.shape(alpha) + (1,) * (np.ndim(x) - 1))
    return (ans * np.sum(t * (al - 1) / x, axis=0),
            ans * np.sum(np.reshape(t, np.shape(al)) * (special.digamma(np.sum(alpha))
                                                        - special.digamma(al) + np.log(x)),
                         axis=0))
