"""More adversarial partial programs (adv17): shadowed names, partial attributes, alias mutation."""

import functools
from functools import partial as ft_partial

import numpy as np


def layer(W, h, act=np.tanh):
    return act(h @ W)


def scale(a, h, p=1.0):
    return a * h ** 2 + p * h


def fill(A, v):
    A[:] = v


def partial(f, a):
    """Not functools.partial: swaps the argument order."""
    return lambda h: f(h, a)


def module_partial_is_not_functools(x, W):
    g = partial(layer, W)
    return np.sum(g(x))


def local_shadow_def(x, W):
    def partial(f, a):
        return lambda h: f(a * 2.0, h)
    g = partial(layer, W)
    return np.sum(g(x))


def keywords_dict_mutated(x, W):
    g = ft_partial(layer, W, act=np.sin)
    g.keywords["act"] = np.cos
    return np.sum(g(x))


def keyword_bound_positional_collides(x, W):
    g = ft_partial(scale, a=x)
    return np.sum(g(W[0]))


def keyword_then_positional_collides(x, W):
    g = ft_partial(scale, p=2.0)
    return np.sum(g(x, W[0], 3.0))


def made_in_loop_called_after(x):
    for i in range(3):
        g = ft_partial(scale, x, p=float(i))
    return np.sum(g(x))


def mutated_in_loop(x):
    A = np.zeros(3)
    g = ft_partial(np.multiply, A)
    y = np.zeros(3)
    for i in range(3):
        A[i] = x[i]
        y = y + g(x)
    return np.sum(y)


def mutated_by_helper(x):
    A = np.zeros(3)
    g = ft_partial(np.multiply, A)
    fill(A, x)
    return np.sum(g(x))


def mutated_through_earlier_alias(x):
    A = np.zeros(3)
    B = A
    g = ft_partial(np.multiply, B)
    A[:] = np.sin(x)
    return np.sum(g(x))


def mutated_inside_tuple(x):
    A = np.zeros(3)
    g = ft_partial(np.concatenate, (A, x))
    A[:] = x * 2.0
    return np.sum(g() ** 2)


def mutated_row_of_matrix(x, W):
    M = W.copy()
    g = ft_partial(layer, M)
    M[1] = x
    return np.sum(g(x))


def mutated_via_reshape_view(x):
    A = np.zeros((3, 1))
    g = ft_partial(np.multiply, A.reshape(3))
    A[:, 0] = x
    return np.sum(g(x))


def mutated_base_of_bound_view(x):
    A = np.zeros(6)
    g = ft_partial(np.multiply, A[:3])
    A[:3] = x
    return np.sum(g(x))


def conditional_call(x, W):
    g = ft_partial(layer, W)
    return np.sum(g(x) if x[0] > 0 else g(-x))


def functools_dot(x, W):
    g = functools.partial(scale, W[0], p=np.cos(x))
    return np.sum(g(x))


def list_of_map(x, W):
    g = ft_partial(layer, W)
    return np.sum(np.stack(list(map(g, [x, 2.0 * x]))))


def map_direct(x, W):
    return np.sum(np.stack(list(map(ft_partial(layer, W), [x, 2.0 * x]))))


def differentiated_keyword_override(x, W):
    g = ft_partial(scale, x, p=np.sum(W))
    return np.sum(g(W[0], p=x * x))


def param_named_partial(x, partial):
    g = ft_partial(np.multiply, partial)
    return np.sum(g(x))


def local_shadow_lambda(x, W):
    partial = lambda f, a: (lambda h: f(h, a))  # noqa: E731  (not functools.partial)
    g = partial(layer, W)
    return np.sum(g(x))


def local_shadow_lambda_called_at_once(x, W):
    partial = lambda f, a: (lambda h: f(h, a))  # noqa: E731
    return np.sum(partial(layer, W)(x))


def bump(A, h):
    A += 1.0
    return A * h


def bump_direct(x):
    A = np.ones(3)
    return np.sum(bump(A, x)) + np.sum(bump(A, x) * x)


def local_shadow_varargs_lambda(x, W):
    partial = lambda f, *a: (lambda h: f(h, *a))  # noqa: E731  (swaps the order)
    g = partial(layer, W)
    return np.sum(g(x))


def local_shadow_varargs_drops(x, W):
    partial = lambda f, *a: (lambda *b: f(*b))  # noqa: E731  (drops the bound args)
    g = partial(np.multiply, W[0])
    return np.sum(g(x, x))
