"""Forward mode: tangent code, tangents interleaved with the primal
(``function.ForwardFunction``). ``ForwardBuilder`` generates a function, and
each user function it calls, once."""

from __future__ import annotations

from pullback.modes.builder import Builder, FnInfo
from pullback.modes.forward.function import ForwardFunction
from pullback.syntax.naming import Namer
from pullback.syntax.walk import param_names


class DotNames(dict):
    """The tangent parameter name of (generated function, parameter)."""

    def __missing__(self, key):
        fn, p = key
        return p + "_dot"


class ForwardBuilder(Builder):
    """A :class:`Builder` whose functions are generated in forward mode."""

    def __init__(self, namer: Namer):
        super().__init__(namer)
        self.dot_names = DotNames()

    def forward(self, source, active: tuple, lifted=(), key=None, containers=None,
                ndims=None) -> FnInfo:
        top = key is None
        key = key or (source.fn, id(source.tree))
        k = ("forward", key, tuple(active), tuple(sorted((containers or {}).items())))
        if k in self.infos:
            return self.infos[k]
        base = source.tree.name if source.tree.name != "_lambda" else "lambda"
        info = FnInfo(self.namer.unique(base + "_jvp"), "",
                      param_names(source.tree.args) + list(lifted), list(active),
                      lifted=list(lifted), source=source, containers=dict(containers or {}),
                      top=top, ndims=dict(ndims or {}))
        self.infos[k] = info
        ForwardFunction(self, source, info).build()
        return info
