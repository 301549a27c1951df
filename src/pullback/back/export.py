"""``pb.export(df)``: generated code as a module that needs only NumPy.

The generated source imports a few helpers from pullback (``unbroadcast``,
``getitem_vjp``, ...). ``export`` replaces those imports with the helpers' own
definitions, and the definitions they use in turn, so the module runs without
pullback installed. Names the code reads from the user's module (constants,
other modules) stay imports from there.
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


def _user_imports(text: str, f) -> str:
    """``from <f's module> import name`` for the names the code reads from there."""
    import builtins
    tree = ast.parse(text)
    defined = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    for n in tree.body:
        if isinstance(n, (ast.Import, ast.ImportFrom)):
            defined |= {a.asname or a.name.split(".")[0] for a in n.names}
        elif isinstance(n, ast.Assign):
            defined |= {t.id for t in n.targets if isinstance(t, ast.Name)}
    free = set()  # names some function reads without defining them itself
    for fn in tree.body:
        if not isinstance(fn, ast.FunctionDef):
            continue
        local = {a.arg for a in ast.walk(fn) if isinstance(a, ast.arg)}
        local |= {n.id for n in ast.walk(fn) if isinstance(n, ast.Name)
                  and not isinstance(n.ctx, ast.Load)}
        free |= {n.id for n in ast.walk(fn) if isinstance(n, ast.Name)
                 and isinstance(n.ctx, ast.Load)} - local
    g = getattr(f, "__globals__", {})
    wanted = sorted(n for n in free - defined
                    if n in g and not hasattr(builtins, n)
                    and not isinstance(g[n], types.ModuleType))
    if not wanted:
        return ""
    return f"from {f.__module__} import {', '.join(wanted)}\n"


def export(df: Callable) -> str:
    """Standalone source of a derivative function (``df.source`` with pullback's
    helpers inlined): write it to a file and import it without pullback."""
    src = getattr(df, "source", None)
    if src is None:
        raise TypeError(f"{df!r} is not a pullback derivative function (it has no .source)")
    text = standalone(src)
    extra = _user_imports(text, getattr(df, "f", None))
    if extra:
        marker = "\n\n# -- helpers from pullback.runtime"
        text = text.replace(marker, extra + marker, 1)
    return text
