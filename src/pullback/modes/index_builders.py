"""``np.r_[...]`` and ``np.c_[...]`` as the calls they stand for.

These index-expression builders concatenate their items: ``np.r_[a, b, 0.5]``
is ``np.concatenate((a', b', 0.5'), axis=0)`` where each item is reshaped to
at least one dimension, and ``np.c_[a, b]`` concatenates along the last axis
after turning 1-d items into columns. Both reshapes are plain ``np.reshape``
calls with a shape computed from the item's shape, so every derivative order
comes from the rules of ``reshape`` and ``concatenate``.

A slice item (``np.r_[0:3, x]``) is ``np.arange`` (``np.linspace`` for a
complex step ``0:1:5j``). Forms this cannot express (a string directive such
as ``np.r_['0,2', a, b]``, a slice with a step only known at run time) are left
as they are; :mod:`pullback.analysis.activity` refuses them when they hold a
differentiated value.
"""

from __future__ import annotations

import gast
import numpy as np

from pullback.rules.builders import c_piece_shape, r_piece_shape
from pullback.syntax.astutil import const, load

BUILDERS = {id(np.r_): ("r", 0), id(np.c_): ("c", -1)}


class IndexBuilders(gast.NodeTransformer):
    """Rewrite ``np.r_[...]`` / ``np.c_[...]`` reads in a function's tree.

    ``inject(obj, name)`` gives the name generated code uses for ``obj``."""

    def __init__(self, resolver, inject):
        self.resolver = resolver
        self.inject = inject

    def visit_Subscript(self, node):
        self.generic_visit(node)
        if not isinstance(node.ctx, gast.Load):
            return node
        obj = self.resolver.value_of(node.value)
        kind = BUILDERS.get(id(obj)) if obj is np.r_ or obj is np.c_ else None
        if kind is None:
            return node
        items = node.slice.elts if isinstance(node.slice, gast.Tuple) else [node.slice]
        pieces = []
        for item in items:
            value = self._item(item)
            if value is None:
                return node  # not expressible: left for the activity check
            pieces.append(value)
        letter, axis = kind
        np_name = self.inject(np, "np")
        shape_fn = self.inject(r_piece_shape if letter == "r" else c_piece_shape,
                               f"{letter}_piece_shape")
        parts = [gast.Call(func=self._np(np_name, "reshape"), args=[
            p, gast.Call(func=load(shape_fn), args=[
                gast.Call(func=self._np(np_name, "shape"), args=[p], keywords=[])],
                keywords=[])], keywords=[]) for p in pieces]
        call = gast.Call(func=self._np(np_name, "concatenate"),
                         args=[gast.Tuple(elts=parts, ctx=gast.Load())],
                         keywords=[gast.keyword(arg="axis", value=const(axis))])
        return gast.copy_location(call, node)

    @staticmethod
    def _np(np_name, attr):
        return gast.Attribute(value=load(np_name), attr=attr, ctx=gast.Load())

    def _item(self, item):
        """The item as an array expression, or None when it cannot be written as one."""
        if isinstance(item, gast.Constant) and isinstance(item.value, str):
            return None  # a directive ('0,2', 'r', 'c')
        if isinstance(item, gast.Slice):
            step = item.step
            lo = item.lower if item.lower is not None else const(0)
            if step is not None and not isinstance(step, gast.Constant):
                return None  # a complex step means linspace: only known at run time
            np_name = self.inject(np, "np")
            if step is not None and isinstance(step.value, complex):
                return gast.Call(func=self._np(np_name, "linspace"),
                                 args=[lo, item.upper, const(int(abs(step.value)))],
                                 keywords=[])
            args = [lo, item.upper] + ([step] if step is not None else [])
            return gast.Call(func=self._np(np_name, "arange"), args=args, keywords=[])
        if isinstance(item, (gast.Starred, gast.Slice)):
            return None
        return item
