"""Leaves, accumulation, ``y.backward(w)`` as a weighted sum, and ``no_grad``.

Follows the "Pytorch 学习笔记 - Tensor" notes (after Dive into Deep Learning):
``mean(3 (x + 2)^2)`` again (4.5 everywhere), what accumulation into ``.grad``
means, ``z = (2 x).view(2, 2)`` differentiated with weights ``[[1, 0.1],
[0.01, 0.001]]`` (giving ``[2, 0.2, 0.02, 0.002]``), and a term computed under
``torch.no_grad()`` that contributes nothing to the gradient.

Run:  python examples/weighted_backward_and_no_grad.py
"""

import numpy as np

import pullback as pb

from _report import report

WEIGHTS = np.array([[1.0, 0.1], [0.01, 0.001]])   # v in z.backward(v)




# ----------------------------------------------------------------------------
# The functions pullback differentiates.
# ----------------------------------------------------------------------------

def mean_of_z(x):
    y = x + 2
    z = y * y * 3
    return z.mean()


def total(x):
    return x.sum()


def doubled_as_matrix(x):
    y = 2 * x
    z = y.reshape(2, 2)               # torch: y.view(2, 2)
    return z


def weighted_sum(x, w):
    """What z.backward(w) differentiates: l = sum(z * w), w a constant."""
    return np.sum(doubled_as_matrix(x) * w)


def three_values(x):
    """y1 = x^2 tracked, y2 = x^3 under no_grad, y3 = y1 + y2."""
    y1 = x ** 2
    with pb.no_grad():
        y2 = x ** 3
    y3 = y1 + y2
    return y1, y2, y3


def without_no_grad(x):
    """The same y3 without the no_grad block, for comparison."""
    return x ** 2 + x ** 3


# ----------------------------------------------------------------------------
# The notes, step by step.
# ----------------------------------------------------------------------------

def mean_and_leaves(results):
    print("== out = mean(3 (x + 2)^2), leaves and non-leaves ==")
    x = np.ones((2, 2))
    report(results, "x", x)
    y = x + 2
    report(results, "y", y)
    # torch prints x.grad_fn (None), y.grad_fn (AddBackward0) and
    # x.is_leaf, y.is_leaf (True False). pullback has no graph objects: the
    # "leaves" are simply the arguments you differentiate with respect to.
    z = y * y * 3
    report(results, "z", z)
    report(results, "out", z.mean())
    grad_out = pb.grad(mean_of_z)(x)
    report(results, "x.grad", grad_out)
    # torch's y.grad is None: y is not a leaf, so torch keeps no gradient for it.
    # Likewise pullback returns gradients only for the arguments named in wrt;
    # y is an intermediate inside mean_of_z.

    print("-- gradients accumulate in torch --")
    # torch: out2 = x.sum(); out2.backward() ADDS to x.grad, giving 5.5.
    # pullback's derivative functions are pure and never accumulate; the 5.5
    # is the sum of the two gradients, written out.
    grad_total = pb.grad(total)(x)
    report(results, "x.grad after out2.backward() (accumulated by hand)", grad_out + grad_total)
    # torch: x.grad.data.zero_(); out3.backward() gives 1. In pullback there is
    # nothing to zero: the gradient of x.sum() on its own is
    report(results, "x.grad after zero_() and out3.backward()", grad_total)


def weighted_backward(results):
    print("== z = (2 x).view(2, 2); z.backward(v) ==")
    x = np.array([1.0, 2.0, 3.0, 4.0])
    z, back = pb.vjp(doubled_as_matrix, x)
    report(results, "z", z)
    # y.backward(v) does not give "dy/dx" but the gradient of l = sum(y * v):
    # v weighs each element of y. pb.vjp's back(v) is exactly that.
    (x_grad,) = back(WEIGHTS)
    report(results, "x.grad", x_grad)
    # The same numbers from the scalar l = sum(z * v), with v held constant:
    report(results, "gradient of sum(z * v)", pb.grad(weighted_sum)(x, WEIGHTS))


def no_grad_block(results):
    print("== with torch.no_grad(): with pb.no_grad(): ==")
    x = 1.0
    (y1, y2, y3), back = pb.vjp(three_values, x)
    # torch prints y1.requires_grad True, y2.requires_grad False and
    # y3.requires_grad True. pullback has no such flags; what they mean shows in
    # the derivatives: d(y1)/dx = 2, d(y2)/dx = 0 (no derivative flows out of
    # the no_grad block), d(y3)/dx = 2 + 0.
    report(results, "y1", y1)
    report(results, "y2", y2)
    report(results, "y3", y3)
    report(results, "d(y1)/dx", back((1.0, 0.0, 0.0))[0])
    report(results, "d(y2)/dx", back((0.0, 1.0, 0.0))[0])
    report(results, "d(y3)/dx", back((0.0, 0.0, 1.0))[0])
    report(results, "d(y3)/dx without no_grad", pb.grad(without_no_grad)(x))


SECTIONS = (mean_and_leaves, weighted_backward, no_grad_block)


def main():
    results = {}
    for section in SECTIONS:
        section(results)
        print()
    return results


if __name__ == "__main__":
    main()
