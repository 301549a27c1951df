"""Issue 12, more SciPy rules: ``scipy.signal.fftconvolve``, ``scipy.stats.poisson.logcdf``
(in ``mu``; discrete in ``k``), ``multivariate_normal.pdf`` / ``logpdf`` (in ``x``,
``mean`` and ``cov``) and ``dirichlet.pdf`` / ``logpdf`` (in ``x`` and ``alpha``).
Every row (``rowcheck.check_row``: gradient in every argument, forward tangent,
Hessian-vector product in the first argument) is checked twice: against torch
float64 where torch has a twin (else HIPS autograd), and against central
differences of the primal.
"""

import numpy as np
import pytest
from scipy import signal, stats

import pullback as pb
from rowcheck import check_row, load_rows

RNG = np.random.default_rng(1213)
F = "torch.nn.functional."
MVN = "torch.distributions.MultivariateNormal(y, covariance_matrix=z)"


def _r(*shape, lo=-2.0, hi=2.0):
    return np.asarray(RNG.uniform(lo, hi, shape))


def _spd(n):
    m = RNG.standard_normal((n, n))
    return m @ m.T + n * np.eye(n)


def _conv1(x, y, mode="full"):
    pad = f"{y}.shape[0] - 1" if mode == "full" else "0"
    return f"{F}conv1d({x}[None, None], torch.flip({y}, [0])[None, None], padding={pad})[0, 0]"


P = dict(lo=0.5, hi=3.0)      # positive

ROWS = [
    ("fftconvolve-1d-full", "signal.fftconvolve(x, y)", _conv1("x", "y"), [_r(5), _r(3)]),
    ("fftconvolve-1d-full-longer-second", "signal.fftconvolve(x, y)", _conv1("x", "y"),
     [_r(2), _r(4)]),
    ("fftconvolve-1d-valid", "signal.fftconvolve(x, y, 'valid')", _conv1("x", "y", "valid"),
     [_r(6), _r(3)]),
    ("fftconvolve-2d-valid", "signal.fftconvolve(x, y, mode='valid')",
     f"{F}conv2d(x[None, None], torch.flip(y, [0, 1])[None, None])[0, 0]",
     [_r(4, 5), _r(2, 3)]),
    # 'same': the centred block of the full convolution
    ("fftconvolve-1d-same", "signal.fftconvolve(x, y, 'same')", _conv1("x", "y") + "[1:7]",
     [_r(6), _r(3)]),
    ("fftconvolve-2d-same-even", "signal.fftconvolve(x, y, 'same')",
     f"{F}conv2d(x[None, None], torch.flip(y, [0, 1])[None, None], padding=(1, 1))[0, 0]"
     "[0:4, 0:5]", [_r(4, 5), _r(2, 2)]),
    ("fftconvolve-self", "signal.fftconvolve(np.sin(x), x, 'same')",
     _conv1("torch.sin(x)", "x") + "[2:7]", [_r(5)]),
    ("poisson.logcdf", "stats.poisson.logcdf(K, x)",
     "torch.log(torch.special.gammaincc(T(K) + 1, x))", [_r(4, **P)]),
    ("poisson.logcdf-fractional-k", "stats.poisson.logcdf(K + 0.5, x)",
     "torch.log(torch.special.gammaincc(T(K) + 1, x))", [_r(4, **P)]),
    ("mvn.pdf", "stats.multivariate_normal.pdf(x, y, z)",
     f"torch.exp({MVN}.log_prob(x))", [_r(4, 3, lo=-1, hi=1), _r(3, lo=-1, hi=1), _spd(3)]),
    ("mvn.pdf-1d", "stats.multivariate_normal.pdf(x, y, z)",
     f"torch.exp({MVN}.log_prob(x))", [_r(3, lo=-1, hi=1), _r(3, lo=-1, hi=1), _spd(3)]),
    ("mvn.logpdf", "stats.multivariate_normal.logpdf(x, y, z)",
     f"{MVN}.log_prob(x)", [_r(4, 3), _r(3), _spd(3)]),
    ("mvn.logpdf-no-mean", "stats.multivariate_normal.logpdf(x, cov=y)",
     "torch.distributions.MultivariateNormal(torch.zeros(3, dtype=torch.float64), "
     "covariance_matrix=y).log_prob(x)", [_r(2, 3), _spd(3)]),
    ("dirichlet.pdf", "stats.dirichlet.pdf(x / np.sum(x), y)",
     "torch.exp(torch.distributions.Dirichlet(y).log_prob(x / x.sum()))",
     [_r(4, **P), _r(4, **P)]),
    ("dirichlet.logpdf", "stats.dirichlet.logpdf(x / np.sum(x), y)",
     "torch.distributions.Dirichlet(y).log_prob(x / x.sum())", [_r(3, **P), _r(3, **P)]),
    ("dirichlet.pdf-batch", "stats.dirichlet.pdf(x / np.sum(x, axis=0), y)",
     "torch.exp(torch.distributions.Dirichlet(y).log_prob((x / x.sum(0)).T))",
     [_r(3, 4, **P), _r(3, **P)]),
]

CONSTS = {"K": np.array([0.0, 1.0, 3.0, 2.0])}
# SciPy reads one triangle of ``cov``: central differences of single entries see that
# triangle only. The rules give the symmetric derivative (torch's), which is what
# differences of a symmetrised ``cov`` give.
def _symmetrised(body):
    return body.replace(", z)", ", (z + z.T) / 2)").replace("cov=y)", "cov=(y + y.T) / 2)")


FD_ROWS = [(name, _symmetrised(body), None, ins) for name, body, _, ins in ROWS]
SYM = {"mvn.pdf": (2,), "mvn.pdf-1d": (2,), "mvn.logpdf": (2,), "mvn.logpdf-no-mean": (1,)}


@pytest.fixture(scope="module")
def gen():
    return load_rows(ROWS, CONSTS, "scipy_more")


@pytest.fixture(scope="module")
def gen_fd():
    return load_rows(FD_ROWS, CONSTS, "scipy_more_fd")


@pytest.mark.parametrize("i", range(len(ROWS)), ids=[r[0] for r in ROWS])
def test_row_torch(gen, i):
    name = ROWS[i][0]
    check_row(gen, ROWS, i, CONSTS, ref="autograd" if ROWS[i][2] is None else None,
              sym=SYM.get(name, ()))


@pytest.mark.parametrize("i", range(len(ROWS)), ids=[r[0] for r in ROWS])
def test_row_fd(gen_fd, i):
    check_row(gen_fd, FD_ROWS, i, CONSTS, sym=SYM.get(ROWS[i][0], ()))


def test_fftconvolve_axes_is_refused():
    def f(x):
        return np.sum(signal.fftconvolve(x, np.ones((2, 2)), axes=0))
    with pytest.raises(pb.UnsupportedError, match="axes"):
        pb.grad(f)(np.ones((3, 3)))


def test_poisson_logcdf_is_a_step_function_of_k():
    def f(k):
        return np.sum(stats.poisson.logcdf(k, 2.0))
    k = np.array([1.3, 2.6, 0.4])
    h = 1e-4
    fd = np.array([(f(k + h * e) - f(k - h * e)) / (2 * h) for e in np.eye(3)])
    np.testing.assert_array_equal(fd, 0.0)
    np.testing.assert_array_equal(pb.grad(f)(k), fd)


def test_mvn_allow_singular_is_refused():
    def f(x):
        return stats.multivariate_normal.logpdf(x, np.zeros(2), np.eye(2), allow_singular=True)
    with pytest.raises(pb.UnsupportedError, match="allow_singular"):
        pb.grad(f)(np.ones(2))
