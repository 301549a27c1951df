"""Issue 12, the rest: scipy.linalg's Cholesky functions, scipy.signal's
convolve / correlate, the cdf / logcdf of scipy.stats t, gamma and beta and
scipy.integrate.odeint (first order), in reverse, forward and second order (rows checked by ``rowcheck.check_row``:
gradient in every argument, forward tangent, Hessian-vector product in the
first), against torch float64 where torch has a twin, else HIPS autograd
running the same source, else central differences.
"""

import numpy as np
import pytest
import torch
from scipy import integrate, linalg, signal, stats

import pullback as pb
from rowcheck import check_row, load_rows

RNG = np.random.default_rng(1212)
F = "torch.nn.functional."


def _r(*shape, lo=-2.0, hi=2.0):
    return np.asarray(RNG.uniform(lo, hi, shape))


def _spd(n):
    m = RNG.standard_normal((n, n))
    return m @ m.T + n * np.eye(n)


P = dict(lo=0.5, hi=3.0)      # positive
U01 = dict(lo=0.1, hi=0.9)    # (0, 1)

CHOL_ROWS = [
    ("cholesky", "linalg.cholesky(x)", "torch.linalg.cholesky(x, upper=True)", [_spd(3)]),
    ("cholesky-lower", "linalg.cholesky(x, lower=True)", "torch.linalg.cholesky(x)", [_spd(4)]),
    ("cho_solve", "c = linalg.cho_factor(x)\nreturn linalg.cho_solve(c, y)",
     "torch.cholesky_solve(y[:, None], torch.linalg.cholesky(x))[:, 0]", [_spd(3), _r(3)]),
    ("cho_solve-lower-matrix", "c = linalg.cho_factor(x, lower=True)\n"
     "return linalg.cho_solve(c, y)", "torch.cholesky_solve(y, torch.linalg.cholesky(x))",
     [_spd(4), _r(4, 2)]),
    ("cho_solve-reused", "c = linalg.cho_factor(x, lower=True)\n"
     "return linalg.cho_solve(c, y) ** 2 + linalg.cho_solve(c, np.sin(y))",
     "torch.cholesky_solve(y, torch.linalg.cholesky(x)) ** 2 + "
     "torch.cholesky_solve(torch.sin(y), torch.linalg.cholesky(x))", [_spd(3), _r(3, 2)]),
    ("cho_solve-inline", "linalg.cho_solve(linalg.cho_factor(x), y) * y",
     "torch.cholesky_solve(y, torch.linalg.cholesky(x)) * y", [_spd(3), _r(3, 3)]),
    ("cho_factor-triangle", "np.triu(linalg.cho_factor(x)[0])",
     "torch.linalg.cholesky(x, upper=True)", [_spd(3)]),
    # the other triangle of c holds a's own entries
    ("cho_factor-whole", "linalg.cho_factor(x, lower=True)[0]",
     "torch.linalg.cholesky(x) + torch.triu(x, 1)", [_spd(4)]),
    ("cho_factor-whole-upper", "linalg.cho_factor(x)[0]",
     "torch.linalg.cholesky(x, upper=True) + torch.tril(x, -1)", [_spd(3)]),
    ("cho_factor-logdet", "c, low = linalg.cho_factor(x)\nreturn 2 * np.sum(np.log(np.diag(c)))",
     "torch.logdet(x)", [_spd(3)]),
    ("cho_factor-solve-b-only", "c = linalg.cho_factor(x)\nreturn linalg.cho_solve(c, np.exp(y))",
     "torch.cholesky_solve(torch.exp(y)[:, None], torch.linalg.cholesky(x))[:, 0]",
     [_spd(2), _r(2)]),
]


def _conv1(x, y, mode="full"):
    pad = f"{y}.shape[0] - 1" if mode == "full" else "0"
    return f"{F}conv1d({x}[None, None], torch.flip({y}, [0])[None, None], padding={pad})[0, 0]"


SIGNAL_ROWS = [
    ("convolve-1d-full", "signal.convolve(x, y)", _conv1("x", "y"), [_r(5), _r(3)]),
    ("convolve-1d-full-longer-second", "signal.convolve(x, y)", _conv1("x", "y"),
     [_r(3), _r(6)]),
    ("convolve-1d-valid", "signal.convolve(x, y, 'valid')", _conv1("x", "y", "valid"),
     [_r(7), _r(3)]),
    ("convolve-2d-valid", "signal.convolve(x, y, mode='valid')",
     F + "conv2d(x[None, None], torch.flip(y, [0, 1])[None, None])[0, 0]",
     [_r(5, 6), _r(2, 3)]),
    ("convolve-2d-full", "signal.convolve(x, y)",
     F + "conv2d(x[None, None], torch.flip(y, [0, 1])[None, None], padding=(2, 1))[0, 0]",
     [_r(3, 4), _r(3, 2)]),
    ("convolve-1d-same-odd", "signal.convolve(x, y, 'same')", None, [_r(6), _r(3)]),
    ("convolve-1d-same-even", "signal.convolve(x, y, 'same')", None, [_r(6), _r(4)]),
    ("convolve-same-longer-second", "signal.convolve(x, y, mode='same')", None,
     [_r(3), _r(6)]),
    ("convolve-2d-same", "signal.convolve(x, y, 'same', method='direct')", None,
     [_r(4, 5), _r(3, 2)]),
    ("convolve-2d-same-fft", "signal.convolve(x, y, 'same', method='fft')", None,
     [_r(4, 5), _r(2, 4)]),
    ("convolve-valid-swapped", "signal.convolve(x, y, 'valid')", None, [_r(2, 3), _r(4, 4)]),
    ("convolve-3d-full", "signal.convolve(x, y)", None, [_r(3, 2, 4), _r(2, 2, 2)]),
    ("convolve-self-nonlinear", "signal.convolve(x, np.sin(x), 'same')", None, [_r(5)]),
    ("correlate-1d-valid", "signal.correlate(x, y, 'valid')",
     F + "conv1d(x[None, None], y[None, None])[0, 0]", [_r(6), _r(3)]),
    ("correlate-1d-full", "signal.correlate(x, y)",
     F + "conv1d(x[None, None], y[None, None], padding=2)[0, 0]", [_r(4), _r(3)]),
    ("correlate-2d-same", "signal.correlate(x, y, 'same')", None, [_r(4, 5), _r(2, 3)]),
    ("correlate-same-longer-second", "signal.correlate(x, y, 'same')", None, [_r(3), _r(5)]),
    ("correlate-self-nonlinear", "signal.correlate(x ** 2, x, 'full')", None, [_r(2, 3)]),
]

AG = "autograd"
STATS_ROWS = [
    ("t.cdf", "stats.t.cdf(x, 3.5)", None, [_r(5)], AG),
    ("t.cdf-loc", "stats.t.cdf(x, 2.5, y)", None, [_r(2, 3), _r(3)], AG),
    ("t.cdf-loc-scale", "stats.t.cdf(x, 4.0, y, z)", None, [_r(4), _r(4), _r(4, **P)], None),
    ("t.logcdf-loc", "stats.t.logcdf(x, 3.0, y)", None, [_r(5), _r(5)], AG),
    ("t.logcdf-scale", "stats.t.logcdf(x, 1.5, scale=y)", None, [_r(5), _r(5, **P)], None),
    ("gamma.cdf", "stats.gamma.cdf(x, 2.5)", "torch.distributions.Gamma(2.5, 1.).cdf(x)",
     [_r(5, **P)], None),
    ("gamma.cdf-loc-scale", "stats.gamma.cdf(x, 1.7, y, z)",
     "torch.distributions.Gamma(1.7, 1 / z).cdf(x - y)",
     [_r(2, 3, lo=1.0, hi=3.0), _r(3, lo=-0.5, hi=0.5), _r(2, 3, **P)], None),
    ("gamma.logcdf", "stats.gamma.logcdf(x, 1.5, scale=y)",
     "torch.log(torch.distributions.Gamma(1.5, 1 / y).cdf(x))", [_r(4, **P), _r(4, **P)], None),
    ("beta.cdf", "stats.beta.cdf(x, 2.0, 3.0)", None, [_r(5, **U01)], AG),
    ("beta.cdf-loc-scale", "stats.beta.cdf(x, 2.0, 1.5, y, z)", None,
     [_r(4, **U01), _r(4, lo=-0.1, hi=0.0), _r(4, lo=1.5, hi=2.0)], None),
    ("beta.logcdf", "stats.beta.logcdf(x, 1.5, 2.5)", None, [_r(2, 3, **U01)], None),
]

ROWS = CHOL_ROWS + SIGNAL_ROWS + [r[:4] for r in STATS_ROWS]
REF = {r[0]: r[4] for r in STATS_ROWS}
SYM = {r[0] for r in CHOL_ROWS}


@pytest.fixture(scope="module")
def gen():
    return load_rows(ROWS, {}, "scipy_rest")


@pytest.mark.parametrize("i", range(len(ROWS)), ids=[r[0] for r in ROWS])
def test_row(gen, i):
    name = ROWS[i][0]
    check_row(gen, ROWS, i, {}, ref=REF.get(name), sym=(0,) if name in SYM else ())


# ------------------------------------------------------------------ refusals
def _t_cdf_df(x, df):
    return np.sum(stats.t.cdf(x, df, 0.5))


def _beta_cdf_b(x, b):
    return np.sum(stats.beta.cdf(x, 2.0, b))


def _gamma_logcdf_a(a):
    return np.sum(stats.gamma.logcdf(1.5, a, scale=2.0))


@pytest.mark.parametrize("fn, args, param", [
    (_t_cdf_df, (np.array([0.3, -1.0]), 3.0), "df"),
    (_beta_cdf_b, (np.array([0.3, 0.6]), 2.0), "b"),
    (_gamma_logcdf_a, (2.0,), "a"),
])
def test_shape_parameters_are_refused(fn, args, param):
    last = len(args) - 1
    with pytest.raises(pb.UnsupportedError, match=rf"`{param}`.*pb\.defvjp"):
        pb.grad(fn, wrt=last)(*args)
    tans = tuple(np.ones_like(np.asarray(a, dtype=float)) for a in args)
    with pytest.raises(pb.UnsupportedError, match=rf"`{param}`.*pb\.defjvp"):
        pb.jvp(fn, args, tans)


def test_constant_shape_parameter_is_fine():
    x = np.array([0.3, -1.0, 2.0])

    def f(x, df):
        return np.sum(stats.t.cdf(x, df))
    h = 1e-6
    fd = (stats.t.cdf(x + h, 3.0) - stats.t.cdf(x - h, 3.0)) / (2 * h)
    np.testing.assert_allclose(pb.grad(f)(x, 3.0), fd, rtol=1e-7)


# ------------------------------------------------------------------ whole programs
def _gp_nll(a, y):
    k = a @ a.T + 0.5 * np.eye(a.shape[0])
    c, low = linalg.cho_factor(k, lower=True)
    alpha = linalg.cho_solve((c, low), y)
    return 0.5 * y @ alpha + np.sum(np.log(np.diag(c)))


def test_gp_negative_log_likelihood_matches_torch():
    a = RNG.standard_normal((4, 3))
    y = RNG.standard_normal(4)

    def th(a, y):
        k = a @ a.T + 0.5 * torch.eye(4, dtype=torch.float64)
        L = torch.linalg.cholesky(k)
        alpha = torch.cholesky_solve(y[:, None], L)[:, 0]
        return 0.5 * y @ alpha + torch.log(torch.diagonal(L)).sum()
    ta, ty = (torch.tensor(v, requires_grad=True) for v in (a, y))
    ga, gy = torch.autograd.grad(th(ta, ty), (ta, ty))
    got = pb.grad(_gp_nll, wrt=(0, 1))(a, y)
    np.testing.assert_allclose(got[0], ga.numpy(), rtol=1e-9)
    np.testing.assert_allclose(got[1], gy.numpy(), rtol=1e-9)
    ht = torch.autograd.functional.hessian(lambda a: th(a, torch.tensor(y)), torch.tensor(a))
    np.testing.assert_allclose(pb.hessian(_gp_nll)(a, y), ht.numpy(), rtol=1e-7, atol=1e-10)
    ta, ty = torch.tensor(a), torch.tensor(y)
    da, dy = RNG.standard_normal((4, 3)), RNG.standard_normal(4)
    _, jt = torch.func.jvp(th, (ta, ty), (torch.tensor(da), torch.tensor(dy)))
    _, jp = pb.jvp(_gp_nll, (a, y), (da, dy))
    np.testing.assert_allclose(jp, jt.item(), rtol=1e-9)


def _smooth_loss(x, k):
    return np.sum(np.tanh(signal.convolve(x, k, mode="same")) ** 2)


def test_grad_of_grad_of_convolve_against_finite_differences():
    x = RNG.standard_normal((4, 5))
    k = RNG.standard_normal((3, 3))
    v = RNG.standard_normal((4, 5))
    gk = pb.grad(lambda x, k: np.sum(pb.grad(_smooth_loss)(x, k) * v), wrt=1)

    def fd(k):
        h = 1e-5
        out = np.zeros_like(k)
        for j in np.ndindex(k.shape):
            kp, km = k.copy(), k.copy()
            kp[j] += h
            km[j] -= h
            out[j] = (np.sum(pb.grad(_smooth_loss)(x, kp) * v)
                      - np.sum(pb.grad(_smooth_loss)(x, km) * v)) / (2 * h)
        return out
    np.testing.assert_allclose(gk(x, k), fd(k), rtol=1e-5, atol=1e-7)


# ------------------------------------------------------------------ odeint
def _rhs(y, s, k, w):
    return np.array([y[1], -k * y[0] - w * y[1] + np.sin(s)])


ODE_W = np.arange(1.0, 9.0).reshape(4, 2)


def _ode_loss(y0, t, k, w):
    ys = integrate.odeint(_rhs, y0, t, args=(k, w), rtol=1e-11, atol=1e-11)
    return np.sum(ys ** 2 * ODE_W)


def _ode_refs(y0, t, k, w):
    import autograd
    import autograd.numpy as anp
    from autograd.builtins import tuple as atuple
    from autograd.scipy.integrate import odeint as aodeint

    def rhs(y, s, k, w):
        return anp.array([y[1], -k * y[0] - w * y[1] + anp.sin(s)])

    def loss(y0, t, k, w):
        ys = aodeint(rhs, y0, t, atuple((k, w)), rtol=1e-11, atol=1e-11)
        return anp.sum(ys ** 2 * ODE_W)
    return [np.asarray(autograd.grad(loss, i)(y0, t, k, w)) for i in range(4)]


@pytest.mark.parametrize("t", [np.array([0.0, 0.5, 1.2, 2.0]), np.array([0.3, 0.1, -0.4, -1.0])],
                         ids=["forwards", "backwards-in-time"])
def test_odeint_against_autograd(t):
    y0, k, w = np.array([1.0, 0.3]), 1.7, 0.4
    ref = _ode_refs(y0, t, k, w)
    got = pb.grad(_ode_loss, wrt=(0, 1, 2, 3))(y0, t, k, w)
    for a, b in zip(got, ref):
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-8)
    tans = (np.array([0.3, -0.2]), np.array([0.1, 0.2, -0.3, 0.4]), 0.5, -0.7)
    _, jv = pb.jvp(_ode_loss, (y0, t, k, w), tans)
    np.testing.assert_allclose(jv, sum(np.vdot(r, d) for r, d in zip(ref, tans)), rtol=1e-6)


def _decay(s, y, theta):
    return -theta[0] * y + theta[1] * np.cos(s) * y ** 2


def _decay_loss(y0, theta):
    ys = integrate.odeint(_decay, y0, np.linspace(0.0, 1.5, 5), (theta,), tfirst=True,
                          rtol=1e-11, atol=1e-11)
    return np.sum(np.log(ys[1:, 0]))


def _fd(f, x, h=1e-5):
    x = np.asarray(x, dtype=float)
    out = np.zeros(np.shape(x))
    for j in np.ndindex(np.shape(x)):
        p, m = x.copy(), x.copy()
        p[j] += h
        m[j] -= h
        out[j] = (f(p) - f(m)) / (2 * h)
    return out


def test_odeint_scalar_state_tfirst_array_parameter():
    y0, theta = 0.8, np.array([1.3, 0.4])
    g0, gth = pb.grad(_decay_loss, wrt=(0, 1))(y0, theta)
    np.testing.assert_allclose(g0, _fd(lambda v: _decay_loss(float(v), theta), y0), rtol=1e-6)
    np.testing.assert_allclose(gth, _fd(lambda v: _decay_loss(y0, v), theta), rtol=1e-6)
    d = np.array([0.4, -1.1])
    _, jv = pb.jvp(_decay_loss, (y0, theta), (0.0, d))
    np.testing.assert_allclose(jv, np.vdot(_fd(lambda v: _decay_loss(y0, v), theta), d),
                               rtol=1e-6)


def test_odeint_second_order_raises():
    y0, t = np.array([1.0, 0.3]), np.array([0.0, 0.5, 1.2, 2.0])
    with pytest.raises(NotImplementedError, match="second derivatives of scipy.integrate.odeint"):
        pb.hessian(_ode_loss)(y0, t, 1.7, 0.4)


def _ode_with_dfun(y0):
    ys = integrate.odeint(_rhs, y0, np.array([0.0, 1.0]), args=(1.0, 0.1), Dfun=None)
    return np.sum(ys)


def test_odeint_other_options_are_refused():
    with pytest.raises(pb.UnsupportedError, match="Dfun"):
        pb.grad(_ode_with_dfun)(np.array([1.0, 0.0]))
