"""Command line: ``python -m pullback show path/to/file.py:func`` (and ``export``).

Prints the generated source of a function's derivative, exactly the text of
``pb.grad(func, wrt=...).source`` (or, with ``--mode forward``, of
``pb.jacobian(func, wrt=..., mode="forward").source``).

Exit codes: 0 on success (also when the reader of a pipe stops early, as
``head`` does: the rest of the output is dropped quietly); 1 when pullback cannot differentiate the function
(``pb.UnsupportedError``, printed with the user's file and line); 2 for usage
errors (bad arguments, missing file or function, a file that fails to import,
forward mode unavailable).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import keyword
import os
import re
import sys
import traceback
from typing import Any, Sequence

PROG = "python -m pullback"

EPILOG = """\
examples:
  python -m pullback show model.py:loss
      gradient of loss with respect to its first argument
  python -m pullback show model.py:loss --wrt 0,1
      gradient with respect to the first two arguments (a tuple)
  python -m pullback show model.py:loss --wrt w,b
      arguments named by parameter name
  python -m pullback show model.py:f --mode forward
      forward-mode (tangent) code of the Jacobian of f
  python -m pullback show model.py:loss --example make_args
      loss(params, x) with params a list or dict: the code for the structure of
      the arguments make_args() in model.py returns (a tuple)
  python -m pullback export model.py:loss -o grad_loss.py
      the gradient as a module that runs without pullback (needs only NumPy)

exit status: 0 ok, 1 pullback cannot differentiate the function,
2 usage error (bad arguments, missing file or function)."""


EXAMPLE_HELP = ("a function returning example arguments as a tuple: FUNCTION in the same "
                "file, FILE.py:FUNCTION or MODULE:FUNCTION. The code is built for their "
                "structure, which a function with list, tuple or dict parameters needs "
                "(FUNCTION is called; the differentiated function is not run)")


class CliError(Exception):
    """A usage error: printed as ``pullback: error: ...``, exit code 2."""


def parse_wrt(text: str | None) -> Any:
    """``"0"`` -> 0, ``"x"`` -> "x", ``"0,w"`` -> (0, "w")."""
    if text is None:
        return 0
    items = [t.strip() for t in text.split(",")]
    if not all(items):
        raise CliError(f"--wrt {text!r}: expected comma-separated parameter indices or names")
    values: list[int | str] = []
    for item in items:
        if re.fullmatch(r"[+-]?\d+", item):
            values.append(int(item))
        elif item.isidentifier():
            values.append(item)
        else:
            raise CliError(f"--wrt: {item!r} is neither a parameter index nor a parameter name")
    return values[0] if len(values) == 1 else tuple(values)


def split_target(target: str) -> tuple[str, str]:
    """``"dir/file.py:func"`` -> ("dir/file.py", "func")."""
    path, sep, func = target.rpartition(":")
    if not sep or not path or not func:
        raise CliError(f"{target!r}: expected FILE:FUNCTION, e.g. model.py:loss")
    if not all(part.isidentifier() for part in func.split(".")):
        raise CliError(f"{func!r} is not a function name")
    return path, func


def _module_name(path: str) -> str:
    stem = os.path.splitext(os.path.basename(path))[0]
    name = re.sub(r"\W", "_", stem) or "_module"
    if name[0].isdigit() or keyword.iskeyword(name):
        name = "_" + name
    if name in sys.modules:  # never shadow a module that is already loaded
        name = f"_pullback_cli_{name}"
    return name


@contextlib.contextmanager
def loaded_module(path: str):
    """Import the file at ``path`` as a module, its directory on ``sys.path``.

    ``sys.path`` and the module's ``sys.modules`` entry are restored on exit,
    so calling :func:`main` in-process leaves no trace.
    """
    if not os.path.exists(path):
        raise CliError(f"{path}: no such file")
    if not os.path.isfile(path):
        raise CliError(f"{path}: not a file")
    path = os.path.abspath(path)
    name = _module_name(path)
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise CliError(f"{path}: cannot be loaded as a Python module")
    module = importlib.util.module_from_spec(spec)
    old_path = list(sys.path)
    sys.path.insert(0, os.path.dirname(path))
    sys.modules[name] = module
    try:
        try:
            spec.loader.exec_module(module)
        except BaseException as exc:  # the user's file failed to run
            if isinstance(exc, KeyboardInterrupt):
                raise
            tb = "".join(traceback.format_exception(exc))
            raise CliError(f"{path}: importing the file failed:\n{tb.rstrip()}") from None
        yield module
    finally:
        sys.path[:] = old_path
        if sys.modules.get(name) is module:
            del sys.modules[name]


def get_function(module, path: str, func: str):
    obj = module
    for part in func.split("."):
        try:
            obj = getattr(obj, part)
        except AttributeError:
            raise CliError(f"{path} has no function {func!r}") from None
    if not callable(obj):
        raise CliError(f"{path}: {func!r} is not a function (it is a {type(obj).__name__})")
    return obj


def example_arguments(spec: str, path: str, module) -> tuple:
    """The arguments ``--example SPEC`` names: SPEC is ``make_args`` (a function
    in the target's file), ``other.py:make_args`` or ``package.module:make_args``;
    the function is called with no arguments and returns the positional
    arguments as a tuple."""
    where, sep, name = spec.rpartition(":")
    if not name or (sep and not where) or not all(p.isidentifier() for p in name.split(".")):
        raise CliError(f"--example {spec!r}: expected FUNCTION, FILE:FUNCTION or "
                       "MODULE:FUNCTION, e.g. model.py:make_args")
    with contextlib.ExitStack() as stack:
        if not sep:
            source, label = module, path
        elif where.endswith(".py") or os.sep in where or os.path.isfile(where):
            same = os.path.isfile(where) and os.path.samefile(where, path)
            source = module if same else stack.enter_context(loaded_module(where))
            label = where
        else:
            if where not in sys.modules:  # imported for this run only: no trace
                stack.callback(sys.modules.pop, where, None)
            try:
                source = importlib.import_module(where)
            except Exception as exc:
                raise CliError(f"--example: cannot import {where!r}: "
                               f"{type(exc).__name__}: {exc}") from None
            label = where
        make = get_function(source, label, name)
        try:
            args = make()
        except Exception as exc:
            tb = "".join(traceback.format_exception(exc))
            raise CliError(f"--example: {spec}() failed:\n{tb.rstrip()}") from None
    if not isinstance(args, tuple):
        raise CliError(f"--example: {spec}() returned a {type(args).__name__}; it must return "
                       "the positional arguments as a tuple (for one argument: (x,))")
    return args


def _hint(exc, fn, wrt_names, example) -> str:
    """A pointer to ``--example`` when the refused line uses a differentiated
    parameter and no example arguments were given (a list or dict, most likely)."""
    text = getattr(exc, "text", None) or ""
    if example is not None or not any(re.search(rf"\b{re.escape(w)}\b", text)
                                      for w in wrt_names):
        return ""
    return (f"\n{PROG}: hint: if an argument of {fn.__name__} is a list, tuple or dict, "
            "give example arguments with --example FILE:FUNCTION (a function that "
            "returns them as a tuple); only their structure is used")


def forward_available() -> bool:
    try:
        return importlib.util.find_spec("pullback.modes.forward") is not None
    except ImportError:
        return False


def cmd_export(args: argparse.Namespace) -> int:
    """Write the gradient as a module that runs without pullback (pb.export)."""
    import pullback as pb

    path, func = split_target(args.target)
    wrt = parse_wrt(args.wrt)
    with loaded_module(path) as module:
        fn = get_function(module, path, func)
        example = None if args.example is None else \
            example_arguments(args.example, path, module)
        try:
            df = pb.grad(fn, wrt=wrt)
        except TypeError as exc:
            raise CliError(str(exc)) from None
        try:
            if example is not None:
                df.build_for(*example)
            text = pb.export(df)
        except TypeError as exc:  # the example arguments cannot be differentiated
            raise CliError(f"--example: {exc}") from None
        except pb.PullbackError as exc:
            print(f"{PROG}: cannot differentiate {func}: {exc}"
                  + _hint(exc, fn, df.wrt, example), file=sys.stderr)
            return 1
    if args.output:
        with open(args.output, "w") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    import pullback as pb

    path, func = split_target(args.target)
    wrt = parse_wrt(args.wrt)
    if args.mode == "forward" and not forward_available():
        raise CliError("forward mode is not available in this version of pullback "
                       "(module pullback.modes.forward is missing); use --mode reverse")
    with loaded_module(path) as module:
        fn = get_function(module, path, func)
        example = None if args.example is None else \
            example_arguments(args.example, path, module)
        try:
            if args.mode == "forward":
                df = pb.jacobian(fn, wrt=wrt, mode="forward")
            else:
                df = pb.grad(fn, wrt=wrt)
        except TypeError as exc:  # bad wrt: index out of range, unknown name
            raise CliError(str(exc)) from None
        try:
            if example is not None:
                (df.check_args if args.mode == "forward" else df.build_for)(*example)
            pb.show(df)
        except TypeError as exc:  # the example arguments cannot be differentiated
            raise CliError(f"--example: {exc}") from None
        except pb.UnsupportedError as exc:
            print(f"{PROG}: cannot differentiate {func}: {exc}"
                  + _hint(exc, fn, df.wrt, example), file=sys.stderr)
            return 1
        except pb.PullbackError as exc:
            print(f"{PROG}: {type(exc).__name__}: {exc}", file=sys.stderr)
            return 1
    return 0


def version_text() -> str:
    import numpy as np

    import pullback as pb

    python = ".".join(map(str, sys.version_info[:3]))
    return f"pullback {pb.__version__} (numpy {np.__version__}, python {python})"


def _silence_stdout() -> None:
    """After a broken pipe: point stdout at /dev/null so the interpreter's final
    flush cannot raise again (the recipe of Python's signal documentation)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # stdout is not a real file
        pass


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="pullback: ahead-of-time, source-transformation automatic "
                    "differentiation for Python + NumPy.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=version_text(),
                        help="print pullback's version (and NumPy's and Python's) and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    show = sub.add_parser(
        "show",
        help="print the generated source of a function's derivative",
        description="Print the Python source pullback generates for the derivative of "
                    "FUNCTION in FILE (the text of pb.grad(f, wrt=...).source). The file "
                    "is imported as a module with its directory on sys.path, so it runs "
                    "its top-level code and can import its siblings.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    show.add_argument("target", metavar="FILE:FUNCTION",
                      help="a Python file and the name of a function defined in it, "
                           "e.g. model.py:loss (Class.method also works)")
    show.add_argument("--wrt", metavar="ARGS", default=None,
                      help="the arguments to differentiate with respect to: "
                           "comma-separated positional indices and/or parameter names "
                           "(default: 0). One value gives one gradient, several a tuple.")
    show.add_argument("--mode", choices=("reverse", "forward"), default="reverse",
                      help="reverse: adjoint code of pb.grad (default); forward: tangent "
                           "code of pb.jacobian(..., mode='forward')")
    show.add_argument("--example", metavar="[FILE:]FUNCTION", default=None,
                      help=EXAMPLE_HELP)
    show.set_defaults(run=cmd_show)
    export = sub.add_parser(
        "export",
        help="write the gradient as a module that needs only NumPy",
        description="Write pb.export(pb.grad(f, wrt=...)): the generated gradient code "
                    "with pullback's helpers inlined, importable without pullback. It "
                    "defines <func>_grad(*args).",
    )
    export.add_argument("target", metavar="FILE:FUNCTION", help="e.g. model.py:loss")
    export.add_argument("--wrt", metavar="ARGS", default=None,
                        help="as for show (default: 0)")
    export.add_argument("-o", "--output", metavar="PATH", default=None,
                        help="write to PATH instead of standard output")
    export.add_argument("--example", metavar="[FILE:]FUNCTION", default=None,
                        help=EXAMPLE_HELP)
    export.set_defaults(run=cmd_export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    try:
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # --help, --version, or argparse's usage errors
            return exc.code if isinstance(exc.code, int) else 2
        if getattr(args, "run", None) is None:
            parser.print_help(sys.stderr)
            return 2
        try:
            code = args.run(args)
        except CliError as exc:
            print(f"{PROG}: error: {exc}", file=sys.stderr)
            return 2
        sys.stdout.flush()  # a broken pipe shows here, not at interpreter exit
        return code
    except BrokenPipeError:  # e.g. `python -m pullback show f.py:f | head -3`
        _silence_stdout()
        return 0


if __name__ == "__main__":
    sys.exit(main())
