"""Shared pieces of the memory-semantics corpus programs: constants, module-global
arrays, the program registry (``add`` / ``PROGRAMS``). The checker that runs one
(program, mode) case is in ``checks.py``.

A program is a module-level ``def f_<name>`` (pullback reads its source) with a
hand-written torch float64 twin ``t_<name>`` that follows NumPy's memory semantics
(torch views where NumPy has views, clones where NumPy copies). Programs return a
scalar. ``Program`` fields:

  name, family, f, tf, make_args, wrt,
  refusal_ok   -- NumPy mutates a caller argument: refusal OR the twin's value is fine
  expect_error -- NumPy itself raises: pullback must raise too (any error counts)
  second       -- (f2, t2, s0): scalar-input variant for pb.grad(pb.grad(f2))
  reset/state  -- for programs that write module-global arrays
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import Any, Callable, Optional

import numpy as np
import torch


D = torch.float64
MODES = ("grad", "jvp", "second")


def tz(*shape):
    return torch.zeros(*shape, dtype=D)


# ---------------------------------------------------------------- constants
W6 = np.array([1.0, -2.0, 0.5, 3.0, -1.5, 2.5])
W23 = W6.reshape(2, 3)
W32 = np.array([[0.5, -1.0], [2.0, 1.5], [-0.7, 0.3]])
W22 = np.array([[1.5, -0.5], [0.25, 2.0]])
W33 = np.array([[1.0, 2.0, -1.0], [0.5, -3.0, 2.0], [1.5, 0.0, 4.0]])
W9 = W33.reshape(9)
MASK6 = np.array([True, False, True, False, False, True])
PERM6 = np.array([2, 0, 5, 1, 4, 3])
IDX_DUP = np.array([0, 0, 1])

TW6 = torch.tensor(W6, dtype=D)
TW23 = TW6.reshape(2, 3)
TW32 = torch.tensor(W32, dtype=D)
TW22 = torch.tensor(W22, dtype=D)
TW33 = torch.tensor(W33, dtype=D)
TMASK6 = torch.tensor(MASK6)
TPERM6 = torch.tensor(PERM6)

# module-global arrays that some programs write into (reset before each run)
G1 = np.zeros(3)
G2 = np.zeros(3)
G3 = np.zeros(3)
V3 = G3[1:]
GLOBAL_NAMES = ("G1", "G2", "G3", "V3")


def reset_globals():
    G1[:] = 0.0
    G2[:] = 0.0
    G3[:] = 0.0


def global_state():
    return {"G1": G1.copy(), "G2": G2.copy(), "G3": G3.copy()}


# ---------------------------------------------------------------- registry
@dataclass
class Program:
    name: str
    family: str
    f: Callable
    tf: Optional[Callable]
    make_args: Callable
    wrt: tuple = (0,)
    refusal_ok: bool = False
    expect_error: bool = False
    second: Any = None
    note: str = ""
    reset: Optional[Callable] = None
    state: Optional[Callable] = None
    no_sharing: bool = False

    def modes(self):
        return MODES if self.second is not None else MODES[:2]


PROGRAMS: list[Program] = []


def args(*specs, lo=0.3, hi=1.7):
    """specs: int or tuple -> uniform float64 array; an ndarray -> constant copy;
    anything else (bool, float) passed as is."""

    def maker(seed):
        rng = np.random.default_rng(seed)
        out = []
        for s in specs:
            if isinstance(s, (int, tuple)) and not isinstance(s, bool):
                out.append(rng.uniform(lo, hi, s))
            elif isinstance(s, np.ndarray):
                out.append(s.copy())
            else:
                out.append(s)
        return tuple(out)

    return maker


X6 = args(6)
X9 = args(9)


def add(fam, f, tf, maker=X6, wrt=(0,), name=None, **kw):
    name = name or f.__name__[2:]
    seed = zlib.crc32(name.encode())
    PROGRAMS.append(Program(name, fam, f, tf, (lambda m=maker, s=seed: m(s)), tuple(wrt), **kw))


