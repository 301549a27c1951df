"""adv17: adversarial tests of functools.partial in differentiated code.

Every program is plain NumPy (x float64 of shape (3,), scalar output); pullback's
gradients / tangents / Hessians are checked against torch float64 and central
differences, refusals must be pb.UnsupportedError located in the user's file
with no pullback-internal names. Findings are strict xfails.
"""

import inspect
import re
import types

import numpy as np
import pytest

import adv17_advised as A
import adv17_programs as P
import adv17_programs2 as Q
import adv17_programs3 as R
import pullback as pb
from harness import check_grad, check_hessian, check_jvp

X = np.array([0.3, -0.7, 1.1])
W = P.W0.copy()


def _args(f):
    n = len(inspect.signature(f).parameters)
    if f is Q.param_named_partial:
        return (X, np.array([1.0, 2.0, 3.0]))
    return (X, W)[:n]


def _id(f):
    return f"{f.__module__}.{f.__name__}"


CORRECT = [P.own_positional, P.np_multiply_of_x, P.keyword_wins_differentiated,
           P.inplace_after_constant, P.inplace_after_differentiated, P.augassign_after,
           P.inplace_through_view, P.inplace_out_kwarg, P.mutated_between_calls,
           P.rebound_scalar, P.made_in_loop_kw, P.called_in_loop, P.called_in_nested_def,
           P.passed_to_sum_genexp, P.keyword_differentiated_arg, P.np_sum_axis, P.np_clip_kw,
           P.np_einsum, P.np_power, P.method_partial, P.default_bound,
           P.keyword_value_local_shadow, P.input_mutated_after,
           Q.conditional_call, Q.differentiated_keyword_override, Q.functools_dot,
           Q.made_in_loop_called_after, Q.map_direct, Q.mutated_base_of_bound_view,
           Q.mutated_in_loop, Q.mutated_row_of_matrix, Q.mutated_through_earlier_alias,
           Q.mutated_via_reshape_view, Q.param_named_partial, A.tuple_copy,
           R.copyto_after, R.ellipsis_augassign_after, R.fill_after,
           R.mutated_between_two_partials, R.out_bound, R.rebound_x_after,
           R.np_axis_overridden, R.np_norm_ord, R.np_mean_keepdims, R.while_loop_call]

HESSIAN = [P.own_positional, P.np_multiply_of_x, P.keyword_wins_differentiated,
           P.inplace_after_differentiated, P.mutated_between_calls, P.called_in_loop,
           P.keyword_differentiated_arg, P.np_power, P.augassign_after, Q.mutated_in_loop,
           Q.differentiated_keyword_override, Q.map_direct, R.out_bound, R.ellipsis_augassign_after,
           R.np_mean_keepdims, R.while_loop_call]

# Python itself raises TypeError (multiple values for an argument): pullback must too.
TYPE_ERRORS = [P.multiple_values_error, Q.keyword_bound_positional_collides,
               Q.keyword_then_positional_collides]

REFUSED = [P.act_rebound, P.kept_in_dict, P.list_arg_mutated, P.made_in_branch,
           P.module_level_partial, P.partial_attrs, P.partial_of_lambda, P.partial_of_local_def,
           P.returned_then_called, P.star_kwargs_mutated, P.star_args, P.star_kwargs,
           P.partial_of_partial, P.partial_of_partial_override, P.function_name_rebound,
           P.partial_class_alias, P.passed_to_map, P.passed_to_user_function,
           P.local_def_shadows_layer, P.local_lambda_shadows_layer,
           P.local_lambda_shadows_np_fn, P.local_alias_of_partial, P.param_mutated_after,
           Q.keywords_dict_mutated, Q.mutated_by_helper, Q.list_of_map,
           Q.module_partial_is_not_functools, Q.local_shadow_def, Q.local_shadow_lambda,
           Q.local_shadow_lambda_called_at_once, Q.local_shadow_varargs_lambda,
           Q.local_shadow_varargs_drops, P.closure_shadows_partial,
           R.keyword_via_variable_then_mutated, R.kwargs_function, R.mutated_in_nested_def,
           R.sort_after, R.star_function]

INTERNAL = re.compile(r"\b_(g|t)_?\w*\d\b")


def test_programs_run_in_numpy():
    for f in CORRECT + HESSIAN + REFUSED:
        args = _args(f)
        np.asarray(f(*[a.copy() for a in args]))


@pytest.mark.parametrize("f", CORRECT, ids=_id)
def test_gradient(f):
    args = _args(f)
    for wrt in range(len(args)):
        check_grad(f, args, wrt=wrt, references=("torch", "fd"), require=("torch", "fd"))


@pytest.mark.parametrize("f", CORRECT, ids=_id)
def test_tangent(f):
    check_jvp(f, _args(f), references=("torch", "fd"), require=("torch", "fd"))


@pytest.mark.parametrize("f", HESSIAN, ids=_id)
def test_hessian(f):
    args = _args(f)
    for wrt in range(len(args)):
        check_hessian(f, args, wrt=wrt, references=("torch",), require=("torch",))


def test_a_numpy_scalar_bound_then_augmented():
    """np.sum gives an immutable np.float64: `s += 1.0` rebinds, the partial keeps the old s
    (torch's 0-d tensor would change in place, so only central differences apply)."""
    check_grad(P.float_augassign_after, (X,), references=("fd",), require=("fd",))
    check_jvp(P.float_augassign_after, (X,), references=("fd",), require=("fd",))


def test_stop_gradient_argument_of_a_partial():
    check_grad(P.stop_grad_arg, (X,), references=("torch",), require=("torch",))
    check_jvp(P.stop_grad_arg, (X,), references=("torch",), require=("torch",))


@pytest.mark.parametrize("f", TYPE_ERRORS, ids=_id)
def test_python_type_error_is_kept(f):
    args = _args(f)
    with pytest.raises(TypeError, match="multiple values"):
        f(*args)
    with pytest.raises(TypeError, match="multiple values"):
        pb.grad(f)(*args)
    with pytest.raises(TypeError, match="multiple values"):
        pb.jvp(f, args, tuple(np.ones_like(a) for a in args))


def _assert_located_refusal(call, f):
    with pytest.raises(pb.UnsupportedError) as e:
        call()
    fname = inspect.getsourcefile(f)
    assert e.value.filename == fname, (e.value.filename, str(e.value))
    msg = str(e.value)
    assert not INTERNAL.search(msg), msg


@pytest.mark.parametrize("f", REFUSED, ids=_id)
def test_refused_at_the_users_line(f):
    args = _args(f)
    _assert_located_refusal(lambda: pb.grad(f)(*args), f)
    _assert_located_refusal(lambda: pb.jvp(f, args, tuple(np.ones_like(a) for a in args)), f)


def _correct_or_refused(f, args):
    """The promise: torch's number or a located UnsupportedError."""
    for kind in ("grad", "jvp"):
        try:
            if kind == "grad":
                check_grad(f, args, wrt=0, references=("torch", "fd"), require=("torch", "fd"))
            else:
                check_jvp(f, args, tangents=tuple(np.ones_like(a) if isinstance(a, np.ndarray)
                                                  else None for a in args),
                          references=("torch", "fd"), require=("fd",))
        except pb.UnsupportedError as e:
            assert e.filename == inspect.getsourcefile(f), (e.filename, str(e))
            assert not INTERNAL.search(str(e)), str(e)
        except pb.PullbackError as e:  # a run-time refusal: located by its notes
            notes = "\n".join(getattr(e, "__notes__", []))
            assert f'File "{inspect.getsourcefile(f)}"' in notes, (str(e), notes)
            assert not INTERNAL.search(str(e)), str(e)


# ------------------------------------------------------------------------------------
# Findings
# ------------------------------------------------------------------------------------

_FAKE_FUNCTOOLS = types.SimpleNamespace(partial=P.swap_maker)

SHADOWS = [(P.shadowed_partial_simple, (X, W)), (P.shadowed_partial_swaps, (X, W)),
           (P.shadowed_partial_def, (X, W)), (P.param_shadows_partial, (X, W)),
           (P.comprehension_shadows_partial, (X, W)),
           (P.param_shadows_functools, (X, W, _FAKE_FUNCTOOLS))]


# (fixed: was a strict xfail -- WRONG: a local named partial or functools was taken for functools.partial)
@pytest.mark.parametrize("f, args", SHADOWS, ids=[_id(f) for f, _ in SHADOWS])
def test_shadowed_partial(f, args):
    _correct_or_refused(f, args)


# (fixed: was a strict xfail -- CRASH: the same root cause)
def test_shadowed_partial_dropping_args_crashes():
    _correct_or_refused(P.shadowed_partial, (X, W))


# (fixed: was a strict xfail -- ADVICE: named `_g_arg1`)
@pytest.mark.parametrize("f", [P.called_in_lambda, A.lambda_copy], ids=_id)
def test_partial_called_in_a_lambda(f):
    _correct_or_refused(f, _args(f))


# (fixed: was a strict xfail -- ADVICE: named `_g_arg1`)
def test_tuple_bound_then_written_message():
    _correct_or_refused(Q.mutated_inside_tuple, (X,))


@pytest.mark.xfail(strict=True, reason="ADVICE: sum(genexp over map(g, xs)) is refused as 'not "
                   "consumed at once by sum(...)'; the advised list comprehension is refused "
                   "with the same message")
def test_map_of_a_bound_partial_advice_works():
    check_grad(A.map_listcomp, (X, W), references=("torch", "fd"), require=("torch", "fd"))


# (fixed: was an ADVICE strict xfail -- advised partial(W.copy()), refused again; the advice
# is now to pass the function and its arguments separately)
def test_partial_passed_to_user_function_advice_works():
    with pytest.raises(pb.UnsupportedError, match="pass the function and its arguments") as e:
        pb.grad(P.passed_to_user_function)(X, W)
    assert e.value.filename == inspect.getsourcefile(P.passed_to_user_function)
    check_grad(A.user_fn_separately, (X, W), references=("torch", "fd"), require=("torch", "fd"))


# (was a strict xfail, "CRASH: an unlocated PullbackError": the run-time refusal of
# `A += 1.0` on the caller's array is located by its notes, at the user's lines)
@pytest.mark.parametrize("f", [P.mutated_by_its_own_call, Q.bump_direct], ids=_id)
def test_in_place_on_a_parameter_of_a_called_function(f):
    _correct_or_refused(f, (X,))
