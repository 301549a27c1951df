"""Run-time checks of facts pullback follows but cannot prove when it builds a
derivative: memory (docs/internals.md, Memory) and the functions a parameter
holds (analysis/fnvalues.py). Generated code calls them."""

import numpy as np

from pullback.errors import PullbackError


def fresh_result(value, args, text):
    """``value``, the result of the user's call ``text``, which pullback follows as a
    new array: raise if NumPy returned memory of one of ``args`` (the arguments the
    callee may return, or return a view of)."""
    mine = _arrays_in(value)
    opaque = [a for a in _leaves(args) if not isinstance(a, _PLAIN)]
    if mine and opaque:  # its __getitem__ or .T could give any memory: not checkable
        raise PullbackError(
            f"pullback cannot check that `{text}` returns a new array: an argument it may "
            f"return memory of is a {type(opaque[0]).__name__}. Take a copy of the result: "
            f"`{text}.copy()`")
    if mine and any(np.may_share_memory(a, b) for a in mine for b in _arrays_in(args)):
        if isinstance(value, (list, dict)):  # (a copy of it would still hold the arrays)
            kind, how = ("list", "append copies (`.append(v.copy())`)") if \
                isinstance(value, list) else ("dict", 'put copies in it (`{"a": v.copy()}`)')
            raise PullbackError(
                f"`{text}` returned a {kind} holding an argument's array (or a view of it), "
                f"and a later write would change both; pullback followed its arrays as new "
                f"ones. Pass it copies of the arrays it returns (`v.copy()` as the argument), "
                f"or have `{text.split('(')[0]}` {how}")
        advice = f"`{text}.copy()`" if isinstance(value, np.ndarray) else \
            f"a copy of each array it returns: `r = {text}` and then `p, q = r[0].copy(), " \
            f"r[1].copy()`"
        raise PullbackError(
            f"`{text}` returned an argument's array (or a view of it), and a later write "
            f"would change both; pullback followed the result as a new array. Take a copy "
            f"of it: {advice}")
    return value


#: values whose memory ``np.may_share_memory`` answers for (or that hold none)
_PLAIN = (np.ndarray, np.generic, int, float, complex, bool, str, type(None))


def _leaves(value) -> list:
    """The values in ``value`` and in its lists, tuples and dicts."""
    if isinstance(value, (list, tuple)):
        return [a for v in value for a in _leaves(v)]
    if isinstance(value, dict):
        return [a for v in value.values() for a in _leaves(v)]
    return [value]


def _arrays_in(value) -> list:
    """The ndarrays in ``value`` and in its lists, tuples and dicts."""
    return [a for a in _leaves(value) if isinstance(a, np.ndarray)]


def same_function(value, expected, name):
    """The differentiated function's parameter ``name`` holds ``expected``, the
    function its derivative was built for (its default, or what was passed):
    raise if a caller gave another value, whose derivative would be another."""
    if value is not expected:
        raise PullbackError(
            f"the derivative was built for `{name}` = {_describe(expected)}, but it was "
            f"called with `{name}` = {_describe(value)}; pullback builds a derivative for "
            f"the function a parameter holds. Differentiate a function that passes the one "
            f"you want by name, e.g. `def g(x): return f(x, {name}=np.sin)`, or call "
            f"pb.grad(f) (it builds one derivative per function passed)")


def _describe(obj) -> str:
    name = getattr(obj, "__qualname__", None) or getattr(obj, "__name__", None)
    mod = getattr(obj, "__module__", None)
    if isinstance(name, str):
        return f"{mod}.{name}" if isinstance(mod, str) and mod != "builtins" else name
    return repr(obj)


def sequence(x, text):
    """``x``, iterated by a ``for`` loop that pullback runs by index
    (``for i in range(len(x)): v = x[i]``): that is Python's loop only for an
    array, list, tuple, range or str. A dict (by its keys), set or iterator
    pullback could not see when it built the derivative raises instead."""
    if isinstance(x, (np.ndarray, list, tuple, range, str)):
        return x
    raise PullbackError(
        f"`for ... in {text}`: `{text}` is a {type(x).__name__}, which a for loop iterates "
        f"otherwise than by index; pullback follows loops over a dict only when it sees "
        f"the dict's keys when it builds the derivative (a dict argument, or a literal "
        f"bound once). Loop over a list instead, e.g. for k in list({text}):")
