"""Issue 12: SciPy's functions (special, stats, linalg) in reverse, forward and
second order, against torch float64 where torch has a twin, else against HIPS
autograd running the very same source with its own ``scipy`` wrappers.

Each row is ``(name, numpy expression, torch expression or None, inputs)``; the
expression's arguments are ``x, y, z``. A generated module (pullback reads
source) holds ``def f(x, ...): return np.sum((EXPR) * W)``. Checks: the
gradient in every argument, the forward-mode tangent along a random direction
in every argument, and the Hessian-vector product in the first argument.
"""

import importlib.util
import os
import subprocess
import sys
import tempfile

import numpy as np
import pytest
import torch

import pullback as pb

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


def _source():
    lines = ["import numpy as np", "import torch", "from scipy import special, stats, linalg",
             "", "def T(a):", "    return torch.tensor(a)", "", "W = {}"]
    lines += [f"{k} = {v.tolist()!r}" for k, v in CONSTS.items()]
    lines += [f"{k} = np.array({k})" for k in CONSTS]
    for i, (name, expr, _, ins) in enumerate(ROWS):
        params = ", ".join("xyz"[:len(ins)])
        lines += ["", f"# {name}", f"def f_{i}({params}):",
                  f"    return np.sum(({expr}) * W[{i}])"]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def gen():
    d = tempfile.mkdtemp(prefix="pullback_scipy_rules_")
    path = os.path.join(d, "scipy_rules_generated.py")
    with open(path, "w") as f:
        f.write(_source())
    spec = importlib.util.spec_from_file_location("scipy_rules_generated", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _torch_ref(expr, ins, w, v0, tans):
    """(value, grads, <grads, tangents>, hvp in the first argument) by torch float64."""
    xs = [torch.tensor(a, dtype=torch.float64, requires_grad=True) for a in ins]
    env = {"torch": torch, "T": lambda a: torch.tensor(a, dtype=torch.float64),
           **CONSTS, **dict(zip("xyz", xs))}
    out = (eval(expr, env) * torch.tensor(w)).sum()
    grads = torch.autograd.grad(out, xs, create_graph=True)
    hv = np.zeros(np.shape(ins[0]))
    if grads[0].requires_grad:
        h = torch.autograd.grad((grads[0] * torch.tensor(v0)).sum(), xs[0], allow_unused=True)[0]
        hv = hv if h is None else h.numpy()
    gs = [g.detach().numpy() for g in grads]
    return out.item(), gs, sum(np.vdot(g, t) for g, t in zip(gs, tans)), hv


def _autograd_ref(expr, ins, w, v0, tans):
    import autograd
    import autograd.numpy as anp
    import autograd.scipy.linalg as alinalg
    import autograd.scipy.special as aspecial
    import autograd.scipy.stats as astats
    env = {"np": anp, "special": aspecial, "stats": astats, "linalg": alinalg, **CONSTS}
    code = f"lambda x=None, y=None, z=None: anp.sum(({expr}) * W)"
    f = eval(code, {**env, "anp": anp, "W": w})
    n = len(ins)
    gs = [np.asarray(autograd.grad(f, i)(*ins)) for i in range(n)]
    hv = autograd.grad(lambda *a: anp.sum(autograd.grad(f, 0)(*a) * v0), 0)(*ins)
    return f(*ins), gs, sum(np.vdot(g, t) for g, t in zip(gs, tans)), np.asarray(hv)


def _fd_ref(fn, ins, v0, tans, h=1e-5):
    """Central differences of the primal (for rows neither torch nor autograd has)."""
    def grad_of(i, at):
        g = np.zeros_like(at[i])
        for j in np.ndindex(at[i].shape):
            p = [a.copy() for a in at]
            m = [a.copy() for a in at]
            p[i][j] += h
            m[i][j] -= h
            g[j] = (fn(*p) - fn(*m)) / (2 * h)
        return g
    gs = [grad_of(i, ins) for i in range(len(ins))]
    hv = (grad_of(0, [ins[0] + 1e-4 * v0] + ins[1:]) -
          grad_of(0, [ins[0] - 1e-4 * v0] + ins[1:])) / 2e-4
    return fn(*ins), gs, sum(np.vdot(g, t) for g, t in zip(gs, tans)), hv


AUTOGRAD_ROWS = {"poisson.cdf", "sqrtm"}


@pytest.mark.parametrize("i", range(len(ROWS)), ids=[r[0] for r in ROWS])
def test_row(gen, i):
    name, expr, th, ins = ROWS[i]
    f = getattr(gen, f"f_{i}")
    out_shape = np.shape(eval(expr, {"np": np, **vars(gen), **dict(zip("xyz", ins))}))
    rng = np.random.default_rng(i)
    w = rng.standard_normal(out_shape)
    gen.W[i] = w
    v0 = rng.standard_normal(np.shape(ins[0]))
    tans = [rng.standard_normal(np.shape(a)) for a in ins]
    if name.startswith("mvn"):   # symmetric tangents of the covariance
        tans[2] = tans[2] + tans[2].T
    if th is not None:
        ref = _torch_ref(th, ins, w, v0, tans)
        tol = dict(rtol=1e-8, atol=1e-10)
    elif name in AUTOGRAD_ROWS:
        ref = _autograd_ref(expr, ins, w, v0, tans)
        tol = dict(rtol=1e-7, atol=1e-9)
    else:
        ref = _fd_ref(f, ins, v0, tans)
        tol = dict(rtol=1e-5, atol=1e-6)
    val, gs, jv, hv = ref
    wrt = tuple(range(len(ins)))
    got = pb.grad(f, wrt=wrt)(*ins)
    got = got if isinstance(got, tuple) else (got,)
    np.testing.assert_allclose(f(*ins), val, rtol=1e-10)
    for k, (a, b) in enumerate(zip(got, gs)):
        np.testing.assert_allclose(a, b, **tol, err_msg=f"{name}: gradient in argument {k}")
    out, tan = pb.jvp(f, tuple(ins), tuple(tans))
    np.testing.assert_allclose(tan, jv, **tol, err_msg=f"{name}: forward tangent")
    np.testing.assert_allclose(pb.hvp(f)(*ins, v=v0), hv, **{k: 100 * v for k, v in tol.items()},
                               err_msg=f"{name}: Hessian-vector product")


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
