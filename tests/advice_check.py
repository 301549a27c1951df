"""torch float64 references for programs in any test module: the module is
loaded again with ``np`` bound to ``torch._numpy``; the gradient, a
Jacobian-vector product and (for one array argument) the Hessian come from
torch.autograd, independently of pullback."""

from __future__ import annotations

import importlib.util
import sys

import numpy as np

import pullback as pb
from adv12_check import leaves, rebuild

_LOADED: dict = {}


def torch_twin(module_name):
    """The module ``module_name`` again, its ``np`` being torch._numpy."""
    if module_name not in _LOADED:
        import torch._numpy as tnp
        spec = importlib.util.spec_from_file_location(module_name + "_torch",
                                                      sys.modules[module_name].__file__)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        mod.np = tnp
        _LOADED[module_name] = mod
    return _LOADED[module_name]


def _scalar(f, p_leaves, structure):
    import torch._numpy as tnp
    out = f(rebuild(structure, [tnp.asarray(t) for t in p_leaves]))
    return out.tensor if hasattr(out, "tensor") else out


def torch_grad(f, p):
    import torch
    ls = [torch.tensor(np.asarray(v, dtype=float), dtype=torch.float64, requires_grad=True)
          for v in leaves(p)]
    out = _scalar(f, ls, p)
    gs = torch.autograd.grad(out, ls, allow_unused=True)
    return rebuild(p, [np.zeros(np.shape(l.detach())) if g is None else g.numpy()
                       for g, l in zip(gs, ls)])


def torch_hessian(f, x):
    import torch
    t = torch.tensor(x, dtype=torch.float64)
    return torch.autograd.functional.hessian(lambda v: _scalar(f, [v], x), t).numpy()


def torch_jvp(f, x, d):
    import torch
    t, dt = torch.tensor(x, dtype=torch.float64), torch.tensor(d, dtype=torch.float64)
    return torch.autograd.functional.jvp(lambda v: _scalar(f, [v], x), t, dt)[1].numpy()


def check_against_torch(f, p, second=True):
    """pullback's gradient of ``f`` at ``p`` is torch's; for an array ``p`` (and
    ``second``) so are its jvp, Hessian and the jvp of its gradient."""
    twin = getattr(torch_twin(f.__module__), f.__name__)
    g = pb.grad(f)(rebuild(p, [np.array(v, dtype=float) for v in leaves(p)]))
    for got, want in zip(leaves(g), leaves(torch_grad(twin, p))):
        np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-12)
    if not isinstance(p, np.ndarray) or not second:
        return
    d = np.linspace(-1.0, 1.0, p.size).reshape(p.shape)
    _, jv = pb.jvp(f, (p.copy(),), (d,))
    np.testing.assert_allclose(jv, torch_jvp(twin, p, d), rtol=1e-10, atol=1e-12)
    H = torch_hessian(twin, p)
    np.testing.assert_allclose(pb.hessian(f)(p.copy()), H, rtol=1e-10, atol=1e-12)
    _, hv = pb.jvp(pb.grad(f), (p.copy(),), (d,))
    np.testing.assert_allclose(hv, H.reshape(p.size, p.size) @ d.ravel(), rtol=1e-10,
                               atol=1e-12)
