"""Views and aliases of written arrays, followed as NumPy does (issue 9): reads of a
view see later writes into its base, writes through a view (or a chain such as
``k.T[1:]``, ``m.reshape(6)[3:]``) change the base, and ``op=`` on a shared array
changes it in place. Each program against a torch float64 twin written with
torch's own view and in-place semantics, in reverse mode and forward mode.

Some came from adversarial programs written from the user's side: ``k.T[idx] = v``
was once rewritten as ``k[..., idx] = v``, which is only right for one integer
index on a 2-D array (a silent wrong number on square arrays).
"""

from __future__ import annotations

import numpy as np
import pytest
import torch

import pullback as pb

D = torch.float64
X = np.array([0.5, -1.25, 2.0])
W = np.arange(1.0, 10.0).reshape(3, 3)
TW = torch.tensor(W, dtype=D)


def torch_grad_jvp(tf, x, v):
    t = torch.tensor(x, dtype=D, requires_grad=True)
    (g,) = torch.autograd.grad(tf(t), t)
    _, jv = torch.autograd.functional.jvp(tf, torch.tensor(x, dtype=D), torch.tensor(v, dtype=D))
    return g.numpy(), jv.numpy()


def check(f, tf, x=X):
    v = np.linspace(-1.0, 1.0, x.size)
    g, jv = torch_grad_jvp(tf, x, v)
    x_before = x.copy()
    np.testing.assert_allclose(pb.grad(f)(x), g, rtol=1e-10, atol=1e-12)
    value, t = pb.jvp(f, (x,), (v,))
    np.testing.assert_allclose(value, f(x.copy()), rtol=1e-12)
    np.testing.assert_allclose(t, jv, rtol=1e-10, atol=1e-12)
    np.testing.assert_array_equal(x, x_before)


def alias_then_write(x):
    buf = np.zeros(3)
    v = buf
    buf[0] = x[0]
    return np.sum(v * x)


def t_alias_then_write(x):
    buf = torch.zeros(3, dtype=D)
    v = buf
    buf[0] = x[0]
    return torch.sum(v * x)


def row_then_write(x):
    buf = np.zeros((2, 3))
    row = buf[0]
    buf[0, 1] = x[1]
    return np.sum(row * x)


def t_row_then_write(x):
    buf = torch.zeros((2, 3), dtype=D)
    row = buf[0]
    buf[0, 1] = x[1]
    return torch.sum(row * x)


def alias_of_a_view(x):
    k = np.zeros((2, 2))
    r = k[0]
    r2 = r
    k[0, 0] = x[0]
    return np.sum(r2) * x[1]


def t_alias_of_a_view(x):
    k = torch.zeros((2, 2), dtype=D)
    r = k[0]
    r2 = r
    k[0, 0] = x[0]
    return torch.sum(r2) * x[1]


def write_through_row_view(x):
    k = np.zeros((2, 3))
    v = k[0]
    v[1] = x[0] * 2
    v += x
    return np.sum(k * k)


def t_write_through_row_view(x):
    k = torch.zeros((2, 3), dtype=D)
    v = k[0]
    v[1] = x[0] * 2
    k[0] = v + x  # torch refuses v += x here (a view of a leaf made by a write)
    return torch.sum(k * k)


def reshape_view_and_aug(x):
    m = np.zeros((2, 3))
    a = m.reshape(6)[3:6]
    a[:] = x * x
    m += x
    return np.sum(m ** 2) + np.sum(a)


def t_reshape_view_and_aug(x):
    m = torch.zeros((2, 3), dtype=D)
    a = m.reshape(6)[3:6]
    a[:] = x * x
    m += x
    return torch.sum(m ** 2) + torch.sum(a)


def transpose_slice_write(x):
    k = np.outer(x, np.arange(1.0, 4.0))
    k.T[:] = np.outer(x, x ** 2)
    return (k * W).sum()


def t_transpose_slice_write(x):
    k = torch.outer(x, torch.arange(1.0, 4.0, dtype=D))
    k.T[:] = torch.outer(x, x ** 2)
    return (k * TW).sum()


def transpose_of_3d_write(x):
    k = np.zeros((2, 2, 3))
    k.T[0] = np.outer(x[:2], x[1:])
    return (k[..., 0] * W[:2, :2]).sum()


def t_transpose_of_3d_write(x):
    k = torch.zeros((2, 2, 3), dtype=D)
    k.permute(2, 1, 0)[0] = torch.outer(x[:2], x[1:])
    return (k[..., 0] * TW[:2, :2]).sum()


def transpose_rows_write(x):
    k = np.zeros((3, 3))
    k.T[1:] = np.outer(x[:2], x)
    return (k * W).sum()


def t_transpose_rows_write(x):
    k = torch.zeros((3, 3), dtype=D)
    k.T[1:] = torch.outer(x[:2], x)
    return (k * TW).sum()


def transpose_aug_slice(x):
    k = np.ones((3, 3))
    k.T[:2] += np.outer(x[:2], x)
    return (k * k * W).sum()


def t_transpose_aug_slice(x):
    k = torch.ones((3, 3), dtype=D)
    k.T[:2] += torch.outer(x[:2], x)
    return (k * k * TW).sum()


def view_of_view_written_in_loop(x):
    m = np.zeros((3, 3))
    col = m.T[1]
    for i in range(3):
        col[i] = x[i] * (i + 1.0)
        m[i, 0] = col.sum()
    return (m * W).sum()


def t_view_of_view_written_in_loop(x):
    m = torch.zeros((3, 3), dtype=D)
    col = m.T[1]
    for i in range(3):
        col[i] = x[i] * (i + 1.0)
        m[i, 0] = col.sum()
    return (m * TW).sum()


def aug_on_alias(x):
    k = np.zeros(3)
    a = k
    a += x * 2.0
    k *= x
    return np.sum(a * k) + np.sum(k)


def t_aug_on_alias(x):
    k = torch.zeros(3, dtype=D)
    a = k
    a += x * 2.0
    k *= x
    return torch.sum(a * k) + torch.sum(k)


def scalar_read_is_a_copy(x):
    k = np.zeros(3)
    k[1] = x[0]
    s = k[1]
    k[1] = x[1] * 3.0
    return s * x[2] + k.sum()


def t_scalar_read_is_a_copy(x):
    k = torch.zeros(3, dtype=D)
    k[1] = x[0]
    s = k[1].clone()
    k[1] = x[1] * 3.0
    return s * x[2] + k.sum()


def copyto_and_fill_views(x):
    m = np.zeros((2, 3))
    np.copyto(m[1], x * x)
    m[0].fill(2.0)
    np.multiply(x, 3.0, out=m[0])
    return np.sum(m * W[:2])


def t_copyto_and_fill_views(x):
    m = torch.zeros((2, 3), dtype=D)
    m[1].copy_(x * x)
    m[0].fill_(2.0)
    m[0] = x * 3.0
    return torch.sum(m * TW[:2])


CASES = [(alias_then_write, t_alias_then_write), (row_then_write, t_row_then_write),
         (alias_of_a_view, t_alias_of_a_view),
         (write_through_row_view, t_write_through_row_view),
         (reshape_view_and_aug, t_reshape_view_and_aug),
         (transpose_slice_write, t_transpose_slice_write),
         (transpose_of_3d_write, t_transpose_of_3d_write),
         (transpose_rows_write, t_transpose_rows_write),
         (transpose_aug_slice, t_transpose_aug_slice),
         (view_of_view_written_in_loop, t_view_of_view_written_in_loop),
         (aug_on_alias, t_aug_on_alias), (scalar_read_is_a_copy, t_scalar_read_is_a_copy),
         (copyto_and_fill_views, t_copyto_and_fill_views)]


@pytest.mark.parametrize("f, tf", CASES, ids=[c[0].__name__ for c in CASES])
def test_views_follow_numpy(f, tf):
    check(f, tf)


def reshape_of_transpose_is_a_copy(x):
    m = np.zeros((2, 3))
    a = m.T.reshape(6)
    m[0] = x
    return np.sum(a) + np.sum(m)


def test_a_reshape_numpy_copied_is_not_followed_as_a_view():
    """``m.T.reshape(6)`` is a copy in NumPy: later writes into ``m`` do not reach
    it. pullback must not read the new values through it."""
    g = pb.grad(reshape_of_transpose_is_a_copy)
    try:
        got = g(X)
    except pb.PullbackError:
        return  # refused at run time: allowed
    np.testing.assert_allclose(got, np.ones(3), rtol=1e-12)


def int_buffer_aug_through_view(x):
    k = np.zeros((2, 3), dtype=np.int64)
    v = k[0]
    v += x
    return np.sum(x)


def test_casting_error_through_a_view_is_numpys():
    with pytest.raises(TypeError):
        int_buffer_aug_through_view(X.copy())
    with pytest.raises(TypeError):
        pb.grad(int_buffer_aug_through_view)(X)


# -- found by adversarial programs (round 2): what a view's expression reads must not
# change behind pullback's back, and out= keeps NumPy's casting check ------------------
def index_is_a_0d_array_changed_in_place(x):
    k = np.zeros(3)
    i = np.array(2)
    v = k[:i]
    i[...] = 0
    k[:] = x ** 2
    return v.sum() + x[2]


G = 2


def _set_g(value):
    global G
    G = value


def index_is_a_global_a_helper_changes(x):
    k = np.zeros(3)
    _set_g(2)
    v = k[:G]
    _set_g(0)
    k[:] = x ** 2
    return v.sum() + x[2]


@pytest.mark.parametrize("f", [index_is_a_0d_array_changed_in_place,
                               index_is_a_global_a_helper_changes])
def test_a_view_whose_index_may_change_is_not_replayed(f):
    """NumPy's view keeps the index it was made with: d/dx of sum(x[:2] ** 2) + x[2]."""
    want = np.array([2 * X[0], 2 * X[1], 1.0])
    try:
        got = pb.grad(f)(X.copy())
    except pb.PullbackError:
        return  # refused: allowed
    np.testing.assert_allclose(got, want, rtol=1e-12)


def out_into_an_int_view(x):
    k = np.zeros(3, dtype=int)
    np.multiply(x, 3.0, out=k[::-1])
    return (k * x).sum()


def out_into_an_int_array(x):
    k = np.zeros(3, dtype=int)
    np.multiply(x, 3.0, out=k)
    return (k * x).sum()


@pytest.mark.parametrize("f", [out_into_an_int_view, out_into_an_int_array])
def test_out_into_an_int_array_raises_numpys_casting_error(f):
    with pytest.raises(TypeError):
        f(X.copy())
    with pytest.raises(TypeError):
        pb.grad(f)(X)


def out_unsafe_into_an_int_view(x):
    k = np.zeros(3, dtype=int)
    np.multiply(x, 3.0, out=k[::-1], casting="unsafe")
    return (k * x).sum()


def test_out_unsafe_truncates_as_numpy_does():
    """The truncated k holds no derivative: d/dx sum(k * x) = k."""
    k = np.zeros(3, dtype=int)
    np.multiply(X, 3.0, out=k[::-1], casting="unsafe")
    np.testing.assert_allclose(pb.grad(out_unsafe_into_an_int_view)(X), k, rtol=0)


def dot_out_into_a_view(x):
    k = np.zeros(3)
    np.dot(np.eye(3), x, out=k[::-1])
    return k.sum()


def test_out_of_a_non_ufunc_into_a_view_is_refused():
    with pytest.raises(pb.UnsupportedError, match="ufuncs only"):
        pb.grad(dot_out_into_a_view)(X)


# -- the build knows the dimensions of array arguments; one build per pattern --------
def element_or_row(x):
    k = x * 1.0
    s = k[1]
    k[1] = 5.0 * x[0]
    return np.sum(s) + np.sum(k)


def t_element_or_row(x):
    k = x * 1.0
    s = k[1].clone() if x.dim() == 1 else k[1]
    k[1] = 5.0 * x[0]
    return torch.sum(s) + torch.sum(k)


def test_a_vector_and_a_matrix_argument_get_their_own_build():
    """``k[1]`` is a number (a copy) of a vector and a view of a matrix's row."""
    g = pb.grad(element_or_row)
    for x in (X, np.arange(6.0).reshape(3, 2) * 0.5 - 1.0, X):
        t = torch.tensor(x, dtype=D, requires_grad=True)
        (want,) = torch.autograd.grad(t_element_or_row(t), t)
        np.testing.assert_allclose(g(x), want.numpy(), rtol=1e-12, atol=1e-12)


def _identity_unless(v, w, n):
    out = v
    for _ in range(n):
        out = np.tanh(out * w) + 0.5
    return out


def helper_returns_its_argument(x):
    m = np.zeros((2, 3))
    b = _identity_unless(m[0], x, 0)  # b is m[0] itself: a view
    m[0, 1] = x[1]
    return np.sum(b * x)


def test_a_helper_that_may_return_its_argument_is_not_taken_as_fresh():
    """NumPy: b is m[0], so it sees the write: d/dx = [0, 2 x1, 0]."""
    try:
        got = pb.grad(helper_returns_its_argument)(X)
    except pb.PullbackError:
        return  # refused: allowed
    np.testing.assert_allclose(got, [0.0, 2 * X[1], 0.0], rtol=1e-12)


def view_read_by_a_generator(x):
    k = np.zeros(3)
    v = k[1:]
    g = (v[i] * x[i] for i in range(2))
    k = np.ones(3)
    k[1] = x[0]
    return sum(g) + k.sum()


def test_a_view_read_lazily_is_not_replayed():
    """The generator reads v when summed, after k names another array: v is still
    the first array's view (zeros), so the derivative is that of k.sum() alone."""
    try:
        got = pb.grad(view_read_by_a_generator)(X)
    except pb.PullbackError:
        return  # refused: allowed
    np.testing.assert_allclose(got, [1.0, 0.0, 0.0], rtol=1e-12)


def written_then_rebound_to_an_alias(x):
    a = x * 0.5
    c = np.sin(x)
    np.add(x, x, out=c)   # c's first array is written ...
    c = a                 # ... then c names a's array, which op= updates in place
    for i in range(2):
        a += np.maximum(x, 0.3)
    return np.sum(c * x) + np.sum(a)


def t_written_then_rebound_to_an_alias(x):
    a = x * 0.5
    c = x + x
    c = a
    for i in range(2):
        a += torch.maximum(x, torch.tensor(0.3, dtype=D))
    return torch.sum(c * x) + torch.sum(a)


def test_a_binding_after_every_write_gives_torchs_number_or_a_refusal():
    try:
        check(written_then_rebound_to_an_alias, t_written_then_rebound_to_an_alias)
    except pb.UnsupportedError:
        pass  # refused when building (c is written and also bound to an alias): allowed


def split_pieces_written(x):
    k = x * 1.0
    a, b = np.split(k, 2)
    k[0] = 5.0 * x[1]
    b[0] = x[0] * x[2]
    return (a * b).sum() + np.sum(k * k)


def t_split_pieces_written(x):
    k = x * 1.0
    a, b = k[:2], k[2:]  # torch refuses writes into torch.split's views
    k[0] = 5.0 * x[1]
    b[0] = x[0] * x[2]
    return (a * b).sum() + torch.sum(k * k)


def test_pieces_of_np_split_are_views():
    check(split_pieces_written, t_split_pieces_written, np.array([0.5, -1.25, 2.0, 0.75]))


def split_into_three_unpacked_into_two(x):
    k = x * 1.0
    a, b = np.split(k, 4)
    k[0] = x[1]
    return np.sum(a)


def test_a_split_with_the_wrong_count_still_raises_numpys_error():
    with pytest.raises(ValueError):
        split_into_three_unpacked_into_two(np.array([0.5, -1.25, 2.0, 0.75]))
    with pytest.raises((ValueError, pb.UnsupportedError)):
        pb.grad(split_into_three_unpacked_into_two)(np.array([0.5, -1.25, 2.0, 0.75]))


def hsplit_pieces_updated_in_place(x):
    k = np.zeros((2, 3))
    a, b, c = np.hsplit(k, 3)
    a[:, 0] = x[:, 1]
    c += x[:, 2:] * 2.0
    return (k * k).sum() + b.sum()


def test_op_assign_on_a_split_piece_updates_the_base():
    """Found by adversarial programs: ``c += ...`` on a piece of np.hsplit was once
    replayed as ``c = <piece> + ...`` (a new array), losing the update of ``k``.
    torch refuses writes into its split views, so central differences decide."""
    x = np.array([[0.5, -1.25, 2.0], [0.75, 1.5, -0.5]])
    try:
        pb.grad(hsplit_pieces_updated_in_place)(x)
    except pb.PullbackError:
        return  # refused when it runs (c is an array another name shares): allowed
    h = 1e-6
    fd = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[i] = h
        fd[i] = (hsplit_pieces_updated_in_place(x + e) -
                 hsplit_pieces_updated_in_place(x - e)) / (2 * h)
    np.testing.assert_allclose(pb.grad(hsplit_pieces_updated_in_place)(x), fd, rtol=1e-7,
                               atol=1e-8)
    v = np.ones_like(x)
    value, t = pb.jvp(hsplit_pieces_updated_in_place, (x,), (v,))
    np.testing.assert_allclose(value, hsplit_pieces_updated_in_place(x.copy()), rtol=1e-12)
    np.testing.assert_allclose(t, np.sum(fd * v), rtol=1e-7)
