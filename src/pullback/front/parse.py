"""Stage 1: a Python function object → its gast tree, with the user's file and lines.

Decorators are stripped; lambdas become ``def``s; every node keeps the line it
has in the user's file, so errors can point there.
"""

from __future__ import annotations

import inspect
import linecache
import textwrap
from dataclasses import dataclass, field
from typing import Any, Callable

import gast

from pullback.errors import UnsupportedError


@dataclass
class Source:
    """A function's tree plus what is needed to name places in the user's file."""

    fn: Callable
    tree: gast.FunctionDef
    filename: str
    globals: dict
    closure: dict[str, Any] = field(default_factory=dict)  # name -> cell
    nested: bool = False  # a def/lambda inside ``fn`` (``fn``'s defaults are not its own)

    def error(self, message: str, node=None) -> UnsupportedError:
        lineno = getattr(node, "lineno", None) or self.tree.lineno
        text = linecache.getline(self.filename, lineno) or None
        return UnsupportedError(message, self.filename, lineno, text)


def _shift_lines(tree, offset: int) -> None:
    for node in gast.walk(tree):
        if hasattr(node, "lineno") and node.lineno is not None:
            node.lineno += offset
        if hasattr(node, "end_lineno") and node.end_lineno is not None:
            node.end_lineno += offset


def _closure_cells(fn) -> dict:
    code = fn.__code__
    cells = fn.__closure__ or ()
    return dict(zip(code.co_freevars, cells))


def get_source(fn: Callable) -> Source:
    """Parse ``fn``; raise UnsupportedError if its source cannot be read."""
    if getattr(fn, "__pullback__", None) is not None:
        raise UnsupportedError(
            f"{fn!r} was made by pullback and cannot be differentiated again here; "
            "nest pb.grad (pb.grad(pb.grad(f))), or use pb.hessian / pb.hvp / pb.jacobian",
            None, None)
    if inspect.ismethod(fn):
        name = getattr(fn.__func__, "__qualname__", "Class.method")
        raise UnsupportedError(
            f"{name} is a bound method; differentiate the function itself with the "
            f"instance as an argument, e.g. pb.grad({name}, wrt=1)(obj, x)", None, None)
    if not inspect.isfunction(fn):
        raise UnsupportedError(
            f"{fn!r} is not a Python function; differentiate a function defined with def, "
            "or give it a rule with pb.defvjp", None, None)
    raw = fn  # never follow __wrapped__: a decorator's behaviour is part of the function
    filename = inspect.getsourcefile(raw) or raw.__code__.co_filename
    try:
        lines, start = inspect.getsourcelines(raw)
    except (OSError, TypeError) as exc:
        raise UnsupportedError(
            f"cannot read the source of {getattr(fn, '__qualname__', fn)!r} ({exc}); "
            "define it in a .py file, or give it a rule with pb.defvjp",
            raw.__code__.co_filename, raw.__code__.co_firstlineno) from None
    text = textwrap.dedent("".join(lines))
    offset = max(start, 1) - 1
    if raw.__name__ == "<lambda>":
        tree = _lambda_tree(raw, text, filename, offset)
    else:
        try:
            module = gast.parse(text)
        except SyntaxError:
            raise UnsupportedError(f"cannot parse the source of {raw.__qualname__}",
                                   filename, raw.__code__.co_firstlineno) from None
        tree = module.body[0]
        if not isinstance(tree, gast.FunctionDef):
            raise UnsupportedError(f"{raw.__qualname__} is not a plain function "
                                   "(async functions and classes are not supported)",
                                   filename, raw.__code__.co_firstlineno)
        _shift_lines(tree, offset)
    tree.decorator_list = []
    return Source(raw, tree, filename, raw.__globals__, _closure_cells(raw))


def _lambda_tree(fn, text: str, filename: str, offset: int) -> gast.FunctionDef:
    """Find the lambda among the source lines and turn it into a ``def``."""
    try:
        module = gast.parse(text)
    except SyntaxError:
        # a lambda inside a larger expression spanning lines: try the stripped line
        try:
            module = gast.parse("(" + text.strip().rstrip(",") + ")")
        except SyntaxError:
            raise UnsupportedError("cannot parse the source of a lambda; define it with def",
                                   filename, fn.__code__.co_firstlineno) from None
    argnames = fn.__code__.co_varnames[:fn.__code__.co_argcount]
    found = [n for n in gast.walk(module) if isinstance(n, gast.Lambda)
             and tuple(a.id for a in n.args.args) == tuple(argnames)]
    if len(found) != 1:
        raise UnsupportedError("cannot tell which lambda on this line is meant; "
                               "define it with def", filename, fn.__code__.co_firstlineno)
    lam = found[0]
    _shift_lines(lam, offset)
    ret = gast.Return(value=lam.body)
    gast.copy_location(ret, lam.body)
    tree = gast.FunctionDef(name="_lambda", args=lam.args, body=[ret], decorator_list=[],
                            returns=None, type_comment=None, type_params=[])
    gast.copy_location(tree, lam)
    return tree


def function_from_node(node, parent: Source) -> Source:
    """A nested ``def``/``lambda`` of ``parent`` as a Source of its own."""
    if isinstance(node, gast.Lambda):
        ret = gast.Return(value=node.body)
        gast.copy_location(ret, node.body)
        tree = gast.FunctionDef(name="_lambda", args=node.args, body=[ret], decorator_list=[],
                                returns=None, type_comment=None, type_params=[])
        gast.copy_location(tree, node)
    else:
        tree = node
    return Source(parent.fn, tree, parent.filename, parent.globals, parent.closure, nested=True)
