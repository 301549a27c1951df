"""functools.wraps decorators, as users write them."""
import functools

import numpy as np


def triple(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return 3 * fn(*args, **kwargs)
    return wrapper


def scale_by(c):
    def deco(fn):
        @functools.wraps(fn)
        def wrapper(x):
            return c * fn(x)
        return wrapper
    return deco


def shift_input(fn):
    @functools.wraps(fn)
    def wrapper(x):
        return fn(x + 1.0)
    return wrapper


def plus_first_squared(fn):
    @functools.wraps(fn)
    def wrapper(*args):
        return fn(*args) + np.sum(args[0] ** 2)
    return wrapper


def keywords_only(fn):
    @functools.wraps(fn)
    def wrapper(**kw):
        return 4.0 * fn(**kw)
    return wrapper


def with_own_default(fn):
    @functools.wraps(fn)
    def wrapper(x, scale=2.5):
        return scale * fn(x)
    return wrapper


def applied_twice(fn):
    @functools.wraps(fn)
    def wrapper(x):
        return fn(fn(x))
    return wrapper


def nowraps(fn):
    def wrapper(*args, **kwargs):
        return 3 * fn(*args, **kwargs)
    return wrapper


def rebinds_args(fn):
    @functools.wraps(fn)
    def wrapper(*args):
        args = (args[0] * 2.0,)  # <- here
        return fn(*args)
    return wrapper


@triple
def tripled(x):
    return np.sum(x ** 2)


@triple
def tripled_sin(x):
    return np.sin(x)


@triple
def tripled_with_default(x, c=2.0):
    return np.sum(np.sin(x) * c)


@scale_by(2.5)
def scaled(x):
    return np.sum(x ** 3)


@shift_input
def shifted(x):
    return np.sum(x ** 2)


@triple
@shift_input
def stacked(x):
    return np.sum(np.exp(x))


@plus_first_squared
def first_squared(x):
    return np.sum(np.exp(x))


@keywords_only
def by_keyword(x):
    return np.sum(x * np.sin(x))


@with_own_default
def own_default(x):
    return np.sum(x ** 3)


@applied_twice
def twice(x):
    return np.sin(x)


@nowraps
def tripled_nowraps(x):
    return np.sum(x ** 2)


@rebinds_args
def doubled_input(x):
    return np.sum(x ** 2)


def calls_tripled(x):
    return np.sum(tripled_sin(x))


def calls_with_keyword(x):
    return tripled_with_default(x, c=3.0) + tripled_with_default(x)


def calls_by_keyword(x):
    return by_keyword(x=x)


def calls_twice(x):
    return np.sum(twice(x))


def calls_rebinding(x):
    return doubled_input(x)
