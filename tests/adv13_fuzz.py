"""Random conditional-alias programs for the adv13 tests: names k, m, b, d start
as fresh arrays; statements alias them to each other under a flag or data
condition (or in a loop), take full views of them, write into them (indexed, op=, np.copyto, out=),
rebind them to new arrays, and the result sums every name against x. The source
is compiled into a module whose ``np`` the harness can rebind to torch."""

from __future__ import annotations

import linecache
import types

import numpy as np

NAMES = ("k", "m", "b", "d")
LOOPY = 100_000


def _expr(r, names):
    v = r.choice(names)
    j, l = r.integers(3), r.integers(3)
    return r.choice([f"x[{j}] * {v}[{l}]", f"np.sin(x[{j}])", f"{v}[{l}] * 0.5 + x[{j}]",
                     f"x[{j}] ** 2"])


def _simple(r, names):
    a, v = r.choice(names), r.choice(names)
    i = r.integers(3)
    kind = r.integers(11)
    if kind <= 2:
        return [f"{a} = {v}"]                        # an alias
    if kind >= 9:                                    # a full view, or the array itself
        return [f"{a} = " + r.choice([f"{v}[...]", f"{v}.reshape(3)", f"np.asarray({v})",
                                       f"{v}[::1]", f"{v}.T"])]
    if kind == 3:
        return [f"{a}[{i}] = {_expr(r, names)}"]
    if kind == 4:
        return [f"{a} += {v} * x" if r.integers(2) else f"{a} *= x[{i}]"]
    if kind == 5:
        return [f"{a}[{i}] += {_expr(r, names)}"]
    if kind == 6:
        return [f"{a} = {v} * 0.5 + x"]              # a rebinding to a new array
    if kind == 7:
        return [f"np.copyto({a}, {v} * x)"]
    return [f"np.multiply({v}, x, out={a})"]


def _stmt(r, names, depth=0, loops=False):
    kind = (5 if loops and r.integers(2) else r.integers(6)) if depth == 0 else 0
    if kind <= 2:
        return _simple(r, names)
    body = _simple(r, names) + (_simple(r, names) if r.integers(2) else [])
    if loops and kind == 5:
        body = body + _simple(r, names)
    if kind == 3:
        head = "if c > 0:"
    elif kind == 4:
        head = f"if x[{r.integers(3)}] > 0:"
    else:
        head = "for i in range(2):"
        body = [ln.replace("[0]", "[i]") for ln in body]
    out = [head] + ["    " + ln for ln in body]
    if kind == 3 and r.integers(2):
        out += ["else:"] + ["    " + ln for ln in _simple(r, names)]
    return out


def source(seed: int) -> str:
    """Seeds from LOOPY on favour loops of two or three statements."""
    r = np.random.default_rng(seed)
    loops = seed >= LOOPY
    lines = ["k = x * 1.0", "m = np.cos(x)", "b = x * 2.0", "d = np.ones(3)"]
    for _ in range(int(r.integers(3, 7))):
        lines += _stmt(r, NAMES, loops=loops)
    ret = " + ".join(f"np.sum({v} * x)" for v in NAMES)
    body = "\n".join("    " + ln for ln in lines)
    return f"def prog(x, c):\n{body}\n    return {ret}\n"


def loop_source(seed: int) -> str:
    """A loop-carried alias program: k and b fresh, then ``a = o`` (under a flag,
    unconditionally, or in loop turn 0), then a two-turn loop whose statements
    write one name from the other (``w[j] op= r[l] * x[j]``), maybe rebinding a
    name in the loop; the result reads one or both names."""
    r = np.random.default_rng(seed)
    lines = ["b = x * 2.0", "k = x * 1.0"]
    a, o = ("k", "b") if r.integers(2) else ("b", "k")
    where = r.integers(3)
    if where == 0:
        lines += ["if c > 0:", f"    {a} = {o}"]
    elif where == 1:
        lines += [f"{a} = {o}"]
    lines += ["for i in range(2):"]
    if where == 2:
        lines += ["    if i == 0:", f"        {a} = {o}"]
    for _ in range(int(r.integers(1, 3))):
        w, rd = r.choice(["k", "b"]), r.choice(["k", "b"])
        j, l = r.integers(3), r.integers(3)
        lines += [f"    {w}[{j}] {r.choice(['=', '+='])} {rd}[{l}] * x[{j}]"]
    if r.integers(3) == 0:
        lines += ["    if c > 0:", f"        {r.choice(['k', 'b'])} = x * 1.5"]
    ret = r.choice(["np.sum(b * x)", "np.sum(k * x)", "np.sum(b * x) + np.sum(k)"])
    body = "".join("    " + ln + "\n" for ln in lines)
    return f"def prog(x, c):\n{body}    return {ret}\n"


def program(seed: int, loop: bool = False):
    """The function of ``source(seed)`` (or ``loop_source``) in a fresh module."""
    name = f"adv13_fuzz_{'loop_' if loop else ''}{seed}"
    src = "import numpy as np\n\n\n" + (loop_source(seed) if loop else source(seed))
    filename = f"<{name}>"
    linecache.cache[filename] = (len(src), None, src.splitlines(True), filename)
    mod = types.ModuleType(name)
    mod.__file__ = filename
    exec(compile(src, filename, "exec"), mod.__dict__)
    return mod.prog
