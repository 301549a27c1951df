"""``pb.show(df)``: print the generated source of a derivative function."""

from __future__ import annotations

import sys
from typing import Callable, TextIO


def source_of(df: Callable) -> str:
    src = getattr(df, "source", None)
    if src is None:
        raise TypeError(f"{df!r} is not a pullback derivative function (it has no .source)")
    return src


def highlight(text: str) -> str:
    """ANSI-coloured source if pygments is installed, else the text unchanged."""
    try:
        from pygments import highlight as _hl
        from pygments.formatters import TerminalFormatter
        from pygments.lexers import PythonLexer
    except ImportError:
        return text
    return _hl(text, PythonLexer(), TerminalFormatter())


def show(df: Callable, file: TextIO | None = None) -> None:
    """Print ``df.source``, syntax-highlighted when printing to a terminal."""
    out = file or sys.stdout
    text = source_of(df)
    if hasattr(out, "isatty") and out.isatty():
        text = highlight(text)
    print(text, file=out)
