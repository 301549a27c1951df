"""Shared checker for the direct rule tests: a rule against torch float64.

``check(npfn, tfn, args)`` evaluates ``ans = npfn(*args)``, calls the reverse
rule registered for ``prim`` (default ``npfn``) with a random cotangent and
compares each differentiable argument's cotangent with
``torch.autograd.grad`` of ``tfn``; then calls the forward rule with a random
tangent per argument and compares with ``torch.func.jvp``.
"""

import ast
import inspect
import textwrap

import numpy as np
import torch

from pullback.rules import registry
from pullback.runtime import broadcast_like, unbroadcast

RTOL, ATOL = 1e-10, 1e-12
RNG = np.random.default_rng(1234)


def sample(domain, shape):
    """A random float64 array (0-d arrays as np.float64) from a named domain."""
    if domain == "real":
        x = RNG.standard_normal(shape)
    elif domain == "pos":
        x = RNG.uniform(0.5, 2.0, shape)
    elif domain == "unit":
        x = RNG.uniform(-0.9, 0.9, shape)
    elif domain == "gt1":
        x = RNG.uniform(1.1, 3.0, shape)
    elif domain == "nonzero":
        x = RNG.uniform(0.5, 2.0, shape) * RNG.choice([-1.0, 1.0], shape)
    else:
        raise ValueError(domain)
    return np.float64(x) if shape == () else x


def _t(x, grad=False):
    x = np.asarray(x)
    if x.dtype.kind in "fiu" or grad:
        x = x.astype(np.float64)
    return torch.tensor(x, requires_grad=grad)


def _tuple(out):
    return out if isinstance(out, tuple) else (out,)


def assert_close(actual, expected, what=""):
    np.testing.assert_allclose(np.asarray(actual, dtype=np.float64),
                               np.asarray(expected, dtype=np.float64),
                               rtol=RTOL, atol=ATOL, err_msg=what)


def check(npfn, tfn, args, kwargs=None, prim=None, diff=None, jvp=True):
    """Check the reverse and forward rule of ``prim`` at ``args`` against torch."""
    kwargs = kwargs or {}
    prim = npfn if prim is None else prim
    rule = registry.lookup(prim)
    assert rule is not None and rule.vjp is not None, f"no rule for {prim}"
    if diff is None:
        diff = [i for i, a in enumerate(args) if isinstance(a, (np.ndarray, np.floating))]
    ans = npfn(*args, **kwargs)
    g = RNG.standard_normal(np.shape(ans))
    got = _tuple(rule.vjp(g, ans, *args, **kwargs))
    targs = [_t(a, i in diff) if i in diff or isinstance(a, np.ndarray) else a
             for i, a in enumerate(args)]
    out = tfn(*targs)
    assert_close(ans, out.detach().numpy(), "forward value")
    expected = torch.autograd.grad(out, [targs[i] for i in diff], _t(g), allow_unused=True)
    for i, e in zip(diff, expected):
        c = got[i]
        if rule.broadcasting:
            c = unbroadcast(c, args[i])
        e = np.zeros(np.shape(args[i])) if e is None else e.numpy()
        assert np.shape(c) == np.shape(args[i]), (np.shape(c), np.shape(args[i]))
        assert_close(c, e, f"vjp arg {i}")
    if not jvp or rule.jvp is None:
        return
    for i in diff:
        t = RNG.standard_normal(np.shape(args[i]))
        tan = jvp_entry(rule.jvp, i, t, ans, args, kwargs)
        if rule.broadcasting:
            tan = broadcast_like(tan, ans)
        plain = [_t(a) if j in diff or isinstance(a, (np.ndarray, np.floating)) else a
                 for j, a in enumerate(args)]

        def f(x, i=i):
            return tfn(*[x if j == i else a for j, a in enumerate(plain)])

        _, expected = torch.func.jvp(f, (_t(args[i]),), (_t(t),))
        assert np.shape(tan) == tuple(expected.shape), (np.shape(tan), expected.shape)
        assert_close(tan, expected.numpy(), f"jvp arg {i}")


def jvp_entry(fn, i, t, ans, args, kwargs):
    """Entry ``i`` of a forward rule, evaluating only that entry.

    The transformer inlines only the entries of active arguments; called as a
    plain function, a rule also evaluates the others, which fail when ``t``
    does not fit them (``np.dot(a, t)`` for a tangent of ``a``). On such a
    failure, the rule's source is run with just entry ``i`` of its return.
    """
    try:
        return _tuple(fn(t, ans, *args, **kwargs))[i]
    except (ValueError, TypeError, IndexError, np.linalg.LinAlgError):
        pass
    tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
    body = tree.body[0].body
    env = dict(fn.__globals__)
    env.update(inspect.signature(fn).bind(t, ans, *args, **kwargs).arguments)
    for k, v in inspect.signature(fn).parameters.items():
        if k not in env or (v.default is not v.empty and k not in kwargs and
                            k not in inspect.signature(fn).bind(t, ans, *args, **kwargs)
                            .arguments):
            env[k] = v.default
    for stmt in body:
        if isinstance(stmt, ast.Return):
            value = stmt.value
            expr = value.elts[i] if isinstance(value, ast.Tuple) else value
            return eval(compile(ast.Expression(expr), "<rule>", "eval"), env)
        if isinstance(stmt, ast.Assign):
            exec(compile(ast.Module([stmt], []), "<rule>", "exec"), env)


def numeric_jvp(f, args, i, t, eps=1e-6):
    """Central finite difference of ``f`` along ``t`` in argument ``i``."""
    def at(s):
        return np.asarray(f(*[a + s * t if j == i else a for j, a in enumerate(args)]))
    return (at(eps) - at(-eps)) / (2 * eps)
