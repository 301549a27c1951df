"""``pb.defvjp`` / ``pb.defjvp``: derivative rules supplied by the user.

A user rule is called at run time by generated code (it is not inlined), for
any callable: a C function, a function from another library, or a Python
function whose body pullback should not look into.
"""

from __future__ import annotations

from typing import Any, Callable

from pullback.api.build import clear_caches
from pullback.api.higher import clear_cache as clear_directional
from pullback.rules.registry import register_custom_jvp, register_custom_vjp


def defvjp(fn: Any, rule: Callable) -> None:
    """From now on differentiate calls of ``fn`` in reverse mode with ``rule``.

    ``rule(g, ans, *args, **kwargs)`` returns a tuple with one cotangent per
    positional argument of the call (``None`` for "no derivative"); ``g`` is the
    cotangent of the output and ``ans`` the output.
    """
    if not callable(rule):
        raise TypeError("defvjp(fn, rule): rule must be callable")
    register_custom_vjp(fn, rule)
    _invalidate()


def defjvp(fn: Any, rule: Callable) -> None:
    """From now on differentiate calls of ``fn`` in forward mode with ``rule``.

    ``rule(tangents, ans, *args, **kwargs)`` returns the output tangent;
    ``tangents`` has one tangent (or ``None``) per positional argument.
    """
    if not callable(rule):
        raise TypeError("defjvp(fn, rule): rule must be callable")
    register_custom_jvp(fn, rule)
    _invalidate()


def _invalidate() -> None:
    """Derivatives built before the new rule would not use it: rebuild them."""
    clear_caches()
    clear_directional()
