"""First and second derivatives, several inputs and outputs, and gradient descent.

Follows "PyTorch 自动微分机制" (the autograd mechanism): the derivative of
``a x^2 + b x + c`` (a=1, b=-2, c=1) at 0 is -2 and the second derivative is 2;
``backward`` on a non-scalar with a ``gradient``; ``autograd.grad`` with several
inputs ``(2, 1)`` and several outputs summed ``(3, 2)``; minimising the parabola
with ``torch.optim.SGD`` (lr 0.01, 500 steps, x ends at 1.0000) -- here plain
gradient descent, step for step the same; and a short tour of the autograd
package (the seeded ``while`` loop with ``y.backward(v)``, ``no_grad``,
``detach``).

Run:  python examples/derivatives_and_gradient_descent.py
"""

import numpy as np

import pullback as pb

from _report import report

# The parameters. They are globals, so pullback treats them as constants
# (the tutorial makes them tensors without requires_grad: the same thing).
A = 1.0
B = -2.0
C = 1.0

LR = 0.01
STEPS = 500

# torch.randn(3) in the tour at the end; a seeded NumPy generator here.
X_RANDOM = np.random.default_rng(seed=7).standard_normal(3)
A_RANDOM = np.random.default_rng(seed=8).standard_normal((2, 2))
V = np.array([0.1, 1.0, 0.0001])




# ----------------------------------------------------------------------------
# The functions pullback differentiates.
# ----------------------------------------------------------------------------

def parabola(x):
    return A * np.power(x, 2) + B * x + C


def weighted_parabola(x, gradient):
    """The scalar z = sum(y * gradient) whose backward equals y.backward(gradient)."""
    return np.sum(parabola(x) * gradient)


def product(x1, x2):
    return x1 * x2


def product_and_sum(x1, x2):
    return x1 * x2, x1 + x2


def f(t):
    # The tutorial writes `b * x` here instead of `b * t`. In torch that goes
    # unnoticed because f is only ever called with the global x itself, and
    # that global x is the tensor being optimised. In pullback a global is a
    # constant, so `B * x` would quietly drop the B term from the derivative.
    # We write the intended function of t.
    return A * np.power(t, 2) + B * t + C


def mean_of_z(x):
    y = x + 2
    z = y * y * 3
    return z.mean()


def sum_of_squares(a):
    return (a * a).sum()


def double_until_large(x):
    y = x * 2
    # The tutorial tests y.data.norm(): .data keeps the test off the graph. A
    # condition never carries a derivative in pullback, so no marker is needed.
    while np.linalg.norm(y) < 1000:
        y = y * 2
    return y


def square(x):
    return x ** 2


def square_under_no_grad(x):
    with pb.no_grad():
        y = x ** 2
    return y


def detached(x):
    return pb.stop_gradient(x)


# ----------------------------------------------------------------------------
# Gradient descent, as torch.optim.SGD(params=[x], lr=0.01) does it.
# ----------------------------------------------------------------------------

def gradient_descent(x0=0.0, lr=LR, steps=STEPS):
    """Minimise f from x0; returns every iterate, x0 first (steps + 1 values).

    torch's loop is: optimizer.zero_grad(); y = f(x); y.backward(); optimizer.step().
    zero_grad is needed there because backward adds into x.grad; df(x) returns
    a new gradient every call, so the loop is just x -= lr * gradient.
    """
    df = pb.grad(f)
    x = np.float64(x0)
    trajectory = [x]
    for _ in range(steps):
        x -= lr * df(x)
        trajectory.append(x)
    return np.array(trajectory)


# ----------------------------------------------------------------------------
# The tutorial, step by step.
# ----------------------------------------------------------------------------

def scalar_backward(results):
    print("== y = a x^2 + b x + c; y.backward() at x = 0 ==")
    report(results, "dy_dx", pb.grad(parabola)(0.0))


def non_scalar_backward(results):
    print("== a non-scalar y: y.backward(gradient=ones_like(x)) ==")
    x = np.array([[0.0, 0.0], [1.0, 2.0]])
    y, back = pb.vjp(parabola, x)
    report(results, "x", x)
    report(results, "y", y)
    (x_grad,) = back(np.ones_like(x))
    report(results, "x_grad", x_grad)

    print("-- the same through a scalar: z = sum(y * gradient) --")
    gradient = np.ones_like(x)
    report(results, "x_grad from z", pb.grad(weighted_parabola)(x, gradient))


def first_and_second_derivative(results):
    print("== torch.autograd.grad with create_graph=True, then again ==")
    dy_dx = pb.grad(parabola)
    d2y_dx2 = pb.grad(pb.grad(parabola))   # derivatives compose
    report(results, "dy_dx", dy_dx(0.0))
    report(results, "dy2_dx2", d2y_dx2(0.0))
    print("The generated source of the second derivative (derivative code, differentiated again):")
    pb.show(d2y_dx2)


def several_inputs_and_outputs(results):
    print("== several inputs; several outputs summed ==")
    x1, x2 = 1.0, 2.0
    # torch.autograd.grad(outputs=y1, inputs=[x1, x2], retain_graph=True)
    dy1_dx1, dy1_dx2 = pb.grad(product, wrt=(0, 1))(x1, x2)
    report(results, "dy1_dx1", dy1_dx1)
    report(results, "dy1_dx2", dy1_dx2)
    # torch.autograd.grad(outputs=[y1, y2], inputs=[x1, x2]) sums the gradients
    # of y1 and y2; pb.vjp with the cotangent (1, 1) does the same. (No
    # retain_graph is needed between the two calls: there is no graph.)
    (y1, y2), back = pb.vjp(product_and_sum, x1, x2)
    dy12_dx1, dy12_dx2 = back((1.0, 1.0))
    report(results, "dy12_dx1", dy12_dx1)
    report(results, "dy12_dx2", dy12_dx2)


def minimise_with_gradient_descent(results):
    print(f"== minimise f by gradient descent (lr {LR}, {STEPS} steps) ==")
    trajectory = gradient_descent()
    x = trajectory[-1]
    # torch prints the float32 y as tensor(0.) and x as tensor(1.0000).
    print(f"y = {f(x):.4f}; x = {x:.4f}")
    report(results, "y (all digits)", f(x))
    report(results, "x (all digits)", x)


def autograd_tour(results):
    print("== tour: requires_grad and backward ==")
    x = np.ones((2, 2))
    report(results, "tour x", x)
    y = x + 2
    z = y * y * 3
    report(results, "tour y", y)
    report(results, "tour z", z)
    report(results, "tour out", z.mean())
    report(results, "tour x.grad", pb.grad(mean_of_z)(x))

    print("-- requires_grad_(): differentiate with respect to a --")
    a = A_RANDOM
    a = (a * 3) / (a - 1)
    report(results, "tour a", a)
    report(results, "tour b.grad wrt a", pb.grad(sum_of_squares)(a))

    print("-- the while loop and y.backward(v) --")
    x = X_RANDOM
    y, back = pb.vjp(double_until_large, x)
    report(results, "loop x", x)
    report(results, "loop y", y)
    report(results, "loop x.grad", back(V)[0])

    print("-- no_grad --")
    # torch prints x.requires_grad True, (x ** 2).requires_grad True, and inside
    # torch.no_grad() False. In pullback: the derivative of x ** 2 is 2 x, and
    # zero when x ** 2 is computed inside pb.no_grad().
    ones = np.ones_like(x)
    report(results, "vjp of x ** 2", pb.vjp(square, x)[1](ones)[0])
    report(results, "vjp of x ** 2 under no_grad", pb.vjp(square_under_no_grad, x)[1](ones)[0])

    print("-- detach: pb.stop_gradient --")
    # torch: y = x.detach(); y.requires_grad is False; x.eq(y).all() is True.
    y = pb.stop_gradient(x)
    report(results, "x == stop_gradient(x) everywhere", np.all(x == y))
    report(results, "vjp of stop_gradient(x)", pb.vjp(detached, x)[1](ones)[0])


SECTIONS = (scalar_backward, non_scalar_backward, first_and_second_derivative,
            several_inputs_and_outputs, minimise_with_gradient_descent, autograd_tour)


def main():
    results = {}
    for section in SECTIONS:
        section(results)
        print()
    return results


if __name__ == "__main__":
    main()
