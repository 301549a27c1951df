"""``pb.export(df)``: generated code as a module that needs only NumPy.

The generated source imports a few helpers from pullback (``unbroadcast``,
``getitem_vjp``, ...). ``export`` replaces those imports with the helpers' own
definitions, and the definitions they use in turn, so the module runs without
pullback installed. Names the code reads from the user's module (constants,
other modules) are read from there at call time, as ``pb.grad`` reads them
(``import model`` and ``model.SCALE``, not a copy made at import).
"""

from __future__ import annotations

import ast
import importlib
import inspect
import textwrap
import types
from typing import Callable

_ERROR = '''class PullbackError(Exception):
    """Raised by the helpers below when a derivative is undefined (as in pullback)."""
'''


def _definitions(module: types.ModuleType, name: str, seen: dict, imports: dict) -> None:
    """Add ``name`` (a function of ``module``) and what it uses from that module;
    modules it uses by name go to ``imports``."""
    key = (module.__name__, name)
    if key in seen:
        return
    obj = getattr(module, name)
    seen[key] = None  # placeholder, keeps the order: dependencies first
    src = textwrap.dedent(inspect.getsource(obj))
    tree = ast.parse(src)
    used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    for other in sorted(used):
        value = getattr(module, other, None)
        if isinstance(value, types.ModuleType):
            imports[other] = value.__name__
        elif isinstance(value, types.FunctionType) and value.__module__ == module.__name__ \
                and other != name:
            _definitions(module, other, seen, imports)
        elif isinstance(value, types.FunctionType) and value.__module__.startswith("pullback"):
            _definitions(importlib.import_module(value.__module__), other, seen, imports)
    del seen[key]
    seen[key] = src


def standalone(text: str) -> str:
    """``text`` (generated source) with its pullback imports inlined."""
    tree = ast.parse(text)
    lines = text.splitlines(True)
    seen: dict = {}
    imports: dict = {}
    aliases = []
    keep = []
    first_def = None
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module and \
                node.module.startswith("pullback"):
            module = importlib.import_module(node.module)
            for a in node.names:
                _definitions(module, a.name, seen, imports)
                if a.asname and a.asname != a.name:
                    aliases.append(f"{a.asname} = {a.name}\n")
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)) and first_def is None:
            first_def = node.lineno
        if not (isinstance(node, ast.ImportFrom) and node.module and
                node.module.startswith("pullback")) and first_def is None:
            keep.append("".join(lines[node.lineno - 1:node.end_lineno]))
    head = [ln for ln in lines[:tree.body[0].lineno - 1]]  # leading comments
    helpers = [src for src in seen.values() if src]
    needs_error = any("PullbackError" in s for s in helpers)
    body = "".join(lines[first_def - 1:]) if first_def else ""
    parts = ["".join(head),
             "# Exported by pullback: needs only NumPy (and the module the function\n"
             "# came from, for the names it reads there).\n",
             "".join(keep),
             "".join(f"import {mod}\n" if mod == name else f"import {mod} as {name}\n"
                     for name, mod in sorted(imports.items())
                     if f"import {mod}" not in "".join(keep)),
             "\n\n# -- helpers from pullback.runtime and pullback.rules.support --\n\n",
             (_ERROR + "\n\n") if needs_error else "",
             "\n\n".join(helpers), "\n", "".join(aliases), "\n\n", body]
    return "".join(parts)


def _free_loads(fn: ast.FunctionDef) -> list[ast.Name]:
    """The name reads of ``fn`` that it does not bind itself."""
    local = {a.arg for a in ast.walk(fn) if isinstance(a, ast.arg)}
    local |= {n.id for n in ast.walk(fn) if isinstance(n, ast.Name)
              and not isinstance(n.ctx, ast.Load)}
    return [n for n in ast.walk(fn) if isinstance(n, ast.Name)
            and isinstance(n.ctx, ast.Load) and n.id not in local]


def _user_scope(fn) -> dict | None:
    """The user module globals generated function ``fn`` reads its free names
    from: its own globals (see codegen), unless pullback made them."""
    g = getattr(fn, "__globals__", None)
    if g is None or g.get("__name__") == "pullback_generated":
        return None
    return g


def _live_globals(text: str, df) -> str:
    """``text`` with every read of a user module global (a constant, a function it
    calls at run time) made an attribute of that module, read at call time as
    pb.grad reads it: ``SCALE`` becomes ``model.SCALE`` after ``import model``."""
    tree = ast.parse(text)
    defined = set()
    last_import = 0
    for n in tree.body:
        if isinstance(n, (ast.FunctionDef, ast.ClassDef)):
            defined.add(n.name)
        elif isinstance(n, (ast.Import, ast.ImportFrom)):
            defined |= {a.asname or a.name.split(".")[0] for a in n.names}
            last_import = n.end_lineno
        elif isinstance(n, ast.Assign):
            defined |= {t.id for t in n.targets if isinstance(t, ast.Name)}
    built = getattr(df, "built", None)
    functions = getattr(built, "functions", {}) or {}
    f = getattr(df, "f", None)
    default = getattr(f, "__globals__", None)
    everything = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    aliases: dict = {}  # module name -> alias
    edits: dict = {}  # line -> [(start byte, end byte, replacement)]
    for fn in tree.body:
        if not isinstance(fn, ast.FunctionDef):
            continue
        g = _user_scope(functions[fn.name]) if fn.name in functions else None
        g = default if g is None else g
        if not g or not isinstance(g.get("__name__"), str):
            continue
        for n in _free_loads(fn):
            if n.id in defined or n.id not in g or isinstance(g[n.id], types.ModuleType):
                continue
            mod = g["__name__"]
            if mod not in aliases:
                alias = mod.replace(".", "_")
                while alias in everything or alias in aliases.values():
                    alias += "_"
                aliases[mod] = alias
            edits.setdefault(n.lineno, []).append(
                (n.col_offset, n.end_col_offset, f"{aliases[mod]}.{n.id}"))
    if not aliases:
        return text
    lines = text.splitlines(True)
    for lineno, spans in edits.items():
        raw = lines[lineno - 1].encode()  # ast offsets count UTF-8 bytes
        for start, end, new in sorted(spans, reverse=True):
            raw = raw[:start] + new.encode() + raw[end:]
        lines[lineno - 1] = raw.decode()
    imports = "".join(f"import {mod}\n" if mod == alias else f"import {mod} as {alias}\n"
                      for mod, alias in sorted(aliases.items()))
    return "".join(lines[:last_import]) + imports + "".join(lines[last_import:])


def export(df: Callable) -> str:
    """Standalone source of a derivative function (``df.source`` with pullback's
    helpers inlined): write it to a file and import it without pullback."""
    src = getattr(df, "source", None)
    if src is None:
        raise TypeError(f"{df!r} is not a pullback derivative function (it has no .source)")
    return standalone(_live_globals(src, df))
