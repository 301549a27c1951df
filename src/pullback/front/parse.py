"""Stage 1: a Python function object → its gast tree, with the user's file and lines.

The source read is the code ``fn`` runs (never ``__wrapped__``'s: a
decorator's wrapper is a function of its own, see :mod:`pullback.front.decorated`);
the decorators on that ``def`` are stripped, since ``fn`` is the undecorated
object they were applied to. Lambdas become ``def``s; every node keeps the line it
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
    own: bool = True   # the tree is fn's own (not a function nested in it)
    defaults: tuple | None = None      # fn's defaults, when the tree is its own
    kwdefaults: dict | None = None
    # parameters bound, for this build, to the function every call gives them
    # (a function passed by name at the call site, or the default): name -> object
    bound: dict = field(default_factory=dict)

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


def _own_source_lines(fn) -> tuple[list[str], int]:
    """``inspect.getsourcelines`` without following ``__wrapped__``: the lines of
    the code ``fn`` runs, which for a ``functools.wraps`` wrapper is the wrapper."""
    lines, lnum = inspect.findsource(fn)
    return inspect.getblock(lines[lnum:]), lnum + 1


def get_source(fn: Callable, entry: bool = False) -> Source:
    """Parse ``fn``; raise UnsupportedError if its source cannot be read.

    ``entry``: ``fn`` is the function the user differentiates (not one it calls),
    so a custom rule (pb.defvjp) is no way out."""
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
        if entry:
            raise UnsupportedError(
                f"{fn!r} is not a Python function; pullback differentiates functions "
                "defined with def or lambda: write one that calls it, e.g. "
                "def f(x): return np.sin(x)", None, None)
        raise UnsupportedError(
            f"{fn!r} is not a Python function; differentiate a function defined with def, "
            "or give it a rule with pb.defvjp", None, None)
    raw = fn  # never follow __wrapped__: a decorator's behaviour is part of the function
    filename = inspect.getsourcefile(raw) or raw.__code__.co_filename
    try:
        lines, start = _own_source_lines(raw)
    except (OSError, TypeError) as exc:
        raise _no_source(raw, entry, exc) from None
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
        if not isinstance(tree, (gast.FunctionDef, gast.AsyncFunctionDef)):
            raise _not_its_source(raw, filename, start, type(tree).__name__.lower())
        if not isinstance(tree, gast.FunctionDef):
            raise UnsupportedError(f"{raw.__qualname__} is not a plain function "
                                   "(async functions and classes are not supported)",
                                   filename, raw.__code__.co_firstlineno)
        _shift_lines(tree, offset)
        _check_same_function(raw, tree, filename, start)
    tree.decorator_list = []  # they made other objects: ``fn`` is the undecorated one
    return Source(raw, tree, filename, raw.__globals__, _closure_cells(raw),
                  defaults=raw.__defaults__, kwdefaults=raw.__kwdefaults__)


#: filenames Python gives code it keeps no source for -> where such code comes from
_TYPED = {"<stdin>": "was typed at the interactive prompt or read from standard input",
          "<string>": "was given to python -c or made by exec() of a string",
          "<console>": "was typed at an interactive console (code.interact)"}


def _no_source(raw, entry: bool, exc) -> UnsupportedError:
    """The error for a function whose source cannot be read. For the function
    being differentiated, a rule of its own (pb.defvjp) is no way out."""
    name = getattr(raw, "__qualname__", raw)
    where = "define it in a .py file or a notebook cell"
    typed = _TYPED.get(raw.__code__.co_filename)
    if typed:
        why = f"{name!r} {typed}, and Python keeps no source for such functions"
        where += (" (IPython, Jupyter, and on Python 3.13+ the interactive prompt and "
                  "python -c, keep the source)")
    else:
        why = f"cannot read the source of {name!r} ({exc})"
    if not entry:
        where += ", or give it a rule with pb.defvjp"
    return UnsupportedError(f"{why}; pullback transforms source code: {where}",
                            raw.__code__.co_filename, raw.__code__.co_firstlineno)


def _parameters(code) -> list[str]:
    """A code object's parameter names in the order a ``def`` lists them."""
    n = code.co_argcount + code.co_kwonlyargcount
    n += bool(code.co_flags & inspect.CO_VARARGS) + bool(code.co_flags & inspect.CO_VARKEYWORDS)
    return list(code.co_varnames[:n])


def _check_same_function(raw, tree: gast.FunctionDef, filename: str, start: int) -> None:
    """Refuse source text that is not the code ``raw`` runs: a file edited since it
    was imported, or code exec'd under a filename whose lines are another text.
    Differentiating other code than the one that runs would be a wrong number.
    Checked: the name, the parameters, and that the code's lines lie in the text's."""
    a = tree.args
    written = [x.id for x in a.posonlyargs + a.args + a.kwonlyargs] + \
        [x.id for x in (a.vararg, a.kwarg) if x is not None]
    code = raw.__code__
    lines = [ln for _, _, ln in code.co_lines() if ln]
    inside = start == code.co_firstlineno and all(
        start <= ln <= (tree.end_lineno or ln) for ln in lines)
    if tree.name == code.co_name and written == _parameters(code) and inside:
        return
    raise _not_its_source(raw, filename, start, f"def {tree.name}({', '.join(written)})")


def _not_its_source(raw, filename: str, start: int, found: str) -> UnsupportedError:
    code = raw.__code__
    return UnsupportedError(
        f"the source Python has for {raw.__qualname__} is not the code it runs (it starts "
        f"at line {code.co_firstlineno}; the text found, at line {start} of {filename}, is "
        f"{found}); the file may have changed since it was imported (import it again, or "
        "restart), or the function was made by exec() under a filename that names other "
        "source: define it in a .py file", filename, code.co_firstlineno)


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


@dataclass(frozen=True, eq=False)
class NestedFunction:
    """A ``def`` or ``lambda`` nested in ``parent`` that reads none of its local
    variables, as the value a callee's parameter is bound to
    (``analysis/fnvalues.py``): the callee builds it with ``parent``'s scope."""

    node: Any
    parent: Source

    @property
    def args(self):  # read like the node by code that handles nested functions
        return self.node.args

    @property
    def body(self):
        return self.node.body


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
    return Source(parent.fn, tree, parent.filename, parent.globals, parent.closure, own=False)
