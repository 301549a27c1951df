"""Which expressions are views of a variable: the facts the memory rewrite
(:mod:`pullback.analysis.views`) stands on.

A *view chain* is a variable followed by operations NumPy answers with a view
of it (or with the array itself): basic indexing (slices, ``None``, ``...``,
ints), ``.T``, ``transpose``, ``swapaxes``, ``squeeze``, ``view``, ``reshape``
and ``ravel`` (these two may copy), and the NumPy functions of the same kind.
Advanced indexing (an index array, a mask) makes a copy and is never a view.
"""

from __future__ import annotations

import gast
import numpy as np

from pullback.analysis.ndims import is_array

VIEW_METHODS = {"T", "transpose", "swapaxes", "reshape", "ravel", "squeeze", "view"}
#: functions that return a view of their first argument (or that array itself)
PROVEN_VIEW_FUNCTIONS = (np.transpose, np.swapaxes, np.moveaxis, np.squeeze, np.expand_dims,
                         np.atleast_1d, np.atleast_2d, np.atleast_3d)
#: ... and those that may copy instead (checked where the view is made)
VIEW_FUNCTIONS = PROVEN_VIEW_FUNCTIONS + (np.reshape, np.ravel, np.asarray, np.asanyarray)
#: functions whose result is a list of views of their first argument
SPLITS = (np.split, np.array_split, np.hsplit, np.vsplit)
INT_OPS = (gast.Add, gast.Sub, gast.Mult, gast.FloorDiv, gast.Mod)


class Chains:
    """``chain(e)``: the view chain ``e`` is, if it is one (module docstring)."""

    def __init__(self, resolver, ndims, ints):
        self.resolver = resolver
        self.ndims = ndims
        self.ints = ints

    def is_int(self, e, stable=False) -> bool:
        """Surely an int: a literal, a loop index, int arithmetic of those, and
        (unless ``stable``: a value that cannot change while the function runs)
        ``len(...)``."""
        if isinstance(e, gast.Constant):
            return isinstance(e.value, int) and not isinstance(e.value, bool)
        if isinstance(e, gast.Name):
            return e.id in self.ints
        if isinstance(e, gast.UnaryOp) and isinstance(e.op, (gast.USub, gast.UAdd)):
            return self.is_int(e.operand, stable)
        if isinstance(e, gast.BinOp) and isinstance(e.op, INT_OPS):
            return self.is_int(e.left, stable) and self.is_int(e.right, stable)
        if not stable and isinstance(e, gast.Call) and isinstance(e.func, gast.Name) and \
                self.resolver.value_of(e.func) is len:
            return True
        return False

    def chain(self, e, write=False):
        """``(base name, [view operations], proven)`` when ``e`` is a view of a
        variable (see the module docstring), else None. ``proven``: the base is
        proven an ndarray and the result an array (else the binding is checked at
        run time). For a write target (``write``) nothing needs proving: NumPy
        writes through nothing but a view, and the mutation check proves the base
        fresh."""
        if isinstance(e, gast.Name):
            if e.id not in self.resolver.locals:
                return None  # a global: a call may rebind it
            return e.id, [], is_array(self.ndims.of(e))
        if isinstance(e, gast.Subscript) and self._split(e.value) is not None and \
                isinstance(e.slice, gast.Constant) and type(e.slice.value) is int:
            # np.split(k, 2)[1]: one of the pieces, a view of k
            call = e.value
            inner = self.chain(call.args[0], write)
            if inner is None:
                return None
            return inner[0], inner[1] + [("pick", call.func, *call.args[1:], e.slice)], inner[2]
        if isinstance(e, gast.Subscript):
            inner = self.chain(e.value, write)
            if inner is None or not self._basic(e.slice):
                return None
            got = self.ndims.of(e)
            parts = e.slice.elts if isinstance(e.slice, gast.Tuple) else [e.slice]
            if not write and not is_array(got) and all(self.is_int(p) for p in parts):
                return None  # k[1] of a vector is a number (a copy): proven or not known
            return inner[0], inner[1] + [("index", e.slice)], inner[2] and is_array(got)
        if isinstance(e, gast.Attribute) and e.attr == "T":
            inner = self.chain(e.value, write)
            return None if inner is None else (inner[0], inner[1] + [("T",)], inner[2])
        fn = self._view_function(e)
        if fn is not None:
            inner = self.chain(e.args[0], write)
            if inner is None:
                return None
            proven = inner[2] and fn in PROVEN_VIEW_FUNCTIONS
            args = [("fn", e.func, *e.args[1:])] if not e.keywords else None
            return None if args is None else (inner[0], inner[1] + args, proven)
        if isinstance(e, gast.Call) and isinstance(e.func, gast.Attribute) and \
                e.func.attr in VIEW_METHODS - {"T"} and not e.keywords and \
                all(self.number(a) for a in e.args):
            inner = self.chain(e.func.value, write)
            if inner is None or (e.func.attr in ("ravel", "view") and e.args) or \
                    (e.func.attr == "swapaxes" and len(e.args) != 2):
                return None
            return inner[0], inner[1] + [(e.func.attr, *e.args)], inner[2]
        return None

    def _split(self, e):
        """``np.split``/``array_split``/``hsplit``/``vsplit`` of ``e`` with constant
        sections (and axis), without keywords; else None."""
        if isinstance(e, gast.Call) and len(e.args) >= 2 and not e.keywords and \
                all(self.number(a) for a in e.args[1:]):
            obj = self.resolver.value_of(e.func)
            if any(obj is f for f in SPLITS):
                return obj
        return None

    def _view_function(self, e):
        """The NumPy function of ``np.f(k, ...)`` when it returns a view of (or the
        same array as) its first argument, without keywords."""
        if not (isinstance(e, gast.Call) and e.args and not e.keywords and
                all(self.number(a) for a in e.args[1:])):
            return None
        obj = self.resolver.value_of(e.func)
        return obj if any(obj is f for f in VIEW_FUNCTIONS) else None

    def number(self, e) -> bool:
        """An argument that cannot change behind pullback's back: an int, a
        constant, or a tuple of them (a 0-d array index may be written in place)."""
        if isinstance(e, gast.Constant):
            return True
        if isinstance(e, (gast.Tuple, gast.List)):
            return all(self.number(x) for x in e.elts)
        return self.is_int(e, stable=True)

    def _basic(self, idx) -> bool:
        """A basic index (a view, never a copy): slices, None, ..., and ints."""
        parts = idx.elts if isinstance(idx, gast.Tuple) else [idx]
        return all(isinstance(p, gast.Slice) and all(
            b is None or self.is_int(b, stable=True) for b in (p.lower, p.upper, p.step)) or
                   isinstance(p, gast.Constant) and (p.value is None or p.value is Ellipsis) or
                   self.is_int(p, stable=True) for p in parts)


def loop_indices(body) -> set[str]:
    """Names bound only as ``for`` targets (every ``for`` is over ``range`` by now)."""
    loops, stores = {}, {}
    for s in body:
        for n in gast.walk(s):
            if isinstance(n, gast.For) and isinstance(n.target, gast.Name):
                loops[n.target.id] = loops.get(n.target.id, 0) + 1
            if isinstance(n, gast.Name) and isinstance(n.ctx, gast.Store):
                stores[n.id] = stores.get(n.id, 0) + 1
    return {k for k, v in loops.items() if stores.get(k) == v}
