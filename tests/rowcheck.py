"""Checks of differentiated rows for issue 12's test files (``test_scipy_rules``,
``test_linalg_decomp``): one row is ``(name, numpy body, torch body or None,
inputs)``, a body being one expression or statements ending in ``return E`` of
arguments ``x, y, z``. The program ``f(x, ...)`` returns ``np.sum(E * W)``; its
gradient in every argument, forward tangent along a random direction and
Hessian-vector product in the first argument are checked against torch float64
(the torch body), else HIPS autograd running the numpy body with its own
``numpy``/``scipy`` wrappers (``ref="autograd"``), else central differences of
the primal.
"""

import importlib.util
import os
import tempfile

import numpy as np
import torch

import pullback as pb


def _body(body, wrap):
    lines = body.strip().split("\n")
    if not lines[-1].startswith("return "):
        lines[-1] = "return " + lines[-1]
    lines[-1] = "return " + wrap(lines[-1][len("return "):])
    return ["    " + ln for ln in lines]


def load_rows(rows, consts, tag):
    """A generated module with ``f_i`` (numpy) and ``th_i`` (torch) per row."""
    lines = ["import numpy as np", "import torch", "from scipy import special, stats, linalg, signal",
             "", "def T(a):", "    return torch.tensor(np.asarray(a, dtype=float))", "", "W = {}"]
    lines += [f"{k} = np.array({v.tolist()!r})" for k, v in consts.items()]
    for i, (name, body, th, ins) in enumerate(rows):
        params = ", ".join("xyz"[:len(ins)])
        lines += ["", f"# {name}", f"def f_{i}({params}):"]
        lines += _body(body, lambda e: f"np.sum(({e}) * W[{i}])")
        lines += ["", f"def raw_{i}({params}):"] + _body(body, lambda e: e)
        if th is not None:
            lines += ["", f"def th_{i}({params}):"] + _body(th, lambda e: e)
    d = tempfile.mkdtemp(prefix="pullback_" + tag + "_")
    path = os.path.join(d, tag + "_generated.py")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    spec = importlib.util.spec_from_file_location(tag + "_generated", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _torch_ref(fn, ins, w, v0, tans, consts):
    xs = [torch.tensor(a, dtype=torch.float64, requires_grad=True) for a in ins]
    out = (fn(*xs) * torch.tensor(w)).sum()
    grads = torch.autograd.grad(out, xs, create_graph=True, allow_unused=True)
    hv = np.zeros(np.shape(ins[0]))
    if grads[0] is not None and grads[0].requires_grad:
        h = torch.autograd.grad((grads[0] * torch.tensor(v0)).sum(), xs[0], allow_unused=True)[0]
        hv = hv if h is None else h.numpy()
    gs = [np.zeros(np.shape(a)) if g is None else g.detach().numpy() for g, a in zip(grads, ins)]
    return out.item(), gs, sum(np.vdot(g, t) for g, t in zip(gs, tans)), hv


def _autograd_ref(body, ins, w, v0, tans, consts):
    import autograd
    import autograd.numpy as anp
    import autograd.scipy.linalg as alinalg
    import autograd.scipy.signal as asignal
    import autograd.scipy.special as aspecial
    import autograd.scipy.stats as astats
    env = {"np": anp, "special": aspecial, "stats": astats, "linalg": alinalg, "signal": asignal,
           "W": w, **consts}
    src = "\n".join(["def f(x=None, y=None, z=None):"] + _body(body, lambda e: f"np.sum(({e}) * W)"))
    exec(src, env)
    f = env["f"]
    gs = [np.asarray(autograd.grad(f, i)(*ins)) for i in range(len(ins))]
    hv = autograd.grad(lambda *a: anp.sum(autograd.grad(f, 0)(*a) * v0), 0)(*ins)
    return f(*ins), gs, sum(np.vdot(g, t) for g, t in zip(gs, tans)), np.asarray(hv)


def _fd_ref(fn, ins, v0, tans, h=1e-5):
    def grad_of(i, at):
        g = np.zeros_like(at[i])
        for j in np.ndindex(at[i].shape):
            p = [a.copy() for a in at]
            m = [a.copy() for a in at]
            p[i][j] += h
            m[i][j] -= h
            g[j] = (fn(*p) - fn(*m)) / (2 * h)
        return g
    gs = [grad_of(i, ins) for i in range(len(ins))]
    hv = (grad_of(0, [ins[0] + 1e-4 * v0] + ins[1:]) -
          grad_of(0, [ins[0] - 1e-4 * v0] + ins[1:])) / 2e-4
    return fn(*ins), gs, sum(np.vdot(g, t) for g, t in zip(gs, tans)), hv


def check_row(mod, rows, i, consts, ref=None, sym=(), hvp=True):
    """Check row ``i`` in every mode. ``sym``: indices of arguments whose
    tangents (and, for 0, Hessian direction) are symmetric matrices."""
    name, body, th, ins = rows[i]
    f = getattr(mod, f"f_{i}")
    rng = np.random.default_rng(i)
    w = rng.standard_normal(np.shape(getattr(mod, f"raw_{i}")(*ins)))
    mod.W[i] = w
    tans = [rng.standard_normal(np.shape(a)) for a in ins]
    for k in sym:
        tans[k] = tans[k] + np.swapaxes(tans[k], -1, -2)
    v0 = tans[0] + rng.standard_normal(np.shape(ins[0])) * (0 not in sym)
    if th is not None:
        r = _torch_ref(getattr(mod, f"th_{i}"), ins, w, v0, tans, consts)
        tol = dict(rtol=1e-8, atol=1e-10)
    elif ref == "autograd":
        r = _autograd_ref(body, ins, w, v0, tans, consts)
        tol = dict(rtol=1e-7, atol=1e-9)
    else:
        r = _fd_ref(f, ins, v0, tans)
        tol = dict(rtol=1e-5, atol=1e-6)
    val, gs, jv, hv = r
    got = pb.grad(f, wrt=tuple(range(len(ins))))(*ins)
    got = got if isinstance(got, tuple) else (got,)
    np.testing.assert_allclose(f(*ins), val, rtol=1e-10, err_msg=f"{name}: value (twin?)")
    for k, (a, b) in enumerate(zip(got, gs)):
        np.testing.assert_allclose(a, b, **tol, err_msg=f"{name}: gradient in argument {k}")
    _, tan = pb.jvp(f, tuple(ins), tuple(tans))
    np.testing.assert_allclose(tan, jv, **tol, err_msg=f"{name}: forward tangent")
    if hvp:
        np.testing.assert_allclose(pb.hvp(f)(*ins, v=v0), hv,
                                   **{k: 100 * v for k, v in tol.items()},
                                   err_msg=f"{name}: Hessian-vector product")
