"""Adversarial functools.partial programs (adv17)."""

import functools
from functools import partial

import numpy as np

import pullback as pb

W0 = np.array([[0.5, 0.1, -0.3], [0.2, -0.4, 0.8], [0.1, 0.9, -0.6]])


def layer(W, h, act=np.tanh):
    return act(h @ W)


def scale(a, h, p=1.0):
    return a * h ** 2 + p * h


def bump(A, h):
    A += 1.0
    return A * h


def apply(fn, v):
    return fn(v)


def own_positional(x, W):
    g = partial(layer, W)
    return np.sum(g(x))


def np_multiply_of_x(x):
    g = partial(np.multiply, x)
    return np.sum(g(x) * np.sin(x))


def keyword_wins_differentiated(x, W):
    g = partial(scale, W[0], p=2.0)
    return np.sum(g(x, p=x))


def inplace_after_constant(x, W):
    A = W.copy()
    g = partial(layer, A)
    A[0] = 5.0
    return np.sum(g(x))


def inplace_after_differentiated(x):
    A = np.zeros(3)
    g = partial(np.multiply, A)
    A[:] = x
    return np.sum(g(x))


def augassign_after(x):
    A = np.ones(3)
    g = partial(np.multiply, A)
    A += x
    return np.sum(g(x))


def inplace_through_view(x):
    A = np.zeros(3)
    V = A[:]
    g = partial(np.multiply, A)
    V[:] = np.cos(x)
    return np.sum(g(x))


def inplace_out_kwarg(x):
    A = np.zeros(3)
    g = partial(np.add, A)
    np.multiply(x, 3.0, out=A)
    return np.sum(g(x) * x)


def mutated_by_its_own_call(x):
    A = np.ones(3)
    g = partial(bump, A)
    return np.sum(g(x)) + np.sum(g(x) * x)


def mutated_between_calls(x):
    A = np.ones(3)
    g = partial(np.multiply, A)
    y = g(x)
    A *= 2.0
    A[1] = x[0]
    return np.sum(y) + np.sum(g(x) ** 2)


def rebound_scalar(x):
    s = np.sum(x)
    g = partial(np.multiply, s)
    s = s * 2.0
    return np.sum(g(x)) + s


def made_in_branch(x, W):
    if x[0] > 0:
        g = partial(layer, W, act=np.sin)
    else:
        g = partial(layer, W, act=np.cos)
    return np.sum(g(x))


def made_in_loop_kw(x):
    h = x
    for i in range(3):
        g = partial(scale, x, p=float(i))
        h = g(h) * 0.3
    return np.sum(h)


def called_in_loop(x, W):
    g = partial(layer, W, act=np.sin)
    h = x
    for _ in range(3):
        h = g(h)
    return np.sum(h)


def called_in_nested_def(x, W):
    g = partial(layer, W)

    def inner(v):
        return g(v) * 2.0

    return np.sum(inner(x))


def called_in_lambda(x, W):
    g = partial(layer, W)
    k = lambda v: g(v) + v
    return np.sum(k(x))


def passed_to_map(x, W):
    g = partial(layer, W)
    return sum(np.sum(y) for y in map(g, [x, 2.0 * x]))


def passed_to_sum_genexp(x):
    g = partial(scale, x)
    return sum(np.sum(g(v)) for v in [x, x * x])


def kept_in_dict(x, W):
    g = partial(layer, W)
    d = {"g": g}
    return np.sum(d["g"](x))


def returned_partial_helper(W):
    return partial(layer, W)


def returned_then_called(x, W):
    g = returned_partial_helper(W)
    return np.sum(g(x))


def partial_of_partial(x, W):
    h = partial(partial(layer, W), act=np.sin)
    return np.sum(h(x))


def partial_of_partial_override(x, W):
    g = partial(layer, W, act=np.sin)
    h = partial(g, act=np.cos)
    return np.sum(h(x))


def partial_of_lambda(x):
    g = partial(lambda a, b: a * np.sin(b), x)
    return np.sum(g(x))


def partial_of_local_def(x):
    c = x * 2.0

    def f(a, b):
        return a * b + c

    g = partial(f, x)
    c = c * 10.0
    return np.sum(g(np.cos(x)))


def function_name_rebound(x, W):
    fn = layer
    g = partial(fn, W)
    fn = scale
    return np.sum(g(x))


def act_rebound(x, W):
    act = np.cos
    g = partial(layer, W, act=act)
    act = np.sin
    return np.sum(g(x)) + np.sum(act(x))


def keyword_differentiated_arg(x, W):
    g = partial(layer, h=x)
    return np.sum(g(W))


def np_sum_axis(x):
    g = partial(np.sum, axis=0)
    return g(np.outer(x, x)) @ x


def np_clip_kw(x):
    g = partial(np.clip, x * 2.0, -0.5)
    return np.sum(g(0.5) * x)


def np_einsum(x):
    g = partial(np.einsum, "i,i->")
    return g(x, np.sin(x))


def np_power(x):
    g = partial(np.power, x)
    return np.sum(g(3.0))


def star_args(x, W):
    args = (W,)
    g = partial(layer, *args)
    return np.sum(g(x))


def star_kwargs(x, W):
    kw = {"act": np.sin}
    g = partial(layer, W, **kw)
    return np.sum(g(x))


def star_kwargs_mutated(x, W):
    kw = {"act": np.sin}
    g = partial(layer, W, **kw)
    kw["act"] = np.cos
    return np.sum(g(x))


def list_arg_mutated(x):
    L = [x]
    g = partial(np.concatenate, L)
    L.append(x * 2.0)
    return np.sum(g() ** 2)


def passed_to_user_function(x, W):
    g = partial(layer, W)
    return np.sum(apply(g, x))


def partial_attrs(x, W):
    g = partial(layer, W)
    return np.sum(g.func(g.args[0], x))


G_MODULE = partial(layer, W0, act=np.sin)


def module_level_partial(x):
    return np.sum(G_MODULE(x))


def multiple_values_error(x, W):
    g = partial(layer, W)
    return np.sum(g(x, W=W))


def method_partial(x):
    g = partial(np.ndarray.dot, x)
    return g(np.sin(x))


def default_bound(x, W):
    g = partial(scale, x)
    return np.sum(g(W[0]) + g(W[1], 3.0))


def stop_grad_arg(x):
    g = partial(np.multiply, pb.stop_gradient(x))
    return np.sum(g(x))


def partial_class_alias(x, W):
    P = functools.partial
    g = P(layer, W)
    return np.sum(g(x))


def shadowed_partial(x, W):
    partial = lambda f, *a: (lambda *b: f(*b))  # noqa: E731  (drops the bound args!)
    g = partial(layer, W)
    return np.sum(g(W, x))


def shadowed_partial_swaps(x, W):
    partial = lambda f, *a: (lambda h: f(h, *a))  # noqa: E731  (swaps the order)
    g = partial(layer, W)
    return np.sum(g(x))


def shadowed_partial_simple(x, W):
    partial = lambda f, a: (lambda h: f(h, a))  # noqa: E731
    g = partial(layer, W)
    return np.sum(g(x))


def shadowed_partial_def(x, W):
    def partial(f, a):
        return lambda h: f(h, a)
    g = partial(layer, W)
    return np.sum(g(x))



def local_def_shadows_layer(x, W):
    def layer(W, h):
        return np.sin(h) * W[0]
    g = partial(layer, W)
    return np.sum(g(x))


def local_lambda_shadows_layer(x, W):
    layer = lambda W, h: np.sin(h) * W[0]  # noqa: E731
    g = partial(layer, W)
    return np.sum(g(x))


def local_lambda_shadows_np_fn(x):
    multiply = lambda a, b: a + b  # noqa: E731
    g = partial(multiply, 2.0)
    return np.sum(g(x) * x)


def local_alias_of_partial(x, W):
    mk = partial
    g = mk(layer, W, act=np.sin)
    return np.sum(g(x))


def keyword_value_local_shadow(x, W):
    tanh = np.sin
    g = partial(layer, W, act=tanh)
    return np.sum(g(x))


def swap_maker(f, a):
    return lambda h: f(h, a)


def param_shadows_partial(x, W, partial=swap_maker):
    g = partial(layer, W)
    return np.sum(g(x))


def comprehension_shadows_partial(x, W):
    return sum([np.sum(partial(layer, W)(x)) for partial in (swap_maker,)])


def param_shadows_functools(x, W, functools=None):
    g = functools.partial(layer, W)
    return np.sum(g(x))


def float_augassign_after(x):
    s = np.sum(x)
    g = partial(np.multiply, s)
    s += 1.0
    return np.sum(g(x)) * s


def input_mutated_after(x):
    x = x.copy()
    g = partial(np.multiply, x)
    x[0] = 2.0
    return np.sum(g(x))


def param_mutated_after(x, W):
    g = partial(np.multiply, W)
    W[0, 0] = x[1]
    return np.sum(g(x))


def make_with_closure_partial(partial):
    def f(x, W):
        g = partial(layer, W)
        return np.sum(g(x))
    return f


closure_shadows_partial = make_with_closure_partial(swap_maker)
