"""Adjoint states in reverse mode (see docs/internals.md, "Adjoint states").

``False``: symbolically zero; ``True``: holds a value that may share its array;
``OWN``: an array only this adjoint refers to, so it may be updated in place.
"""

from __future__ import annotations

import gast

OWN = "own"

#: helpers whose result is a new array nobody else refers to
FRESH_HELPERS = {"getitem_vjp", "zeros_like", "zero_at", "owned_copy"}


def fresh(expr) -> bool:
    """Whether ``expr`` is a call of a helper that returns a new, unshared array."""
    return isinstance(expr, gast.Call) and isinstance(expr.func, gast.Name) and \
        expr.func.id.rstrip("_0123456789") in FRESH_HELPERS


def merge(a, b):
    """The state of an adjoint where two paths with states ``a`` and ``b`` meet."""
    if not a and not b:
        return False
    return OWN if (a is OWN and b is OWN) else True
