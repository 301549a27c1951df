"""Shape, linear-algebra and builtins rules called directly, against torch float64."""

import builtins
import math

import numpy as np
import pytest
import torch

import pullback.rules.builtins_rules  # noqa: F401
import pullback.rules.linalg  # noqa: F401
import pullback.rules.shape  # noqa: F401
from pullback.rules import registry
from rule_check import RNG, _t, assert_close, check, sample


def rule(p):
    return registry.lookup(p)


# ------------------------------------------------------------------- shape
SHAPE_OPS = [  # numpy callable, torch callable, input shape, extra args, kwargs, primitive
    (np.reshape, lambda a, s: a.reshape(s), (2, 3), [(3, 2)], {}, None),
    (np.reshape, lambda a, s: a.reshape(s), (2, 3), [(-1,)], {}, None),
    (np.reshape, lambda a, s: a.T.reshape(s[::-1]).T, (2, 3), [(3, 2)], {"order": "F"}, None),
    (lambda a, *s: a.reshape(*s), lambda a, *s: a.reshape(*s), (2, 3), [6], {},
     np.ndarray.reshape),
    (lambda a, *s: a.reshape(*s), lambda a, *s: a.reshape(*s), (6,), [3, 2], {},
     np.ndarray.reshape),
    (np.ravel, lambda a: a.reshape(-1), (2, 3), [], {}, None),
    (lambda a: a.ravel(), lambda a: a.reshape(-1), (2, 3), [], {}, np.ndarray.ravel),
    (lambda a: a.flatten(), lambda a: a.reshape(-1), (2, 3), [], {}, np.ndarray.flatten),
    (np.transpose, lambda a: a.permute(2, 1, 0), (2, 3, 4), [], {}, None),
    (np.transpose, lambda a, ax: a.permute(*ax), (2, 3, 4), [(1, 2, 0)], {}, None),
    (lambda a, *ax: a.transpose(*ax), lambda a, *ax: a.permute(*ax), (2, 3, 4), [2, 0, 1], {},
     np.ndarray.transpose),
    (lambda a, *ax: a.transpose(*ax), lambda a, ax: a.permute(*ax), (2, 3, 4), [(2, 0, 1)], {},
     np.ndarray.transpose),
    (lambda a: a.transpose(), lambda a: a.permute(1, 0), (2, 3), [], {}, np.ndarray.transpose),
    (lambda a: a.T, lambda a: a.permute(1, 0), (2, 3), [], {}, np.ndarray.T),
    (lambda a: a.T, lambda a: a.permute(2, 1, 0), (2, 3, 4), [], {}, np.ndarray.T),
    (np.swapaxes, lambda a, i, j: a.swapaxes(i, j), (2, 3, 4), [0, 2], {}, None),
    (np.moveaxis, lambda a, s, d: torch.movedim(a, s, d), (2, 3, 4), [0, -1], {}, None),
    (np.squeeze, lambda a: a.squeeze(), (1, 3, 1), [], {}, None),
    (np.squeeze, lambda a: a.squeeze(0), (1, 3, 1), [], {"axis": 0}, None),
    (np.expand_dims, lambda a, ax: a.unsqueeze(ax), (2, 3), [1], {}, None),
    (np.broadcast_to, lambda a, s: a.expand(*s), (3, 1), [(2, 3, 4)], {}, None),
    (np.tile, lambda a, r: a.tile(r), (2, 3), [(2, 1, 2)], {}, None),
    (np.tile, lambda a, r: a.tile((r,)), (3,), [2], {}, None),
    (np.repeat, lambda a, r: a.reshape(-1).repeat_interleave(r), (2, 3), [2], {}, None),
    (np.repeat, lambda a, r, ax: a.repeat_interleave(torch.tensor(r), ax), (2, 3),
     [[1, 0, 3], 1], {}, None),
    (np.flip, lambda a: a.flip(0, 1), (2, 3), [], {}, None),
    (np.flip, lambda a, ax: a.flip(ax), (2, 3), [1], {}, None),
    (np.fliplr, torch.fliplr, (2, 3), [], {}, None),
    (np.flipud, torch.flipud, (2, 3), [], {}, None),
    (np.roll, lambda a, s: a.roll(s), (2, 3), [2], {}, None),
    (np.roll, lambda a, s, ax: a.roll(s, ax), (2, 3), [(1, -1), (0, 1)], {}, None),
    (np.diag, lambda a: torch.diag(a), (3,), [], {}, None),
    (np.diag, lambda a, k: torch.diag(a, k), (3,), [-1], {}, None),
    (np.diag, lambda a, k: torch.diag(a, k), (3, 4), [1], {}, None),
    (np.diagonal, lambda a: torch.diagonal(a), (3, 4), [], {}, None),
    (np.diagonal, lambda a, o, i, j: torch.diagonal(a, o, i, j), (2, 3, 4), [-1, 2, 1], {},
     None),
    (lambda a: a.diagonal(), lambda a: torch.diagonal(a), (3, 3), [], {}, np.ndarray.diagonal),
    (np.triu, lambda a: torch.triu(a), (3, 4), [], {}, None),
    (np.tril, lambda a, k: torch.tril(a, k), (2, 3, 3), [-1], {}, None),
    (np.pad, lambda a, p: torch.nn.functional.pad(a, (1, 2, 0, 1)), (2, 3), [((0, 1), (1, 2))],
     {}, None),
    (np.pad, lambda a, p: torch.nn.functional.pad(a, (2, 2)), (3,), [2], {}, None),
    (np.take, lambda a, i: a.reshape(-1)[torch.tensor(i)], (2, 3), [[0, 5, 5, 2]], {}, None),
    (np.take, lambda a, i, ax: a[:, torch.tensor(i)], (2, 3), [[2, 0, 2], 1], {}, None),
    (np.copy, lambda a: a.clone(), (2, 3), [], {}, None),
    (lambda a: a.copy(), lambda a: a.clone(), (2, 3), [], {}, np.ndarray.copy),
    (np.array, lambda a: a.clone(), (2, 3), [], {}, None),
    (np.asarray, lambda a: a.clone(), (2, 3), [], {}, None),
    (lambda a, d: a.astype(d), lambda a, d: a.clone(), (2, 3), [np.float64], {},
     np.ndarray.astype),
    (np.float64, lambda a: a.clone(), (), [], {}, None),
]


@pytest.mark.parametrize("npfn,tfn,shape,extra,kw,prim", SHAPE_OPS)
def test_shape_op(npfn, tfn, shape, extra, kw, prim):
    check(npfn, tfn, [sample("real", shape)] + extra, kw, prim=prim, diff=[0])


def _check_seq(npfn, tfn, arrays, kw=None):
    """Rules taking a sequence of arrays as first argument."""
    kw = kw or {}
    r = rule(npfn)
    ans = npfn(arrays, **kw)
    g = RNG.standard_normal(np.shape(ans))
    got = r.vjp(g, ans, arrays, **kw)
    ts = [_t(a, True) for a in arrays]
    out = tfn(ts)
    assert_close(ans, out.detach().numpy())
    exp = torch.autograd.grad(out, ts, _t(g))
    assert len(got) == len(arrays)
    for c, e, a in zip(got, exp, arrays):
        assert np.shape(c) == np.shape(a)
        assert_close(c, e.numpy())
    for i in range(len(arrays)):
        tan = [None] * len(arrays)
        tan[i] = RNG.standard_normal(np.shape(arrays[i]))
        got_t = r.jvp(tan, ans, arrays, **kw)
        plain = [_t(a) for a in arrays]
        _, e = torch.func.jvp(lambda x: tfn(plain[:i] + [x] + plain[i + 1:]),
                              (plain[i],), (_t(tan[i]),))
        assert_close(got_t, e.numpy())


SEQ_OPS = [
    (np.concatenate, lambda ts: torch.cat(ts, 0), [(2, 3), (1, 3), (4, 3)], {}),
    (np.concatenate, lambda ts: torch.cat(ts, 1), [(2, 3), (2, 1)], {"axis": 1}),
    (np.concatenate, lambda ts: torch.cat([t.reshape(-1) for t in ts]), [(2, 3), (4,)],
     {"axis": None}),
    (np.stack, lambda ts: torch.stack(ts, 0), [(2, 3), (2, 3)], {}),
    (np.stack, lambda ts: torch.stack(ts, -1), [(2, 3), (2, 3), (2, 3)], {"axis": -1}),
    (np.hstack, torch.hstack, [(2,), (3,)], {}),
    (np.hstack, torch.hstack, [(2, 1), (2, 3)], {}),
    (np.hstack, torch.hstack, [(), (3,)], {}),
    (np.vstack, torch.vstack, [(3,), (2, 3)], {}),
    (np.dstack, torch.dstack, [(2, 3), (2, 3, 2)], {}),
]


@pytest.mark.parametrize("npfn,tfn,shapes,kw", SEQ_OPS)
def test_sequence_op(npfn, tfn, shapes, kw):
    _check_seq(npfn, tfn, [sample("real", s) for s in shapes], kw)


@pytest.mark.parametrize("ios,axis,missing", [(3, 0, []), ([1, 4], 0, [1]), (2, 1, [0]),
                                              (2, 0, [0, 1])])
def test_split(ios, axis, missing):
    x = sample("real", (6, 4))
    pieces = np.split(x, ios, axis)
    gs = [None if i in missing else RNG.standard_normal(p.shape) for i, p in enumerate(pieces)]
    got = rule(np.split).vjp(gs, pieces, x, ios, axis)
    tx = _t(x, True)
    tp = torch.tensor_split(tx, ios if isinstance(ios, list) else ios, axis)
    pairs = [(p, _t(gi)) for p, gi in zip(tp, gs) if gi is not None]
    if pairs:
        (e,) = torch.autograd.grad([p for p, _ in pairs], [tx], [gi for _, gi in pairs])
        assert_close(got, e.numpy())
    else:
        assert_close(got, np.zeros_like(x))
    t = RNG.standard_normal(x.shape)
    for a, b in zip(rule(np.split).jvp(t, pieces, x, ios, axis), np.split(t, ios, axis)):
        assert_close(a, b)


def test_array_of_list():
    a, b = sample("real", (3,)), sample("real", (3,))
    ans = np.array([a, b])
    g = RNG.standard_normal(ans.shape)
    got = rule(np.array).vjp(g, ans, [a, b])
    ta, tb = _t(a, True), _t(b, True)
    ea, eb = torch.autograd.grad(torch.stack([ta, tb]), [ta, tb], _t(g))
    assert_close(got[0], ea.numpy())
    assert_close(got[1], eb.numpy())


def test_astype_to_int_has_no_derivative():
    x = sample("real", (3,))
    # zero, not None: a None would break the sum with another contribution
    g = rule(np.ndarray.astype).vjp(np.ones(3), x.astype(int), x, int)
    np.testing.assert_array_equal(g, np.zeros(3))
    t = rule(np.ndarray.astype).jvp(np.ones(3), x.astype(int), x, int)
    np.testing.assert_array_equal(t, np.zeros(3))


def test_pad_other_mode_refuses():
    x = sample("real", (3,))
    with pytest.raises(NotImplementedError):
        rule(np.pad).vjp(np.ones(7), np.pad(x, 2, mode="edge"), x, 2, mode="edge")


# ------------------------------------------------------------------- linalg
def _spd(n, batch=()):
    a = RNG.standard_normal(batch + (n, n))
    return a @ np.swapaxes(a, -1, -2) + n * np.eye(n)


PRODUCTS = [  # numpy, torch, shapes
    (np.dot, lambda a, b: a * b, [(), (3,)]),
    (np.dot, torch.dot, [(3,), (3,)]),
    (np.dot, torch.mm, [(2, 3), (3, 4)]),
    (np.dot, torch.mv, [(2, 3), (3,)]),
    (np.dot, lambda a, b: torch.tensordot(a, b, ([2], [1])), [(2, 3, 4), (5, 4, 2)]),
    (np.dot, lambda a, b: torch.tensordot(a, b, ([0], [0])), [(3,), (3, 2)]),
    (lambda a, b: a.dot(b), torch.mm, [(2, 3), (3, 4)]),
    (np.inner, torch.inner, [(2, 3), (4, 3)]),
    (np.inner, torch.inner, [(3,), (3,)]),
    (np.outer, torch.outer, [(3,), (4,)]),
    (np.outer, lambda a, b: torch.outer(a.reshape(-1), b.reshape(-1)), [(2, 2), (3,)]),
    (np.vdot, lambda a, b: (a * b.reshape(a.shape)).sum(), [(2, 3), (6,)]),
    (np.tensordot, lambda a, b: torch.tensordot(a, b, 2), [(2, 3, 4), (3, 4, 5)]),
]


@pytest.mark.parametrize("npfn,tfn,shapes", PRODUCTS)
def test_products(npfn, tfn, shapes):
    prim = np.ndarray.dot if npfn.__name__ == "<lambda>" else None
    check(npfn, tfn, [sample("real", s) for s in shapes], prim=prim)


@pytest.mark.parametrize("axes", [1, 0, ([0, 2], [1, 0]), ([2], [0])])
def test_tensordot_axes(axes):
    a, b = sample("real", (3, 4, 2)), sample("real", (4, 3, 2))
    if axes == ([0, 2], [1, 0]):
        b = sample("real", (2, 3, 5))
    if axes == ([2], [0]):
        b = sample("real", (2, 5))
    if axes == 1:
        b = sample("real", (2, 3))
    check(np.tensordot, lambda x, y, ax: torch.tensordot(x, y, ax), [a, b, axes])


EINSUMS = [
    ("ij,jk->ik", [(2, 3), (3, 4)]),
    ("ij,jk", [(2, 3), (3, 4)]),
    ("i,i->", [(3,), (3,)]),
    ("ii->i", [(3, 3)]),
    ("ii", [(3, 3)]),
    ("ij->", [(2, 3)]),
    ("ij->j", [(2, 3)]),
    ("bij,bjk->bik", [(2, 3, 4), (2, 4, 2)]),
    ("...ij,...jk->...ik", [(2, 3, 4), (4, 2)]),
    ("i,j,k->ijk", [(2,), (3,), (2,)]),
    ("ij,j->i", [(2, 3), (3,)]),
]


@pytest.mark.parametrize("spec,shapes", EINSUMS)
def test_einsum(spec, shapes):
    arrays = [sample("real", s) for s in shapes]
    n = len(arrays)
    check(lambda s, *ops: np.einsum(s, *ops), lambda s, *ops: torch.einsum(s, *ops),
          [spec] + arrays, prim=np.einsum, diff=list(range(1, n + 1)))


@pytest.mark.parametrize("kw,shape", [({}, (3, 3)), ({"offset": 1}, (3, 4)),
                                      ({"axis1": 1, "axis2": 2}, (2, 3, 3))])
def test_trace(kw, shape):
    tkw = {"offset": kw.get("offset", 0), "dim1": kw.get("axis1", 0), "dim2": kw.get("axis2", 1)}
    check(np.trace, lambda a: torch.diagonal(a, **tkw).sum(-1), [sample("real", shape)], kw)
    check(lambda a, **k: a.trace(**k), lambda a: torch.diagonal(a, **tkw).sum(-1),
          [sample("real", shape)], kw, prim=np.ndarray.trace)


@pytest.mark.parametrize("batch", [(), (2,)])
def test_matrix_functions(batch):
    a = RNG.standard_normal(batch + (3, 3)) + 3 * np.eye(3)
    check(np.linalg.inv, torch.linalg.inv, [a])
    check(np.linalg.det, torch.linalg.det, [a])
    check(np.linalg.solve, torch.linalg.solve, [a, sample("real", batch + (3, 2))])
    check(np.linalg.solve, lambda x, y: torch.linalg.solve(x, y.expand(*batch, 3)),
          [a, sample("real", (3,))])
    s = _spd(3, batch)
    check(np.linalg.cholesky, torch.linalg.cholesky, [s], jvp=False)
    check(np.linalg.cholesky, lambda x: torch.linalg.cholesky(x, upper=True), [s],
          {"upper": True}, jvp=False)


def test_cholesky_jvp_symmetric_tangent():
    s = _spd(3)
    t = RNG.standard_normal((3, 3))
    t = t + t.T
    got = rule(np.linalg.cholesky).jvp(t, np.linalg.cholesky(s), s)
    _, e = torch.func.jvp(torch.linalg.cholesky, (_t(s),), (_t(t),))
    assert_close(got, e.numpy())


def test_slogdet():
    a = RNG.standard_normal((2, 3, 3))
    ans = np.linalg.slogdet(a)
    g = RNG.standard_normal(2)
    got = rule(np.linalg.slogdet).vjp((None, g), ans, a)
    ta = _t(a, True)
    (e,) = torch.autograd.grad(torch.linalg.slogdet(ta)[1], [ta], _t(g))
    assert_close(got, e.numpy())
    t = RNG.standard_normal(a.shape)
    (tan,) = rule(np.linalg.slogdet).jvp(t, ans, a)
    _, et = torch.func.jvp(lambda x: torch.linalg.slogdet(x)[1], (_t(a),), (_t(t),))
    assert_close(tan[1], et.numpy())


# ------------------------------------------------------------------- builtins
SCALAR = [  # primitive, torch, domain
    (builtins.abs, torch.abs, "nonzero"),
    (builtins.float, lambda x: x * 1.0, "real"),
    (math.sin, torch.sin, "real"),
    (math.cos, torch.cos, "real"),
    (math.exp, torch.exp, "real"),
    (math.log, torch.log, "pos"),
    (math.sqrt, torch.sqrt, "pos"),
    (math.tanh, torch.tanh, "real"),
]


@pytest.mark.parametrize("fn,tfn,dom", SCALAR, ids=[s[0].__name__ for s in SCALAR])
def test_scalar_builtin(fn, tfn, dom):
    x = float(sample(dom, ()))
    check(fn, tfn, [x], diff=[0])


# The torch twin of Python's max(a, b) is max(a, b) itself: it returns one of the
# tensors (b only if b > a), so at a tie the whole gradient goes to a.
@pytest.mark.parametrize("fn,tfn", [(builtins.max, lambda a, b: max(a, b)),
                                    (builtins.min, lambda a, b: min(a, b))])
@pytest.mark.parametrize("a,b", [(1.5, -0.5), (-2.0, 3.0), (0.7, 0.7)])
def test_builtin_min_max(fn, tfn, a, b):
    check(fn, tfn, [a, b], diff=[0, 1])


def test_builtin_pow_and_log_base():
    check(builtins.pow, torch.pow, [1.7, 2.3], diff=[0, 1])
    check(builtins.pow, torch.pow, [0.0, 2.0], diff=[0, 1])
    check(math.log, lambda x, b: torch.log(x) / math.log(b), [2.5, 10.0], diff=[0])


def test_builtin_sum():
    a, b = sample("real", (3,)), sample("real", (2, 3))
    ans = builtins.sum([a, b])
    g = RNG.standard_normal(ans.shape)
    ga, gstart = rule(builtins.sum).vjp(g, ans, [a, b])
    assert_close(ga[0], g.sum(0))
    assert_close(ga[1], g)
    tan = rule(builtins.sum).jvp([None, np.ones((2, 3))], ans, [a, b])[0]
    assert_close(tan, np.ones((2, 3)))


def test_builtins_nondifferentiable():
    for f in (len, range, int, bool, round, isinstance, print, math.floor, math.ceil):
        assert registry.is_nondifferentiable(f)
