"""Last stage: generated trees → source text → compiled functions.

The source is registered in ``linecache`` under a stable name, so tracebacks
and ``inspect.getsource`` show generated lines (and generated code can be
transformed again). Names the generated code does not define itself are looked
up *live* in the user's closure and module globals, through the builtins
fallback of the function's globals: a global the user changes later is seen.
"""

from __future__ import annotations

import builtins
import linecache
import types

from .astutil import unparse

_counter = [0]


class LiveScope:
    """Name lookup for generated code: closure cells, then globals, then builtins."""

    def __init__(self, closure: dict, globals_: dict):
        self.closure = closure
        self.globals = globals_

    def __getitem__(self, name):
        cell = self.closure.get(name)
        if cell is not None:
            try:
                return cell.cell_contents
            except ValueError:
                pass
        try:
            return self.globals[name]
        except KeyError:
            pass
        outer = self.globals.get("__builtins__")
        if isinstance(outer, LiveScope):  # generated code transformed again
            return outer[name]
        try:
            return getattr(builtins, name)
        except AttributeError:
            raise KeyError(name) from None

    def __getattr__(self, name):
        # C code (e.g. an import inside a NumPy call) reads builtins as attributes
        return getattr(builtins, name)

    def __contains__(self, name):
        try:
            self[name]
            return True
        except KeyError:
            return False


class Unit:
    """One generated function: its tree, whose names it sees, its defaults."""

    def __init__(self, tree, source, injected: dict, defaults=None, kwdefaults=None):
        self.tree = tree
        self.source = source
        self.injected = injected
        self.defaults = defaults
        self.kwdefaults = kwdefaults


def compile_units(units: list[Unit], label: str):
    """Compile generated functions together; return (name → function, source text)."""
    texts = [unparse(u.tree) for u in units]
    text = "\n\n\n".join(texts) + "\n"
    _counter[0] += 1
    filename = f"<pullback {label} #{_counter[0]}>"
    linecache.cache[filename] = (len(text), None, text.splitlines(True), filename)
    code = compile(text, filename, "exec")
    codes = {c.co_name: c for c in code.co_consts if isinstance(c, types.CodeType)}
    funcs = {}
    shared = {}
    for u in units:
        g = dict(u.injected)
        g["__builtins__"] = LiveScope(u.source.closure, u.source.globals)
        g["__name__"] = "pullback_generated"
        f = types.FunctionType(codes[u.tree.name], g, u.tree.name, u.defaults)
        if u.kwdefaults:
            f.__kwdefaults__ = dict(u.kwdefaults)
        funcs[u.tree.name] = (f, g)
        shared[u.tree.name] = f
    for f, g in funcs.values():
        for name, other in shared.items():
            g.setdefault(name, other)
    return {k: v[0] for k, v in funcs.items()}, text
