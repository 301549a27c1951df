"""Minimal programs for the findings of the adv16 tests (strict xfails in
test_adv16.py)."""

import numpy as np


def make(s):
    def f(x):
        return np.sum(np.sin(x) * s)
    return f


# ---- CRASH: the returned function takes *args: NameError `_make_va_xs..` --------
def make_va(s):
    def f(*xs):
        return np.sum(xs[0] * s)
    return f


def varargs_returned(x):
    return make_va(2.0)(x)


# ---- CRASH: a factory call inside the argument of another factory call ----------
# UnboundLocalError: cannot access local variable '_make_s..'
def factory_of_factory_value(x):
    return make(make(1.5)(x))(x)


# ---- ADVICE: memory refusal names the inlined parameter `_make_arr_v..` and
# advises `_make_arr_v2 = (v).copy()`, a line the user cannot write -------------
def make_arr(v):
    def f(x):
        return np.sum(x * v)
    return f


def closure_array_written_later(x):
    v = x * 2.0
    g = make_arr(v)
    v[0] = x[1] * x[2]
    return g(x)


# ---- ADVICE: a factory defining a helper def used by the returned function:
# "which function `_make_two_inner..` is: the local name ... is assigned more than once"
def make_two(s):
    def inner(y):
        return np.sin(y) * s
    def f(x):
        return np.sum(inner(x))
    return f


def helper_def_in_factory(x):
    return make_two(0.8)(x)


# ---- ADVICE: the returned function writes into an array of the factory: "indexed
# assignment into the argument `_make_box_box..` ... copy it first, at the top of
# the function" (no such argument, no such line the user can write) --------------
def make_box(s):
    box = np.ones(1) * s
    def f(x):
        box[0] = box[0] + 1.0
        return np.sum(x * box[0])
    return f


def closure_writes_factory_array(x):
    g = make_box(1.0)
    return g(x) + g(x)
