"""Stage 2: what does each called name denote?

Every call and attribute in a differentiated function is classified once, when
the derivative is built: a primitive with a rule, a non-differentiable
function, a user function to transform recursively, a marker
(``stop_gradient``/``no_grad``), or unknown.
"""

from __future__ import annotations

import builtins
import types
from dataclasses import dataclass
from typing import Any

import gast
import numpy as np

from pullback import markers, rules
from pullback.rules.registry import is_transform, make_rules

#: ndarray attributes that are plain metadata: no derivative.
METADATA_ATTRIBUTES = {"shape", "ndim", "size", "dtype", "itemsize", "nbytes", "strides"}

MISSING = object()

#: ``pb.grad(f)`` written inside differentiated code, evaluated once per
#: (transform, arguments): the same derivative object (and rules) on every build
_MADE: dict = {}


@dataclass
class Callee:
    """What a call's function expression denotes."""

    kind: str          # rule | nondiff | stop | no_grad | user | local | method | unknown
    obj: Any = None    # the object (rule primitive, user function, nested def node)
    name: str = ""     # how the user wrote it, for messages
    receiver: Any = None  # the receiver expression of a method call

    @property
    def rule(self):
        return rules.lookup(self.obj)


def _dotted(node) -> list[str] | None:
    parts = []
    while isinstance(node, gast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, gast.Name):
        parts.append(node.id)
        return parts[::-1]
    return None


class Resolver:
    def __init__(self, source, local_names: set[str], local_funcs: dict[str, Any]):
        self.source = source
        self.locals = local_names
        self.local_funcs = local_funcs

    def lookup_global(self, name: str) -> Any:
        """The value a free name has in the user's function (closure, globals, builtins)."""
        cell = self.source.closure.get(name)
        if cell is not None:
            try:
                return cell.cell_contents
            except ValueError:
                return MISSING
        if name in self.source.globals:
            return self.source.globals[name]
        outer = self.source.globals.get("__builtins__")
        if outer is not None and not isinstance(outer, dict) and hasattr(outer, "closure"):
            try:  # generated code: its free names live in the user's scope
                return outer[name]
            except KeyError:
                return MISSING
        return getattr(builtins, name, MISSING)

    def value_of(self, node) -> Any:
        """The object a dotted expression rooted at a global denotes, or MISSING."""
        parts = _dotted(node)
        if parts is None or parts[0] in self.locals:
            return MISSING
        obj = self.lookup_global(parts[0])
        for attr in parts[1:]:
            if obj is MISSING:
                break
            try:
                obj = getattr(obj, attr)
            except Exception:
                return MISSING
        return obj

    def constant(self, node) -> Any:
        """The value of a literal, a global (dotted) name or a tuple of them; MISSING
        for anything that depends on local values."""
        if isinstance(node, gast.Constant):
            return node.value
        if isinstance(node, gast.Tuple):
            items = tuple(self.constant(e) for e in node.elts)
            return MISSING if any(v is MISSING for v in items) else items
        return self.value_of(node)

    def made(self, call) -> Any:
        """``pb.grad(f, wrt=1)`` as a callee: the derivative function itself, when
        the transform and every argument are known now (globals and literals)."""
        transform = self.value_of(call.func)
        if transform is MISSING or not is_transform(transform):
            return MISSING
        args = [self.constant(a) for a in call.args]
        kws = {k.arg: self.constant(k.value) for k in call.keywords}
        if any(v is MISSING for v in args + list(kws.values())) or None in kws:
            return MISSING
        try:
            key = (transform, tuple(args), tuple(sorted(kws.items())))
            hash(key)
        except TypeError:
            return MISSING
        if key not in _MADE:
            _MADE[key] = transform(*args, **kws)
        return _MADE[key]

    def callee(self, func) -> Callee:
        if isinstance(func, gast.Call):
            obj = self.made(func)
            if obj is not MISSING:
                name = ".".join(_dotted(func.func) or ["<expression>"]) + "(...)"
                return self.classify(obj, name)
        text = ".".join(_dotted(func) or ["<expression>"])
        if isinstance(func, gast.Name) and func.id in self.local_funcs:
            node = self.local_funcs[func.id]
            return Callee("local", node, text) if node is not None else \
                Callee("ambiguous", None, text)
        if isinstance(func, gast.Attribute):
            root = _dotted(func)
            if root is None or root[0] in self.locals:
                # a method of a value: x.sum(), (x * 2).reshape(...)
                method = getattr(np.ndarray, func.attr, None)
                return self.classify(method, text, receiver=func.value, method=True)
        obj = self.value_of(func)
        if obj is MISSING:
            return Callee("unknown", None, text)
        return self.classify(obj, text)

    def classify(self, obj, text, receiver=None, method=False) -> Callee:
        kind = "method" if method else None
        if obj is None:
            return Callee("unknown", None, text, receiver)
        if obj is markers.stop_gradient:
            return Callee("stop", obj, text)
        if obj is markers.no_grad:
            return Callee("no_grad", obj, text)
        if getattr(obj, "__pullback__", None) is not None:
            if make_rules(obj):
                return Callee("rule", obj, text)
            return Callee("unknown", obj, text)
        rule = rules.lookup(obj)
        if rule is not None and (rule.vjp is not None or rule.jvp is not None):
            return Callee(kind or "rule", obj, text, receiver)
        if rules.is_nondifferentiable(obj):
            return Callee("nondiff", obj, text, receiver)
        if method:
            return Callee("unknown", obj, text, receiver)
        if isinstance(obj, types.FunctionType):
            mod = getattr(obj, "__module__", "") or ""
            if not mod.startswith(("numpy", "pullback.", "scipy")):
                return Callee("user", obj, text)
        if isinstance(obj, type) and issubclass(obj, BaseException):
            return Callee("nondiff", obj, text)
        return Callee("unknown", obj, text)

    def attribute(self, node: gast.Attribute) -> Callee:
        """Classify a non-call attribute read ``x.attr`` of a local value."""
        if node.attr in METADATA_ATTRIBUTES:
            return Callee("nondiff", None, node.attr)
        desc = getattr(np.ndarray, node.attr, None)
        if desc is not None and rules.lookup(desc) is not None:
            return Callee("method", desc, node.attr, node.value)
        return Callee("unknown", desc, node.attr, node.value)


#: Python operators and the NumPy functions whose rules differentiate them.
OPERATORS = {
    gast.Add: np.add, gast.Sub: np.subtract, gast.Mult: np.multiply,
    gast.Div: np.divide, gast.Pow: np.power, gast.MatMult: np.matmul,
    gast.Mod: np.remainder, gast.USub: np.negative, gast.UAdd: np.positive,
}
