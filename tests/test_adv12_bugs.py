"""Minimal programs for the bugs found by the issue-12 adversarial tests (strict
xfails: a fix flips them), and refusals whose advice does not work ("ADVICE")."""

from __future__ import annotations

import logging

import numpy as np
import pytest

import pullback as pb
from adv12_check import fd_grad

REFUSALS = (pb.UnsupportedError, pb.PullbackError)
X = np.array([0.3, -0.2, 0.45, 0.7])


def _right_or_refused(f, x=X):
    """The gradient of f at x is central differences' number, or pullback refuses."""
    try:
        g = pb.grad(f)(x.copy())
    except REFUSALS:
        return
    np.testing.assert_allclose(g, fd_grad(f, x), rtol=1e-6, atol=1e-8)


def shown_sort(x):
    y = x * np.array([1.0, 2.0, 3.0, -4.0])
    print(y.sort())
    return np.sum(y * np.array([1.0, 2.0, 3.0, 4.0]))


@pytest.mark.xfail(strict=True, reason="BUG: print(y.sort()) sorts y, the derivative does not")
def test_print_argument_that_sorts_in_place():
    # NumPy: y = [-2.8, -0.4, 0.3, 1.35] after the sort; gradient [3, -8, 1, 8] (fd)
    _right_or_refused(shown_sort)            # pullback: [1, 4, 9, -16] (the unsorted y)


def logged_fill(x):
    y = x * 2.0
    logging.info("%s", y.fill(1.0))
    return np.sum(y * x)


@pytest.mark.xfail(strict=True, reason="BUG: logging.info('%s', y.fill(1.0)): the fill is not differentiated")
def test_logging_argument_that_fills():
    _right_or_refused(logged_fill)           # fd: [1, 1, 1, 1]; pullback: 4 x


def shown_out(x):
    y = x * 2.0
    print(np.negative(y, out=y))
    return np.sum(y * x)


@pytest.mark.xfail(strict=True, reason="BUG: print(np.negative(y, out=y)): the write is not differentiated")
def test_print_argument_with_out():
    _right_or_refused(shown_out)             # fd: -4 x; pullback: 0


def shown_put(x):
    y = x * 2.0
    print(np.put(y, [0], [5.0]))
    return np.sum(y * x)


@pytest.mark.xfail(strict=True, reason="BUG: print(np.put(y, [0], [5.0])): the write is not differentiated")
def test_print_argument_np_put():
    _right_or_refused(shown_put)             # fd: g[0] = 5; pullback: 4 x[0]


def show_negated(v):
    print(np.negative(v, v))


def helper_positional_out(x):
    y = x * 2.0
    show_negated(y)
    return np.sum(y * x)


@pytest.mark.xfail(strict=True, reason="BUG: a helper printing np.negative(v, v) (positional out) "
                   "is taken as show-only")
def test_show_helper_with_positional_out():
    # (the same helper with out=v is refused, as it should be)
    _right_or_refused(helper_positional_out)  # fd: -4 x; pullback: 0


def shown_pop(x):
    hs = [x * 1.0, x * 2.0]
    print(hs.pop())
    return np.sum(np.stack(hs)) + len(hs)


@pytest.mark.xfail(strict=True, raises=AttributeError,
                   reason="BUG: print(hs.pop()) on a list of arrays: AttributeError 'tuple' ... 'pop'")
def test_print_list_pop():
    _right_or_refused(shown_pop)             # fd: [1, 1, 1, 1]


def shown_append(x):
    hs = [x * 1.0]
    print(hs.append(x * 3.0))
    return np.sum(np.stack(hs))


@pytest.mark.xfail(strict=True, raises=AttributeError,
                   reason="BUG: print(hs.append(v)) on a list of arrays: AttributeError")
def test_print_list_append():
    _right_or_refused(shown_append)          # fd: [4, 4, 4, 4]


def shown_resize(x):
    y = x * 2.0
    print(y.resize((2, 2), refcheck=False))
    return np.sum(y * x.reshape(2, 2))


@pytest.mark.xfail(strict=True, raises=ValueError,
                   reason="BUG: print(y.resize(...)): ValueError (broadcast (4,) with (2,2))")
def test_print_resize():
    _right_or_refused(shown_resize)
