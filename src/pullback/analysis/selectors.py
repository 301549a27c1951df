"""A name that holds another name's array on some paths only, kept as a run-time flag.

``b = k`` inside a branch or a loop, then a write into ``k`` (or into ``b``),
then a read of ``b``: NumPy's ``b`` is ``k``'s array on the runs that took the
binding and its own array on the others. Replaying views (:mod:`views`) cannot
say which, so the memory check refuses the binding. When it does, the binding
is retried as a *selector*: a flag that says, at run time, which array ``b``
means, so that no two names share memory any more::

    b = k                 _b_is_k = True
    k[0] = x[0]           k[0] = x[0]
    b[1] = x[1]           if _b_is_k: k[1] = x[1]
                          else:       b[1] = x[1]
    y = np.sum(b * x)     if _b_is_k: y = np.sum(k * x)
                          else:       y = np.sum(b * x)
    b = np.ones(3)        b = np.ones(3); _b_is_k = False

The same holds for ``b = E``, a view of ``k`` by constants (``k[0]``, ``k.T[1:]``,
proven a view by :mod:`view_chains`): while the flag is set, ``b`` is ``E``
evaluated again. A statement is written once per value of the flag (its tests, loop ranges and
``return`` read ``k if _b_is_k else b``). ``b op= e`` while ``b`` means ``k``
is ``k op= e``, which NumPy does in place when ``k`` is an ndarray (proved by
:mod:`ndims`; otherwise the pair is not retried). The flag means ``k``'s array
only while the name ``k`` holds it, so a pair is retried only when ``k`` is bound
once (or is a parameter never rebound), at the top level, before every ``b = k``;
and ``b`` must not be read by a nested function or lambda (it would read the
stale name), nor be a loop target, nor be named by ``global``/``del``/``with``/``try``.
The rewritten program goes through the memory check again, which may still
refuse it: nothing here is taken on trust.
"""

from __future__ import annotations

import copy

import gast

from pullback.analysis.mutation import Mutation
from pullback.analysis.ndims import Ndims, is_array
from pullback.analysis.view_chains import Chains, loop_indices
from pullback.analysis.views import INPLACE_OPS
from pullback.errors import UnsupportedError
from pullback.syntax.astutil import const, load, unparse
from pullback.syntax.walk import definitions, statements_in_order, target_names

#: at most this many selectors in one function (each doubles the statements it touches)
LIMIT = 4


def with_selectors(body, analyse, source, namer, resolver, params, ndims=None):
    """``analyse(body)``, retried with a selector for each refused ``b = k``
    binding that :func:`_eligible` admits (``ndims``: the dimensions of array
    arguments, when known)."""
    body = _without_self_bindings(body, params)
    if not any(_alias(s) for s, _ in statements_in_order(body)):
        return analyse(body)
    original, pairs, flags = copy.deepcopy(body), [], {}
    tried = body
    while True:
        kept = copy.deepcopy(tried)
        try:
            return analyse(tried)
        except UnsupportedError as e:
            if e.filename != source.filename or len(pairs) >= LIMIT:
                raise
            new = [p for p in _refused_aliases(kept, e.lineno)
                   if p not in pairs and _eligible(kept, *p, resolver, params, ndims or {})]
            if not new:
                raise
            pairs.append(new[0])
            tried, moved, roots = _rewrite(original, pairs, flags, namer)
            if not _moves_exact(roots, moved, tried, resolver, params):
                raise


def _without_self_bindings(body, params):
    """``b = b`` dropped where ``b`` is surely bound (a parameter, or bound by an
    earlier top-level statement): it changes nothing, but would count as a binding
    of ``b`` to memory it shares."""
    bound, out = set(params), []
    for s in body:
        if _self_binding(s) and s.targets[0].id in bound:
            continue
        _drop_nested(s, bound)
        if isinstance(s, gast.Assign):
            bound |= {n for t in s.targets for n in target_names(t)}
        out.append(s)
    return out or body


def _drop_nested(s, bound):
    for field in ("body", "orelse"):
        block = getattr(s, field, None)
        if isinstance(block, list) and not isinstance(s, gast.FunctionDef):
            kept = [t for t in block if not (_self_binding(t) and t.targets[0].id in bound)]
            for t in kept:
                _drop_nested(t, bound)
            setattr(s, field, kept or ([gast.Pass()] if block else []))


def _rewrite(body, pairs, flags, namer):
    """``body`` with a selector for each pair; which pairs move ``k``'s array, and
    each pair's ``(a, k)``."""
    out, moved, roots = copy.deepcopy(body), [], []
    for a, key in pairs:
        expr = _alias_value(out, a, key)
        k = _view_root(expr)
        roots.append((a, k))
        if (a, key) not in flags:
            flags[(a, key)] = namer.unique(f"_{a}_is_{k}" if isinstance(expr, gast.Name)
                                           else f"_{a}_in_{k}")
        moved.append(_moves(out, a, key))
        out = Selector(a, expr, key, flags[(a, key)]).body(out)
    return out, moved, roots


def _moves_exact(roots, moved, rewritten, resolver, params) -> bool:
    """Where ``k`` is rebound while the flag is set, ``a`` takes a copy of ``k``: the
    same as NumPy only if no other name may hold ``k``'s array there (and no other
    pair involves ``a`` or ``k``)."""
    for i, (a, k) in enumerate(roots):
        if not moved[i]:
            continue
        if any({a, k} & {b, j} for b, j in roots[:i] + roots[i + 1:]):
            return False
        if not Mutation(None, resolver, params).moves_exact(copy.deepcopy(rewritten), k):
            return False
    return True


def _alias(s):
    """``(b, text of E)`` if ``s`` is the binding ``b = E`` of a name to another
    name ``k``, or to a view of it by constants (``k[0]``, ``k.T[1:]``)."""
    if isinstance(s, gast.Assign) and len(s.targets) == 1 and \
            isinstance(s.targets[0], gast.Name) and not getattr(s, "pb_aug", False):
        root = _view_root(s.value)
        if root is not None and root != s.targets[0].id:
            return s.targets[0].id, unparse(s.value).strip()
    return None


def _view_root(e):
    """``k`` for ``k`` and for basic indexing (by constants) and ``.T`` of it."""
    if isinstance(e, gast.Name):
        return e.id
    if isinstance(e, gast.Attribute) and e.attr == "T":
        return _view_root(e.value)
    if isinstance(e, gast.Subscript) and all(
            isinstance(n, (gast.Constant, gast.Slice, gast.Tuple, gast.UnaryOp, gast.USub,
                           gast.UAdd, gast.expr_context)) for n in gast.walk(e.slice)):
        return _view_root(e.value)
    return None


def _alias_value(body, a, key):
    """The expression of the first ``a = E`` whose text is ``key``."""
    return next(s.value for s, _ in statements_in_order(body) if _alias(s) == (a, key))


def _refused_aliases(body, lineno):
    """The ``b = k`` bindings on the refused line (for ``b = b`` there, every
    ``b = k`` of the function: the self-binding only passes ``k``'s array on)."""
    order = [s for s, _ in statements_in_order(body)]
    found = [p for s in order if getattr(s, "lineno", None) == lineno for p in [_alias(s)] if p]
    selves = {s.targets[0].id for s in order if getattr(s, "lineno", None) == lineno and
              _self_binding(s)}
    return found + [p for s in order for p in [_alias(s)] if p and p[0] in selves]


def _self_binding(s) -> bool:
    return isinstance(s, gast.Assign) and len(s.targets) == 1 and \
        isinstance(s.targets[0], gast.Name) and isinstance(s.value, gast.Name) and \
        s.targets[0].id == s.value.id and not getattr(s, "pb_aug", False)


def _names_in(node) -> set:
    return {n.id for n in gast.walk(node) if isinstance(n, gast.Name)}


def _eligible(body, a, key, resolver, params, param_ndims) -> bool:
    expr = _alias_value(body, a, key)
    k = _view_root(expr)
    for s, _ in statements_in_order(body):
        for n in gast.walk(s):
            if isinstance(n, (gast.FunctionDef, gast.Lambda)) and a in _names_in(n):
                return False  # a closure would read the stale name
            if isinstance(n, (gast.Global, gast.Nonlocal)) and {a, k} & set(n.names):
                return False
            if isinstance(n, (gast.Delete, gast.With, gast.Try)) and {a, k} & _names_in(n):
                return False
        if isinstance(s, gast.For) and {a, k} & set(target_names(s.target)):
            return False
    later = list(statements_in_order(body[_first_alias(body, a, key):]))
    kdefs = [later[p][0] for p in definitions(later).get(k, [])]
    adefs = [later[p][0] for p in definitions(later).get(a, [])]
    if any(not isinstance(s, gast.Assign) for s in kdefs + adefs):
        return False
    aug = any(getattr(s, "pb_aug", False) for s in kdefs + adefs)
    view = not isinstance(expr, gast.Name)
    if view and any(getattr(s, "pb_aug", False) and type(s.value.op) not in INPLACE_OPS
                    for s in adefs):
        return False
    if aug or view:
        ndims = Ndims(resolver, Chains(resolver, None, loop_indices(body)).is_int,
                      param_ndims).run(body)
        if aug and not is_array(ndims.of(load(k))):
            return False  # k op= e must change k's array in place: k must be an ndarray
        chains = Chains(resolver, ndims, loop_indices(body))
        if view and not (chains.chain(expr) or (None, None, False))[2]:
            return False  # E must be a view (k[0] of a vector is a number: a copy)
    return True


def _first_alias(body, a, key):
    """The index of the first top-level statement that holds ``a = E``."""
    return next(i for i, s in enumerate(body)
                if any(_alias(t) == (a, key) for t, _ in statements_in_order([s])))


def _moves(body, a, key) -> bool:
    """Does ``k`` get another array after the first ``a = E`` (so that the flag's
    array must move into ``a`` first)?"""
    k = _view_root(_alias_value(body, a, key))
    later = list(statements_in_order(body[_first_alias(body, a, key):]))
    return any(not getattr(later[p][0], "pb_aug", False)
               for p in definitions(later).get(k, []))


class Selector:
    """Rewrites a body for one pair: ``a`` means ``E`` (``k`` or a view of it by
    constants) while ``flag`` is set."""

    def __init__(self, a, expr, key, flag):
        self.a, self.expr, self.key, self.flag = a, expr, key, flag
        self.k = _view_root(expr)

    def body(self, body):
        """Statements before the first ``a = E`` stay as they are (the flag is
        clear there); the flag is cleared just before it."""
        i = _first_alias(body, self.a, self.key)
        return body[:i] + [self._flag_set(False, body[i])] + self.block(body[i:])

    def block(self, stmts):
        out = []
        for s in stmts:
            out.extend(self.stmt(s))
        return out or [gast.Pass()]

    def stmt(self, s):
        a = self.a
        if _alias(s) == (a, self.key):
            return [self._flag_set(True, s)]
        if _self_binding(s) and s.targets[0].id == a:
            return []  # a = a
        if isinstance(s, gast.Assign) and not getattr(s, "pb_aug", False) and \
                any(self.k in target_names(t) for t in s.targets):
            return [self._move(s), s]
        if isinstance(s, (gast.If, gast.While)):
            s.test = self._read(s.test)
            s.body, s.orelse = self.block(s.body), self.block(s.orelse) if s.orelse else []
            return [s]
        if isinstance(s, gast.For):
            s.iter = self._read(s.iter)
            s.body = self.block(s.body)
            s.orelse = self.block(s.orelse) if s.orelse else []
            return [s]
        if not isinstance(s, (gast.Assign, gast.Expr)):
            for field in ("value", "test", "msg", "exc"):
                if getattr(s, field, None) is not None:
                    setattr(s, field, self._read(getattr(s, field)))
            return [s]
        binds = isinstance(s, gast.Assign) and any(a in target_names(t) for t in s.targets)
        if not any(isinstance(n, gast.Name) and n.id == a and isinstance(n.ctx, gast.Load)
                   for n in gast.walk(s)):
            return [s, self._flag_set(False, s)] if binds else [s]
        then = copy.deepcopy(s)
        if getattr(s, "pb_aug", False) and binds:  # a op= e, while a means E: E op= e
            binds = False
            if isinstance(self.expr, gast.Name):  # k op= e (_eligible: k is an ndarray)
                then.targets = [gast.Name(id=self.k, ctx=gast.Store(), annotation=None,
                                          type_comment=None)]
                then.pb_alias_of = a  # (a run-time refusal names the user's a)
            else:  # E[...] = E op e, NumPy's in-place update of the view
                then.targets = [gast.Subscript(value=copy.deepcopy(self.expr),
                                               slice=const(Ellipsis), ctx=gast.Store())]
                then.pb_aug = False
                then.pb_inplace_op = INPLACE_OPS[type(s.value.op)]
        _Rename(a, self.expr).visit(then)
        split = gast.If(test=load(self.flag), body=[then], orelse=[s])
        gast.copy_location(split, s)
        split.pb_src = getattr(s, "pb_src", None)
        return [split] + ([self._flag_set(False, s)] if binds else [])

    def _move(self, like):
        """``if flag: a = E.copy(); flag = False``, before ``k`` is rebound: the
        array then lives on in ``a`` alone (``with_selectors`` proves that no
        other name can see it, so the copy is NumPy's own array)."""
        copied = gast.Call(func=gast.Attribute(value=copy.deepcopy(self.expr), attr="copy",
                                               ctx=gast.Load()), args=[], keywords=[])
        take = gast.Assign(targets=[gast.Name(id=self.a, ctx=gast.Store(), annotation=None,
                                              type_comment=None)],
                           value=copied, type_comment=None)
        gast.copy_location(take, like)
        take.pb_src = getattr(like, "pb_src", None)
        guard = gast.If(test=load(self.flag), body=[take, self._flag_set(False, like)],
                        orelse=[])
        gast.copy_location(guard, like)
        guard.pb_src = getattr(like, "pb_src", None)
        return guard

    def _read(self, e):
        """``e`` with each read of ``a`` as ``E if flag else a``."""
        return _Rename(self.a, self.expr, self.flag).visit(e)

    def _flag_set(self, value, like):
        s = gast.Assign(targets=[gast.Name(id=self.flag, ctx=gast.Store(), annotation=None,
                                           type_comment=None)],
                        value=const(value), type_comment=None)
        if like is not None:
            gast.copy_location(s, like)
            s.pb_src = getattr(like, "pb_src", None)
        return s


class _Rename(gast.NodeTransformer):
    """Reads of ``a`` as ``E`` (or, given a flag, as ``E if flag else a``)."""

    def __init__(self, a, expr, flag=None):
        self.a, self.expr, self.flag = a, expr, flag

    def visit_Name(self, node):
        if node.id != self.a or not isinstance(node.ctx, gast.Load):
            return node
        e = gast.copy_location(copy.deepcopy(self.expr), node)
        if self.flag is None:
            return e
        return gast.IfExp(test=load(self.flag), body=e, orelse=load(self.a))
