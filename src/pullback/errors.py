"""The exceptions pullback raises on purpose."""

from __future__ import annotations


class PullbackError(Exception):
    """Base class of every error pullback raises on purpose."""


class UnsupportedError(PullbackError, SyntaxError):
    """A construct pullback cannot differentiate, located in the user's source.

    Raised when the derivative is built, never halfway through a computation.
    ``filename`` and ``lineno`` point at the user's own line.
    """

    def __init__(self, message: str, filename: str | None = None,
                 lineno: int | None = None, text: str | None = None):
        SyntaxError.__init__(self, message, (filename, lineno, None, text))
        self.construct_message = message

    def __str__(self) -> str:
        where = f"{self.filename}, line {self.lineno}" if self.filename else "unknown location"
        line = f"\n    {self.text.strip()}" if self.text else ""
        return f"{self.construct_message} ({where}){line}"
