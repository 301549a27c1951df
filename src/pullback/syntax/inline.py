"""Rule bodies → expressions in generated code.

A rule is parsed once; calling :func:`instantiate` substitutes the call's
argument atoms for its parameters, renames its locals hygienically, maps the
globals it uses (``np``, runtime helpers) to names in the generated module,
and folds constants, so ``np.where(2 == 0, 0.0, 2 * x ** (2 - 1))`` reads
``2 * x``.
"""

from __future__ import annotations

import inspect
import operator
import textwrap
from dataclasses import dataclass
from functools import lru_cache

import gast

from pullback.syntax.astutil import const, load, names_in, subst


@dataclass
class Template:
    fn: object
    params: list[str]            # after (g|t, ans)
    vararg: str | None
    kwonly: list[str]
    defaults: dict
    locals_: list[tuple[str, gast.expr]]
    returns: list[gast.expr]
    seed: str                    # "g" or "t"
    globals_used: set[str]


@lru_cache(maxsize=None)
def template(fn) -> Template:
    src = textwrap.dedent(inspect.getsource(fn))
    tree = gast.parse(src).body[0]
    args = tree.args
    names = [a.id for a in args.posonlyargs + args.args]
    seed = names[0]
    params = names[2:]
    sig = inspect.signature(fn)
    defaults = {k: p.default for k, p in sig.parameters.items()
                if p.default is not inspect.Parameter.empty}
    locals_ = []
    body = tree.body
    if body and isinstance(body[0], gast.Expr) and isinstance(body[0].value, gast.Constant):
        body = body[1:]  # docstring
    for s in body[:-1]:
        if not (isinstance(s, gast.Assign) and len(s.targets) == 1
                and isinstance(s.targets[0], gast.Name)):
            raise TypeError(f"rule {fn.__name__}: only `name = expr` before the return")
        locals_.append((s.targets[0].id, s.value))
    ret = body[-1]
    if not isinstance(ret, gast.Return):
        raise TypeError(f"rule {fn.__name__} must end with a return")
    returns = list(ret.value.elts) if isinstance(ret.value, gast.Tuple) else [ret.value]
    bound = set(names) | {n for n, _ in locals_}
    if args.vararg:
        bound.add(args.vararg.id)
    bound |= {a.id for a in args.kwonlyargs}
    used = set()
    for stmt in body:  # not the decorators
        for n in gast.walk(stmt):
            if isinstance(n, gast.Name) and isinstance(n.ctx, gast.Load) and n.id not in bound:
                used.add(n.id)
    return Template(fn, params, args.vararg.id if args.vararg else None,
                    [a.id for a in args.kwonlyargs], defaults, locals_, returns, seed, used)


def rule_uses(fn, name: str) -> bool:
    """Does the rule's body read ``name`` (e.g. ``ans``)?"""
    if fn is None:
        return False
    try:
        t = template(fn)
    except (OSError, TypeError):
        return True
    used = set()
    for _, e in t.locals_:
        used |= names_in(e, gast.Load)
    for e in t.returns:
        used |= names_in(e, gast.Load)
    return name in used


def literal(value):
    """A constant node for a default value, or None if it is not a literal."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return const(value)
    if isinstance(value, tuple):
        elts = [literal(v) for v in value]
        if all(e is not None for e in elts):
            return gast.Tuple(elts=elts, ctx=gast.Load())
    return None


class BindError(Exception):
    pass


def bind(t: Template, args: list, keywords: dict) -> dict:
    """Map the rule's parameters to the call's argument expressions."""
    mapping = {}
    pos = list(args)
    for p in t.params:
        if pos:
            mapping[p] = pos.pop(0)
        elif p in keywords:
            mapping[p] = keywords.pop(p)
    if t.vararg is not None:
        mapping[t.vararg] = gast.Tuple(elts=pos, ctx=gast.Load())
        pos = []
    if pos:
        raise BindError("too many positional arguments")
    for p in t.kwonly:
        if p in keywords:
            mapping[p] = keywords.pop(p)
    if keywords:
        raise BindError("unsupported keyword argument(s): " + ", ".join(sorted(keywords)))
    for p in t.params + t.kwonly:
        if p in mapping and p in MUST_BE_DEFAULT and p in t.defaults and \
                p not in getattr(t.fn, "handles", ()) and not (
                isinstance(mapping[p], gast.Constant) and mapping[p].value == t.defaults[p]):
            raise BindError(f"`{p}=` is not supported by its derivative rule")
        if p not in mapping:
            if p not in t.defaults:
                raise BindError(f"missing argument `{p}`")
            lit = literal(t.defaults[p])
            if lit is None:
                raise BindError(f"default of `{p}` is not a literal")
            mapping[p] = lit
    return mapping


#: NumPy keyword arguments the rules do not model: a call that sets one is
#: refused when the derivative is built, rather than differentiated as if unset.
MUST_BE_DEFAULT = {"out", "where", "initial", "returned", "mode", "method", "overwrite_input"}


def instantiate(t: Template, mapping: dict, seed, ans, which, namer, globals_map):
    """Statements and one expression per index in ``which`` for this rule.

    ``mapping``: parameter → expression; ``seed``: the g/t expression;
    ``ans``: the output expression; ``globals_map``: rule global name → name
    in the generated module. Returns (statements, {index: expression}).
    """
    full = dict(mapping)
    full[t.seed] = seed
    full["ans"] = ans
    full.update({k: load(v) for k, v in globals_map.items()})
    needed_exprs = {i: t.returns[i] for i in which if i < len(t.returns)}
    # which locals are needed (transitively)
    local_names = [n for n, _ in t.locals_]
    need = set()
    frontier = set()
    for e in needed_exprs.values():
        frontier |= names_in(e, gast.Load)
    while frontier:
        n = frontier.pop()
        if n in local_names and n not in need:
            need.add(n)
            frontier |= names_in(dict(t.locals_)[n], gast.Load)
    stmts = []
    for n, e in t.locals_:
        if n not in need:
            continue
        new = namer.fresh("_" + n.strip("_"))
        value = fold(subst(e, full))
        full[n] = load(new)
        a = gast.Assign(targets=[gast.Name(id=new, ctx=gast.Store(), annotation=None,
                                           type_comment=None)],
                        value=value, type_comment=None)
        stmts.append(a)
    out = {}
    for i, e in needed_exprs.items():
        if isinstance(e, gast.Constant) and e.value is None:
            out[i] = None
        else:
            out[i] = fold(subst(e, full))
    return stmts, out


# -- constant folding ----------------------------------------------------------------
_BINOPS = {gast.Add: operator.add, gast.Sub: operator.sub, gast.Mult: operator.mul,
           gast.Div: operator.truediv, gast.Pow: operator.pow, gast.Mod: operator.mod,
           gast.FloorDiv: operator.floordiv}
_CMPOPS = {gast.Eq: operator.eq, gast.NotEq: operator.ne, gast.Lt: operator.lt,
           gast.LtE: operator.le, gast.Gt: operator.gt, gast.GtE: operator.ge}


def _num(n):
    return isinstance(n, gast.Constant) and isinstance(n.value, (int, float)) \
        and not isinstance(n.value, bool)


def _is(n, v):
    return isinstance(n, gast.Constant) and type(n.value) is type(v) and n.value == v


class _Fold(gast.NodeTransformer):
    def visit_UnaryOp(self, node):
        self.generic_visit(node)
        if isinstance(node.op, gast.USub) and _num(node.operand):
            return const(-node.operand.value)
        if isinstance(node.op, gast.Not) and isinstance(node.operand, gast.Constant):
            return const(not node.operand.value)
        return node

    def visit_BinOp(self, node):
        self.generic_visit(node)
        left, right, op = node.left, node.right, type(node.op)
        if _num(left) and _num(right) and op in _BINOPS:
            try:
                v = _BINOPS[op](left.value, right.value)
                if isinstance(v, (int, float)) and abs(v) < 1e15:
                    return const(v)
            except (ArithmeticError, ValueError):
                pass
        if op is gast.Mult:
            if _is(right, 1) or _is(right, 1.0):
                return left
            if _is(left, 1) or _is(left, 1.0):
                return right
        if op is gast.Pow and (_is(right, 1) or _is(right, 1.0)):
            return left
        if op in (gast.Add, gast.Sub) and (_is(right, 0) or _is(right, 0.0)):
            return left
        if op is gast.Div and (_is(right, 1) or _is(right, 1.0)):
            return left
        if op is gast.BitAnd:
            if _is(right, True):
                return left
            if _is(left, True):
                return right
            if _is(left, False) or _is(right, False):
                return const(False)
        return node

    def visit_Compare(self, node):
        self.generic_visit(node)
        if len(node.ops) == 1 and isinstance(node.ops[0], (gast.Is, gast.IsNot)) and \
                isinstance(node.left, gast.Constant) and \
                isinstance(node.comparators[0], gast.Constant) and \
                (node.left.value is None or node.comparators[0].value is None):
            same = node.left.value is node.comparators[0].value
            return const(same if isinstance(node.ops[0], gast.Is) else not same)
        if len(node.ops) == 1 and _num(node.left) and _num(node.comparators[0]) \
                and type(node.ops[0]) in _CMPOPS:
            return const(_CMPOPS[type(node.ops[0])](node.left.value, node.comparators[0].value))
        return node

    def visit_BoolOp(self, node):
        self.generic_visit(node)
        stop = isinstance(node.op, gast.Or)  # the constant that decides the whole
        values = []
        for v in node.values:
            if isinstance(v, gast.Constant) and isinstance(v.value, bool):
                if v.value is stop:
                    return const(stop)
                continue  # a neutral constant
            values.append(v)
        if not values:
            return const(not stop)
        if len(values) == 1:
            return values[0]
        node.values = values
        return node

    def visit_IfExp(self, node):
        self.generic_visit(node)
        if isinstance(node.test, gast.Constant):
            return node.body if node.test.value else node.orelse
        return node

    def visit_Call(self, node):
        self.generic_visit(node)
        f = node.func
        if isinstance(f, gast.Attribute) and f.attr == "where" and len(node.args) == 3 \
                and not node.keywords and isinstance(node.args[0], gast.Constant) \
                and isinstance(node.args[0].value, bool):
            return node.args[1] if node.args[0].value else node.args[2]
        return node


def fold(node):
    return _Fold().visit(node)
