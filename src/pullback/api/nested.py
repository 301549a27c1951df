"""Derivative functions called inside differentiated code.

``def h(x): return np.sum(pb.grad(f)(x) ** 2)`` differentiates through a
gradient. The call ``pb.grad(f)(x)`` is treated as a primitive whose rules are
second derivatives of ``f``, computed by transforming ``f``'s tangent code
(reverse over forward): the vjp of ``∇_w f`` with cotangent ``u`` is the
gradient of ``∇_w f · u``, and its jvp is a Hessian-vector product.
"""

from __future__ import annotations

from pullback.api.arguments import float_positions
from pullback.api.callables import differentiable
from pullback.api.derivative import Derivative
from pullback.api.transforms import grad, jvp, vjp
from pullback.api.transforms import gradient_jvp as jvp_of_gradient
from pullback.api.transforms import gradient_vjp as vjp_of_gradient
from pullback.rules.registry import lookup, register_custom_jvp, register_custom_vjp


def ensure_rules(d) -> bool:
    """Register run-time rules for a pullback gradient or Jacobian ``d``; False if
    unsupported."""
    made = getattr(d, "__pullback__", None)
    kind = made[0] if made else None
    if kind not in ("grad", "value_and_grad", "jacobian") or getattr(d, "many", True):
        return False
    rule = lookup(d)
    if rule is not None and rule.vjp is not None:
        return True
    # made the first time a build meets ``d``: no build before can have missed it
    if kind == "jacobian":
        register_custom_vjp(d, _function_vjp_rule(differentiable(d)), changes_builds=False)
        register_custom_jvp(d, _function_jvp_rule(differentiable(d)), changes_builds=False)
        return True
    register_custom_vjp(d, _vjp_rule(d), changes_builds=False)
    register_custom_jvp(d, _jvp_rule(d), changes_builds=False)
    return True


def _function_vjp_rule(fn):
    """Rules of a derivative that is itself a generated function (a Jacobian)."""
    def jacobian_vjp(g, ans, *args):
        return vjp(fn, *args)[1](g)

    return jacobian_vjp


def _function_jvp_rule(fn):
    def jacobian_jvp(tangents, ans, *args):
        return jvp(fn, args, tangents)[1]

    return jacobian_jvp


def _as_grad(d):
    if d.kind == "grad":
        return d
    return Derivative(d.f, d.wrt[0], "grad")


def _vjp_rule(d):
    def gradient_vjp(g, ans, *args):
        if d.kind == "grad":
            g_value, g_grad = None, g
        else:
            g_value, g_grad = g
        result = [None] * len(args)
        if g_grad is not None:
            _, back = vjp_of_gradient(_as_grad(d), args)
            result = list(back(g_grad))
        if g_value is not None:
            floats = float_positions(args)
            gs = grad(d.f, wrt=tuple(floats))(*args)
            for i, gi in zip(floats, gs):
                c = g_value * gi
                result[i] = c if result[i] is None else result[i] + c
        return tuple(result)

    gradient_vjp.__name__ = "gradient_vjp"
    return gradient_vjp


def _jvp_rule(d):
    def gradient_jvp(tangents, ans, *args):
        _, t_grad = jvp_of_gradient(_as_grad(d), args, tangents)
        if d.kind == "grad":
            return t_grad
        _, t_value = jvp(d.f, args, tangents)
        return (t_value, t_grad)

    gradient_jvp.__name__ = "gradient_jvp"
    return gradient_jvp
