"""Reference derivatives for ``tests/test_model_examples.py``: each example module
in examples/models/ loaded again with its ``np`` bound to ``autograd.numpy`` or
``torch._numpy``, parameters flattened to a list of leaves (namedtuples, lists,
tuples and dicts rebuilt around them), and central differences."""

from __future__ import annotations

import importlib.util
import pathlib

import numpy as np

MODELS = pathlib.Path(__file__).resolve().parents[1] / "examples" / "models"
_LOADED: dict = {}


def load(name, np_module=None):
    """examples/models/<name>.py as a fresh module, its ``np`` replaced if asked."""
    key = (name, getattr(np_module, "__name__", None))
    if key not in _LOADED:
        spec = importlib.util.spec_from_file_location(
            f"model_example_{name}_{len(_LOADED)}", MODELS / f"{name}.py")
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        if np_module is not None:
            mod.np = np_module
        _LOADED[key] = mod
    return _LOADED[key]


def load_file(path, np_module):
    """Any module file loaded afresh with its ``np`` replaced."""
    spec = importlib.util.spec_from_file_location(f"model_repro_{len(_LOADED)}", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    mod.np = np_module
    _LOADED[(str(path), len(_LOADED))] = mod
    return mod


def leaves(tree):
    if isinstance(tree, dict):
        return [v for k in tree for v in leaves(tree[k])]
    if isinstance(tree, (list, tuple)):
        return [v for e in tree for v in leaves(e)]
    return [tree]


def rebuild(tree, values):
    it = iter(values)

    def go(t):
        if isinstance(t, dict):
            return {k: go(v) for k, v in t.items()}
        if isinstance(t, tuple) and hasattr(t, "_fields"):
            return type(t)(*[go(e) for e in t])
        if isinstance(t, (list, tuple)):
            return type(t)(go(e) for e in t)
        return next(it)
    return go(tree)


def same_structure(got, want):
    assert type(got) is type(want), (type(got), type(want))
    if isinstance(want, dict):
        assert list(got) == list(want)
        for k in want:
            same_structure(got[k], want[k])
    elif isinstance(want, (list, tuple)):
        assert len(got) == len(want)
        for g, w in zip(got, want):
            same_structure(g, w)
    else:
        assert np.shape(got) == np.shape(want)


def autograd_grad(name, fn, params, args):
    import autograd
    import autograd.numpy as anp
    f = getattr(load(name, anp), fn)
    flat = autograd.grad(lambda ls: f(rebuild(params, ls), *args))(
        [np.asarray(v, dtype=float) for v in leaves(params)])
    return rebuild(params, flat)


def autograd_hvp(name, fn, params, args, v):
    """Exact Hessian-vector product by autograd (grad of <grad, v>)."""
    import autograd
    import autograd.numpy as anp
    f = getattr(load(name, anp), fn)
    vs = leaves(v)

    def inner(ls):
        g = autograd.grad(lambda q: f(rebuild(params, q), *args))(ls)
        return sum(anp.sum(a * b) for a, b in zip(g, vs))
    return rebuild(params, autograd.grad(inner)([np.asarray(x, dtype=float)
                                                 for x in leaves(params)]))


def torch_grad(name, fn, params, args):
    import torch
    import torch._numpy as tnp
    f = getattr(load(name, tnp), fn)
    ts = [torch.tensor(np.asarray(v, dtype=float), requires_grad=True) for v in leaves(params)]
    targs = [tnp.asarray(torch.tensor(a)) if isinstance(a, np.ndarray) else a for a in args]
    out = f(rebuild(params, [tnp.asarray(t) for t in ts]), *targs)
    out = out.tensor if hasattr(out, "tensor") else out
    out.backward()
    return rebuild(params, [t.grad.numpy() if t.grad is not None else np.zeros(t.shape)
                            for t in ts])


def shifted(params, direction, eps):
    return rebuild(params, [np.asarray(p) + eps * d
                            for p, d in zip(leaves(params), leaves(direction))])


def directional_fd(f, params, args, direction, eps=1e-6):
    """(f(p + eps d) - f(p - eps d)) / 2 eps."""
    return (f(shifted(params, direction, eps), *args)
            - f(shifted(params, direction, -eps), *args)) / (2 * eps)


def random_like(params, rng):
    return rebuild(params, [rng.normal(size=np.shape(v)) for v in leaves(params)])


def dot(a, b):
    return sum(float(np.sum(x * y)) for x, y in zip(leaves(a), leaves(b)))


def close(got, want, rtol, atol):
    for g, w in zip(leaves(got), leaves(want)):
        np.testing.assert_allclose(np.asarray(g, dtype=float), np.asarray(w, dtype=float),
                                   rtol=rtol, atol=atol)
