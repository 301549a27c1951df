"""The generated source is a product: pin it for a few programs.

A failure here means the generated code changed. If the change is intended,
look at the diff and run ``python tests/test_golden.py --update``.
"""

import difflib
import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.join(os.path.dirname(HERE), "src")]

import golden_programs  # noqa: E402

GOLDEN_DIR = os.path.join(HERE, "golden")


def _path(name):
    return os.path.join(GOLDEN_DIR, name + ".py.txt")


@pytest.mark.parametrize("name", sorted(golden_programs.GOLDEN))
def test_generated_source_matches_golden(name):
    got = golden_programs.GOLDEN[name]()
    with open(_path(name)) as fh:
        want = fh.read()
    if got != want:
        diff = "".join(difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                            "golden", "generated"))
        pytest.fail(f"generated source of {name} changed:\n{diff}")


@pytest.mark.parametrize("name", sorted(golden_programs.GOLDEN))
def test_generated_source_is_deterministic_and_valid(name):
    first = golden_programs.GOLDEN[name]()
    compile(first, name, "exec")
    assert "# grad of:" in first or "_jvp" in first


if __name__ == "__main__" and "--update" in sys.argv:
    for name, make in sorted(golden_programs.GOLDEN.items()):
        with open(_path(name), "w") as fh:
            fh.write(make())
        print("wrote", _path(name))
