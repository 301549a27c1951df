"""Functions whose source Python does not keep (typed at a prompt, ``python -c``,
stdin, ``exec``): a plain message that they must live in a file or a notebook,
never pb.defvjp for the function being differentiated; source kept in linecache
(IPython, Jupyter, the 3.13 prompt and ``-c``) is used, and source text that is
not the code that runs is refused rather than differentiated."""

import linecache
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import pullback as pb

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KEEPS_C_SOURCE = sys.version_info >= (3, 13)  # python -c registers its text in linecache

HEAD = "import numpy as np, pullback as pb\ndef f(x):\n    return np.sum(x ** 3)\n"
CALLS = {
    "grad": "pb.grad(f)(np.ones(2))",
    "grad of grad": "pb.grad(pb.grad(f))(1.0)",
    "hessian": "pb.hessian(f)(np.ones(2))",
    "hvp": "pb.hvp(f)(np.ones(2), v=np.ones(2))",
    "jvp": "pb.jvp(f, (np.ones(2),), (np.ones(2),))",
    "vjp": "pb.vjp(f, np.ones(2))",
    "forward jacobian": "pb.jacobian(f, mode='forward')(np.ones(2))",
}


def python(args, stdin=None, cwd=None):
    env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "src") + os.pathsep + (cwd or ""))
    return subprocess.run([sys.executable, *args], input=stdin, capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=120)


@pytest.mark.parametrize("call", CALLS.values(), ids=CALLS.keys())
def test_every_transform_of_a_function_read_from_stdin_says_file_or_notebook(call):
    r = python(["-"], stdin=HEAD + call + "\n")
    assert r.returncode == 1
    last = r.stderr.strip().splitlines()[-1]
    assert last.startswith("pullback.errors.UnsupportedError: 'f' was typed at the "
                           "interactive prompt or read from standard input"), last
    assert "define it in a .py file or a notebook cell" in last and "defvjp" not in last


def test_python_c():
    r = python(["-c", HEAD + "print(pb.grad(f)(np.array([1.0, -2.0])).tolist())\n"])
    if KEEPS_C_SOURCE:
        assert r.returncode == 0 and r.stdout.strip() == "[3.0, 12.0]", r.stderr  # 3 x**2
    else:
        last = r.stderr.strip().splitlines()[-1]
        assert "'f' was given to python -c or made by exec() of a string" in last
        assert "define it in a .py file or a notebook cell" in last and "defvjp" not in last


def test_a_callee_typed_at_the_prompt_may_also_get_a_rule(tmp_path):
    (tmp_path / "fh_callee.py").write_text("def g(x):\n    return HOOK(x) * 2\n")
    code = HEAD + "import fh_callee\nfh_callee.HOOK = f\npb.grad(fh_callee.g)(np.ones(2))\n"
    r = python(["-"], stdin=code, cwd=str(tmp_path))
    last = r.stderr.strip().splitlines()[-1]
    assert "'f' was typed at the interactive prompt" in last
    assert last.endswith("or give it a rule with pb.defvjp")  # f is not differentiated here


def test_code_interact_console():
    ns = {"np": np}
    exec(compile("def f(x):\n    return np.sum(x * x)\n", "<console>", "exec"), ns)
    with pytest.raises(pb.UnsupportedError, match="typed at an interactive console"):
        pb.grad(ns["f"])(np.ones(2))


@pytest.fixture
def fake_c_source():
    """What Python 3.13 does for ``python -c``: the command's text is kept in
    linecache under ``<string>``, the filename exec() of a string uses too."""
    saved = linecache.cache.get("<string>")
    text = "import numpy as np\ndef f(x):\n    return np.sum(x * 2)\n"
    linecache.cache["<string>"] = (len(text), None, text.splitlines(True), "<string>")
    yield
    if saved is None:
        linecache.cache.pop("<string>", None)
    else:
        linecache.cache["<string>"] = saved


@pytest.mark.parametrize("body", [
    "def f(x):\n    return np.sum(x * 3)\n",                   # line 1 is another statement
    "\ndef f(x):\n    y = x * 3\n    return np.sum(y)\n",     # same name and line, longer
    "\ndef g(x):\n    return np.sum(x * 3)\n",                 # another function's text
])
def test_exec_under_a_kept_filename_is_refused_not_misread(fake_c_source, body):
    ns = {"np": np}
    exec(compile(body, "<string>", "exec"), ns)
    fn = ns["f"] if "def f" in body else ns["g"]
    with pytest.raises(pb.UnsupportedError, match="is not the code it runs"):
        pb.grad(fn)(np.ones(2))  # never 2.0, the derivative of the text that is kept


def test_kept_source_that_matches_is_used(fake_c_source):
    ns = {"np": np}
    exec(compile("import numpy as np\ndef f(x):\n    return np.sum(x * 2)\n", "<string>",
                 "exec"), ns)
    assert pb.grad(ns["f"])(np.ones(2)).tolist() == [2.0, 2.0]  # by hand


def test_a_file_edited_after_import_is_refused(tmp_path, monkeypatch):
    """Caught when the function's code lies outside the text now at its line (an
    edit that keeps every line in place is not: Python's tracebacks misread it too)."""
    path = tmp_path / "fh_edited.py"
    path.write_text("import numpy as np\n\n\ndef f(x):\n    y = x * 2\n    return np.sum(y)\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    sys.modules.pop("fh_edited", None)
    import fh_edited
    path.write_text(textwrap.dedent("""\
        import numpy as np


        def f(x):
            return np.sum(x * 3)
        """))
    os.utime(path, (0, 0))  # a new mtime, so linecache rereads the file
    linecache.checkcache(str(path))
    try:
        with pytest.raises(pb.UnsupportedError, match="may have changed since it was imported"):
            pb.grad(fh_edited.f)(np.ones(2))
    finally:
        sys.modules.pop("fh_edited", None)
