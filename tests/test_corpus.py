"""pullback on every corpus program, against torch / autograd / finite differences.

How pullback is called (see the API contract):

* reverse:  ``pb.grad(f, wrt=w)(*args, **kwargs)`` -- ``w`` is the program's single
  wrt entry (int or parameter name; one array back) or its tuple (a tuple back);
  ``pb.value_and_grad(f, wrt=tuple)(*args, **kwargs)``;
  ``out, back = pb.vjp(f, *args); back(cotangent)`` (one cotangent per primal; only
  float primals are compared);
  ``pb.jacobian(f, wrt=w0, mode="reverse")(*args, **kwargs)``.
* forward:  ``pb.jvp(f, args, tangents)`` with a random tangent per float argument and
  ``None`` for integer / boolean arguments; ``pb.jacobian(f, wrt=w0, mode="forward")``.
* second order: ``pb.hessian(f, wrt=w0)(*args, **kwargs)``; ``pb.grad(pb.grad(f, wrt=i), wrt=i)``
  for programs whose first wrt argument is a scalar.

Programs flagged ``expect_unsupported_or_correct`` pass if pullback raises
``pb.UnsupportedError``; otherwise they must be correct like every other program.
"""

import numpy as np
import pytest

import pullback as pb

import corpus
import harness

corpus.bind_pullback(pb)

PROGRAMS = corpus.all_programs()


def _params(select):
    return [pytest.param(p, id=p.name) for p in PROGRAMS if select(p)]


def _require(prog):
    return ("torch",) if prog.torch else ()


def _single_wrt(prog):
    return prog.wrt[0] if isinstance(prog.wrt, tuple) else prog.wrt


def _wrt_index(prog, w):
    (i,), _, _ = harness.normalize_wrt(prog.fn, w)
    return i


def _allowing_unsupported(prog, thunk):
    """Run a check; an UnsupportedError is acceptable only for flagged programs."""
    try:
        return thunk()
    except pb.UnsupportedError:
        if prog.expect_unsupported_or_correct:
            return None
        raise


def _scalar(p):
    return p.scalar_output and not p.tuple_output


def _no_kwargs(p):
    return not p.kwargs()


def _single_array_output(p):
    return not p.tuple_output


def _vjp_jvp_capable(p):
    return _no_kwargs(p)


# ------------------------------------------------------------------------ reverse mode


@pytest.mark.parametrize("prog", _params(_scalar))
def test_grad(prog):
    w = prog.wrt if len(prog.wrt) > 1 else prog.wrt[0]
    _allowing_unsupported(prog, lambda: harness.check_grad(
        prog.fn, prog.args(), wrt=w, kwargs=prog.kwargs(), references=prog.references,
        manual=prog.manual, require=_require(prog)))


@pytest.mark.parametrize("prog", _params(_scalar))
def test_value_and_grad(prog):
    _allowing_unsupported(prog, lambda: harness.check_grad(
        prog.fn, prog.args(), wrt=tuple(prog.wrt), kwargs=prog.kwargs(),
        references=prog.references, manual=prog.manual, require=_require(prog),
        value_and_grad=True))


@pytest.mark.parametrize("prog", _params(_vjp_jvp_capable))
def test_vjp(prog):
    refs = tuple(r for r in prog.references if r != "manual")
    _allowing_unsupported(prog, lambda: harness.check_vjp(
        prog.fn, prog.args(), references=refs, require=_require(prog), seed=prog.seed))


@pytest.mark.parametrize("prog", _params(_single_array_output))
def test_jacobian_reverse(prog):
    refs = tuple(r for r in prog.references if r != "manual")
    _allowing_unsupported(prog, lambda: harness.check_jacobian(
        prog.fn, prog.args(), wrt=_single_wrt(prog), kwargs=prog.kwargs(), mode="reverse",
        references=refs, require=_require(prog)))


# ------------------------------------------------------------------------ forward mode


@pytest.mark.parametrize("prog", _params(_vjp_jvp_capable))
def test_jvp(prog):
    refs = tuple(r for r in prog.references if r in ("torch", "fd"))
    _allowing_unsupported(prog, lambda: harness.check_jvp(
        prog.fn, prog.args(), references=refs, require=_require(prog), seed=prog.seed))


def _forward_jacobian_capable(p):
    # An infinite derivative (sqrt'(0) = inf) meets a zero tangent in forward mode:
    # 0 * inf = nan, as in torch's own forward mode; only reverse mode gives torch's
    # reverse-mode Jacobian there (README, limitations).
    return _single_array_output(p) and "inf-derivative" not in p.tags


@pytest.mark.parametrize("prog", _params(_forward_jacobian_capable))
def test_jacobian_forward(prog):
    refs = tuple(r for r in prog.references if r != "manual")
    _allowing_unsupported(prog, lambda: harness.check_jacobian(
        prog.fn, prog.args(), wrt=_single_wrt(prog), kwargs=prog.kwargs(), mode="forward",
        references=refs, require=_require(prog)))


# ------------------------------------------------------------------------ second order


@pytest.mark.parametrize("prog", _params(lambda p: _scalar(p) and p.twice_differentiable))
def test_hessian(prog):
    refs = tuple(r for r in prog.references if r in ("torch", "autograd"))
    _allowing_unsupported(prog, lambda: harness.check_hessian(
        prog.fn, prog.args(), wrt=_single_wrt(prog), kwargs=prog.kwargs(), references=refs,
        require=_require(prog)))


def _scalar_first_wrt(p):
    if not (_scalar(p) and p.twice_differentiable):
        return False
    i = _wrt_index(p, _single_wrt(p))
    return np.ndim(p.args()[i]) == 0


@pytest.mark.parametrize("prog", _params(_scalar_first_wrt))
def test_grad_of_grad(prog):
    w = _single_wrt(prog)
    i = _wrt_index(prog, w)
    refs = tuple(r for r in prog.references if r in ("torch", "autograd"))

    def run():
        d2 = pb.grad(pb.grad(prog.fn, wrt=w), wrt=w)
        return harness.check_hessian(prog.fn, prog.args(), wrt=i, kwargs=prog.kwargs(),
                                     references=refs, require=_require(prog), hessian_fn=d2)

    _allowing_unsupported(prog, run)
