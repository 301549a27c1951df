"""The tutorial examples in examples/, checked against PyTorch run side by side.

Every example is a list of sections (``SECTIONS``); each section prints its
results through ``report(results, label, value)``, which also records them.
For every section this file redoes the tutorial's computation with torch
(float64) on the SAME inputs (imported from the example module) and compares
every recorded -- hence every printed -- number with torch's.

A smoke test also runs each example as a script and looks for its key numbers.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import pullback as pb

torch = pytest.importorskip("torch")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

RTOL = 1e-12
ATOL = 1e-14

_MODULES: dict = {}


def load(name):
    """Import examples/<name>.py as a module (once)."""
    if str(EXAMPLES) not in sys.path:  # as when the script runs: its folder first
        sys.path.insert(0, str(EXAMPLES))
    if name not in _MODULES:
        path = EXAMPLES / f"{name}.py"
        spec = importlib.util.spec_from_file_location(f"pullback_example_{name}", path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        _MODULES[name] = module
    return _MODULES[name]


def T(value, grad=False):
    """A float64 torch tensor holding a copy of ``value``."""
    return torch.tensor(np.asarray(value, dtype=np.float64), dtype=torch.float64,
                        requires_grad=grad)


def N(value):
    """torch tensor (or plain value) -> NumPy."""
    if isinstance(value, torch.Tensor):
        return value.detach().clone().numpy()
    return np.asarray(value)


def assert_same(label, got, want):
    got_arr, want_arr = np.asarray(got), N(want)
    assert got_arr.shape == want_arr.shape, \
        f"{label}: shape {got_arr.shape}, torch {want_arr.shape}"
    if want_arr.dtype == np.bool_:
        np.testing.assert_array_equal(got_arr, want_arr, err_msg=label)
    else:
        np.testing.assert_allclose(got_arr.astype(np.float64), want_arr,
                                   rtol=RTOL, atol=ATOL, err_msg=label)


# =============================================================================
# torch side of examples/autograd_basics.py  (tutorial 000)
# =============================================================================

def torch_basics_mean(m):
    x = torch.ones(2, 2, dtype=torch.float64, requires_grad=True)
    y = x + 2
    z = y * y * 3
    out = z.mean()
    out.backward()
    return {"x": x, "y": y, "z": z, "out": out, "x.grad": x.grad}


def torch_basics_requires_grad(m):
    a = T(m.A_RANDOM)
    a = (a * 3) / (a - 1)
    assert not a.requires_grad
    a.requires_grad_(True)
    b = (a * a).sum()
    b.backward()
    return {"a": a, "b": b, "db/da": a.grad}


def torch_basics_vector_backward(m):
    x = T(m.X_RANDOM, grad=True)
    y = x * 2
    y = y * 2
    y.backward(T(m.V))
    return {"y": y, "x.grad": x.grad}


# =============================================================================
# torch side of examples/gradients_detach_and_control_flow.py  (tutorial 001)
# =============================================================================

def torch_dot(m):
    x = torch.arange(4.0, dtype=torch.float64)
    x.requires_grad_(True)
    y = 2 * torch.dot(x, x)
    y.backward()
    r = {"x": x, "y": y, "x.grad": x.grad.clone(), "x.grad == 4 * x": x.grad == 4 * x}
    x.sum().backward()                        # no zero_(): torch accumulates
    r["both added, as torch would accumulate"] = x.grad.clone()
    x.grad.zero_()
    x.sum().backward()
    r["gradient of x.sum()"] = x.grad.clone()
    return r


def torch_non_scalar(m):
    x = torch.arange(4.0, dtype=torch.float64, requires_grad=True)
    y = x * x
    with pytest.raises(RuntimeError, match="only for scalar outputs"):
        y.backward()
    y.sum().backward(retain_graph=True)
    r = {"gradient of y.sum()": x.grad.clone()}
    x.grad.zero_()
    y.backward(gradient=torch.ones(len(x), dtype=torch.float64))
    r["x.grad from vjp with ones"] = x.grad.clone()
    r["y"] = y
    return r


def torch_detach(m):
    x = torch.arange(4.0, dtype=torch.float64, requires_grad=True)
    y = x * x
    u = y.detach()
    z = u * x
    z.sum().backward()
    r = {"x.grad": x.grad.clone(), "x.grad == u": x.grad == u}
    x.grad.zero_()
    y.sum().backward()
    r["gradient of y.sum() == 2 * x"] = x.grad == 2 * x
    return r


def torch_f(num):
    b = num * 2
    while b.norm() < 1000:
        b = b * 2
    if b.sum() > 0:
        c = b
    else:
        c = 100 * b
    return c


def torch_control_flow(m):
    a = T(m.A_RANDOM, grad=True)
    d = torch_f(a)
    d.backward()
    return {"a": a, "d = f(a)": d, "a.grad": a.grad, "a.grad == f(a) / a": a.grad == d / a}


def torch_backward_twice(m):
    a1 = torch.tensor([1.0], dtype=torch.float64, requires_grad=True)
    a3 = a1.sum()
    a3.backward()
    r = {"a1.grad (first)": a1.grad.clone()}
    a1.grad.zero_()
    a3.backward()                             # fine: sum saved nothing
    r["a1.grad (second)"] = a1.grad.clone()

    v1 = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
    v3 = (v1 * v1).sum()
    v3.backward(retain_graph=True)
    r["v1.grad (first)"] = v1.grad.clone()
    v1.grad.zero_()
    v3.backward()
    r["v1.grad (second)"] = v1.grad.clone()
    return r


# =============================================================================
# torch side of examples/matrix_gradients_and_jacobian.py  (tutorial 002)
# =============================================================================

def torch_simple_scalar(m):
    x = torch.tensor([2.0], dtype=torch.float64, requires_grad=True)
    y = x + 2
    z = y ** 2 + 3
    z.backward()
    return {"z": z, "x.grad": x.grad}


def torch_matrix_product(m):
    x = T(m.X_RANDOM, grad=True)
    y = T(m.Y_RANDOM, grad=True)
    w = T(m.W_RANDOM, grad=True)
    out = torch.mean(y - torch.matmul(x, w))
    out.backward()
    return {"x": x, "out": out, "x.grad": x.grad, "y.grad": y.grad, "w.grad": w.grad}


def torch_indexed_assignment(m):
    mt = torch.tensor([[2.0, 3.0]], dtype=torch.float64, requires_grad=True)
    n = torch.zeros(1, 2, dtype=torch.float64)
    r = {"m": mt, "n (before)": n.clone(), "m[0, 0]": mt[0, 0]}
    n[0, 0] = mt[0, 0] ** 2
    n[0, 1] = mt[0, 1] ** 3
    n.backward(torch.ones_like(n))
    r.update({"n": n, "m.grad": mt.grad})
    return r


def torch_backward_twice_accumulates(m):
    x = torch.tensor([3.0], dtype=torch.float64, requires_grad=True)
    y = x * 2 + x ** 2 + 3
    y.backward(retain_graph=True)
    r = {"y": y, "x.grad after the first backward": x.grad.clone()}
    y.backward()
    r["x.grad after the second backward (accumulated by hand)"] = x.grad.clone()
    return r


def torch_k(x):
    k = torch.zeros(2, dtype=torch.float64)
    k[0] = x[0] ** 2 + 3 * x[1]
    k[1] = x[1] ** 2 + 2 * x[0]
    return k


def torch_jacobian_exercise(m):
    x = torch.tensor([2.0, 3.0], dtype=torch.float64, requires_grad=True)
    k = torch_k(x)
    k.backward(torch.ones_like(k), retain_graph=True)
    r = {"vjp with (1, 1)": x.grad.clone(), "k": k}
    j = torch.zeros(2, 2, dtype=torch.float64)
    x.grad.zero_()
    k.backward(torch.tensor([1.0, 0.0], dtype=torch.float64), retain_graph=True)
    j[0] = x.grad
    x.grad.zero_()
    k.backward(torch.tensor([0.0, 1.0], dtype=torch.float64))
    j[1] = x.grad
    r.update({"row 0": j[0], "row 1": j[1], "j": j})
    r["pb.jacobian(k_of)(x)"] = torch.autograd.functional.jacobian(torch_k, x.detach())
    return r


# =============================================================================
# torch side of examples/weighted_backward_and_no_grad.py  (tutorial 003)
# =============================================================================

def torch_mean_and_leaves(m):
    x = torch.ones(2, 2, dtype=torch.float64, requires_grad=True)
    y = x + 2
    assert x.is_leaf and not y.is_leaf
    z = y * y * 3
    out = z.mean()
    out.backward()
    r = {"x": x, "y": y, "z": z, "out": out, "x.grad": x.grad.clone()}
    out2 = x.sum()
    out2.backward()                          # accumulates: 4.5 + 1
    r["x.grad after out2.backward() (accumulated by hand)"] = x.grad.clone()
    out3 = x.sum()
    x.grad.data.zero_()
    out3.backward()
    r["x.grad after zero_() and out3.backward()"] = x.grad.clone()
    return r


def torch_weighted_backward(m):
    x = torch.tensor([1.0, 2.0, 3.0, 4.0], dtype=torch.float64, requires_grad=True)
    y = 2 * x
    z = y.view(2, 2)
    z.backward(T(m.WEIGHTS))
    r = {"z": z, "x.grad": x.grad}
    x2 = torch.tensor([1.0, 2.0, 3.0, 4.0], dtype=torch.float64, requires_grad=True)
    (torch.sum((2 * x2).view(2, 2) * T(m.WEIGHTS))).backward()
    r["gradient of sum(z * v)"] = x2.grad
    return r


def torch_no_grad(m):
    x = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)
    y1 = x ** 2
    with torch.no_grad():
        y2 = x ** 3
    y3 = y1 + y2
    assert y1.requires_grad and not y2.requires_grad and y3.requires_grad
    (d1,) = torch.autograd.grad(y1, x, retain_graph=True)
    (d3,) = torch.autograd.grad(y3, x)
    (d_plain,) = torch.autograd.grad(x ** 2 + x ** 3, x)
    return {"y1": y1, "y2": y2, "y3": y3, "d(y1)/dx": d1,
            "d(y2)/dx": torch.zeros((), dtype=torch.float64),   # y2 has no history
            "d(y3)/dx": d3, "d(y3)/dx without no_grad": d_plain}


# =============================================================================
# torch side of examples/derivatives_and_gradient_descent.py  (tutorial 004)
# =============================================================================

def abc(m):
    return tuple(torch.tensor(v, dtype=torch.float64) for v in (m.A, m.B, m.C))


def torch_scalar_backward(m):
    a, b, c = abc(m)
    x = torch.tensor(0.0, dtype=torch.float64, requires_grad=True)
    y = a * torch.pow(x, 2) + b * x + c
    y.backward()
    return {"dy_dx": x.grad}


def torch_non_scalar_backward(m):
    a, b, c = abc(m)
    x = torch.tensor([[0.0, 0.0], [1.0, 2.0]], dtype=torch.float64, requires_grad=True)
    y = a * torch.pow(x, 2) + b * x + c
    y.backward(gradient=torch.ones_like(x))
    r = {"x": x, "y": y, "x_grad": x.grad}
    x2 = torch.tensor([[0.0, 0.0], [1.0, 2.0]], dtype=torch.float64, requires_grad=True)
    y2 = a * torch.pow(x2, 2) + b * x2 + c
    torch.sum(y2 * torch.ones_like(x2)).backward()
    r["x_grad from z"] = x2.grad
    return r


def torch_second_derivative(m):
    a, b, c = abc(m)
    x = torch.tensor(0.0, dtype=torch.float64, requires_grad=True)
    y = a * torch.pow(x, 2) + b * x + c
    (dy_dx,) = torch.autograd.grad(y, x, create_graph=True)
    (dy2_dx2,) = torch.autograd.grad(dy_dx, x)
    return {"dy_dx": dy_dx, "dy2_dx2": dy2_dx2}


def torch_several(m):
    x1 = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)
    x2 = torch.tensor(2.0, dtype=torch.float64, requires_grad=True)
    y1 = x1 * x2
    y2 = x1 + x2
    dy1_dx1, dy1_dx2 = torch.autograd.grad(outputs=y1, inputs=[x1, x2], retain_graph=True)
    dy12_dx1, dy12_dx2 = torch.autograd.grad(outputs=[y1, y2], inputs=[x1, x2])
    return {"dy1_dx1": dy1_dx1, "dy1_dx2": dy1_dx2, "dy12_dx1": dy12_dx1, "dy12_dx2": dy12_dx2}


def torch_sgd(m, literal_tutorial=False):
    """torch.optim.SGD on f; returns (trajectory, final x, f(final x)).

    With literal_tutorial=True, f is written as in the tutorial, `b * x`
    reading the global x instead of `b * t`.
    """
    a, b, c = abc(m)
    x = torch.tensor(0.0, dtype=torch.float64, requires_grad=True)

    def f(t):
        return a * torch.pow(t, 2) + b * (x if literal_tutorial else t) + c

    optimizer = torch.optim.SGD(params=[x], lr=m.LR)
    trajectory = [x.item()]
    for _ in range(m.STEPS):
        optimizer.zero_grad()
        y = f(x)
        y.backward()
        optimizer.step()
        trajectory.append(x.item())
    return np.array(trajectory), x.detach().clone(), f(x).detach()


def torch_minimise(m):
    _, x, y = torch_sgd(m)
    return {"y (all digits)": y, "x (all digits)": x}


def torch_tour(m):
    x = torch.ones(2, 2, dtype=torch.float64, requires_grad=True)
    y = x + 2
    z = y * y * 3
    out = z.mean()
    out.backward()
    r = {"tour x": x, "tour y": y, "tour z": z, "tour out": out, "tour x.grad": x.grad}

    a = T(m.A_RANDOM)
    a = (a * 3) / (a - 1)
    a.requires_grad_(True)
    (a * a).sum().backward()
    r.update({"tour a": a, "tour b.grad wrt a": a.grad})

    x = T(m.X_RANDOM, grad=True)
    y = x * 2
    while y.data.norm() < 1000:
        y = y * 2
    y.backward(T(m.V))
    r.update({"loop x": x, "loop y": y, "loop x.grad": x.grad})

    x = T(m.X_RANDOM, grad=True)
    assert x.requires_grad and (x ** 2).requires_grad
    (x ** 2).backward(torch.ones_like(x))
    r["vjp of x ** 2"] = x.grad
    with torch.no_grad():
        assert not (x ** 2).requires_grad
    r["vjp of x ** 2 under no_grad"] = torch.zeros_like(x)     # nothing to backward

    y = x.detach()
    assert not y.requires_grad
    r["x == stop_gradient(x) everywhere"] = x.eq(y).all()
    r["vjp of stop_gradient(x)"] = torch.zeros_like(x)
    return r


# =============================================================================
# The side-by-side comparison, section by section
# =============================================================================

REFERENCES = {
    "autograd_basics": {
        "gradient_of_a_mean": torch_basics_mean,
        "choosing_what_to_differentiate": torch_basics_requires_grad,
        "backward_with_a_vector": torch_basics_vector_backward,
    },
    "gradients_detach_and_control_flow": {
        "gradient_of_a_dot_product": torch_dot,
        "non_scalar_output": torch_non_scalar,
        "detaching": torch_detach,
        "python_control_flow": torch_control_flow,
        "calling_backward_twice": torch_backward_twice,
    },
    "matrix_gradients_and_jacobian": {
        "simple_scalar": torch_simple_scalar,
        "matrix_product": torch_matrix_product,
        "indexed_assignment": torch_indexed_assignment,
        "backward_twice": torch_backward_twice_accumulates,
        "jacobian_exercise": torch_jacobian_exercise,
    },
    "weighted_backward_and_no_grad": {
        "mean_and_leaves": torch_mean_and_leaves,
        "weighted_backward": torch_weighted_backward,
        "no_grad_block": torch_no_grad,
    },
    "derivatives_and_gradient_descent": {
        "scalar_backward": torch_scalar_backward,
        "non_scalar_backward": torch_non_scalar_backward,
        "first_and_second_derivative": torch_second_derivative,
        "several_inputs_and_outputs": torch_several,
        "minimise_with_gradient_descent": torch_minimise,
        "autograd_tour": torch_tour,
    },
}

CASES = [pytest.param(example, section, ref, id=f"{example}:{section}")
         for example, sections in REFERENCES.items()
         for section, ref in sections.items()]


def test_every_example_and_section_has_a_torch_reference():
    on_disk = {p.stem for p in EXAMPLES.glob("*.py") if not p.stem.startswith("_")}
    assert on_disk == set(REFERENCES)
    for example, sections in REFERENCES.items():
        module = load(example)
        assert [s.__name__ for s in module.SECTIONS] == list(sections), example


@pytest.mark.parametrize("example, section, reference", CASES)
def test_section_matches_torch(example, section, reference, capsys):
    module = load(example)
    results = {}
    getattr(module, section)(results)
    printed = capsys.readouterr().out
    expected = reference(module)
    assert set(results) == set(expected), "the example prints other results than torch gives"
    for label, value in results.items():
        assert f"{label}:" in printed, f"{label} was not printed"
        assert_same(label, value, expected[label])


# =============================================================================
# Details the tutorials make a point of
# =============================================================================

def test_sgd_trajectory_matches_torch_optim_step_for_step():
    m = load("derivatives_and_gradient_descent")
    trajectory = m.gradient_descent()
    torch_trajectory, x, _ = torch_sgd(m)
    assert trajectory.shape == (m.STEPS + 1,)
    np.testing.assert_allclose(trajectory, torch_trajectory, rtol=RTOL, atol=ATOL)
    assert f"{x.item():.4f}" == "1.0000"


def test_tutorial_sgd_bug_is_invisible_in_torch():
    # The example's comment says the tutorial's `b * x` (instead of `b * t`)
    # happens to give the same run in torch; check that claim.
    m = load("derivatives_and_gradient_descent")
    intended, _, _ = torch_sgd(m)
    literal, _, _ = torch_sgd(m, literal_tutorial=True)
    np.testing.assert_array_equal(intended, literal)


def test_grad_of_non_scalar_raises_and_names_vjp():
    m = load("gradients_detach_and_control_flow")
    with pytest.raises(ValueError, match=r"pb\.vjp"):
        pb.grad(m.square)(m.X)


def test_torch_only_behaviours_the_examples_describe():
    # retain_graph: torch refuses a second backward through v1 * v1 ...
    v1 = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
    v3 = (v1 * v1).sum()
    v3.backward()
    with pytest.raises(RuntimeError, match="backward through the graph a second time"):
        v3.backward()
    # ... while the pullback derivative can be called again, with the same result.
    m = load("gradients_detach_and_control_flow")
    d = pb.grad(m.sum_of_square)
    x = np.array([1.0, 2.0])
    np.testing.assert_array_equal(d(x), d(x))
    np.testing.assert_array_equal(d(x), N(v1.grad))


def test_f_gradient_is_f_over_a_for_several_inputs():
    m = load("gradients_detach_and_control_flow")
    df = pb.grad(m.f)
    for seed in range(8):
        a = np.random.default_rng(seed).standard_normal(size=())
        ta = T(a, grad=True)
        torch_f(ta).backward()
        assert_same(f"seed {seed}", df(a), ta.grad)
        np.testing.assert_allclose(df(a), m.f(a) / a, rtol=1e-15)


# =============================================================================
# Each example runs as a script and prints its key numbers
# =============================================================================

KEY_OUTPUT = {
    "autograd_basics": [
        "out: 27.0",
        "x.grad:\n[[4.5 4.5]\n [4.5 4.5]]",
        "x.grad: [4.e-01 4.e+00 4.e-04]",
        "def mean_of_z_fwd(x):",             # the generated source is shown
    ],
    "gradients_detach_and_control_flow": [
        "y: 28.0",
        "x.grad: [ 0.  4.  8. 12.]",
        "x.grad == 4 * x: [ True  True  True  True]",
        "both added, as torch would accumulate: [ 1.  5.  9. 13.]",
        "x.grad from vjp with ones: [0. 2. 4. 6.]",
        "x.grad == u: [ True  True  True  True]",
        "a.grad == f(a) / a: True",
        "v1.grad (second): [2. 4.]",
    ],
    "matrix_gradients_and_jacobian": [
        "z: [19.]",
        "x.grad: [8.]",
        "m.grad: [[ 4. 27.]]",
        "(accumulated by hand): [16.]",
        "k: [13. 13.]",
        "row 0: [4. 3.]",
        "row 1: [2. 6.]",
        "j:\n[[4. 3.]\n [2. 6.]]",
        "pb.jacobian(k_of)(x):\n[[4. 3.]\n [2. 6.]]",
    ],
    "weighted_backward_and_no_grad": [
        "x.grad:\n[[4.5 4.5]\n [4.5 4.5]]",
        "(accumulated by hand):\n[[5.5 5.5]\n [5.5 5.5]]",
        "x.grad: [2.    0.2   0.02  0.002]",
        "d(y3)/dx: 2.0",
    ],
    "derivatives_and_gradient_descent": [
        "dy_dx: -2.0",
        "x_grad:\n[[-2. -2.]\n [ 0.  2.]]",
        "dy2_dx2: 2.0",
        "dy1_dx1: 2.0\ndy1_dx2: 1.0",
        "dy12_dx1: 3.0\ndy12_dx2: 2.0",
        "y = 0.0000; x = 1.0000",
        "loop x.grad: [4.096e+02 4.096e+03 4.096e-01]",
    ],
}


@pytest.mark.parametrize("example", sorted(KEY_OUTPUT))
def test_example_runs_as_a_script(example):
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT / "src")] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    proc = subprocess.run([sys.executable, str(EXAMPLES / f"{example}.py")], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    for text in KEY_OUTPUT[example]:
        assert text in proc.stdout, f"{text!r} not in the output of {example}"
