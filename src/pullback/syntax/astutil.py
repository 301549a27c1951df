"""Small helpers to build and rewrite gast trees.

Generated code is assembled from *templates*: strings of valid Python whose
placeholder names are replaced by identifiers or expression nodes, so every
template can be read (and linted) as the code it produces.
"""

from __future__ import annotations

import ast
import copy
import re

import gast

COMMENT_PREFIX = "__pullback_comment__:"


def load(name: str) -> gast.Name:
    return gast.Name(id=name, ctx=gast.Load(), annotation=None, type_comment=None)


def builtin(name: str) -> gast.Name:
    """A reference, in generated code, to Python's own builtin ``name`` (``len``,
    ``range``, ...). It is marked so that the mode binds it to the builtin even
    where the user's module defines a ``len`` of its own
    (:meth:`pullback.modes.function.FunctionTransform._bind_builtins`); names the
    user wrote keep the user's meaning."""
    node = load(name)
    node.pb_builtin = name
    return node


def store(name: str) -> gast.Name:
    return gast.Name(id=name, ctx=gast.Store(), annotation=None, type_comment=None)


def const(value) -> gast.Constant:
    return gast.Constant(value=value, kind=None)


def parse_expr(src: str) -> gast.expr:
    return gast.parse(src).body[0].value


def parse_stmts(src: str) -> list[gast.stmt]:
    return gast.parse(src).body


def assign(target: str | gast.expr, value: gast.expr) -> gast.Assign:
    tgt = store(target) if isinstance(target, str) else set_ctx(copy.deepcopy(target), gast.Store())
    return gast.Assign(targets=[tgt], value=value, type_comment=None)


class SrcLine(str):
    """A statement's first line as the user wrote it (``pb_src``), remembering
    where: ``filename`` and ``lineno``. Being a ``str``, it travels wherever
    ``pb_src`` is copied, so generated code can be mapped back to the user's line."""

    filename: str
    lineno: int

    def __new__(cls, text: str, filename: str, lineno: int):
        self = super().__new__(cls, text)
        self.filename, self.lineno = filename, lineno
        return self

    def __reduce__(self):  # deepcopy keeps the location
        return SrcLine, (str(self), self.filename, self.lineno)


def stamp(stmts: list, origin) -> list:
    """Mark generated statements, and those nested in them (a guard's body), as
    coming from the user's statement ``origin`` (its ``pb_src``), unless they
    already name a line of their own (then their nested ones keep that)."""
    src = getattr(origin, "pb_src", None)
    if isinstance(src, SrcLine):
        _stamp(stmts, src)
    return stmts


def _stamp(stmts: list, src) -> None:
    for n in stmts:
        if not isinstance(n, gast.stmt):
            continue
        own = getattr(n, "pb_src", None)
        own = own if isinstance(own, SrcLine) else getattr(n, "pb_origin", None)
        if own is None:
            n.pb_origin = own = src
        for field in ("body", "orelse", "finalbody"):
            inner = getattr(n, field, None)
            if isinstance(inner, list):
                _stamp(inner, own)


def comment(text: str) -> gast.Expr:
    """A statement that unparses as a ``# text`` comment line."""
    return gast.Expr(value=const(COMMENT_PREFIX + text))


def set_ctx(node: gast.expr, ctx) -> gast.expr:
    if isinstance(node, (gast.Name, gast.Subscript, gast.Attribute, gast.Starred)):
        node.ctx = ctx
    if isinstance(node, (gast.Tuple, gast.List)):
        node.ctx = ctx
        for e in node.elts:
            set_ctx(e, ctx)
    return node


class _Subst(gast.NodeTransformer):
    def __init__(self, mapping):
        self.mapping = mapping

    def visit_Name(self, node):
        if node.id not in self.mapping:
            return node
        rep = self.mapping[node.id]
        if isinstance(rep, str):
            return gast.Name(id=rep, ctx=node.ctx, annotation=None, type_comment=None)
        rep = copy.deepcopy(rep)
        if not isinstance(node.ctx, gast.Load):
            set_ctx(rep, node.ctx)
        return rep


def subst(node, mapping: dict):
    """A deep copy of ``node`` with names replaced (by identifiers or nodes)."""
    return _Subst(mapping).visit(copy.deepcopy(node))


def tpl(src: str, **subs) -> list[gast.stmt]:
    """Statements from a template; placeholder names are replaced by ``subs``."""
    return [subst(s, subs) for s in parse_stmts(src)]


def tpl_expr(src: str, **subs) -> gast.expr:
    return subst(parse_expr(src), subs)


def names_in(node, ctx=None) -> set[str]:
    """Identifiers used in ``node`` (optionally only with the given context type)."""
    out = set()
    for n in gast.walk(node):
        if isinstance(n, gast.Name) and (ctx is None or isinstance(n.ctx, ctx)):
            out.add(n.id)
    return out




def unparse(node) -> str:
    """Source text of a gast tree, with comment markers turned into comments."""
    tree = gast.gast_to_ast(node)
    ast.fix_missing_locations(tree)
    text = ast.unparse(tree)
    return re.sub(r"^(\s*)(['\"])" + re.escape(COMMENT_PREFIX) + r"(.*)\2$",
                  lambda m: m.group(1) + "# " + _unescape(m.group(2), m.group(3)),
                  text, flags=re.MULTILINE)


def _unescape(quote: str, s: str) -> str:
    try:
        return ast.literal_eval(quote + s + quote)
    except Exception:
        return s




def is_atom(node) -> bool:
    """Names, constants and literal tuples of them: cheap, pure, re-evaluable."""
    if isinstance(node, (gast.Name, gast.Constant)):
        return True
    if isinstance(node, gast.UnaryOp) and isinstance(node.op, (gast.USub, gast.UAdd)) \
            and isinstance(node.operand, gast.Constant):
        return True
    if isinstance(node, (gast.Tuple, gast.List)) and not isinstance(node.ctx, gast.Store):
        return all(is_atom(e) for e in node.elts)
    if isinstance(node, gast.Slice):
        return all(p is None or is_atom(p) for p in (node.lower, node.upper, node.step))
    return False


_TEMP = re.compile(r"^_t(\d+)(_bar|_dot)?$")


def renumber_temps(trees, taken: set[str]) -> None:
    """Number temporaries ``_t1, _t2, ...`` in order of first appearance (in place).

    ANF creates inner temporaries after outer ones; readers expect ``_t1`` first.
    ``_tN_bar``/``_tN_dot`` follow their temporary. Nothing is renamed if a new
    name would clash with one of the user's names.
    """
    order: list[str] = []
    for tree in trees:
        for node in gast.walk(tree):
            if isinstance(node, gast.Name):
                m = _TEMP.match(node.id)
                if m and not m.group(2) and node.id not in order:
                    order.append(node.id)
    mapping = {old: f"_t{i + 1}" for i, old in enumerate(order)}
    if any(new in taken for new in mapping.values() if new not in mapping):
        return
    for tree in trees:
        for node in gast.walk(tree):
            if isinstance(node, gast.Name):
                m = _TEMP.match(node.id)
                if m and f"_t{m.group(1)}" in mapping:
                    node.id = mapping[f"_t{m.group(1)}"] + (m.group(2) or "")


def located(node, like):
    """``node``, placed at ``like``'s source position (for error messages)."""
    gast.copy_location(node, like)
    return node


def constant_slice(node):
    """``slice(a, b, c)`` for a slice of int constants (or absent parts), else None."""
    parts = []
    for part in (node.lower, node.upper, node.step):
        if part is not None and isinstance(part, gast.UnaryOp) and \
                isinstance(part.op, gast.USub) and isinstance(part.operand, gast.Constant) and \
                type(part.operand.value) is int:
            part = gast.Constant(value=-part.operand.value, kind=None)
        if part is None:
            parts.append(None)
        elif isinstance(part, gast.Constant) and isinstance(part.value, int) and \
                not isinstance(part.value, bool):
            parts.append(part.value)
        else:
            return None
    if parts[2] == 0:
        return None
    return slice(*parts)


def index_arithmetic(e) -> bool:
    """``+ - * // %`` over names and integer constants (an index like ``i - 1``)."""
    if isinstance(e, gast.Name):
        return True
    if isinstance(e, gast.Constant):
        return isinstance(e.value, int) and not isinstance(e.value, bool)
    if isinstance(e, gast.UnaryOp) and isinstance(e.op, gast.USub):
        return index_arithmetic(e.operand)
    if isinstance(e, gast.BinOp) and isinstance(e.op, (gast.Add, gast.Sub, gast.Mult,
                                                       gast.FloorDiv, gast.Mod)):
        return index_arithmetic(e.left) and index_arithmetic(e.right)
    return False
