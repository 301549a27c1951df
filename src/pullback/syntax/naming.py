"""Hygienic, deterministic names for generated code.

Adjoints are ``x_bar``, tangents ``x_dot``, temporaries ``_t1, _t2, ...``;
a generated name never equals a name the user's code uses.
"""

from __future__ import annotations


class Namer:
    def __init__(self, taken: set[str]):
        self.taken = set(taken)
        self.counters: dict[str, int] = {}
        self.fixed: dict[tuple[str, str], str] = {}

    def fresh(self, base: str) -> str:
        """``base1``, ``base2``, ... skipping anything already taken."""
        n = self.counters.get(base, 0)
        while True:
            n += 1
            cand = f"{base}{n}"
            if cand not in self.taken:
                self.counters[base] = n
                self.taken.add(cand)
                return cand

    def unique(self, base: str) -> str:
        """``base`` itself if free, else a numbered variant."""
        if base not in self.taken:
            self.taken.add(base)
            return base
        return self.fresh(base)

    def derived(self, var: str, suffix: str) -> str:
        """A stable companion name of ``var``, e.g. ``x_bar`` for ``x``."""
        key = (var, suffix)
        if key not in self.fixed:
            self.fixed[key] = self.unique(f"{var}_{suffix}")
        return self.fixed[key]

    def state(self):
        return (dict(self.counters), set(self.taken), dict(self.fixed))

    def restore(self, st):
        self.counters, self.taken, self.fixed = dict(st[0]), set(st[1]), dict(st[2])
