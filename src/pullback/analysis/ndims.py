"""Which names surely hold an ndarray, and of how many dimensions.

The memory rewrite (:mod:`pullback.analysis.views`) may follow ``v = k[0]`` as
a view only when ``k`` is an ndarray (a list element is another thing), and
``s = k[1]`` is a view only when ``k`` has more than one dimension (on a vector
it is a NumPy scalar: a copy). Both are facts to prove, so this is a small
abstract interpretation over every binding of a name (flow-insensitive, a
fixpoint), with the values:

- an int ``d >= 1``: an ndarray of ``d`` dimensions;
- ``ARRAY``: an ndarray of one dimension or more, how many unknown;
- ``SCALAR``: a Python or NumPy number;
- ``None``: unknown (an argument, a list, a call pullback does not know, ...).

``x op= e`` is not a binding here: on an ndarray it changes the array in place
(keeping its dimensions); on anything else the other bindings already say
unknown.
"""

from __future__ import annotations

import gast
import numpy as np

from pullback.syntax.walk import definitions, statements_in_order

ARRAY, SCALAR, _BOTTOM = "array", "scalar", "bottom"

_ALLOCATE = {np.zeros, np.ones, np.empty, np.full}
_LIKE = {np.zeros_like, np.ones_like, np.empty_like, np.full_like, np.copy}
_VECTORS = {np.arange, np.linspace}
_ARITH = (gast.Add, gast.Sub, gast.Mult, gast.Div, gast.FloorDiv, gast.Mod, gast.Pow)


class _Dims:
    """An argument's value as a binding: an array of ``ndim`` dimensions."""

    def __init__(self, ndim):
        self.ndim = ndim


def _join(a, b):
    if a == _BOTTOM:
        return b
    if b == _BOTTOM or a == b:
        return a
    if a is None or b is None or SCALAR in (a, b):
        return None
    return ARRAY  # two arrays of different (or unknown) dimensions


def is_array(v) -> bool:
    return v == ARRAY or isinstance(v, int) and not isinstance(v, bool) and v >= 1


class Ndims:
    """``of(expr)``: what :mod:`this module <pullback.analysis.ndims>` proves of ``expr``."""

    def __init__(self, resolver, is_int, params=None):
        self.resolver = resolver
        self.is_int = is_int
        self.params = dict(params or {})  # argument name -> its ndim, known at the call
        self.env: dict = {}

    def run(self, body) -> "Ndims":
        order = list(statements_in_order(body))
        bindings: dict[str, list] = {}
        for name, positions in definitions(order).items():
            for pos in positions:
                s = order[pos][0]
                if getattr(s, "pb_aug", False):
                    continue
                ok = isinstance(s, gast.Assign) and len(s.targets) == 1 and \
                    isinstance(s.targets[0], gast.Name)
                bindings.setdefault(name, []).append(s.value if ok else None)
        for name, d in self.params.items():
            bindings.setdefault(name, []).append(gast.Constant(value=_Dims(d), kind=None))
        self.env = {n: _BOTTOM for n in bindings}
        for _ in range(20):
            new = {}
            for n, values in bindings.items():
                v = _BOTTOM
                for value in values:
                    v = _join(v, None if value is None else self.of(value))
                new[n] = v
            if new == self.env:
                break
            self.env = new
        else:
            self.env = {n: None for n in bindings}
        self.env = {n: (None if v == _BOTTOM else v) for n, v in self.env.items()}
        return self

    # -- one expression -------------------------------------------------------------
    def of(self, e):
        if isinstance(e, gast.Constant) and isinstance(e.value, _Dims):
            return e.value.ndim
        if isinstance(e, gast.Constant):
            ok = isinstance(e.value, (int, float)) and not isinstance(e.value, bool)
            return SCALAR if ok else None
        if isinstance(e, gast.Name):
            return self.env.get(e.id)
        if isinstance(e, gast.BinOp) and isinstance(e.op, _ARITH):
            return self._broadcast([self.of(e.left), self.of(e.right)])
        if isinstance(e, gast.UnaryOp) and isinstance(e.op, (gast.USub, gast.UAdd)):
            return self.of(e.operand)
        if isinstance(e, gast.IfExp):
            return _join(self.of(e.body), self.of(e.orelse))
        if isinstance(e, gast.Attribute) and e.attr in ("T", "mT"):
            return self._array_only(self.of(e.value))
        if isinstance(e, gast.Subscript):
            return self._subscript(self.of(e.value), e.slice)
        if isinstance(e, gast.Call):
            return self._call(e)
        return None

    @staticmethod
    def _array_only(v):
        return v if is_array(v) or v == _BOTTOM else None

    @staticmethod
    def _broadcast(values):
        if _BOTTOM in values:
            return _BOTTOM
        if not any(is_array(v) for v in values):
            return SCALAR if all(v == SCALAR for v in values) else None
        if any(v is None for v in values):
            return ARRAY  # an ndarray operand makes the result one
        dims = [0 if v == SCALAR else v for v in values]
        return ARRAY if ARRAY in dims else max(dims)

    def _subscript(self, base, idx):
        if base == _BOTTOM:
            return _BOTTOM
        if not is_array(base):
            return None
        parts = idx.elts if isinstance(idx, gast.Tuple) else [idx]
        ints = nones = 0
        for p in parts:
            if isinstance(p, gast.Slice):
                continue
            if isinstance(p, gast.Constant) and (p.value is None or p.value is Ellipsis):
                nones += p.value is None
                continue
            if self.is_int(p):
                ints += 1
                continue
            return None  # advanced indexing, or an index not known to be an int
        if base == ARRAY:
            return ARRAY if ints == 0 else None
        d = base - ints + nones
        if d >= 1:
            return d
        has_view_part = len(parts) > ints
        return None if has_view_part or d < 0 else SCALAR

    def _call(self, call):
        f = call.func
        if isinstance(f, gast.Attribute) and not self._is_module_function(f):
            return self._method(f.attr, self.of(f.value), call)
        obj = self.resolver.value_of(f)
        args = call.args
        if any(isinstance(a, gast.Starred) for a in args):
            return None
        try:
            if obj in _ALLOCATE and args:
                return self._shape_ndim(args[0])
            if obj in _LIKE and args and not any(k.arg == "shape" for k in call.keywords):
                v = self.of(args[0])
                return v if is_array(v) or v == _BOTTOM else None
            if obj in _VECTORS:
                return 1
            if obj in (np.eye, np.identity, np.outer):
                return 2
            if obj in (np.concatenate, np.stack, np.vstack, np.hstack, np.tile):
                return ARRAY
            if isinstance(obj, np.ufunc) and len(args) == obj.nin and \
                    not any(k.arg in ("out", "where") for k in call.keywords):
                return self._broadcast([self.of(a) for a in args])
        except TypeError:  # an unhashable object
            return None
        return None

    def _is_module_function(self, f) -> bool:
        """``np.sin`` (a function reached through a module), not a method call."""
        return self.resolver.value_of(f.value) is np or \
            isinstance(f.value, gast.Attribute) and self._is_module_function(f.value)

    def _method(self, name, recv, call):
        if recv == _BOTTOM:
            return _BOTTOM
        if not is_array(recv):
            return None
        if name in ("copy", "astype") or name in ("transpose", "swapaxes") and \
                not any(isinstance(a, gast.Starred) for a in call.args):
            return recv
        if name in ("ravel", "flatten"):
            return 1
        if name == "reshape" and call.args and not call.keywords:
            if len(call.args) > 1:
                return len(call.args)
            return self._shape_ndim(call.args[0])
        return None

    def _shape_ndim(self, shape):
        if isinstance(shape, (gast.Tuple, gast.List)):
            return len(shape.elts) if shape.elts else None  # () is a 0-d array
        if self.is_int(shape):
            return 1
        return None
