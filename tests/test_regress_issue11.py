"""Regressions from the adversarial tests of issue 11, against torch float64 and
central differences."""

from __future__ import annotations

import numpy as np

import harness
import pullback as pb


def loop_over_its_own_name(x):
    s = 0.0
    for x in x:
        s = s + np.sum(x * x)
    return s


def test_a_loop_over_the_name_of_its_own_target():
    # ``for x in x`` was ``x = x[i]`` of the rebound x from the second turn on: an
    # IndexError on a vector, silently the wrong rows of a matrix
    m = np.array([[0.3, -0.2], [0.45, 1.1], [0.7, -0.5]])
    harness.check_grad(loop_over_its_own_name, (m,), references=("torch", "fd"),
                       require=("torch",))
    harness.check_grad(loop_over_its_own_name, (m[0],), references=("torch", "fd"),
                       require=("torch",))
    harness.check_jvp(loop_over_its_own_name, (m,), references=("fd",))


def sum_of_floats(a):
    return sum([a, a * a, 2.0])


def test_tangent_of_a_sum_of_python_floats_is_float64():
    _, t = pb.jvp(sum_of_floats, (0.1234567,), (1.0,))
    assert abs(float(t) - (1.0 + 2.0 * 0.1234567)) < 1e-14
    assert np.asarray(t).dtype == np.float64
