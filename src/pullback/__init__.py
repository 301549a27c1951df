"""pullback: ahead-of-time, source-transformation automatic differentiation for NumPy.

``pb.grad(f)`` reads ``f``'s source, writes adjoint (reverse-mode) source code,
compiles it once and returns a plain Python function. Its derivatives are the
ones PyTorch's autograd returns for the same computation.
"""

from pullback import rules  # noqa: F401  (registers the derivative rules)
from pullback.api import (defjvp, defvjp, grad, hessian, hvp, jacobian, jvp, value_and_grad,
                          vjp)
from pullback.back.export import export
from pullback.back.show import show
from pullback.back.origins import install_warning_hook as _install_warning_hook
from pullback.errors import PullbackError, UnsupportedError
from pullback.markers import no_grad, stop_gradient

__all__ = ["grad", "value_and_grad", "vjp", "jacobian", "jvp", "hessian", "hvp", "stop_gradient", "no_grad", "show", "defvjp", "defjvp", "export",
           "PullbackError", "UnsupportedError"]
__version__ = "0.1.0"

_install_warning_hook()  # warnings from generated code name your line
