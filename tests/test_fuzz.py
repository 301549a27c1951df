"""Random programs with loops, branches, jumps and indexed writes, differentiated in
reverse and forward mode and checked against torch and finite differences.

The programs come from a small grammar with fixed seeds, so every run tests the
same ones; raise FUZZ_SEEDS locally to search further (FUZZ_SEEDS=2000 runs 2000
programs of each generator; FUZZ_START=600 starts at seed 600).

``MemGen`` extends the grammar with NumPy memory constructs written the way users
write them: views (``a = m[1]``, ``m.T[:, 0]``, ``m.reshape(6)[3:6]``, ``k[::-1]``),
aliases (``a = b``, ``a = k``, ``u = s``), in-place methods (``a.fill(..)``,
``np.copyto``, ``out=``), ``op=`` on shared names (arrays and floats) and indexed
writes into fresh buffers. pullback may refuse those programs (``pb.UnsupportedError``
when building, ``pb.PullbackError`` when running): they count as refused, and the
refusal rate and most common refusal messages are printed at the end of the run
(``FUZZ_REPORT=path.json`` also writes every outcome). A wrong number, a crash, or a
caller's input changed differently from NumPy's own call fails.
"""

import collections
import importlib.util
import json
import os
import random
import re

import numpy as np
import pytest

import harness
import pullback as pb

FUZZ_SEEDS = int(os.environ.get("FUZZ_SEEDS", "60"))
MEM_SEEDS = int(os.environ.get("FUZZ_SEEDS", "40"))
FUZZ_START = int(os.environ.get("FUZZ_START", "0"))
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


def _load(tmp_path, seed, gen=Gen):
    src = "import numpy as np\n\n" + HELPER + "\n\n" + gen(seed).program()
    name = f"fuzz_{seed}" if gen is Gen else f"fuzz_{gen.__name__.lower()}_{seed}"
    path = tmp_path / f"{name}.py"
    path.write_text(src)
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.prog, src


@pytest.mark.parametrize("seed", range(FUZZ_START, FUZZ_START + FUZZ_SEEDS))
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


# --------------------------------------------------------------------------------------
# Memory constructs: views, aliases, in-place methods, op= on shared names
# --------------------------------------------------------------------------------------

SCALARS = ["s", "u"]


class MemGen(Gen):
    """``Gen`` plus views, aliases, in-place calls and op= on names that may share memory.

    Every vector name (a, b, c, k, x and the views) has shape (3,); ``m`` is a (2, 3)
    buffer; ``s`` and ``u`` are floats. ``x`` is the caller's array: a view or alias
    of it written in place changes the caller's input, as in NumPy.
    """

    def var(self):
        r = self.r.random()
        if r < 0.12:
            return self.r.choice(["m[0]", "m[1]", "m.T[:, 1]", "k"])
        return super().var()

    def expr(self, depth=0):
        e = super().expr(depth)
        if depth == 0 and self.r.random() < 0.15:
            e = f"({e}) * {self.r.choice(SCALARS)}"
        return e

    def vec(self):
        """A name an op= / in-place call may write: one of a, b, c, k."""
        return self.r.choice(VARS + ["k"])

    def view(self):
        i, j = self.r.randint(0, 1), self.r.randint(0, 1)
        return self.r.choice([f"m[{i}]", f"m.T[:, {j}]", f"m.reshape(6)[{3 * i}:{3 * i + 3}]",
                              f"m.ravel()[{i}::2]", "k[:]", "k[::-1]", f"{self.r.choice(VARS)}[::-1]",
                              "x[::-1]", "x[:]"])

    def num(self):
        return f"{self.r.uniform(-1.0, 1.0):.2f}"

    def block(self, indent, depth, in_loop):
        # longer straight-line code at the top, so a view / alias made early meets a
        # write and a read later
        for _ in range(self.r.randint(3, 6) if depth == 0 else self.r.randint(1, 3)):
            self.stmt(indent, depth, in_loop)

    def stmt(self, indent, depth, in_loop):
        if self.r.random() < 0.5:
            return super().stmt(indent, depth, in_loop)
        pad = "    " * indent
        e = self.expr()
        i, j = self.r.randint(0, 1), self.r.randint(0, 2)
        A, B = self.r.choice(VARS), self.r.choice(VARS)
        v = self.vec()
        choices = [
            # views and aliases
            f"{A} = {self.view()}",
            f"{A} = {self.r.choice(VARS + ['k', 'x'])}",
            f"{self.r.choice(SCALARS)} = {self.r.choice(SCALARS)}",
            f"{self.r.choice(SCALARS)} = {self.r.choice(['k', 'm[0]', 'm[1]', 'x'])}[{j}]",
            f"{A} = {B}.copy()",
            # in-place methods and out=
            f"{v}.fill({self.num()})",
            f"np.copyto({v}, {e})",
            f"np.copyto(m[{i}], {e})",
            f"np.add({e}, {self.var()}, out={v})",
            f"np.multiply({e}, {self.num()}, out={v})",
            f"np.sin({self.var()}, out={v})",
            # op= on (possibly shared) names, arrays and floats
            f"{v} += {e}",
            f"{v} -= {e}",
            f"{v} *= {e}",
            f"{v} /= 1.5 + ({e}) ** 2",
            f"m += {e} * 0.1",
            f"m[{i}] *= {self.num()}",
            f"{self.r.choice(SCALARS)} += np.sum({e}) * 0.1",
            f"{self.r.choice(SCALARS)} *= {self.num()}",
            # indexed writes into (fresh) buffers
            f"m[{i}] = {e}",
            f"m[{i}, {j}] = np.sum({e}) * 0.2",
            f"m[:, {j}] = ({e})[:2]",
            f"k[1:] = ({e})[1:]",
            "m = np.zeros((2, 3))",
            f"{A} = np.zeros(3)",
            f"{A}[{j}] = np.sum({e}) * 0.3",
        ]
        self.lines.append(pad + self.r.choice(choices))

    def program(self):
        self.lines = ["def prog(x):", "    a = x * 0.5", "    b = x + 1.0", "    c = np.sin(x)",
                      "    k = np.zeros(3)", "    m = np.zeros((2, 3))", "    s = np.sum(x) * 0.25",
                      "    u = 0.5", "    acc = []"]
        self.block(1, 0, False)
        self.lines.append("    acc.append(c)")
        self.lines.append("    return (np.sum(a * b + c) + np.sum(k * x) + np.sum(np.stack(acc) ** 2)\n"
                          "            + np.sum(m * W) + s * u)")
        return "W = np.array([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]])\n\n\n" + "\n".join(self.lines) + "\n"


#: (seed, {mode: (status, message)}) of every memory program run in this session
MEMORY_FUZZ_RESULTS = []


def _refusal_reason(e):
    msg = getattr(e, "construct_message", None) or (str(e).strip().splitlines() or [""])[0]
    msg = re.sub(r"`[^`]*`", "`_`", f"{type(e).__name__}: {msg}")
    msg = re.sub(r"line \d+", "line N", msg)
    return re.sub(r"(e\.g\. |first \()\w+ =", r"\1_ =", msg)[:200]


def _mutation(prog, x, call):
    """'' if ``call`` (pullback) leaves the caller's x as NumPy's own call does."""
    x_np, x_pb = x.copy(), x.copy()
    prog(x_np)
    call(x_pb)
    np_changed, pb_changed = not np.array_equal(x_np, x), not np.array_equal(x_pb, x)
    if np_changed != pb_changed or not np.allclose(x_pb, x_np, rtol=1e-10, atol=1e-12):
        return f"caller's x after NumPy's call {x_np!r}, after pullback's call {x_pb!r} (was {x!r})"
    return ""


def _memory_modes(prog, x, seed):
    """mode -> (build, check): build makes the derivative function, check runs it
    (its first call builds it) against the references (and the mutation check)."""
    t = np.random.default_rng(seed + 1).standard_normal(3)

    def grad_check(df):
        harness.check_grad(prog, (x,), references=("torch", "fd"), rtol=1e-6, grad_fn=df)
        return _mutation(prog, x, df)

    def jvp_check(_):
        harness.check_jvp(prog, (x,), (t,), references=("fd",))
        return _mutation(prog, x, lambda xx: pb.jvp(prog, (xx,), (t,)))

    def hessian_check(H):
        try:
            harness.check_hessian(prog, (x,), references=("torch",), rtol=1e-6, hessian_fn=H)
        except harness.Mismatch as m:
            if str(m).startswith("no reference could check"):
                return None  # torch cannot run it: unchecked
            raise
        return ""

    modes = {"grad": (lambda: pb.grad(prog), grad_check), "jvp": (lambda: None, jvp_check)}
    if seed % 3 == 0:
        modes["hessian"] = (lambda: pb.hessian(prog), hessian_check)
    return modes


@pytest.mark.parametrize("seed", range(FUZZ_START, FUZZ_START + MEM_SEEDS))
def test_random_memory_program(tmp_path, seed):
    prog, src = _load(tmp_path, seed, MemGen)
    x = np.random.default_rng(seed).uniform(-1.0, 1.0, 3)
    prog(x.copy())  # the generator writes only valid NumPy
    results, failures = {}, []
    for mode, (build, check) in _memory_modes(prog, x, seed).items():
        stage = "build"
        try:
            fn = build()  # built by its first call, as users call it (with x's dimensions)
            stage = "call"
            problem = check(fn)
        except harness.Mismatch as e:
            results[mode] = ("wrong", str(e).splitlines()[0])
            failures.append(f"[{mode}] wrong number: {e}")
            continue
        except Exception as e:  # noqa: BLE001
            if isinstance(e, (pb.UnsupportedError, pb.PullbackError)):  # located refusal
                results[mode] = ("refused", _refusal_reason(e))
            else:
                results[mode] = ("crash", f"{type(e).__name__}: {e}")
                failures.append(f"[{mode}] crash at {stage}: {type(e).__name__}: {e}")
            continue
        if problem is None:
            results[mode] = ("unchecked", "torch cannot run it")
        elif problem:
            results[mode] = ("wrong", problem)
            failures.append(f"[{mode}] {problem}")
        else:
            results[mode] = ("ok", "")
    MEMORY_FUZZ_RESULTS.append((seed, results))
    if failures:
        raise AssertionError("\n".join(failures) + f"\n--- program ---\n{src}")


def memory_fuzz_summary():
    """Lines summing up MEMORY_FUZZ_RESULTS (printed by conftest at the end of a run)."""
    if not MEMORY_FUZZ_RESULTS:
        return []
    n = len(MEMORY_FUZZ_RESULTS)
    per_mode = collections.defaultdict(collections.Counter)
    reasons = collections.Counter()
    any_refused = 0
    for _, res in MEMORY_FUZZ_RESULTS:
        for mode, (status, msg) in res.items():
            per_mode[mode][status] += 1
            if status == "refused":
                reasons[msg] += 1
        any_refused += any(st == "refused" for st, _ in res.values())
    lines = [f"memory fuzz: {n} programs, refused in some mode: {any_refused} "
             f"({100.0 * any_refused / n:.1f}%)"]
    for mode, c in per_mode.items():
        total = sum(c.values())
        lines.append(f"  {mode:8s} " + ", ".join(f"{k} {v}" for k, v in sorted(c.items()))
                     + f"  (refusal rate {100.0 * c['refused'] / total:.1f}%)")
    lines.append("  most common refusals:")
    lines += [f"    {v:5d}  {k}" for k, v in reasons.most_common(8)]
    path = os.environ.get("FUZZ_REPORT")
    if path:
        with open(path, "w") as fh:
            json.dump([{"seed": s, **{m: list(v) for m, v in r.items()}}
                       for s, r in MEMORY_FUZZ_RESULTS], fh, indent=1)
        lines.append(f"  outcomes written to {path}")
    return lines
