"""The memory check follows when a name or a list takes an array's memory: a
list given a new array, or an alias taken after the write, is no alias of
what the write changed (analysis/mutation.py); checked against torch float64
and central differences, gradients and tangents."""

import numpy as np
import pytest

from harness import check_grad, check_jvp
import alias_order_programs as P

X = np.array([0.3, -0.7, 1.1])
CASES = [(P.append_new_then_write, ()), (P.append_after_write, (1.0,)),
         (P.append_after_write, (-1.0,)), (P.append_then_write_in_loop, ()),
         (P.alias_after_write, ()), (P.alias_after_write_in_loop, ()),
         (P.views_of_new_arrays, ()), (P.view_of_new_array_read_later, ()),
         (P.augment_before_alias, ()), (P.augment_after_alias_in_branch, (1.0,)),
         (P.augment_after_alias_in_branch, (-1.0,)), (P.augment_in_loop_then_alias, ()),
         (P.alias_in_other_branch, (1.0,)), (P.alias_in_other_branch, (-1.0,)),
         (P.view_in_other_branch, (1.0,)), (P.view_in_other_branch, (-1.0,)),
         (P.alias_in_other_branch_in_loop, ()),
         (P.alias_then_rebind_other_names_alias_earlier, ()),
         (P.alias_rebound_while_list_holds_it, ()), (P.augment_helper_result, ())]


def _run(check, f, extra):
    import pullback as pb
    try:
        return check(f, (X.copy(),) + extra)
    except (pb.UnsupportedError, pb.PullbackError):
        pytest.skip("refused (allowed: never a wrong number)")


@pytest.mark.parametrize("f, extra", CASES, ids=lambda v: getattr(v, "__name__", str(v)))
def test_gradient(f, extra):
    _run(lambda g, a: check_grad(g, a, wrt=0, references=("torch", "fd"), require=("torch",)),
         f, extra)


@pytest.mark.parametrize("f, extra", CASES, ids=lambda v: getattr(v, "__name__", str(v)))
def test_tangent(f, extra):
    _run(lambda g, a: check_jvp(g, a, require=("torch",)), f, extra)


@pytest.mark.parametrize("f", [P.append_new_then_write, P.append_after_write,
                               P.alias_after_write, P.views_of_new_arrays,
                               P.view_of_new_array_read_later, P.augment_before_alias,
                               P.alias_in_other_branch, P.view_in_other_branch,
                               P.alias_then_rebind_other_names_alias_earlier,
                               P.augment_helper_result])
def test_accepted(f):
    import pullback as pb
    flagged = (P.append_after_write, P.alias_in_other_branch, P.view_in_other_branch)
    args = (X.copy(),) + ((1.0,) if f in flagged else ())
    pb.grad(f)(*args)  # no refusal: these are proven
