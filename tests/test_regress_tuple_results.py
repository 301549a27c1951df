"""A user function's tuple result bound to one name (``t = pair(x)``), in every mode.

Such a ``t`` once crashed pb.jvp and pb.hessian ("too many values to unpack") and,
for an (array, scalar) tuple, pb.grad (getitem_vjp took np.shape of the tuple).
It is now a tuple variable, as ``a, b = pair(x)`` is (front/tuple_calls.py).
Every program is checked against torch float64 and central differences.
"""

from __future__ import annotations

import numpy as np
import pytest

import harness
import pullback as pb

X = np.array([0.3, -0.2, 0.45])
REFS = dict(references=("torch", "fd"), require=("torch",))


def pair(v):
    return v * 2.0, np.sin(v)


def array_and_scalar(v):
    return np.cos(v), np.sum(v * v)


def triple(v):
    return v * v, np.exp(v), np.sum(np.sin(v))


def relay(v):
    return pair(v)  # the tuple flows on from another helper


def relay_named(v):
    t = pair(v)
    return t


def relay_twice(v):
    return relay_named(v * 1.5)


def either(v):
    if v[0] > 0:
        return v * 3.0, np.sum(v)
    return np.cos(v), np.sum(v * v)


# ------------------------------------------------------------------ programs
def one_name(x):
    t = pair(x)
    return np.sum(t[0] * t[1])


def array_scalar(x):
    t = array_and_scalar(x)
    return np.sum(t[0]) * t[1]


def three(x):
    t = triple(x)
    return np.sum(t[0] * t[1]) + t[2] * t[2]


def negative_index(x):
    t = triple(x)
    return np.sum(t[-3] * t[-2]) * t[-1]


def relayed(x):
    t = relay(x)
    return np.sum(t[0] * t[1] * x)


def relayed_named(x):
    t = relay_named(x)
    return np.sum(np.tanh(t[0]) * t[1])


def relayed_twice_unpacked_later(x):
    t = relay_twice(x)
    p = t[0] * 2.0
    a, b = t
    return np.sum(p * a * b)


def unpacked_later(x):
    t = array_and_scalar(x)
    y = np.sin(x)
    a, s = t
    return np.sum(a * y) * s


def two_returns(x):
    t = either(x)
    return np.sum(t[0] ** 2) * t[1]


def two_returns_negative(x):
    t = either(-x)
    return np.sum(t[0] ** 2) * t[1]


def in_loop(x):
    s = 0.0
    for i in range(3):
        t = pair(x * (i + 1.0))
        s = s + np.sum(t[0] * t[1])
    return s


def variable_index(x):
    t = triple(x)
    s = 0.0
    for i in range(2):
        s = s + np.sum(t[i] * x)
    return s


def iterated(x):
    s = 0.0
    for e in pair(x):
        s = s + np.sum(e * e)
    return s


def nested_local(x):
    def split(v):
        return v * v, np.sum(np.cos(v))
    t = split(x * 0.5)
    return np.sum(t[0]) * t[1]


def lambda_tuple(x):
    both = lambda v: (v * 3.0, np.sin(v))  # noqa: E731
    t = both(x)
    return np.sum(t[0] * t[1])


def written_after(x):
    t = pair(x)
    a = t[0] * 1.0
    a[0] = x[1] ** 2
    return np.sum(a * t[1])


def passed_on(x):
    t = array_and_scalar(x)
    u = relay(t[0])
    return np.sum(u[0] * u[1]) * t[1]


PROGRAMS = [one_name, array_scalar, three, negative_index, relayed, relayed_named,
            relayed_twice_unpacked_later, unpacked_later, two_returns, two_returns_negative,
            in_loop, variable_index, iterated, nested_local, lambda_tuple, written_after,
            passed_on]


@pytest.mark.parametrize("f", PROGRAMS, ids=lambda f: f.__name__)
def test_grad(f):
    harness.check_grad(f, (X,), **REFS)


@pytest.mark.parametrize("f", PROGRAMS, ids=lambda f: f.__name__)
def test_jvp(f):
    harness.check_jvp(f, (X,), **REFS)


@pytest.mark.parametrize("f", PROGRAMS, ids=lambda f: f.__name__)
def test_hessian(f):
    harness.check_hessian(f, (X,), rtol=1e-6, **REFS)


# ------------------------------------------------------------------ checked results
def maybe_arg(v, w):
    return np.sum(w * w), (v * 2.0 if w[0] > -100 else v)


def checked_result(x):
    a = np.cos(x)
    t = maybe_arg(a, x)  # may return a's memory: checked at run time (fresh_result)
    a[0] = x[1] * 3.0
    return t[0] * np.sum(t[1] * a)


def returns_arg(v, w):
    return w * 2.0, v


def checked_result_shared(x):
    a = np.cos(x)
    t = returns_arg(a, x)
    a[0] = x[1] * 3.0
    return np.sum(t[0] * t[1])


def test_checked_result_grad_and_jvp():
    harness.check_grad(checked_result, (X,), **REFS)
    harness.check_jvp(checked_result, (X,), **REFS)


def test_checked_result_that_shares_is_refused_at_run_time():
    # the snapshot the call was given must be checked too (it once passed silently,
    # giving a wrong gradient, when the tuple was split into its elements)
    with pytest.raises(pb.PullbackError, match="returned an argument's array"):
        pb.grad(checked_result_shared)(X)


# ------------------------------------------------------------------ refusals
def bound_twice(x):
    if x[0] > 0:
        t = pair(x)
    else:
        t = pair(x * 2.0)
    return np.sum(t[0] * t[1])


@pytest.mark.parametrize("mode", ["grad", "jvp", "hessian"])
def test_bound_twice_is_refused_not_a_crash(mode):
    run = {"grad": lambda: pb.grad(bound_twice)(X),
           "jvp": lambda: pb.jvp(bound_twice, (X,), (np.ones(3),)),
           "hessian": lambda: pb.hessian(bound_twice)(X)}[mode]
    with pytest.raises(pb.UnsupportedError, match="unpack the call where it is made"):
        run()


def unpacked_twice(x):
    if x[0] > 0:
        a, b = pair(x)
    else:
        a, b = pair(x * 2.0)
    return np.sum(a * b)


def test_unpacking_in_branches_still_works():
    harness.check_grad(unpacked_twice, (X,), **REFS)
    harness.check_jvp(unpacked_twice, (X,), **REFS)
    harness.check_hessian(unpacked_twice, (X,), rtol=1e-6, **REFS)


# ------------------------------------------------------------------ a split unpacked later
def split_unpacked_later(x):
    parts = np.split(x, 3)
    y = np.sin(x)
    a, b, c = parts  # was a zero gradient for a, b, c: the pieces were taken as inactive
    return np.sum(a * b * c * y[0])


def test_split_unpacked_later():
    harness.check_grad(split_unpacked_later, (X,), **REFS)
    harness.check_jvp(split_unpacked_later, (X,), **REFS)
    harness.check_hessian(split_unpacked_later, (X,), rtol=1e-6, **REFS)
