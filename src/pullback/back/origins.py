"""The origin map: every generated line → the user's file, line and source text.

``compile_units`` records, for each generated source file (``<pullback f #1>``),
which user statement each of its lines came from (the statement's ``pb_src``,
a :class:`~pullback.syntax.astutil.SrcLine`, or the ``pb_origin`` the sweeps
stamp on the code they generate for it). With it:

* :func:`relocate` rewrites the traceback of an exception raised inside generated
  code: after every generated frame it inserts a frame at the user's file and
  line, so the traceback shows the generated line *and* the user's line with its
  source text (on every Python version, as Jinja does for templates). On 3.11+
  a note names the user's line too, for tools that print only the last frame.
* :func:`install_warning_hook` makes a warning issued by generated code (NumPy's
  ``RuntimeWarning: divide by zero``) name the user's file and line.

Generated code transformed again (higher order) maps to the first generated
file, which maps on to the user's line: :func:`origin` follows the chain.
"""

from __future__ import annotations

import ast
import linecache
import sys
import types
import warnings

from pullback.syntax.astutil import COMMENT_PREFIX, SrcLine

#: generated filename -> {generated line: (user filename, user line)}
_MAPS: dict[str, dict[int, tuple[str, int]]] = {}


def _statements(body):
    """Statements in source order, compound ones before their bodies (the same
    order for a gast tree and the ``ast`` tree of its unparsed text)."""
    for s in body:
        yield s
        for field in ("body", "orelse", "finalbody"):
            inner = getattr(s, field, None)
            if isinstance(inner, list):
                yield from _statements(inner)


def _origins(body, inherited=None):
    """The origin of each statement of :func:`_statements`: its own (``pb_origin``,
    else ``pb_src``), else that of the statement it is nested in. The body of a
    guard the adjoint sweep writes for one statement (``if y_bar is not None:``)
    is that statement's code; a helper inside a loop or branch (a trip counter, a
    tape push) is part of running that loop or branch."""
    for s in body:
        own = getattr(s, "pb_origin", None) or getattr(s, "pb_src", None)
        here = own if isinstance(own, SrcLine) else inherited
        yield here
        for field in ("body", "orelse", "finalbody"):
            inner = getattr(s, field, None)
            if isinstance(inner, list):
                yield from _origins(inner, here)


def _is_comment(s) -> bool:
    value = getattr(s, "value", None)
    return (type(s).__name__ == "Expr" and type(value).__name__ == "Constant"
            and isinstance(value.value, str) and value.value.startswith(COMMENT_PREFIX))


def record(filename: str, trees: list, texts: list[str], offsets: list[int]) -> None:
    """Map the lines of ``filename``: ``texts[i]`` (unparsed from gast ``trees[i]``)
    starts at line ``offsets[i] + 1``. A unit whose text does not parse back
    statement for statement is left unmapped: no origin beats a wrong one."""
    lines: dict[int, tuple[str, int]] = {}
    for tree, text, offset in zip(trees, texts, offsets):
        try:
            parsed = ast.parse(text).body
        except SyntaxError:
            continue
        pairs = [(s, o) for s, o in zip(_statements([tree]), _origins([tree]))
                 if not _is_comment(s)]
        read = list(_statements(parsed))
        if len(pairs) != len(read) or any(type(a).__name__ != type(b).__name__
                                          for (a, _), b in zip(pairs, read)):
            continue
        unit: dict[int, tuple[str, int]] = {}
        for (a, src), b in zip(pairs, read):
            end = b.end_lineno or b.lineno
            body = getattr(b, "body", None)
            if isinstance(body, list) and body:  # a header: up to its body
                end = body[0].lineno - 1
            for ln in range(b.lineno, end + 1):
                if isinstance(src, SrcLine):
                    unit[ln + offset] = (src.filename, src.lineno)
                else:  # a generated line outside every user statement (a wrapper's)
                    unit.pop(ln + offset, None)
        lines.update(unit)
    _MAPS[filename] = lines


def origin(filename: str, lineno: int) -> tuple[str, int] | None:
    """The user's (filename, line) a generated line came from, following
    generated code that was itself generated from generated code."""
    found = None
    for _ in range(8):  # third order and beyond stay well within this
        where = _MAPS.get(filename, {}).get(lineno)
        if where is None:
            break
        found = filename, lineno = where
    return found


def _user_frame(filename: str, lineno: int, name: str):
    """A real frame object of a function ``name`` stopped at ``filename:lineno``.

    It runs a stub ``raise`` compiled under the user's filename at that line,
    indented and padded to span the user's line exactly, so that tracebacks
    print the user's source line without misplaced ``^^^`` markers."""
    text = linecache.getline(filename, lineno).rstrip()
    indent = len(text) - len(text.lstrip())
    body = "raise(E)"
    if indent and lineno >= 2 and len(text) - indent >= len(body):
        body = "raise(E" + " " * (len(text) - indent - len(body)) + ")"
        stub = "\n" * (lineno - 2) + f"def {name}():\n" + " " * indent + body
    else:
        stub = "\n" * (lineno - 1) + f"def {name}(): raise(E)" if lineno >= 1 else ""
    namespace = {"E": _Marker(), "__name__": "pullback_origin"}
    exec(compile(stub, filename, "exec"), namespace)
    try:
        namespace[name]()
    except _Marker:
        tb = sys.exc_info()[2].tb_next
        return tb.tb_frame, tb.tb_lasti
    raise AssertionError("unreachable")


class _Marker(Exception):
    pass


def relocate(exc: BaseException) -> None:
    """Insert the user's frames after generated frames in ``exc``'s traceback."""
    tb = exc.__traceback__
    entries = []
    while tb is not None:
        entries.append(tb)
        tb = tb.tb_next
    if not any(t.tb_frame.f_code.co_filename in _MAPS for t in entries):
        return
    notes = []
    for k, t in enumerate(entries):
        code = t.tb_frame.f_code
        where = origin(code.co_filename, t.tb_lineno) if code.co_filename in _MAPS else None
        if where is None or (k + 1 < len(entries) and _inserted(entries[k + 1])):
            continue  # not generated, or relocated before (a nested derivative)
        user_file, user_line = where
        name = _user_name(code.co_name)
        try:  # spliced in place: a bare ``raise`` re-raises the same chain (3.10 too)
            frame, lasti = _user_frame(user_file, user_line, name)
            t.tb_next = types.TracebackType(t.tb_next, frame, lasti, user_line)
        except Exception:  # never let the map hide the real error
            pass
        text = linecache.getline(user_file, user_line).strip()
        notes.append(f'  File "{user_file}", line {user_line}, in {name}'
                     + (f"\n    {text}" if text else ""))
    if notes and hasattr(exc, "add_note") and not getattr(exc, "_pb_noted", False):
        try:
            exc._pb_noted = True
        except (AttributeError, TypeError):
            return
        exc.add_note("pullback: raised by generated code for your line"
                     + ("s (innermost last)" if len(notes) > 1 else "") + ":\n"
                     + "\n".join(notes))


def _inserted(tb) -> bool:
    return tb.tb_frame.f_globals.get("__name__") == "pullback_origin"


def _user_name(generated: str) -> str:
    """``layer_fwd`` -> ``layer``: the user's function a generated one is for."""
    for suffix in ("_fwd", "_bwd", "_jvp", "_grad"):
        if generated.endswith(suffix):
            return generated[: -len(suffix)]
    return generated


_original_showwarning = None


def _showwarning(message, category, filename, lineno, file=None, line=None):
    where = origin(filename, lineno) if filename in _MAPS else None
    if where is not None:
        generated = f"{filename}, line {lineno}"
        filename, lineno = where
        line = linecache.getline(filename, lineno)
        message = f"{message} (in pullback's generated code: {generated})"
    return _original_showwarning(message, category, filename, lineno, file, line)


def install_warning_hook() -> None:
    """Make ``warnings.showwarning`` name the user's line for warnings issued by
    generated code; everything else passes through unchanged."""
    global _original_showwarning
    if _original_showwarning is None:
        _original_showwarning = warnings.showwarning
        warnings.showwarning = _showwarning
