"""Gradients of y = 2 x.x, non-scalar outputs, detaching, and Python control flow.

Follows the "derivative & gradient" tutorial (after the Dive into Deep Learning
chapter): the gradient of ``2 * dot(x, x)`` is ``4 x``; ``x * x`` needs a
cotangent (``pb.vjp``); ``.detach()`` is ``pb.stop_gradient``; a function with a
data-dependent ``while`` and ``if`` still has a gradient, ``f(a) / a``.

Run:  python examples/gradients_detach_and_control_flow.py
"""

import numpy as np

import pullback as pb

from _report import report

X = np.arange(4.0)                                  # tutorial: x = torch.arange(4.0)
# torch.randn(size=()) in the tutorial; a seeded 0-d NumPy array here. This seed
# gives a negative a, so f takes the `else` branch as in the tutorial's run.
A_RANDOM = np.random.default_rng(seed=4).standard_normal(size=())




# ----------------------------------------------------------------------------
# The functions pullback differentiates.
# ----------------------------------------------------------------------------

def twice_dot(x):
    return 2 * np.dot(x, x)


def total(x):
    return x.sum()


def square(x):
    return x * x


def sum_of_square(x):
    return square(x).sum()           # calls to other Python functions are fine


def detached_product(x):
    """r = sum(u * x) where u = x * x with its history cut off."""
    y = x * x
    u = pb.stop_gradient(y)          # torch: u = y.detach()
    z = u * x
    return z.sum()


def f(a):
    """Keep doubling until the norm reaches 1000, then maybe scale by 100."""
    b = a * 2
    while np.linalg.norm(b) < 1000:
        b = b * 2
    if b.sum() > 0:
        c = b
    else:
        c = 100 * b
    return c


# ----------------------------------------------------------------------------
# The tutorial, step by step.
# ----------------------------------------------------------------------------

def gradient_of_a_dot_product(results):
    print("== y = 2 * dot(x, x) ==")
    x = X
    report(results, "x", x)
    # torch: x.requires_grad_(True); x.grad is None until backward() runs.
    # pullback: x is differentiated because it is argument 0 (wrt=0).
    report(results, "y", twice_dot(x))
    grad_dot = pb.grad(twice_dot)(x)
    report(results, "x.grad", grad_dot)
    report(results, "x.grad == 4 * x", grad_dot == 4 * x)

    # torch accumulates into x.grad, so the tutorial calls x.grad.zero_() before
    # the next backward (without it, it would print [1, 5, 9, 13]).
    # pullback's derivative functions are pure: each call returns a fresh
    # gradient and nothing needs zeroing. Adding them gives the accumulated one.
    grad_sum = pb.grad(total)(x)
    report(results, "gradient of x.sum()", grad_sum)
    report(results, "both added, as torch would accumulate", grad_dot + grad_sum)


def non_scalar_output(results):
    print("== y = x * x is not a scalar ==")
    x = X
    # torch: y.backward() raises "grad can be implicitly created only for scalar
    # outputs". pb.grad raises ValueError and points to pb.vjp.
    try:
        pb.grad(square)(x)
    except ValueError as err:
        print("pb.grad(square)(x) raised ValueError:", err)

    # y.sum().backward(retain_graph=True) in torch; pullback has no graph to keep.
    report(results, "gradient of y.sum()", pb.grad(sum_of_square)(x))
    # y.backward(gradient=torch.ones(len(x))) in torch:
    y, back = pb.vjp(square, x)
    (x_grad,) = back(np.ones(len(x)))
    report(results, "x.grad from vjp with ones", x_grad)
    report(results, "y", y)


def detaching(results):
    print("== detach: pb.stop_gradient ==")
    x = X
    u = pb.stop_gradient(x * x)       # outside differentiated code it returns its input
    grad_r = pb.grad(detached_product)(x)
    report(results, "x.grad", grad_r)
    report(results, "x.grad == u", grad_r == u)
    # y itself still depends on x: the gradient of y.sum() is 2 x.
    grad_y = pb.grad(sum_of_square)(x)
    report(results, "gradient of y.sum() == 2 * x", grad_y == 2 * x)


def python_control_flow(results):
    print("== a while loop and an if that depend on the data ==")
    a = A_RANDOM
    report(results, "a", a)
    d = f(a)
    report(results, "d = f(a)", d)
    a_grad = pb.grad(f)(a)
    report(results, "a.grad", a_grad)
    # f is piecewise linear in a (f(a) = k a with k fixed by the branches taken),
    # so its derivative is f(a) / a; here the two agree to the last bit.
    report(results, "a.grad == f(a) / a", a_grad == d / a)
    print("The generated derivative of f replays the loop and the branch backwards:")
    pb.show(pb.grad(f))


def calling_backward_twice(results):
    print("== a second backward (retain_graph) ==")
    a1 = np.array([1.0])
    d_a3 = pb.grad(total)
    report(results, "a1.grad (first)", d_a3(a1))
    report(results, "a1.grad (second)", d_a3(a1))

    v1 = np.array([1.0, 2.0])
    d_v3 = pb.grad(sum_of_square)
    report(results, "v1.grad (first)", d_v3(v1))
    # In torch the second v3.backward() raises "Trying to backward through the
    # graph a second time" unless the first used retain_graph=True: the product
    # v1 * v1 saved v1 for its backward, and backward frees what was saved (the
    # sum of a1 saved nothing, which is why a3 could go twice).
    # A pullback derivative is a plain function: call it as often as you like.
    report(results, "v1.grad (second)", d_v3(v1))


SECTIONS = (gradient_of_a_dot_product, non_scalar_output, detaching,
            python_control_flow, calling_backward_twice)


def main():
    results = {}
    for section in SECTIONS:
        section(results)
        print()
    return results


if __name__ == "__main__":
    main()
