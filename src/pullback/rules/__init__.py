"""Derivative rules, one module per family. Importing this package registers them all."""

from . import operators  # noqa: F401
from . import ufuncs, trig, reductions, shape, linalg, builtins_rules  # noqa: F401,E401
from . import runtime_rules, support_rules, builders, linalg_decomp  # noqa: F401,E401
from . import sorting, rearrange, support_gather_rules, calculus, support_calculus_rules
from . import nanreductions, stencil, selection, list_items  # noqa: F401,E401
from . import complex_parts, piecewise, effects  # noqa: F401,E401
from .registry import add_lazy_rules
from .registry import (Rule, all_nondifferentiable, all_rules, is_nondifferentiable,
                       jvp_of, lookup, nondifferentiable, vjp_of)

# SciPy's rules: imported when the user's code has imported the SciPy module
add_lazy_rules("scipy.special", "pullback.rules.scipy_special")
add_lazy_rules("scipy.stats", "pullback.rules.scipy_stats")
add_lazy_rules("scipy.stats", "pullback.rules.scipy_stats_cdf")
add_lazy_rules("scipy.stats", "pullback.rules.scipy_stats_multi")
add_lazy_rules("scipy.linalg", "pullback.rules.scipy_linalg")
add_lazy_rules("scipy.linalg", "pullback.rules.scipy_cholesky")
add_lazy_rules("scipy.signal", "pullback.rules.scipy_signal")
add_lazy_rules("scipy.integrate", "pullback.rules.scipy_integrate")

__all__ = ["Rule", "all_rules", "all_nondifferentiable", "is_nondifferentiable",
           "jvp_of", "lookup", "nondifferentiable", "vjp_of"]
