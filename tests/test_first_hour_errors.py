"""An error or a warning raised inside generated code names the user's file and line.

The reference is the user's own file: each test finds the line number of the
statement by searching the file's text, never from pullback's own map.
"""

import os
import subprocess
import sys
import textwrap
import traceback

import numpy as np
import pytest

import pullback as pb

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

MODEL = textwrap.dedent("""\
    import numpy as np


    def layer(W, x):
        return np.tanh(W @ x)


    def loss(W, x):
        h = layer(W, x)
        return np.sum(h ** 2)


    def ratio(x):
        return np.sum(np.log(x) / x)


    def bad_backward(x, y):
        return np.sum(x * y)
    """)


def line_of(text, needle):
    return next(i for i, ln in enumerate(text.splitlines(), 1) if needle in ln)


@pytest.fixture
def model(tmp_path, monkeypatch):
    path = tmp_path / "fh_model.py"
    path.write_text(MODEL)
    monkeypatch.syspath_prepend(str(tmp_path))
    sys.modules.pop("fh_model", None)
    import fh_model
    yield fh_model, str(path)
    sys.modules.pop("fh_model", None)


def user_frames(exc, path):
    return [(fs.lineno, fs.name, fs.line) for fs in traceback.extract_tb(exc.__traceback__)
            if fs.filename == path]


def test_shape_error_in_a_callee_names_both_user_lines(model):
    mod, path = model
    with pytest.raises(ValueError) as info:
        pb.grad(mod.loss)(np.ones((2, 3)), np.ones(4))
    frames = user_frames(info.value, path)
    assert (line_of(MODEL, "h = layer(W, x)"), "loss", "h = layer(W, x)") in frames
    assert (line_of(MODEL, "return np.tanh"), "layer", "return np.tanh(W @ x)") in frames
    names = [fs.filename for fs in traceback.extract_tb(info.value.__traceback__)]
    assert any(n.startswith("<pullback loss") for n in names)  # the generated line stays
    if sys.version_info >= (3, 11):
        note = "\n".join(info.value.__notes__)
        assert f'"{path}", line {line_of(MODEL, "return np.tanh")}, in layer' in note


def test_error_in_the_adjoint_sweep_names_the_user_line(model):
    mod, path = model

    def rule(g, ans, W, x):
        raise FloatingPointError("raised by the rule")

    pb.defvjp(mod.layer, rule)  # called by loss's adjoint sweep
    with pytest.raises(FloatingPointError) as info:
        pb.grad(mod.loss)(np.ones((2, 3)), np.ones(3))
    assert line_of(MODEL, "h = layer(W, x)") in [ln for ln, _, _ in user_frames(info.value, path)]


def test_a_cotangent_of_the_wrong_shape_is_refused(model):
    mod, path = model
    out, back = pb.vjp(mod.layer, np.ones((2, 3)), np.ones(3))
    with pytest.raises(ValueError, match=r"has shape \(5,\), but the output has shape \(2,\)"):
        back(np.ones(5))


def test_forward_mode_error_names_the_user_line(model):
    mod, path = model
    with pytest.raises(ValueError) as info:
        pb.jacobian(mod.loss, mode="forward")(np.ones((2, 3)), np.ones(4))
    assert line_of(MODEL, "return np.tanh") in [ln for ln, _, _ in user_frames(info.value, path)]


def test_divide_by_zero_warning_names_the_user_line(tmp_path):
    script = tmp_path / "fh_warn.py"
    script.write_text(MODEL + textwrap.dedent("""\

        import pullback as pb
        g = pb.grad(ratio)(np.array([0.0, 2.0]))
        assert np.isinf(g[0]) and np.isclose(g[1], (1 - np.log(2.0)) / 4)  # by hand
        """))
    env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "src"))
    r = subprocess.run([sys.executable, "-W", "always", str(script)], capture_output=True,
                       text=True, env=env)
    assert r.returncode == 0, r.stderr
    line = line_of(MODEL, "np.log(x) / x")
    assert f"{script}:{line}: RuntimeWarning: divide by zero" in r.stderr
    assert "  return np.sum(np.log(x) / x)" in r.stderr
    assert "<pullback ratio" in r.stderr  # the generated line is named too


def test_uncaught_error_in_a_script_shows_the_user_line(tmp_path):
    script = tmp_path / "fh_script.py"
    script.write_text(MODEL + textwrap.dedent("""\

        import pullback as pb
        pb.grad(loss)(np.ones((2, 3)), np.ones(4))
        """))
    env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "src"))
    r = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env)
    assert r.returncode == 1
    assert f'File "{script}", line {line_of(MODEL, "return np.tanh")}, in layer\n' \
           "    return np.tanh(W @ x)\n" in r.stderr
    assert "^^^" not in r.stderr.split("in layer", 1)[1]  # no misplaced markers
    assert "ValueError: matmul" in r.stderr


def test_code_typed_at_the_prompt_gets_a_plain_message():
    code = "import numpy as np, pullback as pb\ndef f(x):\n    return np.sum(x)\npb.grad(f)(np.ones(2))\n"
    env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "src"))
    runs = [([sys.executable, "-"], code)]
    if sys.version_info < (3, 13):  # 3.13 keeps python -c's text (tests/test_first_hour_source.py)
        runs.append(([sys.executable, "-c", code], None))
    for args, stdin in runs:
        r = subprocess.run(args, input=stdin, capture_output=True, text=True, env=env)
        assert r.returncode == 1
        last = r.stderr.strip().splitlines()[-1]
        assert "define it in a .py file or a notebook cell" in last
        assert "interactive prompt" in last and "defvjp" not in last


def test_source_kept_in_linecache_is_enough():
    """What IPython, Jupyter and the 3.13 prompt do: the source lives in linecache."""
    import linecache
    src = "def fh_cube(x):\n    return np.sum(x ** 3)\n"
    name = "<python-input-fh>"
    linecache.cache[name] = (len(src), None, src.splitlines(True), name)
    ns = {"np": np}
    exec(compile(src, name, "exec"), ns)
    x = np.array([1.0, -2.0])
    assert np.allclose(pb.grad(ns["fh_cube"])(x), 3 * x ** 2)  # by hand
