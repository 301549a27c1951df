"""Adjoint states in reverse mode (see docs/internals.md, "Adjoint states").

``False``: symbolically zero; ``True``: holds a value that may share its array;
``OWN``: an array only this adjoint refers to, so it may be updated in place;
``MAYBE``: holds a value, or ``None`` when no cotangent reached it on the path
taken at run time (a merge of a zero with a non-zero adjoint); ``MAYBE_OWN``:
``None`` or an array of its own. Code that reads a maybe-``None`` adjoint runs
only when it is not ``None``: a zero standing for "no derivative" must never be
multiplied into an infinite partial (``0 * inf``), as torch skips undefined
gradients.
"""

from __future__ import annotations

import gast

OWN = "own"
MAYBE = "maybe"
MAYBE_OWN = "maybe_own"
MAYBES = (MAYBE, MAYBE_OWN)

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
    if all(x in (False, OWN, MAYBE_OWN) for x in (a, b)) and (a in MAYBES or b in MAYBES
                                                            or not a or not b):
        return MAYBE_OWN
    if a in MAYBES or b in MAYBES or not a or not b:
        return MAYBE
    return OWN if (a is OWN and b is OWN) else True

