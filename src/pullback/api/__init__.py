"""Stage 5, what users call: ``build`` runs the stages for one function,
``derivative`` holds the cached result, ``transforms`` are ``grad``/``vjp``/
``jvp``/``jacobian``, ``higher`` the second-order ones, ``nested`` gradients
called inside differentiated code, ``custom`` user rules."""

from pullback.api.custom import defjvp, defvjp
from pullback.api.jacobian import jacobian
from pullback.api.nested import ensure_rules
from pullback.api.second import hessian, hvp
from pullback.api.transforms import grad, jvp, value_and_grad, vjp
from pullback.rules.registry import add_rule_maker, add_transform, set_differentiators

add_rule_maker(ensure_rules)  # pb.grad(f) called inside differentiated code
for _t in (grad, value_and_grad, jacobian):  # ... also written inline: pb.grad(f)(x)
    add_transform(_t)
set_differentiators(vjp=vjp, jvp=jvp)  # used by run-time helpers of rules (odeint)

__all__ = ["defjvp", "defvjp", "grad", "hessian", "hvp", "jacobian", "jvp", "value_and_grad",
           "vjp"]
