"""Tuple variables in the ANF pass: a list/tuple argument (``params``) or a
tuple bound to a name resolves statically to its elements. Unpacking and
constant indexing pick an element; a variable index becomes one branch per
element (``_select``); any other use is refused (``check_tuples``)."""

from __future__ import annotations

import copy

import gast
import numpy as np

from pullback import checks, rules
from pullback.front.tuple_calls import Arity, Keys, literal_keys
from pullback.syntax.astutil import assign, builtin, const, constant_slice, load, located, store


class TupleVariables:
    """Mixin of :class:`pullback.front.anf.Anf`."""

    def once(self, name) -> bool:
        """May ``name`` become a tuple variable here: bound once, or only by
        statements ``name = ...`` of the function's own block (``straight_names``),
        which the ANF meets in the order they run (each binding its own elements)."""
        return self.defs.get(name, 1) == 1 or name in self.straight

    def assign(self, s, no_grad):
        """One assignment; a tuple variable rebound (``once``) to anything but a
        tuple is one no longer."""
        t = s.targets[0]
        if not (isinstance(t, gast.Name) and t.id in self.straight and t.id in self.tuples):
            return self._assign(s, no_grad)
        before = self.tuples[t.id]
        out = self._assign(s, no_grad)
        if self.tuples.get(t.id) is before:  # (not bound to new elements)
            for known in (self.tuples, self.tuple_keys, self.tuple_fields):
                known.pop(t.id, None)
        return out

    def _tuple_node(self, e):
        """The display node a tuple variable (or a constant-index element of one)
        stands for, or None. A dict parameter's display carries its keys."""
        if isinstance(e, gast.Name):
            items = self.tuples.get(e.id)
            if items is None:
                return None
            node = gast.Tuple(elts=items, ctx=gast.Load())
            node.pb_keys = self.tuple_keys.get(e.id)
            node.pb_fields = self.tuple_fields.get(e.id)
            return node
        if isinstance(e, (gast.Tuple, gast.List)) and isinstance(e.ctx, gast.Load) and \
                all(isinstance(x, (gast.Name, gast.Constant)) for x in e.elts):
            return e  # a display of names: ``(x, y)[0]`` is ``x``
        if isinstance(e, gast.Subscript) and isinstance(e.slice, gast.Slice):
            outer = self._tuple_node(e.value)  # params[:-1], params[1:], params[::-1]
            part = constant_slice(e.slice)
            if outer is None or part is None or getattr(outer, "pb_keys", None) is not None:
                return None
            return gast.Tuple(elts=outer.elts[part], ctx=gast.Load())
        if isinstance(e, (gast.Subscript, gast.Attribute)):
            item = self._tuple_item(e)
            return item if isinstance(item, gast.Tuple) else None
        return None

    def _tuple_item(self, e):
        """``t[k]`` for a tuple variable ``t`` and a constant ``k`` (a str, an int or
        a tuple of them), or ``t.name`` for a namedtuple: the element."""
        outer = self._tuple_node(e.value)
        if outer is None:
            return None
        if isinstance(e, gast.Attribute):
            names = getattr(outer, "pb_fields", None) or ()
            return outer.elts[names.index(e.attr)] if e.attr in names else None
        ok, k = _constant_key(e.slice)
        if not ok:
            return None
        keys = getattr(outer, "pb_keys", None)
        if keys is not None:
            return outer.elts[keys.index(k)] if k in keys else None
        if isinstance(k, int) and not isinstance(k, bool) and -len(outer.elts) <= k < len(outer.elts):
            return outer.elts[k]
        return None

    def _tuple_items(self, e):
        """The element expressions of a tuple variable (or element), or None; never
        for a dict (unpacking a dict would give its keys)."""
        node = self._tuple_node(e)
        if node is None or getattr(node, "pb_keys", None) is not None:
            return None
        return node.elts

    def _split_unpacked(self, s, no_grad):
        """``parts = np.split(x, [2, 5])`` with a piece count the code states (or
        ``np.meshgrid(x, y)``: one grid per input): the pieces become variables
        of their own (``_e1, _e2, _e3 = np.split(...)``), and ``parts`` a tuple
        variable of them, so ``parts[2]`` is one piece even when the pieces
        differ in shape."""
        value, name = s.value, s.targets[0].id
        if not isinstance(value, gast.Call) or not self.once(name):
            return None  # (a temporary of the ANF is not in defs: defined once)
        callee = self.resolver.callee(value.func)
        if callee.kind in ("user", "local"):  # ``t = pair(x)``: as ``a, b = pair(x)``
            n = self._arity().of_call(value)
            return None if n is None else self._unpack_into(s, name, value, n, no_grad)
        obj = callee.obj
        if obj is checks.fresh_result and value.args and name in self.lists:
            return self._checked_list(s, name, value, no_grad)  # a checked ``L = rows(a)``
        if obj is checks.fresh_result and value.args:  # a checked ``t = pair(a, x)``
            n = self._arity().of_call(value.args[0])
            return None if n is None else self._checked_unpack(s, name, value, n, no_grad)
        fields = _tuple_fields(obj, value)
        if fields is not None:
            return self._unpack_into(s, name, value, len(fields), no_grad, fields)
        if obj is np.meshgrid and not any(isinstance(a, gast.Starred) for a in value.args):
            return self._unpack_into(s, name, value, len(value.args), no_grad)  # one per input
        if not any(obj is f for f in (np.split, np.array_split, np.vsplit, np.hsplit, np.dsplit)):
            return None
        sections = value.args[1] if len(value.args) > 1 else \
            next((k.value for k in value.keywords if k.arg == "indices_or_sections"), None)
        if isinstance(sections, gast.Constant) and isinstance(sections.value, int) and \
                not isinstance(sections.value, bool) and sections.value > 0:
            n = sections.value
        elif isinstance(sections, (gast.List, gast.Tuple)):
            n = len(sections.elts) + 1
        else:
            return None
        return self._unpack_into(s, name, value, n, no_grad)

    def _arity(self):
        if getattr(self, "_arity_of", None) is None or self._arity_of[0] is not self.body:
            self._arity_of = (self.body, Arity(self.resolver, self.body, _tuple_fields))
        return self._arity_of[1]

    def _tuple_return(self, value, pre):
        """``return v`` of a value known to hold k values (a call of a function
        returning k, a name bound once to one) as the display of its k elements,
        so this function's outputs are counted as its callers count them
        (``front/tuple_calls.py``)."""
        n = self._arity().of_value(value)
        if n is None:
            return value
        if isinstance(n, Keys) and self.top:
            raise self.source.error(
                "the function being differentiated returns a dict of differentiated "
                "values; return its values as a tuple (return d[\"a\"], d[\"b\"]), or "
                "differentiate a function that returns one of them", self.cur)
        atom = self.atomize(value, pre, name_atoms=True, name="out")
        node = self._tuple_node(atom)
        if isinstance(n, Keys):  # a dict: its values in the order of the keys counted
            if node is not None and set(getattr(node, "pb_keys", None) or ()) == set(n):
                return gast.Tuple(elts=[copy.deepcopy(node.elts[node.pb_keys.index(k)])
                                        for k in n], ctx=gast.Load())
            return gast.Tuple(elts=[gast.Subscript(value=copy.deepcopy(atom), slice=const(k),
                                                   ctx=gast.Load()) for k in n],
                              ctx=gast.Load())
        items = self._tuple_items(atom)
        if items is not None and len(items) == n:
            return gast.Tuple(elts=[copy.deepcopy(e) for e in items], ctx=gast.Load())
        return gast.Tuple(elts=[gast.Subscript(value=copy.deepcopy(atom), slice=const(i),
                                               ctx=gast.Load()) for i in range(n)],
                          ctx=gast.Load())

    def _checked_unpack(self, s, name, value, n, no_grad):
        """``t = fresh_result(pair(a, x), (a,), text)`` (analysis/fresh_calls.py):
        ``_e1, _e2 = pair(a, x)``, then the check of ``(_e1, _e2)`` as a statement of
        its own (it returns its value unchanged), and ``t`` the tuple of them."""
        out = self._unpack_into(s, name, value.args[0], n, no_grad)
        pack = out[-1]
        checked = copy.deepcopy(pack.value)  # (a dict's: its values, for the check's message)
        if isinstance(checked, gast.Dict):
            checked.values = [copy.deepcopy(e) for e in self.tuples[name]]
        call = gast.Call(func=copy.deepcopy(value.func),
                         args=[checked] + [copy.deepcopy(a)
                                                             for a in value.args[1:]],
                         keywords=[])
        check = located(assign(self.namer.fresh("_ck"), call), s)
        check.pb_active = False
        check.pb_src = getattr(s, "pb_src", None)
        return out[:-1] + [check, pack]

    def _checked_list(self, s, name, value, no_grad):
        """``L = fresh_result(rows(a), (a,), text)`` of a returned list: ``L = rows(a)``,
        then the check of ``L`` as a statement of its own."""
        bind = located(assign(name, value.args[0]), s)
        bind.pb_src = getattr(s, "pb_src", None)
        out = self.assign(bind, no_grad)
        check = located(assign(self.namer.fresh("_ck"), gast.Call(
            func=copy.deepcopy(value.func), args=[load(name)] + [copy.deepcopy(a) for a in
                                                                value.args[1:]],
            keywords=[])), s)
        check.pb_active = False
        check.pb_src = getattr(s, "pb_src", None)
        return out + [check]

    def _unpack_into(self, s, name, value, n, no_grad, fields=None):
        """``name = f(...)`` of a call giving ``n`` values: fresh variables for
        them and ``name`` a tuple variable (a namedtuple's ``fields`` too; a dict's
        keys for :class:`Keys`, and ``name`` then a dict of them)."""
        keys = n if isinstance(n, Keys) else None
        names = [self.namer.fresh("_e") for _ in range(len(n) if keys else n)]
        if not no_grad:  # (so ``a, b = parts`` later is active: it was not, a zero gradient)
            self.activity.active.update(names)
        unpack = located(gast.Assign(targets=[gast.Tuple(elts=[store(v) for v in names],
                                                         ctx=gast.Store())],
                                     value=value, type_comment=None), s)
        unpack.pb_src = getattr(s, "pb_src", None)
        unpack.pb_split = True  # (a dict's values, by the callee's build: not its keys)
        out = self.assign(unpack, no_grad)
        self.tuples[name] = [load(v) for v in names]
        if fields:
            self.tuple_fields[name] = fields
        packed = gast.Tuple(elts=[load(v) for v in names], ctx=gast.Load())
        if keys:
            self.tuple_keys[name] = keys
            packed = gast.Dict(keys=[const(k) for k in keys], values=packed.elts)
        pack = located(assign(name, packed), s)
        pack.pb_active = False
        return out + [pack]

    def _dict_display(self, s, keys, no_grad):
        """``d = {"W": w, "b": b}`` (or ``dict(W=w, b=b)``) bound once: each value
        becomes a variable of its own, and ``d`` a tuple variable with those keys."""
        value = s.value
        out, elts = [], []
        for v in value.values if isinstance(value, gast.Dict) else [k.value for k in value.keywords]:
            tmp = self.namer.fresh("_e")
            out += self.assign(located(assign(tmp, v), s), no_grad)
            elts.append(load(tmp))
        name = s.targets[0].id
        self.tuples[name] = elts
        self.tuple_keys[name] = keys
        pack = assign(name, gast.Dict(keys=[const(k) for k in keys], values=elts))
        pack.pb_active = False
        return out + [located(pack, s)]

    def _seq_or_atom(self, e, pre, user=False):
        """An argument as an atom, or as the display of the list/tuple it stands for;
        for the user's own function (``user``) dicts, namedtuples and parts of
        containers (``p["layer"]``, ``params[1:]``) too: its parameter is then a
        container of the same structure (keys and fields kept)."""
        node = self._tuple_node(e) if user and not isinstance(e, (gast.List, gast.Tuple)) \
            else None
        items = self._tuple_items(e) if isinstance(e, gast.Name) else None
        keys = literal_keys(e, self.resolver) if user else None
        if node is not None:
            e = copy.deepcopy(node)
        elif keys is not None:  # f({"W": w, "b": b}): a dict display
            values = e.values if isinstance(e, gast.Dict) else [k.value for k in e.keywords]
            e = gast.Tuple(elts=list(values), ctx=gast.Load())
            e.pb_keys = keys
        elif items is not None:  # a tuple variable: the display it stands for
            e = gast.Tuple(elts=[copy.deepcopy(x) for x in items], ctx=gast.Load())
        if isinstance(e, (gast.List, gast.Tuple)):  # a (nested) sequence argument
            e.elts = [self._seq_or_atom(x, pre, user) for x in e.elts]
            return e
        if isinstance(e, gast.Starred):
            if self._active(e.value):
                raise self.source.error("*args in a differentiated call; pass the "
                                        "arguments one by one", self.cur)
            return e
        a = self.atomize(e, pre)
        if user and isinstance(a, gast.Name) and a is not e and \
                getattr(self._tuple_node(a), "pb_keys", None) is not None:
            return self._seq_or_atom(a, pre, user)  # g(f(x)) of a callee returning a dict
        items = self._tuple_items(a) if isinstance(a, gast.Name) else None
        if items is not None:  # a call giving a tuple (cho_factor): its elements' display
            return gast.Tuple(elts=[copy.deepcopy(x) for x in items], ctx=gast.Load())
        return a

    def displays(self) -> dict:
        """Each tuple variable's display (keys and fields kept), for a nested
        function that reads it: the callee is built for that container."""
        return {name: self._tuple_node(load(name)) for name in self.tuples}

    def _pinned(self, v, s, no_grad, out):
        """An element of a tuple built once, as it is now: a variable of its own
        (``_e1 = v``: a later ``v = ...`` does not change the tuple), or, for a
        container, a display of such elements (``((a, b), c)`` keeps its nesting)."""
        if isinstance(v, (gast.Tuple, gast.List)):
            return gast.Tuple(elts=[self._pinned(e, s, no_grad, out) for e in v.elts],
                              ctx=gast.Load())
        node = self._tuple_node(v)
        if node is not None:  # part of a tuple variable: its elements are pinned already
            return copy.deepcopy(node)
        tmp = self.namer.fresh("_e")
        out += self.assign(located(assign(tmp, v), s), no_grad)
        return load(tmp)

    def _variable_index(self, e):
        """In a chain ``P[..][i][..]`` rooted at a list/tuple variable, the subscript
        nearest the root whose index is not a constant (and whose base is known)."""
        chain = []
        while isinstance(e, gast.Subscript):
            chain.append(e)
            e = e.value
        if not (isinstance(e, gast.Name) and e.id in self.tuples):
            return None
        for sub in reversed(chain):
            if not isinstance(sub.slice, gast.Constant):
                if isinstance(sub.slice, (gast.Slice, gast.Tuple)):
                    return None
                return sub if self._tuple_node(sub.value) is not None else None
        return None

    def _select(self, s, no_grad):
        """``target = P[i]...`` for a list/tuple ``P`` of differentiated arrays and a
        variable ``i``: one branch per element, so each branch indexes with a
        constant (Python's negative indices and IndexError included)."""
        value = s.value
        var = self._variable_index(value)
        n = len(self._tuple_node(var.value).elts)
        k = self.namer.fresh("_k")
        pick = located(assign(k, var.slice), s)
        pick.pb_active = False
        chain = [gast.Raise(exc=gast.Call(func=builtin("IndexError"),
                                          args=[const("index out of range")], keywords=[]),
                            cause=None)]
        for j in reversed(range(n)):
            var.slice, saved_slice = const(j), var.slice
            branch = gast.Assign(targets=[copy.deepcopy(s.targets[0])],
                                 value=copy.deepcopy(value), type_comment=None)
            var.slice = saved_slice
            if isinstance(s.targets[0], gast.Name) and self._tuple_node(branch.value) is not None:
                # (a name for a container chosen at run time has no static elements)
                raise self.source.error(
                    "a list, tuple or dict chosen from a container by a variable index "
                    "(p[i], or a loop with enumerate/zip/range over it): unpack it where it "
                    "is chosen (W, b = params[i]), index through it (params[i][\"W\"]), or "
                    "loop over the container itself (for layer in params:)", s)
            test = gast.BoolOp(op=gast.Or(), values=[
                gast.Compare(left=load(k), ops=[gast.Eq()], comparators=[const(j)]),
                gast.Compare(left=load(k), ops=[gast.Eq()], comparators=[const(j - n)])])
            chain = [located(gast.If(test=test, body=self.assign(located(branch, s), no_grad),
                                      orelse=chain), s)]
        for st in [pick] + chain:
            st.pb_src = getattr(s, "pb_src", None)
        for node_ in gast.walk(chain[0]):
            if isinstance(node_, gast.stmt) and not hasattr(node_, "pb_active"):
                node_.pb_active = False
                node_.pb_src = getattr(s, "pb_src", None)
        return [pick] + chain


def _tuple_fields(obj, call):
    """The field names of the tuple a primitive call returns (declared by its rule,
    ``Rule.extra["fields"]``), or None for a call that returns one array (a
    keyword that ``extra["single_if"]`` names set to its value)."""
    rule = rules.lookup(obj) if obj is not None else None
    fields = rule.extra.get("fields") if rule is not None else None
    if fields is None:
        return None
    single = rule.extra.get("single_if")
    if single is not None:
        for k in call.keywords:
            if k.arg == single[0]:
                if not isinstance(k.value, gast.Constant):
                    return None
                if k.value.value == single[1]:
                    return None
    return fields


def _constant_key(node):
    """(True, value) for a constant index or dict key (``("w", 1)`` included)."""
    if isinstance(node, gast.Constant):
        return True, node.value
    if isinstance(node, gast.Tuple):
        parts = [_constant_key(e) for e in node.elts]
        if all(ok for ok, _ in parts):
            return True, tuple(v for _, v in parts)
    return False, None


def straight_names(body) -> set:
    """Names bound more than once, each time by an assignment ``name = ...`` that is a
    statement of ``body`` itself (no branch or loop around it), and read by no nested
    function or lambda (which could run between two bindings)."""
    stores, top = {}, {}
    for s in body:
        if isinstance(s, gast.Assign) and len(s.targets) == 1 and \
                isinstance(s.targets[0], gast.Name):
            top[s.targets[0].id] = top.get(s.targets[0].id, 0) + 1
        for n in gast.walk(s):
            if isinstance(n, gast.Name) and isinstance(n.ctx, gast.Store):
                stores[n.id] = stores.get(n.id, 0) + 1
    nested = {n.id for s in body for f in gast.walk(s)
              if isinstance(f, (gast.FunctionDef, gast.Lambda)) for n in gast.walk(f)
              if isinstance(n, gast.Name)}
    return {k for k, v in top.items() if v > 1 and stores.get(k) == v and k not in nested}
