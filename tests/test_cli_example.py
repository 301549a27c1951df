"""``show`` and ``export`` with ``--example``: functions with list, tuple or dict
parameters, built for the structure of example arguments.

The numbers of the exported gradient are compared with torch (float64)."""

import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest
import torch

import pullback as pb
from pullback.__main__ import main

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

MODEL = textwrap.dedent("""\
    import numpy as np


    def loss(params, x):
        (W1, b1), (W2, b2) = params
        h = np.tanh(W1 @ x + b1)
        return np.sum((W2 @ h + b2) ** 2)


    def make_args():
        r = np.random.default_rng(0)
        return ([(r.normal(size=(3, 2)), r.normal(size=3)),
                 (r.normal(size=(1, 3)), r.normal(size=1))], r.normal(size=2))


    def dict_loss(p, x):
        return np.sum(np.sin(p["w"] * x) + p["b"] ** 2)


    def dict_args():
        return ({"w": np.array([0.3, -1.2]), "b": np.array([0.5, 2.0])}, np.array([1.5, 0.7]))


    def not_a_tuple():
        return [np.ones(2)]


    def ints():
        return ([np.array([1, 2])], np.ones(2))


    def broken():
        raise RuntimeError("no data here")
    """)

ARGS = textwrap.dedent("""\
    import numpy as np
    from cli_example_model import make_args as again


    def other_args():
        return again()
    """)


@pytest.fixture
def model(tmp_path):
    (tmp_path / "cli_example_model.py").write_text(MODEL)
    (tmp_path / "cli_example_args.py").write_text(ARGS)
    yield tmp_path
    for name in ("cli_example_model", "cli_example_args"):
        sys.modules.pop(name, None)


def run(args, cwd):
    env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "src"))
    return subprocess.run([sys.executable, "-m", "pullback", *args], capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=120)


def expected_source(tmp_path, func, make, wrt=0):
    sys.path.insert(0, str(tmp_path))
    try:
        import cli_example_model as m
        df = pb.grad(getattr(m, func), wrt=wrt)
        df(*getattr(m, make)())  # .source is for the structure of the last call
        return df.source
    finally:
        sys.path.remove(str(tmp_path))


@pytest.mark.parametrize("spec", ["make_args", "cli_example_model.py:make_args",
                                  "cli_example_args:other_args",
                                  "cli_example_args.py:other_args"])
def test_show_builds_for_the_structure_of_the_example(model, spec):
    r = run(["show", "cli_example_model.py:loss", "--example", spec], cwd=model)
    assert r.returncode == 0, r.stderr
    assert r.stdout.rstrip("\n") == expected_source(model, "loss", "make_args").rstrip("\n")
    assert "(params_1, params_2), (params_3, params_4) = params" in r.stdout


def test_without_an_example_the_refusal_points_to_it(model):
    r = run(["show", "cli_example_model.py:loss"], cwd=model)
    assert r.returncode == 1
    assert "line 5" in r.stderr and "--example" in r.stderr


def test_in_process_leaves_no_trace(model, capsys, monkeypatch):
    monkeypatch.chdir(model)
    before = set(sys.modules)
    assert main(["show", "cli_example_model.py:loss", "--example",
                 "cli_example_args:other_args"]) == 0
    assert "def loss_fwd(params, x):" in capsys.readouterr().out
    assert not {"cli_example_model", "cli_example_args"} & (set(sys.modules) - before)


def torch_grads(func, args):
    """The reference: torch float64 autograd on a transcription of the model."""
    if func == "loss":
        params, x = args
        (W1, b1), (W2, b2) = [[torch.tensor(a, requires_grad=True) for a in p] for p in params]
        x = torch.tensor(x)
        h = torch.tanh(W1 @ x + b1)
        torch.sum((W2 @ h + b2) ** 2).backward()
        return [(W1.grad.numpy(), b1.grad.numpy()), (W2.grad.numpy(), b2.grad.numpy())]
    p, x = args
    w, b = (torch.tensor(p[k], requires_grad=True) for k in ("w", "b"))
    torch.sum(torch.sin(w * torch.tensor(x)) + b ** 2).backward()
    return {"w": w.grad.numpy(), "b": b.grad.numpy()}


CHECK = textwrap.dedent("""\
    import pickle, sys
    sys.modules["pullback"] = None  # the exported module must not need pullback
    import cli_example_model as m
    import exported_grad
    args = getattr(m, sys.argv[2])()
    with open("grads.pkl", "wb") as fh:
        pickle.dump(getattr(exported_grad, sys.argv[1] + "_grad")(*args), fh)
    """)


@pytest.mark.parametrize("func, make", [("loss", "make_args"), ("dict_loss", "dict_args")])
def test_export_with_an_example_matches_torch(model, func, make):
    r = run(["export", f"cli_example_model.py:{func}", "--example", make,
             "-o", "exported_grad.py"], cwd=model)
    assert r.returncode == 0, r.stderr
    (model / "check.py").write_text(CHECK)
    r = subprocess.run([sys.executable, "check.py", func, make], cwd=model,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    import pickle
    got = pickle.loads((model / "grads.pkl").read_bytes())
    sys.path.insert(0, str(model))
    try:
        import cli_example_model as m
        want = torch_grads(func, getattr(m, make)())
    finally:
        sys.path.remove(str(model))
    if func == "loss":
        assert len(got) == 2 and all(len(g) == 2 for g in got)
        for g_pair, w_pair in zip(got, want):
            for g, w in zip(g_pair, w_pair):
                np.testing.assert_allclose(g, w, rtol=1e-12, atol=1e-12)
    else:
        assert isinstance(got, dict) and set(got) == {"w", "b"}
        for k in want:
            np.testing.assert_allclose(got[k], want[k], rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("spec, message", [
    ("not_a_tuple", "returned a list; it must return the positional arguments as a tuple"),
    ("broken", "RuntimeError: no data here"),
    ("ints", "integer or boolean"),
    ("missing", "has no function 'missing'"),
    ("no_such_module_xyz:f", "cannot import 'no_such_module_xyz'"),
    (":f", "expected FUNCTION, FILE:FUNCTION or MODULE:FUNCTION"),
])
def test_bad_examples_are_usage_errors(model, spec, message):
    r = run(["show", "cli_example_model.py:loss", "--example", spec], cwd=model)
    assert r.returncode == 2, r.stderr
    assert message in r.stderr


def test_forward_mode_refuses_a_list_example_and_takes_arrays(model):
    r = run(["show", "cli_example_model.py:loss", "--mode", "forward", "--example",
             "make_args"], cwd=model)
    assert r.returncode == 2 and "pb.jacobian needs an array" in r.stderr
    (model / "arrays.py").write_text("import numpy as np\n\ndef f(x):\n    return np.sin(x)\n\n"
                                     "def ex():\n    return (np.ones(3),)\n")
    r = run(["show", "arrays.py:f", "--mode", "forward", "--example", "ex"], cwd=model)
    assert r.returncode == 0 and "def f_jvp" in r.stdout, r.stderr
