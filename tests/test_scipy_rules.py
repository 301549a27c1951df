"""Issue 12: SciPy's functions (special, stats, linalg) in reverse, forward and
second order, against torch float64 where torch has a twin, else against HIPS
autograd running the very same source with its own ``scipy`` wrappers.

Each row is ``(name, numpy expression, torch expression or None, inputs)``; the
expression's arguments are ``x, y, z``. A generated module (pullback reads
source) holds ``def f(x, ...): return np.sum((EXPR) * W)``. Checks: the
gradient in every argument, the forward-mode tangent along a random direction
in every argument, and the Hessian-vector product in the first argument.
"""

import os
import subprocess
import sys

import numpy as np
import pytest

import pullback as pb
from rowcheck import check_row, load_rows

RNG = np.random.default_rng(12)


def _r(*shape, lo=-2.0, hi=2.0):
    return np.asarray(RNG.uniform(lo, hi, shape))


def _spd(n):
    m = RNG.standard_normal((n, n))
    return m @ m.T + n * np.eye(n)


def _sym(n):
    m = RNG.standard_normal((n, n))
    return 0.5 * (m + m.T)


def _tri(n, lower=True):
    m = RNG.uniform(-1, 1, (n, n)) + 3 * np.eye(n)
    return np.tril(m) if lower else np.triu(m)


P = dict(lo=0.5, hi=3.0)      # positive
U01 = dict(lo=0.1, hi=0.9)    # (0, 1)
TS = "torch.special."

ROWS = [
    ("expit", "special.expit(x)", TS + "expit(x)", [_r(5)]),
    ("logit", "special.logit(x)", TS + "logit(x)", [_r(2, 3, **U01)]),
    ("erf", "special.erf(x)", TS + "erf(x)", [_r(5)]),
    ("erfc", "special.erfc(x)", TS + "erfc(x)", [_r(2, 3)]),
    ("erfinv", "special.erfinv(x)", TS + "erfinv(x)", [_r(5, lo=-0.9, hi=0.9)]),
    ("gammaln", "special.gammaln(x)", TS + "gammaln(x)", [_r(5, **P)]),
    ("gammaln-0d", "special.gammaln(x)", TS + "gammaln(x)", [np.array(1.7)]),
    ("digamma", "special.digamma(x)", TS + "digamma(x)", [_r(2, 3, **P)]),
    ("psi", "special.psi(x)", TS + "psi(x)", [_r(4, **P)]),
    ("polygamma2", "special.polygamma(2, x)", TS + "polygamma(2, x)", [_r(5, **P)]),
    ("gamma", "special.gamma(x)", "torch.exp(torch.lgamma(x))", [_r(5, **P)]),
    ("beta", "special.beta(x, y)",
     "torch.exp(torch.lgamma(x) + torch.lgamma(y) - torch.lgamma(x + y))",
     [_r(2, 3, **P), _r(3, **P)]),
    ("betaln", "special.betaln(x, y)",
     "torch.lgamma(x) + torch.lgamma(y) - torch.lgamma(x + y)", [_r(4, **P), _r(4, **P)]),
    ("xlogy", "special.xlogy(x, y)", TS + "xlogy(x, y)", [_r(2, 3), _r(2, 3, **P)]),
    ("xlogy-zero", "special.xlogy(x, y)", TS + "xlogy(x, y)",
     [np.array([0.0, 1.5, -2.0]), _r(3, **P)]),
    ("xlog1py", "special.xlog1py(x, y)", TS + "xlog1py(x, y)", [_r(5), _r(5, **P)]),
    ("i0", "special.i0(x)", TS + "i0(x)", [_r(5)]),
    ("i1", "special.i1(x)", TS + "i1(x)", [_r(5)]),
    ("i1-at-0", "special.i1(x)", TS + "i1(x)", [np.array([0.0, 1.0])]),
    ("ive0", "special.ive(0, x)", TS + "i0e(x)", [_r(5)]),
    ("ive1", "special.ive(1, x)", TS + "i1e(x)", [_r(2, 3)]),
    ("softmax", "special.softmax(x)", "torch.softmax(x.reshape(-1), 0).reshape(x.shape)",
     [_r(2, 3)]),
    ("softmax-axis", "special.softmax(x, axis=1)", "torch.softmax(x, 1)", [_r(2, 3)]),
    ("log_softmax-axis", "special.log_softmax(x, axis=-1)", "torch.log_softmax(x, -1)",
     [_r(3, 4)]),
    ("logsumexp", "special.logsumexp(x)", "torch.logsumexp(x.reshape(-1), 0)", [_r(2, 3)]),
    ("logsumexp-axis", "special.logsumexp(x, axis=0)", "torch.logsumexp(x, 0)", [_r(3, 4)]),
    ("logsumexp-keepdims", "special.logsumexp(x, axis=1, keepdims=True)",
     "torch.logsumexp(x, 1, keepdim=True)", [_r(3, 4)]),
    ("logsumexp-b", "special.logsumexp(x, axis=1, b=y)",
     "torch.logsumexp(x + torch.log(y), 1)", [_r(3, 4), _r(3, 4, **P)]),
    ("logsumexp-b-bcast", "special.logsumexp(x, b=y)",
     "torch.logsumexp((x + torch.log(y)).reshape(-1), 0)", [_r(3, 4), _r(4, **P)]),
    # scipy.stats (torch.distributions twins; autograd where torch has none)
    ("norm.logpdf", "stats.norm.logpdf(x, y, z)",
     "torch.distributions.Normal(y, z).log_prob(x)", [_r(5), _r(5), _r(5, **P)]),
    ("norm.logpdf-1arg", "stats.norm.logpdf(x)", "torch.distributions.Normal(0., 1.).log_prob(x)",
     [_r(2, 3)]),
    ("norm.pdf", "stats.norm.pdf(x, loc=y, scale=z)",
     "torch.exp(torch.distributions.Normal(y, z).log_prob(x))", [_r(4), _r(), _r(**P)]),
    ("norm.cdf", "stats.norm.cdf(x, y, z)", "torch.distributions.Normal(y, z).cdf(x)",
     [_r(5), _r(5), _r(5, **P)]),
    ("norm.logcdf", "stats.norm.logcdf(x, y, z)",
     "torch.log(torch.distributions.Normal(y, z).cdf(x))", [_r(5), _r(5), _r(5, **P)]),
    ("t.logpdf", "stats.t.logpdf(x, y)", "torch.distributions.StudentT(y).log_prob(x)",
     [_r(5), _r(5, **P)]),
    ("t.logpdf-loc-scale", "stats.t.logpdf(x, 3.5, y, z)",
     "torch.distributions.StudentT(3.5, y, z).log_prob(x)", [_r(5), _r(5), _r(5, **P)]),
    ("t.pdf", "stats.t.pdf(x, y, 0.5, z)",
     "torch.exp(torch.distributions.StudentT(y, 0.5, z).log_prob(x))",
     [_r(4), _r(4, **P), _r(4, **P)]),
    ("gamma.logpdf", "stats.gamma.logpdf(x, y)",
     "torch.distributions.Gamma(y, 1.).log_prob(x)", [_r(5, **P), _r(5, **P)]),
    ("gamma.logpdf-scale", "stats.gamma.logpdf(x, y, scale=z)",
     "torch.distributions.Gamma(y, 1 / z).log_prob(x)", [_r(5, **P), _r(5, **P), _r(5, **P)]),
    ("gamma.pdf", "stats.gamma.pdf(x, y)",
     "torch.exp(torch.distributions.Gamma(y, 1.).log_prob(x))", [_r(5, **P), _r(5, **P)]),
    ("beta.logpdf", "stats.beta.logpdf(x, y, z)",
     "torch.distributions.Beta(y, z).log_prob(x)", [_r(5, **U01), _r(5, **P), _r(5, **P)]),
    ("beta.pdf", "stats.beta.pdf(x, y, z)",
     "torch.exp(torch.distributions.Beta(y, z).log_prob(x))",
     [_r(4, **U01), _r(4, **P), _r(4, **P)]),
    ("poisson.logpmf", "stats.poisson.logpmf(K, x)",
     "torch.distributions.Poisson(x).log_prob(T(K))", [_r(4, **P)]),
    ("poisson.pmf", "stats.poisson.pmf(K, x)",
     "torch.exp(torch.distributions.Poisson(x).log_prob(T(K)))", [_r(4, **P)]),
    ("poisson.cdf", "stats.poisson.cdf(K, x)", None, [_r(4, **P)]),
    ("mvn.logpdf", "stats.multivariate_normal.logpdf(x, y, z)",
     "torch.distributions.MultivariateNormal(y, covariance_matrix=z).log_prob(x)",
     [_r(4, 3), _r(3), _spd(3)]),
    ("mvn.logpdf-1d", "stats.multivariate_normal.logpdf(x, y, z)",
     "torch.distributions.MultivariateNormal(y, covariance_matrix=z).log_prob(x)",
     [_r(3), _r(3), _spd(3)]),
    ("dirichlet.logpdf", "stats.dirichlet.logpdf(x / np.sum(x), y)",
     "torch.distributions.Dirichlet(y).log_prob(x / x.sum())", [_r(4, **P), _r(4, **P)]),
    # scipy.linalg (torch.linalg twins where it has one)
    ("solve_triangular", "linalg.solve_triangular(x, y, lower=True)",
     "torch.linalg.solve_triangular(torch.tril(x), y, upper=False)", [_tri(3), _r(3, 2)]),
    ("solve_triangular-upper-vec", "linalg.solve_triangular(x, y)",
     "torch.linalg.solve_triangular(torch.triu(x), y[:, None], upper=True)[:, 0]",
     [_tri(3, False), _r(3)]),
    ("solve_triangular-unit", "linalg.solve_triangular(x, y, lower=True, unit_diagonal=True)",
     "torch.linalg.solve_triangular(torch.tril(x, -1) + torch.eye(3, dtype=torch.float64), y,"
     " upper=False)", [_tri(3), _r(3, 2)]),
    ("expm", "linalg.expm(x)", "torch.linalg.matrix_exp(x)", [0.5 * _r(3, 3)]),
    ("sqrtm", "linalg.sqrtm(x)", None, [_spd(3)]),
    ("solve_sylvester", "linalg.solve_sylvester(x, y, z)", None,
     [_spd(3), _spd(3), _r(3, 3)]),
]

CONSTS = {"K": np.array([0.0, 1.0, 3.0, 2.0])}


@pytest.fixture(scope="module")
def gen():
    return load_rows(ROWS, CONSTS, "scipy_rules")


AUTOGRAD_ROWS = {"poisson.cdf", "sqrtm"}


@pytest.mark.parametrize("i", range(len(ROWS)), ids=[r[0] for r in ROWS])
def test_row(gen, i):
    name = ROWS[i][0]
    check_row(gen, ROWS, i, CONSTS, ref="autograd" if name in AUTOGRAD_ROWS else None,
              sym=(2,) if name.startswith("mvn") else ())


def test_import_does_not_import_scipy():
    code = "import sys, pullback; print(any(m.split('.')[0] == 'scipy' for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


def test_return_sign_is_refused(gen):
    from scipy import special

    def f(x):
        return special.logsumexp(x, return_sign=False)
    with pytest.raises(pb.UnsupportedError, match="return_sign"):
        pb.grad(f)(np.ones(3))


def test_cdf_shape_parameter_is_refused():
    from scipy import stats

    def f(a):
        return stats.gamma.cdf(1.5, a)
    with pytest.raises(pb.UnsupportedError, match="pb.defvjp"):
        pb.grad(f)(2.0)
