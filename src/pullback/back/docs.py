"""Generate ``docs/ops.md``, the table of supported NumPy / Python functions.

The table is computed from the rule registry (:mod:`pullback.rules.registry`),
never written by hand::

    python -m pullback.back.docs > docs/ops.md      # print it
    python -m pullback.back.docs --write            # write docs/ops.md of this checkout
    python -m pullback.back.docs --check            # exit 1 if docs/ops.md is out of date

Each primitive is listed under the name users write (``np.sin``,
``np.linalg.norm``, ``ndarray.sum``, ``x.T``, ``abs``, ``math.exp``), found by
searching ``numpy``, ``numpy.linalg``, ``numpy.ndarray``, ``builtins`` and
``math`` for the very object the rule is registered for (aliases such as
``np.abs`` / ``np.absolute`` are all listed). Rules are grouped by family, the
``pullback.rules`` module that defines them. Rules of pullback's own runtime
helpers (which generated code calls, and which higher-order derivatives
differentiate) go in a separate "internal helpers" section.
"""

from __future__ import annotations

import argparse
import builtins
import math
import sys
import warnings
from pathlib import Path
from typing import Any, Callable, Iterable

import numpy as np

from pullback import rules as _rules  # noqa: F401  (registers the built-in rules)
from pullback.front.resolve import OPERATORS
from pullback.rules.registry import (Rule, all_nondifferentiable, all_rules, lazy_rule_modules,
                                     load_lazy)

#: Where ``--write`` puts the table: docs/ops.md of the source checkout.
DEFAULT_PATH = Path(__file__).resolve().parents[3] / "docs" / "ops.md"

#: How each operator of Python syntax is written, by gast node class name.
_OPERATOR_SYNTAX = {
    "Add": "a + b", "Sub": "a - b", "Mult": "a * b", "Div": "a / b", "Pow": "a ** b",
    "MatMult": "a @ b", "Mod": "a % b", "FloorDiv": "a // b", "USub": "-a", "UAdd": "+a",
    "BitAnd": "a & b", "BitOr": "a | b", "BitXor": "a ^ b", "Invert": "~a",
}
_AUGMENTABLE = {"Add", "Sub", "Mult", "Div", "Pow", "MatMult", "Mod", "FloorDiv"}


# ------------------------------------------------------------------ public names
def _namespaces() -> list[tuple[Any, str, str]]:
    """(namespace, prefix for functions, kind) in the order names are searched."""
    out = [(np, "np.", "module"), (np.linalg, "np.linalg.", "module"),
           (np.ndarray, "ndarray.", "class"), (builtins, "", "module"),
           (math, "math.", "module")]
    for lib in ("scipy.special", "scipy.linalg", "scipy.signal", "scipy.integrate"):  # optional: only if imported
        if lib in sys.modules:
            out.append((sys.modules[lib], lib + ".", "module"))
    return out


def _public_index() -> dict[int, tuple[Any, list[str]]]:
    """id(object) -> (object, [every public name it goes by])."""
    index: dict[int, tuple[Any, list[str]]] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for ns, prefix, kind in _namespaces():
            names = sorted(vars(ns)) if kind == "class" else sorted(dir(ns))
            for name in names:
                if name.startswith("_"):
                    continue
                try:
                    obj = vars(ns)[name] if kind == "class" else getattr(ns, name)
                except Exception:  # lazily-loaded or removed attributes
                    continue
                if kind == "module" and isinstance(obj, type(np)):
                    continue  # submodules
                if kind == "class" and type(obj).__name__ == "getset_descriptor":
                    written = f"x.{name}"  # attribute: x.T
                else:
                    written = prefix + name
                entry = index.setdefault(id(obj), (obj, []))
                if written not in entry[1]:
                    entry[1].append(written)
    return index


def public_names(obj: Any, index: dict | None = None) -> list[str]:
    """The names users write for ``obj``; its dotted path if it has none."""
    index = _public_index() if index is None else index
    hit = index.get(id(obj))
    if hit is not None and hit[0] is obj:
        return sorted(hit[1], key=_name_key)
    owner = getattr(obj, "__self__", None)
    if owner is not None and type(owner).__module__.startswith("scipy.stats"):
        # a method of a distribution object: scipy.stats.norm.logpdf
        dist = getattr(owner, "name", None) or type(owner).__name__.removesuffix("_gen")
        return [f"scipy.stats.{dist}.{obj.__name__}"]
    module = getattr(obj, "__module__", None) or getattr(type(obj), "__module__", "")
    qual = getattr(obj, "__qualname__", None) or getattr(obj, "__name__", repr(obj))
    return [f"{module}.{qual}" if module else qual]


def _name_key(name: str) -> tuple:
    # functions first, then ndarray methods and attributes; alphabetical within
    method = name.startswith(("ndarray.", "x."))
    return (method, name.lower(), name)


def _is_internal(obj: Any) -> bool:
    module = getattr(obj, "__module__", None) or ""
    return module == "pullback" or module.startswith("pullback.")


# ------------------------------------------------------------------ rows
class Row:
    def __init__(self, obj: Any, names: list[str], rule: Rule | None):
        self.obj = obj
        self.names = names
        self.rule = rule

    @property
    def vjp(self) -> Callable | None:
        r = self.rule  # a built-in rule a user's pb.defvjp replaced is still listed
        if r is not None and r.custom_vjp:
            return r.extra.get("builtin_vjp")
        return r.vjp if r is not None else None

    @property
    def jvp(self) -> Callable | None:
        r = self.rule
        if r is not None and r.custom_jvp:
            return r.extra.get("builtin_jvp")
        return r.jvp if r is not None else None

    @property
    def family(self) -> str:
        fn = self.vjp or self.jvp
        return getattr(fn, "__module__", "") or ""

    def key(self) -> tuple:
        return _name_key(self.names[0])


def _operator_syntax() -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for node_type, fn in OPERATORS.items():
        name = getattr(node_type, "__name__", str(node_type))
        text = _OPERATOR_SYNTAX.get(name, name)
        forms = [text]
        if name in _AUGMENTABLE:
            a, op, b = text.split(" ")
            forms.append(f"{a} {op}= {b}")
        out.setdefault(id(fn), []).extend(forms)
    return out


def _written_as(row: Row, ops: dict[int, list[str]]) -> list[str]:
    forms = list(ops.get(id(row.obj), []))
    for n in row.names:
        if n.startswith("ndarray."):
            forms.append(f"x.{n[len('ndarray.'):]}(...)")
    return forms


def builtin_rule_rows() -> list[Row]:
    """One row per primitive with a built-in (non-``pb.defvjp``) rule (SciPy's
    too, when SciPy is installed)."""
    load_lazy(force=True)
    index = _public_index()
    rows = []
    for obj, rule in all_rules().items():
        row = Row(obj, public_names(obj, index), rule)
        if row.vjp is None and row.jvp is None:
            continue  # only user rules (pb.defvjp / pb.defjvp): not documented here
        if not row.family.startswith("pullback."):
            continue
        rows.append(row)
    return rows


def nondiff_rows() -> list[tuple[Row, str]]:
    index = _public_index()
    return [(Row(obj, public_names(obj, index), None), family or "other")
            for obj, family in all_nondifferentiable().items()]


# ------------------------------------------------------------------ markdown
def _code(text: str) -> str:
    return "`" + text.replace("|", "\\|") + "`"


def _rule_cell(fn: Callable | None, family: str) -> str:
    if fn is None:
        return "-"
    module = getattr(fn, "__module__", "")
    name = getattr(fn, "__qualname__", getattr(fn, "__name__", repr(fn)))
    return _code(name if module == family else f"{module}.{name}")


def _summary(module_name: str) -> str:
    module = sys.modules.get(module_name)
    doc = (getattr(module, "__doc__", None) or "").strip()
    first = doc.split("\n\n")[0].replace("\n", " ").strip()
    return first.replace(":mod:", "").replace("``", "`")


def _group(rows: Iterable[Row]) -> dict[str, list[Row]]:
    groups: dict[str, list[Row]] = {}
    for row in rows:  # families in registration order, lazily loaded ones last
        groups.setdefault(row.family, []).append(row)
    lazy = lazy_rule_modules()
    order = sorted(groups, key=lambda f: (f in lazy, lazy.index(f) if f in lazy else 0))
    return {fam: sorted(groups[fam], key=Row.key) for fam in order}


def _table(rows: list[Row], family: str, ops: dict[int, list[str]],
           first_header: str = "function") -> list[str]:
    lines = [f"| {first_header} | also written | reverse | forward | reverse rule | "
             "forward rule |",
             "| --- | --- | :-: | :-: | --- | --- |"]
    for r in rows:
        names = ", ".join(_code(n) for n in r.names)
        written = ", ".join(_code(w) for w in _written_as(r, ops))
        lines.append(f"| {names} | {written} | {'yes' if r.vjp else 'no'} | "
                     f"{'yes' if r.jvp else 'no'} | {_rule_cell(r.vjp, family)} | "
                     f"{_rule_cell(r.jvp, family)} |")
    return lines


def _anchor(title: str) -> str:
    keep = "".join(c for c in title.lower() if c.isalnum() or c in " -_")
    return keep.replace(" ", "-")


def generate() -> str:
    """The Markdown text of docs/ops.md."""
    ops = _operator_syntax()
    rows = builtin_rule_rows()
    public = [r for r in rows if not _is_internal(r.obj)]
    internal = [r for r in rows if _is_internal(r.obj)]
    nondiff = nondiff_rows()
    nd_public = [(r, fam) for r, fam in nondiff if not _is_internal(r.obj)]
    nd_internal = [(r, fam) for r, fam in nondiff if _is_internal(r.obj)]

    out = ["# Supported functions",
           "",
           "<!-- Generated by `python -m pullback.back.docs --write` from the rule registry. "
           "Do not edit by hand: tests/test_docs.py fails when this file is stale. -->",
           "",
           "Every NumPy / Python function that `pullback` differentiates through a derivative "
           "rule, grouped by family (the `pullback.rules` module defining the rules). "
           "*reverse* means `pb.grad`, `pb.vjp` and reverse-mode `pb.jacobian` work through "
           "it; *forward* means tangent code (`pb.jvp`, `mode=\"forward\"`) does. The rule "
           "columns name the Python function holding the derivative: find it in the module "
           "named in the section heading. Operators of Python syntax (`a * b`, `-a`, "
           "`a @ b`, ...) use the rule of the NumPy function listed beside them. "
           "Functions of your own are not listed: pullback reads their source and "
           "differentiates them too.",
           "",
           f"- {len(public)} functions with derivative rules "
           f"({sum(1 for r in public if r.vjp)} reverse, "
           f"{sum(1 for r in public if r.jvp)} forward)",
           f"- {len(nd_public)} non-differentiable functions (zero derivative)",
           f"- {len(internal) + len(nd_internal)} internal helpers",
           "",
           "Contents:",
           ""]
    groups = _group(public)
    nd_families: dict[str, list[Row]] = {}
    for r, fam in nd_public:
        nd_families.setdefault(fam, []).append(r)
    for family, rs in groups.items():
        title = f"{family.rsplit('.', 1)[-1]}"
        out.append(f"- [{title}](#{_anchor(title)}) ({len(rs)})")
    out.append(f"- [Non-differentiable functions](#non-differentiable-functions) "
               f"({len(nd_public)})")
    out.append(f"- [Internal helpers](#internal-helpers) "
               f"({len(internal) + len(nd_internal)})")
    out.append("")

    for family, rs in groups.items():
        title = family.rsplit(".", 1)[-1]
        out += [f"## {title}", "", f"Module `{family}`: {_summary(family)}", ""]
        out += _table(rs, family, ops)
        out.append("")

    out += ["## Non-differentiable functions", "",
            "These functions are allowed in differentiated code; their outputs carry no "
            "derivative (zero gradient, as torch gives for integer-valued and boolean "
            "results). Grouped by family.", ""]
    for family in sorted(nd_families):
        names = sorted((n for r in nd_families[family] for n in r.names), key=_name_key)
        out += [f"- **{family}**: " + ", ".join(_code(n) for n in names)]
    out.append("")

    out += ["## Internal helpers", "",
            "Functions of `pullback.runtime` and `pullback.rules.support` that generated "
            "derivative code calls. They need rules of their own because derivative code is "
            "differentiated again for higher-order derivatives (`pb.grad(pb.grad(f))`, "
            "`pb.hessian`). Users do not call them.", ""]
    for family, rs in _group(internal).items():
        title = family.rsplit(".", 1)[-1]
        out += [f"### {title}", "", f"Module `{family}`: {_summary(family)}", ""]
        out += _table(rs, family, ops, first_header="helper")
        out.append("")
    if nd_internal:
        names = sorted((n for r, _ in nd_internal for n in r.names), key=_name_key)
        out += ["Non-differentiable helpers: " + ", ".join(_code(n) for n in names), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pullback.back.docs",
        description="Print the Markdown table of the functions pullback differentiates, "
                    "generated from the rule registry.")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--write", nargs="?", const=str(DEFAULT_PATH), metavar="PATH",
                       help=f"write the table to PATH (default: {DEFAULT_PATH}) "
                            "instead of printing it")
    group.add_argument("--check", nargs="?", const=str(DEFAULT_PATH), metavar="PATH",
                       help="exit with status 1 if PATH (default: docs/ops.md) differs "
                            "from the generated table")
    args = parser.parse_args(argv)
    text = generate()
    if args.write:
        path = Path(args.write)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}", file=sys.stderr)
    elif args.check:
        path = Path(args.check)
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            print(f"{path} is out of date: run python -m pullback.back.docs --write",
                  file=sys.stderr)
            return 1
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
