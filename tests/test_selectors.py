"""Conditional aliases (``b = k`` on some paths only) differentiated through a
run-time flag (analysis/selectors.py): gradients and tangents against torch
float64 and central differences, on both sides of every branch; and what stays
refused."""

import numpy as np
import pytest

import pullback as pb
from harness import check_grad, check_jvp
import selector_programs as P

X = np.array([0.3, -0.7, 1.1])
CASES = [(P.branch_alias, 1.0), (P.branch_alias, -1.0),
         (P.loop_alias, 4), (P.loop_alias, 0), (P.loop_alias, 1),
         (P.augmented_through_alias, 1.0), (P.augmented_through_alias, -1.0),
         (P.alias_then_rebound, 1.0), (P.alias_then_rebound, -1.0),
         (P.self_binding, 1.0), (P.self_binding, -1.0),
         (P.alias_in_tests, 1.0), (P.alias_in_tests, -1.0),
         (P.fill_and_copyto, 1.0), (P.fill_and_copyto, -1.0),
         (P.returned_alias, 1.0), (P.returned_alias, -1.0),
         (P.bound_in_one_branch, 1.0), (P.bound_in_one_branch, -1.0),
         (P.unbound_until_alias, 1.0), (P.unbound_until_alias, -1.0),
         (P.view_alias, 1.0), (P.view_alias, -1.0),
         (P.transposed_view_alias, 2.0), (P.transposed_view_alias, 0.5),
         (P.transposed_view_alias, -1.0),
         (P.rebinding_itself, 1.0), (P.rebinding_itself, -1.0),
         (P.augmented_view_alias, 1.0), (P.augmented_view_alias, -1.0)]
ONE_ARG = [P.defined_late_in_loop]  # (its tangent was wrong: 1.0 for 7.0, the loop head
                                    #  took k for a variable the body defines before reading)


@pytest.mark.parametrize("f, c", CASES, ids=lambda v: getattr(v, "__name__", str(v)))
def test_gradient(f, c):
    check_grad(f, (X.copy(), c), wrt=0, references=("torch", "fd"), require=("torch",))


@pytest.mark.parametrize("f, c", CASES, ids=lambda v: getattr(v, "__name__", str(v)))
def test_tangent(f, c):
    check_jvp(f, (X.copy(), c), require=("torch",))


@pytest.mark.parametrize("f", ONE_ARG, ids=lambda f: f.__name__)
def test_one_argument(f):
    check_grad(f, (X.copy(),), wrt=0, references=("torch", "fd"), require=("torch",))
    check_jvp(f, (X.copy(),), require=("torch",))


def test_flag_in_generated_code():
    src = pb.grad(P.branch_alias).source
    assert "_b_is_k = True" in src and "if _b_is_k:" in src


def closure_reads_alias(x, c):
    k = np.zeros(3)
    b = x * 1.0
    if c > 0:
        b = k
    k[0] = x[0]
    g = lambda: np.sum(b)
    return g() + np.sum(x)


def listed_then_rebound(x, c):
    a = x * 0.5
    held = [a]
    b = x + 1.0
    if c > 0:
        b = a
    a = np.sin(x)
    b[0] = x[1]
    return np.sum(b) + np.sum(np.stack(held))


@pytest.mark.parametrize("f", [closure_reads_alias, listed_then_rebound])
def test_still_refused_when_not_proven(f):
    with pytest.raises(pb.UnsupportedError):
        pb.grad(f)(X.copy(), 1.0)
