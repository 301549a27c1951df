"""Test configuration: make `harness`, `corpus` and `pullback` importable."""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(os.path.dirname(HERE), "src")
for p in (HERE, SRC):
    if p not in sys.path:
        sys.path.insert(0, p)


def pytest_terminal_summary(terminalreporter):
    """The memory fuzz test's refusal rate and most common refusal messages."""
    fuzz = sys.modules.get("test_fuzz")
    lines = fuzz.memory_fuzz_summary() if fuzz is not None else []
    if lines:
        terminalreporter.section("memory fuzz")
        for line in lines:
            terminalreporter.write_line(line)
