"""Rules of ``scipy.stats`` densities (imported only once the user's code imports it).

Location-scale families share one pattern: with ``z = (x - loc) / scale`` and
``d`` the derivative of the standard log-density in ``z``, ``d/dx = d/scale``,
``d/dloc = -d/scale``, ``d/dscale = -(d z + 1)/scale``; a ``pdf`` is
``exp(logpdf)``, so its derivatives are ``ans`` times the ``logpdf`` ones.
Shape parameters (``df``, ``a``, ``b``, ``mu``, ``alpha``) are differentiated
too. Integer counts (``poisson``'s ``k``) have no derivative. ``cdf``s are
differentiated in ``x`` and ``loc``/``scale`` for ``norm``, and in ``mu`` for
``poisson`` (``cdf`` and ``logcdf``). Multivariate densities:
:mod:`pullback.rules.scipy_stats_multi`.
"""

import numpy as np
from scipy import special, stats

from .registry import jvp_of, vjp_of

HALF_LOG_2PI = 0.9189385332046727
SQRT_2PI = 2.5066282746310002


# ------------------------------------------------------------------ norm
@vjp_of(stats.norm.logpdf, broadcasting=True)
def norm_logpdf_vjp(g, ans, x, loc=0, scale=1):
    z = (x - loc) / scale
    return -g * z / scale, g * z / scale, g * (z * z - 1) / scale


@jvp_of(stats.norm.logpdf)
def norm_logpdf_jvp(t, ans, x, loc=0, scale=1):
    z = (x - loc) / scale
    return -t * z / scale, t * z / scale, t * (z * z - 1) / scale


@vjp_of(stats.norm.pdf, broadcasting=True)
def norm_pdf_vjp(g, ans, x, loc=0, scale=1):
    z = (x - loc) / scale
    return -g * ans * z / scale, g * ans * z / scale, g * ans * (z * z - 1) / scale


@jvp_of(stats.norm.pdf)
def norm_pdf_jvp(t, ans, x, loc=0, scale=1):
    z = (x - loc) / scale
    return -t * ans * z / scale, t * ans * z / scale, t * ans * (z * z - 1) / scale


@vjp_of(stats.norm.cdf, broadcasting=True)
def norm_cdf_vjp(g, ans, x, loc=0, scale=1):
    z = (x - loc) / scale
    phi = np.exp(-0.5 * z * z) / (SQRT_2PI * scale)
    return g * phi, -g * phi, -g * phi * z


@jvp_of(stats.norm.cdf)
def norm_cdf_jvp(t, ans, x, loc=0, scale=1):
    z = (x - loc) / scale
    phi = np.exp(-0.5 * z * z) / (SQRT_2PI * scale)
    return t * phi, -t * phi, -t * phi * z


@vjp_of(stats.norm.logcdf, broadcasting=True)
def norm_logcdf_vjp(g, ans, x, loc=0, scale=1):
    z = (x - loc) / scale
    r = np.exp(-0.5 * z * z - HALF_LOG_2PI - ans) / scale
    return g * r, -g * r, -g * r * z


@jvp_of(stats.norm.logcdf)
def norm_logcdf_jvp(t, ans, x, loc=0, scale=1):
    z = (x - loc) / scale
    r = np.exp(-0.5 * z * z - HALF_LOG_2PI - ans) / scale
    return t * r, -t * r, -t * r * z


# ------------------------------------------------------------------ t
@vjp_of(stats.t.logpdf, broadcasting=True)
def t_logpdf_vjp(g, ans, x, df, loc=0, scale=1):
    z = (x - loc) / scale
    d = -(df + 1) * z / (df + z * z)
    ddf = 0.5 * (special.digamma((df + 1) / 2) - special.digamma(df / 2) - 1 / df
                 - np.log1p(z * z / df) + (df + 1) * z * z / (df * (df + z * z)))
    return g * d / scale, g * ddf, -g * d / scale, -g * (d * z + 1) / scale


@jvp_of(stats.t.logpdf)
def t_logpdf_jvp(t, ans, x, df, loc=0, scale=1):
    z = (x - loc) / scale
    d = -(df + 1) * z / (df + z * z)
    ddf = 0.5 * (special.digamma((df + 1) / 2) - special.digamma(df / 2) - 1 / df
                 - np.log1p(z * z / df) + (df + 1) * z * z / (df * (df + z * z)))
    return t * d / scale, t * ddf, -t * d / scale, -t * (d * z + 1) / scale


@vjp_of(stats.t.pdf, broadcasting=True)
def t_pdf_vjp(g, ans, x, df, loc=0, scale=1):
    z = (x - loc) / scale
    d = -(df + 1) * z / (df + z * z)
    ddf = 0.5 * (special.digamma((df + 1) / 2) - special.digamma(df / 2) - 1 / df
                 - np.log1p(z * z / df) + (df + 1) * z * z / (df * (df + z * z)))
    return (g * ans * d / scale, g * ans * ddf, -g * ans * d / scale,
            -g * ans * (d * z + 1) / scale)


@jvp_of(stats.t.pdf)
def t_pdf_jvp(t, ans, x, df, loc=0, scale=1):
    z = (x - loc) / scale
    d = -(df + 1) * z / (df + z * z)
    ddf = 0.5 * (special.digamma((df + 1) / 2) - special.digamma(df / 2) - 1 / df
                 - np.log1p(z * z / df) + (df + 1) * z * z / (df * (df + z * z)))
    return (t * ans * d / scale, t * ans * ddf, -t * ans * d / scale,
            -t * ans * (d * z + 1) / scale)


# ------------------------------------------------------------------ gamma, beta
@vjp_of(stats.gamma.logpdf, broadcasting=True)
def gamma_logpdf_vjp(g, ans, x, a, loc=0, scale=1):
    z = (x - loc) / scale
    d = (a - 1) / z - 1
    return (g * d / scale, g * (np.log(z) - special.digamma(a)), -g * d / scale,
            -g * (d * z + 1) / scale)


@jvp_of(stats.gamma.logpdf)
def gamma_logpdf_jvp(t, ans, x, a, loc=0, scale=1):
    z = (x - loc) / scale
    d = (a - 1) / z - 1
    return (t * d / scale, t * (np.log(z) - special.digamma(a)), -t * d / scale,
            -t * (d * z + 1) / scale)


@vjp_of(stats.gamma.pdf, broadcasting=True)
def gamma_pdf_vjp(g, ans, x, a, loc=0, scale=1):
    z = (x - loc) / scale
    d = (a - 1) / z - 1
    return (g * ans * d / scale, g * ans * (np.log(z) - special.digamma(a)),
            -g * ans * d / scale, -g * ans * (d * z + 1) / scale)


@jvp_of(stats.gamma.pdf)
def gamma_pdf_jvp(t, ans, x, a, loc=0, scale=1):
    z = (x - loc) / scale
    d = (a - 1) / z - 1
    return (t * ans * d / scale, t * ans * (np.log(z) - special.digamma(a)),
            -t * ans * d / scale, -t * ans * (d * z + 1) / scale)


@vjp_of(stats.beta.logpdf, broadcasting=True)
def beta_logpdf_vjp(g, ans, x, a, b, loc=0, scale=1):
    z = (x - loc) / scale
    d = (a - 1) / z - (b - 1) / (1 - z)
    dab = special.digamma(a + b)
    return (g * d / scale, g * (np.log(z) - special.digamma(a) + dab),
            g * (np.log1p(-z) - special.digamma(b) + dab), -g * d / scale,
            -g * (d * z + 1) / scale)


@jvp_of(stats.beta.logpdf)
def beta_logpdf_jvp(t, ans, x, a, b, loc=0, scale=1):
    z = (x - loc) / scale
    d = (a - 1) / z - (b - 1) / (1 - z)
    dab = special.digamma(a + b)
    return (t * d / scale, t * (np.log(z) - special.digamma(a) + dab),
            t * (np.log1p(-z) - special.digamma(b) + dab), -t * d / scale,
            -t * (d * z + 1) / scale)


@vjp_of(stats.beta.pdf, broadcasting=True)
def beta_pdf_vjp(g, ans, x, a, b, loc=0, scale=1):
    z = (x - loc) / scale
    d = (a - 1) / z - (b - 1) / (1 - z)
    dab = special.digamma(a + b)
    return (g * ans * d / scale, g * ans * (np.log(z) - special.digamma(a) + dab),
            g * ans * (np.log1p(-z) - special.digamma(b) + dab), -g * ans * d / scale,
            -g * ans * (d * z + 1) / scale)


@jvp_of(stats.beta.pdf)
def beta_pdf_jvp(t, ans, x, a, b, loc=0, scale=1):
    z = (x - loc) / scale
    d = (a - 1) / z - (b - 1) / (1 - z)
    dab = special.digamma(a + b)
    return (t * ans * d / scale, t * ans * (np.log(z) - special.digamma(a) + dab),
            t * ans * (np.log1p(-z) - special.digamma(b) + dab), -t * ans * d / scale,
            -t * ans * (d * z + 1) / scale)


# ------------------------------------------------------------------ poisson
@vjp_of(stats.poisson.logpmf, broadcasting=True)
def poisson_logpmf_vjp(g, ans, k, mu):
    return None, g * (k / mu - 1)


@jvp_of(stats.poisson.logpmf)
def poisson_logpmf_jvp(t, ans, k, mu):
    return None, t * (k / mu - 1)


@vjp_of(stats.poisson.pmf, broadcasting=True)
def poisson_pmf_vjp(g, ans, k, mu):
    return None, g * ans * (k / mu - 1)


@jvp_of(stats.poisson.pmf)
def poisson_pmf_jvp(t, ans, k, mu):
    return None, t * ans * (k / mu - 1)


@vjp_of(stats.poisson.cdf, broadcasting=True)
def poisson_cdf_vjp(g, ans, k, mu):
    # d/dmu P(K <= k) = -pmf(floor(k), mu)
    kf = np.floor(k)
    return None, -g * np.exp(special.xlogy(kf, mu) - mu - special.gammaln(kf + 1))


@jvp_of(stats.poisson.cdf)
def poisson_cdf_jvp(t, ans, k, mu):
    kf = np.floor(k)
    return None, -t * np.exp(special.xlogy(kf, mu) - mu - special.gammaln(kf + 1))


@vjp_of(stats.poisson.logcdf, broadcasting=True)
def poisson_logcdf_vjp(g, ans, k, mu):
    # discrete in k; d/dmu log P(K <= k) = -pmf(floor(k), mu) / cdf
    kf = np.floor(k)
    return None, -g * np.exp(special.xlogy(kf, mu) - mu - special.gammaln(kf + 1) - ans)


@jvp_of(stats.poisson.logcdf)
def poisson_logcdf_jvp(t, ans, k, mu):
    kf = np.floor(k)
    return None, -t * np.exp(special.xlogy(kf, mu) - mu - special.gammaln(kf + 1) - ans)
