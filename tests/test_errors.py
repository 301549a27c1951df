"""Unsupported code fails when the derivative is built, at the user's own line."""

import inspect

import numpy as np
import pytest

import pullback as pb
from programs import unsupported as U

X = np.array([1.0, 2.0, 3.0])


def _marked_line(fn):
    lines, start = inspect.getsourcelines(fn)
    for i, line in enumerate(lines):
        if "# <- here" in line:
            return start + i
    raise AssertionError(f"{fn.__name__} has no marked line")


@pytest.mark.parametrize("fn,words", [
    (U.uses_try, "try"),
    (U.uses_with_open, "with"),
    (U.uses_yield, "yield"),
    (U.uses_del, "del"),
    (U.calls_builtin_without_rule, "math.gamma"),
    (U.calls_unknown_c_function, "np.frexp"),
    (U.writes_into_argument, "x.copy()"),
    (U.star_args, "*args"),
    (U.comprehension, "comprehension"),
    (U.and_as_value, "np.where"),
    (U.writes_into_global, "not a variable of this function"),
    (U.list_read_while_growing, "still growing"),
    (U.list_indexed, "pass it whole"),
    (U.item_of_active, ".item()"),
    (U.rebinds_lambda, "more than one function"),
    (U.view_through_a_call, "shares memory with `k`"),
    (U.view_through_flip, "shares memory with `k`"),
    (U.appends_a_view_then_writes, "shares memory with `k`"),
])
def test_unsupported_is_located(fn, words):
    df = pb.grad(fn)
    with pytest.raises(pb.UnsupportedError) as info:
        df(X.copy())
    err = info.value
    assert isinstance(err, SyntaxError) and isinstance(err, pb.PullbackError)
    assert err.filename == inspect.getsourcefile(U)
    assert err.lineno == _marked_line(fn), str(err)
    assert words in str(err)


def test_unsupported_raised_by_source_too():
    with pytest.raises(pb.UnsupportedError):
        pb.grad(U.uses_try).source


def test_global_and_nonlocal_writes():
    with pytest.raises(pb.UnsupportedError, match="global"):
        pb.grad(U.uses_global)(X)
    with pytest.raises(pb.UnsupportedError, match="nonlocal"):
        pb.grad(U.uses_nonlocal)(X)


def test_unknown_function_points_to_defvjp():
    with pytest.raises(pb.UnsupportedError, match="pb.defvjp"):
        pb.grad(U.calls_unknown_c_function)(X)


def test_non_scalar_output_names_vjp():
    def f(x):
        return x * 2
    with pytest.raises(ValueError, match=r"not a scalar.*pb\.vjp"):
        pb.grad(f)(X)


def test_integer_wrt_is_a_type_error():
    def f(x, n):
        return np.sum(x) * n
    with pytest.raises(TypeError):
        pb.grad(f, wrt=1)(X, 3)
    with pytest.raises(TypeError):
        pb.grad(f, wrt=0)(np.arange(3), 3)
    with pytest.raises(TypeError):
        pb.grad(f, wrt="nope")
    with pytest.raises(TypeError, match="complex"):
        pb.grad(f)(np.array([1 + 2j, 3j]), 2)
    with pytest.raises(TypeError, match="complex"):
        pb.vjp(f, np.array([1 + 2j, 3j]), 2)
    with pytest.raises(TypeError, match="complex"):
        pb.jvp(f, (np.array([1 + 2j, 3j]), 2), (np.ones(2), None))


def test_markers_work_when_not_differentiated():
    assert np.allclose(U.stop_and_no_grad(X), np.sum(X * X + 3 * X))


def test_aug_assign_on_a_view_of_an_argument_is_refused():
    """``row = X[0]; row += 1.0`` changes the caller's X (torch refuses it too)."""
    X = np.arange(6.0).reshape(2, 3)
    with pytest.raises(pb.UnsupportedError, match="caller's array"):
        pb.grad(U.aug_on_row_view)(X)


def test_aug_assign_on_an_array_with_a_view_updates_it_in_place():
    """``t = buf.T; buf += 1.0``: NumPy (and torch) change ``buf`` in place, so
    ``t`` sees the update."""
    import torch
    x = np.array([0.5, -1.0, 2.0])
    xt = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    buf = xt * 1.0
    t = buf.view(-1)  # NumPy's .T of a vector: a view of the same elements
    buf += 1.0
    (want,) = torch.autograd.grad(torch.sum(t * xt), xt)
    np.testing.assert_allclose(pb.grad(U.aug_on_view_of_local)(x), want.numpy(), rtol=1e-12)


def test_aug_assign_on_an_alias_is_checked_at_run_time():
    """``x = y; x += 1.0``: NumPy changes ``y`` too when it is an array (refused when
    the derivative runs); a float is simply rebound, so the derivative is torch's."""
    import torch
    with pytest.raises(pb.PullbackError, match="caller's array|another name may share"):
        pb.grad(U.aug_on_alias_of_argument)(np.array([0.5, 2.0]))
    t = torch.tensor(0.75, dtype=torch.float64, requires_grad=True)
    x = t
    x = x + 1.0
    torch.sum(x * t).backward()
    assert pb.grad(U.aug_on_alias_of_argument)(0.75) == pytest.approx(t.grad.item(), rel=1e-12)


def test_aug_assign_on_a_scalar_element_is_fine():
    import torch
    x = np.array([0.5, -1.5, 2.0])
    t = torch.tensor(x, requires_grad=True)
    acc = t[0]
    for i in range(1, 3):
        acc = acc + t[i] * acc
    acc.backward()
    np.testing.assert_allclose(pb.grad(U.aug_on_scalar_element)(x), t.grad.numpy(), rtol=1e-12)


def test_jacobian_and_hessian_refuse_lists_of_arrays_hvp_takes_them():
    def f(params, x):
        return np.sum(params[0] * x) + np.sum(params[1] ** 2)

    ps = [np.ones(2), np.ones(2)]
    for make in (pb.jacobian, pb.hessian):
        with pytest.raises(TypeError, match="lists or dicts"):
            make(f)(ps, np.ones(2))
    # pb.hvp takes them (the Hessian is 0 for params[0] and 2 I for params[1])
    hv = pb.hvp(f)(ps, np.ones(2), v=[np.ones(2), np.array([1.0, -3.0])])
    np.testing.assert_allclose(hv[0], [0.0, 0.0])
    np.testing.assert_allclose(hv[1], [2.0, -6.0])


class _Model:
    def __init__(self):
        self.w = np.array([1.0, 2.0, 3.0])

    def loss(self, x):
        return np.sum(self.w * np.sin(x))


def test_bound_methods_work_as_their_function_with_the_instance():
    m = _Model()
    np.testing.assert_allclose(pb.grad(m.loss)(X), m.w * np.cos(X), rtol=1e-15)
    np.testing.assert_allclose(pb.grad(_Model.loss, wrt=1)(m, X), m.w * np.cos(X),
                               rtol=1e-15)
