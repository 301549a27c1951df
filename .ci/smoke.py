"""A smoke test that needs only pullback's declared dependencies (no torch, no pytest).

CI runs it on the other Python versions pyproject.toml declares and on the lowest
declared NumPy. Every derivative is checked against central finite differences.
Exits non-zero on the first mismatch.
"""

import subprocess
import sys

import numpy as np

import pullback as pb


def fd_grad(f, x, eps=1e-6):
    """Central finite differences of scalar ``f`` at array ``x``."""
    x = np.asarray(x, dtype=float)
    g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[i] = eps
        g[i] = (f(x + e) - f(x - e)) / (2 * eps)
    return g


def loop_branch(a):
    b = a * 2
    while np.linalg.norm(b) < 1000:
        b = b * 2
    if b.sum() > 0:
        c = b
    else:
        c = 100 * b
    return c.sum()


def layer(W, x):
    return np.tanh(W @ x)


def mlp(x, W):
    h = layer(W, x)
    total = 0.0
    for i in range(3):
        total = total + np.sum(h ** 2) * (i + 1)
    return total + np.sum(np.transpose(W) ** 2)


def check(name, got, want, tol=1e-5):
    if not np.allclose(got, want, rtol=tol, atol=tol):
        print(f"smoke: {name}: pullback {got!r} != finite differences {want!r}")
        sys.exit(1)
    print(f"smoke: {name} ok")


def main():
    rng = np.random.default_rng(0)
    a = np.array([0.37, -0.2])
    check("loop and branch", pb.grad(loop_branch)(a), fd_grad(loop_branch, a))
    x, W = rng.normal(size=3), rng.normal(size=(2, 3))
    check("callee + loop (reverse)", pb.grad(mlp, wrt=1)(x, W),
          fd_grad(lambda w: mlp(x, w), W))
    J = pb.jacobian(layer, wrt=0, mode="forward")(W, x)
    check("jacobian (forward)", J[1], fd_grad(lambda w: layer(w, x)[1], W))
    H = pb.hessian(lambda v: np.sum(np.sin(v) * v))(x)
    check("hessian", H, np.diag(2 * np.cos(x) - x * np.sin(x)))  # by hand
    exported = pb.export(pb.grad(mlp, wrt=1))
    namespace = {}
    exec(compile(exported, "<exported>", "exec"), namespace)
    check("export runs", namespace["mlp_grad"](x, W), pb.grad(mlp, wrt=1)(x, W), 1e-12)
    typed = ("import numpy as np, pullback as pb\ndef f(x):\n    return np.sum(x ** 3)\n"
             "print(pb.grad(f)(np.array([1.0, -2.0])).tolist())\n")
    out = subprocess.run([sys.executable, "-c", typed], capture_output=True, text=True)
    if sys.version_info >= (3, 13):  # python -c keeps its source: it just works
        ok = out.returncode == 0 and out.stdout.strip() == "[3.0, 12.0]"  # 3 x**2
    else:
        ok = out.returncode == 1 and "define it in a .py file or a notebook" in out.stderr
    if not ok:
        print(f"smoke: python -c: {out.stdout}{out.stderr}")
        sys.exit(1)
    print("smoke: python -c ok")
    out = subprocess.run([sys.executable, "-m", "pullback", "--version"],
                         capture_output=True, text=True)
    if out.returncode != 0 or pb.__version__ not in out.stdout:
        print(f"smoke: python -m pullback --version failed: {out.stdout}{out.stderr}")
        sys.exit(1)
    print(f"smoke: all ok (python {sys.version.split()[0]}, numpy {np.__version__}, "
          f"pullback {pb.__version__})")


if __name__ == "__main__":
    main()
