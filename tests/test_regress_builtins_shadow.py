"""Generated code names builtins (len, range, reversed, min, list, slice, ...):
they must be Python's even in a module that defines its own, while the names
the user wrote keep the user's meaning. References: central finite
differences of the plain function."""
import numpy as np
import pytest

import pullback as pb
from regress_modules import shadow_all, shadow_range, star_numpy

X1 = np.array([0.3, -0.8, 1.1])
X2 = np.array([[0.3, -0.8], [1.1, 0.4], [-0.5, 0.9]])


def fd_grad(f, x, eps=1e-6):
    g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[i] = eps
        g[i] = (f(x + e) - f(x - e)) / (2 * eps)
    return g


def fd_hessian(f, x, eps=1e-4):
    n = x.size
    H = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            def at(di, dj):
                z = x.copy()
                z[i] += di
                z[j] += dj
                return f(z)
            H[i, j] = (at(eps, eps) - at(eps, -eps) - at(-eps, eps) + at(-eps, -eps)) / (4 * eps ** 2)
    return H


CASES = [(shadow_all.f_for, X1), (shadow_all.f_while, X1), (shadow_all.f_rows, X2),
         (shadow_all.f_append, X1), (shadow_all.f_slices, X1),
         (shadow_range.f_for, X1), (shadow_range.f_len_and_rows, X1),
         (star_numpy.f_for, X1), (star_numpy.f_zip, X1), (star_numpy.f_sum, X1)]

IDS = [f"{f.__module__.split('.')[-1]}.{f.__name__}" for f, _ in CASES]


@pytest.mark.parametrize("f,x", CASES, ids=IDS)
def test_gradient_in_module_shadowing_builtins(f, x):
    np.testing.assert_allclose(pb.grad(f)(x), fd_grad(f, x), rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("f,x", CASES, ids=IDS)
def test_jvp_in_module_shadowing_builtins(f, x):
    v = np.linspace(-1.0, 1.0, x.size).reshape(x.shape)
    _, t = pb.jvp(f, (x,), (v,))
    np.testing.assert_allclose(t, np.sum(fd_grad(f, x) * v), rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("f", [shadow_all.f_for, shadow_range.f_len_and_rows, star_numpy.f_for])
def test_hessian_in_module_shadowing_builtins(f):
    np.testing.assert_allclose(pb.hessian(f)(X1), fd_hessian(f, X1), rtol=1e-4, atol=1e-6)


def test_user_range_keeps_its_meaning():
    # the module's range runs backwards: the value (and so the derivative) differs
    # from a loop over Python's range
    assert shadow_range.f_for(X1) != pytest.approx(star_numpy.f_for(X1))
    np.testing.assert_allclose(pb.grad(shadow_range.f_for)(X1), fd_grad(shadow_range.f_for, X1),
                               rtol=1e-6, atol=1e-8)


def test_generated_names_do_not_collide_with_user_locals():
    def f(x):
        len = 3.0
        list = 2.0
        s = 0.0
        for r in x:
            s = np.sin(s + r * len) * list
        return s
    np.testing.assert_allclose(pb.grad(f)(X1), fd_grad(f, X1), rtol=1e-6, atol=1e-8)


def test_plain_module_source_unchanged_names():
    def f(x):
        s = 0.0
        for r in x:
            s = s + np.sin(r)
        return s
    src = pb.grad(f).source
    assert "reversed(range(" in src and "len(" in src  # no aliases where none is needed
    assert "range_" not in src and "len_" not in src
