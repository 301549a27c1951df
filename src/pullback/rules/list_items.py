"""``L[i]``: an element read from a list that grew by ``append``.

Generated code reads such an element with :func:`list_item` (see
:mod:`pullback.modes.list_items`), so the read has a rule: its cotangent is a
list as long as ``L`` with the element's cotangent at ``i`` and ``None`` (zero)
elsewhere, which the list's adjoint adds to the others (``add_lists``) and the
reversed appends pop; its tangent is entry ``i`` of the list's tangents.

Once the list's adjoint exists, the adjoint code adds one read's cotangent in
place instead (:func:`list_add_at`): the adjoint owns that list (it is a copy,
like the one the reversed appends pop from), and reading every element in a
loop then costs time linear in the list's length, not quadratic.
"""

from ..runtime import tangent_or_zeros
from .registry import jvp_of, vjp_of
from .support import second_order_not_implemented


def list_item(seq, i):
    """``seq[i]``, for an element of a growing list."""
    return seq[i]


def list_cotangent(g, seq, i):
    """The cotangent of ``seq`` from that of ``seq[i]``: ``g`` at ``i``, None elsewhere."""
    out = [None] * len(seq)
    out[i] = g
    return out


@vjp_of(list_item)
def list_item_vjp(g, ans, seq, i):
    return list_cotangent(g, seq, i), None


@jvp_of(list_item)
def list_item_jvp(t, ans, seq, i):
    return tangent_or_zeros(t[i], ans), None


@vjp_of(list_cotangent)
def list_cotangent_vjp(h, ans, g, seq, i):
    return tangent_or_zeros(h[i], g), None, None


@jvp_of(list_cotangent)
def list_cotangent_jvp(t, ans, g, seq, i):
    return list_cotangent(t, seq, i), None, None


def list_add_at(cot, i, g):
    """``cot[i] += g`` in the adjoint's own list of cotangents (None is zero);
    returns ``cot``. Only adjoint code calls it, and that is not differentiated."""
    if g is not None:
        cot[i] = g if cot[i] is None else cot[i] + g
    return cot


@vjp_of(list_add_at)
def list_add_at_vjp(h, ans, cot, i, g):
    return second_order_not_implemented("list_add_at"), None, None


@jvp_of(list_add_at)
def list_add_at_jvp(t, ans, cot, i, g):
    return second_order_not_implemented("list_add_at"), None, None
