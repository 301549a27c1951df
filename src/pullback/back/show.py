"""``pb.show(df)``: print the generated source of a derivative function."""

from __future__ import annotations

import sys
from typing import Callable, TextIO


def source_of(df: Callable) -> str:
    src = getattr(df, "source", None)
    if src is None:
        raise TypeError(f"{df!r} is not a pullback derivative function (it has no .source)")
    return src


_COLOURS = {"keyword": "\033[1;34m", "comment": "\033[2;37m", "string": "\033[32m",
            "number": "\033[36m", "def": "\033[1;33m"}
_RESET = "\033[0m"


def highlight(text: str) -> str:
    """ANSI-coloured Python source: keywords, names being defined, strings,
    numbers and comments (no dependency beyond the standard library)."""
    import io
    import keyword
    import tokenize

    out, last_line, last_col, prev = [], 1, 0, None
    lines = text.splitlines(True)
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError):
        return text
    for tok in tokens:
        (sl, sc), (el, ec) = tok.start, tok.end
        if (sl, sc) > (last_line, last_col):  # whitespace and newlines between tokens
            out.append(_between(lines, (last_line, last_col), (sl, sc)))
        kind = None
        if tok.type == tokenize.COMMENT:
            kind = "comment"
        elif tok.type == tokenize.STRING:
            kind = "string"
        elif tok.type == tokenize.NUMBER:
            kind = "number"
        elif tok.type == tokenize.NAME and keyword.iskeyword(tok.string):
            kind = "keyword"
        elif tok.type == tokenize.NAME and prev == "def":
            kind = "def"
        out.append(f"{_COLOURS[kind]}{tok.string}{_RESET}" if kind else tok.string)
        if tok.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT):
            prev = tok.string
        last_line, last_col = el, ec
    return "".join(out)


def _between(lines, start, end):
    (sl, sc), (el, ec) = start, end
    if sl == el:
        return lines[sl - 1][sc:ec] if sl - 1 < len(lines) else ""
    parts = [lines[sl - 1][sc:]] if sl - 1 < len(lines) else []
    parts += lines[sl:el - 1]
    if el - 1 < len(lines):
        parts.append(lines[el - 1][:ec])
    return "".join(parts)


def wants_colour(out: TextIO) -> bool:
    """Colour only on a terminal, and never when ``NO_COLOR`` is set (to anything
    but the empty string, as https://no-color.org asks) or ``TERM=dumb``.
    ``FORCE_COLOR`` (non-empty) colours even when not on a terminal."""
    import os

    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(out, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


def show(df: Callable, file: TextIO | None = None) -> None:
    """Print ``df.source``, syntax-highlighted when printing to a terminal
    (see :func:`wants_colour`)."""
    out = file or sys.stdout
    text = source_of(df)
    if wants_colour(out):
        text = highlight(text)
    print(text, file=out)
