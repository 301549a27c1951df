"""Which variables provably hold integer/bool arrays, and which floats.

A value of integer or bool dtype carries no derivative: casting a float to an
int (``x.astype(int)``, ``np.array(x, dtype=int)``, writing a float into an
int buffer) truncates, so nothing flows through it. Where the dtype is known
when the derivative is built the value is simply not *active* (a symbolic
zero: no code at all); where it is not, the rules check at run time.

Both facts are flow-insensitive, like activity: a variable is int-typed (or
float-typed) when *every* assignment of it gives such a value.
"""

from __future__ import annotations

import gast
import numpy as np

from pullback.syntax.walk import target_names

#: functions whose result has the dtype of their ``dtype`` argument, and the
#: position of that argument when it is passed positionally (receiver first)
_DTYPE_POSITION = {
    np.ndarray.astype: 1, np.array: 1, np.asarray: 1, np.asanyarray: 1,
    np.ascontiguousarray: 1, np.zeros: 1, np.ones: 1, np.empty: 1, np.full: 2,
    np.zeros_like: 1, np.ones_like: 1, np.empty_like: 1, np.full_like: 2,
}

#: creation functions whose result is float64 unless a dtype says otherwise
_FLOAT_BY_DEFAULT = {np.zeros, np.ones, np.empty, np.eye, np.identity, np.linspace}
#: functions whose result has their first argument's dtype unless told otherwise
_LIKE_FIRST = {np.zeros_like, np.ones_like, np.empty_like, np.copy, np.ndarray.copy,
               np.array, np.asarray, np.asanyarray, np.ascontiguousarray, np.ndarray.reshape,
               np.reshape, np.ravel, np.ndarray.ravel, np.ndarray.flatten, np.transpose,
               np.ndarray.transpose}

_INT_OPS = (gast.Add, gast.Sub, gast.Mult, gast.FloorDiv, gast.Mod, gast.BitAnd, gast.BitOr,
            gast.BitXor)
_FLOAT_OPS = (gast.Add, gast.Sub, gast.Mult, gast.Div, gast.Pow, gast.Mod)


def static_dtype(node, resolver):
    """The NumPy dtype a dtype expression (``int``, ``np.int64``, ``"f8"``)
    denotes when the derivative is built, or None."""
    if isinstance(node, gast.Constant):
        if not isinstance(node.value, str):
            return None
        value = node.value
    else:
        value = resolver.value_of(node)
        if value is None or not (isinstance(value, (type, np.dtype))):
            return None
    try:
        return np.dtype(value)
    except TypeError:
        return None


def _is_int_dtype(dt) -> bool:
    return dt is not None and dt.kind in "biu"


def _call_dtype(call, resolver):
    """(callee object, the dtype expression of the call or None)."""
    callee = resolver.callee(call.func)
    obj = callee.obj
    for k in call.keywords:
        if k.arg == "dtype":
            return obj, k.value
    pos = _DTYPE_POSITION.get(obj) if _hashable(obj) else None
    if pos is not None:
        args = list(call.args)
        if callee.receiver is not None:
            args = [callee.receiver] + args
        if len(args) > pos:
            return obj, args[pos]
    return obj, None


def _hashable(obj) -> bool:
    try:
        hash(obj)
    except TypeError:
        return False
    return True


def _definitions(body):
    defs: dict[str, list] = {}
    for n in gast.walk(gast.Module(body=body, type_ignores=[])):
        if isinstance(n, gast.For):
            for name in target_names(n.target):
                defs.setdefault(name, []).append(None)
        elif isinstance(n, gast.Assign):
            for t in n.targets:
                for name in target_names(t):
                    defs.setdefault(name, []).append(n.value if isinstance(t, gast.Name)
                                                     else None)
        elif isinstance(n, (gast.AugAssign, gast.AnnAssign)) and isinstance(n.target, gast.Name):
            defs.setdefault(n.target.id, []).append(None)
    return defs


class Dtypes:
    """Int-typed and float-typed variables of one normalised body."""

    def __init__(self, resolver, float_params=()):
        self.resolver = resolver
        self.float_params = set(float_params)
        self.ints: set[str] = set()
        self.floats: set[str] = set()

    def run(self, body, params=()):
        defs = _definitions(body)
        for p in params:
            defs.setdefault(p, []).append(None)
        self.ints = self._fixpoint(defs, self.is_int, set())
        for p in self.float_params:
            defs[p] = [d for d in defs.get(p, []) if d is not None] + ["param"]
        self.floats = self._fixpoint(defs, self.is_float, set())
        return self

    @staticmethod
    def _fixpoint(defs, test, known):
        # greatest fixpoint: start from every candidate, drop the refuted ones
        cur = {n for n, ds in defs.items() if all(d is not None for d in ds)}
        while True:
            new = {n for n in cur if all(d == "param" or test(d, cur) for d in defs[n])}
            if new == cur:
                return cur
            cur = new

    # -- integer / bool ---------------------------------------------------------------
    def is_int(self, e, ints=None) -> bool:
        """Does ``e`` provably have an integer or bool dtype (no derivative)?"""
        ints = self.ints if ints is None else ints
        if isinstance(e, gast.Name):
            return e.id in ints
        if isinstance(e, gast.Compare):
            return True
        if isinstance(e, gast.Constant):
            return isinstance(e.value, (bool, int))
        if isinstance(e, gast.Subscript):
            return self.is_int(e.value, ints)
        if isinstance(e, gast.UnaryOp):
            return isinstance(e.op, (gast.Not, gast.Invert)) or self.is_int(e.operand, ints)
        if isinstance(e, gast.BinOp) and isinstance(e.op, _INT_OPS):
            return self.is_int(e.left, ints) and self.is_int(e.right, ints)
        if isinstance(e, gast.Call):
            _, dt = _call_dtype(e, self.resolver)
            return dt is not None and _is_int_dtype(static_dtype(dt, self.resolver))
        return False

    # -- floating -----------------------------------------------------------------------
    def is_float(self, e, floats=None) -> bool:
        """Does ``e`` provably have a floating dtype?"""
        floats = self.floats if floats is None else floats
        if isinstance(e, gast.Name):
            return e.id in floats
        if isinstance(e, gast.Constant):
            return isinstance(e.value, float)
        if isinstance(e, gast.Subscript):
            return self.is_float(e.value, floats)
        if isinstance(e, gast.UnaryOp) and isinstance(e.op, (gast.USub, gast.UAdd)):
            return self.is_float(e.operand, floats)
        if isinstance(e, gast.BinOp) and isinstance(e.op, _FLOAT_OPS):
            return self.is_float(e.left, floats) or self.is_float(e.right, floats) or \
                isinstance(e.op, gast.Div)
        if isinstance(e, gast.Attribute) and e.attr in ("T", "real"):
            return self.is_float(e.value, floats)
        if isinstance(e, gast.Call):
            obj, dt = _call_dtype(e, self.resolver)
            if dt is not None:
                sd = static_dtype(dt, self.resolver)
                return sd is not None and sd.kind == "f"
            if not _hashable(obj):
                return False
            if obj in _FLOAT_BY_DEFAULT:
                return True
            if obj in _LIKE_FIRST:
                callee = self.resolver.callee(e.func)
                first = callee.receiver if callee.receiver is not None else \
                    (e.args[0] if e.args else None)
                return first is not None and self.is_float(first, floats)
        return False
