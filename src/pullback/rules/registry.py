"""The registry of derivative rules.

A *rule* is a plain Python function that reads like the math::

    @vjp_of(np.multiply, broadcasting=True)
    def multiply_vjp(g, ans, x, y):
        return g * y, g * x

Reverse rules take ``(g, ans, *args, **kwargs)``: ``g`` is the cotangent of the
output, ``ans`` the output value. They return one expression per leading
positional parameter (a bare expression means a 1-tuple); ``None`` means "no
derivative"; parameters past the end of the tuple are not differentiable.

Forward rules take ``(t, ans, *args, **kwargs)`` and return one expression per
leading positional parameter: entry ``i`` is the output tangent when argument
``i`` alone has tangent ``t``. The transformer sums the entries of the active
arguments.

Built-in rule bodies are *inlined* into generated code: besides their
parameters they may use local assignments, ``np`` and the helpers of
:mod:`pullback.runtime`, and must end in a single ``return``.
The transformer does the bookkeeping: accumulation, un-broadcasting (when the
rule says ``broadcasting=True``) and dropping inactive arguments.
"""

from __future__ import annotations

import importlib
import sys
from dataclasses import dataclass, field
from typing import Any, Callable


@dataclass
class Rule:
    """Everything pullback knows about how to differentiate one primitive."""

    primitive: Any
    vjp: Callable | None = None
    jvp: Callable | None = None
    broadcasting: bool = False
    # A user rule registered with pb.defvjp / pb.defjvp is called at run time,
    # not inlined.
    custom_vjp: bool = False
    custom_jvp: bool = False
    extra: dict = field(default_factory=dict)


_RULES: dict[Any, Rule] = {}
_NONDIFF: dict[Any, str] = {}


def _key(obj: Any) -> Any:
    # Bound/unbound builtin methods of numpy compare equal when they denote the
    # same function; plain functions hash by identity.
    return obj


def _rule_for(primitive: Any) -> Rule:
    rule = _RULES.get(_key(primitive))
    if rule is None:
        rule = Rule(primitive)
        _RULES[_key(primitive)] = rule
    return rule


def vjp_of(*primitives: Any, broadcasting: bool = False) -> Callable:
    """Register the decorated function as the reverse rule of ``primitives``."""

    def register(fn: Callable) -> Callable:
        for p in primitives:
            rule = _rule_for(p)
            if rule.custom_vjp:
                # a user's pb.defvjp before a lazily loaded module: theirs wins
                rule.extra["builtin_vjp"] = fn
                continue
            rule.vjp = fn
            rule.custom_vjp = False
            rule.broadcasting = broadcasting
        return fn

    return register


def jvp_of(*primitives: Any) -> Callable:
    """Register the decorated function as the forward rule of ``primitives``."""

    def register(fn: Callable) -> Callable:
        for p in primitives:
            rule = _rule_for(p)
            if rule.custom_jvp:
                rule.extra["builtin_jvp"] = fn
                continue
            rule.jvp = fn
            rule.custom_jvp = False
        return fn

    return register


def nondifferentiable(*primitives: Any, family: str = "") -> None:
    """Declare functions whose output carries no derivative (zero gradient)."""
    for p in primitives:
        _NONDIFF[_key(p)] = family


def tuple_output(primitive: Any, fields: tuple, single_if: tuple | None = None) -> None:
    """Declare that ``primitive`` returns a (named)tuple with ``fields``, so that
    ``r = f(a); r[1]``, ``f(a)[1]`` and ``r.field`` resolve to one output
    (``single_if=(keyword, value)``: a call setting it returns one array)."""
    rule = _rule_for(primitive)
    rule.extra["fields"] = tuple(fields)
    if single_if is not None:
        rule.extra["single_if"] = single_if


def lookup(obj: Any) -> Rule | None:
    """The rule registered for ``obj``, or None."""
    try:
        rule = _RULES.get(_key(obj))
        if rule is None and load_lazy():
            rule = _RULES.get(_key(obj))
        return rule
    except TypeError:  # unhashable
        return None


def is_nondifferentiable(obj: Any) -> bool:
    try:
        if _key(obj) in _NONDIFF:
            return True
        return load_lazy() and _key(obj) in _NONDIFF
    except TypeError:
        return False


#: Rule modules of optional libraries: library module -> pullback rules module,
#: imported the first time a rule is looked up while the library is imported
#: (by the user: a differentiated function that calls scipy.special has imported
#: it), so ``import pullback`` costs nothing and works without the library.
_LAZY: dict[str, list[str]] = {}
_LAZY_ORDER: list[str] = []


def add_lazy_rules(library_module: str, rules_module: str) -> None:
    """Register ``rules_module`` to be imported once ``library_module`` is (a
    library may have several)."""
    _LAZY.setdefault(library_module, []).append(rules_module)
    _LAZY_ORDER.append(rules_module)


def lazy_rule_modules() -> list[str]:
    """The lazily imported rule modules, in the order they were declared (docs
    list them so, whichever the user's code happened to import first)."""
    return list(_LAZY_ORDER)


def load_lazy(force: bool = False) -> bool:
    """Import the rule modules whose library is now imported (every one whose
    library is installed, with ``force``: docs and tests). Whether any was."""
    loaded = False
    for lib in [m for m in _LAZY if force or m in sys.modules]:
        for target in _LAZY.pop(lib):
            try:
                importlib.import_module(target)
            except ImportError:
                if not force:
                    raise
                continue
            loaded = True
    return loaded


def all_rules() -> dict[Any, Rule]:
    """A copy of the registry (for docs generation and tests)."""
    return dict(_RULES)


def all_nondifferentiable() -> dict[Any, str]:
    return dict(_NONDIFF)


def register_custom_vjp(fn: Any, rule: Callable, changes_builds: bool = True) -> None:
    """A run-time reverse rule for ``fn``. ``changes_builds=False`` only for rules
    that no derivative built before can have missed (a rule maker's, made the
    first time a build meets ``fn``): they leave the cached derivatives valid."""
    r = _rule_for(fn)
    if r.vjp is not None and not r.custom_vjp:
        r.extra["builtin_vjp"] = r.vjp  # kept for docs/ops.md
    r.vjp = rule
    r.custom_vjp = True
    r.broadcasting = False
    if changes_builds:
        _GENERATION[0] += 1


def register_custom_jvp(fn: Any, rule: Callable, changes_builds: bool = True) -> None:
    r = _rule_for(fn)
    if r.jvp is not None and not r.custom_jvp:
        r.extra["builtin_jvp"] = r.jvp
    r.jvp = rule
    r.custom_jvp = True
    if changes_builds:
        _GENERATION[0] += 1


_MAKERS: list[Callable[[Any], bool]] = []
_GENERATION = [0]


def add_rule_maker(maker: Callable[[Any], bool]) -> None:
    """``maker(obj)`` may register rules for an object the first time a
    differentiated function calls it (pullback's own gradients do); it returns
    whether ``obj`` now has rules. Lets a later layer supply rules without the
    resolver importing it."""
    _MAKERS.append(maker)


def make_rules(obj: Any) -> bool:
    """Whether some rule maker supplied rules for ``obj``."""
    return any(maker(obj) for maker in _MAKERS)


_TRANSFORMS: list = []


def add_transform(fn: Callable) -> None:
    """``fn`` (``pb.grad``, ``pb.jacobian``, ...) makes a derivative function from
    constant arguments, so ``fn(g)(x)`` inside differentiated code may evaluate
    ``fn(g)`` when the derivative is built (its rules come from a rule maker)."""
    _TRANSFORMS.append(fn)


def is_transform(obj: Any) -> bool:
    return any(obj is t for t in _TRANSFORMS)


_DIFFERENTIATORS: dict[str, Callable] = {}


def set_differentiators(**fns: Callable) -> None:
    """The API registers ``pb.vjp`` / ``pb.jvp`` here, so run-time helpers of
    rules (odeint's) can differentiate user functions without importing it."""
    _DIFFERENTIATORS.update(fns)


def differentiator(name: str) -> Callable:
    """``pb.vjp`` (``"vjp"``) or ``pb.jvp`` (``"jvp"``)."""
    return _DIFFERENTIATORS[name]


def generation() -> int:
    """A counter bumped whenever a user rule is registered: derivatives built
    before it may be stale (caches key on it)."""
    return _GENERATION[0]
