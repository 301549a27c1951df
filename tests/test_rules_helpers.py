"""Rules of the helpers generated code calls (runtime.py and rules/support.py).

No torch counterpart exists for these, so each rule is checked against the
helper itself: a reverse rule must be the adjoint (<h, f(x)> = <f*(h), x>)
and a forward rule must match central finite differences.
"""

import numpy as np
import pytest

import pullback.rules.runtime_rules  # noqa: F401
import pullback.rules.support as S
import pullback.rules.support_shape as SH
from pullback import runtime as R
from pullback.rules import registry
from rule_check import RNG, jvp_entry, numeric_jvp

CASES = [  # helper, args (the differentiable one first), its index
    (R.unbroadcast, lambda: [RNG.standard_normal((2, 3)), np.zeros((1, 3))]),
    (R.unbroadcast, lambda: [RNG.standard_normal((3,)), np.zeros((2, 3))]),
    (R.broadcast_like, lambda: [RNG.standard_normal((3,)), np.zeros((2, 3))]),
    (R.unreduce, lambda: [RNG.standard_normal((2,)), np.zeros((2, 3)), 1, False]),
    (R.unreduce, lambda: [RNG.standard_normal((1, 3)), np.zeros((2, 3)), 0, True]),
    (R.getitem_vjp, lambda: [RNG.standard_normal((2,)), np.zeros((4, 2)), 1]),
    (R.getitem_vjp, lambda: [RNG.standard_normal((3, 2)), np.zeros((4, 2)), np.array([0, 2, 0])]),
    (R.zero_at, lambda: [RNG.standard_normal((4,)), slice(1, 3)]),
    (R.setitem_value_vjp, lambda: [RNG.standard_normal((4, 3)), (slice(0, 2),),
                                   np.zeros((3,))]),
    (R.matmul_lhs_vjp, lambda: [RNG.standard_normal((2, 4)), np.zeros((2, 3)),
                                RNG.standard_normal((3, 4))]),
    (R.matmul_rhs_vjp, lambda: [RNG.standard_normal((2, 4)), RNG.standard_normal((2, 3)),
                                np.zeros((3, 4))]),
    (S.group_axes, lambda: [RNG.standard_normal((2, 3, 4)), (0, 2)]),
    (S.ungroup_axes, lambda: [RNG.standard_normal((3, 8)), np.zeros((2, 3, 4)), (0, 2)]),
    (SH.tile_vjp, lambda: [RNG.standard_normal((4, 6)), np.zeros((2, 3)), (2, 2)]),
    (SH.repeat_vjp, lambda: [RNG.standard_normal((2, 5)), np.zeros((2, 3)), [2, 0, 3], 1]),
    (SH.diag_vjp, lambda: [RNG.standard_normal((3,)), np.zeros((3, 4)), 1]),
    (SH.diag_vjp, lambda: [RNG.standard_normal((4, 4)), np.zeros((3,)), -1]),
    (SH.diagonal_vjp, lambda: [RNG.standard_normal((2, 3)), np.zeros((3, 2, 4)), 0, 0, 2]),
    (SH.pad_vjp, lambda: [RNG.standard_normal((5, 4)), np.zeros((2, 3)), ((1, 2), (0, 1))]),
    (SH.take_vjp, lambda: [RNG.standard_normal((2, 3)), np.zeros((2, 4)), [3, 3, 0], 1]),
    (S.tensordot_lhs_vjp, lambda: [RNG.standard_normal((2, 5)), np.zeros((2, 3, 4)),
                                   RNG.standard_normal((4, 3, 5)), ([1, 2], [1, 0])]),
    (S.tensordot_rhs_vjp, lambda: [RNG.standard_normal((2, 5)), RNG.standard_normal((2, 3, 4)),
                                   np.zeros((4, 3, 5)), ([1, 2], [1, 0])]),
    (S.prod_others, lambda: [RNG.standard_normal((3, 4)), 1]),
    (S.prod_others, lambda: [np.array([[1.5, 0.0, -2.0], [0.0, 0.0, 3.0]]), None]),
]


def _active(fn, args):
    """Indices of the arguments with a derivative (those the rule returns)."""
    n = len(registry.lookup(fn).vjp.__code__.co_varnames)  # generous upper bound
    return [i for i, a in enumerate(args[:n]) if isinstance(a, np.ndarray)
            and a.dtype.kind == "f" and np.any(a)]


@pytest.mark.parametrize("fn,make", CASES, ids=[c[0].__name__ for c in CASES])
def test_helper_rules(fn, make):
    args = make()
    rule = registry.lookup(fn)
    ans = fn(*args)
    h = RNG.standard_normal(np.shape(ans))
    got = rule.vjp(h, ans, *args)
    got = got if isinstance(got, tuple) else (got,)
    for i in _active(fn, args):
        t = RNG.standard_normal(np.shape(args[i]))
        tan = jvp_entry(rule.jvp, i, t, ans, args, {})
        np.testing.assert_allclose(tan, numeric_jvp(fn, args, i, t), rtol=1e-6, atol=1e-8)
        # reverse rule = adjoint of the forward derivative
        np.testing.assert_allclose(np.sum(h * np.asarray(tan)), np.sum(got[i] * t), rtol=1e-9)
        assert np.shape(got[i]) == np.shape(args[i])


def test_sequence_helpers_are_adjoint():
    like = [np.zeros((2, 3)), np.zeros((1, 3))]
    g = RNG.standard_normal((3, 3))
    parts = SH.split_like(g, like, 0)
    hs = [RNG.standard_normal(p.shape) for p in parts]
    back = registry.lookup(SH.split_like).vjp(hs, parts, g, like, 0)[0]
    assert np.isclose(sum(np.sum(a * b) for a, b in zip(hs, parts)), np.sum(back * g))
    back2 = registry.lookup(SH.concat_parts).vjp(g, None, parts, like, 0)[0]
    for a, b in zip(back2, parts):
        np.testing.assert_allclose(a, b)
