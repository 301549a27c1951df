"""The command line: ``python -m pullback show FILE:FUNCTION [--wrt ...] [--mode ...]``."""

import importlib
import importlib.util
import os
import subprocess
import sys
import textwrap

import pytest

import pullback as pb
from pullback.__main__ import main, parse_wrt, CliError

SRC = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "src")

MODEL = textwrap.dedent('''\
    import numpy as np
    from helper_for_cli import square


    def loss(x, w):
        y = np.sin(x) * w
        if np.sum(y) > 0:
            y = y * 2.0
        return np.sum(square(y))


    def unsupported(x):
        with open("nothing") as fh:
            x = x * 2.0
        return x
    ''')

HELPER = textwrap.dedent('''\
    def square(y):
        return y * y
    ''')


@pytest.fixture(autouse=True)
def _forget_sibling():
    # the model file imports this sibling; each test's copy lives in its own tmp dir
    yield
    sys.modules.pop("helper_for_cli", None)


@pytest.fixture
def model(tmp_path):
    (tmp_path / "helper_for_cli.py").write_text(HELPER)
    path = tmp_path / "model_for_cli.py"
    path.write_text(MODEL)
    return str(path)


def run_cli(*args, cwd=None):
    env = dict(os.environ)
    env["PYTHONPATH"] = SRC + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-m", "pullback", *args], capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=120)


def load(path):
    spec = importlib.util.spec_from_file_location("_test_cli_model", path)
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, os.path.dirname(path))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(os.path.dirname(path))
    return module


# ------------------------------------------------------------------ success
def test_subprocess_show_prints_derivative_source(model):
    r = run_cli("show", f"{model}:loss")
    assert r.returncode == 0, r.stderr
    assert "def " in r.stdout
    assert "# grad of:" in r.stdout
    assert r.stderr == ""
    # the printed text is runnable Python
    compile(r.stdout, "<generated>", "exec")


def test_output_is_deterministic(model, capsys):
    first = run_cli("show", f"{model}:loss", "--wrt", "0,1")
    second = run_cli("show", f"{model}:loss", "--wrt", "0,1")
    assert first.returncode == second.returncode == 0
    assert first.stdout == second.stdout
    # in-process runs agree with each other and with the subprocess
    assert main(["show", f"{model}:loss", "--wrt", "0,1"]) == 0
    a = capsys.readouterr().out
    assert main(["show", f"{model}:loss", "--wrt", "0,1"]) == 0
    b = capsys.readouterr().out
    assert a == b == first.stdout


def test_output_is_the_source_of_pb_grad(model, capsys):
    fn = load(model).loss
    assert main(["show", f"{model}:loss"]) == 0
    assert capsys.readouterr().out == pb.grad(fn).source + "\n"
    assert main(["show", f"{model}:loss", "--wrt", "0,w"]) == 0
    assert capsys.readouterr().out == pb.grad(fn, wrt=(0, "w")).source + "\n"


def test_wrt_by_index_or_name_gives_the_same_source(model, capsys):
    assert main(["show", f"{model}:loss", "--wrt", "0,1"]) == 0
    by_index = capsys.readouterr().out
    assert main(["show", f"{model}:loss", "--wrt", "x, w"]) == 0
    by_name = capsys.readouterr().out
    assert by_index == by_name
    assert main(["show", f"{model}:loss", "--wrt", "w"]) == 0
    assert "def " in capsys.readouterr().out


def test_relative_path_and_sibling_import(model):
    d, name = os.path.split(model)
    r = run_cli("show", f"{name}:loss", cwd=d)
    assert r.returncode == 0, r.stderr
    assert "# grad of:" in r.stdout


def test_main_leaves_no_trace(model, capsys):
    path_before = list(sys.path)
    modules_before = set(sys.modules)
    assert main(["show", f"{model}:loss"]) == 0
    capsys.readouterr()
    assert sys.path == path_before
    assert "model_for_cli" not in sys.modules
    # only the sibling the user's file imported may have been added
    assert set(sys.modules) - modules_before <= {"helper_for_cli"}


def test_parse_wrt():
    assert parse_wrt(None) == 0
    assert parse_wrt("0") == 0
    assert parse_wrt("x") == "x"
    assert parse_wrt("-1") == -1
    assert parse_wrt("0,1") == (0, 1)
    assert parse_wrt("0, w") == (0, "w")
    for bad in ("", "0,", "1.5", "a-b"):
        with pytest.raises(CliError):
            parse_wrt(bad)


# ------------------------------------------------------------------ forward mode
def test_forward_mode(model):
    r = run_cli("show", f"{model}:loss", "--mode", "forward")
    try:
        importlib.import_module("pullback.modes.forward")
    except ImportError:
        # only acceptable while forward mode does not exist yet
        assert r.returncode == 2, r.stderr
        assert "forward mode is not available" in r.stderr
        assert r.stdout == ""
    else:
        assert r.returncode == 0, r.stderr
        assert "def " in r.stdout


# ------------------------------------------------------------------ errors
def test_missing_file(tmp_path, capsys):
    assert main(["show", f"{tmp_path}/nope.py:loss"]) == 2
    err = capsys.readouterr().err
    assert "nope.py" in err and "no such file" in err


def test_missing_function(model, capsys):
    assert main(["show", f"{model}:nope"]) == 2
    captured = capsys.readouterr()
    assert "nope" in captured.err
    assert captured.out == ""


def test_missing_function_subprocess(model):
    r = run_cli("show", f"{model}:nope")
    assert r.returncode == 2
    assert "has no function 'nope'" in r.stderr
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize("argv", [
    ["show", "model.py"],               # no :FUNCTION
    ["show", "model.py:"],
    ["show", "model.py:1abc"],
    ["show", "MODEL:loss", "--wrt", "7"],  # index out of range
    ["show", "MODEL:loss", "--wrt", "nosuch"],
    ["show", "MODEL:loss", "--wrt", "0,,1"],
    ["show", "MODEL:loss", "--mode", "sideways"],
    [],
])
def test_usage_errors(model, argv, capsys):
    argv = [a.replace("MODEL", model) for a in argv]
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err


def test_file_that_fails_to_import(tmp_path, capsys):
    p = tmp_path / "broken_for_cli.py"
    p.write_text("import numpy as np\nraise RuntimeError('boom at import')\ndef f(x):\n"
                 "    return x\n")
    assert main(["show", f"{p}:f"]) == 2
    err = capsys.readouterr().err
    assert "boom at import" in err


def test_unsupported_construct_exit_1_with_location(model):
    r = run_cli("show", f"{model}:unsupported")
    assert r.returncode == 1
    assert r.stdout == ""
    assert "model_for_cli.py" in r.stderr
    assert "line 13" in r.stderr  # the `with open(...)` line of MODEL
    assert "Traceback" not in r.stderr


def test_unsupported_in_process(model, capsys):
    assert main(["show", f"{model}:unsupported"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "line 13" in captured.err


def test_help():
    r = run_cli("show", "--help")
    assert r.returncode == 0
    assert "--wrt" in r.stdout and "--mode" in r.stdout and "FILE:FUNCTION" in r.stdout
    r = run_cli("--help")
    assert r.returncode == 0
    assert "show" in r.stdout


def test_main_returns_zero_for_help(capsys):
    assert main(["--help"]) == 0
    assert "show" in capsys.readouterr().out
