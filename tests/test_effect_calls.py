"""Calls made for what they show (print, logging, your own functions that only
call those), with differentiated values, in every mode (rules/effects.py,
analysis/effects.py); calls that could change or keep the value are refused."""

from __future__ import annotations

import logging

import numpy as np
import pytest

import harness
import pullback as pb

X = np.array([0.3, -0.2, 0.45])
LOG = logging.getLogger("pullback.tests.effects")
KEPT = []
TABLE = np.zeros(3)


def logged(x):
    y = np.sin(x)
    LOG.info("y = %s", y)
    logging.debug("sum %s", np.sum(y))
    return np.sum(y * y)


def _show(label, v):
    m = np.mean(v)
    print(label, m, v.shape)
    if m > 10.0:
        LOG.warning("large: %s", v)


def shown_by_a_helper(x):
    y = np.tanh(x) * 2.0
    _show("y", y)
    return np.sum(y ** 3)


def logged_in_a_branch_never_taken(x):
    y = np.exp(x)
    if np.sum(y) > 1e6:
        _show("huge", y)
    for i in range(2):
        LOG.debug("turn %d %s", i, y)
        y = y * x
    return np.sum(y)


@pytest.mark.parametrize("f", [logged, shown_by_a_helper, logged_in_a_branch_never_taken],
                         ids=lambda f: f.__name__)
def test_every_mode(f):
    harness.check_grad(f, (X,), references=("torch", "fd"), require=("torch",))
    harness.check_jvp(f, (X,), references=("fd",))
    harness.check_hessian(f, (X,), references=("torch",), require=("torch",))


def test_the_call_runs(capsys):
    pb.grad(shown_by_a_helper)(X)
    assert "y " in capsys.readouterr().out


def _keep(v):
    KEPT.append(v)


def _write(v):
    TABLE[0] = v[0]


def _write_argument(v):
    v[0] = 0.0


def _opaque(v):
    np.random.shuffle(v)


def keeps(x):
    y = np.sin(x)
    _keep(y)
    return np.sum(y)


def writes_a_global(x):
    y = np.sin(x)
    _write(y)
    return np.sum(y)


def writes_its_argument(x):
    y = np.sin(x)
    _write_argument(y)
    return np.sum(y)


def calls_an_opaque_function(x):
    y = np.sin(x)
    _opaque(y)
    return np.sum(y)


def saves(x):
    y = np.sin(x)
    np.savetxt("/dev/null", y)
    return np.sum(y)


@pytest.mark.parametrize("f", [keeps, writes_a_global, writes_its_argument,
                               calls_an_opaque_function, saves], ids=lambda f: f.__name__)
def test_a_call_that_may_keep_or_change_the_value_is_refused(f):
    with pytest.raises(pb.UnsupportedError, match="call other functions outside"):
        pb.grad(f)(X)


# ------------------------------------------- your own functions in statements not differentiated
def _order_of(v):
    out = np.zeros(len(v), dtype=int)  # writes only into an array it makes itself
    for i in range(len(v)):
        out[i] = len(v) - 1 - i
    return out


def reversed_by_a_helper(x):
    y = np.sin(x)
    idx = _order_of(y)
    return np.sum(y[idx] * np.array([1.0, 2.0, 3.0]))


def test_a_helper_computing_indices_from_a_differentiated_value():
    harness.check_grad(reversed_by_a_helper, (X,), references=("torch", "fd"), require=("torch",))
    harness.check_jvp(reversed_by_a_helper, (X,), references=("fd",))


def _zero_through_an_alias(v):
    w = v
    w[0] = 0.0
    return 0


def zeroes_through_an_alias(x):
    y = np.sin(x)
    n = _zero_through_an_alias(y)
    return np.sum(y) + n


def _count_and_sort(v):
    v.sort()
    return len(v)


def sorts_inside_a_count(x):
    y = np.sin(x) * np.array([1.0, -1.0, 2.0])
    n = _count_and_sort(y)
    return np.sum(y * np.array([1.0, 2.0, 3.0])) + n


@pytest.mark.parametrize("f", [zeroes_through_an_alias, sorts_inside_a_count],
                         ids=lambda f: f.__name__)
def test_a_helper_that_may_change_its_argument_is_refused(f):
    with pytest.raises(pb.UnsupportedError):
        pb.grad(f)(X)
