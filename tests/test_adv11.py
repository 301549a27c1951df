"""Adversarial tests for issue 11: comprehensions, containers, grown lists.

Every program of ``adv11_programs`` must be differentiated exactly as torch
float64 does (the module loaded again with ``np`` = ``torch._numpy``; required
where torch runs the program and computes NumPy's value) and as central
differences say, in grad, jvp and (array arguments) hessian, or be refused with
``pb.UnsupportedError`` / ``pb.PullbackError``. A wrong number or another
exception fails. Each bug found is also a strict xfail with a minimal program
(reason "BUG: ..."), and each refusal whose advice does not work one with reason
"ADVICE: ..." (a fix of the message or of the support flips it).
Set ADV11_LOG=path to log every outcome (pass / refused / wrong / crash) as JSON lines.
"""

from __future__ import annotations

import importlib.util
import json
import os

import numpy as np
import pytest

import adv11_programs as P
import pullback as pb

REFUSALS = (pb.UnsupportedError, pb.PullbackError)
RNG = np.random.default_rng(11)


def _args():
    r = np.random.default_rng(5)
    W = lambda *s: 0.5 * r.normal(size=s)  # noqa: E731
    return {
        "x": np.array([0.3, -0.2, 0.45, 0.7]),
        "M": np.array([[0.3, -0.2, 0.45], [0.7, -0.6, 0.15], [0.1, 0.25, -0.35]]),
        "L": [W(3), W(3), W(3)],
        "T": (W(3, 3), W(3)),
        "D": {"W": W(3, 3), "b": W(3)},
        "LD": [{"W": W(3, 3), "b": W(3)}, {"W": W(3, 3), "b": W(3)}],
        "N": {"enc": [(W(3, 3), W(3)), (W(3, 3), W(3))], "scale": W(3)},
        "NT": P.Layer(W(3, 3), W(3)),
        "R": {"Wh": W(4, 4), "Wx": W(3, 4), "b": W(4), "Wo": W(4, 2)},
        "DL": {"Ws": [W(3, 3), W(3, 3)], "bs": [W(3), W(3)]},
        "LL": [[W(3), W(3)], [W(3), W(3)], [W(3), W(3)]],
        "LNT": [P.Layer(W(3, 3), W(3)), P.Layer(W(3, 3), W(3))],
        "DI": {0: W(3), 1: W(3), 2: W(3)},
        "T3": W(2, 2, 2),
        "PF": [0.3123457, -0.2345678, 0.4567891, 0.7012345],
    }


ARGS = _args()
NAMES = sorted(P.KIND)
ARRAY_NAMES = [n for n in NAMES if P.KIND[n] in ("x", "M", "T3")]

# torch's float(t) drops the graph; pullback keeps the derivative of float(x) by
# design (README): central differences are the reference for these.
FD_ONLY = {"c_comp_of_scalars_float"}

_ENUM = ("BUG: d = p[i] / for i, d in enumerate/zip(p) with p a list of dicts, tuples "
         "or lists, in a loop: d is always p[0]")
_SCOPE = ("BUG: nested comprehension whose inner iterable is the outer variable of the same "
          "name ([sum(x for x in x) for x in m]): IndexError")
_F16 = ("BUG: pb.jvp of builtin sum(...) over Python floats returns a float16 tangent "
        "(relative error ~1e-4)")
_START = "BUG: enumerate(p, start=1) over a list: TypeError (enumerate has no len())"
_LAZY = "BUG: a generator expression is evaluated eagerly (Python evaluates it lazily)"
_TUP = "BUG: hs.append((a, b)) of names: element reads give zero derivative / crash"
_NEST = "BUG: nested list comprehension [[v for v in row] for row in m]: TypeError"
_BUGS = {
}
# Known bugs per mode (each also has its own minimal strict xfail below).
WRONG_GRAD = dict(_BUGS)
WRONG_JVP = {k: v for k, v in _BUGS.items() if v != _NEST}
# (hessian: torch cannot run the first; the second's Hessian happens to agree)
_HESS_OK = {"z_genexp_array_written", "z_genexp_in_for_then_sum"}
WRONG_HESS = {k: v for k, v in _BUGS.items() if k in ARRAY_NAMES and k not in _HESS_OK}


# ---------------------------------------------------------------- trees
def leaves(t):
    if isinstance(t, dict):
        return [v for k in t for v in leaves(t[k])]
    if isinstance(t, (list, tuple)):
        return [v for e in t for v in leaves(e)]
    return [t]


def rebuild(t, ls):
    it = iter(ls)

    def go(s):
        if isinstance(s, dict):
            return {k: go(v) for k, v in s.items()}
        if isinstance(s, tuple) and hasattr(s, "_fields"):
            return type(s)(*[go(e) for e in s])
        if isinstance(s, (list, tuple)):
            return type(s)(go(e) for e in s)
        return next(it)
    return go(t)


def same_structure(got, want):
    if isinstance(want, float):      # a Python float's derivative may be a NumPy float
        assert isinstance(got, (float, np.floating)) or np.shape(got) == (), type(got)
        return
    assert type(got) is type(want), (type(got), type(want))
    if isinstance(want, dict):
        assert list(got) == list(want)
        for k in want:
            same_structure(got[k], want[k])
    elif isinstance(want, (list, tuple)):
        assert len(got) == len(want)
        for g, w in zip(got, want):
            same_structure(g, w)
    else:
        assert np.shape(got) == np.shape(want), (np.shape(got), np.shape(want))


def copy_tree(t):
    return rebuild(t, [v if isinstance(v, float) else np.array(v, dtype=float, copy=True)
                       for v in leaves(t)])


# ---------------------------------------------------------------- references
_TORCH_MOD = None


def torch_module():
    global _TORCH_MOD
    if _TORCH_MOD is None:
        import torch._numpy as tnp
        spec = importlib.util.spec_from_file_location("adv11_programs_torch", P.__file__)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        mod.np = tnp
        _TORCH_MOD = mod
    return _TORCH_MOD


class NoTorch(Exception):
    pass


def torch_grad(name, p, hessian=False):
    """torch float64 gradient (or Hessian) of program `name` at p; NoTorch if torch
    cannot run it or computes another value than NumPy."""
    import torch
    import torch._numpy as tnp
    f = getattr(torch_module(), name)
    ls = [torch.tensor(np.asarray(v, dtype=float), dtype=torch.float64, requires_grad=True)
          for v in leaves(p)]
    old = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    try:
        # saved tensors are cloned when saved: a later in-place write into an array
        # (NumPy: the value at the time of use) must not trip torch's version check
        with torch.autograd.graph.saved_tensors_hooks(lambda t: t.clone(), lambda t: t):
            out = f(rebuild(p, [tnp.asarray(t) for t in ls]))
        out = out.tensor if hasattr(out, "tensor") else out
        if not isinstance(out, torch.Tensor) or not out.requires_grad:
            raise NoTorch(f"torch output has no graph: {type(out)}")
        want = getattr(P, name)(copy_tree(p))
        if not np.allclose(out.detach().numpy(), want, rtol=1e-10, atol=1e-12):
            raise NoTorch("torch computes another value")
        gs = torch.autograd.grad(out, ls, allow_unused=True, create_graph=hessian)
        gs = [torch.zeros_like(l) if g is None else g for g, l in zip(gs, ls)]
        if not hessian:
            return rebuild(p, [g.detach().numpy().copy() for g in gs])
        (leaf,), (g,) = ls, gs
        n = leaf.numel()
        flat = g.reshape(-1)
        rows = []
        for k in range(n):
            if not flat.requires_grad:
                rows.append(np.zeros(n))
                continue
            (h,) = torch.autograd.grad(flat[k], leaf, retain_graph=True, allow_unused=True)
            rows.append(np.zeros(n) if h is None else h.detach().numpy().reshape(-1))
        return np.array(rows).reshape(tuple(leaf.shape) * 2)
    except NoTorch:
        raise
    except Exception as e:
        raise NoTorch(f"{type(e).__name__}: {e}") from e
    finally:
        torch.set_default_dtype(old)


def fd_grad(name, p, eps=1e-6):
    f = getattr(P, name)
    ls = [np.array(v, dtype=float) for v in leaves(p)]
    out = []
    for i, leaf in enumerate(ls):
        g = np.zeros_like(leaf)
        for idx in np.ndindex(leaf.shape):
            for sign in (1, -1):
                moved = [v.copy() for v in ls]
                moved[i][idx] += sign * eps
                g[idx] += sign * f(rebuild(p, moved)) / (2 * eps)
        out.append(g)
    return rebuild(p, out)


def fd_jvp(name, p, t, eps=1e-6):
    f = getattr(P, name)
    plus = rebuild(p, [v + eps * d for v, d in zip(leaves(p), leaves(t))])
    minus = rebuild(p, [v - eps * d for v, d in zip(leaves(p), leaves(t))])
    return (f(plus) - f(minus)) / (2 * eps)


def fd_hessian(name, x, h=1e-4):
    """Second central differences of the plain NumPy function."""
    f = getattr(P, name)
    n = x.size
    E = np.eye(n).reshape((n,) + x.shape) * h
    H = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            H[i, j] = (f(x + E[i] + E[j]) - f(x + E[i] - E[j]) - f(x - E[i] + E[j])
                       + f(x - E[i] - E[j])) / (4 * h * h)
    return H.reshape(x.shape * 2)


def close(got, want, rtol, atol, what):
    for k, (g, w) in enumerate(zip(leaves(got), leaves(want))):
        np.testing.assert_allclose(np.asarray(g, dtype=float), w, rtol=rtol, atol=atol,
                                   err_msg=f"{what}, leaf {k}")


def log(name, mode, outcome, detail=""):
    path = os.environ.get("ADV11_LOG")
    if path:
        with open(path, "a") as fh:
            fh.write(json.dumps({"name": name, "mode": mode, "outcome": outcome,
                                 "detail": str(detail)[:300]}) + "\n")


def _run(name, mode, thunk):
    """Run pullback; a refusal passes (None), another exception fails."""
    try:
        return thunk()
    except REFUSALS as e:
        log(name, mode, "refused", str(e).splitlines()[0])
        return None
    except Exception as e:
        log(name, mode, "crash", f"{type(e).__name__}: {e}")
        raise


def _marks(names, bad):
    return [pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=bad[n])) if n in bad
            else n for n in names]


# ---------------------------------------------------------------- every program
@pytest.mark.parametrize("name", _marks(NAMES, WRONG_GRAD))
def test_grad(name):
    p = ARGS[P.KIND[name]]
    f = getattr(P, name)
    res = _run(name, "grad", lambda: pb.value_and_grad(f)(copy_tree(p)))
    if res is None:
        return
    value, got = res
    try:
        np.testing.assert_allclose(value, f(copy_tree(p)), rtol=1e-12, atol=1e-14)
        same_structure(got, p)
        try:
            if name in FD_ONLY:
                raise NoTorch("float(x): torch drops the derivative")
            ref = torch_grad(name, p)
            close(got, ref, 1e-9, 1e-11, "torch")
            ran = "torch+fd"
        except NoTorch as e:
            ran = f"fd only ({e})"
        close(got, fd_grad(name, p), 1e-5, 1e-7, "fd")
    except AssertionError as e:
        log(name, "grad", "wrong", e)
        raise
    log(name, "grad", "pass", ran)


@pytest.mark.parametrize("name", _marks(NAMES, WRONG_JVP))
def test_jvp(name):
    p = ARGS[P.KIND[name]]
    f = getattr(P, name)
    t = rebuild(p, [float(RNG.normal()) if isinstance(v, float) else RNG.normal(size=np.shape(v))
                    for v in leaves(p)])
    res = _run(name, "jvp", lambda: pb.jvp(f, (copy_tree(p),), (copy_tree(t),)))
    if res is None:
        return
    out, tan = res
    try:
        np.testing.assert_allclose(out, f(copy_tree(p)), rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(tan, fd_jvp(name, p, t), rtol=1e-5, atol=1e-7)
    except AssertionError as e:
        log(name, "jvp", "wrong", e)
        raise
    log(name, "jvp", "pass")


@pytest.mark.parametrize("name", _marks(ARRAY_NAMES, WRONG_HESS))
def test_hessian(name):
    p = ARGS[P.KIND[name]]
    f = getattr(P, name)
    H = _run(name, "hessian", lambda: pb.hessian(f)(p.copy()))
    if H is None:
        return
    try:
        if name in FD_ONLY:
            ref, tol = fd_hessian(name, p), (1e-4, 1e-5)
        else:
            ref, tol = torch_grad(name, p, hessian=True), (1e-8, 1e-10)
    except NoTorch as e:
        log(name, "hessian", "no-torch", e)
        return
    try:
        np.testing.assert_allclose(H, ref, rtol=tol[0], atol=tol[1])
    except AssertionError as e:
        log(name, "hessian", "wrong", e)
        raise
    log(name, "hessian", "pass")


# ---------------------------------------------------------------- minimal bug programs
def _fd_grad_of(f, x, eps=1e-6):
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        d = np.zeros_like(x)
        d[idx] = eps
        g[idx] = (f(x + d) - f(x - d)) / (2 * eps)
    return g


def bug_enumerate_dicts(p):
    s = 0.0
    for i, d in enumerate(p):
        s = s + d["W"] * (i + 1.0)
    return s


# (fixed: such loops are unrolled, one variable per turn)
def test_fixed_enumerate_over_list_of_dicts_uses_element_0():
    p = [{"W": np.array(1.0)}, {"W": np.array(2.0)}]
    value, g = pb.value_and_grad(bug_enumerate_dicts)(p)
    assert value == 5.0          # pullback: 3.0 (= 1*1 + 1*2: d is p[0] in both turns)
    assert float(g[0]["W"]) == 1.0 and float(g[1]["W"]) == 2.0   # pullback: 3.0 and 0.0


def bug_enumerate_tuples(p):
    s = 0.0
    for i, wb in enumerate(p):
        w, b = wb
        s = s + w * (i + 1.0)
    return s


# (fixed: such loops are unrolled, one variable per turn)
def test_fixed_enumerate_over_list_of_tuples_uses_element_0():
    p = [(np.array(1.0), np.array(0.0)), (np.array(2.0), np.array(0.0))]
    out, tan = pb.jvp(bug_enumerate_tuples, (p,), (p,))
    assert out == 5.0 and tan == 5.0     # pullback: 3.0 and 3.0


def bug_zip_dicts(p):
    s = 0.0
    for d, w in zip(p, [1.0, 2.0]):
        s = s + d["W"] * w
    return s


# (fixed: such loops are unrolled, one variable per turn)
def test_fixed_zip_over_list_of_dicts_uses_element_0():
    p = [{"W": np.array(1.0)}, {"W": np.array(2.0)}]
    g = pb.grad(bug_zip_dicts)(p)
    assert float(g[0]["W"]) == 1.0 and float(g[1]["W"]) == 2.0   # pullback: 3.0 and 0.0


def bug_genexp_late_binding(x):
    a = x[0]
    g = (v * a for v in x)
    a = a * 3.0
    return sum(g)


def test_fixed_generator_sees_the_name_as_bound_when_consumed():  # (was a wrong number: refused now)
    with pytest.raises(pb.UnsupportedError, match="generator expression"):
        x = np.array([0.3, -0.2, 0.5])
        # sum(g) runs after a = 3 x[0]: value 3 x0 * sum(x), grad [2.7, .9, .9]
        np.testing.assert_allclose(pb.grad(bug_genexp_late_binding)(x),
                                   _fd_grad_of(bug_genexp_late_binding, x), rtol=1e-6)  # pb: [.9 .3 .3]



def bug_genexp_twice(x):
    g = (v * v for v in x)
    return sum(g) + sum(g)


def test_fixed_generator_consumed_twice_is_empty_the_second_time():  # (was a wrong number: refused now)
    with pytest.raises(pb.UnsupportedError, match="generator expression"):
        x = np.array([0.3, -0.2, 0.5])
        value, g = pb.value_and_grad(bug_genexp_twice)(x)
        assert value == pytest.approx(bug_genexp_twice(x))     # pullback: twice the value
        np.testing.assert_allclose(g, 2 * x)                     # pullback: 4 x



def bug_genexp_zip_partial(x):
    g = (v * v for v in x)
    s = 0.0
    for a, _ in zip(g, range(1)):
        s = s + a
    return s + sum(g)


def test_fixed_generator_partly_consumed_by_zip():  # (was a wrong number: refused now)
    with pytest.raises(pb.UnsupportedError, match="generator expression"):
        x = np.array([0.3, -0.2, 0.5])
        # zip takes x0^2 and x1^2 from g (x1^2 is lost when range ends); sum(g) = x2^2
        np.testing.assert_allclose(pb.grad(bug_genexp_zip_partial)(x),
                                   _fd_grad_of(bug_genexp_zip_partial, x), rtol=1e-6)



def bug_genexp_array_written(x):
    k = x.copy()
    g = (v * 2.0 for v in k)
    k[1] = 7.0 * x[0]
    return sum(g)


def test_fixed_generator_over_an_array_written_before_it_is_consumed():  # (was a wrong number: refused now)
    with pytest.raises(pb.UnsupportedError, match="generator expression|shares memory"):
        x = np.array([0.3, -0.2, 0.5])
        np.testing.assert_allclose(pb.grad(bug_genexp_array_written)(x),
                                   _fd_grad_of(bug_genexp_array_written, x), rtol=1e-6)  # [16 0 2]



def bug_append_list_of_name(x):
    hs = []
    a = x * 2.0
    hs.append([a])
    return np.sum(hs[-1][0])


def test_fixed_append_a_list_of_a_name_is_refused():  # (was a zero gradient)
    with pytest.raises(pb.UnsupportedError, match="appending a tuple, list or dict"):
        pb.grad(bug_append_list_of_name)(np.array([1.0, 2.0]))


def bug_append_tuple_loop(x):
    hs = []
    a = x * 2.0
    hs.append((a, x))
    s = 0.0
    for u, v in hs:
        s = s + np.sum(u)
    return s


def test_fixed_append_a_tuple_of_names_then_loop_is_refused():  # (was a crash)
    with pytest.raises(pb.UnsupportedError, match="appending a tuple, list or dict"):
        pb.grad(bug_append_tuple_loop)(np.array([1.0, 2.0]))


def bug_append_one_tuple_stack(x):
    hs = []
    a = x * 2.0
    hs.append((a,))
    return np.sum(np.stack(hs))


def test_fixed_append_a_one_tuple_then_stack_is_refused():  # (was a crash in jvp)
    with pytest.raises(pb.UnsupportedError, match="appending a tuple, list or dict"):
        pb.jvp(bug_append_one_tuple_stack, (np.array([1.0, 2.0]),), (np.ones(2),))


def bug_nested_comprehension(m):
    rows = [[v for v in row] for row in m]
    return np.sum(np.stack([np.stack(r) for r in rows]))


def test_fixed_rows_of_a_list_of_lists_are_refused():  # (was a crash)
    # a list of lists is read whole only: np.stack(rows) works (test_comprehensions.py)
    m = np.array([[1.0, 2.0], [3.0, 4.0]])
    with pytest.raises(pb.UnsupportedError, match="pass it whole"):
        pb.grad(bug_nested_comprehension)(m)


def bug_index_dict_by_loop_variable(p):
    s = 0.0
    for i in range(2):
        d = p[i]
        s = s + d["W"] * (i + 1.0)
    return s


def test_fixed_dict_element_chosen_by_loop_variable_is_refused():
    p = [{"W": np.array(1.0)}, {"W": np.array(2.0)}]
    with pytest.raises(pb.UnsupportedError, match="chosen from a container by a variable index"):
        pb.value_and_grad(bug_index_dict_by_loop_variable)(p)


def bug_enumerate_start(p):
    s = 0.0
    for i, v in enumerate(p, start=1):
        s = s + v * i
    return s


# (fixed: enumerate(seq, start) counts from start)
def test_fixed_enumerate_with_start():
    p = [np.array(1.0), np.array(2.0)]
    g = pb.grad(bug_enumerate_start)(p)      # TypeError: object of type 'enumerate' has no len()
    assert float(g[0]) == 1.0 and float(g[1]) == 2.0


def bug_index_by_a_name(p):
    i = 1
    d = p[i]
    return d[0]


def test_fixed_element_chosen_by_a_variable_index_is_refused():
    p = [(np.array(1.0), np.array(10.0)), (np.array(2.0), np.array(20.0))]
    with pytest.raises(pb.UnsupportedError, match="chosen from a container by a variable index"):
        pb.value_and_grad(bug_index_by_a_name)(p)


# ---------------------------------------------------------------- refusals whose advice does not work
def _advice_ok(f, arg, already_done):
    """Either pullback builds the derivative, or its refusal does not repeat advice
    the program already follows (``already_done``, a phrase of the message)."""
    try:
        pb.grad(f)(arg)
    except REFUSALS as e:
        assert already_done not in str(e), f"advice already followed: {e}"


def adv_dict_comprehension(x):
    d = {i: v for i, v in enumerate(x)}
    return d[0] * d[1]


# (fixed: the message names what works)
def test_advice_dict_comprehension_already_on_its_own_line():
    _advice_ok(adv_dict_comprehension, np.array([0.1, 0.2]), "bind it to a variable on a line of its own")


def adv_helper_comp(x):
    ys = [v * 2.0 for v in x]   # advice of `return [v * 2.0 for v in x]`: bind it to a name
    return ys


def adv_use_helper_comp(x):
    return np.sum(np.stack(adv_helper_comp(x)))


def test_advice_helper_returning_a_comprehension_list():  # (fixed: the list result is followed)
    _advice_ok(adv_use_helper_comp, np.array([0.1, 0.2]), "pass it whole to a NumPy function")


def adv_helper_dict(x):
    d = {"a": x * 2.0}
    return d


def adv_use_helper_dict(x):
    return np.sum(adv_helper_dict(x)["a"])


# (fixed: the message names what works)
def test_advice_dict_returned_from_a_helper_is_called_a_tuple():
    _advice_ok(adv_use_helper_dict, np.array([0.1, 0.2]), "the tuple `d`")


def adv_dict_key_loop(p):
    s = 0.0
    for key in ("W", "b"):
        s = s + np.sum(p[key])
    return s


# (fixed: the message names what works)
def test_advice_dict_indexed_by_loop_key_is_called_a_tuple():
    _advice_ok(adv_dict_key_loop, {"W": np.ones(2), "b": np.ones(2)}, "the tuple `p`")


def adv_max_genexp(x):
    return max(v * v for v in x)


def test_advice_max_of_a_generator():  # (fixed: refused as a generator not consumed at once)
    _advice_ok(adv_max_genexp, np.array([0.1, 0.2]), "missing argument")


def adv_seeded_list(p):
    hs = [p]
    for _ in range(2):
        hs.append(np.tanh(hs[-1]))
    return np.sum(hs[-1])


# (fixed: a list seeded with elements and appended to is a grown list)
def test_advice_seeded_list_append():
    _advice_ok(adv_seeded_list, np.array([0.1, 0.2]), "list.append")


def advised_prealloc(p):
    k = np.zeros((3, 2))
    k[0] = p
    for i in range(2):
        k[i + 1] = np.tanh(k[i])
    return np.sum(k[-1])


def test_advice_seeded_list_prealloc_rewrite_works():
    x = np.array([0.1, 0.2])
    np.testing.assert_allclose(pb.grad(advised_prealloc)(x), _fd_grad_of(adv_seeded_list, x),
                               rtol=1e-6)


def advised_rows_copy(m):
    m = m.copy()
    rs = [r.copy() for r in m]
    m[0] = m[0] * 3.0
    return np.sum(np.stack(rs) ** 2) + np.sum(m)


def test_advice_rows_copy_rewrite_works():
    m = np.array([[0.3, -0.2], [0.5, 0.7]])
    np.testing.assert_allclose(pb.grad(advised_rows_copy)(m), _fd_grad_of(advised_rows_copy, m),
                               rtol=1e-6)


def bug_nested_same_name(m):
    return sum(sum(x for x in x) for x in m)


# (fixed: a for loop over the name of its own target, for x in x, iterated the rebound x)
def test_fixed_nested_comprehension_inner_iterable_is_outer_variable_of_same_name():
    m = np.array([[1.0, 2.0], [3.0, 4.0]])
    assert bug_nested_same_name(m) == 10.0                     # valid Python
    np.testing.assert_allclose(pb.grad(bug_nested_same_name)(m), np.ones((2, 2)))  # IndexError


def adv_list_arg_iadd(p):
    p = p.copy()      # the advice of `p[0] += 1.0` on a list argument
    p[0] = p[0] + 1.0
    return np.sum(p[0] ** 2)


# (fixed: the message says to unpack it)
def test_advice_list_argument_copy_first():
    _advice_ok(adv_list_arg_iadd, [np.array([1.0, 2.0])], "the tuple `p`")


def bug_zip_same_generator(x):
    g = (v * 2.0 for v in x)
    return sum(a * b for a, b in zip(g, g))


def test_fixed_zip_of_one_generator_with_itself_pairs_neighbours():  # (was a wrong number: refused now)
    with pytest.raises(pb.UnsupportedError, match="generator expression"):
        x = np.array([0.3, -0.2, 0.5, 0.7])
        # Python pairs (g0, g1), (g2, g3): 4 (x0 x1 + x2 x3); pullback pairs each with itself
        assert pb.value_and_grad(bug_zip_same_generator)(x)[0] == pytest.approx(bug_zip_same_generator(x))



def adv_rows_then_write(m):
    m = m.copy()
    rs = [r for r in m]
    m[0] = m[0] * 3.0
    return np.sum(np.stack(rs))


# (fixed: the message names what works)
def test_advice_copy_advice_names_the_expression():
    _advice_ok(adv_rows_then_write, np.ones((2, 2)), "....copy()")


def bug_sum_of_python_floats(a):
    return sum([a, a * a])


# (fixed: zeros shaped like a Python float were float16, NumPy's weak-scalar promotion)
def test_fixed_jvp_of_builtin_sum_over_python_floats_is_float16():
    a = 0.1234567
    _, t = pb.jvp(bug_sum_of_python_floats, (a,), (1.0,))
    # d/da (a + a^2) = 1 + 2a = 1.2469134; pullback: np.float16(1.247)
    assert abs(float(t) - (1.0 + 2.0 * a)) < 1e-12, (type(t), t)
