"""Stage 2b: list comprehensions and generator expressions become the loops they are.

    y = np.array([np.sin(xi) * xi for xi in x if xi > 0])

is rewritten, before anything else looks at the body, into

    _list1 = []
    for xi in x:
        if xi > 0:
            _list1.append(np.sin(xi) * xi)
    y = np.array(_list1)

(``map(f, xs)`` is read as the generator ``(f(v) for v in xs)`` first) so the
rest of the pipeline sees a list that grows by ``append`` and is then
consumed whole (:mod:`pullback.analysis.lists`), which every mode already
differentiates. A generator expression is built as a list only where it is
consumed at once, as the one argument of ``sum`` or ``list``; anywhere else
(bound to a name, zipped, partly consumed) Python computes its elements later,
so it is left as written and refused.

The loop is placed before the statement, so it must be evaluated exactly where
Python would have evaluated the comprehension. It is lowered only when that is
proven: the comprehension is not inside a branch of ``a if c else b``, a later
operand of ``and``/``or``, a lambda, a ``while`` test, or after a call in the
same statement that could change what it reads (the user's own or an unknown
function). Anything else is left as written, and refused later if it holds
differentiated values. A loop variable keeps the user's name unless that name
is used anywhere else in the function (it is then numbered: a comprehension's
variables are its own).
"""

from __future__ import annotations

import copy
import functools

import gast

from pullback.front.tuple_calls import own_returns
from pullback.syntax.astutil import builtin, load, store

_COMPREHENSIONS = (gast.ListComp, gast.GeneratorExp)
#: callee kinds that cannot change a list or array the comprehension reads
_PURE_KINDS = ("rule", "nondiff", "method", "stop", "no_grad")


class Comprehensions:
    def __init__(self, namer, resolver):
        self.namer = namer
        self.resolver = resolver
        self.free: set[str] = set()

    def body(self, stmts):
        tree = gast.Module(body=stmts, type_ignores=[])
        self.free = _free_occurrences(tree)
        stores = {}
        for n in gast.walk(tree):
            if isinstance(n, gast.Name) and isinstance(n.ctx, gast.Store):
                stores[n.id] = stores.get(n.id, 0) + 1
        self.stores = stores
        returns = own_returns(tree)
        self.returned = None  # one list for every ``return [...]``, when all are such
        if len(returns) > 1 and any(stmts[-1] is r for r in returns) and all(
                isinstance(r.value, gast.List) and
                not any(isinstance(e, gast.Starred) for e in r.value.elts) for r in returns):
            self.returned = self.namer.fresh("_list")
            stmts.insert(0, _located(gast.Assign(targets=[store(self.returned)], value=gast.List(
                elts=[], ctx=gast.Load()), type_comment=None), stmts[0]))
        self.grown = {n.func.value.id for n in gast.walk(tree) if isinstance(n, gast.Call)
                      and isinstance(n.func, gast.Attribute) and n.func.attr == "append" and
                      isinstance(n.func.value, gast.Name)}
        return self.block(stmts)

    def block(self, stmts):
        out = []
        for s in stmts:
            out.extend(self.stmt(s))
        return out

    def stmt(self, s):
        for field in ("body", "orelse"):
            if isinstance(s, (gast.If, gast.For, gast.While, gast.With)) and hasattr(s, field):
                setattr(s, field, self.block(getattr(s, field)))
        if isinstance(s, gast.FunctionDef):
            return [s]  # lowered when that function is transformed
        if isinstance(s, gast.Assign) and len(s.targets) == 1 and \
                isinstance(s.targets[0], gast.Name) and s.targets[0].id in self.grown and \
                self.stores.get(s.targets[0].id) == 1 and isinstance(s.value, gast.List) and \
                s.value.elts and not any(isinstance(e, gast.Starred) for e in s.value.elts):
            # ``hs = [h0]`` of a list appended to later: made empty, then appended to
            name = s.targets[0].id
            made = [_located(gast.Assign(targets=[store(name)],
                                         value=gast.List(elts=[], ctx=gast.Load()),
                                         type_comment=None), s)]
            for e in s.value.elts:
                made.append(_located(gast.Expr(value=gast.Call(
                    func=gast.Attribute(value=load(name), attr="append", ctx=gast.Load()),
                    args=[e], keywords=[])), s))
            return self.block(made)
        if isinstance(s, gast.Return) and isinstance(s.value, gast.List) and \
                not any(isinstance(e, gast.Starred) for e in s.value.elts):
            # ``return [a, b]``: a list made here, so a caller may index or loop over it
            # (with several such returns, made once at the top: at most one appends)
            name = self.returned or self.namer.fresh("_list")
            made = [] if self.returned else [_located(gast.Assign(
                targets=[store(name)], value=gast.List(elts=[], ctx=gast.Load()),
                type_comment=None), s)]
            for e in s.value.elts:
                made.append(_located(gast.Expr(value=gast.Call(
                    func=gast.Attribute(value=load(name), attr="append", ctx=gast.Load()),
                    args=[e], keywords=[])), s))
            s.value = load(name)
            s.value.pb_returned_display = True  # (named so in messages)
            return self.block(made) + [s]
        pre = []
        if _root(s) is not None:
            for convert in (self._map_generator, self._listed_generator):
                for node in list(gast.walk(_root(s))):
                    self._maps_as_generators(node, convert)
        while True:
            root = _root(s)
            comp = None if root is None else self._next(s, root)
            if comp is None:
                return pre + [s]
            pre.extend(self._lower(s, comp))
            if getattr(s, "pb_lowered", False):
                return pre  # ``name = [...]`` itself became the loop

    def _maps_as_generators(self, node, convert):
        """``map(f, a, b)`` as ``(f(v1, v2) for v1, v2 in zip(a, b))`` (a lambda's
        body inlined, ``functools.partial(g, c)`` called as ``g(c, ...)``): the
        same calls, in the same order, when ``f`` is a name, a lambda or a partial
        of one (evaluated once by map; here once per element, which for these
        gives the same function)."""
        for field, value in gast.iter_fields(node):
            items = value if isinstance(value, list) else [value]
            for k, call in enumerate(items):
                gen = convert(call)
                if gen is None:
                    continue
                gast.copy_location(gen, call)
                if isinstance(value, list):
                    value[k] = gen
                else:
                    setattr(node, field, gen)

    def _listed_generator(self, call):
        """``list(v for ...)`` is ``[v for ...]``."""
        if isinstance(call, gast.Call) and len(call.args) == 1 and not call.keywords and \
                isinstance(call.args[0], _COMPREHENSIONS) and \
                self.resolver.callee(call.func).obj is list:
            g = call.args[0]
            return gast.ListComp(elt=g.elt, generators=g.generators)
        return None

    def _map_generator(self, call):
        if not (isinstance(call, gast.Call) and len(call.args) >= 2 and not call.keywords and
                self.resolver.callee(call.func).obj is map and
                not any(isinstance(a, gast.Starred) for a in call.args)):
            return None
        f, seqs = call.args[0], call.args[1:]
        if isinstance(f, gast.Lambda):
            a = f.args
            params = [p.id for p in a.posonlyargs + a.args]
            if a.vararg or a.kwarg or a.kwonlyargs or a.defaults or len(params) != len(seqs):
                return None
            elt, names = f.body, params
        else:
            if isinstance(f, gast.Call) and f.args and not any(
                    isinstance(x, gast.Starred) for x in f.args) and \
                    self.resolver.callee(f.func).obj is functools.partial:
                head, fixed, keywords = f.args[0], list(f.args[1:]), list(f.keywords)
            elif isinstance(f, (gast.Name, gast.Attribute)):
                head, fixed, keywords = f, [], []
            else:
                return None
            if not isinstance(head, (gast.Name, gast.Attribute)):
                return None
            names = [self.namer.fresh("_v") for _ in seqs]
            elt = gast.Call(func=head, args=fixed + [load(n) for n in names], keywords=keywords)
        target = store(names[0]) if len(names) == 1 else \
            gast.Tuple(elts=[store(n) for n in names], ctx=gast.Store())
        it = seqs[0] if len(seqs) == 1 else gast.Call(func=builtin("zip"), args=list(seqs),
                                                      keywords=[])
        return gast.GeneratorExp(elt=elt, generators=[gast.comprehension(
            target=target, iter=it, ifs=[], is_async=0)])

    def _next(self, s, root):
        """The first comprehension in ``root`` (evaluation order) that can be hoisted."""
        order, ancestors = [], {}
        _walk(root, (), order, ancestors)
        for i, n in enumerate(order):
            if not isinstance(n, _COMPREHENSIONS) or getattr(n, "pb_kept", False):
                continue
            path = ancestors[id(n)]
            if isinstance(n, gast.GeneratorExp) and not self._consumed_at_once(n, path):
                n.pb_kept = True  # lazy: its elements are computed when something asks
                continue
            if _conditional(path, n) or any(isinstance(c, _COMPREHENSIONS) for c in order[:i]) \
                    or any(
                    isinstance(c, gast.Call) and id(c) not in {id(p) for p in path} and
                    not _inside(c, n, ancestors) and
                    self.resolver.callee(c.func).kind not in _PURE_KINDS
                    for c in order[:i]):
                n.pb_kept = True  # left as written: refused later if differentiated
                continue
            return n
        return None

    def _consumed_at_once(self, gen, path) -> bool:
        """Is the generator the one argument of ``sum(...)`` or ``list(...)``, which
        take every element before anything else runs (so a list is the same)?"""
        call = path[-1] if path else None
        return isinstance(call, gast.Call) and call.args == [gen] and not call.keywords and \
            any(self.resolver.callee(call.func).obj is f for f in (sum, list))

    def _lower(self, s, comp):
        """The statements that build ``comp``'s list; ``comp`` is replaced by its name."""
        mapping = {}
        gens = []
        for g in comp.generators:
            if g.is_async:
                comp.pb_kept = True
                return []
            it = _rename(copy.deepcopy(g.iter), mapping)
            for name in sorted(_bound(g.target)):
                mapping[name] = name if name not in self.free else self.namer.fresh(name)
            target = _rename(copy.deepcopy(g.target), mapping)
            ifs = [_rename(copy.deepcopy(c), mapping) for c in g.ifs]
            gens.append((target, it, ifs))
        elt = _rename(copy.deepcopy(comp.elt), mapping)
        whole = isinstance(s, gast.Assign) and len(s.targets) == 1 and s.value is comp and \
            isinstance(s.targets[0], gast.Name) and self.stores.get(s.targets[0].id) == 1 and \
            s.targets[0].id not in {n.id for n in gast.walk(comp) if isinstance(n, gast.Name)}
        name = s.targets[0].id if whole else self.namer.fresh("_list")
        inner = [_located(gast.Expr(value=gast.Call(
            func=gast.Attribute(value=load(name), attr="append", ctx=gast.Load()),
            args=[elt], keywords=[])), s)]
        for target, it, ifs in reversed(gens):
            for c in reversed(ifs):
                inner = [_located(gast.If(test=c, body=inner, orelse=[]), s)]
            inner = [_located(gast.For(target=target, iter=it, body=inner, orelse=[],
                                       type_comment=None), s)]
        init = _located(gast.Assign(targets=[store(name)], value=gast.List(elts=[],
                                                                        ctx=gast.Load()),
                                    type_comment=None), s)
        if whole:
            s.pb_lowered = True
        else:
            use = load(name)
            use.pb_comprehension = True  # (named so in messages)
            _replace(s, comp, use)
        return [init] + self.block(inner)


def kept_refusal(e) -> str:
    """Why a comprehension left as written (over differentiated values) is refused."""
    if isinstance(e, gast.GeneratorExp):
        return ("a generator expression over differentiated values that is not consumed "
                "at once by sum(...) or list(...): Python computes its elements later, "
                "when they are asked for; write a list comprehension [...] instead")
    if isinstance(e, (gast.SetComp, gast.DictComp)):
        return ("a dict or set comprehension over differentiated values is not followed; "
                "write the dict with constant keys ({\"a\": ..., \"b\": ...}) or use a "
                "list comprehension [...]")
    return ("a comprehension over differentiated values that this statement may not "
            "evaluate, or evaluates after a call of your own function (in `a if c else "
            "b`, after `and`/`or`, in a `while` test, in a lambda): bind it to a "
            "variable on a line of its own first (ys = [...])")


def _root(s):
    """The expression of ``s`` evaluated before it runs (None: none to lower)."""
    if isinstance(s, (gast.Assign, gast.AugAssign, gast.AnnAssign, gast.Return, gast.Expr)):
        return s.value
    return s.test if isinstance(s, gast.If) else s.iter if isinstance(s, gast.For) else None


def _located(node, like):
    gast.copy_location(node, like)
    node.pb_src = getattr(like, "pb_src", None)
    return node


def _walk(node, path, order, ancestors):
    """Pre-order (Python's evaluation order for the forms that matter here)."""
    order.append(node)
    ancestors[id(node)] = path
    if isinstance(node, (gast.Lambda,) + _COMPREHENSIONS):
        return  # its inside runs later or in a scope of its own
    for child in gast.iter_child_nodes(node):
        _walk(child, path + (node,), order, ancestors)


def _inside(node, comp, ancestors) -> bool:
    return any(p is comp for p in ancestors.get(id(node), ()))


def _conditional(path, node) -> bool:
    """Is ``node`` evaluated only on some runs of the expression it sits in?"""
    chain = list(path) + [node]
    for parent, child in zip(chain, chain[1:]):
        if isinstance(parent, gast.IfExp) and child is not parent.test:
            return True
        if isinstance(parent, gast.BoolOp) and child is not parent.values[0]:
            return True
    return False


def _bound(target) -> set[str]:
    return {n.id for n in gast.walk(target) if isinstance(n, gast.Name)}


def _rename(node, mapping):
    """Rename free uses of ``mapping``'s names, respecting inner scopes."""
    if not mapping:
        return node
    if isinstance(node, gast.Name):
        if node.id in mapping:
            node.id = mapping[node.id]
        return node
    if isinstance(node, gast.Lambda):
        params = {a.id for a in node.args.args + node.args.kwonlyargs + node.args.posonlyargs}
        node.body = _rename(node.body, {k: v for k, v in mapping.items() if k not in params})
        return node
    if isinstance(node, _COMPREHENSIONS + (gast.SetComp, gast.DictComp)):
        inner = dict(mapping)
        for g in node.generators:
            g.iter = _rename(g.iter, inner)
            for n in _bound(g.target):
                inner.pop(n, None)
            g.ifs = [_rename(c, inner) for c in g.ifs]
        if isinstance(node, gast.DictComp):
            node.key, node.value = _rename(node.key, inner), _rename(node.value, inner)
        else:
            node.elt = _rename(node.elt, inner)
        return node
    for field, value in gast.iter_fields(node):
        if isinstance(value, list):
            setattr(node, field, [_rename(v, mapping) if isinstance(v, gast.AST) else v
                                  for v in value])
        elif isinstance(value, gast.AST):
            setattr(node, field, _rename(value, mapping))
    return node


def _replace(root, old, new) -> None:
    for node in gast.walk(root):
        for field, value in gast.iter_fields(node):
            if value is old:
                setattr(node, field, new)
                return
            if isinstance(value, list):
                for i, v in enumerate(value):
                    if v is old:
                        value[i] = new
                        return


def _free_occurrences(tree) -> set[str]:
    """Names used outside every comprehension that binds them (scope-aware)."""
    out: set[str] = set()

    def visit(node, bound):
        if isinstance(node, gast.Name):
            if node.id not in bound:
                out.add(node.id)
            return
        if isinstance(node, _COMPREHENSIONS + (gast.SetComp, gast.DictComp)):
            inner = set(bound)
            for g in node.generators:
                visit(g.iter, inner)
                inner |= _bound(g.target)
                for c in g.ifs:
                    visit(c, inner)
            for part in ([node.key, node.value] if isinstance(node, gast.DictComp)
                         else [node.elt]):
                visit(part, inner)
            return
        for child in gast.iter_child_nodes(node):
            visit(child, bound)

    visit(tree, frozenset())
    return out
