"""Functions made from functions, written out where called: closure factories
(front/factories.py) and functools.partial (front/partials.py); gradients and
tangents against torch float64 and central differences."""

import numpy as np
import pytest

import factory_programs as P
import partial_programs as Q
import pullback as pb
from harness import check_grad, check_hessian, check_jvp

X = np.array([0.3, -0.7, 1.1])
Wv = np.array([0.8, -0.4, 0.3])
W = np.array([[0.5, 0.1, -0.3], [0.2, -0.4, 0.8], [0.1, 0.9, -0.6]])
CASES = [(P.called_at_once, (X,)), (P.bound_then_called, (X,)), (P.two_from_one_factory, (X,)),
         (P.differentiated_argument, (X, Wv)), (P.in_a_loop, (X,)), (P.layered, (X, Wv)),
         (P.factory_reads_global, (X,)),
         (Q.bound_then_called, (X, W)), (Q.called_at_once, (X,)),
         (Q.keyword_at_the_call_wins, (X, W)), (Q.argument_rebound_after, (X, W)),
         (Q.in_a_loop, (X, W))]
IDS = [f"{f.__module__}.{f.__name__}" for f, _ in CASES]


@pytest.mark.parametrize("f, args", CASES, ids=IDS)
def test_gradient(f, args):
    for wrt in range(len(args)):
        check_grad(f, args, wrt=wrt, references=("torch", "fd"), require=("torch", "fd"))


@pytest.mark.parametrize("f, args", CASES, ids=IDS)
def test_tangent(f, args):
    check_jvp(f, args, references=("torch", "fd"), require=("fd",))


@pytest.mark.parametrize("f, args", CASES[:4], ids=IDS[:4])
def test_hessian(f, args):
    check_hessian(f, args, references=("torch",), require=("torch",))


def test_generated_code_defines_the_function_the_factory_returns():
    src = pb.grad(P.bound_then_called).source
    assert "def g(x):" in src and "_make_scale" in src


def test_a_factory_whose_global_the_caller_hides_is_refused():
    """Inlined, make_with_global's W would read the caller's W: left alone, refused."""
    with pytest.raises(pb.UnsupportedError, match="factory of closures") as e:
        pb.grad(P.caller_hides_the_global)(X)
    assert e.value.filename.endswith("factory_programs.py")
    advised = P.caller_hides_the_global_advised
    check_grad(advised, (X,), references=("torch", "fd"), require=("torch", "fd"))


def test_a_factory_called_inside_what_it_returns_is_refused_not_inlined_forever():
    with pytest.raises(pb.UnsupportedError, match="factory of closures") as e:
        pb.grad(P.recursive_factory)(X)
    assert e.value.filename.endswith("factory_programs.py")


def test_a_partial_is_written_as_the_call_of_its_function():
    src = pb.grad(Q.bound_then_called).source
    assert "layer_fwd(_g_arg1, x, act=_g_act1)" in src and "partial(" not in src


def test_a_partial_kept_in_a_list_is_refused_at_the_line():
    with pytest.raises(pb.UnsupportedError) as e:
        pb.grad(Q.kept_in_a_list)(X, W)
    assert e.value.filename.endswith("partial_programs.py")


def test_a_local_named_like_a_factory_is_not_that_factory():
    try:
        check_grad(P.local_named_like_the_factory, (X,), references=("fd",), require=("fd",))
    except pb.UnsupportedError as e:
        assert e.filename.endswith("factory_programs.py")
