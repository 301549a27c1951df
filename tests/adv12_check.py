"""References for the issue-12 adversarial tests: torch float64 (the programs'
module loaded again with ``np`` = ``torch._numpy``) and central differences, for
arguments that are arrays or nested lists/tuples/dicts of arrays."""

from __future__ import annotations

import importlib.util

import numpy as np

import adv12_programs as P


def leaves(t):
    if isinstance(t, dict):
        return [v for k in t for v in leaves(t[k])]
    if isinstance(t, (list, tuple)):
        return [v for e in t for v in leaves(e)]
    return [t]


def rebuild(t, ls):
    it = iter(ls)

    def go(s):
        if isinstance(s, dict):
            return {k: go(v) for k, v in s.items()}
        if isinstance(s, (list, tuple)):
            return type(s)(go(e) for e in s)
        return next(it)
    return go(t)


def copy_tree(t):
    return rebuild(t, [np.array(v, dtype=float, copy=True) for v in leaves(t)])


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
        assert np.shape(got) == np.shape(want), (np.shape(got), np.shape(want))


_TORCH_MOD = None


def torch_module():
    global _TORCH_MOD
    if _TORCH_MOD is None:
        import torch._numpy as tnp
        spec = importlib.util.spec_from_file_location("adv12_programs_torch", P.__file__)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        mod.np = tnp
        _TORCH_MOD = mod
    return _TORCH_MOD


class NoTorch(Exception):
    pass


def torch_grad(name, p, hessian=False):
    """torch float64 gradient (or Hessian, array p) of program `name`; NoTorch if
    torch cannot run it or computes another value than NumPy."""
    import torch
    import torch._numpy as tnp
    f = getattr(torch_module(), name)
    ls = [torch.tensor(np.asarray(v, dtype=float), dtype=torch.float64, requires_grad=True)
          for v in leaves(p)]
    old = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    try:
        with torch.autograd.graph.saved_tensors_hooks(lambda t: t.clone(), lambda t: t):
            out = f(rebuild(p, [tnp.asarray(t) for t in ls]))
        out = out.tensor if hasattr(out, "tensor") else out
        if not isinstance(out, torch.Tensor) or not out.requires_grad:
            raise NoTorch(f"torch output has no graph: {type(out)}")
        want = getattr(P, name)(copy_tree(p))
        if not np.allclose(out.detach().numpy(), want, rtol=1e-10, atol=1e-12):
            raise NoTorch("torch computes another value")
        gs = torch.autograd.grad(out, ls, allow_unused=True, create_graph=hessian)
        gs = [torch.zeros_like(l) if g is None else g for g, l in zip(gs, ls)]
        if not hessian:
            return rebuild(p, [g.detach().numpy().copy() for g in gs])
        (leaf,), (g,) = ls, gs
        n = leaf.numel()
        flat = g.reshape(-1)
        rows = []
        for k in range(n):
            if not flat.requires_grad:
                rows.append(np.zeros(n))
                continue
            (h,) = torch.autograd.grad(flat[k], leaf, retain_graph=True, allow_unused=True)
            rows.append(np.zeros(n) if h is None else h.detach().numpy().reshape(-1))
        return np.array(rows).reshape(tuple(leaf.shape) * 2)
    except NoTorch:
        raise
    except Exception as e:
        raise NoTorch(f"{type(e).__name__}: {e}") from e
    finally:
        torch.set_default_dtype(old)


def fd_grad(f, p, eps=1e-6):
    ls = [np.array(v, dtype=float) for v in leaves(p)]
    out = []
    for i, leaf in enumerate(ls):
        g = np.zeros_like(leaf)
        for idx in np.ndindex(leaf.shape):
            for sign in (1, -1):
                moved = [v.copy() for v in ls]
                moved[i][idx] += sign * eps
                g[idx] += sign * f(rebuild(p, moved)) / (2 * eps)
        out.append(g)
    return rebuild(p, out)


def fd_jvp(f, p, t, eps=1e-6):
    plus = rebuild(p, [v + eps * d for v, d in zip(leaves(p), leaves(t))])
    minus = rebuild(p, [v - eps * d for v, d in zip(leaves(p), leaves(t))])
    return (f(plus) - f(minus)) / (2 * eps)


def fd_hessian(f, x, h=1e-4):
    n = x.size
    E = np.eye(n).reshape((n,) + x.shape) * h
    H = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            H[i, j] = (f(x + E[i] + E[j]) - f(x + E[i] - E[j]) - f(x - E[i] + E[j])
                       + f(x - E[i] - E[j])) / (4 * h * h)
    return H.reshape(x.shape * 2)


def close(got, want, rtol, atol, what):
    for k, (g, w) in enumerate(zip(leaves(got), leaves(want))):
        np.testing.assert_allclose(np.asarray(g, dtype=float), w, rtol=rtol, atol=atol,
                                   err_msg=f"{what}, leaf {k}")
