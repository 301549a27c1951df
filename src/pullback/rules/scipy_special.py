"""Rules of ``scipy.special`` (imported only once the user's code imports it).

Derivatives are written with functions that have rules themselves (``gammaln``
→ ``digamma`` → ``polygamma(1, ·)`` → ``polygamma(2, ·)`` ..., ``i0`` ↔ ``i1``),
so every order works. Conventions follow torch: ``xlogy``'s derivative in ``x`` is ``log(y)``, 0
where ``x == 0`` and ``y <= 0`` (``xlog1py`` likewise); ``i1'(0) = 1/2``. Orders ``n`` of
``polygamma`` / ``ive`` and the arguments ``b``'s sign handling of ``logsumexp``
(``return_sign``) are not differentiated: ``n``/``v`` have no derivative and a
call with ``return_sign=`` is refused.
"""

import numpy as np
from scipy import special

from ..runtime import unbroadcast, unreduce
from .registry import jvp_of, vjp_of

SQRT_PI = 1.7724538509055159


@vjp_of(special.expit)
def expit_vjp(g, ans, x):
    return g * ans * (1 - ans)


@jvp_of(special.expit)
def expit_jvp(t, ans, x):
    return t * ans * (1 - ans)


@vjp_of(special.logit)
def logit_vjp(g, ans, x):
    return g / (x * (1 - x))


@jvp_of(special.logit)
def logit_jvp(t, ans, x):
    return t / (x * (1 - x))


@vjp_of(special.erf)
def erf_vjp(g, ans, x):
    return g * (2 / SQRT_PI) * np.exp(-x * x)


@jvp_of(special.erf)
def erf_jvp(t, ans, x):
    return t * (2 / SQRT_PI) * np.exp(-x * x)


@vjp_of(special.erfc)
def erfc_vjp(g, ans, x):
    return -g * (2 / SQRT_PI) * np.exp(-x * x)


@jvp_of(special.erfc)
def erfc_jvp(t, ans, x):
    return -t * (2 / SQRT_PI) * np.exp(-x * x)


@vjp_of(special.erfinv)
def erfinv_vjp(g, ans, x):
    return g * (SQRT_PI / 2) * np.exp(ans * ans)


@jvp_of(special.erfinv)
def erfinv_jvp(t, ans, x):
    return t * (SQRT_PI / 2) * np.exp(ans * ans)


@vjp_of(special.gammaln)
def gammaln_vjp(g, ans, x):
    return g * special.digamma(x)


@jvp_of(special.gammaln)
def gammaln_jvp(t, ans, x):
    return t * special.digamma(x)


@vjp_of(special.digamma, special.psi)
def digamma_vjp(g, ans, x):
    return g * special.polygamma(1, x)


@jvp_of(special.digamma, special.psi)
def digamma_jvp(t, ans, x):
    return t * special.polygamma(1, x)


@vjp_of(special.polygamma, broadcasting=True)
def polygamma_vjp(g, ans, n, x):
    return None, g * special.polygamma(n + 1, x)


@jvp_of(special.polygamma)
def polygamma_jvp(t, ans, n, x):
    return None, t * special.polygamma(n + 1, x)


@vjp_of(special.gamma)
def gamma_vjp(g, ans, x):
    return g * ans * special.digamma(x)


@jvp_of(special.gamma)
def gamma_jvp(t, ans, x):
    return t * ans * special.digamma(x)


@vjp_of(special.beta, broadcasting=True)
def beta_vjp(g, ans, a, b):
    return (g * ans * (special.digamma(a) - special.digamma(a + b)),
            g * ans * (special.digamma(b) - special.digamma(a + b)))


@jvp_of(special.beta)
def beta_jvp(t, ans, a, b):
    return (t * ans * (special.digamma(a) - special.digamma(a + b)),
            t * ans * (special.digamma(b) - special.digamma(a + b)))


@vjp_of(special.betaln, broadcasting=True)
def betaln_vjp(g, ans, a, b):
    return (g * (special.digamma(a) - special.digamma(a + b)),
            g * (special.digamma(b) - special.digamma(a + b)))


@jvp_of(special.betaln)
def betaln_jvp(t, ans, a, b):
    return (t * (special.digamma(a) - special.digamma(a + b)),
            t * (special.digamma(b) - special.digamma(a + b)))


@vjp_of(special.xlogy, broadcasting=True)
def xlogy_vjp(g, ans, x, y):
    return g * np.log(np.where((x == 0) & (y <= 0), 1.0, y)), g * x / y


@jvp_of(special.xlogy)
def xlogy_jvp(t, ans, x, y):
    return t * np.log(np.where((x == 0) & (y <= 0), 1.0, y)), t * x / y


@vjp_of(special.xlog1py, broadcasting=True)
def xlog1py_vjp(g, ans, x, y):
    return g * np.log1p(np.where((x == 0) & (y <= -1), 0.0, y)), g * x / (1 + y)


@jvp_of(special.xlog1py)
def xlog1py_jvp(t, ans, x, y):
    return t * np.log1p(np.where((x == 0) & (y <= -1), 0.0, y)), t * x / (1 + y)


@vjp_of(special.i0)
def i0_vjp(g, ans, x):
    return g * special.i1(x)


@jvp_of(special.i0)
def i0_jvp(t, ans, x):
    return t * special.i1(x)


@vjp_of(special.i1)
def i1_vjp(g, ans, x):
    # I1' = I0 - I1/x, 1/2 at 0 (the masked branch divides by 1, not 0)
    safe = np.where(x == 0, 1.0, x)
    return g * np.where(x == 0, 0.5, special.i0(x) - special.i1(safe) / safe)


@jvp_of(special.i1)
def i1_jvp(t, ans, x):
    safe = np.where(x == 0, 1.0, x)
    return t * np.where(x == 0, 0.5, special.i0(x) - special.i1(safe) / safe)


@vjp_of(special.ive, broadcasting=True)
def ive_vjp(g, ans, v, x):
    # ive = iv e^-|x|, iv' = (iv(v-1) + iv(v+1)) / 2
    return None, g * ((special.ive(v - 1, x) + special.ive(v + 1, x)) / 2 - np.sign(x) * ans)


@jvp_of(special.ive)
def ive_jvp(t, ans, v, x):
    return None, t * ((special.ive(v - 1, x) + special.ive(v + 1, x)) / 2 - np.sign(x) * ans)


@vjp_of(special.softmax)
def softmax_vjp(g, ans, x, axis=None):
    return ans * (g - np.sum(g * ans, axis=axis, keepdims=True))


@jvp_of(special.softmax)
def softmax_jvp(t, ans, x, axis=None):
    return ans * (t - np.sum(t * ans, axis=axis, keepdims=True))


@vjp_of(special.log_softmax)
def log_softmax_vjp(g, ans, x, axis=None):
    return g - np.exp(ans) * np.sum(g, axis=axis, keepdims=True)


@jvp_of(special.log_softmax)
def log_softmax_jvp(t, ans, x, axis=None):
    return t - np.sum(np.exp(ans) * t, axis=axis, keepdims=True)


@vjp_of(special.logsumexp)
def logsumexp_vjp(g, ans, a, axis=None, b=None, keepdims=False):
    # d/da = b e^(a - lse), d/db = e^(a - lse) (no return_sign: refused)
    e = np.exp(a - unreduce(ans, a, axis, keepdims))
    gb = unreduce(g, a, axis, keepdims) * e
    return (gb if b is None else unbroadcast(gb * b, a)), None, \
        (None if b is None else unbroadcast(gb, b))


@jvp_of(special.logsumexp)
def logsumexp_jvp(t, ans, a, axis=None, b=None, keepdims=False):
    e = np.exp(a - unreduce(ans, a, axis, keepdims))
    return (np.sum(t * e if b is None else t * b * e, axis=axis, keepdims=keepdims), None,
            None if b is None else np.sum(t * e, axis=axis, keepdims=keepdims))
