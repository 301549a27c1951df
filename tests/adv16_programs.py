"""Adversarial closure-factory programs (adv16). Each takes x of shape (3,) (and
sometimes w of shape (3,)) and returns a scalar. Twins named ``*_advised`` apply the
advice of a refusal literally."""

import numpy as np

import adv16_helpers
from adv16_helpers import make_other

W = np.array([0.5, -1.0, 2.0])
COUNT = [0]
SCALES = [1.0, 2.0]
G = 1.5


# ------------------------------------ factories ------------------------------------

def make(s):
    def f(x):
        return np.sum(np.sin(x) * s)
    return f


def make_def_num(s, t=3.0):
    def f(x):
        return np.sum(np.sin(x) * s + t * x)
    return f


def make_def_arr(s, v=np.array([1.0, 2.0, 3.0])):
    def f(x):
        return np.sum(np.sin(x * v) * s)
    return f


def make_def_none(s, v=None):
    if v is None:
        v = np.ones(3) * 2.0
    def f(x):
        return np.sum(np.sin(x * v) * s)
    return f


def make_kwonly(*, s, t=1.0):
    def f(x):
        return np.sum(np.tanh(x * s) + t)
    return f


def make_arr(v):
    def f(x):
        return np.sum(x * v)
    return f


def make_arr_copy(v):
    c = v * 1.0
    def f(x):
        return np.sum(x * c)
    return f


def make_clash(W):
    x = W * 2.0
    h = x + 1.0
    def f(y):
        return y * x + h
    return f


def make_shadow(s):
    x = s * 3.0
    def f(x):
        return np.sum(x * x)
    return f


def make_late(s):
    c = s
    def f(x):
        return np.sum(x * c)
    c = s * 10.0          # the closure sees this binding
    return f


def make_state(s):
    box = [s]
    def f(x):
        box[0] = box[0] + 1.0
        return np.sum(x * box[0])
    return f


def make_nonlocal(s):
    c = s
    def f(x):
        nonlocal c
        c = c + 1.0
        return np.sum(x * c)
    return f


def make_outer(s):
    def f(x):
        return make(s * 2.0)(x) + np.sum(x * s)
    return f


def make_two_defs(s):
    def inner(y):
        return np.sin(y) * s
    def f(x):
        return np.sum(inner(x) + inner(x * 2.0))
    return f


def make_recursive(s):
    def f(x, n=2):
        if n == 0:
            return np.sum(x)
        return f(np.sin(x) * s, n - 1)
    return f


def make_default_local(s):
    c = s * 2.0
    def f(x, k=c):
        return np.sum(np.sin(x) * k)
    return f


def make_lambda(s):
    return lambda x: np.sum(x * s)


def make_lambda_local(s):
    c = s * s
    return lambda x: np.sum(np.sin(x) * c)


def make_loop_body(s):
    c = 0.0
    for i in range(3):
        c = c + s * i
    def f(x):
        return np.sum(np.sin(x) * c)
    return f


def make_if_body(s):
    if s > 0:
        c = s
    else:
        c = -s * 2.0
    def f(x):
        return np.sum(np.sin(x) * c)
    return f


def make_print(s):
    print("making", s)
    def f(x):
        return np.sum(np.sin(x) * s)
    return f


def make_mutation(s):
    c = np.zeros(3)
    c[0] = s
    c[2] = s * 2.0
    def f(x):
        return np.sum(np.sin(x) * c)
    return f


def make_counts(s):
    COUNT[0] += 1
    def f(x):
        return np.sum(x * s)
    return f


def make_global_g(s):
    global G
    G = s * 0.75
    def f(x):
        return np.sum(x * s * G)
    return f


def make_loopvar():
    for i in range(3):
        pass
    def f(x):
        return np.sum(x * i)
    return f


def make_cond_def(s):
    if s > 0:
        def f(x):
            return np.sum(np.sin(x) * s)
    else:
        def f(x):
            return np.sum(np.cos(x) * s)
    return f


def make_two_returns(s):
    def f1(x):
        return np.sum(np.sin(x) * s)
    def f2(x):
        return np.sum(np.cos(x) * s)
    if s > 0:
        return f1
    return f2


def make_star(*ss):
    def f(x):
        return np.sum(x * ss[0] + ss[1])
    return f


def make_act(act, s):
    def f(x):
        return np.sum(act(x) * s)
    return f


def make_decorated(s):
    def twice(fn):
        def w(y):
            return fn(fn(y))
        return w
    @twice
    def f(x):
        return np.sin(x) * s
    return f


def make_named_g(s):
    g = s * 2.0
    def f(x):
        return np.sum(x * g)
    return f


def make_reads_x(k):
    x = k + 1.0
    def f(h):
        return np.sum(h * x)
    return f


def make_calls_inside(s):
    def f(x):
        return np.sin(x) * s
    c = np.sum(f(np.ones(3)))
    def g(x):
        return np.sum(f(x) * c)
    return g


def make_kwcall(s):
    def f(x, scale=1.0):
        return np.sum(np.sin(x) * s * scale)
    return f


def make_comp(s):
    cs = [s * i for i in range(3)]
    def f(x):
        return np.sum(x * np.array(cs))
    return f


def make_via(s):
    return make(s * 3.0)


def make_global_reader(s):
    def f(x):
        return np.sum(W * x * s)
    return f


def _apply(fn, x):
    return fn(x)


def _get(s):
    return make(s)


def _helper(x):
    return make(2.0)(x) + np.sum(x)


def _helper_passed(fn, x):
    g = make(3.0)
    return fn(x) + g(x)


def _pop_value():
    return SCALES[-1]


# ------------------------------------ programs -------------------------------------

def default_number(x):
    return make_def_num(2.0)(x)


def default_number_overridden(x):
    return make_def_num(2.0, t=x[0])(x)


def default_array(x):
    return make_def_arr(1.5)(x)


def default_none(x):
    g = make_def_none(0.5)
    h = make_def_none(0.5, x * 0.5)
    return g(x) + h(x)


def kwonly_args(x):
    return make_kwonly(s=2.0)(x) + make_kwonly(t=x[1], s=x[0])(x)


def by_keyword(x):
    return make(s=x[0] * 2.0)(x)


def star_call(x):
    return make(*(x[1],))(x) + make(**{"s": 3.0})(x)


def wrt_factory_arg(x, w):
    g = make_def_num(w[0], w[1])
    return g(x) * w[2]


def arg_rebound_later(x):
    s = x[0]
    g = make(s)
    s = x[1] * 10.0
    return g(x) + s


def arg_array_written_later(x):
    v = x * 2.0
    g = make_arr(v)
    v[0] = x[1] * x[2]          # the closure holds v's array: sees the write
    return g(x)


def arg_array_copied_then_written(x):
    v = x * 2.0
    g = make_arr_copy(v)
    v[0] = x[1] * x[2]          # the factory's copy does not see it
    return g(x) + np.sum(v)


def arg_side_effect(x):
    L = [1.0, 2.0, 3.0]
    g = make(L.pop())
    return g(x) + g(x * 2.0) + len(L)


def arg_helper_call(x):
    g = make(_pop_value())
    return g(x) + g(x)


def interleaved(x):
    g1 = make(1.5)
    g2 = make_two_defs(-0.5)
    a = g1(x)
    b = g2(x)
    c = g1(x * b)
    return a * b + c + g2(x * a)


def loop_args(x):
    total = 0.0
    for i in range(3):
        g = make_def_num(float(i) + 0.5, t=x[i])
        total = total + g(x)
    return total


def loop_chain(x):
    g = make(0.7)
    h = x
    for i in range(3):
        h = h + g(h)
    return np.sum(h)


def branch_choice(x):
    if x[0] > 0:
        g = make(1.0)
    else:
        g = make(2.0)
    return g(x)


def branch_choice_advised(x):
    if x[0] > 0:
        r = make(1.0)(x)
    else:
        r = make(2.0)(x)
    return r


def in_list(x):
    fs = [make(1.0), make(-2.0)]
    return fs[0](x) + fs[1](x * 2.0)


def in_list_loop(x):
    total = 0.0
    for fn in [make(1.0), make(-2.0)]:
        total = total + fn(x)
    return total


def in_dict(x):
    d = {"a": make(1.0), "b": make(3.0)}
    return d["a"](x) * d["b"](x)


def in_tuple(x):
    g, h = make(1.0), make(-3.0)
    return g(x) + h(x)


def passed_to_helper(x):
    return _apply(make(2.0), x)


def passed_bound(x):
    g = make(2.5)
    return _apply(g, x * 2.0) + g(x)


def returned_by_helper(x):
    return _get(2.0)(x)


def factory_via_factory(x):
    return make_via(0.5)(x)


def called_after_change(x):
    s = 1.0
    g = make(s * x[0])
    s = 5.0
    x = x * s
    return g(x)


def nested_factory_call(x):
    return make_outer(1.5)(x)


def two_defs_one_returned(x):
    return make_two_defs(0.8)(x)


def recursive_returned(x):
    return make_recursive(1.3)(x)


def default_from_local(x):
    g = make_default_local(0.6)
    return g(x) + g(x, 2.0)


def lambda_returned(x):
    return make_lambda(2.0)(x) + make_lambda_local(x[0])(x)


def body_loop(x):
    return make_loop_body(x[0])(x)


def body_if(x):
    return make_if_body(x[1])(x) + make_if_body(1.5)(x)


def body_print(x):
    return make_print(2.0)(x)


def body_mutation(x):
    return make_mutation(x[2])(x)


def body_counts_global(x):
    g = make_counts(2.0)
    return g(x) * COUNT[0] / COUNT[0]


def body_global_stmt(x):
    g = make_global_g(2.0)
    return g(x)


def clash_names(x):
    W = x * 0.5
    h = np.cos(x)
    g = make_clash(W)
    return np.sum(g(h) * x) + np.sum(h)


def clash_shadow_param(x):
    return make_shadow(x[0])(x)


def clash_caller_x(x):
    g = make_reads_x(x[0])
    return g(x) + np.sum(x)


def clash_named_g(x):
    g = make_named_g(x[1])
    return g(x)


def clash_global_local(x):
    W = x * 3.0
    g = make_global_reader(2.0)
    return g(x) + np.sum(W)


def clash_global_local_advised(x):
    W = x * 3.0
    return _global_reader(2.0, x) + np.sum(W)


def _global_reader(s, x):
    return np.sum(W * x * s)


def late_binding(x):
    return make_late(0.5)(x)


def stateful_box(x):
    g = make_state(1.0)
    return g(x) + g(x)


def stateful_nonlocal(x):
    g = make_nonlocal(1.0)
    return g(x) + g(x)


def loop_variable_captured(x):
    return make_loopvar()(x)


def conditional_def(x):
    return make_cond_def(-1.0)(x) + make_cond_def(x[0])(x)


def two_returns(x):
    return make_two_returns(-1.0)(x)


def star_params(x):
    return make_star(x[0], 2.0)(x)


def function_argument(x):
    return make_act(np.tanh, 2.0)(x) + make_act(lambda v: v * v, x[0])(x)


def decorated_inner(x):
    return np.sum(make_decorated(0.9)(x))


def calls_inside_factory(x):
    return make_calls_inside(1.2)(x)


def keyword_to_returned(x):
    g = make_kwcall(2.0)
    return g(x, scale=3.0) + g(x=x * 2.0)


def comprehension_body(x):
    return make_comp(x[0])(x)


def imported_factory(x):
    return make_other(2.0)(x)


def imported_module_factory(x):
    return adv16_helpers.make_plain(2.0)(x)


def local_factory(x):
    def mk(s):
        c = s * 2.0
        def f(y):
            return np.sum(np.sin(y) * c)
        return f
    return mk(x[0])(x)


def closure_factory(x):
    k = x[1]
    def mk(s):
        def f(y):
            return np.sum(np.sin(y) * s * k)
        return f
    return mk(2.0)(x)


def in_helper(x):
    return _helper(x) * 2.0


def helper_given_factory_fn(x):
    return _helper_passed(make(1.5), x)


def factory_of_x(x):
    g = make_arr(x)
    return g(x * 2.0)


def reassigned_result(x):
    g = make(1.0)
    a = g(x)
    g = make(2.0)
    return a + g(x)


def result_returned_twice_called(x):
    g = make_outer(0.5)
    return g(g(x) * x)


# ------------------------------ second round -----------------------------------

def make_default_then_rebind(s):
    def f(x, k=s):
        return np.sum(np.sin(x) * k * s)
    s = s * 10.0
    return f


def make_misc_stmts(s):
    """Docstring."""
    c: float = s * 2.0
    c *= 3.0
    a, b = s, s + 1.0
    assert True
    def f(x):
        return np.sum(np.sin(x) * c + a * b)
    return f


def make_writes_own(s):
    c = np.ones(3) * s
    def f(x):
        c[0] = x[0]
        return np.sum(c * x)
    return f


def make_view(v):
    c = v[:2]
    def f(x):
        return np.sum(x[:2] * c)
    return f


def make_star_inner(s):
    def f(*xs):
        return np.sum(xs[0] * s) + np.sum(xs[1])
    return f


def _bump(L):
    L.append(1.0)
    return float(len(L))


def loop_then_use(x):
    for s in [1.0, 2.0, 3.0]:
        g = make(s)
    return g(x)


def in_comprehension(x):
    return sum([make(s)(x) for s in [1.0, -2.0]])


def in_generator(x):
    return sum(make(s * x[0])(x) for s in [1.0, -2.0])


def default_then_rebind(x):
    return make_default_then_rebind(x[0])(x)


def misc_statements(x):
    return make_misc_stmts(x[1])(x)


def closure_writes_own_array(x):
    g = make_writes_own(2.0)
    return g(x) + g(x * 2.0)


def view_arg_written_later(x):
    v = x * 3.0
    g = make_view(v)
    v[0] = 1.0
    return g(x)


def copy_before_arg_write(x):
    v = x * 3.0
    return make_arr_copy(v)(np.multiply(v, 2.0, out=v))


def view_before_arg_write(x):
    v = x * 3.0
    return make_arr(v[:3])(np.multiply(v, 2.0, out=v))


def inplace_op_after(x):
    v = x * 3.0
    g = make_arr_copy(v)
    v *= 2.0
    return g(v) + g(x)


def inplace_op_after_alias(x):
    v = x * 3.0
    g = make_arr(v)
    v *= 2.0
    return g(x)


def caller_local_same_as_factory_local(x):
    g = make_late(2.0)
    c = x * 100.0
    return g(x) + np.sum(c)


def caller_uses_internal_name(x):
    _make_s1 = x * 7.0
    _make_late_c1 = x * 3.0
    return make(2.0)(x) + make_late(x[0])(x) + np.sum(_make_s1 * _make_late_c1)


def caller_s_vs_factory_s(x):
    s = x[1]
    g = make(x[0])
    return g(x) * s


def keyword_same_name(x):
    s = x[2] * 2.0
    g = make(s=s)
    s = 0.0
    return g(x) + s


def star_inner(x):
    return make_star_inner(2.0)(x, x * x)


def x_rebound_after(x):
    g = make_arr(x)
    x = x * 2.0
    return g(x)


def helper_with_bump(x):
    L = [1.0]
    g = make(_bump(L))
    return g(x) + g(x) + L[0]


def nested_factories_deep(x, w):
    g = make_outer(w[0])
    h = make_default_local(w[1])
    return g(h(x) * x) + h(x * w[2])


def chained_call_result(x):
    return make_def_num(make(1.5)(x))(x)


def factory_arg_is_factory_result_value(x):
    a = make(2.0)(x)
    g = make_arr(x * a)
    return g(x)


GF = make(2.0)
GA_ARR = np.array([1.0, 2.0, 3.0])
GFA = make_arr(GA_ARR)


def global_closure_value(x):
    return GF(x) + GFA(x)


# ------------------------------ third round ------------------------------------

H = 1.0


def make_def_global(s, t=H):
    def f(x, k=H):
        return np.sum(np.sin(x) * s * t + k * x)
    return f


H = 4.0                    # the defaults above keep 1.0


def make_act_local(s):
    act = np.tanh
    def f(x):
        return np.sum(act(x) * s)
    return f


def make_act_default(s, act=np.sin):
    def f(x):
        return np.sum(act(x * s))
    return f


def global_default_rebound(x):
    return make_def_global(2.0)(x) + H


def function_local_in_factory(x):
    return make_act_local(x[0])(x)


def function_default_in_factory(x):
    return make_act_default(1.5)(x) + make_act_default(0.5, act=np.cos)(x)


def default_of_differentiated(x, w):
    g = make_default_local(w[0] * w[1])
    return g(x) * w[2] + g(x * w[2], w[1])


def used_in_inner_def(x):
    g = make(2.0)
    def inner(y):
        return g(y) * 2.0
    return inner(x) + inner(x * x)


def used_in_caller_lambda(x):
    g = make(-1.5)
    h = lambda y: g(y) * 2.0
    return h(x)


def while_loop_factory(x):
    h = x
    k = 0
    while k < 3:
        g = make_arr_copy(h * 0.5)
        h = np.sin(h) + g(h)
        k = k + 1
    return np.sum(h)


def scalar_and_array_calls(x):
    g = make_def_num(1.5)
    return g(x) + g(x[0]) * g(x[1:])


def top_level_closure(x):
    return GF(x) * GFA(x * x)


def wrt_through_nested_factory(x, w):
    g = make_outer(w[0])
    return g(x * w[1]) + make_layer_like(w[2], b=w[0])(x)


def make_layer_like(a, b=2.0, *, shift=0.25):
    c = a * b
    def layer(h):
        return np.sum(np.tanh(h * c) + a + shift)
    return layer
