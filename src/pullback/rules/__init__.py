"""Derivative rules, one module per family. Importing this package registers them all."""

from . import operators  # noqa: F401
from . import ufuncs, trig, reductions, shape, linalg, builtins_rules  # noqa: F401,E401
from . import runtime_rules, support_rules, builders  # noqa: F401,E401
from . import sorting, rearrange, support_gather_rules, calculus, support_calculus_rules
from . import nanreductions  # noqa: F401  # noqa: F401,E401
from .registry import (Rule, all_nondifferentiable, all_rules, is_nondifferentiable,
                       jvp_of, lookup, nondifferentiable, vjp_of)

__all__ = ["Rule", "all_rules", "all_nondifferentiable", "is_nondifferentiable",
           "jvp_of", "lookup", "nondifferentiable", "vjp_of"]
