"""Under higher order (pb.grad(pb.grad(f)), pb.hessian, pb.hvp, ...), errors and
warnings raised inside generated code name the user's file and line too, also
from the adjoint sweep of generated code transformed again (its guards
``if y_bar is not None:`` included).

The reference is the user's own file: line numbers are found by searching its
text, never from pullback's own map."""

import os
import re
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


    def scalar_mismatch(a):
        return np.sum(np.ones(3) @ (a * np.ones(2)))


    def ratio(a):
        return np.sum(np.log(a) / a)


    def log_times(a):
        return np.log(a) * a
    """)


def line_of(needle):
    return next(i for i, ln in enumerate(MODEL.splitlines(), 1) if needle in ln)


@pytest.fixture
def model(tmp_path, monkeypatch):
    path = tmp_path / "fh_higher.py"
    path.write_text(MODEL)
    monkeypatch.syspath_prepend(str(tmp_path))
    sys.modules.pop("fh_higher", None)
    import fh_higher
    yield fh_higher, str(path)
    sys.modules.pop("fh_higher", None)


def user_lines(exc, path):
    return [fs.lineno for fs in traceback.extract_tb(exc.__traceback__) if fs.filename == path]


CALLS = {
    "hessian": lambda m: pb.hessian(m.loss)(np.ones((2, 3)), np.ones(4)),
    "hvp": lambda m: pb.hvp(m.loss)(np.ones((2, 3)), np.ones(4), v=np.ones((2, 3))),
    "jacobian of grad": lambda m: pb.jacobian(pb.grad(m.loss))(np.ones((2, 3)), np.ones(4)),
    "forward jacobian of grad":
        lambda m: pb.jacobian(pb.grad(m.loss), mode="forward")(np.ones((2, 3)), np.ones(4)),
    "vjp of grad": lambda m: pb.vjp(pb.grad(m.loss), np.ones((2, 3)), np.ones(4)),
}


@pytest.mark.parametrize("call", CALLS.values(), ids=CALLS.keys())
def test_a_shape_error_under_second_order_names_the_user_lines(model, call):
    mod, path = model
    with pytest.raises(ValueError, match="matmul") as info:
        call(mod)
    lines = user_lines(info.value, path)
    assert line_of("h = layer(W, x)") in lines and line_of("return np.tanh") in lines
    if sys.version_info >= (3, 11):
        assert f'"{path}", line {line_of("return np.tanh")}, in layer' in \
            "\n".join(info.value.__notes__)


@pytest.mark.parametrize("order", [2, 3])
def test_grad_of_grad_error_names_the_user_line(model, order):
    mod, path = model
    df = mod.scalar_mismatch
    for _ in range(order):
        df = pb.grad(df)
    with pytest.raises(ValueError, match="matmul") as info:
        df(0.5)
    assert line_of("np.ones(3) @") in user_lines(info.value, path)


def test_warnings_of_every_sweep_name_the_user_line(tmp_path):
    """Every RuntimeWarning, from the forward sweep and from the adjoint sweep of
    transformed generated code, is reported at the user's line."""
    script = tmp_path / "fh_higher_warn.py"
    script.write_text(MODEL + textwrap.dedent("""\

        import pullback as pb
        a = np.array([0.0, 2.0])
        pb.hessian(ratio)(a)
        pb.hvp(ratio)(a, v=np.ones(2))
        pb.grad(pb.grad(log_times))(0.0)
        pb.grad(pb.grad(pb.grad(log_times)))(0.0)
        """))
    env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "src"))
    r = subprocess.run([sys.executable, "-W", "always", str(script)], capture_output=True,
                       text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    reports = [ln for ln in r.stderr.splitlines() if "Warning:" in ln]
    assert len(reports) > 10  # log(0), x/0, 0*inf at every order
    allowed = {line_of("np.log(a) / a"), line_of("np.log(a) * a")}
    for ln in reports:
        m = re.match(rf"{re.escape(str(script))}:(\d+): RuntimeWarning: ", ln)
        assert m and int(m.group(1)) in allowed, ln
        assert "(in pullback's generated code: <pullback " in ln
    adjoint = [int(n) for n in re.findall(r"generated code: <pullback [^>]*>, line (\d+)\)",
                                          r.stderr)]
    assert max(adjoint) > 30  # adjoint-sweep lines (far below the forward sweep) are mapped
