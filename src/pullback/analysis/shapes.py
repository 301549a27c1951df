"""Which variables provably share one shape, so ``unbroadcast`` can be left out.

The reverse-mode contribution of a broadcasting operand is
``unbroadcast(g, x)``: it sums the cotangent ``g`` (shaped like the result)
down to ``x``'s shape. When ``x`` provably has the result's shape it is the
identity, and the adjoint sweep neither calls it nor needs ``x`` at all (so
``x`` need not go on the tape just for its shape).

The analysis gives each variable a *shape token*, flow-insensitively (as
activity and dtypes do): a variable has token ``T`` when every assignment of it
gives a value of shape ``T``, for the whole run of the function. Tokens are

- ``SCALAR``: shape ``()``, a Python number (number constants, int variables);
- a parameter's shape at entry (a differentiated parameter of a top-level
  request, which the API knows is a float or float array);
- the shape of the one value a statement outside every loop computes (it runs
  at most once, so that shape is one fixed thing).

A token is *numeric* (a NumPy array or number: ``+`` and ``*`` broadcast) or
*opaque* (a fixed shape, but maybe a list or tuple, where ``+`` concatenates).
Propagation: a one-input ufunc keeps its input's shape; ``a op b`` and
two-input ufuncs on a numeric operand have the common token when both agree
(or the other is ``SCALAR``). Anything else is unknown (``None``), and then
``unbroadcast`` stays. A name's token only changes by assignment: an indexed
write keeps the shape; an attribute write (``x.shape = ...``) or a method
called on it for its effect makes the name unknown.
"""

from __future__ import annotations

import gast
import numpy as np

from pullback.syntax.walk import target_names

SCALAR = ("scalar",)
_BOT = "bot"   # not computed yet (the fixpoint starts optimistic)
_TOP = None    # unknown

_ELEMENTWISE_OPS = (gast.Add, gast.Sub, gast.Mult, gast.Div, gast.Pow, gast.Mod,
                    gast.FloorDiv)


def _numeric(tok) -> bool:
    return tok == SCALAR or (isinstance(tok, tuple) and tok[0] == "num")


def _num(tok):
    """The same shape, known to be a NumPy value (the result of a ufunc)."""
    return tok if tok == SCALAR else ("num", tok[1])


def _join(a, b):
    if a == _BOT:
        return b
    if b == _BOT or a == b:
        return a
    if a is not _TOP and b is not _TOP and a[-1] == b[-1]:
        return ("opaque", a[-1])  # one shape, seen as numeric and opaque
    return _TOP


class Shapes:
    """``same_as_result(args, arg)``: whether ``arg`` has the broadcast shape of
    all ``args`` (the operands of one broadcasting primitive)."""

    def __init__(self, resolver, numeric_params, other_params, int_names, lists):
        self.resolver = resolver
        self.numeric_params = set(numeric_params)
        self.other_params = set(other_params)
        self.int_names = set(int_names)
        self.lists = set(lists)
        self.tokens: dict[str, object] = {}

    # -- analysis ---------------------------------------------------------------------
    def run(self, body):
        defs: dict[str, list] = {}
        unknown: set[str] = set(self.lists)
        self._collect(body, defs, unknown, in_loop=False)
        tok = {n: _BOT for n in defs}
        for p in self.numeric_params:
            tok[p] = ("num", "param:" + p)
        for p in self.other_params - self.numeric_params:
            tok[p] = ("opaque", "param:" + p)
        for n in unknown:
            tok[n] = _TOP
        fixed = set(self.numeric_params) | set(self.other_params) | unknown
        for _ in range(100):
            changed = False
            for n, ds in defs.items():
                if n in unknown:
                    continue
                new = tok[n] if n in fixed else _BOT
                for d in ds:
                    new = _join(new, self._eval(d, tok))
                if new != tok[n]:
                    tok[n], changed = new, True
            if not changed:
                break
        else:  # no fixpoint (cannot happen on a flat lattice): know nothing
            tok = {}
        self.tokens = {n: (None if t == _BOT else t) for n, t in tok.items()}
        for n in self.int_names:
            if n not in unknown:
                self.tokens[n] = SCALAR
        return self

    def _collect(self, stmts, defs, unknown, in_loop):
        for s in stmts:
            if isinstance(s, gast.Assign):
                for t in s.targets:
                    if isinstance(t, gast.Name):
                        defs.setdefault(t.id, []).append((s.value, in_loop, id(s)))
                    elif isinstance(t, gast.Subscript):
                        continue  # an indexed write keeps the array's shape
                    else:
                        for n in _names_of(t):
                            unknown.add(n)  # tuple targets, attributes: not modelled
                self._effects(s.value, unknown)
            elif isinstance(s, gast.If):
                self._collect(s.body, defs, unknown, in_loop)
                self._collect(s.orelse, defs, unknown, in_loop)
            elif isinstance(s, (gast.For, gast.While)):
                if isinstance(s, gast.For):
                    unknown.update(target_names(s.target))  # ints over range: int_names
                self._collect(s.body, defs, unknown, True)
                self._collect(getattr(s, "orelse", []), defs, unknown, True)
            elif isinstance(s, gast.With):
                for item in s.items:
                    if item.optional_vars is not None:
                        unknown.update(_names_of(item.optional_vars))
                self._collect(s.body, defs, unknown, in_loop)
            else:
                for node in gast.walk(s):
                    if isinstance(node, gast.Name) and isinstance(node.ctx, gast.Store):
                        unknown.add(node.id)
                    if isinstance(node, gast.FunctionDef):
                        unknown.add(node.name)
                self._effects(s, unknown)

    def _effects(self, node, unknown):
        """``x.resize(...)`` changes ``x``'s shape in place."""
        for n in gast.walk(node):
            if isinstance(n, gast.Call) and isinstance(n.func, gast.Attribute) and \
                    n.func.attr == "resize" and isinstance(n.func.value, gast.Name):
                unknown.add(n.func.value.id)

    def _eval(self, d, tok):
        value, in_loop, sid = d
        site = _TOP if in_loop else ("opaque", f"stmt:{sid}")
        if isinstance(value, gast.Constant):
            if isinstance(value.value, (bool, int, float, complex)):
                return SCALAR
            return site
        if isinstance(value, gast.Name):
            return self._of(value.id, tok)
        if isinstance(value, gast.UnaryOp) and isinstance(value.op, (gast.USub, gast.UAdd)):
            t = self._atom(value.operand, tok)
            return t if t == _BOT or _numeric(t) else site
        if isinstance(value, gast.BinOp) and isinstance(value.op, _ELEMENTWISE_OPS):
            return self._broadcast(self._atom(value.left, tok), self._atom(value.right, tok),
                                   site)
        if isinstance(value, gast.Call) and not value.keywords and \
                not any(isinstance(a, gast.Starred) for a in value.args):
            ufunc = self._ufunc(value.func)
            if ufunc is not None and ufunc.nout == 1 and ufunc.nin == len(value.args):
                if ufunc.nin == 1:
                    t = self._atom(value.args[0], tok)
                    return t if t in (_BOT, _TOP) else _num(t)
                if ufunc.nin == 2:
                    a, b = (self._atom(x, tok) for x in value.args)
                    a = a if a in (_BOT, _TOP) else _num(a)  # np.add(list, ...) is NumPy's
                    return self._broadcast(a, b, site)
        return site

    def _ufunc(self, func):
        try:
            obj = self.resolver.callee(func).obj
        except Exception:
            return None
        return obj if isinstance(obj, np.ufunc) else None

    def _atom(self, node, tok):
        if isinstance(node, gast.Name):
            return self._of(node.id, tok)
        if isinstance(node, gast.Constant) and \
                isinstance(node.value, (bool, int, float, complex)):
            return SCALAR
        return _TOP

    def _of(self, name, tok):
        if name in self.int_names:
            return SCALAR
        return tok.get(name, _TOP)  # a free variable: unknown

    @staticmethod
    def _broadcast(a, b, site):
        if a == _BOT or b == _BOT:
            return _BOT
        if a is _TOP or b is _TOP:
            return site
        if a == SCALAR and b == SCALAR:
            return SCALAR
        # ``+`` on a list or tuple concatenates; only a NumPy operand broadcasts
        if not ((_numeric(a) and a != SCALAR) or (_numeric(b) and b != SCALAR)):
            return site
        if b == SCALAR:
            return _num(a)
        if a == SCALAR:
            return _num(b)
        if a[-1] == b[-1]:
            return _num(a)
        return site

    # -- queries ----------------------------------------------------------------------
    def token(self, node):
        if isinstance(node, gast.Name):
            if node.id in self.int_names:
                return SCALAR
            return self.tokens.get(node.id)
        if isinstance(node, gast.Constant) and \
                isinstance(node.value, (bool, int, float, complex)):
            return SCALAR
        return None

    def same_as_result(self, args, arg) -> bool:
        """``arg``'s shape is the broadcast shape of ``args``: ``unbroadcast`` of a
        cotangent shaped like the result to ``arg`` is the identity."""
        mine = self.token(arg)
        if mine is None:
            return False
        for a in args:
            if a is arg:
                continue
            t = self.token(a)
            if t is None:
                return False
            if t != SCALAR and t[-1] != mine[-1]:
                return False
        return True


def _names_of(target):
    return {n.id for n in gast.walk(target) if isinstance(n, gast.Name)}
