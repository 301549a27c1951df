"""Advised twins of the adv16 refusals: the factory's function defined with def, what
it closed over as parameters, called by its name (the refusal's advice)."""

import numpy as np

from adv16_programs import W

ARR = np.array([1.0, 2.0, 3.0])


def _sin_scaled(s, x):
    return np.sum(np.sin(x) * s)


def _cos_scaled(s, x):
    return np.sum(np.cos(x) * s)


def _sin_v(s, v, x):
    return np.sum(np.sin(x * v) * s)


def _lin(v, x):
    return np.sum(x * v)


def default_array_advised(x):
    return _sin_v(1.5, ARR, x)


def default_none_advised(x):
    return _sin_v(0.5, np.ones(3) * 2.0, x) + _sin_v(0.5, x * 0.5, x)


def star_call_advised(x):
    return _sin_scaled(x[1], x) + _sin_scaled(3.0, x)


def arg_array_written_later_advised(x):
    v = x * 2.0
    v[0] = x[1] * x[2]
    return _lin(v, x)


def arg_side_effect_advised(x):
    L = [1.0, 2.0, 3.0]
    s = L[-1]
    L = L[:-1]
    return _sin_scaled(s, x) + _sin_scaled(s, x * 2.0) + len(L)


def _two_defs(s, x):
    return np.sum(np.sin(x) * s + np.sin(x * 2.0) * s)


def interleaved_advised(x):
    a = _sin_scaled(1.5, x)
    b = _two_defs(-0.5, x)
    c = _sin_scaled(1.5, x * b)
    return a * b + c + _two_defs(-0.5, x * a)


def in_list_advised(x):
    return _sin_scaled(1.0, x) + _sin_scaled(-2.0, x * 2.0)


def in_list_loop_advised(x):
    total = 0.0
    for s in [1.0, -2.0]:
        total = total + _sin_scaled(s, x)
    return total


def in_dict_advised(x):
    return _sin_scaled(1.0, x) * _sin_scaled(3.0, x)


def in_tuple_advised(x):
    return _sin_scaled(1.0, x) + _sin_scaled(-3.0, x)


def passed_to_helper_advised(x):
    return _sin_scaled(2.0, x)


def passed_bound_advised(x):
    return _sin_scaled(2.5, x * 2.0) + _sin_scaled(2.5, x)


def returned_by_helper_advised(x):
    return _sin_scaled(2.0, x)


def factory_via_factory_advised(x):
    return _sin_scaled(0.5 * 3.0, x)


def two_defs_one_returned_advised(x):
    return _two_defs(0.8, x)


def _rec(s, x, n):
    if n == 0:
        return np.sum(x)
    return _rec(s, np.sin(x) * s, n - 1)


def recursive_returned_advised(x):
    return _rec(1.3, x, 2)


def lambda_returned_advised(x):
    return _lin(2.0, x) + _sin_scaled(x[0] * x[0], x)


def body_loop_advised(x):
    c = 0.0
    for i in range(3):
        c = c + x[0] * i
    return _sin_scaled(c, x)


def _if_c(s):
    if s > 0:
        return s
    return -s * 2.0


def body_if_advised(x):
    return _sin_scaled(_if_c(x[1]), x) + _sin_scaled(_if_c(1.5), x)


def body_print_advised(x):
    print("making", 2.0)
    return _sin_scaled(2.0, x)


def body_mutation_advised(x):
    c = np.zeros(3)
    c[0] = x[2]
    c[2] = x[2] * 2.0
    return _sin_scaled(c, x)


def body_counts_global_advised(x):
    return _lin(2.0, x)


def body_global_stmt_advised(x):
    return _lin(2.0 * (2.0 * 0.75), x)


def clash_global_local_advised(x):
    Wl = x * 3.0
    return np.sum(W * x * 2.0) + np.sum(Wl)


def stateful_box_advised(x):
    b = 1.0 + 1.0
    r = _lin(b, x)
    b = b + 1.0
    return r + _lin(b, x)


def stateful_nonlocal_advised(x):
    return stateful_box_advised(x)


def loop_variable_captured_advised(x):
    return _lin(2.0, x)


def conditional_def_advised(x):
    if x[0] > 0:
        r = _sin_scaled(x[0], x)
    else:
        r = _cos_scaled(x[0], x)
    return _cos_scaled(-1.0, x) + r


def two_returns_advised(x):
    return _cos_scaled(-1.0, x)


def star_params_advised(x):
    return np.sum(x * x[0] + 2.0)


def _sin_times(s, y):
    return np.sin(y) * s


def decorated_inner_advised(x):
    return np.sum(_sin_times(0.9, _sin_times(0.9, x)))


def calls_inside_factory_advised(x):
    c = np.sum(_sin_times(1.2, np.ones(3)))
    return np.sum(_sin_times(1.2, x) * c)


def keyword_to_returned_advised(x):
    return _sin_scaled(6.0, x) + _sin_scaled(2.0, x * 2.0)


def comprehension_body_advised(x):
    cs = [x[0] * i for i in range(3)]
    return np.sum(x * np.array(cs))


def imported_factory_advised(x):
    return np.sum(np.cos(x) * 2.0 * np.array([2.0, -1.0, 0.5]))


def imported_module_factory_advised(x):
    return _cos_scaled(2.0, x)


def local_factory_advised(x):
    return _sin_scaled(x[0] * 2.0, x)


def closure_factory_advised(x):
    return _sin_scaled(2.0 * x[1], x)


def helper_given_factory_fn_advised(x):
    return _sin_scaled(1.5, x) + _sin_scaled(3.0, x)


def reassigned_result_advised(x):
    return _sin_scaled(1.0, x) + _sin_scaled(2.0, x)


def in_comprehension_advised(x):
    return sum([_sin_scaled(s, x) for s in [1.0, -2.0]])


def in_generator_advised(x):
    return sum(_sin_scaled(s * x[0], x) for s in [1.0, -2.0])


def misc_statements_advised(x):
    c = x[1] * 2.0 * 3.0
    return np.sum(np.sin(x) * c + x[1] * (x[1] + 1.0))


def closure_writes_own_array_advised(x):
    c = np.ones(3) * 2.0
    c[0] = x[0]
    r = np.sum(c * x)
    c[0] = x[0] * 2.0
    return r + np.sum(c * x * 2.0)


def view_arg_written_later_advised(x):
    v = x * 3.0
    v[0] = 1.0
    return np.sum(x[:2] * v[:2])


def copy_before_arg_write_advised(x):
    v = x * 3.0
    c = v * 1.0
    np.multiply(v, 2.0, out=v)
    return _lin(c, v)


def view_before_arg_write_advised(x):
    v = x * 3.0
    np.multiply(v, 2.0, out=v)
    return _lin(v, v)


def inplace_op_after_advised(x):
    v = x * 3.0
    c = v * 1.0
    v = v * 2.0
    return _lin(c, v) + _lin(c, x)


def inplace_op_after_alias_advised(x):
    v = x * 3.0
    v = v * 2.0
    return _lin(v, x)


def helper_with_bump_advised(x):
    return _sin_scaled(2.0, x) + _sin_scaled(2.0, x) + 1.0


def star_inner_advised(x):
    return np.sum(x * 2.0) + np.sum(x * x)


def chained_call_result_advised(x):
    t = _sin_scaled(1.5, x)
    return np.sum(np.sin(x) * t + 3.0 * x)


def function_default_in_factory_advised(x):
    return np.sum(np.sin(x * 1.5)) + np.sum(np.cos(x * 0.5))


def _twice_sin(s, y):
    return _sin_scaled(s, y) * 2.0


def used_in_inner_def_advised(x):
    return _twice_sin(2.0, x) + _twice_sin(2.0, x * x)


def used_in_caller_lambda_advised(x):
    return _twice_sin(-1.5, x)
