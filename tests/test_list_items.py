"""Elements of a list that grew by ``append``, read after its last append
(``hs[-1]``, ``hs[t]``, ``for h in hs``; modes/list_items.py), against torch
float64 and central differences, in reverse, forward and second order."""

from __future__ import annotations

import numpy as np
import pytest

import harness
import pullback as pb

X = np.array([0.3, -0.2, 0.45])


def last_and_first(x):
    hs = []
    h = x
    for _ in range(3):
        h = np.tanh(h * 1.5 + 0.1)
        hs.append(h)
    return np.sum(hs[-1]) + np.sum(hs[0] * hs[1])


def loop_over_the_list(x):
    hs = []
    for v in x:
        hs.append(np.sin(v) * v)
    total = 0.0
    for h in hs:
        total = total + h ** 2
    return total


def indexed_by_a_loop_variable_and_stacked(x):
    outs = []
    for i in range(len(x)):
        outs.append(x[i] * x[0])
    s = 0.0
    for t in range(len(outs)):
        s = s + outs[t] * (t + 1.0)
    return s + np.sum(np.stack(outs))


def read_twice_at_one_index(x):
    hs = []
    for v in x:
        hs.append(np.exp(v))
    return hs[1] * hs[1] + hs[-2]


def made_anew_in_each_turn(x):
    total = 0.0
    for k in range(2):
        parts = []
        for v in x:
            parts.append(v * (k + 1.0))
        total = total + parts[0] * np.sum(np.stack(parts))
    return total


PROGRAMS = [last_and_first, loop_over_the_list, indexed_by_a_loop_variable_and_stacked,
            read_twice_at_one_index, made_anew_in_each_turn]


@pytest.mark.parametrize("f", PROGRAMS, ids=lambda f: f.__name__)
def test_grad(f):
    harness.check_grad(f, (X,), references=("torch", "fd"), require=("torch",))


@pytest.mark.parametrize("f", PROGRAMS, ids=lambda f: f.__name__)
def test_jvp(f):
    harness.check_jvp(f, (X,), references=("fd",))


@pytest.mark.parametrize("f", PROGRAMS, ids=lambda f: f.__name__)
def test_hessian(f):
    harness.check_hessian(f, (X,), references=("torch",), require=("torch",))


def read_while_growing(x):
    hs = []
    for v in x:
        hs.append(v * 2.0)
        hs.append(hs[-1] * v)
    return np.sum(np.stack(hs))


def sliced(x):
    hs = []
    for v in x:
        hs.append(v * 2.0)
    return np.sum(np.stack(hs[1:]))


def test_a_read_while_the_list_grows_is_refused():
    with pytest.raises(pb.UnsupportedError, match="still growing"):
        pb.grad(read_while_growing)(X)


def test_a_slice_of_the_list_is_refused_and_stacking_first_works():
    with pytest.raises(pb.UnsupportedError, match="pass it whole"):
        pb.grad(sliced)(X)

    def stacked_first(x):
        hs = []
        for v in x:
            hs.append(v * 2.0)
        return np.sum(np.stack(hs)[1:])
    harness.check_grad(stacked_first, (X,), references=("fd",))


# ---------------------------------------------------------------- lists returned by a helper
def _states(x):
    outs = []
    h = x
    for i in range(3):
        h = np.tanh(h + 0.1 * i)
        outs.append(h)
    return outs


def stacked_result(x):
    r = _states(x)
    return np.sum(np.stack(r) ** 2)


def indexed_result(x):
    r = _states(x)
    return np.sum(r[-1] * r[0])


def looped_result(x):
    total = 0.0
    for h in _states(x):
        total = total + np.sum(np.sin(h))
    return total


def _pair_list(x):
    return [x * 2.0, np.sin(x)]


def unpacked_display(x):
    a, b = _pair_list(x)
    return np.sum(a * b)


def indexed_display(x):
    r = _pair_list(x)
    return np.sum(r[0] * r[1] ** 2)


def _squares(x):
    return [v * v for v in x]


def comprehension_result(x):
    r = _squares(x)
    return sum(r) + r[1]


def unbound_result(x):
    return sum(_squares(x)) + _squares(x)[1]


def test_a_list_result_used_unbound_is_refused_with_advice_that_works():
    # (only a name bound once to it is followed as a list)
    with pytest.raises(pb.UnsupportedError, match="bind it to a name first"):
        pb.grad(unbound_result)(X)
    harness.check_grad(comprehension_result, (X,), references=("torch", "fd"),
                       require=("torch",))


RETURNED = [stacked_result, indexed_result, looped_result, unpacked_display, indexed_display,
            comprehension_result]


@pytest.mark.parametrize("f", RETURNED, ids=lambda f: f.__name__)
def test_returned_list_grad(f):
    harness.check_grad(f, (X,), references=("torch", "fd"), require=("torch",))


@pytest.mark.parametrize("f", RETURNED, ids=lambda f: f.__name__)
def test_returned_list_jvp(f):
    harness.check_jvp(f, (X,), references=("fd",))


@pytest.mark.parametrize("f", RETURNED, ids=lambda f: f.__name__)
def test_returned_list_hessian(f):
    # (unpacked_display: the tangent code unpacks the list after the call, as list reads)
    harness.check_hessian(f, (X,), references=("torch",), require=("torch",))


def test_vjp_of_a_function_returning_a_list():
    harness.check_vjp(_states, (X,), references=("torch", "fd"), require=("torch",))


def bound_twice(x):
    r = _states(x)
    if x[0] > 0:
        r = _states(x * 2.0)
    return np.sum(np.stack(r)) + np.sum(r[0])


def bound_twice_as_advised(x):
    r1 = _states(x)
    r2 = _states(x * 2.0)
    r = np.stack(r2) if x[0] > 0 else np.stack(r1)
    return np.sum(r) + np.sum(r[0])


def test_a_returned_list_bound_twice_is_refused_with_advice_that_works():
    with pytest.raises(pb.UnsupportedError, match="give that list a name of its own"):
        pb.grad(bound_twice)(X)
    harness.check_grad(bound_twice_as_advised, (X,), references=("torch", "fd"),
                       require=("torch",))


def seeded_with_the_first_state(x):
    h = x * 1.0
    hs = [h]  # (made empty, then appended to: front/comprehensions.py)
    for _ in range(3):
        h = np.tanh(h * 1.5 + 0.1)
        hs.append(h)
    return np.sum(np.stack(hs) ** 2) + np.sum(hs[0] * hs[-1])


def test_a_list_seeded_with_an_element_then_appended():
    harness.check_grad(seeded_with_the_first_state, (X,), references=("torch", "fd"),
                       require=("torch",))
    harness.check_jvp(seeded_with_the_first_state, (X,), references=("fd",))
    harness.check_hessian(seeded_with_the_first_state, (X,), references=("torch",),
                          require=("torch",))
