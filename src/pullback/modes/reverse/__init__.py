"""Reverse mode: adjoint code with a tape.

``function.ReverseFunction`` is one function's forward and adjoint sweeps; its
parts live beside it, one module per job (``forward_sweep``, ``adjoint``,
``control``, ``calls``, ``assemble``, and the adjoint ``state`` lattice).
``ReverseBuilder`` generates a function, and each user function it calls, once.
"""

from __future__ import annotations

from pullback.front.parse import Source
from pullback.modes.builder import Builder, FnInfo
from pullback.modes.reverse.function import ReverseFunction
from pullback.syntax.walk import param_names


class ReverseBuilder(Builder):
    """A :class:`Builder` whose functions are generated in reverse mode."""

    def reverse(self, source: Source, active: tuple, lifted=(), key=None,
                containers=None, ndims=None) -> FnInfo:
        """The ``f_fwd``/``f_bwd`` pair of ``source`` for these active parameters
        (generated once per request; callees recurse through here)."""
        top = key is None
        key = key or (source.fn, id(source.tree))
        k = (key, tuple(active), tuple(sorted((containers or {}).items())))
        if k in self.infos:
            return self.infos[k]
        base = source.tree.name if source.tree.name != "_lambda" else "lambda"
        info = FnInfo(self.namer.unique(base + "_fwd"), self.namer.unique(base + "_bwd"),
                      param_names(source.tree.args) + list(lifted), list(active),
                      lifted=list(lifted), source=source, containers=dict(containers or {}),
                      top=top, ndims=dict(ndims or {}))
        self.infos[k] = info
        self.in_progress.add(k)
        ReverseFunction(self, source, info).build()
        self.in_progress.discard(k)
        return info
