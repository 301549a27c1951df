"""Comprehensions and generator expressions over differentiated values
(front/comprehensions.py lowers them to append loops), against torch float64,
HIPS autograd and central differences, in every mode. (The programs stack with
np.stack: torch._numpy's np.array of 0-d tensors drops their history.)"""

from __future__ import annotations

import functools
from functools import partial

import numpy as np
import pytest

import harness
import pullback as pb

X = np.array([0.3, -0.2, 0.45, 1.1])
M = np.array([[0.5, -0.3, 0.2], [0.1, 0.7, -0.4]])


def array_of_terms(x):
    return np.sum(np.stack([np.sin(xi) * xi for xi in x]))


def filtered(x):
    return np.sum(np.stack([xi ** 2 for xi in x if xi > 0.0]))


def generator_sum(x):
    return sum(np.exp(xi) * i for i, xi in enumerate(x))


def two_generators(x):
    return np.sum(np.stack([a * b for a in x for b in x[:2]]))


def nested(m):
    rows = [[np.tanh(v) * w for v in row] for w, row in zip([1.0, 2.0], m)]
    return np.sum(np.stack(rows))


def over_range(x):
    return np.sum(np.stack([x[i] * x[i + 1] for i in range(len(x) - 1)]))


def inner_in_condition(x):
    total = 0.0
    for xi in x:
        if sum(v for v in [xi, xi * 2.0]) > 0.0:
            total = total + xi ** 3
    return total


def loop_variable_name_reused(x):
    s = np.sum(np.stack([xi * 2.0 for xi in x]))
    return s * np.sum(np.stack([np.cos(xi) for xi in x]))


def shadowing_the_argument(x):
    return np.sum(np.stack([x * x for x in x]))


def name_also_used_outside(x):
    xi = x[0] * 3.0
    s = np.sum(np.stack([xi * xi for xi in x]))
    return s + xi


def bound_to_a_name_then_stacked(x):
    terms = [np.sin(v) for v in x]
    return np.sum(np.stack(terms) ** 2)


def in_a_loop(x):
    h = x
    for _ in range(2):
        h = np.stack([np.tanh(v) + 0.5 * v for v in h])
    return np.sum(h)


def rebinding_its_own_name(x):
    h = [v for v in x]
    h = [np.sin(v) for v in h]
    return np.sum(np.stack(h))


def of_a_helper(x):
    return np.sum(np.stack([_layer(v) for v in x]))


def _layer(v):
    return np.tanh(v) * 2.0 + v


def returned_list(x):
    return np.stack([v * 3.0 for v in x])


PROGRAMS = [array_of_terms, filtered, generator_sum, two_generators, over_range,
            inner_in_condition, loop_variable_name_reused, shadowing_the_argument,
            name_also_used_outside, bound_to_a_name_then_stacked, in_a_loop,
            of_a_helper]


@pytest.mark.parametrize("f", PROGRAMS, ids=lambda f: f.__name__)
def test_grad(f):
    harness.check_grad(f, (X,), references=("torch", "fd"), require=("torch",))


@pytest.mark.parametrize("f", PROGRAMS, ids=lambda f: f.__name__)
def test_jvp(f):
    harness.check_jvp(f, (X,), references=("fd",))


@pytest.mark.parametrize("f", [array_of_terms, generator_sum, in_a_loop, of_a_helper],
                         ids=lambda f: f.__name__)
def test_hessian(f):
    harness.check_hessian(f, (X,), references=("torch",), require=("torch",))


def built_with_np_array(x):
    return np.sum(np.array([np.sin(xi) * xi for xi in x]) ** 2)


def test_np_array_of_a_comprehension():
    # (torch._numpy.array of 0-d tensors drops their history: autograd is the reference)
    harness.check_grad(built_with_np_array, (X,), references=("autograd", "fd"),
                       require=("autograd",))
    harness.check_jvp(built_with_np_array, (X,), references=("fd",))


def test_nested_comprehension():
    harness.check_grad(nested, (M,), references=("autograd", "fd"), require=("autograd",))
    harness.check_jvp(nested, (M,), references=("fd",))


def rebinding_its_own_name_as_advised(x):
    h = [v for v in x]
    h2 = [np.sin(v) for v in np.stack(h)]
    return np.sum(np.stack(h2))


def test_a_comprehension_bound_to_a_name_bound_twice_is_refused_with_advice_that_works():
    with pytest.raises(pb.UnsupportedError, match="bind it to a name of its own"):
        pb.grad(rebinding_its_own_name)(X)
    harness.check_grad(rebinding_its_own_name_as_advised, (X,), references=("torch", "fd"),
                       require=("torch",))


def test_vjp_of_a_returned_list():
    harness.check_vjp(returned_list, (X,), references=("torch", "fd"), require=("torch",))


def test_the_generated_code_is_a_loop():
    pb.grad(bound_to_a_name_then_stacked)(X)
    src = pb.grad(bound_to_a_name_then_stacked).source
    assert "terms = []" in src and "terms.append(" in src and "_list1" not in src


def conditional_comprehension(x, c=True):
    return np.sum(np.array([v * v for v in x]) if c else x)


def conditional_comprehension_as_advised(x, c=True):
    ys = np.stack([v * v for v in x])
    return np.sum(ys if c else x)


def test_a_comprehension_in_a_branch_is_kept_and_refused_with_advice_that_works():
    # it would run unconditionally if hoisted; left as written, refused located
    with pytest.raises(pb.UnsupportedError, match="bind it to a variable on a line"):
        pb.grad(conditional_comprehension)(X)
    harness.check_grad(conditional_comprehension_as_advised, (X,), references=("torch", "fd"),
                       require=("torch",))


def _grow(v, acc):
    acc.append(v)
    return v * 2.0


def after_a_call_of_your_own(x):
    acc = []
    return _grow(x[0], acc) + sum(np.sin(v) for v in acc)


def test_a_comprehension_after_a_call_of_your_own_is_not_hoisted():
    # hoisting it before the statement would read `acc` before `_grow` appends
    try:
        g = pb.grad(after_a_call_of_your_own)(X)
    except pb.UnsupportedError:
        return
    harness.check_grad(after_a_call_of_your_own, (X,), references=("fd",), grad_fn=lambda _: g)


def test_input_not_changed():
    x = X.copy()
    pb.grad(shadowing_the_argument)(x)
    np.testing.assert_array_equal(x, X)


# ---------------------------------------------------------------- map and partial
def map_partial(x):
    return sum(map(partial(np.power, 2.0), x))


def list_of_map(x):
    return np.sum(np.stack(list(map(np.sin, x))) ** 2)


def map_lambda_two_sequences(x):
    return sum(map(lambda a, b: a * b, x, x[::-1]))


def _scaled_square(v, c=1.0):
    return v * v * c


def map_partial_keyword(x):
    return sum(map(functools.partial(_scaled_square, c=3.0), x))


@pytest.mark.parametrize("f", [map_partial, list_of_map, map_lambda_two_sequences,
                               map_partial_keyword], ids=lambda f: f.__name__)
def test_map(f):
    harness.check_grad(f, (X,), references=("torch", "fd"), require=("torch",))
    harness.check_jvp(f, (X,), references=("fd",))
