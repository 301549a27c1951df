"""Random programs with loops, branches, jumps and indexed writes, differentiated in
reverse and forward mode and checked against torch and finite differences.

The programs come from a small grammar with fixed seeds, so every run tests the
same ones; raise FUZZ_SEEDS locally to search further.
"""

import importlib.util
import os
import random

import numpy as np
import pytest

import harness
import pullback as pb

FUZZ_SEEDS = int(os.environ.get("FUZZ_SEEDS", "60"))
VARS = ["a", "b", "c"]
UNARY = ["np.sin({})", "np.tanh({})", "({}) ** 2", "np.exp(-({}) * ({}) / 4.0)", "({})[::-1]",
         "np.cos({}) * 0.5", "np.sqrt(({}) ** 2 + 1.0)", "np.maximum({}, 0.3)"]
BINARY = ["{} * {}", "{} + {}", "{} - {}", "{} / (1.5 + ({}) ** 2)", "np.sum({}) * {}"]


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.lines = []

    def var(self):
        return self.r.choice(VARS + ["x"])

    def expr(self, depth=0):
        if depth > 1 or self.r.random() < 0.3:
            return self.var()
        if self.r.random() < 0.5:
            inner = self.expr(depth + 1)
            return self.r.choice(UNARY).format(inner, inner)
        return self.r.choice(BINARY).format(self.expr(depth + 1), self.expr(depth + 1))

    def cond(self):
        return f"np.sum({self.var()}) > {self.r.uniform(-1, 1):.2f}"

    def block(self, indent, depth, in_loop):
        for _ in range(self.r.randint(1, 3)):
            self.stmt(indent, depth, in_loop)

    def stmt(self, indent, depth, in_loop):
        pad = "    " * indent
        roll = self.r.random()
        if depth < 2 and roll < 0.2:
            self.lines.append(f"{pad}if {self.cond()}:")
            self.block(indent + 1, depth + 1, in_loop)
            self.lines.append(f"{pad}else:")
            self.block(indent + 1, depth + 1, in_loop)
        elif depth < 2 and roll < 0.35:
            i = f"i{depth}"
            self.lines.append(f"{pad}for {i} in range({self.r.randint(1, 3)}):")
            self.block(indent + 1, depth + 1, True)
            self.lines.append(f"{pad}    k[{i} % 3] = k[{i} % 3] + np.sum({self.var()}) * 0.1")
        elif in_loop and roll < 0.45:
            jump = self.r.choice(["break", "continue"])
            self.lines.append(f"{pad}if {self.cond()}:")
            self.lines.append(f"{pad}    {jump}")
        elif roll < 0.55:
            self.lines.append(f"{pad}k[{self.r.randint(0, 2)}] = np.sum({self.expr()}) * 0.2")
        elif roll < 0.62:
            self.lines.append(f"{pad}acc.append({self.expr()})")
        elif roll < 0.68:
            self.lines.append(f"{pad}{self.r.choice(VARS)} = helper({self.var()}, "
                              f"{self.var()}, {self.r.randint(1, 3)})")
        else:
            self.lines.append(f"{pad}{self.r.choice(VARS)} = {self.expr()}")

    def program(self):
        self.lines = ["def prog(x):", "    a = x * 0.5", "    b = x + 1.0", "    c = np.sin(x)",
                      "    k = np.zeros(3)", "    acc = []"]
        self.block(1, 0, False)
        self.lines.append("    acc.append(c)")
        self.lines.append("    return np.sum(a * b + c) + np.sum(k * x) + np.sum(np.stack(acc) ** 2)")
        return "\n".join(self.lines) + "\n"


HELPER = """
def helper(v, w, n, scale=0.5):
    out = v
    for j in range(n):
        if np.sum(out * w) > 0.2:
            out = np.tanh(out * w) + scale
        else:
            out = out - w * scale
            if j == 1:
                return out * 2.0
    return out
"""


def _load(tmp_path, seed):
    src = "import numpy as np\n\n" + HELPER + "\n\n" + Gen(seed).program()
    path = tmp_path / f"fuzz_{seed}.py"
    path.write_text(src)
    spec = importlib.util.spec_from_file_location(f"fuzz_{seed}", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.prog, src


@pytest.mark.parametrize("seed", range(FUZZ_SEEDS))
def test_random_program(tmp_path, seed):
    prog, src = _load(tmp_path, seed)
    x = np.random.default_rng(seed).uniform(-1.0, 1.0, 3)
    try:
        harness.check_grad(prog, (x,), references=("torch", "fd"), rtol=1e-6)
        harness.check_jvp(prog, (x,), references=("fd",))
        if seed % 3 == 0:  # second order too (reverse over forward), against torch
            harness.check_hessian(prog, (x,), references=("torch",), rtol=1e-6)
    except Exception as e:  # show the program that failed
        raise AssertionError(f"{e}\n--- program ---\n{src}") from e
    # the derivative function is pure: a second call gives the same numbers
    np.testing.assert_array_equal(pb.grad(prog)(x), pb.grad(prog)(x))
