"""The package's layout stays what docs/internals.md describes.

- A stage imports only itself and the stages before it (the ``LAYERS`` order).
- No import cycle between modules (imports inside functions count too).
- No private name (``_x``) is imported from, or read off, another module.
- No module is over 400 lines.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "pullback"

#: The pipeline, first to last. A module may import modules of its own layer or
#: of an earlier one, never of a later one.
LAYERS = [
    ("pullback.errors", "pullback.markers"),
    ("pullback.runtime", "pullback.checks"),
    ("pullback.rules",),
    ("pullback.syntax",),
    ("pullback.front",),
    ("pullback.analysis",),
    ("pullback.modes",),
    ("pullback.back",),
    ("pullback.api",),
    ("pullback", "pullback.__main__"),
]
MAX_LINES = 400


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer(module: str) -> int:
    best, rank = -1, None
    for i, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, rank = len(prefix), i
    assert rank is not None, f"{module} belongs to no layer: add it to LAYERS"
    return rank


def resolve(module: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    is_package = MODULES[module].name == "__init__.py"
    base = module.split(".")
    base = base if is_package else base[:-1]
    base = base[:len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports(module: str):
    """(imported module, names imported from it, line) for every pullback import."""
    tree = ast.parse(MODULES[module].read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name.split(".")[0] == "pullback":
                    yield a.name, [], node.lineno
        elif isinstance(node, ast.ImportFrom):
            target = resolve(module, node)
            if target.split(".")[0] != "pullback":
                continue
            plain = []
            for a in node.names:
                sub = f"{target}.{a.name}"
                if sub in MODULES:
                    yield sub, [], node.lineno
                else:
                    plain.append(a.name)
            if plain:
                yield target, plain, node.lineno


def graph() -> dict[str, set[str]]:
    return {m: {t for t, _, _ in imports(m) if t in MODULES and t != m} for m in MODULES}


def test_every_module_is_in_a_layer():
    for m in MODULES:
        layer(m)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_only_earlier_stages(module):
    here = layer(module)
    for target, _, line in imports(module):
        assert layer(target) <= here, (
            f"{MODULES[module].relative_to(SRC)}:{line} imports {target}, a later stage "
            f"({LAYERS[layer(target)][0]} comes after {LAYERS[here][0]})")


def test_no_import_cycles():
    g = graph()
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(m):
        state[m] = 1
        path.append(m)
        for t in sorted(g[m]):
            if state.get(t) == 1:
                cycle = path[path.index(t):] + [t]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if t not in state:
                visit(t)
        path.pop()
        state[m] = 2

    for m in sorted(g):
        if m not in state:
            visit(m)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_private_names_across_modules(module):
    tree = ast.parse(MODULES[module].read_text())
    module_aliases = set()
    for target, names, line in imports(module):
        private = [n for n in names if n.startswith("_") and not n.startswith("__")]
        assert not private, (f"{MODULES[module].relative_to(SRC)}:{line} imports private "
                             f"{private} from {target}: make it public where it belongs")
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            module_aliases |= {(a.asname or a.name).split(".")[0] for a in node.names
                               if a.name.startswith("pullback")}
        elif isinstance(node, ast.ImportFrom):
            target = resolve(module, node)
            module_aliases |= {a.asname or a.name for a in node.names
                               if f"{target}.{a.name}" in MODULES}
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and \
                node.value.id in module_aliases and node.attr.startswith("_") and \
                not node.attr.startswith("__"):
            pytest.fail(f"{MODULES[module].relative_to(SRC)}:{node.lineno} reads private "
                        f"{node.value.id}.{node.attr} of another module")


@pytest.mark.parametrize("module", sorted(MODULES))
def test_module_size(module):
    n = len(MODULES[module].read_text().splitlines())
    assert n <= MAX_LINES, f"{MODULES[module].relative_to(SRC)} has {n} lines (> {MAX_LINES})"

