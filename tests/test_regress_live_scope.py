"""Generated code reads the user's names live and writes nothing into the user's module.

Generated functions take the user's module globals as their own globals and the
user's closure cells as their own cells (back/codegen.py); what pullback adds
reaches them through closure cells. These tests pin what that must keep:
a rebound global or closure variable is seen by the next call (first and second
order, both modes), the user's module gains no names, and a user global named
like a pullback helper does not disturb the generated code. References are the
closed-form derivatives.
"""

import linecache
import sys
import types

import numpy as np

import pullback as pb

SCALE = 2.0


def scaled(x):
    return SCALE * x ** 3


def test_global_rebound_after_build_is_seen_in_every_mode():
    global SCALE
    df, d2f = pb.grad(scaled), pb.grad(pb.grad(scaled))
    try:
        for c in (2.0, 5.0):
            SCALE = c
            x = 1.5
            np.testing.assert_allclose(df(x), 3 * c * x ** 2, rtol=1e-13)
            np.testing.assert_allclose(d2f(x), 6 * c * x, rtol=1e-13)
            _, t = pb.jvp(scaled, (x,), (1.0,))
            np.testing.assert_allclose(t, 3 * c * x ** 2, rtol=1e-13)
    finally:
        SCALE = 2.0


def make_closure(c):
    def f(x):
        return np.sin(c * x)

    def set_c(v):
        nonlocal c
        c = v
    return f, set_c


def test_closure_cell_rebound_after_build_is_seen():
    f, set_c = make_closure(2.0)
    df = pb.grad(f)
    x = 0.3
    np.testing.assert_allclose(df(x), 2.0 * np.cos(2.0 * x), rtol=1e-13)
    set_c(3.0)
    np.testing.assert_allclose(df(x), 3.0 * np.cos(3.0 * x), rtol=1e-13)
    np.testing.assert_allclose(pb.hessian(f)(x), -9.0 * np.sin(3.0 * x), rtol=1e-12)


def _exec(src, namespace, filename):
    linecache.cache[filename] = (len(src), None, src.splitlines(True), filename)
    exec(compile(src, filename, "exec"), namespace)


def _module(src):
    mod = types.ModuleType("live_scope_probe")
    _exec(src, mod.__dict__, "<live_scope_probe>")
    sys.modules[mod.__name__] = mod
    return mod


def test_user_module_gains_no_names_and_may_shadow_helper_names():
    # the user module defines names the generated code also uses (seed, unbroadcast)
    mod = _module(
        "import numpy as np\n"
        "seed = 'not a function'\n"
        "unbroadcast = 42\n"
        "def f(x, b):\n"
        "    return np.sum(np.tanh(x + b) * 2.0)\n")
    try:
        before = set(vars(mod))
        x, b = np.linspace(-1, 1, 6).reshape(2, 3), np.array([0.1, 0.2, 0.3])
        gx, gb = pb.grad(mod.f, wrt=(0, 1))(x, b)
        want = 2.0 * (1 - np.tanh(x + b) ** 2)
        np.testing.assert_allclose(gx, want, rtol=1e-13)
        np.testing.assert_allclose(gb, want.sum(axis=0), rtol=1e-13)
        pb.hessian(mod.f, wrt=1)(x, b)
        assert set(vars(mod)) == before
        assert mod.seed == "not a function" and mod.unbroadcast == 42
    finally:
        del sys.modules[mod.__name__]


def test_helper_redefined_in_module_is_seen():
    mod = _module(
        "import numpy as np\n"
        "def g(x):\n"
        "    return x * x\n"
        "def f(x):\n"
        "    return g(x) + 1.0\n")
    try:
        df = pb.grad(mod.f)
        np.testing.assert_allclose(df(3.0), 6.0)
        _exec("def g(x):\n    return x * x * x\n", mod.__dict__, "<live_scope_probe 2>")
        np.testing.assert_allclose(df(3.0), 27.0)
    finally:
        del sys.modules[mod.__name__]
