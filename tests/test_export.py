"""pb.export: generated code as a module that runs without pullback."""

import os
import subprocess
import sys
import textwrap

import numpy as np

import pullback as pb

MODEL = '''
import numpy as np

SCALE = np.array([1.0, 2.0, 3.0, 4.0])


def loss(W, x):
    h = np.tanh(W @ x) * SCALE
    k = np.zeros(4)
    for i in range(4):
        if h[i] > 0:
            k[i] = h[i] ** 2
        else:
            k[i] = -h[i]
    return np.sum(k) + np.max(h)
'''

CHECK = '''
import sys
sys.modules["pullback"] = None  # the exported module must not need pullback
import numpy as np
import grad_model
rng = np.random.default_rng(0)
W, x = rng.standard_normal((4, 3)), rng.standard_normal(3)
np.save("exported.npy", grad_model.loss_grad(W, x))
'''


def test_exported_module_runs_without_pullback_and_matches_torch(tmp_path):
    import torch
    (tmp_path / "model.py").write_text(textwrap.dedent(MODEL))
    sys.path.insert(0, str(tmp_path))
    try:
        import model
        source = pb.export(pb.grad(model.loss))
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop("model", None)
    # read from the model module at call time, as pb.grad does (not copied at import)
    assert "import model\n" in source and "model.SCALE" in source
    assert "from model import" not in source
    assert not any(line.startswith(("from pullback", "import pullback"))
                   for line in source.splitlines())
    (tmp_path / "grad_model.py").write_text(source)
    (tmp_path / "check.py").write_text(CHECK)
    subprocess.run([sys.executable, "check.py"], cwd=tmp_path, check=True)
    got = np.load(tmp_path / "exported.npy")

    rng = np.random.default_rng(0)
    W, x = rng.standard_normal((4, 3)), rng.standard_normal(3)
    tW = torch.tensor(W, requires_grad=True)
    h = torch.tanh(tW @ torch.tensor(x)) * torch.tensor([1.0, 2.0, 3.0, 4.0])
    k = torch.stack([h[i] ** 2 if h[i] > 0 else -h[i] for i in range(4)])
    (k.sum() + torch.max(h)).backward()
    np.testing.assert_allclose(got, tW.grad.numpy(), rtol=1e-12)


def test_cli_export_writes_the_same_module(tmp_path):
    (tmp_path / "model.py").write_text(textwrap.dedent(MODEL))
    out = tmp_path / "g.py"
    src = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "src")
    subprocess.run([sys.executable, "-m", "pullback", "export", "model.py:loss", "-o", str(out)],
                   cwd=tmp_path, check=True, env={**os.environ, "PYTHONPATH": src})
    text = out.read_text()
    assert "def loss_grad(" in text and "def unbroadcast(" in text
    compile(text, str(out), "exec")
