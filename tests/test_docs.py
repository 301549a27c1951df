"""docs/ops.md is generated from the rule registry and must never drift from it.

If this fails after adding or changing a rule, regenerate the table:

    PYTHONPATH=src python -m pullback.back.docs --write
"""

import os
import re
import subprocess
import sys

import numpy as np
import pytest

from pullback.back import docs
from pullback.rules import all_nondifferentiable, all_rules

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "src")
OPS_MD = os.path.join(ROOT, "docs", "ops.md")
REGEN = "PYTHONPATH=src python -m pullback.back.docs --write"


def generate_fresh() -> str:
    """The table generated in a fresh interpreter (no rules registered by other tests)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = SRC + os.pathsep + env.get("PYTHONPATH", "")
    r = subprocess.run([sys.executable, "-m", "pullback.back.docs"], capture_output=True,
                       env=env, timeout=120)
    assert r.returncode == 0, r.stderr.decode()
    return r.stdout.decode("utf-8")


@pytest.fixture(scope="module")
def fresh():
    return generate_fresh()


@pytest.fixture(scope="module")
def committed():
    with open(OPS_MD, encoding="utf-8") as fh:
        return fh.read()


def row(text: str, name: str) -> list[str]:
    """The cells of the table row whose first cell lists ``name``."""
    for line in text.splitlines():
        if line.startswith("| "):
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
            if f"`{name}`" in cells[0].split(", "):
                return cells
    raise AssertionError(f"{name} has no row in the table")


def section(text: str, title: str) -> str:
    m = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    assert m, f"no section {title!r}"
    return m.group(1)


def test_ops_md_is_up_to_date(fresh, committed):
    assert committed == fresh, f"docs/ops.md is stale; regenerate it with `{REGEN}`"


def test_generation_is_deterministic(fresh):
    assert generate_fresh() == fresh


def test_in_process_generation_matches(fresh):
    # other tests may register their own rules with pb.defvjp: those are not listed,
    # so generating in this process gives the same text unless they overrode a
    # built-in rule (then only compare when nothing custom is registered)
    if any(r.custom_vjp or r.custom_jvp for r in all_rules().values()):
        pytest.skip("custom rules registered in this process")
    assert docs.generate() == fresh


def test_check_flag(tmp_path, fresh):
    good = tmp_path / "ops.md"
    good.write_text(fresh, encoding="utf-8")
    assert docs.main(["--check", str(good)]) == 0
    bad = tmp_path / "stale.md"
    bad.write_text(fresh.replace("np.sin", "np.sine"), encoding="utf-8")
    assert docs.main(["--check", str(bad)]) == 1
    assert docs.main(["--check", str(tmp_path / "missing.md")]) == 1


def test_known_entries(fresh):
    sin = row(fresh, "np.sin")
    assert sin[2:] == ["yes", "yes", "`sin_vjp`", "`sin_jvp`"]
    norm = row(fresh, "np.linalg.norm")
    assert norm[2] == "yes" and norm[4] == "`norm_vjp`"
    total = row(fresh, "ndarray.sum")
    assert total[1] == "`x.sum(...)`" and total[2] == "yes"
    assert row(fresh, "x.T")[2] == "yes"
    assert row(fresh, "math.exp")[4] == "`exp_vjp`"  # shares np.exp's rule
    assert row(fresh, "abs")[2] == "yes"
    mul = row(fresh, "np.multiply")
    assert "`a * b`" in mul[1] and "`a *= b`" in mul[1]
    assert "`a @ b`" in row(fresh, "np.matmul")[1]


def test_families_and_modules(fresh):
    assert "np.sqrt" in section(fresh, "ufuncs")
    assert "np.sin" in section(fresh, "trig")
    assert "Module `pullback.rules.ufuncs`" in section(fresh, "ufuncs")
    assert "np.linalg.norm" in section(fresh, "reductions")
    assert "np.linalg.inv" in section(fresh, "linalg")
    assert "ndarray.reshape" in section(fresh, "shape")


def test_aliases_listed_together(fresh):
    assert row(fresh, "np.abs") == row(fresh, "np.absolute")
    assert row(fresh, "np.float64") == row(fresh, "np.double")
    assert docs.public_names(np.absolute) == ["np.abs", "np.absolute"]
    assert docs.public_names(np.linalg.norm) == ["np.linalg.norm"]
    assert docs.public_names(np.ndarray.T) == ["x.T"]
    assert docs.public_names(np.ndarray.sum) == ["ndarray.sum"]
    assert docs.public_names(abs) == ["abs"]


def test_nondifferentiable_section(fresh):
    nd = section(fresh, "Non-differentiable functions")
    for name in ("np.floor", "np.sign", "np.argmax", "np.zeros", "len", "np.less"):
        assert f"`{name}`" in nd
    assert "**ufuncs**" in nd and "**builtins**" in nd
    # nothing non-differentiable is in a rule table
    for table in re.split(r"^## ", fresh, flags=re.M)[1:]:
        if not table.startswith(("Non-differentiable", "Internal")):
            assert "`np.floor`" not in table


def test_internal_helpers_are_separate(fresh):
    internal = section(fresh, "Internal helpers")
    assert "pullback.runtime.unbroadcast" in internal
    assert "pullback.rules.support." in internal
    public = fresh[:fresh.index("## Internal helpers")]
    assert "pullback.runtime." not in public
    assert "pullback.rules.support." not in public


def test_every_rule_is_documented_under_a_public_name(fresh):
    index = docs._public_index()
    for obj, rule in all_rules().items():
        if (rule.vjp is None or rule.custom_vjp) and (rule.jvp is None or rule.custom_jvp):
            continue  # a user rule only
        names = docs.public_names(obj, index)
        assert f"`{names[0]}`" in fresh, names
        if not docs._is_internal(obj):
            # found in numpy / numpy.linalg / ndarray / builtins / math
            assert not any(n.startswith(("numpy.", "builtins.")) for n in names), names
    for obj in all_nondifferentiable():
        names = docs.public_names(obj, index)
        assert f"`{names[0]}`" in fresh, names
