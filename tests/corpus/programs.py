"""Seed (tutorial) programs, assignments, operators, conditions."""

import numpy as np

from . import NULL_PB as pb  # noqa: F401  (rebound by bind_pullback / the harness)
from . import program

# ----------------------------------------------------------------- tutorial seeds


@program(args=lambda rng: (rng.uniform(0.5, 1.5, (2, 2)),), tags=("seed",),
         manual=lambda x: 1.5 * (x + 2))
def seed_mean_3_sq(x):
    """mean(3*(x+2)**2) -- the classic first autograd example."""
    return np.mean(3 * (x + 2) ** 2)


@program(args=lambda rng: (rng.standard_normal((2, 2)),), tags=("seed",),
         manual=lambda x: 1.5 * (x + 2))
def seed_y_z_out(x):
    y = x + 2
    z = y * y * 3
    out = z.mean()
    return out


@program(args=lambda rng: (np.arange(4.0) + rng.uniform(-0.1, 0.1, 4),), tags=("seed",),
         manual=lambda x: 4 * x)
def seed_two_dot(x):
    return 2 * np.dot(x, x)


@program(args=lambda rng: (np.array(rng.uniform(0.1, 1.0)),), tags=("seed", "while", "if"),
         twice_differentiable=True)
def seed_norm_doubling(a):
    """The data-dependent while/if function of the torch tutorial (scalar a > 0)."""
    b = a * 2
    while np.linalg.norm(b) < 1000:
        b = b * 2
    if b.sum() > 0:
        c = b
    else:
        c = 100 * b
    return c


@program(args=lambda rng: (np.float64(-rng.uniform(0.1, 1.0)),), tags=("seed", "while", "if", "call"))
def seed_norm_doubling_negative(a):
    """The same function, reached through a call, with a < 0: the else branch."""
    return seed_norm_doubling(a)


@program(args=lambda rng: (rng.standard_normal(3),), tags=("seed", "while"))
def seed_tutorial_vector_doubling(x):
    """Non-scalar output: y = 2x doubled until its norm reaches 1000 (vjp)."""
    y = x * 2
    while np.linalg.norm(y) < 1000:
        y = y * 2
    return y


@program(args=lambda rng: (np.array([2.0]),), tags=("seed",), manual=lambda x: 2 * (x + 2))
def seed_x_plus_2_sq_plus_3(x):
    y = x + 2
    z = y ** 2 + 3
    return z


@program(args=lambda rng: (rng.standard_normal((10, 20)), rng.standard_normal((10, 5)),
                           rng.standard_normal((20, 5))),
         wrt=(0, 1, 2), tags=("seed", "matmul"))
def seed_mean_y_minus_xw(x, y, w):
    return np.mean(y - x @ w)


@program(args=lambda rng: (float(rng.standard_normal()), 1.0, -2.0, 1.0), wrt=("x", "b"),
         tags=("seed", "float-args", "wrt-names"))
def seed_quadratic(x, a, b, c):
    """a*x**2 + b*x + c with Python floats, differentiated w.r.t. x and b by name."""
    return a * x ** 2 + b * x + c


@program(args=lambda rng: (np.array([[0.0, 0.0], [1.0, 2.0]]),), tags=("seed",))
def seed_quadratic_matrix(x):
    """torch tutorial: y = a*x**2 + b*x + c elementwise; non-scalar output."""
    a = 1.0
    b = -2.0
    c = 1.0
    y = a * np.power(x, 2) + b * x + c
    return y


@program(args=lambda rng: (np.array([2.0, 3.0]),), mutates=True, tags=("seed", "index-assign"))
def seed_jacobian_k(x):
    """k[0] = x0**2 + 3 x1, k[1] = x1**2 + 2 x0 written into a zeros buffer."""
    k = np.zeros(2)
    k[0] = x[0] ** 2 + 3 * x[1]
    k[1] = x[1] ** 2 + 2 * x[0]
    return k


@program(args=lambda rng: (1.0, 2.0), wrt=(0, 1), tags=("seed", "tuple-output", "float-args"))
def seed_two_outputs(x1, x2):
    """torch.autograd.grad([y1, y2], [x1, x2]) sums the two outputs' gradients."""
    y1 = x1 * x2
    y2 = x1 + x2
    return y1, y2


@program(args=lambda rng: (rng.standard_normal(4), rng.standard_normal(4)), wrt=(0,),
         tags=("seed",))
def seed_backward_with_gradient(x, v):
    """y.backward(v) == grad of sum(y * v)."""
    y = x * 2
    y = y * 2
    return np.sum(y * v)


# ----------------------------------------------------------------- assignment and operators


@program(args=lambda rng: (rng.standard_normal(5), rng.standard_normal(5)), wrt=(0, 1),
         tags=("assign", "arith"), autograd=False, autograd_reason="autograd's ArrayBox has no unary +")
def arith_ops(x, y):
    a = x + y
    b = x - y
    c = x * y
    d = x / (y * y + 1.0)
    e = -a
    f = +b
    return np.sum(a * b + c - d * e + f ** 2)


@program(args=lambda rng: (rng.uniform(0.5, 2.0, 4), rng.uniform(-1.5, 1.5, 4)), wrt=(0, 1),
         tags=("pow",))
def pow_ops(x, y):
    """** with integer, float, array and base-scalar exponents (x > 0)."""
    return np.sum(x ** 3 + 2.0 ** y + x ** 0.5 + x ** y + np.power(x, y) + np.square(y) ** 2)


@program(args=lambda rng: (rng.uniform(-1.2, 1.2, 6), rng.uniform(-1.2, 1.2, 6)), wrt=(0, 1),
         tags=("unary", "ufuncs"))
def unary_math(x, y):
    return np.sum(np.sin(x) * np.cos(y) + np.tan(0.5 * x) + np.tanh(y) + np.exp(-x * x)
                  + np.log(1.0 + x * x) + np.sqrt(1.0 + y * y) + np.abs(x) + np.power(y, 2)
                  + np.square(x) - np.negative(y) * 0.5)


@program(args=lambda rng: (rng.standard_normal((3, 4)), rng.standard_normal(4),
                           rng.standard_normal((3, 1))), wrt=(0, 1, 2), tags=("broadcast",))
def broadcasting(X, b, c):
    Y = X + b * c
    Z = Y / (1.0 + c * c) - b
    return np.sum(Z ** 2) + np.sum(X * b) - np.mean(c)


@program(args=lambda rng: (rng.standard_normal((3, 4)), rng.standard_normal((4, 2)),
                           rng.standard_normal(2)), wrt=(0, 1, 2), tags=("matmul",))
def matmul_chain(A, B, v):
    h = A @ B @ v
    M = A.T @ A
    return np.sum(np.tanh(h)) + np.sum(M @ B) + v @ v


@program(args=lambda rng: (rng.standard_normal(3), rng.standard_normal(3)), wrt=(0, 1),
         tags=("tuple-unpack", "for-range"))
def fibonacci_unpack(x, y):
    """a, b = b, a + b in a loop."""
    a, b = x, y
    for _ in range(5):
        a, b = b, a + b * 0.5
    return np.sum(a * b)


@program(args=lambda rng: (rng.standard_normal(3), rng.standard_normal(3), rng.standard_normal(3)),
         wrt=(0, 1, 2), tags=("tuple-unpack",))
def nested_unpack_swap(x, y, z):
    (p, q), r = (x, y), z
    p, q = q, p
    r, p = p * r, r + 1.0
    t = (p, q, r)
    u, v, w = t
    return np.sum(u * v + w * w)


@program(args=lambda rng: (rng.standard_normal(4), rng.uniform(0.5, 1.5, 4)), wrt=(0, 1),
         tags=("augassign",), autograd=False,
         autograd_reason="in-place += of a traced array into a plain one (NumPy mutation)")
def augmented_assign(x, y):
    s = x * 1.0
    s += y
    s -= 0.5 * x
    s *= y
    s /= 1.0 + x * x
    t = 2.0
    t *= s.sum()
    t += 1.0
    t /= 3.0
    t -= np.sum(y)
    return t


@program(args=lambda rng: (rng.standard_normal(6), rng.standard_normal(6), 6), wrt=(0, 1),
         tags=("augassign", "for-range", "int-args"))
def augmented_accumulate(x, w, n):
    s = 0.0
    p = 1.0
    for i in range(n):
        s += x[i] * w[i]
        p *= 1.0 + 0.1 * x[i]
        s -= 0.01 * p
    s /= n
    return s


@program(args=lambda rng: (rng.standard_normal(4), rng.standard_normal(4)), wrt=(0, 1),
         tags=("if", "compare", "bool-ops"))
def compare_and_or_not(x, y):
    if x.sum() > 0 and y.max() < 5.0 or not (x[0] == y[0]):
        r = x * y
    else:
        r = x - y
    if not (x[1] > 10.0) and (y[2] <= 10.0 or x[2] >= 0.0):
        r = r + x ** 2
    if x[3] != x[3]:
        r = r * 0.0
    return np.sum(r)


@program(args=lambda rng: (rng.standard_normal(5),), tags=("if", "elif"))
def piecewise_elif(x):
    t = x.mean()
    if t > 0.5:
        y = x ** 2
    elif t > 0.0:
        y = np.sin(x)
    elif t > -0.5:
        y = 3.0 * x
    else:
        y = np.exp(x)
    return np.sum(y * x)


@program(args=lambda rng: (np.array([0.3, -0.2, 0.9, 0.1]),), tags=("if", "elif", "for-range"))
def piecewise_elif_loop(x):
    """Every branch of an if/elif/else chain taken in a loop."""
    s = 0.0
    for i in range(4):
        if x[i] > 0.5:
            s = s + x[i] ** 3
        elif x[i] > 0.2:
            s = s + np.sin(x[i])
        elif x[i] > 0.0:
            s = s + 2.0 * x[i]
        else:
            s = s - x[i] * x[i]
    return s


@program(args=lambda rng: (rng.standard_normal(4), rng.standard_normal(4)), wrt=(0, 1),
         tags=("ifexp", "for-range"))
def conditional_expressions(x, y):
    z = x * 2.0 if x.sum() > 0 else x * -3.0
    s = 0.0
    for i in range(4):
        w = x[i] if i % 2 == 0 else y[i] * y[i]
        s = s + (w * z[i] if w > 0 else w - z[i])
    return s + (np.sum(y) if np.sum(y) < 100 else 0.0)


@program(args=lambda rng: (rng.uniform(-0.9, 0.9, 3),), tags=("if", "compare"))
def chained_comparison(x):
    t = x.mean()
    if -1.0 < t < 1.0:
        y = np.tanh(x)
    else:
        y = x
    if 0.0 <= t <= 0.5 < 1.0:
        y = y * 2.0
    return np.sum(y * y)


@program(args=lambda rng: (float(rng.uniform(0.5, 1.5)),), tags=("float-args",))
def python_float_arith(t):
    """A Python float argument; output is a Python / NumPy scalar."""
    u = t ** 3 - 2.0 * t + 1.0 / t
    v = np.sin(t) * np.exp(-t)
    return u * v + t


@program(args=lambda rng: (np.float64(rng.uniform(0.5, 1.5)), rng.standard_normal(3)),
         wrt=(0, 1), tags=("float-args",))
def numpy_scalar_arg(s, x):
    """A np.float64 argument mixed with an array."""
    y = s * x + s ** 2
    return np.sum(np.tanh(y)) * s
