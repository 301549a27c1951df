"""The ANF's checks of lists and tuples of differentiated values (a mixin of
:class:`pullback.front.anf.Anf`): a growing list is only appended to or passed
whole, a tuple variable only unpacked or indexed with constants; any other use
would drop a derivative silently, so it is refused at the user's line."""

from __future__ import annotations

import gast


class ContainerChecks:
    """Mixin of :class:`pullback.front.anf.Anf`."""

    @staticmethod
    def _nested_append(name):
        return (f"appending a tuple, list or dict to the list `{name}` is not followed (its "
                f"elements must be arrays or numbers); append each array to a list of its "
                f"own, or stack them first (np.stack((a, b)))")

    def check_lists(self, stmts):
        """A growing list may only be appended to, or passed whole to a function with
        a derivative rule (np.stack, np.array, ...): anything else is refused."""
        for s in stmts:
            if getattr(s, "pb_append", None):
                continue
            allowed = set()
            if getattr(s, "pb_active", False) and isinstance(s, gast.Assign) and \
                    isinstance(s.value, gast.Call) and \
                    self.resolver.callee(s.value.func).kind in ("rule", "method"):
                allowed = {id(a) for a in s.value.args if isinstance(a, gast.Name)}
            for n in gast.walk(s):
                if isinstance(n, gast.Name) and isinstance(n.ctx, gast.Load) and \
                        n.id in self.lists and n.id in self.activity.active and \
                        id(n) not in allowed and not _returned_whole(s, n) and \
                        (getattr(s, "pb_active", False) or isinstance(s, gast.Return)):
                    if getattr(n, "pb_returned_display", False):
                        raise self.source.error(
                            "this function returns a list display ([...]) here and another "
                            "value at another `return`; return a list display at every "
                            "`return` (or a list built with append, the same one at each)", s)
                    if getattr(n, "pb_comprehension", False):
                        raise self.source.error(
                            "the list this comprehension builds holds differentiated values: "
                            "pass it whole to a NumPy function (np.stack([...]), sum(...)), "
                            "or bind it to a name of its own, bound nowhere else, and pass "
                            "that whole", s)
                    raise self.source.error(
                        f"the list `{n.id}` holds differentiated values; pass it whole to "
                        f"a NumPy function (np.stack({n.id}), np.array({n.id}), ...)", s)
        return stmts

    def check_tuples(self, stmts):
        """A tuple built from differentiated values may only be unpacked or indexed
        with a constant: anything else would silently drop its derivative."""
        for s in stmts:
            for n in gast.walk(s):
                if isinstance(n, gast.Call) and isinstance(n.func, gast.Attribute) and \
                        isinstance(n.func.value, gast.Name) and n.func.value.id in self.tuples:
                    if n.func.value.id.startswith("_"):  # a temporary: the user's expression
                        raise self.source.error(
                            f"`.{n.func.attr}(...)` of the list or tuple this expression gives "
                            "(differentiated arrays) is not followed: unpack it (a, b = ...), "
                            "or copy its items one by one ([v.copy() for v in ...])", s)
                    raise self.source.error(  # (its elements are fixed when it is built)
                        f"`{n.func.value.id}.{n.func.attr}(...)` of a list or tuple of "
                        f"differentiated arrays is not followed: unpack it (a, b = "
                        f"{n.func.value.id}) and work with its elements, or, to grow a list, "
                        f"start it empty ({n.func.value.id} = []) and append as a statement", s)
                if isinstance(n, gast.Name) and isinstance(n.ctx, gast.Load) and \
                        n.id in self.tuples and (getattr(s, "pb_active", False) or
                                                 isinstance(s, gast.Return)):
                    if self.tuple_keys.get(n.id) is not None:
                        raise self.source.error(
                            f"the dict `{n.id}` holds differentiated values; read it with "
                            f"constant keys ({n.id}[\"W\"]), loop over it ({n.id}, "
                            f"{n.id}.items(), {n.id}.values()) with a loop variable bound only "
                            "by the loop, or pass it whole to your own function", s)
                    raise self.source.error(
                        f"the tuple `{n.id}` holds differentiated values; unpack it "
                        f"(a, b = {n.id}) or index it with a constant ({n.id}[0])", s)
        return stmts


def _returned_whole(s, n) -> bool:
    """``return L`` or ``return L, h``: a grown list given whole to the caller."""
    return isinstance(s, gast.Return) and (s.value is n or isinstance(s.value, gast.Tuple) and
                                           any(e is n for e in s.value.elts))
