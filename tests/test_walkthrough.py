"""docs/walkthrough.md shows exactly the code pullback generates for its
program, and that code's gradient is torch's (float64)."""

import os
import re
import sys

import numpy as np
import torch

import pullback as pb

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PAGE = os.path.join(ROOT, "docs", "walkthrough.md")


def blocks():
    text = open(PAGE).read()
    program, generated = re.findall(r"```python\n(.*?)```", text, re.S)[:2]
    return program, generated


def load(tmp_path, monkeypatch, program):
    (tmp_path / "rnn.py").write_text(program)  # the file name the header line shows
    monkeypatch.syspath_prepend(str(tmp_path))
    sys.modules.pop("rnn", None)
    import rnn
    sys.modules.pop("rnn", None)
    return rnn


def test_the_page_shows_what_pullback_generates(tmp_path, monkeypatch):
    program, generated = blocks()
    rnn = load(tmp_path, monkeypatch, program)
    assert pb.grad(rnn.rnn).source.rstrip("\n") == generated.rstrip("\n")


def test_the_shown_code_gives_torchs_gradient(tmp_path, monkeypatch):
    program, generated = blocks()
    rnn = load(tmp_path, monkeypatch, program)
    namespace = {}
    exec(compile(generated, "<walkthrough>", "exec"), namespace)
    rng = np.random.default_rng(0)
    W, h, xs = rng.normal(size=(3, 3)) * 0.5, rng.normal(size=3), rng.normal(size=(4, 3))
    Wt = torch.tensor(W, requires_grad=True)
    ht = torch.tensor(h)
    for x in torch.tensor(xs):
        ht = torch.tanh(Wt @ ht + x)
    torch.sum(ht ** 2).backward()
    np.testing.assert_allclose(namespace["rnn_grad"](W, h, xs), Wt.grad.numpy(),
                               rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(pb.grad(rnn.rnn)(W, h, xs), Wt.grad.numpy(),
                               rtol=1e-12, atol=1e-12)
