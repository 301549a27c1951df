"""The arguments of a derivative call: which ones are differentiated, whether
they can be, their list/dict structure, and gradients shaped like them."""

from __future__ import annotations

import inspect
import numbers

import numpy as np

from pullback.analysis.fnvalues import is_function
from pullback.modes.containers import flatten, structure, unflatten


def param_names(f) -> list[str]:
    sig = inspect.signature(f)
    return [p.name for p in sig.parameters.values()]


def wrt_names(f, wrt, skip: int = 0) -> tuple[tuple[str, ...], bool]:
    """(parameter names, whether the user asked for a tuple). ``skip``: leading
    parameters users do not see (a bound method's ``self``); indices count
    after them."""
    names = param_names(f)[skip:]
    many = isinstance(wrt, (tuple, list))
    items = list(wrt) if many else [wrt]
    out = []
    for w in items:
        if isinstance(w, bool) or not isinstance(w, (int, str)):
            raise TypeError(f"wrt must be parameter indices or names, got {w!r}")
        if isinstance(w, int):
            if not -len(names) <= w < len(names):
                raise TypeError(f"wrt={w} but {f.__name__} has {len(names)} parameters")
            out.append(names[w])
        else:
            if w not in names:
                raise TypeError(f"wrt={w!r}: {f.__name__} has no parameter named {w!r}")
            out.append(w)
    return tuple(out), many


def wrt_values(f, wrt, args, kwargs, positions=None):
    """The arguments named in ``wrt``, by position when possible (fast path)."""
    if not kwargs and positions is not None and all(i < len(args) for i in positions):
        return [args[i] for i in positions]
    bound = inspect.signature(f).bind(*args, **kwargs)
    bound.apply_defaults()
    return [bound.arguments.get(w) for w in wrt]


def function_args(f, wrt, args, kwargs) -> dict | None:
    """Parameter → function for the arguments of this call that are functions
    (not classes) and not differentiated: the build is made for them
    (``analysis/fnvalues.py``). None when there are none (the common case,
    checked first without binding the signature)."""
    for a in args:
        if callable(a):
            break
    else:
        if not kwargs or not any(callable(a) for a in kwargs.values()):
            return None
    out = {}
    params = list(inspect.signature(f).parameters.values())
    positional = [p.name for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    named = [p.name for p in params if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]
    pairs = list(zip(positional, args)) + [(k, v) for k, v in kwargs.items() if k in named]
    for name, value in pairs:
        if name not in wrt and is_function(value):
            out[name] = value
    return out or None


def refuse_bad_keys(w, v):
    """A TypeError for a dict (anywhere in ``v``) whose keys generated code cannot
    name: only str and int keys, and tuples of them, are supported."""
    if isinstance(v, dict):
        if structure(v) is None:
            bad = next(k for k in v if structure({k: None}) is None)
            raise TypeError(f"cannot differentiate with respect to `{w}`: the dict key {bad!r} "
                            "is not a str, an int or a tuple of them; use such keys (or pass "
                            "the arrays as a list)")
        items = v.values()
    elif isinstance(v, (list, tuple)):
        items = v
    else:
        return
    for item in items:
        refuse_bad_keys(w, item)


#: what the transforms can differentiate, for messages
DIFFERENTIABLE = ("floats, float NumPy arrays, or lists, tuples or dicts (str/int keys) "
                  "of them")


def leaf_kind(leaf) -> str:
    """``float``, ``int`` (ints and bools: never differentiated), ``complex`` or
    ``other`` (an object pullback cannot differentiate)."""
    if isinstance(leaf, (bool, np.bool_, numbers.Integral)):
        return "int"
    if isinstance(leaf, (tuple, list, dict)):  # a namedtuple, a dict with other keys
        kinds = {leaf_kind(v) for v in (leaf.values() if isinstance(leaf, dict) else leaf)}
        for k in ("other", "complex", "float"):
            if k in kinds:
                return k
        return "int"
    if isinstance(leaf, (complex, np.complexfloating)):
        return "complex"
    if isinstance(leaf, (float, np.floating)):
        return "float"
    if isinstance(leaf, np.ndarray):
        if leaf.dtype.kind in "biu":
            return "int"
        return {"f": "float", "c": "complex"}.get(leaf.dtype.kind, "other")
    return "other"


def not_differentiable(what, leaf) -> TypeError:
    return TypeError(f"cannot differentiate with respect to {what}: it is (or holds) a "
                     f"{type(leaf).__name__}, and pullback differentiates {DIFFERENTIABLE}. "
                     "Pass the numbers it holds as such an argument, or leave it out of "
                     "wrt to use it as a constant")


def check_differentiable(f, args, kwargs, wrt, values=None):
    if values is None:
        values = wrt_values(f, wrt, args, kwargs)
    for w, v in zip(wrt, values):
        refuse_bad_keys(w, v)
        for leaf in flatten(v, structure(v)):
            kind = leaf_kind(leaf)
            if kind == "int":
                raise TypeError(f"cannot differentiate with respect to `{w}`: it is (or holds) "
                                f"an integer or boolean value ({type(leaf).__name__}); "
                                "pass floats")
            if kind == "complex":
                raise TypeError(f"cannot differentiate with respect to `{w}`: complex values "
                                "are not supported (pass the real and imaginary parts as "
                                "separate float arrays)")
            if kind == "other":
                raise not_differentiable(f"`{w}`", leaf)


def containers_of(wrt, values) -> dict:
    """The structure of each list/tuple argument in ``wrt`` (see containers.py)."""
    out = {}
    for w, v in zip(wrt, values):
        st = structure(v)
        if st is not None:
            out[w] = st
    return out


def array_ndims(wrt, values) -> dict:
    """The dimensions of each ``wrt`` argument that is a plain ndarray (not a
    subclass): the derivative is built knowing them (a view of a vector's
    element is a number, ``a += e`` on an array is in place; ``analysis/ndims``)."""
    return {w: v.ndim for w, v in zip(wrt, values) if type(v) is np.ndarray and v.ndim >= 1}


def refuse_containers(what, wrt, values):
    """Jacobians and Hessians are arrays: their arguments must be arrays too."""
    for w, v in zip(wrt, values):
        if structure(v) is not None:
            raise TypeError(f"{what} needs an array (or float) for `{w}`, not a "
                            f"{type(v).__name__}; for lists or dicts of arrays use pb.grad, "
                            "pb.vjp, pb.jvp or pb.hvp (a Hessian-vector product), or stack "
                            "them into one array")


def regroup(grads, wrt, values, containers):
    """The flat adjoints returned by generated code → one gradient per argument,
    each shaped like its argument (lists and tuples rebuilt)."""
    out, it = [], iter(grads)
    for w, v in zip(wrt, values):
        st = containers.get(w)
        if st is None:
            out.append(as_gradient(next(it), v))
        else:
            leaves = flatten(v, st)
            out.append(unflatten([as_gradient(next(it), x) for x in leaves], st))
    return tuple(out)


def regroup_source(wrt, containers, many, n_active) -> str:
    """Lines that turn the flat adjoints ``grads`` of generated code into what
    :func:`regroup` gives for this structure (nothing for plain arrays)."""
    if not containers:
        return ""
    count = [0]

    def expr(st):
        if st is None:
            count[0] += 1
            return f"grads[{count[0] - 1}]"
        items = [expr(c) for c in st[1]]
        if st[0] == "dict":
            return "{" + ", ".join(f"{k!r}: {v}" for k, v in zip(st[2], items)) + "}"
        if st[0] == "list":
            return "[" + ", ".join(items) + "]"
        return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"

    parts = [expr(containers.get(w)) for w in wrt]
    value = "(" + ", ".join(parts) + ("," if len(parts) == 1 else "") + ")" if many else parts[0]
    lines = "    grads = (grads,)\n" if n_active == 1 else ""
    return lines + f"    grads = {value}\n"


def scalar_seed(out):
    if isinstance(out, (float, int, np.floating, np.integer)) and not isinstance(out, bool):
        return 1.0 if isinstance(out, (float, int)) else np.ones_like(out)
    if isinstance(out, np.ndarray) and out.size == 1:
        return np.ones_like(out)
    shape = getattr(out, "shape", type(out).__name__)
    raise ValueError(f"the function's output is not a scalar (its shape is {shape}); "
                     "grad needs a scalar output. Use pb.vjp(f, *args) with a "
                     "cotangent for non-scalar outputs")


def as_gradient(g, x):
    """The gradient shaped and typed like its argument ``x``."""
    if np.iscomplexobj(g) and not np.iscomplexobj(x):
        g = np.real(g)  # a real argument's gradient is dL/dRe (rules/complex_parts.py)
    if isinstance(x, np.ndarray):
        dtype = x.dtype if np.issubdtype(x.dtype, np.inexact) else np.float64
        if isinstance(g, np.ndarray) and g.base is None and g.dtype == dtype and \
                g.shape == x.shape and g.flags.writeable:
            return g  # already a fresh array of the right kind
        return np.array(np.broadcast_to(g, x.shape), dtype=dtype)
    if isinstance(x, np.generic):
        return x.dtype.type(g)
    if isinstance(x, float):
        return np.float64(g)
    return g


def float_positions(primals, tangents=None):
    """Positions of the arguments that carry derivatives (floats, or lists of them).
    Ints, bools, strings and None are constants; other objects are refused."""
    out = []
    for i, p in enumerate(primals):
        if tangents is not None and tangents[i] is None:
            continue
        if p is None or isinstance(p, str):
            continue
        refuse_bad_keys(f"argument {i}", p)
        kinds = [leaf_kind(v) for v in flatten(p, structure(p))]
        if "complex" in kinds:
            raise TypeError(f"argument {i} is complex: complex values are not supported "
                            "(pass the real and imaginary parts as separate float arrays)")
        if "other" in kinds:
            leaf = [v for v, k in zip(flatten(p, structure(p)), kinds) if k == "other"][0]
            raise not_differentiable(f"argument {i}", leaf)
        if all(k == "int" for k in kinds):
            continue
        out.append(i)
    return out


def one_hot_rows(out):
    """Cotangents e_i for every element of ``out`` (the rows of a Jacobian)."""
    flat = np.zeros(np.size(out), dtype=np.result_type(np.asarray(out).dtype, np.float64))
    for i in range(flat.size):
        e = flat.copy()
        e[i] = 1.0
        yield e.reshape(np.shape(out))
