"""Indexed assignment into arrays (NumPy mutation semantics).

HIPS autograd cannot do indexed assignment, so these run against torch and
finite differences only (``mutates=True``). Programs marked
``expect_unsupported_or_correct`` rely on aliasing: pullback may refuse them
with UnsupportedError, but must never return a wrong number.
"""

import numpy as np

from . import NULL_PB as pb  # noqa: F401
from . import program


@program(args=lambda rng: (rng.standard_normal(5), rng.standard_normal(5)), wrt=(0, 1),
         mutates=True, tags=("index-assign", "for-range"))
def write_in_loop(x, y):
    k = np.zeros(5)
    for i in range(5):
        k[i] = x[i] * y[i] + i
    return np.sum(k * k)


@program(args=lambda rng: (rng.standard_normal(3), rng.standard_normal(3)), wrt=(0, 1),
         mutates=True, tags=("index-assign", "augassign", "nested-loops"))
def write_2d_augmented(x, y):
    K = np.zeros((3, 3))
    for i in range(3):
        for j in range(3):
            K[i, j] += x[i] * y[j]
            K[i, j] += np.sin(x[j])
    return np.sum(K @ K)


@program(args=lambda rng: (rng.standard_normal(4), rng.standard_normal((3, 3))), wrt=(0, 1),
         mutates=True, tags=("index-assign", "slices"))
def write_slices(x, A):
    k = np.zeros((3, 4))
    k[0] = x * 2.0
    k[1:3, 1:] = A[:2, :] * x[0]
    k[:, 0] = A[:, 2] ** 2
    k[2, ::2] = x[1:3]
    return np.sum(np.tanh(k))


@program(args=lambda rng: (rng.standard_normal(3),), mutates=True,
         tags=("index-assign", "overwrite"))
def overwrite_element(x):
    """k[0] is overwritten: x[0]'s first contribution is lost."""
    k = np.zeros(3)
    k[0] = x[0] * 5.0
    k[1] = x[1] * x[0]
    k[0] = x[2] ** 2
    k[2] = k[0] + k[1]
    k[1] = 1.0
    return np.sum(k * k)


@program(args=lambda rng: (rng.uniform(0.3, 1.2, 5),), mutates=True,
         tags=("index-assign", "read-back", "for-range"))
def recurrence_buffer(x):
    """h[i] depends on h[i-1], read back from the buffer."""
    h = np.zeros(5)
    h[0] = x[0]
    for i in range(1, 5):
        h[i] = h[i - 1] * x[i] + np.sin(h[i - 1])
    return h.sum()


@program(args=lambda rng: (rng.standard_normal(6),), mutates=True,
         tags=("index-assign", "read-back", "negative-index"))
def cumulative_sum_buffer(x):
    c = np.zeros_like(x)
    c[0] = x[0]
    for i in range(1, 6):
        c[i] = c[i - 1] + x[i] ** 2
    return c[-1] * c[2] + c[-2]


@program(args=lambda rng: (rng.standard_normal(6),), mutates=True,
         tags=("index-assign", "slices", "read-back"))
def strided_write_then_multiply(x):
    buf = np.zeros_like(x)
    buf[::2] = x[::2] ** 2
    buf[1::2] = np.cos(x[1::2])
    return np.sum(buf * x)


@program(args=lambda rng: (rng.standard_normal(3), rng.standard_normal((3, 3)) * 0.5), wrt=(0, 1),
         mutates=True, tags=("index-assign", "read-back", "for-range"))
def write_rows(x, W):
    M = np.zeros((4, 3))
    M[0] = x
    for i in range(1, 4):
        M[i] = np.tanh(M[i - 1] @ W)
    return np.sum(M[-1] * M[1])


@program(args=lambda rng: (rng.standard_normal(4),), mutates=True,
         tags=("index-assign", "fancy-index"))
def fancy_index_write(x):
    """Integer-array writes, no repeated indices."""
    k = np.zeros(5)
    k[[0, 2, 4]] = x[:3] * 2.0
    k[np.array([1, 3])] = x[2:] ** 2
    return np.sum(k * np.arange(5.0))


@program(args=lambda rng: (rng.standard_normal(6),), mutates=True,
         tags=("index-assign", "mask", "copy"))
def masked_write_on_copy(x):
    """y = x.copy(); y[y < 0] = 0.1 * y[y < 0] (a leaky relu by mutation)."""
    y = x.copy()
    m = y < 0
    y[m] = 0.1 * y[m]
    return np.sum(y ** 2)


@program(args=lambda rng: (rng.standard_normal(4),), mutates=True,
         tags=("index-assign", "augassign", "for-range"))
def augmented_element_updates(x):
    k = np.ones(4)
    for i in range(4):
        k[i] *= x[i]
        k[i] -= 0.5 * x[3 - i]
        k[i] /= 1.0 + x[i] ** 2
        k[i] += 1.0
    return np.prod(k)


@program(args=lambda rng: (rng.standard_normal(3),), mutates=True,
         tags=("index-assign", "saved-value"))
def write_after_use(x):
    """k is used, then written again: the earlier use keeps the earlier value."""
    k = np.zeros(3)
    k[0] = x[0]
    k[1] = x[1] * 2.0
    y = k * k
    k[1] = x[2] ** 3
    z = k * x
    return np.sum(y) + np.sum(z)


@program(args=lambda rng: (rng.standard_normal(3),), mutates=True,
         tags=("index-assign", "augassign", "arrays"))
def inplace_array_augassign(x):
    """acc += ... on a fresh array (in place in NumPy)."""
    acc = np.zeros(3)
    for i in range(3):
        acc += x * (i + 1.0)
        acc *= 0.5
    acc -= x ** 2
    return np.sum(acc ** 2)


@program(args=lambda rng: (rng.standard_normal(3),), mutates=True,
         tags=("index-assign", "copy"))
def copy_then_write(x):
    """b is a copy: writing into it leaves a alone."""
    a = x * 2.0
    b = a.copy()
    b[0] = 0.0
    b[2] = a[1] ** 2
    return np.sum(a * a) + np.sum(b)


@program(args=lambda rng: (rng.standard_normal(3),), mutates=True, expect_unsupported_or_correct=True,
         tags=("index-assign", "alias"))
def alias_write(x):
    """v = buf is an alias: the write through v is seen by buf."""
    buf = np.zeros(3)
    v = buf
    v[0] = x[0] * 2.0
    v[2] = x[1] * x[2]
    return np.sum(buf * x)


@program(args=lambda rng: (rng.standard_normal(3),), mutates=True, expect_unsupported_or_correct=True,
         tags=("index-assign", "alias"))
def alias_overwrites_computed(x):
    """a's element 1 is overwritten through the alias b: x[1] loses that path."""
    a = np.ones(3) * x
    b = a
    b[1] = 5.0
    return np.sum(a * a)


@program(args=lambda rng: (rng.standard_normal(3),), mutates=True, expect_unsupported_or_correct=True,
         tags=("index-assign", "alias", "view"))
def view_write(x):
    """r = M[0] is a view: writing into M changes r, writing into r changes M."""
    M = np.zeros((2, 3))
    r = M[0]
    M[0, 1] = x[0]
    r[2] = x[1] * 3.0
    y = r * 2.0 + x[2]
    return np.sum(y * y) + np.sum(M)


@program(args=lambda rng: (rng.standard_normal(3),), tags=("augassign", "scalar-copy"),
         torch=False,
         torch_reason="torch._numpy: k[0] is a 0-d VIEW, so `s += 1` writes into k; in NumPy k[0] is a "
                      "scalar copy (the harness detects the different value)")
def scalar_element_augassign(x):
    """s = k[0] is a NumPy scalar (a copy): s += ... must not change k."""
    k = x * 2.0
    s = k[0]
    s += 1.0
    s *= x[1]
    return s * np.sum(k)


def _first_row(m):
    return m[0]


def _sum_of_squares(m):
    return np.sum(m * m)


@program(args=lambda rng: (rng.standard_normal(2),), mutates=True,
         tags=("index-assign", "call", "alias"))
def call_result_views_buffer(x):
    """A function returns a view of a buffer that is written after the result is used."""
    k = np.zeros((2, 2))
    k[0, 1] = x[1]
    v = _first_row(k)
    y = np.sum(v * v)
    k[0, 1] = x[0] * 3.0
    return y + np.sum(k)


@program(args=lambda rng: (rng.standard_normal(3),), mutates=True,
         tags=("index-assign", "call", "for-range"))
def callee_reads_buffer_later_written(x):
    """The callee's derivative needs the buffer's values at call time, not at the end."""
    k = np.zeros(3)
    total = 0.0
    for i in range(3):
        k[i] = x[i] * (i + 1.0)
        total = total + _sum_of_squares(k)
    return total
