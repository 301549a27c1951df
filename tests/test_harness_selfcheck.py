"""The references agree with each other on every corpus program (no pullback needed).

Also checks the harness itself: the torch-availability list in the corpus is
truthful, and the harness catches wrong derivatives.
"""

import numpy as np
import pytest

import corpus
import harness

PROGRAMS = corpus.all_programs()
IDS = [p.name for p in PROGRAMS]


def test_corpus_is_large_enough():
    assert len(PROGRAMS) >= 70


@pytest.mark.parametrize("prog", PROGRAMS, ids=IDS)
def test_references_agree(prog):
    refs = [r for r in prog.references]
    report = harness.references_agree(prog.fn, prog.args(), prog.wrt, prog.kwargs(),
                                      references=refs, manual=prog.manual,
                                      require=("torch",) if prog.torch else ())
    # every reference the program says applies must actually have run
    missing = [r for r in refs if r not in report.ran]
    assert not missing, f"references declared for {prog.name} did not run: {missing}\n{report}"
    assert len(report.ran) >= 2, str(report)


@pytest.mark.parametrize("prog", PROGRAMS, ids=IDS)
def test_torch_availability_list_is_truthful(prog):
    reason = harness.torch_status(prog.fn, prog.args(), prog.wrt, prog.kwargs())
    if prog.torch:
        assert reason is None, f"torch reference unavailable: {reason}"
    else:
        assert reason is not None, f"{prog.name} is marked torch=False but torch can run it"


@pytest.mark.parametrize("prog", PROGRAMS, ids=IDS)
def test_program_is_deterministic_and_pure(prog):
    a1, a2 = prog.args(), prog.args()
    for x, y in zip(a1, a2):
        assert np.array_equal(np.asarray(x), np.asarray(y))
    before = harness.copy_args(a1)
    out1 = prog.fn(*a1, **prog.kwargs())
    for x, y in zip(a1, before):
        assert np.array_equal(np.asarray(x), np.asarray(y)), f"{prog.name} mutates its arguments"
    out2 = prog.fn(*harness.copy_args(before), **prog.kwargs())
    for o1, o2 in zip(harness.flatten_out(out1)[0], harness.flatten_out(out2)[0]):
        assert np.array_equal(np.asarray(o1), np.asarray(o2))


def test_every_required_construct_is_covered():
    tags = set()
    for p in PROGRAMS:
        tags.update(p.tags)
    required = {"seed", "assign", "tuple-unpack", "augassign", "index-assign", "slices", "overwrite",
                "read-back", "arith", "pow", "matmul", "compare", "bool-ops", "if", "elif", "ifexp",
                "while", "for-range", "for-array", "for-list", "for-tuple", "break", "continue",
                "return", "early-return", "call", "kwargs", "defaults", "nested-calls", "recursion",
                "closure", "lambda", "global", "broadcast", "unary", "reductions", "axis", "keepdims",
                "dot", "outer", "norm", "trace", "reshape", "transpose", "concatenate", "stack",
                "where", "maximum", "minimum", "clip", "indexing", "negative-index", "newaxis",
                "fancy-index", "repeated-index", "methods", "constants", "zeros", "ones", "arange",
                "stop_gradient", "no_grad", "alias", "kink", "tuple-output", "float-args", "wrt-names"}
    assert not required - tags, f"no corpus program tagged {sorted(required - tags)}"


# ------------------------------------------------------------------ the harness catches errors


def _f(x, w):
    return np.sum(np.sin(x) * w)


def _true_grad(x, w):
    return (np.cos(x) * w, np.sin(x))


def _wrong_grad(x, w):
    gx, gw = _true_grad(x, w)
    gx = gx.copy()
    gx[1] += 1e-4
    return gx, gw


@pytest.mark.parametrize("refs", [("torch",), ("autograd",), ("fd",)])
def test_harness_accepts_correct_gradient(refs):
    rng = np.random.default_rng(0)
    args = (rng.standard_normal(4), rng.standard_normal(4))
    harness.check_grad(_f, args, wrt=(0, 1), references=refs, grad_fn=_true_grad)


@pytest.mark.parametrize("refs", [("torch",), ("autograd",), ("fd",)])
def test_harness_rejects_wrong_gradient(refs):
    rng = np.random.default_rng(0)
    args = (rng.standard_normal(4), rng.standard_normal(4))
    with pytest.raises(harness.Mismatch, match=refs[0]):
        harness.check_grad(_f, args, wrt=(0, 1), references=refs, grad_fn=_wrong_grad)


def test_harness_rejects_wrong_shape_and_structure():
    args = (np.ones(3), np.ones(3))
    with pytest.raises(harness.Mismatch, match="shape"):
        harness.check_grad(_f, args, wrt=0, grad_fn=lambda x, w: np.ones(4))
    with pytest.raises(harness.Mismatch, match="tuple"):
        harness.check_grad(_f, args, wrt=(0, 1), grad_fn=lambda x, w: np.cos(x) * w)


def test_fd_dot_product_check_on_large_inputs():
    rng = np.random.default_rng(1)
    args = (rng.standard_normal(50), rng.standard_normal(50))
    harness.check_grad(_f, args, wrt=(0, 1), references=("fd",), grad_fn=_true_grad)
    with pytest.raises(harness.Mismatch, match="dot-product"):
        harness.check_grad(_f, args, wrt=(0, 1), references=("fd",),
                           grad_fn=lambda x, w: (np.cos(x) * w * 1.001, np.sin(x)))


def test_torch_unavailable_is_reported():
    def uses_unsupported(x):
        return np.sum(np.polyval(x, 2.0)) * 0.0 + np.sum(np.sinc(x) * np.i0(x))

    report = harness.check_grad(uses_unsupported, (np.ones(3) * 0.3,), references=("torch", "fd"),
                                grad_fn=lambda x: np.zeros(3) + _fd_of(uses_unsupported, x))
    if "torch" not in report.ran:
        assert "torch" in report.unavailable
        with pytest.raises(harness.Mismatch, match="torch reference unavailable"):
            harness.check_grad(uses_unsupported, (np.ones(3) * 0.3,), references=("torch", "fd"),
                               require=("torch",),
                               grad_fn=lambda x: np.zeros(3) + _fd_of(uses_unsupported, x))


def _fd_of(f, x):
    return harness.fd_vjp_full(f, (x,), {}, [0], np.float64(1.0))[0]


def test_jvp_vjp_hessian_jacobian_checks_work_without_pullback():
    rng = np.random.default_rng(3)
    x = rng.standard_normal(3)

    def g(x):
        return np.sin(x) * x

    def s(x):
        return np.sum(np.sin(x) * x)

    harness.check_vjp(g, (x,), vjp_fn=lambda f, x: (g(x), lambda c: ((np.cos(x) * x + np.sin(x)) * c,)))
    harness.check_jvp(g, (x,), jvp_fn=lambda f, p, t: (g(p[0]), (np.cos(p[0]) * p[0] + np.sin(p[0])) * t[0]))
    H = np.diag(-np.sin(x) * x + 2 * np.cos(x))
    harness.check_hessian(s, (x,), hessian_fn=lambda x: H)
    J = np.diag(np.cos(x) * x + np.sin(x))
    harness.check_jacobian(g, (x,), jacobian_fn=lambda x: J)
    with pytest.raises(harness.Mismatch):
        harness.check_hessian(s, (x,), hessian_fn=lambda x: H * 1.01)


# ------------------------------------------------------------------ the test_corpus plumbing,
# driven by a stand-in "pullback" built on the torch reference and checked against the
# OTHER references (autograd / fd / manual). This proves test_corpus's checks can pass
# with correct derivatives, before pullback exists.


def _torch_grad_fn(f, wrt):
    def df(*args, **kwargs):
        idx, _, as_tuple = harness.normalize_wrt(f, wrt)
        gs = harness.torch_grad(f, args, kwargs, idx)
        gs = [g.reshape(np.shape(args[i])) for g, i in zip(gs, idx)]
        return tuple(gs) if as_tuple else gs[0]
    return df


def _torch_vjp(f, *args):
    out = f(*harness.copy_args(args))
    idx = [i for i, a in enumerate(args) if harness.is_float_value(a)]

    def back(cot):
        gs = harness.torch_vjp(f, args, {}, idx, cot)
        res = [None] * len(args)
        for i, g in zip(idx, gs):
            res[i] = g
        return tuple(res)
    return out, back


def _torch_jvp(f, primals, tangents):
    out = f(*harness.copy_args(primals))
    outs, is_tuple = harness.flatten_out(out)
    res = []
    for k in range(len(outs)):
        acc = np.zeros(np.shape(outs[k]))
        for i, t in enumerate(tangents):
            if t is None:
                continue
            J = harness._jac_of_output(f, primals, i, k)
            acc = acc + (J.reshape(-1, np.size(primals[i])) @ np.reshape(t, -1)).reshape(acc.shape)
        res.append(acc)
    return out, (tuple(res) if is_tuple else res[0])


def _others(prog, keep=("autograd", "fd", "manual")):
    return tuple(r for r in prog.references if r in keep)


@pytest.mark.parametrize("prog", [p for p in PROGRAMS if p.torch and p.scalar_output and not p.tuple_output],
                         ids=lambda p: p.name)
def test_check_grad_plumbing(prog):
    w = prog.wrt if len(prog.wrt) > 1 else prog.wrt[0]
    harness.check_grad(prog.fn, prog.args(), wrt=w, kwargs=prog.kwargs(), references=_others(prog),
                       manual=prog.manual, grad_fn=_torch_grad_fn(prog.fn, w))


@pytest.mark.parametrize("prog", [p for p in PROGRAMS if p.torch and not p.kwargs()], ids=lambda p: p.name)
def test_check_vjp_and_jvp_plumbing(prog):
    refs = _others(prog, ("autograd", "fd"))
    if refs:
        harness.check_vjp(prog.fn, prog.args(), references=refs, vjp_fn=_torch_vjp, seed=prog.seed)
    if "fd" in prog.references:
        harness.check_jvp(prog.fn, prog.args(), references=("fd",), jvp_fn=_torch_jvp, seed=prog.seed)


@pytest.mark.parametrize("prog", [p for p in PROGRAMS if p.torch and not p.tuple_output], ids=lambda p: p.name)
def test_check_jacobian_plumbing(prog):
    refs = _others(prog, ("autograd", "fd"))
    if not refs:
        pytest.skip("torch is the only automatic reference")
    w = prog.wrt[0]
    (i,), _, _ = harness.normalize_wrt(prog.fn, w)
    if "autograd" not in refs and np.size(prog.args()[i]) > harness.FD_FULL_LIMIT:
        pytest.skip("too large for a full fd jacobian")
    harness.check_jacobian(prog.fn, prog.args(), wrt=w, kwargs=prog.kwargs(), references=refs,
                           jacobian_fn=lambda *a, **k: harness.torch_jacobian(prog.fn, a, k, i))


@pytest.mark.parametrize("prog", [p for p in PROGRAMS if p.torch and p.twice_differentiable
                                  and p.scalar_output and not p.tuple_output], ids=lambda p: p.name)
def test_hessian_references_agree(prog):
    """torch's Hessian vs autograd's (where autograd applies) -- or vs fd of torch's gradient."""
    w = prog.wrt[0]
    (i,), _, _ = harness.normalize_wrt(prog.fn, w)
    args, kwargs = prog.args(), prog.kwargs()
    if "autograd" in prog.references:
        harness.check_hessian(prog.fn, args, wrt=w, kwargs=kwargs, references=("autograd",),
                              hessian_fn=lambda *a, **k: harness.torch_hessian(prog.fn, a, k, i))
        return
    H = harness.torch_hessian(prog.fn, args, kwargs, i)
    if not prog.fd:
        pytest.skip(f"no fd-of-gradient Hessian: {prog.fd_reason}")
    if np.size(args[i]) > 12:
        pytest.skip("fd Hessian only for small arguments")
    # finite differences of torch's own (first-order) gradient
    n = np.size(args[i])
    rows = []
    for k in range(n):
        h = 1e-5 * max(1.0, abs(float(np.reshape(args[i], -1)[k])))
        gp = harness.torch_grad(prog.fn, harness._perturb(args, i, k, h), kwargs, [i])[0]
        gm = harness.torch_grad(prog.fn, harness._perturb(args, i, k, -h), kwargs, [i])[0]
        rows.append(((gp - gm) / (2 * h)).reshape(-1))
    fdH = np.array(rows).T.reshape(H.shape)
    harness.compare(H, fdH, "torch Hessian", 1e-5, 1e-6 * max(1.0, float(np.max(np.abs(fdH)))), "fd-of-grad")


def test_rebinding_sees_module_level_numpy_names_and_helpers():
    import types as _types
    src = (
        "import numpy as np\n"
        "from numpy import sin\n"
        "SCALE = np.array([1.0, 2.0, 3.0])\n"
        "def helper(x, k=2):\n"
        "    return sin(x) ** k\n"
        "def f(x):\n"
        "    return np.sum(helper(x) * SCALE) + np.sum(helper(x, k=3))\n")
    mod = _types.ModuleType("rebind_probe")
    exec(compile(src, "<rebind_probe>", "exec"), mod.__dict__)
    x = np.array([0.3, -0.7, 1.1])
    report = harness.references_agree(mod.f, (x,), 0, references=("torch", "autograd", "fd"),
                                      require=("torch",))
    assert set(report.ran) == {"torch", "autograd", "fd"}
