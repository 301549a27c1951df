"""Closure factories, the way autograd and JAX users write them: a function that
defines a function and returns it, called in differentiated code (issue 11).
Each is checked against torch float64 and central differences (test_factories)."""

import numpy as np

W = np.array([0.5, -1.0, 2.0])


def make(scale):
    def f(x):
        return np.sum(np.sin(x) * scale)
    return f


def make_layer(a, b=2.0, *, shift=0.25):
    """Computes before the def; the def reads a parameter and a local."""
    c = a * b
    def layer(h):
        return np.tanh(h * c) + a + shift
    return layer


def make_with_global(k):
    def f(x):
        return np.sum(W * x * k)
    return f


def called_at_once(x):
    return make(2.0)(x)


def bound_then_called(x):
    g = make(3.0)
    return g(x) + g(x * 2.0)


def two_from_one_factory(x):
    """Each function keeps its own scale (no shared names between inlinings)."""
    g1 = make(1.0)
    g2 = make(-2.0)
    return g1(x) * g2(x) + g1(x * x)


def differentiated_argument(x, w):
    g = make_layer(w[0], w[1], shift=w[2])
    return np.sum(g(x) ** 2)


def in_a_loop(x):
    total = 0.0
    for s in [0.5, 1.5, -1.0]:
        g = make(s * np.sum(x))
        total = total + g(x)
    return total


def layered(x, w):
    h = x
    for i in range(2):
        h = make_layer(w[i])(h)
    return np.sum(h)


def factory_reads_global(x):
    return make_with_global(x[0])(x)


def caller_hides_the_global(x):
    """``W`` here is the caller's own: make_with_global's W is the module's; pullback
    must not inline make_with_global into this function (refused or right)."""
    W = x * 3.0
    return make_with_global(2.0)(x) + np.sum(W)


def _with_global(k, x):
    return np.sum(W * x * k)


def caller_hides_the_global_advised(x):
    """The refusal's advice: the function defined with def, what it closed over as a
    parameter, called by its name."""
    W = x * 3.0
    return _with_global(2.0, x) + np.sum(W)


def make_halving(s):
    def f(x):
        if s > 1.0:
            return make_halving(s / 2.0)(x) * 2.0
        return np.sin(x) * s
    return f


def recursive_factory(x):
    """The returned function calls its own factory: inlined once, then refused
    (not inlined forever)."""
    return np.sum(make_halving(3.0)(x))


def local_named_like_the_factory(x):
    """``make`` here is the caller's own lambda, not the module's factory."""
    make = lambda s: (lambda v: v * s * 3.0)  # noqa: E731
    return np.sum(make(2.0)(x))
