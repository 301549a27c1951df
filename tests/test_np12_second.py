"""Second derivatives (pb.hessian: reverse over forward) of issue 12's NumPy
rules against torch float64 Hessians, and the refusals of their constant-only
arguments."""

import numpy as np
import pytest
import torch
from torch.autograd.functional import hessian as th_hessian

import pullback as pb

W = np.random.default_rng(7).standard_normal(64)


def f_sort(x):
    return np.sum(np.sort(x, axis=1) ** 3 * W[:12].reshape(3, 4))


def t_sort(x):
    return (torch.sort(x, dim=1, stable=True).values ** 3 * torch.tensor(W[:12]).reshape(3, 4)).sum()


def f_median(x):
    return np.sum(np.median(x, axis=0) ** 2) + np.quantile(x, 0.3) ** 3


def t_median(x):
    return (torch.quantile(x, 0.5, dim=0) ** 2).sum() + torch.quantile(x, 0.3) ** 3


def f_diff(x):
    return np.sum(np.diff(x, n=2, axis=1) ** 3) + np.sum(np.ediff1d(x, to_begin=1.0) ** 2)


def t_diff(x):
    return (torch.diff(x, n=2, dim=1) ** 3).sum() + (torch.diff(x.reshape(-1)) ** 2).sum() + \
        (1.0 - 0 * x[0, 0]) ** 2


def f_products(x):
    return np.sum(np.cross(x[:3], x[1:4] ** 2)) + np.sum(np.kron(x[:2, :2], x[1:, 2:]) ** 2)


def t_products(x):
    return torch.linalg.cross(x[:3], x[1:4] ** 2).sum() + (torch.kron(x[:2, :2], x[1:, 2:]) ** 2).sum()


def f_poly(x):
    return np.sum(np.polyval(x[0], x[1:]) ** 2) + np.trapezoid(x ** 3, dx=0.5)[1]


def t_poly(x):
    p = sum(x[0][k] * x[1:] ** (3 - k) for k in range(4))
    return (p ** 2).sum() + torch.trapezoid(x ** 3, dx=0.5)[1]


def f_copy(x):
    y = np.insert(np.rot90(x), 1, x[0], axis=1)
    return np.sum(np.column_stack([x[:, 0], x]) ** 3) + np.sum(y ** 3 * W[:20].reshape(4, 5))


def t_copy(x):
    r = torch.rot90(x)
    y = torch.cat([r[:, :1], x[0].reshape(4, 1), r[:, 1:]], 1)
    return (torch.column_stack([x[:, 0], x]) ** 3).sum() + \
        (y ** 3 * torch.tensor(W[:20]).reshape(4, 5)).sum()


def f_nan(x):
    y = np.where(x > 1.5, np.nan, x)
    return np.nanvar(y, axis=1)[0] + np.nanprod(y) + np.nanmean(y ** 2) + np.nanstd(y)


def t_nan(x):
    m = x > 1.5
    y = torch.where(m, torch.nan, x)
    keep = ~m
    row = x[0][keep[0]]
    return row.var(correction=0) + torch.where(m, 1.0, x).prod() + torch.nanmean(y ** 2) + \
        x[keep].std(correction=0)


CASES = [(f_sort, t_sort, (3, 4)), (f_median, t_median, (4, 3)), (f_diff, t_diff, (3, 5)),
         (f_products, t_products, (4, 3)), (f_poly, t_poly, (4, 4)), (f_copy, t_copy, (4, 4)),
         (f_nan, t_nan, (3, 4))]


@pytest.mark.parametrize("f,t,shape", CASES, ids=[c[0].__name__ for c in CASES])
def test_hessian_matches_torch(f, t, shape):
    x = np.random.default_rng(len(f.__name__)).uniform(-2.0, 2.0, shape)
    ref = th_hessian(t, torch.tensor(x)).numpy()
    np.testing.assert_allclose(pb.hessian(f)(x), ref, rtol=1e-9, atol=1e-10)


def test_differentiated_prepend_is_refused():
    def f(x):
        return np.sum(np.diff(x, prepend=x[:1]) ** 2)
    with pytest.raises(pb.UnsupportedError):
        pb.grad(f)(np.arange(4.0))


def test_quantile_level_is_not_differentiated():
    def f(q, x):
        return np.quantile(x, q)
    with pytest.raises(pb.UnsupportedError):
        pb.grad(f)(0.3, np.arange(4.0))
