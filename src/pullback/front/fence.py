"""Stage 3: reject what cannot be differentiated, before transforming anything.

Every rejection is an :class:`UnsupportedError` at the user's own line that
names the construct and says what to write instead.
"""

from __future__ import annotations

import gast

from pullback.front.resolve import Resolver

_MESSAGES = {
    gast.Try: "`try` blocks are not supported in differentiated code; move the "
              "error handling outside the function you differentiate",
    gast.Raise: None,
    gast.Global: "`global` declarations are not supported; pass the value as an "
                 "argument or return it",
    gast.Nonlocal: "`nonlocal` declarations are not supported; pass the value as an "
                   "argument or return it",
    gast.Delete: "`del` is not supported in differentiated code; let the variable "
                 "go out of scope instead",
    gast.Yield: "generators (`yield`) cannot be differentiated; return an array",
    gast.YieldFrom: "generators (`yield from`) cannot be differentiated; return an array",
    gast.Await: "`await` cannot be differentiated",
    gast.AsyncFunctionDef: "async functions cannot be differentiated",
    gast.AsyncFor: "`async for` cannot be differentiated",
    gast.AsyncWith: "`async with` cannot be differentiated",
    gast.ClassDef: "class definitions inside a differentiated function are not "
                   "supported; define the class at module level",
    gast.Import: "imports inside a differentiated function are not supported; "
                 "import at module level",
    gast.ImportFrom: "imports inside a differentiated function are not supported; "
                     "import at module level",
    gast.NamedExpr: "the walrus operator `:=` is not supported; assign on its own line",
    gast.Match: "`match` statements are not supported; use if/elif",
}


def check(source, tree, resolver: Resolver) -> None:
    """Raise UnsupportedError at the first construct pullback cannot handle."""
    for node in _walk(tree.body):
        msg = _MESSAGES.get(type(node))
        if msg:
            raise source.error(msg, node)
        if isinstance(node, gast.With):
            ok = len(node.items) == 1 and isinstance(node.items[0].context_expr, gast.Call) \
                and node.items[0].optional_vars is None \
                and resolver.callee(node.items[0].context_expr.func).kind == "no_grad"
            if not ok:
                raise source.error("`with` blocks other than `with pb.no_grad():` are not "
                                   "supported in differentiated code", node)
            node.pb_no_grad = True
    args = tree.args
    if args.kwarg is not None or args.vararg is not None:
        node = args.vararg or args.kwarg
        node.lineno = getattr(node, "lineno", None) or tree.lineno
        raise source.error("a function with *args or **kwargs cannot be differentiated "
                           "directly: name each parameter (a decorator's wrapper that "
                           "forwards them needs functools.wraps(fn), so pullback knows the "
                           "signature it is called with)", tree)


def _walk(stmts):
    stack = list(stmts)
    while stack:
        n = stack.pop()
        yield n
        for c in gast.iter_child_nodes(n):
            if isinstance(c, (gast.FunctionDef, gast.Lambda)):
                continue  # nested functions are checked when they are transformed
            stack.append(c)
