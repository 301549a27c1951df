"""Each built-in rule called directly, against torch float64 autograd.

Elementwise and reduction rules are driven by op tables; kink conventions get
one test each. Shape, linear-algebra and builtins rules are in
``test_rules_direct_more.py``.
"""

import numpy as np
import pytest
import torch

import pullback.rules.reductions  # noqa: F401
import pullback.rules.ufuncs  # noqa: F401
from pullback.rules import registry
from rule_check import assert_close, check, numeric_jvp, sample

UNARY_SHAPES = [(), (4,), (2, 3)]
BINARY_SHAPES = [((), ()), ((4,), (4,)), ((2, 3), (3,)), ((2, 1), (1, 3)), ((), (2, 2))]

UNARY = [  # numpy function, torch function, domain
    (np.sqrt, torch.sqrt, "pos"),
    (np.cbrt, lambda x: x ** (1 / 3), "pos"),
    (np.square, torch.square, "real"),
    (np.reciprocal, torch.reciprocal, "nonzero"),
    (np.exp, torch.exp, "real"),
    (np.exp2, torch.exp2, "real"),
    (np.expm1, torch.expm1, "real"),
    (np.log, torch.log, "pos"),
    (np.log2, torch.log2, "pos"),
    (np.log10, torch.log10, "pos"),
    (np.log1p, torch.log1p, "pos"),
    (np.sin, torch.sin, "real"),
    (np.cos, torch.cos, "real"),
    (np.tan, torch.tan, "unit"),
    (np.arcsin, torch.asin, "unit"),
    (np.arccos, torch.acos, "unit"),
    (np.arctan, torch.atan, "real"),
    (np.sinh, torch.sinh, "real"),
    (np.cosh, torch.cosh, "real"),
    (np.tanh, torch.tanh, "real"),
    (np.arcsinh, torch.asinh, "real"),
    (np.arccosh, torch.acosh, "gt1"),
    (np.arctanh, torch.atanh, "unit"),
    (np.abs, torch.abs, "nonzero"),
    (np.absolute, torch.abs, "nonzero"),
    (np.fabs, torch.abs, "nonzero"),
    (np.sinc, torch.sinc, "real"),
    (np.deg2rad, torch.deg2rad, "real"),
    (np.rad2deg, torch.rad2deg, "real"),
]

BINARY = [
    (np.arctan2, torch.atan2, "real", "real"),
    (np.hypot, torch.hypot, "nonzero", "nonzero"),
    (np.maximum, torch.maximum, "real", "real"),
    (np.minimum, torch.minimum, "real", "real"),
    (np.fmax, torch.fmax, "real", "real"),
    (np.fmin, torch.fmin, "real", "real"),
    (np.logaddexp, torch.logaddexp, "real", "real"),
    (np.logaddexp2, torch.logaddexp2, "real", "real"),
    (np.float_power, torch.float_power, "pos", "real"),
]


@pytest.mark.parametrize("shape", UNARY_SHAPES)
@pytest.mark.parametrize("npfn,tfn,dom", UNARY, ids=[u[0].__name__ for u in UNARY])
def test_unary(npfn, tfn, dom, shape):
    check(npfn, tfn, [sample(dom, shape)])


@pytest.mark.parametrize("shapes", BINARY_SHAPES)
@pytest.mark.parametrize("npfn,tfn,d1,d2", BINARY, ids=[b[0].__name__ for b in BINARY])
def test_binary(npfn, tfn, d1, d2, shapes):
    check(npfn, tfn, [sample(d1, shapes[0]), sample(d2, shapes[1])])


@pytest.mark.parametrize("shape", [(5,), (2, 3)])
def test_clip(shape):
    x = sample("real", shape) * 2
    check(np.clip, lambda a, lo, hi: torch.clamp(a, lo, hi), [x, -0.5, 0.7])
    lo, hi = -np.abs(sample("real", shape)), np.abs(sample("real", shape))
    check(np.clip, torch.clamp, [x, lo, hi])
    check(np.clip, lambda a: torch.clamp(a, None, 0.3), [x], {"a_min": None, "a_max": 0.3})
    check(lambda a, **k: a.clip(**k), lambda a: torch.clamp(a, -0.2, 0.4), [x],
          {"min": -0.2, "max": 0.4}, prim=np.ndarray.clip)


def test_clip_bounds_inclusive():
    x = np.array([-1.0, -0.5, 0.0, 0.5, 1.0])
    lo, hi = np.full(5, -0.5), np.full(5, 0.5)
    check(np.clip, torch.clamp, [x, lo, hi])
    g = np.ones(5)
    got = registry.lookup(np.clip).vjp(g, np.clip(x, -0.5, 0.5), x, -0.5, 0.5)[0]
    assert_close(got, [0, 1, 1, 1, 0])


def test_where():
    c = sample("real", (2, 3)) > 0
    check(np.where, torch.where,
          [c, sample("real", (3,)), sample("real", (2, 1))], diff=[1, 2])


def test_abs_kink():
    x = np.array([-1.0, 0.0, 2.0])
    check(np.abs, torch.abs, [x])
    assert registry.lookup(np.abs).vjp(np.ones(3), np.abs(x), x)[1] == 0


def test_maximum_minimum_ties_split():
    x = np.array([1.0, 2.0, 3.0])
    y = np.array([1.0, 1.0, 3.0])
    check(np.maximum, torch.maximum, [x, y])
    check(np.minimum, torch.minimum, [x, y])
    gx, gy = registry.lookup(np.maximum).vjp(np.ones(3), np.maximum(x, y), x, y)
    assert_close(gx, [0.5, 1, 0.5])
    assert_close(gy, [0.5, 0, 0.5])


def test_fmax_fmin_ties():
    x = np.array([1.0, 2.0, 3.0, np.nan, 1.0])
    y = np.array([1.0, 1.0, 3.0, 1.0, np.nan])
    for npfn, tfn in ((np.fmax, torch.fmax), (np.fmin, torch.fmin)):
        ans = npfn(x, y)
        g = RNG_G(5)
        gx, gy = registry.lookup(npfn).vjp(g, ans, x, y)
        tx, ty = torch.tensor(x, requires_grad=True), torch.tensor(y, requires_grad=True)
        ex, ey = torch.autograd.grad(tfn(tx, ty), [tx, ty], torch.tensor(g))
        assert_close(gx, ex.numpy())
        assert_close(gy, ey.numpy())


def RNG_G(n):
    return np.random.default_rng(n).standard_normal(n)


def test_sqrt_at_zero_is_inf():
    x = np.array([0.0, 4.0])
    got = registry.lookup(np.sqrt).vjp(np.ones(2), np.sqrt(x), x)
    tx = torch.tensor(x, requires_grad=True)
    (e,) = torch.autograd.grad(torch.sqrt(tx).sum(), [tx])
    assert np.isinf(got[0]) and np.isinf(e[0].item())
    assert_close(got[1], e[1].item())


def test_sinc_at_zero():
    check(np.sinc, torch.sinc, [np.array([0.0, 0.3, -1.5])])


def test_cbrt_negative_by_finite_differences():
    x = np.array([-2.0, -0.3, 0.7])
    t = RNG_G(3)
    got = registry.lookup(np.cbrt).jvp(t, np.cbrt(x), x)
    np.testing.assert_allclose(got, numeric_jvp(np.cbrt, [x], 0, t), rtol=1e-7)


def test_nondifferentiable_declared():
    for f in (np.floor, np.ceil, np.round, np.rint, np.trunc, np.sign, np.isnan, np.isfinite,
              np.isinf, np.signbit, np.argmax, np.argmin, np.argsort, np.nonzero,
              np.count_nonzero, np.shape, np.ndim, np.size, np.zeros, np.ones, np.empty,
              np.full, np.zeros_like, np.ones_like, np.empty_like, np.full_like, np.arange,
              np.eye, np.identity, np.ndarray.argmax, np.ndarray.argmin):
        assert registry.is_nondifferentiable(f), f
    x = torch.tensor([0.5, -1.5, 2.2], requires_grad=True)
    for tf in (torch.floor, torch.round, torch.sign):  # torch agrees: zero gradient
        assert torch.autograd.grad(tf(x).sum(), [x])[0].abs().sum() == 0


# ------------------------------------------------------------------- reductions
AXES = [((3,), {}), ((2, 3), {}), ((2, 3), {"axis": 0}), ((2, 3), {"axis": -1}),
        ((2, 3, 4), {"axis": (0, 2)}), ((2, 3), {"axis": 1, "keepdims": True}),
        ((2, 3, 4), {"axis": (1, 2), "keepdims": True}), ((), {})]


def _tdim(kw):
    d = {}
    if "axis" in kw:
        d["dim"] = kw["axis"]
    if kw.get("keepdims"):
        d["keepdim"] = True
    return d


def _tsum(x, **k):
    return x.sum(**k) if k else x.sum()


REDUCTIONS = [  # numpy function, torch (x, **dim-kwargs), domain
    (np.sum, _tsum, "real"),
    (np.mean, lambda x, **k: x.mean(**k) if k else x.mean(), "real"),
    (np.prod, lambda x, **k: _tprod(x, **k), "real"),
    (np.max, lambda x, **k: torch.amax(x, **k) if k else x.max(), "real"),
    (np.amax, lambda x, **k: torch.amax(x, **k) if k else x.max(), "real"),
    (np.min, lambda x, **k: torch.amin(x, **k) if k else x.min(), "real"),
    (np.amin, lambda x, **k: torch.amin(x, **k) if k else x.min(), "real"),
    (np.var, lambda x, **k: torch.var(x, correction=0, **k), "real"),
    (np.std, lambda x, **k: torch.std(x, correction=0, **k), "real"),
]


def _tprod(x, dim=None, keepdim=False):
    if dim is None:
        out = x.prod()
        return out.reshape([1] * x.ndim) if keepdim else out
    dims = dim if isinstance(dim, tuple) else (dim,)
    for d in sorted((d % x.ndim for d in dims), reverse=True):
        x = x.prod(d, keepdim=True)
    return x if keepdim else x.reshape([n for i, n in enumerate(x.shape)
                                        if i not in {d % len(x.shape) for d in dims}])


@pytest.mark.parametrize("shape,kw", AXES)
@pytest.mark.parametrize("npfn,tfn,dom", REDUCTIONS, ids=[r[0].__name__ for r in REDUCTIONS])
def test_reduction(npfn, tfn, dom, shape, kw):
    x = sample(dom, shape)
    check(npfn, lambda a: tfn(a, **_tdim(kw)), [x], kw)
    method = getattr(np.ndarray, npfn.__name__, None)
    if method is not None and shape != ():
        check(lambda a, **k: method(a, **k), lambda a: tfn(a, **_tdim(kw)), [x], kw,
              prim=method)


@pytest.mark.parametrize("ddof", [0, 1])
def test_var_std_ddof(ddof):
    x = sample("real", (3, 4))
    for npfn, tfn in ((np.var, torch.var), (np.std, torch.std)):
        check(npfn, lambda a: tfn(a, dim=1, correction=ddof), [x], {"axis": 1, "ddof": ddof})


def test_std_zero_gradient_where_constant():
    x = np.ones((2, 3))
    check(np.std, lambda a: torch.std(a, dim=1, correction=0), [x], {"axis": 1})


@pytest.mark.parametrize("zeros", [[], [3], [1, 4], [0, 2, 5]])
def test_prod_with_zeros(zeros):
    x = sample("real", (6,))
    x[zeros] = 0.0
    check(np.prod, torch.prod, [x])
    y = sample("real", (2, 6))
    y[1, zeros] = 0.0
    check(np.prod, lambda a: torch.prod(a, 1), [y], {"axis": 1})


def test_max_ties_share_evenly():
    x = np.array([[1.0, 3.0, 3.0], [2.0, 2.0, 2.0]])
    check(np.max, lambda a: torch.amax(a, 1), [x], {"axis": 1})
    check(np.max, lambda a: a.max(), [x])  # full torch.max also shares evenly
    check(np.min, lambda a: torch.amin(a, 0), [x], {"axis": 0})
    got = registry.lookup(np.max).vjp(np.ones(2), x.max(1), x, axis=1)
    assert_close(got, [[0, 0.5, 0.5], [1 / 3, 1 / 3, 1 / 3]])


@pytest.mark.parametrize("shape,axis", [((5,), None), ((2, 3), None), ((2, 3), 0),
                                        ((2, 3, 4), -1), ((), None)])
@pytest.mark.parametrize("name", ["cumsum", "cumprod"])
def test_cumulative(name, shape, axis):
    x = sample("real", shape)
    tf = getattr(torch, name)
    kw = {} if axis is None else {"axis": axis}
    check(getattr(np, name), lambda a: tf(a.reshape(-1), 0) if axis is None else tf(a, axis),
          [x], kw)
    if shape != ():
        check(lambda a, **k: getattr(a, name)(**k),
              lambda a: tf(a.reshape(-1), 0) if axis is None else tf(a, axis), [x], kw,
              prim=getattr(np.ndarray, name))


@pytest.mark.parametrize("zeros", [[2], [1, 3]])
def test_cumprod_with_zeros(zeros):
    x = sample("real", (5,))
    x[zeros] = 0.0
    check(np.cumprod, lambda a: torch.cumprod(a, 0), [x])


def test_average():
    x = sample("real", (3, 4))
    check(np.average, lambda a: a.mean(), [x])
    w = np.abs(sample("real", (4,))) + 0.1
    tw = torch.tensor(w)
    check(np.average, lambda a: (a * tw).sum(1) / tw.sum(), [x], {"axis": 1, "weights": w})
    w2 = np.abs(sample("real", (3, 4))) + 0.1
    tw2 = torch.tensor(w2)
    check(np.average, lambda a: (a * tw2).sum(0) / tw2.sum(0), [x], {"axis": 0, "weights": w2})


NORMS = [  # shape, numpy kwargs, torch function
    ((5,), {}, lambda x: torch.linalg.norm(x)),
    ((2, 3, 2), {}, lambda x: torch.linalg.norm(x.reshape(-1))),
    ((5,), {"ord": 1}, lambda x: torch.linalg.vector_norm(x, 1)),
    ((5,), {"ord": 3}, lambda x: torch.linalg.vector_norm(x, 3)),
    ((5,), {"ord": 1.5}, lambda x: torch.linalg.vector_norm(x, 1.5)),
    ((5,), {"ord": np.inf}, lambda x: torch.linalg.vector_norm(x, np.inf)),
    ((5,), {"ord": -np.inf}, lambda x: torch.linalg.vector_norm(x, -np.inf)),
    ((5,), {"ord": 2}, lambda x: torch.linalg.vector_norm(x, 2)),
    ((3, 4), {"axis": 1}, lambda x: torch.linalg.vector_norm(x, dim=1)),
    ((3, 4), {"axis": 0, "keepdims": True},
     lambda x: torch.linalg.vector_norm(x, dim=0, keepdim=True)),
    ((3, 4), {"ord": 1, "axis": 1}, lambda x: torch.linalg.vector_norm(x, 1, dim=1)),
    ((3, 4), {"ord": np.inf, "axis": 0}, lambda x: torch.linalg.vector_norm(x, np.inf, dim=0)),
    ((3, 4), {}, lambda x: torch.linalg.matrix_norm(x)),
    ((3, 4), {"ord": "fro"}, lambda x: torch.linalg.matrix_norm(x, "fro")),
    ((3, 4), {"ord": 1}, lambda x: torch.linalg.matrix_norm(x, 1)),
    ((3, 4), {"ord": -1}, lambda x: torch.linalg.matrix_norm(x, -1)),
    ((3, 4), {"ord": np.inf}, lambda x: torch.linalg.matrix_norm(x, np.inf)),
    ((3, 4), {"ord": -np.inf}, lambda x: torch.linalg.matrix_norm(x, -np.inf)),
    ((2, 3, 4), {"ord": 1, "axis": (1, 2)}, lambda x: torch.linalg.matrix_norm(x, 1)),
    ((2, 3, 4), {"axis": (2, 0), "keepdims": True},
     lambda x: torch.linalg.matrix_norm(x, dim=(2, 0), keepdim=True)),
]


@pytest.mark.parametrize("shape,kw,tfn", NORMS)
def test_norm(shape, kw, tfn):
    check(np.linalg.norm, tfn, [sample("real", shape)], kw)


def test_norm_at_zero_is_zero():
    check(np.linalg.norm, torch.linalg.norm, [np.zeros(4)])
    check(np.linalg.norm, lambda x: torch.linalg.vector_norm(x, dim=1),
          [np.array([[0.0, 0.0], [3.0, 4.0]])], {"axis": 1})


def test_norm_ties_and_matrix_two_norm():
    x = np.array([1.0, -3.0, 3.0, 2.0])
    check(np.linalg.norm, lambda a: torch.linalg.vector_norm(a, np.inf), [x], {"ord": np.inf})
    m = sample("real", (3, 3))
    for ord in (2, -2, "nuc"):
        check(np.linalg.norm, lambda a, o=ord: torch.linalg.matrix_norm(a, o), [m], {"ord": ord})
