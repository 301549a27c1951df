"""Running one case of the memory corpus against its torch twin.

``run_case(program, mode)`` (mode: "grad", "jvp", "second") returns an ``Outcome``
whose status is one of

  "ok"      -- pullback gave the right number (rtol 1e-6, atol 1e-8) and changed the
               caller's inputs (and globals) exactly as NumPy's own call does;
  "refused" -- pb.UnsupportedError when the derivative is built, or pb.PullbackError
               when it runs;
  "raised"  -- an expect_error program, and pullback raised (as NumPy does);
  "wrong"   -- a wrong number, a number where NumPy raises, or a caller's input changed
               differently from NumPy's call;
  "crash"   -- any other exception.
"""

from __future__ import annotations

import copy
import inspect
import warnings
from dataclasses import dataclass
from typing import Any, Optional

import numpy as np
import torch

import pullback as pb

from .common import D, Program

RTOL, ATOL = 1e-6, 1e-8


# ---------------------------------------------------------------- comparing
def fresh(p, args0):
    if p.reset:
        p.reset()
    return copy.deepcopy(args0)


def close(a, b, rtol=RTOL, atol=ATOL):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        return False
    return bool(np.allclose(a, b, rtol=rtol, atol=atol, equal_nan=True))


def same_state(a, b):
    """Exact equality of caller-visible state."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        if not (isinstance(a, np.ndarray) and isinstance(b, np.ndarray)):
            return False
        return a.dtype == b.dtype and a.shape == b.shape and np.array_equal(a, b, equal_nan=True)
    if isinstance(a, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(same_state(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same_state(a[k], b[k]) for k in a)
    return a == b


def short(e):
    msg = str(e).strip().splitlines()
    return f"{type(e).__name__}: {msg[0] if msg else ''}"[:300]


def fmt(v):
    a = np.asarray(v, dtype=np.float64)
    if not a.ndim:
        return f"{float(a):.10g}"
    return np.array2string(a, precision=8, separator=", ", max_line_width=10_000)


# ---------------------------------------------------------------- references
def to_torch(args0, wrt):
    out = []
    for i, a in enumerate(args0):
        if isinstance(a, np.ndarray):
            if a.dtype.kind == "f":
                out.append(torch.tensor(a.copy(), dtype=D, requires_grad=i in wrt))
            else:
                out.append(torch.tensor(a.copy()))
        elif isinstance(a, float) and i in wrt:
            out.append(torch.tensor(a, dtype=D, requires_grad=True))
        else:
            out.append(a)
    return out


@dataclass
class Reference:
    args0: tuple
    numpy_error: Optional[str] = None   # what NumPy raised (expect_error programs)
    value: Optional[float] = None       # NumPy's value
    after: Any = None                   # the arguments after NumPy's own call
    state: Any = None                   # module globals after NumPy's own call
    twin_value: Optional[float] = None
    want: Optional[list] = None         # torch twin gradient, one per wrt


_REFERENCES: dict[str, Reference] = {}


def reference(p: Program) -> Reference:
    """NumPy's run and the torch twin's gradient (computed once per program)."""
    if p.name not in _REFERENCES:
        _REFERENCES[p.name] = _reference(p)
    return _REFERENCES[p.name]


def _reference(p: Program) -> Reference:
    args0 = p.make_args()
    ref = Reference(args0)
    a_np = fresh(p, args0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            y = p.f(*a_np)
        except Exception as e:  # noqa: BLE001
            if not p.expect_error:
                raise AssertionError(f"{p.name}: NumPy raised {short(e)}") from e
            ref.numpy_error = short(e)
            y = None
    if p.expect_error and ref.numpy_error is None:
        raise AssertionError(f"{p.name} is marked expect_error but NumPy did not raise")
    ref.after, ref.state = a_np, (p.state() if p.state else None)
    if p.expect_error:
        return ref
    ref.value = float(np.asarray(y))
    targs = to_torch(args0, p.wrt)
    yt = p.tf(*targs)
    ins = [targs[i] for i in p.wrt]
    gs = torch.autograd.grad(yt, ins, allow_unused=True) if yt.requires_grad else [None] * len(ins)
    ref.want = [np.zeros(np.shape(args0[i])) if g is None else g.detach().numpy()
                for i, g in zip(p.wrt, gs)]
    ref.twin_value = float(yt.detach())
    return ref


def second_reference(p: Program):
    """(first, second) derivative of the scalar variant by torch's double backward."""
    f2, t2, s0 = p.second
    s = torch.tensor(s0, dtype=D, requires_grad=True)
    y = t2(s)
    (g,) = torch.autograd.grad(y, s, create_graph=True, allow_unused=True)
    if g is None:
        return float(y.detach()), 0.0, 0.0
    g2 = 0.0
    if g.requires_grad:
        (h,) = torch.autograd.grad(g, s, allow_unused=True)
        g2 = 0.0 if h is None else float(h)
    return float(y.detach()), float(g.detach()), g2


def fd_gradient(p: Program, i, h=1e-6):
    """Central differences of the NumPy program w.r.t. argument i (checks the twin)."""
    args0 = p.make_args()

    def at(j, d):
        aa = list(fresh(p, args0))
        if j is None:
            aa[i] = aa[i] + d
        else:
            aa[i][j] += d
        return float(np.asarray(p.f(*aa)))

    a = args0[i]
    if not isinstance(a, np.ndarray):
        return np.float64((at(None, h) - at(None, -h)) / (2 * h))
    fd = np.zeros(a.shape)
    for j in np.ndindex(a.shape):
        fd[j] = (at(j, h) - at(j, -h)) / (2 * h)
    return fd


# ---------------------------------------------------------------- running pullback
@dataclass
class Outcome:
    status: str
    detail: str = ""

    def __str__(self):
        return f"{self.status}: {self.detail}" if self.detail else self.status


def _caught(p, e, stage):
    """An exception from pullback -> Outcome. A refusal is pb.UnsupportedError while the
    derivative is built, pb.PullbackError while it runs (pb.jvp does both in one call)."""
    tag = f"[{stage}] {short(e)}"
    if p.expect_error:
        return Outcome("raised", "raised as NumPy does: " + tag)
    refusal = pb.UnsupportedError if stage == "build" else pb.PullbackError
    if isinstance(e, refusal):
        return Outcome("refused", tag)
    return Outcome("crash", tag)


def mutation_problems(p, ref, after_pb):
    """Differences between the caller-visible state after pullback's call and after
    NumPy's own call (arguments and module globals)."""
    notes = []
    for i, (a0, an, ap) in enumerate(zip(ref.args0, ref.after, after_pb)):
        if same_state(an, ap):
            continue
        np_changed, pb_changed = not same_state(a0, an), not same_state(a0, ap)
        if pb_changed and not np_changed:
            notes.append(f"arg{i}: pullback changed the caller's input, NumPy does not: "
                         f"{fmt(a0)} -> {fmt(ap)}")
        elif pb_changed:
            notes.append(f"arg{i}: changed differently: numpy {fmt(an)} vs pullback {fmt(ap)}")
        else:
            notes.append(f"arg{i}: NumPy changes the caller's input to {fmt(an)}, pullback's "
                         f"call leaves it {fmt(ap)}")
    if ref.state is not None:
        state_pb = p.state()
        for k in ref.state:
            if not same_state(ref.state[k], state_pb[k]):
                notes.append(f"global {k}: numpy {fmt(ref.state[k])} vs pullback {fmt(state_pb[k])}")
    return notes


def _finish(p, ref, problems, after_pb):
    problems = problems + ["MUTATION: " + m for m in mutation_problems(p, ref, after_pb)]
    return Outcome("wrong", "; ".join(problems)) if problems else Outcome("ok")


def run_grad(p: Program) -> Outcome:
    ref = reference(p)
    a_pb = fresh(p, ref.args0)
    wrt = p.wrt[0] if len(p.wrt) == 1 else p.wrt
    try:
        df = pb.grad(p.f, wrt=wrt)
        df.source  # noqa: B018  (builds the derivative)
    except Exception as e:  # noqa: BLE001
        return _caught(p, e, "build")
    try:
        got = df(*a_pb)
    except Exception as e:  # noqa: BLE001
        return _caught(p, e, "call")
    if p.expect_error:
        return Outcome("wrong", f"NumPy raises ({ref.numpy_error}) but pullback returned {fmt(got)}")
    got_l = list(got) if len(p.wrt) > 1 else [got]
    problems = [f"d/d arg{i}: want {fmt(w)} got {fmt(g)}"
                for i, g, w in zip(p.wrt, got_l, ref.want) if not close(g, w)]
    return _finish(p, ref, problems, a_pb)


def tangents_for(p, args0):
    rng = np.random.default_rng(12345)
    out = []
    for i, a in enumerate(args0):
        if i in p.wrt:
            out.append(rng.normal(size=np.shape(a)) if isinstance(a, np.ndarray) else float(rng.normal()))
        elif isinstance(a, np.ndarray) and a.dtype.kind == "f":
            out.append(np.zeros_like(a))
        else:
            out.append(None)
    return tuple(out)


def run_jvp(p: Program) -> Outcome:
    ref = reference(p)
    a_j = fresh(p, ref.args0)
    tangents = tangents_for(p, ref.args0)
    try:
        out, tout = pb.jvp(p.f, tuple(a_j), tangents)
    except Exception as e:  # noqa: BLE001  (pb.jvp builds and runs in one call)
        return _caught(p, e, "jvp")
    if p.expect_error:
        return Outcome("wrong", f"NumPy raises ({ref.numpy_error}) but pullback returned {fmt(tout)}")
    want_t = sum(float(np.sum(w * np.asarray(tangents[i]))) for i, w in zip(p.wrt, ref.want))
    problems = []
    if not close(np.reshape(out, ()), ref.value):
        problems.append(f"primal: want {ref.value:.10g} got {fmt(out)}")
    if not close(np.reshape(tout, ()), want_t):
        problems.append(f"tangent: want {want_t:.10g} got {fmt(tout)}")
    return _finish(p, ref, problems, a_j)


def run_second(p: Program) -> Outcome:
    f2, _, s0 = p.second
    _, g1, g2 = second_reference(p)
    try:
        d1 = pb.grad(f2)
        d2 = pb.grad(d1)
        d1.source  # noqa: B018
        d2.source  # noqa: B018
    except Exception as e:  # noqa: BLE001
        return _caught(p, e, "build")
    try:
        got1, got2 = d1(s0), d2(s0)
    except Exception as e:  # noqa: BLE001
        return _caught(p, e, "call")
    problems = []
    if not close(got1, g1):
        problems.append(f"first: want {g1:.10g} got {fmt(got1)}")
    if not close(got2, g2):
        problems.append(f"second: want {g2:.10g} got {fmt(got2)}")
    return Outcome("wrong", "; ".join(problems)) if problems else Outcome("ok")


RUNNERS = {"grad": run_grad, "jvp": run_jvp, "second": run_second}


def run_case(p: Program, mode: str) -> Outcome:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return RUNNERS[mode](p)


def twin_problems(p: Program) -> list:
    """The reference itself: NumPy raises where expected; otherwise the torch twin's
    value is NumPy's and its gradients match central differences of the NumPy program
    (and likewise for the second-order variant)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = reference(p)
        if p.expect_error:
            return []
        problems = []
        if not close(ref.twin_value, ref.value, 1e-9, 1e-10):
            problems.append(f"twin value {ref.twin_value!r} != NumPy value {ref.value!r}")
        for i, w in zip(p.wrt, ref.want):
            fd = fd_gradient(p, i)
            if not close(w, fd, 1e-5, 1e-6):
                problems.append(f"d/d arg{i}: torch twin {fmt(w)} != finite differences {fmt(fd)}")
        if p.second is not None:
            f2, _, s0 = p.second
            y, g1, g2 = second_reference(p)
            y0 = float(np.asarray(f2(s0)))
            hh = 1e-4
            fp, fm = float(np.asarray(f2(s0 + hh))), float(np.asarray(f2(s0 - hh)))
            fd1, fd2 = (fp - fm) / (2 * hh), (fp - 2 * y0 + fm) / hh ** 2
            if not close(y, y0, 1e-9, 1e-10):
                problems.append(f"second-order twin value {y!r} != NumPy {y0!r}")
            if not close(g1, fd1, 1e-5, 1e-6) or not close(g2, fd2, 1e-4, 1e-4):
                problems.append(f"second-order twin d1={g1} d2={g2} vs finite differences {fd1} {fd2}")
        return problems


def source_of(p: Program, mode: str) -> str:
    fn = p.second[0] if mode == "second" else p.f
    try:
        return inspect.getsource(fn)
    except (OSError, TypeError):
        return f"<source of {fn.__name__} unavailable>"
