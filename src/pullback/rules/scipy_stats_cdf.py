"""Rules of the ``cdf`` / ``logcdf`` of ``scipy.stats.t``, ``gamma`` and ``beta``
(imported only once the user's code imports ``scipy.stats``).

With ``z = (x - loc) / scale``: ``d cdf/dx = pdf``, ``d/dloc = -pdf``,
``d/dscale = -pdf z`` (``pdf`` with ``loc``/``scale``, so it carries the
``1/scale``); a ``logcdf``'s are these over ``cdf``, ``exp(logpdf - logcdf)``.
The shape parameters (``df``, ``a``, ``b``) enter through incomplete beta and
gamma functions whose parameter derivatives SciPy does not provide: an active
one is refused when the derivative is built (give the function a rule with
``pb.defvjp``). Written with ``pdf`` / ``logpdf``, which have rules: any order.
"""

import numpy as np
from scipy import stats

from .registry import jvp_of, vjp_of


# ------------------------------------------------------------------ t
@vjp_of(stats.t.cdf, broadcasting=True)
def t_cdf_vjp(g, ans, x, df, loc=0, scale=1):
    p = g * stats.t.pdf(x, df, loc, scale)
    return p, None, -p, -p * (x - loc) / scale


@jvp_of(stats.t.cdf)
def t_cdf_jvp(t, ans, x, df, loc=0, scale=1):
    p = t * stats.t.pdf(x, df, loc, scale)
    return p, None, -p, -p * (x - loc) / scale


@vjp_of(stats.t.logcdf, broadcasting=True)
def t_logcdf_vjp(g, ans, x, df, loc=0, scale=1):
    r = g * np.exp(stats.t.logpdf(x, df, loc, scale) - ans)
    return r, None, -r, -r * (x - loc) / scale


@jvp_of(stats.t.logcdf)
def t_logcdf_jvp(t, ans, x, df, loc=0, scale=1):
    r = t * np.exp(stats.t.logpdf(x, df, loc, scale) - ans)
    return r, None, -r, -r * (x - loc) / scale


# ------------------------------------------------------------------ gamma
@vjp_of(stats.gamma.cdf, broadcasting=True)
def gamma_cdf_vjp(g, ans, x, a, loc=0, scale=1):
    p = g * stats.gamma.pdf(x, a, loc, scale)
    return p, None, -p, -p * (x - loc) / scale


@jvp_of(stats.gamma.cdf)
def gamma_cdf_jvp(t, ans, x, a, loc=0, scale=1):
    p = t * stats.gamma.pdf(x, a, loc, scale)
    return p, None, -p, -p * (x - loc) / scale


@vjp_of(stats.gamma.logcdf, broadcasting=True)
def gamma_logcdf_vjp(g, ans, x, a, loc=0, scale=1):
    r = g * np.exp(stats.gamma.logpdf(x, a, loc, scale) - ans)
    return r, None, -r, -r * (x - loc) / scale


@jvp_of(stats.gamma.logcdf)
def gamma_logcdf_jvp(t, ans, x, a, loc=0, scale=1):
    r = t * np.exp(stats.gamma.logpdf(x, a, loc, scale) - ans)
    return r, None, -r, -r * (x - loc) / scale


# ------------------------------------------------------------------ beta
@vjp_of(stats.beta.cdf, broadcasting=True)
def beta_cdf_vjp(g, ans, x, a, b, loc=0, scale=1):
    p = g * stats.beta.pdf(x, a, b, loc, scale)
    return p, None, None, -p, -p * (x - loc) / scale


@jvp_of(stats.beta.cdf)
def beta_cdf_jvp(t, ans, x, a, b, loc=0, scale=1):
    p = t * stats.beta.pdf(x, a, b, loc, scale)
    return p, None, None, -p, -p * (x - loc) / scale


@vjp_of(stats.beta.logcdf, broadcasting=True)
def beta_logcdf_vjp(g, ans, x, a, b, loc=0, scale=1):
    r = g * np.exp(stats.beta.logpdf(x, a, b, loc, scale) - ans)
    return r, None, None, -r, -r * (x - loc) / scale


@jvp_of(stats.beta.logcdf)
def beta_logcdf_jvp(t, ans, x, a, b, loc=0, scale=1):
    r = t * np.exp(stats.beta.logpdf(x, a, b, loc, scale) - ans)
    return r, None, None, -r, -r * (x - loc) / scale


for _fn in (t_cdf_vjp, t_cdf_jvp, t_logcdf_vjp, t_logcdf_jvp):
    _fn.refuses = ("df",)
for _fn in (gamma_cdf_vjp, gamma_cdf_jvp, gamma_logcdf_vjp, gamma_logcdf_jvp):
    _fn.refuses = ("a",)
for _fn in (beta_cdf_vjp, beta_cdf_jvp, beta_logcdf_vjp, beta_logcdf_jvp):
    _fn.refuses = ("a", "b")
