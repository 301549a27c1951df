"""Autograd basics with pullback: a gradient, then a vector-Jacobian product.

The torch tutorial builds ``out = mean(3 (x + 2)^2)`` from ``x = ones(2, 2)``,
calls ``out.backward()`` and reads ``x.grad`` (4.5 everywhere). Then it takes a
non-scalar ``y = 4 x`` and calls ``y.backward(v)``.

With pullback there is no tape and no ``requires_grad`` flag: you write the
computation as an ordinary NumPy function and ask for its derivative function.

Run:  python examples/autograd_basics.py
"""

import numpy as np

import pullback as pb

from _report import report

# torch.randn stands in for "some numbers"; we use a seeded NumPy generator so
# the run (and the test that compares it with torch) is repeatable.
rng = np.random.default_rng(seed=0)
A_RANDOM = rng.standard_normal((2, 2))   # tutorial: a = torch.randn(2, 2)
X_RANDOM = rng.standard_normal(3)        # tutorial: x = torch.randn(3, requires_grad=True)
V = np.array([0.1, 1.0, 0.0001])         # the weights given to y.backward(v)




# ----------------------------------------------------------------------------
# The functions pullback differentiates (module level, defined with `def`).
# ----------------------------------------------------------------------------

def mean_of_z(x):
    """out = mean(z) with z = 3 (x + 2)^2, exactly the tutorial's steps."""
    y = x + 2
    z = y * y * 3
    return z.mean()


def sum_of_squares(a):
    """b = (a * a).sum()."""
    return (a * a).sum()


def times_four(x):
    """y = x * 2, then y = y * 2: a non-scalar output."""
    y = x * 2
    y = y * 2
    return y


# ----------------------------------------------------------------------------
# The tutorial, step by step.
# ----------------------------------------------------------------------------

def gradient_of_a_mean(results):
    print("== out = mean(3 (x + 2)^2) at x = ones(2, 2) ==")
    x = np.ones((2, 2))
    report(results, "x", x)

    y = x + 2
    report(results, "y", y)
    # torch prints y.grad_fn (<AddBackward0>): the node recorded on its tape.
    # pullback records nothing while computing; the derivative is source code
    # written ahead of time, printed below with pb.show.

    z = y * y * 3
    out = z.mean()
    report(results, "z", z)
    report(results, "out", out)

    d_out = pb.grad(mean_of_z)        # torch: x.requires_grad_(); out.backward()
    report(results, "x.grad", d_out(x))

    print("\nThe derivative function pullback generated for mean_of_z:")
    pb.show(d_out)


def choosing_what_to_differentiate(results):
    print("== requires_grad_: choose what to differentiate ==")
    a = A_RANDOM
    a = (a * 3) / (a - 1)
    # torch toggles a.requires_grad from False to True and then b has a grad_fn.
    # In pullback, "requires grad" is simply which argument you name in `wrt`
    # (here the default, argument 0). The gradient of b = sum(a * a) is 2 a.
    report(results, "a", a)
    report(results, "b", sum_of_squares(a))
    report(results, "db/da", pb.grad(sum_of_squares, wrt="a")(a))


def backward_with_a_vector(results):
    print("== y.backward(v) for a non-scalar y: pb.vjp ==")
    x = X_RANDOM
    y, back = pb.vjp(times_four, x)   # y is the forward value, back(v) = v^T J
    report(results, "y", y)
    (x_grad,) = back(V)               # one cotangent per argument of times_four
    report(results, "x.grad", x_grad)


SECTIONS = (gradient_of_a_mean, choosing_what_to_differentiate, backward_with_a_vector)


def main():
    results = {}
    for section in SECTIONS:
        section(results)
        print()
    return results


if __name__ == "__main__":
    main()
