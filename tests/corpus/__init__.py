"""A corpus of small Python + NumPy programs for differential testing.

Every program is a plain function in one of this package's modules, registered
with :func:`program`. Programs refer to ``pb.stop_gradient`` / ``pb.no_grad``
through their module's global ``pb``: a do-nothing shim (:data:`NULL_PB`) until
:func:`bind_pullback` binds the real ``pullback`` module; the harness swaps it
for a torch / autograd / NumPy shim in reference runs.
"""

from __future__ import annotations

import contextlib
import zlib
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np


class _NullPB:
    """Stand-in for ``pullback`` before it is bound: markers that do nothing."""

    __name__ = "null-pb"

    @staticmethod
    def stop_gradient(x):
        return x

    @staticmethod
    def no_grad():
        return contextlib.nullcontext()


NULL_PB = _NullPB()


@dataclass
class Program:
    name: str
    fn: Callable
    make_args: Callable
    wrt: tuple
    make_kwargs: Any = None
    mutates: bool = False
    twice_differentiable: bool = True
    tags: tuple = ()
    # Which references apply. torch=False must come with torch_reason; the
    # self-check verifies both directions (torch runs exactly where expected).
    torch: bool = True
    torch_reason: str | None = None
    autograd: bool = True
    autograd_reason: str | None = None
    fd: bool = True
    fd_reason: str | None = None
    manual: Callable | None = None
    expect_unsupported_or_correct: bool = False
    seed: int = 0
    module: str = ""
    doc: str = ""

    def args(self):
        return tuple(self.make_args(np.random.default_rng(self.seed)))

    def kwargs(self):
        if self.make_kwargs is None:
            return {}
        if callable(self.make_kwargs):
            return dict(self.make_kwargs(np.random.default_rng(self.seed + 1)))
        return dict(self.make_kwargs)

    @property
    def references(self):
        refs = []
        if self.torch:
            refs.append("torch")
        if self.autograd and not self.mutates:
            refs.append("autograd")
        if self.fd:
            refs.append("fd")
        if self.manual is not None:
            refs.append("manual")
        return tuple(refs)

    def output(self):
        from harness import copy_args  # noqa: local import, harness is a sibling module
        return self.fn(*copy_args(self.args()), **self.kwargs())

    @property
    def scalar_output(self):
        out = self.output()
        return not isinstance(out, (tuple, list)) and np.size(out) == 1

    @property
    def tuple_output(self):
        return isinstance(self.output(), (tuple, list))

    def __repr__(self):
        return f"<Program {self.name}>"


PROGRAMS: dict[str, Program] = {}


def program(args, wrt=(0,), kwargs=None, mutates=False, twice_differentiable=True, tags=(),
            torch=True, torch_reason=None, autograd=True, autograd_reason=None, fd=True,
            fd_reason=None, manual=None, expect_unsupported_or_correct=False, name=None):
    """Register a corpus program. ``args(rng) -> tuple`` builds its inputs."""
    if not torch and not torch_reason:
        raise ValueError("torch=False needs a torch_reason")

    marker_tags = {"stop_gradient", "no_grad"} & set(tags)
    if marker_tags and fd:
        fd, fd_reason = False, f"finite differences see through pb.{sorted(marker_tags)[0]}"
    if "no_grad" in tags and autograd:
        autograd, autograd_reason = False, "HIPS autograd has no no_grad block"

    def register(fn):
        pname = name or fn.__name__
        if pname in PROGRAMS:
            raise ValueError(f"duplicate corpus program {pname}")
        PROGRAMS[pname] = Program(
            name=pname, fn=fn, make_args=args, wrt=tuple(wrt) if isinstance(wrt, (list, tuple)) else wrt,
            make_kwargs=kwargs, mutates=mutates, twice_differentiable=twice_differentiable,
            tags=tuple(tags), torch=torch, torch_reason=torch_reason, autograd=autograd,
            autograd_reason=autograd_reason, fd=fd, fd_reason=fd_reason, manual=manual,
            expect_unsupported_or_correct=expect_unsupported_or_correct,
            seed=zlib.crc32(pname.encode()) % (2**31), module=fn.__module__,
            doc=(fn.__doc__ or "").strip())
        return fn

    return register


# Import the program modules (they register themselves).
from . import (calls, control_flow, markers, mutation, numpy_ops,  # noqa: E402
               programs)

MODULES = (programs, control_flow, calls, mutation, numpy_ops, markers)


def bind_pullback(pb_module):
    """Make every corpus module's ``pb`` global denote ``pb_module`` (the real pullback)."""
    for m in MODULES:
        m.pb = pb_module


def all_programs():
    return list(PROGRAMS.values())
