"""Regressions (issue 10): integer/bool values carry no derivative; np.r_ / np.c_,
np.linspace endpoints, einsum's sublist form, np.split parts of different shapes.
References: torch float64, HIPS autograd, central finite differences."""
import numpy as np
import pytest
import torch

import pullback as pb

X = np.array([0.5, -1.7, 2.3])
Y = np.array([1.5, 0.25, -0.75])


def T(a):
    return torch.tensor(np.asarray(a, dtype=float), dtype=torch.float64, requires_grad=True)


def torch_grad(tf, *arrays, wrt=0):
    ts = [T(a) for a in arrays]
    idx = (wrt,) if isinstance(wrt, int) else tuple(wrt)
    gs = torch.autograd.grad(tf(*ts), [ts[i] for i in idx], allow_unused=True)
    gs = [np.zeros(np.shape(arrays[i])) if g is None else g.numpy() for i, g in zip(idx, gs)]
    return gs[0] if isinstance(wrt, int) else tuple(gs)


def fd_grad(f, x, eps=1e-6):
    x = np.asarray(x, dtype=float)
    g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        xp, xm = x.copy(), x.copy()
        xp[i] += eps
        xm[i] -= eps
        g[i] = (f(xp) - f(xm)) / (2 * eps)
    return g


def fd_jac(f, x, eps=1e-6):
    """J[i, j] = d f_i / d x_j for a vector-valued f."""
    cols = []
    for j in range(np.size(x)):
        e = np.zeros(np.size(x))
        e[j] = eps
        cols.append((f(x + e) - f(x - e)) / (2 * eps))
    return np.stack(cols, axis=-1)


def check(f, tf, *args, wrt=0):
    """grad and jvp of f against torch."""
    ref = torch_grad(tf, *args, wrt=wrt)
    got = pb.grad(f, wrt=wrt)(*args)
    refs = (ref,) if isinstance(wrt, int) else ref
    gots = (got,) if isinstance(wrt, int) else got
    for g, r in zip(gots, refs):
        np.testing.assert_allclose(g, r, rtol=1e-10, atol=1e-12)
    idx = (wrt,) if isinstance(wrt, int) else wrt
    tangents = [np.linspace(0.5, -1.0, np.size(a)).reshape(np.shape(a)) if i in idx else None
                for i, a in enumerate(args)]
    _, t = pb.jvp(f, args, tangents)
    want = sum(np.sum(r * tangents[i]) for i, r in zip(idx, refs))
    np.testing.assert_allclose(t, want, rtol=1e-10, atol=1e-12)


# ---- non-float paths ------------------------------------------------------------
def astype_int(x):
    return (x.astype(int) * 2.0).sum() + (x.astype(np.int32) * x).sum()


def astype_bool(x):
    return (x.astype(bool) * x).sum() + ((x > 0).astype(bool) * x ** 2).sum()


def array_dtype_int(x):
    return (np.array(x, dtype=int) * x).sum() + (np.asarray(x, int) * x).sum()


def int_buffer(x):
    k = np.zeros(3, dtype=int)
    k[0] = x[0]
    k[2] = x[2] * 2.0
    for i in range(3):
        k[i] = k[i] + x[i] * 3.0
    return (k * x).sum() + k.sum()


def int_buffer_of_unknown_dtype(x, k0):
    k = k0.copy()
    k[0] = x[0] * 3.0
    return (k * x).sum()


def t_int_buffer(t):
    k = torch.zeros(3, dtype=torch.int64)
    k[0] = int(t[0])
    k[2] = int(t[2] * 2.0)
    for i in range(3):
        k[i] = int(k[i] + t[i] * 3.0)
    return (k * t).sum() + k.sum()


def cast_to_runtime_dtype(x, dt):
    return (x.astype(dt) * x).sum()


@pytest.mark.parametrize("f, tf", [
    (astype_int, lambda t: (t.long() * 2.0).sum() + (t.int() * t).sum()),
    (astype_bool, lambda t: (t.bool() * t).sum() + ((t > 0) * t ** 2).sum()),
    (array_dtype_int, lambda t: 2 * (t.long() * t).sum()),
    (int_buffer, t_int_buffer),
])
def test_integer_values_carry_no_derivative(f, tf):
    for x in (X, np.array([0.0, 1.5, -2.0])):
        check(f, tf, x)
        assert not np.any(np.isnan(pb.grad(f)(x)))


def test_statically_int_values_generate_no_derivative_code():
    src = pb.grad(astype_int).source
    assert "is_float_dtype" not in src and "astype(int)" in src


@pytest.mark.parametrize("k0", [np.array([1, 2, 3]), np.array([1.0, 2.0, 3.0]),
                                np.array([True, False, True])])
def test_write_into_array_of_unknown_dtype(k0):
    # the dtype of k is only known at run time: an int/bool k truncates x[0] * 3
    def f(z):
        return int_buffer_of_unknown_dtype(z, k0)
    ref = fd_grad(f, X)
    np.testing.assert_allclose(pb.grad(int_buffer_of_unknown_dtype)(X, k0), ref, rtol=1e-7)
    _, t = pb.jvp(int_buffer_of_unknown_dtype, (X, k0), (Y, None))
    np.testing.assert_allclose(t, ref @ Y, rtol=1e-7)
    H = pb.hessian(int_buffer_of_unknown_dtype)(X, k0)
    np.testing.assert_allclose(H, fd_jac(lambda z: pb.grad(int_buffer_of_unknown_dtype)(z, k0), X), atol=1e-6)


@pytest.mark.parametrize("dt", [int, float, np.int64, "f8", bool])
def test_cast_to_a_dtype_known_only_at_run_time(dt):
    ref = fd_grad(lambda z: cast_to_runtime_dtype(z, dt), X + 0.01)
    np.testing.assert_allclose(pb.grad(cast_to_runtime_dtype)(X + 0.01, dt), ref, atol=1e-6)


# ---- np.r_ / np.c_ ----------------------------------------------------------------
def r_items(x, y):
    z = np.r_[x, y[:2], 0.5, 0:2, 1:2:3j]
    return (z * z * np.arange(1.0, 12.0)).sum()


def t_r_items(x, y):
    z = torch.cat([x, y[:2], torch.tensor([0.5, 0.0, 1.0, 1.0, 1.5, 2.0], dtype=torch.float64)])
    return (z * z * torch.arange(1.0, 12.0, dtype=torch.float64)).sum()


def c_items(x, y):
    z = np.c_[x, y * x, np.ones((3, 2))]
    return (z ** 2 * np.arange(12.0).reshape(3, 4)).sum()


def t_c_items(x, y):
    z = torch.cat([x[:, None], (y * x)[:, None], torch.ones(3, 2, dtype=torch.float64)], dim=1)
    return (z ** 2 * torch.arange(12.0, dtype=torch.float64).reshape(3, 4)).sum()


def test_r_and_c_builders():
    check(r_items, t_r_items, X, Y, wrt=(0, 1))
    check(c_items, t_c_items, X, Y, wrt=(0, 1))


def r_directive(x):
    return (np.r_["0,2", x, x] ** 2).sum()


def test_r_string_directive_is_refused():
    with pytest.raises(pb.UnsupportedError, match="np.r_"):
        pb.grad(r_directive)(X)


# ---- np.linspace with differentiated endpoints --------------------------------------
def linspace_ends(a, b):
    return (np.linspace(a, b, 5) ** 2).sum() + np.sin(np.linspace(a, b, 4, endpoint=False)).sum()


def linspace_arrays(x):
    y, step = np.linspace(x[0], x[1:], 4, retstep=True, axis=1)
    return (y ** 3).sum() + (step ** 2).sum()


def test_linspace_endpoints():
    import autograd
    import autograd.numpy as anp

    def a_lin(a, b):
        return (anp.linspace(a, b, 5) ** 2).sum()
    got = pb.grad(linspace_ends, wrt=(0, 1))(0.3, 1.7)
    ts = np.arange(4) / 4  # endpoint=False
    ys = 0.3 + (1.7 - 0.3) * ts
    np.testing.assert_allclose(got, [autograd.grad(a_lin, 0)(0.3, 1.7) + (np.cos(ys) * (1 - ts)).sum(),
                                     autograd.grad(a_lin, 1)(0.3, 1.7) + (np.cos(ys) * ts).sum()],
                               rtol=1e-12)
    x = np.array([0.2, 1.0, -0.5])
    np.testing.assert_allclose(pb.grad(linspace_arrays)(x), fd_grad(linspace_arrays, x), rtol=1e-7)
    _, t = pb.jvp(linspace_arrays, (x,), (Y,))
    np.testing.assert_allclose(t, fd_grad(linspace_arrays, x) @ Y, rtol=1e-7)
    np.testing.assert_allclose(pb.hessian(linspace_arrays)(x),
                               fd_jac(lambda z: pb.grad(linspace_arrays)(z), x), atol=1e-6)


# ---- einsum sublists; split parts ----------------------------------------------------
A = np.arange(6.0).reshape(2, 3) / 5 - 0.3
B = np.arange(12.0).reshape(3, 4) / 7 + 0.1


def einsum_sub(x, y):
    return (np.einsum(x, [0, 1], y, [1, 2], [0, 2]) ** 2).sum() + np.einsum(x, [0, 1], x, [0, 1])


def test_einsum_sublist_form():
    check(einsum_sub, lambda x, y: (torch.einsum("ij,jk->ik", x, y) ** 2).sum() +
          torch.einsum("ij,ij->", x, x), A, B, wrt=(0, 1))


def split_parts(x):
    out = np.array_split(x, 3)
    a, b, c = np.split(x[:6], [1, 4])
    s = 0.0
    for p in out:
        s = s + np.sum(p ** 3)
    return (out[2] * out[1][:2]).sum() + s + np.sum(np.concatenate(out) * c[0]) + (a * b[2]).sum()


def t_split_parts(t):
    out = [t[:3], t[3:5], t[5:]]
    a, b, c = t[:1], t[1:4], t[4:6]
    s = sum(torch.sum(p ** 3) for p in out)
    return (out[2] * out[1][:2]).sum() + s + torch.sum(t * c[0]) + (a * b[2]).sum()


def test_split_parts_of_different_shapes():
    check(split_parts, t_split_parts, np.linspace(-1.0, 1.2, 7))
