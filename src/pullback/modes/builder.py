"""What one derivative request accumulates: the generated functions (``Unit``),
how to call each pair (``FnInfo``) and the objects generated code refers to by
name (``Builder``). The modes subclass ``Builder`` with the method that
generates a function in their mode."""

from __future__ import annotations

from dataclasses import dataclass, field

from pullback.front.parse import Source
from pullback.syntax.naming import Namer


@dataclass
class FnInfo:
    """How to call the forward/adjoint pair generated for one function."""

    fwd: str
    bwd: str
    params: list[str]             # the function's parameters, then lifted free variables
    active: list[str]             # the parameters bwd returns adjoints for
    n_outputs: int | None = None  # None: one output; k: a tuple of k
    list_output: bool = False     # its one output is a list it grows (a, b = f(x) unpacks it)
    lifted: list[str] = field(default_factory=list)
    source: Source | None = None
    # parameters that are lists/tuples of arrays: name -> structure (see containers.py)
    containers: dict = field(default_factory=dict)
    leaves: dict = field(default_factory=dict)   # name -> its leaf variables, in order
    top: bool = False  # the requested function itself (not a callee)
    # dimensions of array arguments known when building (the requested function only)
    ndims: dict = field(default_factory=dict)


class Unit:
    """One generated function: its tree, whose names it sees, its defaults."""

    def __init__(self, tree, source, injected: dict, defaults=None, kwdefaults=None):
        self.tree = tree
        self.source = source
        self.injected = injected
        self.defaults = defaults
        self.kwdefaults = kwdefaults


class Builder:
    """Everything generated for one top-level request: functions and their names."""

    def __init__(self, namer: Namer):
        self.namer = namer          # module-level names (functions, injected objects)
        self.units = []
        self.infos: dict = {}
        self.injected: dict[str, object] = {}
        self.in_progress: set = set()
        # (kind, where, name, object) the build resolved statically (front/resolve.py)
        self.deps: list = []

    def inject(self, obj, preferred: str, user_names: set[str], resolver=None) -> str:
        """A name for ``obj`` in generated code, never clashing with a user name."""
        for name, o in self.injected.items():
            if o is obj and (name == preferred or name.startswith(preferred)):
                if name not in user_names or (resolver is not None and
                                              resolver.lookup_global(name) is obj):
                    return name
        if preferred not in user_names or (resolver is not None and
                                           resolver.lookup_global(preferred) is obj
                                           and preferred not in resolver.locals):
            if preferred not in self.injected or self.injected[preferred] is obj:
                self.injected[preferred] = obj
                self.namer.taken.add(preferred)
                return preferred
        name = self.namer.fresh(preferred + "_")
        while name in user_names:
            name = self.namer.fresh(preferred + "_")
        self.injected[name] = obj
        return name


def count_mismatch(name, n_outputs, n_names, one_name, list_output=False) -> str | None:
    """The refusal of a call whose targets do not match the values its callee's
    build returns (``front/tuple_calls.py`` counts them from the source), or None.
    (A list output may be unpacked into any number of names: checked when run.)"""
    if (n_outputs is None and (one_name or list_output)) or \
            (n_outputs == n_names and not one_name):
        return None
    got = "one value" if n_outputs is None else f"{n_outputs} values"
    return (f"the call of `{name}` is bound to {n_names} name(s), but its build returns "
            f"{got}; unpack the call where it is made (a, b = {name}(...)), bind the name "
            "only once, and let the function end in one `return a, b`")
