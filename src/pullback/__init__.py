"""pullback: ahead-of-time, source-transformation automatic differentiation for NumPy.

``pb.grad(f)`` reads ``f``'s source, writes adjoint (reverse-mode) source code,
compiles it once and returns a plain Python function. Its derivatives are the
ones PyTorch's autograd returns for the same computation.
"""

from . import rules  # noqa: F401  (registers the derivative rules)
from .api import grad, hessian, hvp, jacobian, jvp, value_and_grad, vjp
from .custom import defjvp, defvjp
from .errors import PullbackError, UnsupportedError
from .export import export
from .markers import no_grad, stop_gradient
from .show import show

__all__ = ["grad", "value_and_grad", "vjp", "jacobian", "jvp", "hessian", "hvp", "stop_gradient", "no_grad", "show", "defvjp", "defjvp", "export",
           "PullbackError", "UnsupportedError"]
__version__ = "0.1.0"
