"""Regression tests for the memory model (issue 9) and the loop/write crashes of
issue 10, each against torch float64 written with torch's own view and
in-place semantics (or NumPy's own error, where NumPy refuses).

The programs are the shapes that gave wrong numbers or crashes before: a write
of an array into itself, a buffer made fresh in every turn of a loop, a range
whose bound the body rebinds, writes through ``k[i][j]`` and ``k.T[j]``, an
argument rebound to a copy and then written, in-place calls (``fill``,
``copyto``, ``out=``), ``op=`` on names that share an array, and calls that
may change an array the derivative has already read.
"""

from __future__ import annotations

import random

import numpy as np
import pytest
import torch

import pullback as pb

D = torch.float64
X6 = np.array([0.5, -1.25, 2.0, 0.75, -0.5, 1.5])


def torch_grad(tf, x):
    t = torch.tensor(x, dtype=D, requires_grad=True)
    out = tf(t)
    (g,) = torch.autograd.grad(out, t)
    return g.numpy()


def torch_jvp(tf, x, v):
    return float(torch_grad(tf, x) @ v)


def check(f, tf, x=X6):
    np.testing.assert_allclose(pb.grad(f)(x.copy()), torch_grad(tf, x), rtol=1e-10, atol=1e-12)
    v = np.linspace(-1.0, 1.0, x.size)
    _, t = pb.jvp(f, (x.copy(),), (v,))
    np.testing.assert_allclose(t, torch_jvp(tf, x, v), rtol=1e-10, atol=1e-12)


# -- writing an array into itself ---------------------------------------------------
def self_reverse(x):
    k = x * 1.0
    k[::-1] = k
    return (k * np.arange(1.0, 7.0)).sum()


def t_self_reverse(x):
    k = x * 1.0
    k = k.flip(0).clone()
    return (k * torch.arange(1.0, 7.0, dtype=D)).sum()


def self_perm(x):
    k = x * 2.0
    k[np.array([2, 0, 5, 1, 4, 3])] = k
    return (k * k * np.arange(1.0, 7.0)).sum()


def t_self_perm(x):
    k = x * 2.0
    new = torch.zeros(6, dtype=D).index_put((torch.tensor([2, 0, 5, 1, 4, 3]),), k)
    return (new * new * torch.arange(1.0, 7.0, dtype=D)).sum()


def self_shift(x):
    k = x * 1.0
    k[1:] = k[:-1]
    return (k * np.arange(1.0, 7.0)).sum()


def t_self_shift(x):
    k = x * 1.0
    k = torch.cat([k[:1], k[:-1]])
    return (k * torch.arange(1.0, 7.0, dtype=D)).sum()


@pytest.mark.parametrize("f, tf", [(self_reverse, t_self_reverse), (self_perm, t_self_perm),
                                   (self_shift, t_self_shift)])
def test_write_of_an_array_into_itself(f, tf):
    check(f, tf)


# -- a buffer made fresh in each turn of a loop ---------------------------------------
def fresh_each_turn(x):
    s = 0.0
    for i in range(3):
        k = np.zeros(3)
        k[i] = x[i]
        s = s + (k * x[3:]).sum() * (i + 1.0)
    return s


def t_fresh_each_turn(x):
    s = 0.0
    for i in range(3):
        k = torch.zeros(3, dtype=D)
        k[i] = x[i]
        s = s + (k * x[3:]).sum() * (i + 1.0)
    return s


def fresh_each_while_turn(x):
    s = 0.0
    i = 0
    while i < 3:
        k = np.zeros(3)
        k[i] = x[i] ** 2
        s = s + (k * x[3:]).sum()
        i = i + 1
    return s


def t_fresh_each_while_turn(x):
    s = 0.0
    for i in range(3):
        k = torch.zeros(3, dtype=D)
        k[i] = x[i] ** 2
        s = s + (k * x[3:]).sum()
    return s


@pytest.mark.parametrize("f, tf", [(fresh_each_turn, t_fresh_each_turn),
                                   (fresh_each_while_turn, t_fresh_each_while_turn)])
def test_fresh_buffer_in_a_loop(f, tf):
    check(f, tf)


def test_fresh_buffer_in_a_loop_hessian():
    x = torch.tensor(X6, dtype=D)
    H = torch.autograd.functional.hessian(t_fresh_each_turn, x).numpy()
    np.testing.assert_allclose(pb.hessian(fresh_each_turn)(X6), H, rtol=1e-10, atol=1e-12)


# -- a range whose bound the body rebinds -------------------------------------------
def range_rebound(x):
    n = 4
    s = 0.0
    for i in range(n):
        s = s + x[i] * x[i + 1]
        n = 1
    return s


def t_range_rebound(x):
    return sum(x[i] * x[i + 1] for i in range(4))


def range_step_rebound(x):
    step = 2
    s = 1.0
    for i in range(0, 6, step):
        s = s * np.sin(x[i] + s)
        step = 5
    return s


def t_range_step_rebound(x):
    s = 1.0
    for i in range(0, 6, 2):
        s = s * torch.sin(x[i] + s)
    return s


@pytest.mark.parametrize("f, tf", [(range_rebound, t_range_rebound),
                                   (range_step_rebound, t_range_step_rebound)])
def test_range_is_kept_for_the_adjoint(f, tf):
    check(f, tf)


# -- writes through k[i][j] and k.T[j] --------------------------------------------------
def chained_writes(x):
    k = np.ones((2, 3))
    k[1][2] = x[0] * 3.0
    k.T[0] = x[1]
    for i in range(2):
        k[i][0:2] = k[i][0:2] * x[2 + i]
    return (k * k).sum()


def t_chained_writes(x):
    k = torch.ones((2, 3), dtype=D)
    k[1][2] = x[0] * 3.0
    k.T[0] = x[1]
    for i in range(2):
        k[i][0:2] = k[i][0:2].clone() * x[2 + i]
    return (k * k).sum()


def test_writes_through_an_int_index_or_transpose():
    check(chained_writes, t_chained_writes)


def chained_slice_write(x):
    k = np.zeros((3, 3))
    k[1:][0] = x[:3]
    return (k * x[0]).sum()


def t_chained_slice_write(x):
    k = torch.zeros((3, 3), dtype=D)
    k[1:][0] = x[:3]
    return (k * x[0]).sum()


def test_other_chained_writes_write_into_the_base():
    check(chained_slice_write, t_chained_slice_write)


# -- an argument rebound to a copy, then written ----------------------------------------
def write_after_copy(x):
    x = x.copy()
    x[0] = x[1] * x[2]
    return (x * x).sum()


def write_after_np_copy(x):
    x = np.copy(x)
    x[1:3] = 2.0 * x[0]
    return (x * x).sum()


def t_write_after_copy(x):
    x = x.clone()
    x[0] = x[1].clone() * x[2].clone()
    return (x * x).sum()


def t_write_after_np_copy(x):
    x = x.clone()
    x[1:3] = 2.0 * x[0]
    return (x * x).sum()


@pytest.mark.parametrize("f, tf", [(write_after_copy, t_write_after_copy),
                                   (write_after_np_copy, t_write_after_np_copy)])
def test_write_into_an_argument_after_copying_it(f, tf):
    check(f, tf)


def write_after_conditional_copy(x):
    if x[0] > 0:
        x = x.copy()
    x[0] = 1.0
    return (x * x).sum()


def test_a_copy_that_may_not_happen_does_not_count():
    with pytest.raises(pb.UnsupportedError, match="copy it first"):
        pb.grad(write_after_conditional_copy)(X6)


# -- in-place calls ----------------------------------------------------------------
def inplace_calls(x):
    c = np.zeros(3)
    y = (c + 1.0) * x[:3]
    c.fill(3.0)
    d = np.ones(3)
    z = d * x[3:]
    np.multiply(x[:3], 2.0, out=d)
    e = np.ones(3)
    np.copyto(e, x[3:] * x[3:])
    return (y * c).sum() + (z * d).sum() + e.sum()


def t_inplace_calls(x):
    c = torch.zeros(3, dtype=D)
    y = (c + 1.0) * x[:3]
    c = torch.full((3,), 3.0, dtype=D)
    d = torch.ones(3, dtype=D)
    z = d * x[3:]
    d = x[:3] * 2.0
    e = x[3:] * x[3:]
    return (y * c).sum() + (z * d).sum() + e.sum()


def test_fill_out_and_copyto_are_writes():
    check(inplace_calls, t_inplace_calls)


# -- op= on names that share an array ---------------------------------------------------
def rebind_float(x):
    s = x[0] * 2.0
    t = s
    t += x[1]
    return s * t


def t_rebind_float(x):
    s = x[0] * 2.0
    t = s + x[1]
    return s * t


def test_op_assign_on_a_shared_float_is_a_rebinding():
    check(rebind_float, t_rebind_float)


def alias_iadd(x):
    k = x * 1.0
    v = k
    v += 1.0
    return (k * x).sum()


def view_iadd(x):
    k = x.reshape(2, 3) * 1.0
    r = k[0]
    r += 1.0
    return (k * k).sum()


def t_alias_iadd(x):
    k = x * 1.0
    v = k
    v += 1.0
    return (k * x).sum()


def t_view_iadd(x):
    k = x.reshape(2, 3) * 1.0
    r = k[0]
    r += 1.0
    return (k * k).sum()


@pytest.mark.parametrize("f, tf", [(alias_iadd, t_alias_iadd), (view_iadd, t_view_iadd)])
def test_op_assign_on_a_shared_array_updates_it_in_place(f, tf):
    """Known to be an array (the argument's dimensions are known when building),
    ``v += 1.0`` is NumPy's in-place update, which ``k`` sees."""
    check(f, tf)


def test_op_assign_on_a_numpy_scalar_rebinds_it():
    """A 0-d argument makes ``k`` a NumPy scalar: ``v += 1.0`` rebinds ``v`` and ``k``
    keeps its value, as in NumPy (torch's 0-d tensor would change in place). The
    derivative of x * x, against central differences."""
    x, h = 0.5, 1e-6
    fd = (alias_iadd(np.array(x + h)) - alias_iadd(np.array(x - h))) / (2 * h)
    np.testing.assert_allclose(pb.grad(alias_iadd)(np.array(x)), fd, rtol=1e-8)


def int_iadd(x):
    k = np.arange(6)
    k += 0.5
    return (k * x).sum()


def int_copyto(x):
    k = np.arange(6)
    np.copyto(k, x)
    return (k * x).sum()


@pytest.mark.parametrize("f", [int_iadd, int_copyto])
def test_numpy_casting_errors_are_numpys(f):
    with pytest.raises(TypeError) as want:
        f(X6.copy())
    with pytest.raises(type(want.value)):
        pb.grad(f)(X6)


# -- calls that may change an array the derivative already read --------------------------
def shuffles_after_use(x):
    k = np.arange(6.0)
    y = (k * x).sum()
    random.shuffle(k)
    return y


def shuffles_before_use(x):
    k = np.arange(6.0)
    random.Random(0).shuffle(k)
    return (k * x).sum()


def test_opaque_call_after_use_is_refused():
    with pytest.raises(pb.UnsupportedError, match="changes it in place"):
        pb.grad(shuffles_after_use)(X6)


def test_opaque_call_before_use_is_fine():
    k = np.arange(6.0)
    random.Random(0).shuffle(k)
    np.testing.assert_allclose(pb.grad(shuffles_before_use)(X6), k, rtol=1e-12)


# -- views read after a write are refused, at the binding ---------------------------------
def view_read_after_write(x):
    k = np.zeros((2, 3))
    v = k[0][1:]
    k[0, 1] = x[0]
    return v.sum() + 0 * x[1]


def view_in_lambda(x):
    k = np.zeros(3)
    v = k[1:]
    q = lambda: (v * v).sum()  # noqa: E731
    k[1] = x[0]
    return q()


def view_before_loop(x):
    k = np.zeros(3)
    v = k[:2]
    s = 0.0
    for i in range(3):
        s = s + v.sum() * x[i]
        k[i] = x[i]
    return s


def split_parts(x):
    k = x * 1.0
    a, b = np.split(k, 2)
    k[0] = 5.0 * x[1]
    return (a * b).sum()


def t_view_read_after_write(x):
    k = torch.zeros((2, 3), dtype=D)
    v = k[0][1:]
    k[0, 1] = x[0]
    return v.sum() + 0 * x[1]


def t_view_before_loop(x):
    k = torch.zeros(3, dtype=D)
    v = k[:2]
    s = 0.0
    for i in range(3):
        s = s + v.sum() * x[i]
        k[i] = x[i]
    return s


@pytest.mark.parametrize("f, tf", [(view_read_after_write, t_view_read_after_write),
                                   (view_before_loop, t_view_before_loop)])
def test_views_of_a_written_array_follow_the_writes(f, tf):
    check(f, tf)


def t_split_parts(x):
    k = x * 1.0
    a, b = k[:3], k[3:]
    k[0] = 5.0 * x[1]
    return (a * b).sum()


def test_split_pieces_see_a_later_write():
    check(split_parts, t_split_parts)


@pytest.mark.parametrize("f", [view_in_lambda])
def test_views_of_a_written_array_are_refused(f):
    with pytest.raises(pb.UnsupportedError, match="shares memory with"):
        pb.grad(f)(X6)


def rebound_before_write(x):
    k = x[:3] * 1.0
    v = k
    k = np.zeros(3)
    k[0] = x[0]
    return (v * x[:3]).sum() + (k * x[3:]).sum()


def t_rebound_before_write(x):
    k = x[:3] * 1.0
    v = k
    k = torch.zeros(3, dtype=D)
    k[0] = x[0]
    return (v * x[:3]).sum() + (k * x[3:]).sum()


def chain_of_buffers(x):
    prev = x[:3] * 1.0
    for i in range(3):
        cur = np.zeros(3)
        cur[:] = prev * x[3 + i]
        prev = cur
    return (prev * prev).sum()


def t_chain_of_buffers(x):
    prev = x[:3] * 1.0
    for i in range(3):
        cur = torch.zeros(3, dtype=D)
        cur[:] = prev * x[3 + i]
        prev = cur
    return (prev * prev).sum()


@pytest.mark.parametrize("f, tf", [(rebound_before_write, t_rebound_before_write),
                                   (chain_of_buffers, t_chain_of_buffers)])
def test_an_alias_of_an_older_array_is_not_refused(f, tf):
    check(f, tf)


# -- back() after the caller changed an input in place -----------------------------------
def layer(x, W):
    return np.tanh(W @ x) * 2.0


def test_vjp_back_sees_the_values_of_the_call():
    rng = np.random.default_rng(3)
    x, W = rng.standard_normal(3), rng.standard_normal((3, 3))
    tx = torch.tensor(x, requires_grad=True)
    tW = torch.tensor(W, requires_grad=True)
    u = np.array([1.0, -2.0, 0.5])
    (torch.tanh(tW @ tx) * 2.0).backward(torch.tensor(u))
    out, back = pb.vjp(layer, x, W)
    x[:] = 3.0
    W[:] = 9.0
    gx, gW = back(u)
    np.testing.assert_allclose(gx, tx.grad.numpy(), rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(gW, tW.grad.numpy(), rtol=1e-10, atol=1e-14)


def test_vjp_of_a_gradient_back_sees_the_values_of_the_call():
    def f(x):
        return np.sum(np.sin(x) * x)
    x = np.array([0.5, 1.0, 2.0])
    t = torch.tensor(x.copy(), requires_grad=True)
    (g,) = torch.autograd.grad(torch.sum(torch.sin(t) * t), t, create_graph=True)
    u = torch.tensor([1.0, 0.5, -1.0], dtype=D)
    (hu,) = torch.autograd.grad(g, t, u)
    _, back = pb.vjp(pb.grad(f), x)
    x[:] = 7.0
    np.testing.assert_allclose(back(u.numpy())[0], hu.numpy(), rtol=1e-10)
