"""Which names may share memory, decided by what can be proved.

NumPy arrays are shared by reference: ``v = k[0]`` is a view of ``k``'s
memory, ``t = s`` another name for the same array, ``L = [k]`` a list that
holds it. A write through any of them is seen through all. This module
answers one question soundly: *may the value bound to a name share memory
with the value bound to another?*

The answer is built from the few things proven **fresh** (a new array no other
name refers to): arithmetic, comparisons, NumPy functions and methods known to
allocate (``np.zeros``, ``x.copy()``, ``np.concatenate``, ufuncs and
reductions without ``out=``, ``np.array`` and ``astype`` unless told
``copy=False``/``copy=None``), and values that cannot hold memory (numbers,
``len(...)``, ``x.shape``). Everything else — a subscript of anything, an
attribute, a call of your own function or of an unknown one, a conditional
expression, a tuple or list — *may share* with every name it mentions. Each
name gets the set of memory *roots* it may refer to, over every binding of it
(flow-insensitive), and two names may share when their roots meet. The
relation can only be too large: too large is slower or refused, never wrong.
"""

from __future__ import annotations

import types

import gast
import numpy as np

from pullback import checks, runtime
from pullback.analysis.activity import free_names
from pullback.front.resolve import METADATA_ATTRIBUTES, MISSING
from pullback.syntax.walk import DISPLAYS, container_names, paired, store_names

#: NumPy functions whose result is a new array (with no ``out=``).
FRESH_FUNCTIONS = {np.zeros, np.ones, np.empty, np.full, np.zeros_like, np.ones_like,
                   np.empty_like, np.full_like, np.copy, np.eye, np.identity,
                   np.arange, np.linspace, np.concatenate, np.stack, np.vstack, np.hstack,
                   np.outer, np.dot, np.matmul, np.tile, np.repeat,
                   # functions that always return a new array (never a view)
                   np.roll, np.take, np.sort, np.where, np.pad, np.insert,
                   np.delete, np.append, np.take_along_axis, np.tril, np.triu, np.kron,
                   np.cross, np.cumsum, np.cumprod, np.interp, np.convolve, np.correlate,
                   np.select, np.partition, np.median, np.quantile, np.percentile,
                   np.polyval, np.ediff1d, np.clip,
                   # pullback's own helpers that allocate
                   runtime.zeros_like, runtime.snapshot, runtime.owned_copy, runtime.zero_at,
                   checks.fresh_result,
                   runtime.getitem_vjp, runtime.setitem_tangent, runtime.setitem_value_vjp}
#: pullback's helpers whose result may share memory with these positional arguments
#: only (broadcast_like(t, ans) is t or a view of t; it reads ans's shape)
SHARES_ONLY = {runtime.broadcast_like: (0,)}
#: the root of memory from outside the function (globals, closures, unknown calls)
OUTSIDE = "<outside>"
#: functions with rules in a family of new arrays that may still return a view of an
#: argument (``np.einsum('ij->ji', k)`` is ``k.T``)
MAY_VIEW = {np.einsum}
#: functions and methods that copy unless a ``copy=`` argument says otherwise
COPYING = {np.array: True}
FRESH_METHODS = {"copy", "flatten", "tolist", "item"}
#: rule families whose functions compute new arrays (``shape`` ones may return views)
FRESH_FAMILIES = ("ufuncs", "trig", "reductions", "linalg", "operators", "builtins_rules")


class Memory:
    """May-share facts for one function body (see the module docstring)."""

    def __init__(self, resolver, body=None):
        self.resolver = resolver
        self.roots: dict[str, set] = {}
        self.local_reads: dict[str, set] = {}
        # names that may hold a list, tuple or dict (their .copy() is shallow)
        self.containers: set[str] = container_names(body) if body is not None else set()

    # -- one expression ---------------------------------------------------------------
    def fresh(self, value) -> bool:
        """Is ``value`` proven to be a new object that no other name refers to
        (or a number, which holds no shared memory)?"""
        if isinstance(value, gast.Constant):
            return True
        if isinstance(value, (gast.BinOp, gast.UnaryOp, gast.Compare)):
            operands = [value.left, value.right] if isinstance(value, gast.BinOp) else \
                [value.operand] if isinstance(value, gast.UnaryOp) else \
                [value.left] + list(value.comparators)
            # list + list and [k] * 3 hold the same objects: not fresh
            return not any(isinstance(o, (gast.List, gast.Tuple, gast.ListComp))
                           for o in operands)
        if isinstance(value, gast.Attribute):
            # (x * 2).T: a view of a new array no name holds is new memory too
            return value.attr in METADATA_ATTRIBUTES or \
                value.attr in ("T", "mT") and self._new_array(value.value)
        if isinstance(value, gast.Subscript):
            if getattr(value, "pb_scalar_copy", False):  # k[1] on a vector (analysis/views)
                return True
            if self._new_array(value.value):
                return True  # np.maximum(a, 0.3)[::-1]
            # an index that is a list or a mask selects a copy (advanced indexing)
            idx = value.slice.elts if isinstance(value.slice, gast.Tuple) else [value.slice]
            return any(isinstance(i, (gast.List, gast.ListComp, gast.Compare)) for i in idx)
        if isinstance(value, gast.Call):
            return self._fresh_call(value)
        return False

    def _new_array(self, value) -> bool:
        """A new object no name refers to, and not a list or tuple display (whose
        items are other names' objects)."""
        return not isinstance(value, (gast.Constant, gast.List, gast.Tuple)) and \
            self.fresh(value)

    def _fresh_call(self, call) -> bool:
        if any(k.arg == "out" for k in call.keywords):
            return False
        f = call.func
        copy_kw = next((k.value for k in call.keywords if k.arg == "copy"), None)
        copies = copy_kw is None or (isinstance(copy_kw, gast.Constant) and
                                     copy_kw.value is True)
        callee = self.resolver.callee(f)
        if callee.kind == "method" or isinstance(f, gast.Attribute) and (
                self.resolver.value_of(f) is MISSING or
                isinstance(self.resolver.value_of(f.value), np.ndarray)):  # W.copy() of a global
            name = f.attr if isinstance(f, gast.Attribute) else ""
            if name == "astype":
                return copies
            if name == "copy" and (isinstance(f.value, DISPLAYS) or isinstance(
                    f.value, gast.Name) and f.value.id in self.containers):
                return False  # [k].copy(), L.copy(): a new list holding the same arrays
            if name in FRESH_METHODS:
                return True
            if name in ("reshape", "ravel", "transpose", "swapaxes", "squeeze", "view") and \
                    self._new_array(f.value):
                return True  # (x * 2).reshape(3): a view of a new array, or a copy
            return callee.kind == "method" and self.fresh_rule(callee, call)
        obj = callee.obj
        if _member(obj, COPYING):
            return copies
        if _member(obj, FRESH_FUNCTIONS):
            return True
        if callee.kind == "nondiff":
            return True  # pure functions of values: ints, masks, new arrays
        if callee.kind == "rule":
            return self.fresh_rule(callee, call)
        return False

    @staticmethod
    def fresh_rule(callee, call=None) -> bool:
        rule = callee.rule
        if rule is None or rule.custom_vjp or rule.custom_jvp or _member(callee.obj, MAY_VIEW):
            return False
        if isinstance(callee.obj, np.ufunc):
            # np.sin(a, a): a positional third argument is the out array (also *args)
            return call is None or len(call.args) <= callee.obj.nin and \
                not any(isinstance(a, gast.Starred) for a in call.args)
        fn = rule.vjp or rule.jvp
        module = getattr(fn, "__module__", "") or ""
        return module.rsplit(".", 1)[-1] in FRESH_FAMILIES

    def mentions(self, value) -> set[str]:
        """The names whose memory the result of ``value`` may share."""
        if self.fresh(value):
            return set()
        if isinstance(value, gast.Name):
            return {value.id}
        if isinstance(value, gast.Subscript):
            return self.mentions(value.value)
        if isinstance(value, gast.IfExp):
            return self.mentions(value.body) | self.mentions(value.orelse)
        if isinstance(value, (gast.List, gast.Tuple, gast.Set)):  # [b.copy()] holds no b
            return set().union(*(self.mentions(e.value if isinstance(e, gast.Starred) else e)
                                 for e in value.elts))
        if isinstance(value, gast.Dict):
            return set().union(*(self.mentions(e) for e in value.keys + value.values
                                 if e is not None))
        if isinstance(value, gast.Lambda):
            return set()
        if isinstance(value, gast.Call) and not value.keywords and \
                not any(isinstance(a, gast.Starred) for a in value.args) and \
                _member(self.resolver.value_of(value.func), SHARES_ONLY):
            only = SHARES_ONLY[self.resolver.value_of(value.func)]
            return set().union(*(self.mentions(value.args[i]) for i in only
                                 if i < len(value.args)))
        if isinstance(value, gast.Call) and isinstance(value.func, gast.Attribute) and \
                self.resolver.value_of(value.func) is not MISSING:
            # np.reshape(k, ...): the function is global, its arguments are not
            args = list(value.args) + [k.value for k in value.keywords]
            return set().union(*(self.mentions(a) for a in args))
        return {n for n in _loads(value) if n in self.resolver.locals and
                n not in self.resolver.local_funcs}

    # -- the relation ----------------------------------------------------------------
    def analyse(self, body, params=()) -> "Memory":
        """The memory each local name may refer to, as a set of *roots*: a name
        bound to a fresh value owns a root of its own; an argument is a root;
        any other binding refers to the roots of what its value mentions. Every
        binding counts (flow-insensitive), solved to a fixpoint."""
        self.local_reads = _local_function_reads(body)
        self.containers |= container_names(body)
        fresh_arrays = self._fresh_names(body)
        bindings = []   # (target names, value) ; value None: a fresh root
        for node in _all_nodes(body):
            if isinstance(node, gast.Assign):
                for t in node.targets:
                    if isinstance(t, gast.Subscript):
                        root = _root(t)
                        if root is not None and root not in fresh_arrays:
                            bindings.append(({root}, node.value))  # a list slot holds it
                    else:
                        bindings += paired(t, node.value)
            elif isinstance(node, gast.For):
                bindings.append((store_names(node.target), node.iter))
            elif isinstance(node, gast.Call) and isinstance(node.func, gast.Attribute) and \
                    isinstance(node.func.value, gast.Name) and \
                    node.func.attr in ("append", "extend", "insert"):
                for a in node.args:
                    bindings.append(({node.func.value.id}, a))
        roots: dict[str, set] = {p: {p} for p in params}
        # a display's items may be new arrays (mentioning nothing): the container
        # then holds memory of its own, which names taken out of it share
        sources = [(targets, None if self.fresh(v) else self._locals_in(v),
                    isinstance(v, DISPLAYS), self.outside(v)) for targets, v in bindings]
        changed = True
        while changed:
            changed = False
            for targets, names, own, outside in sources:
                for t in targets:
                    have = roots.setdefault(t, set())
                    new = {t} if names is None else \
                        set().union(*(roots.get(n, set()) for n in names)) if names else set()
                    if own:
                        new = new | {t}
                    if outside:
                        new = new | {OUTSIDE}
                    if not new <= have:
                        have |= new
                        changed = True
        self.roots = roots
        return self

    def _locals_in(self, value) -> set[str]:
        names = set()
        for n in self.mentions(value):
            if n in self.resolver.locals and n not in self.resolver.local_funcs:
                names.add(n)
        for n in _loads(value):  # calling a local function reads what it closes over
            names |= {m for m in self.local_reads.get(n, ()) if m not in self.resolver.local_funcs}
        return names

    def outside(self, value) -> bool:
        """May ``value`` hold memory from outside the function: a global or closure
        array (``c = W``, ``cfg.W``, ``Ws[0]``), or what a call of your own or an
        unknown function returns (it may be one)? Modules, functions, classes and
        numbers hold none."""
        if self.fresh(value) or isinstance(value, gast.Lambda):
            return False
        if isinstance(value, gast.Call):
            if self.resolver.callee(value.func).kind in ("user", "local", "unknown",
                                                         "ambiguous"):
                return True
            parts = list(value.args) + [k.value for k in value.keywords]
            if isinstance(value.func, gast.Attribute):  # k.reshape(3): the receiver
                parts.append(value.func.value)
            return any(self.outside(p) for p in parts)
        if isinstance(value, (gast.Name, gast.Attribute)):
            root = value
            while isinstance(root, gast.Attribute):
                root = root.value
            if isinstance(root, gast.Name) and root.id in self.resolver.locals:
                return False  # a local's memory (mentions), or an attribute of it
            if isinstance(root, gast.Name):  # W, cfg.W, np.pi
                return not _inert(self.resolver.value_of(value))
        return any(self.outside(c) for c in gast.iter_child_nodes(value)
                   if isinstance(c, gast.expr))

    def shares_outside(self, name: str) -> bool:
        """May ``name`` hold memory from outside the function (see :meth:`outside`)?"""
        return OUTSIDE in self.roots.get(name, ())

    def aliases(self, name: str) -> set[str]:
        """Other local names whose value may share memory with ``name``'s."""
        mine = self.roots.get(name, set())
        if not mine:
            return set()
        return {n for n, r in self.roots.items() if n != name and r & mine}

    def _fresh_names(self, body) -> set[str]:
        """Names every binding of which is a fresh value (so they hold arrays, and
        ``k[i] = v`` copies ``v`` into ``k`` rather than storing a reference)."""
        defs: dict[str, list] = {}
        for node in _all_nodes(body):
            if isinstance(node, gast.Assign):
                for t in node.targets:
                    for n in store_names(t):
                        defs.setdefault(n, []).append(node.value if t.__class__ is gast.Name
                                                      else None)
            elif isinstance(node, gast.For):
                for n in store_names(node.target):
                    defs.setdefault(n, []).append(None)
        return {n for n, vs in defs.items()
                if all(v is not None and self.fresh(v) and
                       not isinstance(v, (gast.Constant, gast.Compare)) for v in vs)}


def _local_function_reads(body) -> dict[str, set[str]]:
    """For each function defined in ``body`` (``def`` or ``name = lambda``): the
    outer names its body reads when called, transitively."""
    funcs = {}
    for s in body:
        for n in gast.walk(s):
            if isinstance(n, gast.FunctionDef):
                funcs[n.name] = n
            elif isinstance(n, gast.Assign) and len(n.targets) == 1 and \
                    isinstance(n.targets[0], gast.Name) and isinstance(n.value, gast.Lambda):
                funcs[n.targets[0].id] = n.value
    direct = {name: free_names(node) for name, node in funcs.items()}
    out = {}
    for name in direct:
        seen, todo = set(), [name]
        while todo:
            f = todo.pop()
            for n in direct.get(f, ()):
                if n not in seen:
                    seen.add(n)
                    if n in direct:
                        todo.append(n)
        out[name] = seen
    return out


def _inert(obj) -> bool:
    """A global that holds no array memory a local name could share."""
    return obj is None or isinstance(obj, (types.ModuleType, type, int, float, complex, str,
                                           bytes, np.ufunc, np.generic, types.FunctionType,
                                           types.BuiltinFunctionType))


def _member(obj, collection) -> bool:
    try:
        return obj in collection
    except TypeError:
        return False


def _loads(node) -> set[str]:
    return {n.id for n in gast.walk(node) if isinstance(n, gast.Name)
            and isinstance(n.ctx, gast.Load)}


def _root(target):
    """``k`` for ``k[i]``, ``k[i][j]``, ``k.T[i]``; None for other targets."""
    node = target
    while isinstance(node, (gast.Subscript, gast.Attribute)):
        node = node.value
    return node.id if isinstance(node, gast.Name) else None


def _all_nodes(body):
    for s in body:
        yield from gast.walk(s)
