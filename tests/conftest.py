"""Test configuration: make `harness`, `corpus` and `pullback` importable."""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(os.path.dirname(HERE), "src")
for p in (HERE, SRC):
    if p not in sys.path:
        sys.path.insert(0, p)
