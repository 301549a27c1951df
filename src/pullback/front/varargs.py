"""``*args`` and ``**kwargs`` of a called function, bound to one call's arguments.

A decorator's wrapper is typically ``def wrapper(*args, **kwargs): return
c * fn(*args, **kwargs)``. At a call ``wrapper(x, scale=s)`` the number of
positional arguments and the keyword names are known, so the called function
is specialised to that call: ``*args`` becomes parameters ``args_1, ...`` and
``**kwargs`` keyword-only parameters named like the keywords. In the body,
``fn(*args, **kwargs)`` becomes ``fn(args_1, scale=scale)``; any other read of
``args`` is the tuple ``(args_1, ...)`` and of ``kwargs`` the dict
``{'scale': scale}``. A body that rebinds them is refused.
"""

from __future__ import annotations

import gast

from pullback.syntax.astutil import const, load


def _name(ident: str, ctx) -> gast.Name:
    return gast.Name(id=ident, ctx=ctx, annotation=None, type_comment=None)


def specialize(src, n_positional: int, keywords: list[str], error_at):
    """Bind ``src.tree``'s ``*args``/``**kwargs`` (in place) to a call with
    ``n_positional`` positional arguments and these keyword names. Returns the
    part of the cache key that tells specialisations apart (``()``: nothing to
    bind; None: the call does not fit, which the caller reports). ``error_at``
    makes the refusal located at the call."""
    args = src.tree.args
    named = [a.id for a in args.posonlyargs + args.args]
    kwonly = [a.id for a in args.kwonlyargs]
    extra = max(0, n_positional - len(named))
    extra_kw = [k for k in keywords if k not in named + kwonly]
    if extra and args.vararg is None or extra_kw and args.kwarg is None:
        return None  # a plain mismatch: the caller reports it
    if args.vararg is None and args.kwarg is None:
        return ()
    star = args.vararg.id if args.vararg is not None else None
    dstar = args.kwarg.id if args.kwarg is not None else None
    body_names = set()
    for node in gast.walk(gast.Module(body=src.tree.body, type_ignores=[])):
        if isinstance(node, gast.Name):
            body_names.add(node.id)
            if node.id in (star, dstar) and not isinstance(node.ctx, gast.Load):
                which = f"*{star}" if node.id == star else f"**{dstar}"
                raise src.error(f"`{node.id}` ({which} of `{src.tree.name}`) is assigned to "
                                "here; a differentiated function may only read its *args "
                                "and **kwargs: assign to a new name", node)
    taken = body_names | set(named) | set(kwonly)
    new_pos = []
    for i in range(extra):
        n = f"{star}_{i + 1}"
        while n in taken:
            n += "_"
        taken.add(n)
        new_pos.append(n)
    for k in extra_kw:
        if k in body_names:
            raise error_at(f"the keyword argument `{k}` reaches **{dstar} of "
                           f"`{src.tree.name}`, which uses the name `{k}` itself; pass it "
                           "under another name")
    _Bind(star, dstar, new_pos, extra_kw).visit(gast.Module(body=src.tree.body,
                                                            type_ignores=[]))
    args.args = args.args + [_name(n, gast.Param()) for n in new_pos]
    args.kwonlyargs = args.kwonlyargs + [_name(k, gast.Param()) for k in extra_kw]
    args.kw_defaults = args.kw_defaults + [None] * len(extra_kw)
    args.vararg = args.kwarg = None
    if extra:  # every named positional parameter is given: its default is not used
        args.defaults = []
        src.defaults = None
    return (extra, tuple(extra_kw))


class _Bind(gast.NodeTransformer):
    def __init__(self, star, dstar, pos, kws):
        self.star, self.dstar, self.pos, self.kws = star, dstar, pos, kws

    def visit_Call(self, node):
        new_args = []
        for a in node.args:
            if isinstance(a, gast.Starred) and isinstance(a.value, gast.Name) and \
                    a.value.id == self.star:
                new_args += [load(n) for n in self.pos]
            else:
                new_args.append(a)
        new_kws = []
        for k in node.keywords:
            if k.arg is None and isinstance(k.value, gast.Name) and k.value.id == self.dstar:
                new_kws += [gast.keyword(arg=n, value=load(n)) for n in self.kws]
            else:
                new_kws.append(k)
        node.args, node.keywords = new_args, new_kws
        self.generic_visit(node)
        return node

    def visit_Name(self, node):
        if node.id == self.star and self.star is not None:
            return gast.copy_location(
                gast.Tuple(elts=[load(n) for n in self.pos], ctx=gast.Load()), node)
        if node.id == self.dstar and self.dstar is not None:
            return gast.copy_location(
                gast.Dict(keys=[const(k) for k in self.kws], values=[load(k) for k in self.kws]),
                node)
        return node
