"""Scalar and matrix gradients, indexed assignment, and a 2x2 Jacobian.

Follows the Chinese "自动求导" notebook: ``(x + 2)^2 + 3`` at ``[2]`` has
gradient ``[8]``; ``mean(y - x @ w)`` is differentiated with respect to ``x``,
``y`` and ``w`` at once; a vector ``n`` filled element by element from ``m`` is
differentiated with a cotangent; backward twice; and the closing exercise, the
Jacobian of ``k = (x0^2 + 3 x1, x1^2 + 2 x0)`` at ``(2, 3)``, which is
``[[4, 3], [2, 6]]``.

Run:  python examples/matrix_gradients_and_jacobian.py
"""

import numpy as np

import pullback as pb

from _report import report

# The notebook uses torch.randn for x (10x20), y (10x5) and w (20x5).
rng = np.random.default_rng(seed=1)
X_RANDOM = rng.standard_normal((10, 20))
Y_RANDOM = rng.standard_normal((10, 5))
W_RANDOM = rng.standard_normal((20, 5))




# ----------------------------------------------------------------------------
# The functions pullback differentiates.
# ----------------------------------------------------------------------------

def shifted_square(x):
    y = x + 2
    z = y ** 2 + 3
    return z


def mean_residual(x, y, w):
    return np.mean(y - np.matmul(x, w))


def fill_n(m):
    """n[0, 0] = m00^2, n[0, 1] = m01^3, written into a zero matrix."""
    n = np.zeros((1, 2))
    n[0, 0] = m[0, 0] ** 2
    n[0, 1] = m[0, 1] ** 3
    return n


def quadratic(x):
    return x * 2 + x ** 2 + 3


def k_of(x):
    """The exercise: k = (x0^2 + 3 x1, x1^2 + 2 x0), built by indexed assignment."""
    k = np.zeros(2)
    k[0] = x[0] ** 2 + 3 * x[1]
    k[1] = x[1] ** 2 + 2 * x[0]
    return k


# ----------------------------------------------------------------------------
# The notebook, step by step.
# ----------------------------------------------------------------------------

def simple_scalar(results):
    print("== z = (x + 2)^2 + 3 at x = [2] ==")
    x = np.array([2.0])
    report(results, "z", shifted_square(x))
    # z has one element, so it counts as a scalar: pb.grad accepts it (as torch's
    # backward() without a gradient does) and the gradient is 2 (x + 2) = 8.
    report(results, "x.grad", pb.grad(shifted_square)(x))


def matrix_product(results):
    print("== out = mean(y - x @ w), gradients for x, y and w at once ==")
    x, y, w = X_RANDOM, Y_RANDOM, W_RANDOM
    # torch: all three require grad; out.backward() fills x.grad, y.grad, w.grad.
    x_grad, y_grad, w_grad = pb.grad(mean_residual, wrt=(0, 1, 2))(x, y, w)
    with np.printoptions(precision=4, linewidth=100, suppress=True):
        report(results, "x", x)
        report(results, "out", mean_residual(x, y, w))
        report(results, "x.grad", x_grad)
        report(results, "y.grad", y_grad)
        report(results, "w.grad", w_grad)


def indexed_assignment(results):
    print("== n[0, 0] = m[0, 0]^2; n[0, 1] = m[0, 1]^3 ==")
    m = np.array([[2.0, 3.0]])
    report(results, "m", m)
    report(results, "n (before)", np.zeros((1, 2)))
    report(results, "m[0, 0]", m[0, 0])
    n, back = pb.vjp(fill_n, m)
    report(results, "n", n)
    # n.backward(torch.ones_like(n)): the weights (w0, w1) = (1, 1)
    (m_grad,) = back(np.ones_like(n))
    report(results, "m.grad", m_grad)


def backward_twice(results):
    print("== y = 2 x + x^2 + 3 at x = [3], backward twice ==")
    x = np.array([3.0])
    report(results, "y", quadratic(x))
    dy = pb.grad(quadratic)
    first = dy(x)
    report(results, "x.grad after the first backward", first)
    # torch needs retain_graph=True to go backward a second time, and the second
    # backward adds into x.grad, giving 16. pullback keeps no graph and adds
    # nothing behind your back: the derivative function returns 8 each time,
    # and the accumulated value is a sum you write yourself.
    second = dy(x)
    report(results, "x.grad after the second backward (accumulated by hand)", first + second)


def jacobian_exercise(results):
    print("== the exercise: the Jacobian of k at x = (2, 3) ==")
    x = np.array([2.0, 3.0])
    k, back = pb.vjp(k_of, x)
    # The notebook first notes that k.backward(ones) gives the column sums of
    # the Jacobian, not the Jacobian itself:
    report(results, "vjp with (1, 1)", back(np.ones(2))[0])

    # Row by row with one-hot cotangents, as the notebook does with
    # k.backward([1, 0], retain_graph=True), zeroing x.grad, then k.backward([0, 1]).
    # back can be called again (nothing to retain) and returns fresh arrays
    # (nothing to zero).
    j = np.zeros((2, 2))
    report(results, "k", k)
    (j[0],) = back(np.array([1.0, 0.0]))
    report(results, "row 0", j[0])
    (j[1],) = back(np.array([0.0, 1.0]))
    report(results, "row 1", j[1])
    report(results, "j", j)

    # pb.jacobian does the same loop for you (as torch.autograd.functional.jacobian).
    report(results, "pb.jacobian(k_of)(x)", pb.jacobian(k_of)(x))
    print("The adjoint of the indexed assignments (read bottom-up):")
    pb.show(pb.jacobian(k_of))


SECTIONS = (simple_scalar, matrix_product, indexed_assignment, backward_twice,
            jacobian_exercise)


def main():
    results = {}
    for section in SECTIONS:
        section(results)
        print()
    return results


if __name__ == "__main__":
    main()
