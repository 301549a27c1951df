"""Adversarial tests for issue 12: lists returned by your own functions, dicts and
nested tuples passed to helpers, enumerate/zip over containers, show-only calls.

Every program of ``adv12_programs`` must be differentiated as torch float64 (where
torch runs it and computes NumPy's value) and central differences say, in grad,
jvp and (array arguments) hessian, or be refused with ``pb.UnsupportedError`` /
``pb.PullbackError``. A wrong number or another exception fails. Each bug is also
a minimal strict xfail (reason "BUG: ...").
Set ADV12_LOG=path to log every outcome as JSON lines.
"""

from __future__ import annotations

import json
import os

import numpy as np
import pytest

import adv12_programs as P
import pullback as pb
from adv12_check import (NoTorch, close, copy_tree, fd_grad, fd_hessian, fd_jvp, leaves,
                         rebuild, same_structure, torch_grad)

REFUSALS = (pb.UnsupportedError, pb.PullbackError)
RNG = np.random.default_rng(12)


def _args():
    r = np.random.default_rng(6)
    W = lambda *s: 0.5 * r.normal(size=s)  # noqa: E731
    return {
        "x": np.array([0.3, -0.2, 0.45, 0.7]),
        "M": np.array([[0.3, -0.2, 0.45], [0.7, -0.6, 0.15], [0.1, 0.25, -0.35]]),
        "D": {"W": W(3, 3), "b": W(3)},
        "LD": [{"W": W(3, 3), "b": W(3)}, {"W": W(3, 3), "b": W(3)}],
        "LT": [(W(3, 3), W(3)), (W(3, 3), W(3)), (W(3, 3), W(3))],
        "ND": {"enc": {"W": W(3, 3), "b": W(3)}, "dec": {"W": W(3, 2)}},
        "R": {"Wh": W(4, 4), "Wx": W(3, 4), "b": W(4), "Wo": W(4, 2)},
        "G": ((W(3), W(3)), (W(3, 3), W(3))),
        "DL": {"Ws": [W(3, 3), W(3, 3)], "bs": [W(3), W(3)]},
    }


ARGS = _args()
NAMES = sorted(P.KIND)
ARRAY_NAMES = [n for n in NAMES if P.KIND[n] in ("x", "M")]
_SHOWN_WRITE = ("BUG: a print/logging/warnings call whose argument writes into a differentiated "
                "array (print(y.sort()), logging.info('%s', y.fill(1.0)), np.put, "
                "np.fill_diagonal, y.partition, out=y) runs the write, but the derivative "
                "ignores it")
_POS_OUT = ("BUG: a helper that only prints, whose print argument writes into its argument "
            "through a positional out (print(np.negative(v, v))), is taken as show-only: "
            "the derivative ignores the write")
_LIST_METHOD = ("BUG: print(hs.pop()) / print(hs.append(v)) on a list of differentiated "
                "arrays: AttributeError 'tuple' object has no attribute 'pop'")
_DICT_UPDATE = ("BUG: print(d.update(b=...)) on a dict literal of differentiated arrays: "
                "the value itself is wrong (the update is lost)")
_RESIZE = "BUG: print(y.resize((2, 2), refcheck=False)): ValueError (broadcast (4,) (2,2))"
_BUGS: dict = {}  # (all fixed: refused, or right)
WRONG_GRAD = dict(_BUGS)
WRONG_JVP = dict(_BUGS)
# second order: a write that is linear in y can leave the Hessian right
_HESS_OK = {"s_print_sort", "s_warn_sort", "s_print_partition", "s_print_pop"}
WRONG_HESS = {k: v for k, v in _BUGS.items() if k not in _HESS_OK}
WRONG_JVPG = dict(WRONG_HESS)


def log(name, mode, outcome, detail=""):
    path = os.environ.get("ADV12_LOG")
    if path:
        with open(path, "a") as fh:
            fh.write(json.dumps({"name": name, "mode": mode, "outcome": outcome,
                                 "detail": str(detail)[:300]}) + "\n")


def _run(name, mode, thunk):
    """Run pullback; a refusal passes (None), another exception fails."""
    try:
        return thunk()
    except REFUSALS as e:
        log(name, mode, "refused", str(e).splitlines()[0])
        return None
    except Exception as e:
        log(name, mode, "crash", f"{type(e).__name__}: {e}")
        raise


def _marks(names, bad):
    return [pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=bad[n])) if n in bad
            else n for n in names]


def _fresh_globals():
    P.SEEN.clear()
    P.BUF[:] = 0.0
    P.CACHE.clear()


@pytest.mark.parametrize("name", _marks(NAMES, WRONG_GRAD))
def test_grad(name):
    p = ARGS[P.KIND[name]]
    f = getattr(P, name)
    _fresh_globals()
    res = _run(name, "grad", lambda: pb.value_and_grad(f)(copy_tree(p)))
    if res is None:
        return
    value, got = res
    try:
        np.testing.assert_allclose(value, f(copy_tree(p)), rtol=1e-12, atol=1e-14)
        same_structure(got, p)
        try:
            close(got, torch_grad(name, p), 1e-9, 1e-11, "torch")
            ran = "torch+fd"
        except NoTorch as e:
            ran = f"fd only ({e})"
        close(got, fd_grad(f, p), 1e-5, 1e-7, "fd")
    except AssertionError as e:
        log(name, "grad", "wrong", e)
        raise
    log(name, "grad", "pass", ran)


@pytest.mark.parametrize("name", _marks(NAMES, WRONG_JVP))
def test_jvp(name):
    p = ARGS[P.KIND[name]]
    f = getattr(P, name)
    t = rebuild(p, [RNG.normal(size=np.shape(v)) for v in leaves(p)])
    _fresh_globals()
    res = _run(name, "jvp", lambda: pb.jvp(f, (copy_tree(p),), (copy_tree(t),)))
    if res is None:
        return
    out, tan = res
    try:
        np.testing.assert_allclose(out, f(copy_tree(p)), rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(tan, fd_jvp(f, p, t), rtol=1e-5, atol=1e-7)
    except AssertionError as e:
        log(name, "jvp", "wrong", e)
        raise
    log(name, "jvp", "pass")


@pytest.mark.parametrize("name", _marks(ARRAY_NAMES, WRONG_HESS))
def test_hessian(name):
    p = ARGS[P.KIND[name]]
    f = getattr(P, name)
    _fresh_globals()
    H = _run(name, "hessian", lambda: pb.hessian(f)(p.copy()))
    if H is None:
        return
    try:
        ref, tol = torch_grad(name, p, hessian=True), (1e-8, 1e-10)
    except NoTorch:
        ref, tol = fd_hessian(f, p), (1e-4, 1e-5)
    try:
        np.testing.assert_allclose(H, ref, rtol=tol[0], atol=tol[1])
    except AssertionError as e:
        log(name, "hessian", "wrong", e)
        raise
    log(name, "hessian", "pass")


@pytest.mark.parametrize("name", _marks(ARRAY_NAMES, WRONG_JVPG))
def test_jvp_of_grad(name):
    p = ARGS[P.KIND[name]]
    f = getattr(P, name)
    t = RNG.normal(size=p.shape)
    _fresh_globals()
    res = _run(name, "jvp(grad)", lambda: pb.jvp(pb.grad(f), (p.copy(),), (t,)))
    if res is None:
        return
    _, tan = res
    g = lambda q: fd_grad(f, q)  # noqa: E731
    eps = 1e-4
    ref = (g(p + eps * t) - g(p - eps * t)) / (2 * eps)
    np.testing.assert_allclose(tan, ref, rtol=1e-4, atol=1e-5)
