"""NumPy functions, ndarray methods, indexing, constants, kinks."""

import numpy as np

from . import NULL_PB as pb  # noqa: F401
from . import program


@program(args=lambda rng: (rng.uniform(0.5, 1.5, (3, 4)),), tags=("reductions", "axis", "keepdims"))
def reductions_axis_keepdims(X):
    a = np.sum(X, axis=0)
    b = np.mean(X, axis=1, keepdims=True)
    c = np.prod(X, axis=1)
    d = np.sum(X * b, axis=(0, 1))
    e = X.sum(axis=1, keepdims=True) / X.mean(axis=0, keepdims=True)
    return np.sum(a * a) + np.sum(b) + np.sum(c) + d + np.mean(e) + np.prod(X[0])


@program(args=lambda rng: (rng.permutation(12).reshape(3, 4) * 0.25 + rng.uniform(0, 0.01, (3, 4)),),
         tags=("reductions", "max", "min"))
def max_min_reductions(X):
    """No ties: max / min with axis / keepdims / methods."""
    return (np.sum(np.max(X, axis=1)) + np.sum(np.min(X, axis=0, keepdims=True))
            + X.max() * X.min() + np.max(X[1]) + np.sum(X.max(axis=0)))


@program(args=lambda rng: (np.array([[1.0, 3.0, 3.0], [2.0, 2.0, 0.5]]),),
         tags=("kink", "max", "ties"), fd=False, fd_reason="deliberate kink (tied maxima)")
def max_ties_shared(X):
    """Tied maxima share the gradient evenly (torch amax semantics)."""
    return np.sum(np.max(X, axis=1) * np.array([1.0, 2.0])) + np.max(X) + np.min(X[1:, :2])


@program(args=lambda rng: (rng.standard_normal(5), rng.standard_normal(5)), wrt=(0, 1),
         tags=("maximum", "minimum"))
def maximum_minimum(x, y):
    return np.sum(np.maximum(x, y) ** 2 + np.minimum(x, 0.2) * y + np.maximum(0.0, y))


@program(args=lambda rng: (np.array([1.0, -2.0, 0.5]), np.array([1.0, 3.0, 0.5])), wrt=(0, 1),
         tags=("kink", "maximum", "ties"), fd=False, fd_reason="deliberate kink (x == y)")
def maximum_ties_split(x, y):
    """np.maximum / np.minimum split the gradient in half on ties."""
    return np.sum(np.maximum(x, y) * np.array([1.0, 2.0, 4.0])) + np.sum(np.minimum(x, y) * 3.0)


@program(args=lambda rng: (np.array([0.0, -1.5, 2.0, 0.0]),), tags=("kink", "abs"),
         fd=False, fd_reason="deliberate kink (abs at 0)")
def abs_at_zero(x):
    """abs'(0) = 0."""
    return np.sum(np.abs(x) * np.array([1.0, 2.0, 3.0, 4.0]))


@program(args=lambda rng: (np.array([-1.0, -0.5, 0.0, 0.5, 1.0, 2.0]),), tags=("kink", "clip"),
         fd=False, fd_reason="deliberate kink (values at the clip bounds)",
         autograd=False, autograd_reason="autograd's clip gives 0 at the bounds; torch passes it",
         manual=lambda x: np.array([0.0, 2.0, 3.0, 4.0, 5.0, 0.0]))
def clip_at_bounds(x):
    """np.clip passes the gradient at its bounds (inclusive), like torch.clamp."""
    return np.sum(np.clip(x, -0.5, 1.0) * np.arange(1.0, 7.0))


@program(args=lambda rng: (rng.uniform(-2, 2, 6),), tags=("clip",))
def clip_interior(x):
    return np.sum(np.clip(x, -1.0, 1.0) ** 2 + np.clip(x * 2.0, -0.5, 0.5))


@program(args=lambda rng: (np.array([1.0, -2.0, 0.5]),), tags=("kink", "norm"),
         fd=False, fd_reason="deliberate kink (norm at 0)", twice_differentiable=False,
         autograd=False, autograd_reason="autograd's norm gradient at 0 is nan; torch's is 0",
         manual=lambda x: np.ones(3))
def norm_at_zero(x):
    """np.linalg.norm at 0 has gradient 0."""
    z = x - x
    return np.linalg.norm(z) + np.sum(x)


@program(args=lambda rng: (np.array([0.0, 1.0, 4.0]),), tags=("kink", "sqrt", "inf-derivative"),
         fd=False, fd_reason="deliberate kink (sqrt at 0)", twice_differentiable=False,
         autograd=False, autograd_reason="autograd warns and gives inf too; kept to torch + manual",
         manual=lambda x: np.array([np.inf, 0.5, 0.25]))
def sqrt_at_zero(x):
    """sqrt'(0) = inf."""
    return np.sum(np.sqrt(x))


@program(args=lambda rng: (rng.standard_normal((3, 3)), rng.standard_normal(3), rng.standard_normal(3)),
         wrt=(0, 1, 2), tags=("dot", "matmul", "outer", "norm", "trace"))
def linear_algebra(A, x, y):
    a = np.dot(A, x)
    b = np.matmul(A, A)
    c = np.outer(x, y)
    d = np.linalg.norm(A @ y)
    e = np.trace(A @ c)
    f = np.linalg.norm(x - y)
    return np.sum(a * y) + np.sum(b * c) + d * e + f + np.dot(x, y) + np.trace(b)


@program(args=lambda rng: (rng.standard_normal(6), rng.standard_normal((2, 3))), wrt=(0, 1),
         tags=("reshape", "transpose", "concatenate", "stack"))
def shape_ops(x, Y):
    X = x.reshape(2, 3)
    Z = np.reshape(x, (3, 2))
    T = np.transpose(X) @ Y
    U = np.concatenate([X, Y], axis=0)
    V = np.concatenate([x, Y.reshape(-1)])
    S = np.stack([X, Y * 2.0])
    W = np.stack([x[:3], x[3:]], axis=1)
    return (np.sum(T ** 2) + np.sum(U.T @ U) + np.sum(V * np.arange(12.0)) + np.sum(S[1] * X)
            + np.sum(Z * W) + np.sum(X.T * Y.transpose()))


@program(args=lambda rng: (rng.standard_normal(8),), tags=("where", "maximum", "relu"))
def where_and_relu(x):
    leaky = np.where(x > 0, x, 0.1 * x)
    relu = np.maximum(x, 0.0)
    sel = np.where(x < 0.5, x ** 2, 2.0 * x)
    return np.sum(leaky * relu) + np.sum(sel)


@program(args=lambda rng: (rng.standard_normal(6), rng.standard_normal((4, 5))), wrt=(0, 1),
         tags=("indexing", "slices", "negative-index", "newaxis", "fancy-index"))
def indexing_reads(x, X):
    a = x[1] * x[-1]
    b = x[1:4] * x[-3:]
    c = x[None, :] * x[:, None]
    d = X[:, 1] @ X[2, 1:]
    e = X[1:, ::2]
    f = X[-1, -2] * X[::-1][0, 0]
    g = x[[1, 1, 3]] * np.array([1.0, 2.0, 3.0])
    h = X[[0, 0, 2]]
    i = X[np.array([3, 1]), np.array([0, 4])]
    return a + np.sum(b) + np.sum(c) + d + np.sum(e ** 2) + f + np.sum(g) + np.sum(h * h) + np.sum(i)


@program(args=lambda rng: (rng.standard_normal(6),), tags=("indexing", "fancy-index", "repeated-index"))
def repeated_index_gather(x):
    """Repeated indices accumulate gradients."""
    idx = np.array([0, 2, 2, 5, 0, 0])
    g = x[idx]
    return np.sum(g * np.arange(1.0, 7.0)) + np.sum(x[[1, 1, 1]] ** 2)


@program(args=lambda rng: (rng.standard_normal(8),), tags=("indexing", "mask"))
def boolean_mask_read(x):
    pos = x[x > 0]
    neg = x[x <= 0]
    return np.sum(pos ** 2) + np.sum(np.sin(neg)) + 0.0 * np.sum(x)


@program(args=lambda rng: (rng.uniform(0.5, 1.5, (2, 3)), rng.standard_normal(3)), wrt=(0, 1),
         tags=("methods",), autograd=False, autograd_reason="autograd's ArrayBox has no .dot method")
def ndarray_methods(X, v):
    a = X.sum() + X.mean() + X.max() + X.min() + X.prod()
    b = X.sum(axis=0).dot(v)
    c = X.reshape(3, 2).T @ X.reshape(-1)[:3]
    d = X.T.dot(X).sum(axis=1)
    e = X.transpose().mean(axis=0)
    f = v.reshape(1, 3).sum(keepdims=True)
    return a + b + np.sum(c) + np.sum(d * v) + np.sum(e) + np.sum(f) + X.shape[0] * v.size * np.sum(v)


@program(args=lambda rng: (rng.standard_normal(4), rng.standard_normal(4)), wrt=(0, 1),
         tags=("constants", "zeros", "ones", "arange"))
def constants_and_creation(x, y):
    z = np.zeros(4) + np.ones(4) * 2.0
    zl = np.zeros_like(x) + x
    ol = np.ones_like(y) * y.sum()
    ar = np.arange(4) * x + np.arange(1, 5) * y + np.arange(0.0, 2.0, 0.5)
    I = np.eye(4)
    m = np.full(4, 0.5)
    return np.sum(z * zl + ol * ar) + np.sum(I @ x * y) + np.sum(m * x) + np.pi * np.sum(y)


@program(args=lambda rng: (rng.standard_normal(5) * 3.0,), tags=("softmax", "max"))
def stable_softmax_logsumexp(x):
    """x - max(x) shifts; the max's own gradient cancels in logsumexp."""
    m = np.max(x)
    e = np.exp(x - m)
    p = e / np.sum(e)
    lse = m + np.log(np.sum(e))
    return np.sum(p * np.arange(5.0)) + lse


@program(args=lambda rng: (rng.standard_normal((6, 3)), rng.standard_normal(6),
                           rng.standard_normal((3, 4)) * 0.5, rng.standard_normal(4) * 0.1,
                           rng.standard_normal(4) * 0.5),
         wrt=(2, 3, 4), tags=("mlp",))
def mlp_loss(X, y, W1, b1, w2):
    h = np.tanh(X @ W1 + b1)
    pred = h @ w2
    return np.mean((pred - y) ** 2)


@program(args=lambda rng: (rng.standard_normal((8, 3)), np.where(rng.standard_normal(8) > 0, 1.0, -1.0),
                           rng.standard_normal(3)), wrt=(2,), tags=("logistic",))
def logistic_regression(X, labels, w):
    z = labels * (X @ w)
    return np.mean(np.log(1.0 + np.exp(-z))) + 0.01 * np.sum(w ** 2)


@program(args=lambda rng: (rng.standard_normal((3, 5)), rng.uniform(0.5, 1.5, 5),
                           rng.standard_normal(5)), wrt=(0, 1, 2), tags=("layernorm",))
def layer_norm(X, gamma, beta):
    mu = X.mean(axis=1, keepdims=True)
    var = ((X - mu) ** 2).mean(axis=1, keepdims=True)
    Y = (X - mu) / np.sqrt(var + 1e-5) * gamma + beta
    return np.sum(Y * np.arange(15.0).reshape(3, 5))


@program(args=lambda rng: (rng.standard_normal(4), 3), tags=("int-args", "for-range"))
def int_argument_power(x, n):
    y = x
    for _ in range(n - 1):
        y = y * x
    return np.sum(y) + n * np.sum(x)


@program(args=lambda rng: (rng.standard_normal(6),), tags=("bool-array", "compare"))
def boolean_array_arith(x):
    mask = x > 0
    return np.sum(x * mask) + np.sum(np.where(mask, 0.0, x ** 2)) + np.sum(mask) * 0.5


@program(args=lambda rng: (rng.standard_normal(8),), tags=("int-arith", "for-range", "shape"))
def index_arithmetic(x):
    n = x.shape[0]
    s = 0.0
    for i in range(n // 2):
        s = s + x[2 * i] * x[i % 3] + x[n - 1 - i] / (i + 1)
    return s + len(x) * x[-1]


@program(args=lambda rng: (rng.standard_normal((2, 3, 4)),), tags=("3d", "axis", "transpose"))
def three_d_arrays(T):
    a = T.sum(axis=2)
    b = np.transpose(T, (2, 0, 1))
    c = T.reshape(6, 4).T @ T.reshape(6, 4)
    return np.sum(a ** 2) + np.sum(b[1] * a) + np.trace(c) + np.mean(T, axis=(0, 2)).sum()


@program(args=lambda rng: (rng.uniform(0.5, 2.0, 5),), tags=("ufuncs", "divide"))
def division_forms(x):
    return np.sum(1.0 / x + x / 3.0 + np.divide(x, x + 1.0) + np.true_divide(2.0, x) + np.reciprocal(x))


@program(args=lambda rng: (rng.standard_normal(4),), tags=("int-arith", "arange", "dtype"))
def int_true_division(x):
    """int / int is float64 in NumPy (torch's default dtype would make it float32)."""
    r = np.arange(4) / 3
    q = np.arange(1, 5) // 2
    return np.sum(x * r) + np.sum(x ** 2 * q) + np.sum(x * (7 / 2))
