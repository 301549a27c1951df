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


# ------------------------------------------------------------------ complex parts (NumPy)
# pullback's arguments are real; a value inside may be complex. Its gradients of the
# real arguments are torch's (whose complex .grad is the conjugate Wirtinger one).
C = "(1.5 - 2j)"
COMPLEX_ROWS = [
    ("imag-of-product", f"np.imag(x * {C} * y)", f"torch.imag(x * {C} * y)", [_r(4), _r(4)]),
    ("angle", "np.angle(x + 1j * y)", "torch.angle(x + 1j * y)", [_r(2, 3), _r(2, 3)]),
    ("angle-deg", "np.angle(x * y + 1j * y, deg=True)",
     "torch.angle(x * y + 1j * y) * (180 / np.pi)", [_r(4), _r(4)]),
    ("imag-attribute", "(np.exp(1j * x) * y).imag", "(torch.exp(1j * x) * y).imag",
     [_r(4), _r(4)]),
    ("real-attribute", "(np.exp(1j * x) * y).real ** 2", "(torch.exp(1j * x) * y).real ** 2",
     [_r(4), _r(4)]),
    ("real-of-square", f"np.real((x * {C} + y) ** 2)", f"torch.real((x * {C} + y) ** 2)",
     [_r(3), _r(3)]),
    ("conj", f"np.real(np.conj(x * {C}) * (x + 1j * y))",
     f"torch.real(torch.conj(x * {C}) * (x + 1j * y))", [_r(4), _r(4)]),
    ("conj-method", f"np.imag((x * {C}).conj() * np.sin(x + 1j * y))",
     f"torch.imag((x * {C}).conj() * torch.sin(x + 1j * y))", [_r(4), _r(4)]),
    ("angle-of-exp", "np.angle(np.exp(1j * x) * (2.0 + 1j * y))",
     "torch.angle(torch.exp(1j * x) * (2.0 + 1j * y))", [_r(4, lo=-0.5, hi=0.5), _r(4)]),
    # vdot conjugates its first argument (its cotangent was not conjugated: wrong numbers)
    ("vdot-of-complex", f"np.real(np.vdot(x * {C}, np.exp(1j * y) * x))",
     f"torch.real(torch.vdot(x * {C}, torch.exp(1j * y) * x))", [_r(4), _r(4)]),
    ("angle-of-real", "np.angle(x) * y + x * y", "torch.angle(x) * y + x * y", [_r(5), _r(5)]),
    ("imag-of-real", "np.imag(x) * y + x * y + (x * y).imag", "x * y + 0 * x",
     [_r(5), _r(5)]),
    ("real_if_close", "np.real_if_close(x * y + 0j) + np.real_if_close(x + 1j * y).imag",
     "x * y + y", [_r(4), _r(4)]),
]
COMPLEX_FD = [(name, body, None, ins) for name, body, _, ins in COMPLEX_ROWS]
# |z| of a complex z: its cotangent is g conj(z) / |z| (was g z / |z|: wrong numbers);
# its second derivative is not implemented (refused below)
ABS_ROWS = [
    ("abs-of-complex", "np.abs(np.exp(1j * x) * (y + 2j)) ** 2 + np.abs(x * (1 + 2j))",
     "torch.abs(torch.exp(1j * x) * (y + 2j)) ** 2 + torch.abs(x * (1 + 2j))", [_r(4), _r(4)]),
    ("abs-of-complex-sum", f"np.abs(np.sum(x * {C} + 1j * y)) * x",
     f"torch.abs(torch.sum(x * {C} + 1j * y)) * x", [_r(3), _r(3)]),
]
ABS_FD = [(name, body, None, ins) for name, body, _, ins in ABS_ROWS]


@pytest.fixture(scope="module")
def gen_complex():
    return load_rows(COMPLEX_ROWS, {}, "complex_parts")


@pytest.fixture(scope="module")
def gen_complex_fd():
    return load_rows(COMPLEX_FD, {}, "complex_parts_fd")


@pytest.mark.parametrize("i", range(len(COMPLEX_ROWS)), ids=[r[0] for r in COMPLEX_ROWS])
def test_complex_torch(gen_complex, i):
    check_row(gen_complex, COMPLEX_ROWS, i, {})


@pytest.mark.parametrize("i", range(len(COMPLEX_ROWS)), ids=[r[0] for r in COMPLEX_ROWS])
def test_complex_fd(gen_complex_fd, i):
    check_row(gen_complex_fd, COMPLEX_FD, i, {})


@pytest.mark.parametrize("i", range(len(ABS_ROWS)), ids=[r[0] for r in ABS_ROWS])
def test_abs_of_complex(i):
    check_row(load_rows(ABS_ROWS, {}, "abs_complex"), ABS_ROWS, i, {}, hvp=False)
    check_row(load_rows(ABS_FD, {}, "abs_complex_fd"), ABS_FD, i, {}, hvp=False)


def abs_complex(x):
    return np.sum(np.abs(x * (1 + 2j) + 0.5j))


def test_second_derivative_of_abs_of_complex_raises():
    with pytest.raises(NotImplementedError, match="np.abs of a complex"):
        pb.hessian(abs_complex)(np.array([0.3, -0.2]))


def norm_complex(x):
    return np.linalg.norm(x * (1 + 2j))


def test_norm_of_complex_raises():
    # its rules are for real values (it was a wrong gradient)
    with pytest.raises(NotImplementedError, match="np.linalg.norm of a complex"):
        pb.grad(norm_complex)(np.array([0.3, -0.2]))


def test_imag_of_an_unruled_complex_value_is_refused():
    # np.imag was once taken as non-differentiable: a silently zero gradient
    def f(x):
        return np.sum(np.imag(np.fft.fft(x)) ** 2)
    with pytest.raises(pb.UnsupportedError, match="fft"):
        pb.grad(f)(np.ones(4))


# ------------------------------------------------------------------ np.piecewise
PIECEWISE_ROWS = [
    ("piecewise", "np.piecewise(x, [x < 0, x >= 0], [lambda v: v ** 2, np.sin]) * y",
     "torch.where(x < 0, x ** 2, torch.sin(x)) * y", [_r(6), _r(6)]),
    ("piecewise-constant-and-otherwise",
     "np.piecewise(x, [x < -0.5, x > 1], [np.cos, 3.0, np.exp])",
     "torch.where(x < -0.5, torch.cos(x), torch.where(x > 1, 3.0 + 0 * x, torch.exp(x)))",
     [_r(8)]),
    # the first function sees every x < 0.5 (and mixes them); tanh overwrites x < 0
    ("piecewise-overlap-mixing",
     "np.piecewise(x, [x < 0.5, x < 0], [lambda v: v * np.sum(v), np.tanh])",
     "torch.where(x < 0, torch.tanh(x), torch.where(x < 0.5, x * (x * (x < 0.5)).sum(), 0 * x))",
     [_r(7)]),
    ("piecewise-one-condition-array", "np.piecewise(x * y, x > 0, [np.exp, lambda v: -v])",
     "torch.where(x > 0, torch.exp(x * y), -(x * y))", [_r(5), _r(5)]),
    ("piecewise-zero-elsewhere", "np.piecewise(x, [x > 0], [lambda v: v ** 3]) + x",
     "torch.where(x > 0, x ** 3, 0 * x) + x", [_r(2, 3)]),
    ("piecewise-scalar-result", "np.piecewise(x, [x > 0], [lambda v: np.sum(v ** 2)])",
     "torch.where(x > 0, (x ** 2 * (x > 0)).sum(), 0 * x)", [_r(5)]),
]
PIECEWISE_FD = [(name, body, None, ins) for name, body, _, ins in PIECEWISE_ROWS]


@pytest.fixture(scope="module")
def gen_piecewise():
    return load_rows(PIECEWISE_ROWS, {}, "piecewise")


@pytest.fixture(scope="module")
def gen_piecewise_fd():
    return load_rows(PIECEWISE_FD, {}, "piecewise_fd")


@pytest.mark.parametrize("i", range(len(PIECEWISE_ROWS)), ids=[r[0] for r in PIECEWISE_ROWS])
def test_piecewise_torch(gen_piecewise, i):
    check_row(gen_piecewise, PIECEWISE_ROWS, i, {}, hvp=False)


@pytest.mark.parametrize("i", range(len(PIECEWISE_ROWS)), ids=[r[0] for r in PIECEWISE_ROWS])
def test_piecewise_fd(gen_piecewise_fd, i):
    check_row(gen_piecewise_fd, PIECEWISE_FD, i, {}, hvp=False)


def piecewise_closure(x):
    w = x * 2.0
    return np.sum(np.piecewise(x, [x < 0, x >= 0], [lambda v: v * w[0], np.sin]))


def piecewise_args(x):
    return np.sum(np.piecewise(x, [x < 0, x >= 0], [np.multiply, np.add], 2.0))


def test_piecewise_function_reading_a_differentiated_value_is_refused():
    with pytest.raises(pb.UnsupportedError, match="reads differentiated variables"):
        pb.grad(piecewise_closure)(np.array([0.3, -0.2]))


def test_piecewise_extra_arguments_are_refused():
    with pytest.raises(pb.UnsupportedError, match="piecewise"):
        pb.grad(piecewise_args)(np.array([0.3, -0.2]))


def piecewise_sq(x):
    return np.sum(np.piecewise(x, [x < 0], [lambda v: v ** 2]))


def test_piecewise_second_derivative_in_x_raises():
    with pytest.raises(NotImplementedError, match="np.piecewise"):
        pb.hessian(piecewise_sq)(np.array([0.3, -0.2]))
