"""``stop_gradient`` and ``no_grad``: markers the transformer recognises.

Called normally (outside differentiated code) they do nothing but return their
input / run their block, so a function means the same differentiated or not.
"""

from __future__ import annotations

import contextlib
from typing import Iterator, TypeVar

T = TypeVar("T")


def stop_gradient(x: T) -> T:
    """Return ``x``; no derivative flows through it (torch ``.detach()``)."""
    return x


@contextlib.contextmanager
def no_grad() -> Iterator[None]:
    """Statements in the block compute values, but no derivative flows through
    what they assign (torch ``with torch.no_grad():``)."""
    yield
