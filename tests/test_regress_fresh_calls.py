"""Results of the user's own functions followed as new arrays (issue 9).

``b = helper(a, x, n)`` where ``helper`` may return ``a`` itself (``out = v``
and a loop that may run zero times) used to be refused whenever ``a`` or ``b``
was written later. Now the callee is proven to return only new arrays or its
arguments' memory, and the generated code checks at run time that this call did
not return an argument's memory (``PullbackError`` otherwise, with advice that
works). A callee that may return other memory (a global) is still refused.

Each program against torch float64 (``torch._numpy``, torch's own view and
in-place semantics) and central differences, in reverse, forward and second order.
"""

from __future__ import annotations

import numpy as np
import pytest

import harness
import pullback as pb

X = np.array([0.3, -0.2, 0.45])
G = np.array([1.0, 2.0, 3.0])


def steps(v, w, n):
    out = v
    for _ in range(n):
        out = np.tanh(out * w)
    return out


def shifted(v, w):
    return v[1:] + w[:2] * 0.0 if np.sum(w) > 10.0 else v[1:]


def global_buffer(v):
    return G if np.sum(v) > -100.0 else v


def pair(v, w):
    return w * 2.0, v


def write_arg_after(x, n):
    a = x * 0.5
    b = steps(a, x, n)
    a[0] = np.sum(b) * 0.3
    return np.sum(a * b)


def write_result_after(x, n):
    a = np.sin(x)
    b = steps(a, x, n)
    b[1] = a[0] * x[2]
    return np.sum(a * b) + np.sum(b)


def copied_result(x, n):
    a = x * 0.5
    b = steps(a, x, n).copy()  # the advice of the run-time error
    a[0] = np.sum(b) * 0.3
    return np.sum(a * b)


def view_result(x):
    a = x * 1.5
    b = shifted(a, x)
    a[1] = x[0] ** 2
    return np.sum(b)


def global_result(x):
    a = x * 1.5
    b = global_buffer(a)
    b[0] = x[1]
    return np.sum(b * x)


def tuple_result(x):
    a = np.cos(x)
    p, q = pair(a, x)
    a[2] = x[0] * 3.0
    return np.sum(p * q)


def in_loop(x, n):
    acc = np.zeros(3)
    for i in range(3):
        b = steps(x * (i + 1.0), x, n)
        b[i] = x[i] ** 2
        acc = acc + b
    return np.sum(acc ** 2)


@pytest.mark.parametrize("f", [write_arg_after, write_result_after, copied_result, in_loop])
def test_new_result_matches_torch(f):
    harness.check_grad(f, (X, 2), wrt=0, references=("torch", "fd"), require=("torch",),
                       rtol=1e-9)
    harness.check_jvp(lambda x: f(x, 2), (X,), references=("fd",))


@pytest.mark.parametrize("f", [write_arg_after, write_result_after])
def test_second_order_matches_torch(f):
    harness.check_hessian(lambda x: f(x, 2), (X,), references=("torch",), require=("torch",),
                          rtol=1e-8)


def test_a_returned_new_argument_is_new():
    # steps(x * (i + 1.0), x, 0) returns its argument, which is a new array: no error
    harness.check_grad(in_loop, (X, 0), wrt=0, references=("torch", "fd"), require=("torch",),
                       rtol=1e-9)


@pytest.mark.parametrize("f", [write_arg_after, write_result_after])
def test_returned_argument_raises_at_the_line(f):
    with pytest.raises(pb.PullbackError, match=r"returned an argument's array.*\.copy\(\)"):
        pb.grad(f)(X, 0)
    with pytest.raises(pb.PullbackError, match=r"returned an argument's array"):
        pb.jvp(lambda x: f(x, 0), (X,), (G,))


def test_the_advice_works():
    harness.check_grad(copied_result, (X, 0), wrt=0, references=("torch", "fd"),
                       require=("torch",), rtol=1e-9)


def test_returned_view_raises():
    with pytest.raises(pb.PullbackError, match=r"returned an argument's array"):
        pb.grad(view_result)(X)


def test_a_callee_that_may_return_a_global_is_still_refused():
    with pytest.raises(pb.UnsupportedError):
        pb.grad(global_result)(X)
    np.testing.assert_array_equal(G, [1.0, 2.0, 3.0])


def test_tuple_result_is_refused_or_right():
    # `p, q = pair(a, x)`: q is a itself; a later write into a changes q in NumPy
    try:
        g = pb.grad(tuple_result)(X)
    except (pb.UnsupportedError, pb.PullbackError):
        return
    harness.check_grad(tuple_result, (X,), references=("torch", "fd"), require=("torch",),
                       grad_fn=lambda x: g)


def flat_view_then_snapshot(x):
    m = np.zeros((2, 3))
    m[0] *= 0.56
    c = m.ravel()[0::2]  # a view here; read by the adjoint (a snapshot copy is taken)
    k = np.zeros(3)
    np.multiply(m.T[:, 1], -0.72, out=k)
    return np.sum(c * x[:2].sum()) + np.sum(k * x) + np.sum(np.sin(x))


def rebound_the_same(x):
    c = x * 2.0
    a = c
    s = 0.0
    for i in range(2):
        if np.sum(x) > -5.0:
            a = c  # the same expression again: a is still a view of c
        c[i] = x[i] * 3.0
        s = s + np.sum(a * x)
    return s


@pytest.mark.parametrize("f", [flat_view_then_snapshot, rebound_the_same])
def test_views_match_torch(f):
    harness.check_grad(f, (X,), references=("torch", "fd"), require=("torch",), rtol=1e-9)
    harness.check_jvp(f, (X,), references=("torch", "fd"))


class Holder:
    """Not an array: its ``.T`` is whatever it says (here a global array)."""

    @property
    def T(self):
        return G


def transposed(o, n):
    r = o.T
    for _ in range(n):
        r = r * 1.0
    return r


def opaque_argument(x):
    b = transposed(HOLDER, 0)
    b[0] = x[0]  # NumPy: writes into G
    return np.sum(b * x)


HOLDER = Holder()


def test_an_opaque_argument_is_not_trusted():
    # transposed(o) may return o's memory, and o is not an array: NumPy cannot tell
    with pytest.raises(pb.PullbackError, match="cannot check"):
        pb.grad(opaque_argument)(X)
    np.testing.assert_array_equal(G, [1.0, 2.0, 3.0])


def global_via_rule(v):
    return G


pb.defvjp(global_via_rule, lambda g, ans, v: np.zeros_like(v))


def wraps_rule(v):
    return global_via_rule(v)


def rule_result_written(x):
    a = x * 2.0
    b = wraps_rule(a)
    b[0] = x[0]
    return np.sum(b * x)


def test_a_user_rule_result_is_not_trusted():
    with pytest.raises(pb.UnsupportedError):
        pb.grad(rule_result_written)(X)
    np.testing.assert_array_equal(G, [1.0, 2.0, 3.0])


def _closure_then_write(x):
    a = x * 1.0

    def view_of_a(i):
        return a[i:]
    b = view_of_a(1)
    a[1] = x[0] * x[0]
    return np.sum(b * x[1:])


def test_a_local_functions_result_shares_what_it_closes_over():
    # once a wrong gradient: the call was not seen to take `a`'s memory, and the
    # forward sweep then handed the closure a copy, so `b` missed the write
    with pytest.raises(pb.UnsupportedError, match="`b` shares memory with `a`"):
        pb.grad(_closure_then_write)(np.array([0.3, -0.2, 0.45]))


def _closure_then_write_copied(x):
    a = x * 1.0

    def view_of_a(i):
        return a[i:]
    b = view_of_a(1).copy()  # the advice
    a[1] = x[0] * x[0]
    return np.sum(b * x[1:])


def test_the_advice_for_a_local_functions_result_works():
    harness.check_grad(_closure_then_write_copied, (np.array([0.3, -0.2, 0.45]),),
                       references=("torch", "fd"), require=("torch",))
