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
from pullback.front.parse import NestedFunction
from pullback.rules.registry import is_transform, make_rules
from pullback.syntax.astutil import unparse
from pullback.syntax.walk import stored

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


def _text(node) -> str:
    try:
        return unparse(node).strip()
    except Exception:
        return "<expression>"


class Resolver:
    def __init__(self, source, local_names: set[str], local_funcs: dict[str, Any],
                 deps: list | None = None):
        self.source = source
        self.locals = local_names
        self.local_funcs = local_funcs
        # what the build resolved statically (see ``record``); None: not recorded
        self.deps = deps
        self.injected: dict[str, Any] = {}  # names rewritten code uses (never a user's)
        # parameters (and locals set once) that denote one known function in this
        # build (front/parse.py, analysis/fnvalues.py)
        self.bound: dict[str, Any] = dict(source.bound)

    def lookup_global(self, name: str) -> Any:
        """The value a free name has in the user's function (closure, globals, builtins)."""
        if name in self.injected:
            return self.injected[name]
        return scope_lookup(self.source.closure, self.source.globals, name, self.deps)

    def value_of(self, node) -> Any:
        """The object a dotted expression rooted at a global denotes, or MISSING."""
        parts = _dotted(node)
        if parts is None or parts[0] in self.locals and parts[0] not in self.bound:
            return MISSING
        obj = self.bound[parts[0]] if parts[0] in self.bound else self.lookup_global(parts[0])
        if isinstance(obj, NestedFunction):  # no object: only a call of it is known
            return MISSING
        for attr in parts[1:]:
            if obj is MISSING:
                break
            owner = obj
            try:
                obj = getattr(obj, attr)
            except Exception:
                return MISSING
            record(self.deps, ATTR, owner, attr, obj)
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
        parts = _dotted(func)
        text = ".".join(parts) if parts else _text(func)
        if isinstance(func, gast.Name) and isinstance(self.bound.get(func.id), NestedFunction):
            return Callee("local", self.bound[func.id], text)
        if isinstance(func, gast.Name) and func.id in self.local_funcs:
            node = self.local_funcs[func.id]
            return Callee("local", node, text) if node is not None else \
                Callee("ambiguous", None, text)
        if isinstance(func, gast.Attribute):
            root = _dotted(func)
            if root is None or root[0] in self.locals and root[0] not in self.bound:
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
        if rules.is_nondifferentiable(obj) or isinstance(obj, types.MethodType) and \
                rules.is_nondifferentiable(obj.__func__):  # (log.info of a Logger)
            return Callee("nondiff", obj, text, receiver)
        if method:
            return Callee("unknown", obj, text, receiver)
        if isinstance(obj, types.FunctionType) and library_of(obj) is None:
            return Callee("user", obj, text)
        if isinstance(obj, type) and issubclass(obj, BaseException):
            return Callee("nondiff", obj, text)
        return Callee("unknown", obj, text)

    def refusal(self, callee: Callee) -> str:
        """Why a call to an ``unknown`` callee cannot be differentiated, and what
        to do instead (the message of the refusal)."""
        obj, name = callee.obj, callee.name
        lib = library_of(obj)
        if lib is not None:
            compiled = isinstance(obj, (np.ufunc, types.BuiltinFunctionType))
            why = "" if compiled else \
                f"; pullback does not differentiate {lib}'s own Python source"
            return (f"{name} has no derivative rule in pullback{why} — see docs/ops.md "
                    "for the supported functions, or give it a rule with pb.defvjp(fn, rule)")
        if isinstance(obj, types.MethodType):
            func = getattr(obj.__func__, "__qualname__", "Class.method")
            return (f"`{name}` is a bound method; call its function with the instance "
                    f"as the first argument, e.g. {func}(obj, ...), or give it a rule "
                    "with pb.defvjp")
        if obj is None:
            return self._unknown_function(name)
        if obj in (zip, enumerate):
            return (f"`{name}(...)` is followed only as what a for loop runs over, its "
                    "target unpacked into names (for a, b in zip(xs, ys):, for i, (a, b) in "
                    "enumerate(zip(xs, ys)):); unpack it so, or index the sequences by a "
                    "loop over range(len(xs))")
        if isinstance(obj, type):
            return (f"`{name}` is a class; pullback differentiates calls to functions "
                    "defined with def and to NumPy functions, not constructors")
        if isinstance(obj, (types.BuiltinFunctionType, np.ufunc)) or \
                type(obj).__name__ in ("method_descriptor", "wrapper_descriptor"):
            return (f"call to `{name}`, which has no derivative rule and is not Python "
                    "code (a builtin or C function) whose source pullback could read; "
                    "give it a rule with pb.defvjp(fn, rule)")
        if not isinstance(obj, types.FunctionType):
            return (f"`{name}` is a callable {type(obj).__name__} object, not a function; "
                    "call a function defined with def, or give it a rule with "
                    "pb.defvjp(fn, rule)")
        return (f"call to `{name}`, which has no derivative rule and whose source "
                "pullback does not read; give it a rule with pb.defvjp(fn, rule)")

    def _unknown_function(self, name: str) -> str:
        """Why the function a name or expression holds is not known when the
        derivative is built (analysis/fnvalues.py says what is), and what works."""
        why = f"pullback cannot tell, when it builds the derivative, which function `{name}` is"
        known = ("a def or NumPy function by its name (`np.sin`, `my_function`), a "
                 "lambda or def that reads no local variable, or a name assigned once "
                 "to one of those")
        a = self.source.tree.args
        fn = self.source.tree.name
        params = [p.id for p in a.posonlyargs + a.args + a.kwonlyargs]
        if name in params and name in stored(self.source.tree.body):
            return (f"{why}: `{name}` is a parameter of `{fn}` that is assigned in it; "
                    "assign the function to a new name (`g = np.cos`, then `g(x)`), or "
                    "call it by its own name")
        if name in params:
            return (f"{why}: `{name}` is a parameter of `{fn}`, and its callers must "
                    f"pass {known}, or leave it to its default; not a function chosen "
                    "by a branch, returned by a call or assigned twice. For pb.hessian, "
                    f"pb.jacobian or pb.hvp of `{fn}` itself, differentiate a function "
                    f"that passes it: `def g(x): return {fn}(..., {name}=np.sin)`")
        if name.isidentifier():
            return (f"{why}: the local name `{name}` is assigned more than once, or "
                    "to a value chosen by a branch or returned by a call; call each "
                    f"function by its own name (`np.sin(x) if c else np.cos(x)`), or "
                    f"assign `{name}` once, to {known}")
        if name.endswith(")"):
            return (f"{why}: the function a call returns is known only for pb.grad "
                    "and the other transforms of a def or NumPy function passed by its "
                    "name, and for a factory of closures (`make(2.0)(x)`) of this module "
                    "that only binds names, defines the function and returns it, using no "
                    "global the caller's own names hide; otherwise define the function "
                    "with def, with what it would close over as parameters "
                    "(`def f(a, x): return a * x`), and call it by its name")
        return (f"{why} (it is not a global or closure name bound to a function); call "
                "a function defined with def by its own name, or bind the function to "
                "a global name first")

    def attribute(self, node: gast.Attribute) -> Callee:
        """Classify a non-call attribute read ``x.attr`` of a local value."""
        if node.attr in METADATA_ATTRIBUTES:
            return Callee("nondiff", None, node.attr)
        desc = getattr(np.ndarray, node.attr, None)
        if desc is not None and rules.lookup(desc) is not None:
            return Callee("method", desc, node.attr, node.value)
        return Callee("unknown", desc, node.attr, node.value)


# -- dependencies: what a build resolved statically --------------------------------
#
# Generated code calls the user functions it transformed by generated names and
# inlines rules, so it is only right while every name the build resolved to a
# function, class or module still denotes that object. The resolver records each
# such resolution as ``(kind, where, name, object)``; ``deps_checker`` re-checks
# them cheaply (``is``) before cached code is reused. Data (arrays, numbers) is not
# recorded: generated code reads it live.

CELL, GLOBAL, ATTR = 0, 1, 2
_BOUND = (types.MethodType, types.BuiltinMethodType, types.MethodWrapperType)


def _tracked(obj) -> bool:
    return obj is MISSING or callable(obj) or isinstance(obj, types.ModuleType)


def record(deps, kind, where, name, obj) -> None:
    if deps is not None and _tracked(obj):
        deps.append((kind, where, name, obj))


def scope_lookup(closure: dict, globals_: dict, name: str, deps=None) -> Any:
    """``name`` in a closure, then module globals, then builtins (recorded in ``deps``).
    Generated code looks up the same way: what pullback added is in its closure,
    its globals are the user's."""
    cell = closure.get(name)
    if cell is not None:
        try:
            obj = cell.cell_contents
        except ValueError:
            obj = MISSING
        record(deps, CELL, cell, name, obj)
        return obj
    obj = globals_.get(name, MISSING)
    record(deps, GLOBAL, globals_, name, obj)
    if obj is not MISSING:
        return obj
    obj = getattr(builtins, name, MISSING)
    record(deps, ATTR, builtins, name, obj)
    return obj


def _current(kind, where, name):
    if kind == GLOBAL:
        return where.get(name, MISSING)
    if kind == CELL:
        try:
            return where.cell_contents
        except ValueError:
            return MISSING
    try:
        return getattr(where, name)
    except Exception:
        return MISSING


def _holds(dep) -> bool:
    kind, where, name, obj = dep
    now = _current(kind, where, name)
    return now is obj or (type(now) is type(obj) and isinstance(now, _BOUND) and now == obj)


def deps_checker(deps, extra: str = "True", env: dict | None = None):
    """A function of no arguments: whether every resolution in ``deps`` still gives
    the same object, and ``extra`` holds. Compiled to one expression: it runs
    before every reuse of cached code, so it must be cheap (a dict lookup and an
    ``is`` per dependency)."""
    scope = {"MISSING": MISSING, "holds": _holds, **(env or {})}
    terms = []
    for i, dep in enumerate(deps):
        kind, where, name, obj = dep
        if kind == ATTR and isinstance(where, types.ModuleType) and \
                vars(where).get(name, MISSING) is obj:
            kind, where = GLOBAL, vars(where)  # a module attribute is its dict's entry
        if kind == GLOBAL and not isinstance(obj, _BOUND):
            scope[f"w{i}"], scope[f"o{i}"] = where, obj
            terms.append(f"w{i}.get({name!r}, MISSING) is o{i}")
        else:
            scope[f"d{i}"] = dep
            terms.append(f"holds(d{i})")
    text = "def check():\n    return " + " and ".join(terms + [extra]) + "\n"
    exec(compile(text, "<pullback dependency check>", "exec"), scope)
    return scope["check"]


def unique_deps(deps) -> tuple:
    """``deps`` without repeats (by identity of place and object), in order."""
    seen, out = set(), []
    for d in deps:
        key = (d[0], id(d[1]), d[2], id(d[3]))
        if key not in seen:
            seen.add(key)
            out.append(d)
    return tuple(out)


def library_of(obj) -> str | None:
    """``"NumPy"``/``"SciPy"``/``"pullback"`` for a function of that library
    (module ``numpy`` or ``numpy.…``; a user module ``numpy_utils`` is not NumPy)."""
    mod = getattr(obj, "__module__", None)
    if not isinstance(mod, str):
        return None
    for root, label in (("numpy", "NumPy"), ("scipy", "SciPy"), ("pullback", "pullback")):
        if mod == root or mod.startswith(root + "."):
            return label
    return None


#: Python operators and the NumPy functions whose rules differentiate them.
OPERATORS = {
    gast.Add: np.add, gast.Sub: np.subtract, gast.Mult: np.multiply,
    gast.Div: np.divide, gast.Pow: np.power, gast.MatMult: np.matmul,
    gast.Mod: np.remainder, gast.USub: np.negative, gast.UAdd: np.positive,
}
