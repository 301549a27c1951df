"""Calls to user functions, recursion, closures, lambdas, module-level constants."""

import numpy as np

from . import NULL_PB as pb  # noqa: F401
from . import program

W_CONST = np.array([[0.5, -1.0, 0.25],
                    [1.5, 0.75, -0.5]])
B_CONST = np.array([0.1, -0.2, 0.3])
ALPHA = 0.3
SCALES = (0.5, 2.0, -1.0)


def _affine(x, w, b):
    return x @ w + b


def _scaled_tanh(x, scale=2.0, shift=0.0):
    return scale * np.tanh(x + shift)


def _square_sum(v):
    return np.sum(v * v)


def _layer(x, w, b):
    return _scaled_tanh(_affine(x, w, b), scale=1.0)


def _recursive(x, depth):
    if depth == 0:
        return x
    return _recursive(np.sin(x) * x, depth - 1) + x


def _power(x, n):
    """x**n by recursive squaring."""
    if n == 0:
        return np.ones_like(x)
    if n % 2 == 0:
        half = _power(x, n // 2)
        return half * half
    return x * _power(x, n - 1)


def _split(x):
    return x[:2] * 2.0, x[2:] - 1.0


def _branchy(x, flag):
    if flag:
        return np.sum(x ** 2)
    else:
        return np.sum(np.cos(x))


def _running(x, steps):
    y = x
    for _ in range(steps):
        y = 0.5 * (y + np.sin(y))
    return y


def _leaky(x):
    return np.where(x > 0, x, ALPHA * x)


_cube = lambda t: t * t * t  # noqa: E731  (a module-level lambda)


@program(args=lambda rng: (rng.standard_normal((2, 4)), rng.standard_normal((4, 3)),
                           rng.standard_normal(3)), wrt=(0, 1, 2), tags=("call",))
def call_positional(x, w, b):
    return _square_sum(_affine(x, w, b))


@program(args=lambda rng: (rng.standard_normal(4),), tags=("call", "kwargs", "defaults"))
def call_keyword_and_default(x):
    a = _scaled_tanh(x)
    b = _scaled_tanh(x, shift=0.5)
    c = _scaled_tanh(x, 3.0)
    d = _scaled_tanh(x=x * 2.0, shift=-0.1, scale=0.5)
    return np.sum(a * b + c - d)


@program(args=lambda rng: (rng.standard_normal((2, 3)), rng.standard_normal((3, 3)),
                           rng.standard_normal(3)), wrt=(0, 1, 2), tags=("call", "nested-calls"))
def nested_calls(x, w, b):
    h = _layer(_layer(x, w, b), w, b)
    return _square_sum(h) + _square_sum(_affine(h, w, b))


@program(args=lambda rng: (rng.uniform(-1, 1, 3), 4), tags=("call", "recursion", "int-args"))
def recursive_depth(x, depth):
    return np.sum(_recursive(x, depth))


@program(args=lambda rng: (rng.uniform(0.5, 1.2, 3),), tags=("call", "recursion"))
def recursive_power(x):
    return np.sum(_power(x, 7) + _power(x, 2))


@program(args=lambda rng: (rng.standard_normal(5),), tags=("call", "tuple-return", "tuple-unpack"))
def call_returning_tuple(x):
    a, b = _split(x)
    return np.sum(a ** 2) + np.sum(b ** 3)


@program(args=lambda rng: (rng.standard_normal(3),), tags=("call", "return"))
def call_with_branch_returns(x):
    return _branchy(x, True) + _branchy(x * 2.0, False) + _branchy(x, x.sum() > 100)


@program(args=lambda rng: (rng.standard_normal(4),), tags=("call", "for-range"))
def call_helper_with_loop_twice(x):
    return np.sum(_running(x, 3) * _running(x * 0.5, 5))


@program(args=lambda rng: (rng.standard_normal(3), rng.standard_normal(3)), wrt=(0, 1),
         tags=("closure",))
def closure_reads_locals(x, y):
    scale = x.sum()

    def inner(t):
        return t * scale + y

    return np.sum(inner(x) * inner(y))


@program(args=lambda rng: (rng.standard_normal(3), rng.standard_normal(3)), wrt=(0, 1),
         tags=("closure", "for-range"))
def closure_in_loop(x, w):
    def step(h, k):
        return np.tanh(h * w + k)

    h = x
    for k in range(3):
        h = step(h, float(k))
    return np.sum(h)


@program(args=lambda rng: (rng.standard_normal(4), rng.standard_normal(4)), wrt=(0, 1),
         tags=("lambda",))
def lambda_assigned(x, c):
    sq = lambda t: t * t + c  # noqa: E731
    mix = lambda a, b=2.0: a * b - c  # noqa: E731
    return np.sum(sq(x) * mix(x)) + np.sum(mix(c, 0.5))


@program(args=lambda rng: (rng.standard_normal(3),), tags=("lambda", "global"))
def module_lambda(x):
    return np.sum(_cube(x) + _cube(np.sin(x)))


@program(args=lambda rng: (rng.standard_normal((4, 2)),), tags=("global",))
def global_constants(x):
    h = np.tanh(x @ W_CONST + B_CONST)
    return np.sum(h * B_CONST)


@program(args=lambda rng: (rng.standard_normal(6),), tags=("global", "call", "where"))
def global_scalar_leaky(x):
    return np.sum(_leaky(x) ** 2) + ALPHA * np.sum(x)


@program(args=lambda rng: (rng.standard_normal(3),), tags=("global", "for-tuple"))
def global_tuple_loop(x):
    s = 0.0
    for c in SCALES:
        s = s + np.sum(np.sin(c * x))
    return s


@program(args=lambda rng: (rng.standard_normal(4),), kwargs={"temperature": 0.7, "power": 2},
         tags=("kwargs", "call"))
def top_level_kwargs(x, temperature=1.0, power=1):
    """Called with keyword arguments (constants) at the top level."""
    z = x / temperature
    return np.sum(np.exp(z) ** power) / np.sum(np.exp(z))


@program(args=lambda rng: (rng.standard_normal((2, 3)), rng.standard_normal((3, 2)),
                           rng.standard_normal(2)), wrt=("w", "b"), tags=("wrt-names", "call"))
def wrt_by_name(x, w, b):
    return np.mean(_scaled_tanh(_affine(x, w, b)) ** 2)


def _rotate_pair(a, b, c):
    """Returns two values computed from both inputs (a multi-output call)."""
    return a * c - b, np.sin(a) + b * c


@program(args=lambda rng: (rng.standard_normal(3), rng.standard_normal(3), 0.7), wrt=(0, 1, 2),
         tags=("call", "tuple-return", "tuple-unpack", "for-range"))
def pair_state_in_loop(a, b, c):
    """a, b = g(a, b) in a loop: the targets are also the arguments."""
    for _ in range(3):
        a, b = _rotate_pair(a, b, c)
    return np.sum(a * b)


@program(args=lambda rng: (rng.standard_normal(3), rng.standard_normal(3)), wrt=(0, 1),
         tags=("call", "tuple-return", "tuple-unpack", "while"))
def pair_state_in_while(a, b):
    n = 0
    while n < 2 or np.sum(a) < -10.0:
        a, b = _rotate_pair(b, a, 0.5)
        n = n + 1
    return np.sum(a - b * b)


@program(args=lambda rng: (rng.standard_normal(3),), tags=("closure", "nested-function"))
def closure_defines_closure(x):
    """A nested function that defines and calls its own nested function."""
    a = x * 2.0

    def outer(t):
        def inner(u):
            return np.sin(u) * a
        return inner(t) + a * t
    return np.sum(outer(x) * outer(a))


@program(args=lambda rng: (rng.standard_normal(3),), tags=("lambda", "closure", "for-range"))
def lambda_in_loop(x):
    """A lambda created in every iteration reads the loop variable when called."""
    total = 0.0
    for i in range(3):
        h = lambda t: t * (i + 1.0)  # noqa: E731
        total = total + np.sum(h(x) * x)
    return total
