"""Differential test harness: pullback's derivatives against independent references.

References (each one computes the derivative of the SAME function source):

* ``"torch"``    -- the function is re-created with its module's ``np`` bound to
  PyTorch's NumPy layer ``torch._numpy``; inputs become float64 tensors that
  require grad, and the derivative is taken by torch autograd.
* ``"autograd"`` -- the same trick with HIPS ``autograd.numpy`` (which cannot do
  indexed assignment: programs that mutate arrays are skipped).
* ``"fd"``       -- central finite differences of the plain NumPy function; a full
  gradient for small inputs, a random-direction check otherwise.
* ``"manual"``   -- an optional hand-written derivative given by the caller.

``check_grad`` / ``check_vjp`` / ``check_jvp`` / ``check_jacobian`` /
``check_hessian`` compute pullback's result and compare it with every reference
that can run; ``references_agree`` compares the references with each other
(usable without pullback).

A reference that cannot run a program is reported as unavailable with a reason
(``Report.unavailable``); ``require=("torch",)`` turns that into a failure.
"""

from __future__ import annotations

import contextlib
import inspect
import types
import warnings
from dataclasses import dataclass, field
import numpy as np

ALL_REFERENCES = ("torch", "autograd", "fd")

FD_RTOL = 1e-5
FD_FULL_LIMIT = 30          # inputs with at most this many elements get a full FD gradient
FD_STEP = 1e-6


class ReferenceUnavailable(Exception):
    """A reference implementation cannot run this program (the reason is the message)."""


class Mismatch(AssertionError):
    """pullback (or one reference) disagrees with a reference."""


# --------------------------------------------------------------------------------------
# pb shims: programs refer to pb.stop_gradient / pb.no_grad through a module global `pb`
# --------------------------------------------------------------------------------------


class _Shim:
    """A stand-in for the ``pullback`` module inside reference runs."""

    def __init__(self, name, stop_gradient, no_grad):
        self.__name__ = name
        self._stop_gradient = stop_gradient
        self._no_grad = no_grad
        self.used = []

    def stop_gradient(self, x):
        self.used.append("stop_gradient")
        return self._stop_gradient(x)

    def no_grad(self):
        self.used.append("no_grad")
        return self._no_grad()


def _looks_like_pb(value) -> bool:
    """A `pb` global: the real pullback module, the corpus' null shim or a _Shim."""
    if isinstance(value, types.ModuleType):
        return value.__name__ == "pullback"
    return hasattr(value, "stop_gradient") and hasattr(value, "no_grad") and not isinstance(
        value, types.FunctionType)


def _torch_shim():
    import torch
    import torch._numpy as tnp

    def detach(x):
        if isinstance(x, tnp.ndarray):
            return tnp.ndarray(x.tensor.detach())
        if isinstance(x, torch.Tensor):
            return x.detach()
        if isinstance(x, (tuple, list)):
            return type(x)(detach(v) for v in x)
        return x

    return _Shim("torch-pb-shim", detach, torch.no_grad)


def _autograd_shim():
    from autograd.tracer import getval

    def no_grad():
        raise ReferenceUnavailable("autograd has no no_grad block")

    return _Shim("autograd-pb-shim", getval, no_grad)


def _numpy_shim():
    return _Shim("numpy-pb-shim", lambda x: x, contextlib.nullcontext)


# --------------------------------------------------------------------------------------
# Re-creating a function (and its module's functions) with other globals
# --------------------------------------------------------------------------------------

_FOREIGN_PACKAGES = {"numpy", "torch", "autograd", "pullback", "scipy", "builtins",
                     "functools", "contextlib", "types", "inspect", "typing", "math"}


class Rebinder:
    """Re-creates user functions with ``numpy`` replaced by another module.

    One new globals dict per original module (cached), in which every user
    function of that module is re-created too, so that calls between them see the
    rebound names. ``convert_array`` maps module-level numpy arrays (constants).
    """

    def __init__(self, np_module, pb_shim, convert_array=None, user_prefixes=()):
        self.np_module = np_module
        self.pb_shim = pb_shim
        self.convert_array = convert_array
        self.user_prefixes = set(user_prefixes)
        self._globals: dict[int, dict] = {}
        self._functions: dict[int, types.FunctionType] = {}

    def _is_user_function(self, v) -> bool:
        if not isinstance(v, types.FunctionType):
            return False
        mod = (getattr(v, "__module__", None) or "").split(".")[0]
        if mod in _FOREIGN_PACKAGES:
            return False
        return id(v.__globals__) in self._globals or mod in self.user_prefixes

    def convert(self, v):
        if v is np:
            return self.np_module
        if v is np.linalg:
            return self.np_module.linalg
        if _looks_like_pb(v):
            return self.pb_shim
        if self.np_module is not np and callable(v) and not isinstance(v, type):
            # `from numpy import sin` / `mean = np.mean` at module level
            name = getattr(v, "__name__", None)
            if name and getattr(np, name, None) is v and hasattr(self.np_module, name):
                return getattr(self.np_module, name)
        if isinstance(v, (np.ndarray, np.floating)) and self.convert_array is not None:
            return self.convert_array(v)
        if self._is_user_function(v):
            return self.function(v)
        if isinstance(v, tuple) and any(isinstance(e, np.ndarray) for e in v):
            return tuple(self.convert(e) for e in v)
        return v

    def globals_for(self, g: dict) -> dict:
        key = id(g)
        if key in self._globals:
            return self._globals[key]
        new = dict(g)
        self._globals[key] = new
        for k, v in g.items():
            if k.startswith("__") and k.endswith("__"):
                continue
            new[k] = self.convert(v)
        return new

    def function(self, f: types.FunctionType) -> types.FunctionType:
        if id(f) in self._functions:
            return self._functions[id(f)]
        mod = (getattr(f, "__module__", None) or "").split(".")[0]
        if mod:
            self.user_prefixes.add(mod)
        g = self.globals_for(f.__globals__)
        closure = None
        if f.__closure__ is not None:
            closure = tuple(types.CellType(self.convert(c.cell_contents)) for c in f.__closure__)
        defaults = None
        if f.__defaults__ is not None:
            defaults = tuple(self.convert(d) for d in f.__defaults__)
        new = types.FunctionType(f.__code__, g, f.__name__, defaults, closure)
        if f.__kwdefaults__:
            new.__kwdefaults__ = {k: self.convert(v) for k, v in f.__kwdefaults__.items()}
        new.__qualname__ = f.__qualname__
        new.__module__ = f.__module__
        self._functions[id(f)] = new
        # The name the module knows the function by must denote the new function.
        if g.get(f.__name__) is f:
            g[f.__name__] = new
        return new


# --------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------


def copy_args(args):
    """Deep copy of array arguments (programs must never see each other's buffers)."""
    if isinstance(args, np.ndarray):
        return args.copy()
    if isinstance(args, tuple):
        return tuple(copy_args(a) for a in args)
    if isinstance(args, list):
        return [copy_args(a) for a in args]
    if isinstance(args, dict):
        return {k: copy_args(v) for k, v in args.items()}
    return args


def is_float_value(a) -> bool:
    if isinstance(a, (bool, np.bool_)):
        return False
    if isinstance(a, (float, np.floating)):
        return True
    return isinstance(a, np.ndarray) and a.dtype.kind == "f"


def normalize_wrt(f, wrt, nargs=None):
    """-> (list of positional indices, list of labels, returned-as-tuple)."""
    as_tuple = isinstance(wrt, (tuple, list))
    items = list(wrt) if as_tuple else [wrt]
    try:
        params = list(inspect.signature(f).parameters)
    except (TypeError, ValueError):
        params = []
    idx, labels = [], []
    for w in items:
        if isinstance(w, str):
            if w not in params:
                raise ValueError(f"wrt name {w!r} is not a parameter of {f.__name__}{params}")
            i = params.index(w)
        else:
            i = int(w)
        idx.append(i)
        name = params[i] if i < len(params) else "?"
        labels.append(f"argument {i} ({name})")
    return idx, labels, as_tuple


def flatten_out(out):
    if isinstance(out, (tuple, list)):
        return list(out), True
    return [out], False


def is_scalar_output(out) -> bool:
    return not isinstance(out, (tuple, list)) and np.size(out) == 1


def random_like(x, rng):
    """A random cotangent / tangent with the shape of ``x`` (a tuple for tuples)."""
    if isinstance(x, (tuple, list)):
        return tuple(random_like(e, rng) for e in x)
    shape = np.shape(x)
    if shape == ():
        return np.float64(rng.standard_normal())
    return rng.standard_normal(shape)


def _as_float_array(v, what):
    if isinstance(v, (tuple, list)):
        raise Mismatch(f"{what}: expected one array, got a {type(v).__name__} of length {len(v)}")
    a = np.asarray(v)
    if a.dtype == object:
        raise Mismatch(f"{what}: got an object array / non-numeric value: {v!r}")
    if a.dtype.kind not in "fiub":
        raise Mismatch(f"{what}: got dtype {a.dtype}")
    return a.astype(np.float64)


def compare(got, ref, what, rtol, atol, ref_name="reference", shape_strict=True):
    """Element-wise |got-ref| <= atol + rtol*(|ref| + 1e-6*max|ref|); infinities must match."""
    g = _as_float_array(got, what)
    r = np.asarray(ref, dtype=np.float64)
    if g.shape != r.shape:
        if shape_strict or g.size != r.size:
            raise Mismatch(f"{what}: shape {g.shape} but the {ref_name} reference has shape {r.shape}")
        g = g.reshape(r.shape)
    both_nan = np.isnan(g) & np.isnan(r)
    same_inf = np.isinf(g) & np.isinf(r) & (np.sign(g) == np.sign(r))
    ok = both_nan | same_inf
    finite = np.isfinite(r)
    scale = np.max(np.abs(r[finite])) if finite.any() else 0.0
    with np.errstate(invalid="ignore"):
        err = np.where(ok, 0.0, np.abs(g - r))
        tol = atol + rtol * (np.abs(r) + 1e-6 * scale)
    err = np.where(np.isnan(err), np.inf, err)
    bad = err > tol
    if bad.any():
        k = np.unravel_index(np.argmax(np.where(bad, err, -1.0)), r.shape) if r.shape else ()
        raise Mismatch(
            f"{what} disagrees with the {ref_name} reference: max abs error "
            f"{float(np.max(err)):.3e} ({int(bad.sum())} of {r.size} elements out of tolerance "
            f"rtol={rtol:g}, atol={atol:g}); e.g. at index {tuple(int(i) for i in k)}: "
            f"got {g[k]!r}, {ref_name} says {r[k]!r}\n  got: {np.array2string(g, precision=10)}"
            f"\n  {ref_name}: {np.array2string(r, precision=10)}")


# --------------------------------------------------------------------------------------
# torch reference
# --------------------------------------------------------------------------------------


def _torch_modules():
    try:
        import torch
        import torch._numpy as tnp
    except Exception as e:  # pragma: no cover - depends on the machine
        raise ReferenceUnavailable(f"torch is not importable: {e}") from e
    return torch, tnp


@contextlib.contextmanager
def _torch_context():
    """float64 defaults; saved tensors are cloned when saved, so a later in-place
    write into an array (NumPy semantics: the value at the time of use) does not
    trip torch's version-counter check."""
    torch, _ = _torch_modules()
    old = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with torch.autograd.graph.saved_tensors_hooks(lambda t: t.clone(), lambda t: t):
                yield
    finally:
        torch.set_default_dtype(old)


class _TorchRun:
    """One forward run of ``f`` in torch; ``leaves[k]`` is the tensor of wrt index k."""

    def __init__(self, f, args, kwargs, diff_idx, value_check=True):
        torch, tnp = _torch_modules()
        self.torch, self.tnp = torch, tnp

        def to_tnp_const(a):
            t = torch.as_tensor(np.array(a, copy=True))
            return tnp.ndarray(t)

        self.rebinder = Rebinder(tnp, _torch_shim(), convert_array=to_tnp_const)
        try:
            ft = self.rebinder.function(f)
        except Exception as e:
            raise ReferenceUnavailable(f"cannot rebind {f.__name__}: {e!r}") from e
        self.leaves = {}
        targs = []
        for i, a in enumerate(args):
            if i in diff_idx:
                if not is_float_value(a):
                    raise TypeError(f"argument {i} is not a float value: {type(a).__name__}")
                t = torch.tensor(np.asarray(a, dtype=np.float64), dtype=torch.float64,
                                 requires_grad=True)
                self.leaves[i] = t
                targs.append(tnp.ndarray(t))
            else:
                targs.append(self._const(a))
        tkwargs = {k: self._const(v) for k, v in kwargs.items()}
        try:
            with _torch_context():
                self.out = ft(*targs, **tkwargs)
        except ReferenceUnavailable:
            raise
        except Exception as e:
            raise ReferenceUnavailable(f"torch._numpy cannot run {f.__name__}: "
                                       f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}") from e
        self.outs, self.is_tuple = flatten_out(self.out)
        self.out_tensors = [self._to_tensor(o) for o in self.outs]
        if value_check:
            expected = f(*copy_args(args), **copy_args(kwargs))
            exp_list, exp_tuple = flatten_out(expected)
            if exp_tuple != self.is_tuple or len(exp_list) != len(self.outs):
                raise ReferenceUnavailable("the torch twin returns a different output structure")
            for k, (e, t) in enumerate(zip(exp_list, self.out_tensors)):
                try:
                    compare(t.detach().numpy(), np.asarray(e, dtype=np.float64),
                            f"torch twin's value of output {k}", 1e-10, 1e-12, "NumPy")
                except Mismatch as m:
                    raise ReferenceUnavailable(f"torch._numpy computes a different value: {m}") from m

    def _const(self, a):
        tnp = self.tnp
        if isinstance(a, (np.ndarray, np.floating)):
            # NumPy scalars too: np.float64 * tnp.ndarray would escape to NumPy
            return tnp.ndarray(self.torch.as_tensor(np.array(a, copy=True)))
        if isinstance(a, list):
            return [self._const(e) for e in a]
        if isinstance(a, tuple):
            return tuple(self._const(e) for e in a)
        return a

    def _to_tensor(self, o):
        torch, tnp = self.torch, self.tnp
        if isinstance(o, tnp.ndarray):
            return o.tensor
        if isinstance(o, torch.Tensor):
            return o
        if isinstance(o, np.ndarray):
            raise ReferenceUnavailable("the torch run escaped to a NumPy array (gradient tracking lost): "
                                       "probably a NumPy object on the left of an operator")
        if isinstance(o, (float, int, np.number, bool)):
            return torch.tensor(float(o), dtype=torch.float64)
        raise ReferenceUnavailable(f"the torch run returned an unsupported value {type(o).__name__}")

    def grads(self, cotangents, idx, create_graph=False):
        """Sum over outputs of vjp(output_k, cotangent_k) w.r.t. the leaves in ``idx``."""
        torch = self.torch
        leaves = [self.leaves[i] for i in idx]
        outs, cots = [], []
        for t, c in zip(self.out_tensors, cotangents):
            if t.requires_grad:
                outs.append(t)
                cots.append(torch.as_tensor(np.asarray(c, dtype=np.float64)).reshape(t.shape))
        if not outs:
            return [torch.zeros_like(l) for l in leaves]
        gs = torch.autograd.grad(outs, leaves, grad_outputs=cots, allow_unused=True,
                                 retain_graph=True, create_graph=create_graph)
        return [torch.zeros_like(l) if g is None else g for g, l in zip(gs, leaves)]


def torch_vjp(f, args, kwargs, idx, cotangent):
    run = _TorchRun(f, args, kwargs, set(idx))
    cots, _ = flatten_out(cotangent)
    try:
        gs = run.grads(cots, idx)
    except Exception as e:
        raise ReferenceUnavailable(f"torch backward failed: {type(e).__name__}: {str(e)[:200]}") from e
    return [g.detach().numpy(force=True).copy() for g in gs]


def torch_grad(f, args, kwargs, idx):
    run = _TorchRun(f, args, kwargs, set(idx))
    if run.is_tuple or run.out_tensors[0].numel() != 1:
        raise ValueError("grad of a non-scalar output")
    try:
        gs = run.grads([np.ones(run.out_tensors[0].shape)], idx)
    except Exception as e:
        raise ReferenceUnavailable(f"torch backward failed: {type(e).__name__}: {str(e)[:200]}") from e
    return [g.detach().numpy(force=True).copy() for g in gs]


def torch_jacobian(f, args, kwargs, i):
    """d out / d args[i], shape out.shape + arg.shape (single-array outputs)."""
    run = _TorchRun(f, args, kwargs, {i})
    if run.is_tuple:
        raise ValueError("jacobian of a tuple output")
    out = run.out_tensors[0]
    leaf = run.leaves[i]
    rows = []
    try:
        for k in range(out.numel()):
            e = np.zeros(out.numel())
            e[k] = 1.0
            rows.append(run.grads([e.reshape(out.shape)], [i])[0].detach().numpy(force=True).reshape(-1))
    except Exception as e:
        raise ReferenceUnavailable(f"torch backward failed: {type(e).__name__}: {str(e)[:200]}") from e
    J = np.array(rows).reshape(tuple(out.shape) + tuple(leaf.shape))
    return J


def torch_hessian(f, args, kwargs, i):
    torch, _ = _torch_modules()
    run = _TorchRun(f, args, kwargs, {i})
    leaf = run.leaves[i]
    try:
        with _torch_context():
            (g,) = run.grads([np.ones(run.out_tensors[0].shape)], [i], create_graph=True)
            n = leaf.numel()
            if not g.requires_grad:
                return np.zeros(tuple(leaf.shape) * 2)
            flat = g.reshape(-1)
            rows = []
            for k in range(n):
                (h,) = torch.autograd.grad(flat[k], leaf, retain_graph=True, allow_unused=True)
                rows.append(np.zeros(n) if h is None else h.detach().numpy(force=True).reshape(-1))
    except ReferenceUnavailable:
        raise
    except Exception as e:
        raise ReferenceUnavailable(f"torch double backward failed: {type(e).__name__}: {str(e)[:200]}") from e
    return np.array(rows).reshape(tuple(leaf.shape) * 2)


# --------------------------------------------------------------------------------------
# HIPS autograd reference
# --------------------------------------------------------------------------------------


def _autograd_function(f):
    try:
        import autograd  # noqa: F401
        import autograd.numpy as anp
    except Exception as e:  # pragma: no cover
        raise ReferenceUnavailable(f"autograd is not importable: {e}") from e
    return Rebinder(anp, _autograd_shim()).function(f)


def _autograd_call(thunk, name):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return thunk()
    except ReferenceUnavailable:
        raise
    except Exception as e:
        msg = str(e).splitlines()[0] if str(e) else ""
        raise ReferenceUnavailable(f"autograd cannot run {name}: {type(e).__name__}: {msg}") from e


def autograd_vjp(f, args, kwargs, idx, cotangent):
    import autograd
    import autograd.numpy as anp

    fa = _autograd_function(f)
    cots, _ = flatten_out(cotangent)

    def grads():
        res = []
        for i in idx:
            def phi(xi, i=i):
                a = list(args)
                a[i] = xi
                outs, _ = flatten_out(fa(*a, **kwargs))
                return sum(anp.sum(o * np.asarray(c)) for o, c in zip(outs, cots))
            res.append(np.asarray(autograd.grad(phi)(copy_args(args[i])), dtype=np.float64))
        return res

    return _autograd_call(grads, f.__name__)


def autograd_grad(f, args, kwargs, idx):
    out = f(*copy_args(args), **copy_args(kwargs))
    return autograd_vjp(f, args, kwargs, idx, np.ones(np.shape(out)))


def autograd_jacobian(f, args, kwargs, i):
    import autograd

    fa = _autograd_function(f)

    def jac():
        def fi(xi):
            a = list(copy_args(args))
            a[i] = xi
            return fa(*a, **kwargs)
        return np.asarray(autograd.jacobian(fi)(copy_args(args[i])), dtype=np.float64)

    return _autograd_call(jac, f.__name__)


def autograd_hessian(f, args, kwargs, i):
    import autograd

    fa = _autograd_function(f)

    def hess():
        def fi(xi):
            a = list(copy_args(args))
            a[i] = xi
            out = fa(*a, **kwargs)
            return out.reshape(()) if np.ndim(out) else out  # size-1 outputs
        H = np.asarray(autograd.hessian(fi)(copy_args(args[i])), dtype=np.float64)
        shape = np.shape(args[i])
        return H.reshape(shape + shape)

    return _autograd_call(hess, f.__name__)


# --------------------------------------------------------------------------------------
# finite differences
# --------------------------------------------------------------------------------------


def _numpy_function(f):
    shim = _numpy_shim()
    return Rebinder(np, shim).function(f), shim


def _fd_scalarized(f, args, kwargs, cotangent):
    fn, shim = _numpy_function(f)
    cots, _ = flatten_out(cotangent)

    def phi(a):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            outs, _ = flatten_out(fn(*copy_args(a), **copy_args(kwargs)))
        if shim.used:
            raise ReferenceUnavailable(
                f"finite differences see through pb.{shim.used[0]} (the program uses it)")
        return float(sum(np.sum(np.asarray(o, dtype=np.float64) * np.asarray(c)) for o, c in zip(outs, cots)))

    return phi


def _perturb(args, i, k, delta):
    a = list(copy_args(args))
    x = a[i]
    if isinstance(x, np.ndarray):
        x = x.astype(np.float64, copy=True)
        x.reshape(-1)[k] += delta
        a[i] = x
    else:
        a[i] = type(x)(x + delta) if isinstance(x, np.floating) else float(x) + delta
    return a


def _fd_step(v):
    return FD_STEP * max(1.0, abs(float(v)))


def fd_vjp_full(f, args, kwargs, idx, cotangent):
    """Full central-difference gradient of <cotangent, f(args)> w.r.t. each idx."""
    phi = _fd_scalarized(f, args, kwargs, cotangent)
    phi(list(args))  # raises if the program uses stop_gradient/no_grad
    res = []
    for i in idx:
        x = np.asarray(args[i], dtype=np.float64)
        g = np.zeros(x.size)
        for k in range(x.size):
            h = _fd_step(x.reshape(-1)[k])
            g[k] = (phi(_perturb(args, i, k, h)) - phi(_perturb(args, i, k, -h))) / (2 * h)
        res.append(g.reshape(x.shape))
    return res


def fd_directional(f, args, kwargs, idx, directions, cotangent):
    """(phi(x + h v) - phi(x - h v)) / 2h for phi = <cotangent, f>."""
    phi = _fd_scalarized(f, args, kwargs, cotangent)
    h = FD_STEP * max(1.0, max(float(np.max(np.abs(args[i]))) for i in idx))

    def moved(s):
        a = list(copy_args(args))
        for i, v in zip(idx, directions):
            x = a[i]
            a[i] = (x + s * h * v) if isinstance(x, np.ndarray) else type(x)(x + s * h * float(v))
        return a

    return (phi(moved(1)) - phi(moved(-1))) / (2 * h), h, abs(phi(list(args)))


def fd_check(f, args, kwargs, idx, labels, candidate, cotangent, rtol=FD_RTOL, what="gradient",
             rng=None):
    """Check candidate gradients (one per idx) against finite differences."""
    total = sum(np.size(args[i]) for i in idx)
    if total <= FD_FULL_LIMIT:
        fd = fd_vjp_full(f, args, kwargs, idx, cotangent)
        for g, r, lab in zip(candidate, fd, labels):
            scale = max(1.0, float(np.max(np.abs(r))) if np.size(r) else 1.0)
            compare(g, r, f"{what} w.r.t. {lab}", rtol, rtol * 1e-2 * scale, "fd")
        return
    rng = rng or np.random.default_rng(1234)
    for trial in range(2):
        dirs = [random_like(args[i], rng) for i in idx]
        fd, h, fval = fd_directional(f, args, kwargs, idx, dirs, cotangent)
        dot = sum(float(np.sum(np.asarray(g, dtype=np.float64) * d)) for g, d in zip(candidate, dirs))
        mags = sum(float(np.sum(np.abs(np.asarray(g, dtype=np.float64) * d))) for g, d in zip(candidate, dirs))
        tol = rtol * max(1.0, mags) + 1e-16 * fval / h * 100
        if not abs(dot - fd) <= tol:
            raise Mismatch(f"{what} w.r.t. {', '.join(labels)} fails the fd dot-product check "
                           f"(random direction {trial}): <grad, v> = {dot!r} but finite differences "
                           f"give {fd!r} (abs error {abs(dot - fd):.3e}, tol {tol:.3e})")


def fd_jvp(f, args, kwargs, tangents):
    """Central difference of f along the tangents (one per positional argument; None = 0)."""
    fn, shim = _numpy_function(f)
    idx = [i for i, t in enumerate(tangents) if t is not None]
    h = FD_STEP * max(1.0, max(float(np.max(np.abs(args[i]))) for i in idx))

    def at(s):
        a = list(copy_args(args))
        for i in idx:
            x, t = a[i], tangents[i]
            a[i] = (x + s * h * t) if isinstance(x, np.ndarray) else type(x)(x + s * h * float(t))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            outs, _ = flatten_out(fn(*a, **copy_args(kwargs)))
        if shim.used:
            raise ReferenceUnavailable(f"finite differences see through pb.{shim.used[0]}")
        return [np.asarray(o, dtype=np.float64) for o in outs]

    plus, minus = at(1), at(-1)
    return [(p - m) / (2 * h) for p, m in zip(plus, minus)]


# --------------------------------------------------------------------------------------
# Reports
# --------------------------------------------------------------------------------------


@dataclass
class Report:
    ran: list = field(default_factory=list)
    unavailable: dict = field(default_factory=dict)

    def __str__(self):
        s = f"checked against: {', '.join(self.ran) or 'nothing'}"
        for k, v in self.unavailable.items():
            s += f"\n  {k} reference unavailable: {v}"
        return s


def _finish(report, require):
    for r in require:
        if r not in report.ran:
            raise Mismatch(f"{r} reference unavailable: {report.unavailable.get(r, 'not requested')}")
    if not report.ran:
        raise Mismatch("no reference could check this program:\n" + str(report))
    return report


def _run_ref(report, name, thunk):
    try:
        value = thunk()
    except ReferenceUnavailable as e:
        report.unavailable[name] = str(e)
        return None
    return value


# --------------------------------------------------------------------------------------
# Checking pullback (or any implementation) against the references
# --------------------------------------------------------------------------------------


def _check_against_refs(f, args, kwargs, idx, labels, got, cotangent, references, rtol, atol,
                        what, manual=None):
    report = Report()
    refs = {
        "torch": lambda: torch_vjp(f, args, kwargs, idx, cotangent),
        "autograd": lambda: autograd_vjp(f, args, kwargs, idx, cotangent),
    }
    for name in references:
        if name == "fd":
            try:
                fd_check(f, args, kwargs, idx, labels, got, cotangent, rtol=max(rtol, FD_RTOL), what=what)
                report.ran.append("fd")
            except ReferenceUnavailable as e:
                report.unavailable["fd"] = str(e)
            continue
        if name == "manual":
            if manual is None:
                continue
            ref = manual(*copy_args(args), **copy_args(kwargs))
            ref = list(ref) if isinstance(ref, (tuple, list)) else [ref]
        else:
            ref = _run_ref(report, name, refs[name])
            if ref is None:
                continue
        for g, r, lab in zip(got, ref, labels):
            compare(g, r, f"{what} w.r.t. {lab}", rtol, atol, name)
        report.ran.append(name)
    return report


def check_grad(f, args, wrt=0, kwargs=None, references=ALL_REFERENCES, rtol=1e-7, atol=1e-9,
               require=(), manual=None, grad_fn=None, value_and_grad=False):
    """pullback.grad(f, wrt)(*args, **kwargs) against the references.

    ``grad_fn`` replaces ``pullback.grad(f, wrt=wrt)`` (used by self-checks);
    with ``value_and_grad=True`` it is ``pullback.value_and_grad`` and the value
    is checked too. Returns a Report; raises Mismatch on a disagreement.
    """
    kwargs = dict(kwargs or {})
    args = tuple(args)
    idx, labels, as_tuple = normalize_wrt(f, wrt)
    expected_value = f(*copy_args(args), **copy_args(kwargs))
    if grad_fn is None:
        import pullback
        grad_fn = (pullback.value_and_grad if value_and_grad else pullback.grad)(f, wrt=wrt)
    result = grad_fn(*copy_args(args), **copy_args(kwargs))
    if value_and_grad:
        if not (isinstance(result, tuple) and len(result) == 2):
            raise Mismatch(f"value_and_grad must return (value, gradient), got {type(result).__name__}")
        value, result = result
        compare(value, np.asarray(expected_value, dtype=np.float64), "value_and_grad's value",
                1e-10, 1e-12, "NumPy")
    got = _split_result(result, as_tuple, len(idx), "gradient")
    for g, i, lab in zip(got, idx, labels):
        if np.shape(g) != np.shape(args[i]):
            raise Mismatch(f"gradient w.r.t. {lab} has shape {np.shape(g)}, the argument has "
                           f"shape {np.shape(args[i])}")
    cot = np.ones(np.shape(expected_value))
    report = _check_against_refs(f, args, kwargs, idx, labels, got, cot, references, rtol, atol,
                                 "gradient", manual)
    return _finish(report, require)


def _split_result(result, as_tuple, n, what):
    if as_tuple:
        if not isinstance(result, tuple):
            raise Mismatch(f"{what} with a tuple wrt must be a tuple, got {type(result).__name__}")
        if len(result) != n:
            raise Mismatch(f"{what}: expected a tuple of {n}, got {len(result)}")
        return list(result)
    if isinstance(result, (tuple, list)):
        raise Mismatch(f"{what} with a single wrt must be one array, got a {type(result).__name__}")
    return [result]


def check_vjp(f, args, cotangent=None, references=ALL_REFERENCES, rtol=1e-7, atol=1e-9,
              require=(), vjp_fn=None, seed=0):
    """``out, back = pullback.vjp(f, *args); back(cotangent)`` against the references.

    Only cotangents of float arguments are compared (integer / boolean primals
    have no derivative)."""
    args = tuple(args)
    expected = f(*copy_args(args))
    if cotangent is None:
        cotangent = random_like(expected, np.random.default_rng(seed))
    if vjp_fn is None:
        import pullback
        vjp_fn = pullback.vjp
    out, back = vjp_fn(f, *copy_args(args))
    _compare_outputs(out, expected, "vjp's primal output")
    cts = back(cotangent)
    if not isinstance(cts, tuple) or len(cts) != len(args):
        raise Mismatch(f"back(cotangent) must return a tuple of {len(args)} cotangents (one per "
                       f"primal), got {type(cts).__name__} "
                       f"{len(cts) if isinstance(cts, (tuple, list)) else ''}")
    idx = [i for i, a in enumerate(args) if is_float_value(a)]
    _, labels, _ = normalize_wrt(f, tuple(idx))
    got = [cts[i] for i in idx]
    for g, i, lab in zip(got, idx, labels):
        if np.shape(g) != np.shape(args[i]):
            raise Mismatch(f"cotangent of {lab} has shape {np.shape(g)}, the primal has {np.shape(args[i])}")
    report = _check_against_refs(f, args, {}, idx, labels, got, cotangent, references, rtol, atol,
                                 "vjp")
    return _finish(report, require)


def _compare_outputs(out, expected, what):
    o, ot = flatten_out(out)
    e, et = flatten_out(expected)
    if ot != et or len(o) != len(e):
        raise Mismatch(f"{what}: structure differs from f's own output")
    for k, (a, b) in enumerate(zip(o, e)):
        compare(a, np.asarray(b, dtype=np.float64), f"{what} {k}", 1e-10, 1e-12, "NumPy",
                shape_strict=True)


def check_jvp(f, args, tangents=None, references=("torch", "fd"), rtol=1e-7, atol=1e-9,
              require=(), jvp_fn=None, seed=0):
    """``pullback.jvp(f, args, tangents)`` against torch (J·t from torch's Jacobian)
    and central differences along the tangent. Tangents of non-float args are None."""
    args = tuple(args)
    rng = np.random.default_rng(seed)
    if tangents is None:
        tangents = tuple(random_like(a, rng) if is_float_value(a) else None for a in args)
    expected = f(*copy_args(args))
    if jvp_fn is None:
        import pullback
        jvp_fn = pullback.jvp
    out, tout = jvp_fn(f, copy_args(args), copy_args(tangents))
    _compare_outputs(out, expected, "jvp's primal output")
    got, got_tuple = flatten_out(tout)
    exp_list, exp_tuple = flatten_out(expected)
    if got_tuple != exp_tuple or len(got) != len(exp_list):
        raise Mismatch("jvp's tangent output must have the structure of f's output")
    idx = [i for i, t in enumerate(tangents) if t is not None]
    report = Report()
    for name in references:
        if name == "torch":
            def ref():
                outs = []
                for k in range(len(exp_list)):
                    acc = np.zeros(np.shape(exp_list[k]))
                    for i in idx:
                        J = _jac_of_output(f, args, i, k)
                        n = np.size(args[i])
                        acc = acc + (J.reshape(-1, n) @ np.reshape(tangents[i], -1)).reshape(acc.shape)
                    outs.append(acc)
                return outs
            r = _run_ref(report, "torch", ref)
        elif name == "fd":
            r = _run_ref(report, "fd", lambda: fd_jvp(f, args, {}, tangents))
        else:
            continue
        if r is None:
            continue
        for k, (g, e) in enumerate(zip(got, r)):
            tol = (rtol, atol) if name != "fd" else (max(rtol, FD_RTOL),
                                                     FD_RTOL * 1e-2 * max(1.0, float(np.max(np.abs(e))) if np.size(e) else 1.0))
            compare(g, e, f"tangent of output {k}", tol[0], tol[1], name)
        report.ran.append(name)
    return _finish(report, require)


def _jac_of_output(f, args, i, k):
    """torch Jacobian of output k (of a possibly tuple-valued f) w.r.t. argument i."""
    run = _TorchRun(f, args, {}, {i})
    out = run.out_tensors[k]
    rows = []
    for m in range(max(out.numel(), 1)):
        e = [np.zeros(t.shape) for t in run.out_tensors]
        e[k].reshape(-1)[m] = 1.0
        rows.append(run.grads(e, [i])[0].detach().numpy(force=True).reshape(-1))
    return np.array(rows).reshape(tuple(out.shape) + tuple(np.shape(args[i])))


def check_jacobian(f, args, wrt=0, kwargs=None, mode="reverse", references=ALL_REFERENCES,
                   rtol=1e-7, atol=1e-9, require=(), jacobian_fn=None):
    """``pullback.jacobian(f, wrt, mode)(*args)`` (single wrt, single-array output)."""
    kwargs = dict(kwargs or {})
    args = tuple(args)
    (i,), (label,), _ = normalize_wrt(f, wrt)
    expected = f(*copy_args(args), **copy_args(kwargs))
    if jacobian_fn is None:
        import pullback
        jacobian_fn = pullback.jacobian(f, wrt=wrt, mode=mode)
    J = jacobian_fn(*copy_args(args), **copy_args(kwargs))
    shape = np.shape(expected) + np.shape(args[i])
    if np.shape(J) != shape:
        raise Mismatch(f"{mode} jacobian w.r.t. {label} has shape {np.shape(J)}, expected {shape}")
    report = Report()
    for name in references:
        if name == "torch":
            r = _run_ref(report, name, lambda: torch_jacobian(f, args, kwargs, i))
        elif name == "autograd":
            r = _run_ref(report, name, lambda: autograd_jacobian(f, args, kwargs, i))
        elif name == "fd":
            if np.size(args[i]) > FD_FULL_LIMIT:
                continue

            def fdj():
                n = np.size(expected)
                rows = []
                for m in range(n):
                    e = np.zeros(n)
                    e[m] = 1.0
                    rows.append(fd_vjp_full(f, args, kwargs, [i], e.reshape(np.shape(expected)))[0].reshape(-1))
                return np.array(rows).reshape(shape)
            r = _run_ref(report, name, fdj)
        else:
            continue
        if r is None:
            continue
        if name == "fd":
            compare(J, r, f"{mode} jacobian w.r.t. {label}", max(rtol, FD_RTOL),
                    FD_RTOL * 1e-2 * max(1.0, float(np.max(np.abs(r))) if r.size else 1.0), name)
        else:
            compare(J, r, f"{mode} jacobian w.r.t. {label}", rtol, atol, name)
        report.ran.append(name)
    return _finish(report, require)


def check_hessian(f, args, wrt=0, kwargs=None, references=("torch", "autograd"), rtol=1e-7,
                  atol=1e-9, require=(), hessian_fn=None):
    """``pullback.hessian(f, wrt)(*args)`` (single wrt) against torch / autograd."""
    kwargs = dict(kwargs or {})
    args = tuple(args)
    (i,), (label,), _ = normalize_wrt(f, wrt)
    if hessian_fn is None:
        import pullback
        hessian_fn = pullback.hessian(f, wrt=wrt)
    H = hessian_fn(*copy_args(args), **copy_args(kwargs))
    shape = np.shape(args[i]) * 2
    if np.shape(H) != shape:
        raise Mismatch(f"hessian w.r.t. {label} has shape {np.shape(H)}, expected {shape}")
    report = Report()
    for name in references:
        fn = {"torch": torch_hessian, "autograd": autograd_hessian}.get(name)
        if fn is None:
            continue
        r = _run_ref(report, name, lambda: fn(f, args, kwargs, i))
        if r is None:
            continue
        compare(H, r, f"hessian w.r.t. {label}", rtol, atol, name)
        report.ran.append(name)
    return _finish(report, require)


# --------------------------------------------------------------------------------------
# References against each other (no pullback needed)
# --------------------------------------------------------------------------------------


def reference_gradients(f, args, wrt=0, kwargs=None, cotangent=None, references=ALL_REFERENCES):
    """{reference name: [gradient per wrt]} plus a Report of what could not run."""
    kwargs = dict(kwargs or {})
    args = tuple(args)
    idx, labels, _ = normalize_wrt(f, wrt)
    if cotangent is None:
        out = f(*copy_args(args), **copy_args(kwargs))
        cotangent = np.ones(np.shape(out)) if is_scalar_output(out) else random_like(out, np.random.default_rng(0))
    report = Report()
    grads = {}
    for name in references:
        if name == "torch":
            g = _run_ref(report, name, lambda: torch_vjp(f, args, kwargs, idx, cotangent))
        elif name == "autograd":
            g = _run_ref(report, name, lambda: autograd_vjp(f, args, kwargs, idx, cotangent))
        else:
            continue
        if g is not None:
            grads[name] = g
    return grads, report, (idx, labels, cotangent)


def references_agree(f, args, wrt=0, kwargs=None, references=ALL_REFERENCES, rtol=1e-7, atol=1e-9,
                     manual=None, require=()):
    """torch vs autograd vs fd (vs an optional manual derivative) on one program.

    Non-scalar outputs are scalarized with a fixed random cotangent. Returns the
    Report (which references ran, which were unavailable and why)."""
    kwargs = dict(kwargs or {})
    args = tuple(args)
    before = copy_args(args)
    grads, report, (idx, labels, cot) = reference_gradients(f, args, wrt, kwargs, references=references)
    for i, (a, b) in enumerate(zip(args, before)):
        if isinstance(a, np.ndarray) and not np.array_equal(a, b):
            raise Mismatch(f"{f.__name__} mutated its argument {i}")
    names = list(grads)
    if manual is not None:
        m = manual(*copy_args(args), **copy_args(kwargs))
        grads["manual"] = list(m) if isinstance(m, (tuple, list)) else [m]
        names.append("manual")
    base = names[0] if names else None
    for other in names[1:]:
        for g, r, lab in zip(grads[other], grads[base], labels):
            compare(g, r, f"{other} gradient w.r.t. {lab}", rtol, atol, base)
    ran = list(grads)
    if "fd" in references:
        if base is None:
            try:
                fd_vjp_full(f, args, kwargs, idx, cot)
            except ReferenceUnavailable as e:
                report.unavailable["fd"] = str(e)
        else:
            try:
                fd_check(f, args, kwargs, idx, labels, grads[base], cot, what=f"{base} gradient")
                ran.append("fd")
            except ReferenceUnavailable as e:
                report.unavailable["fd"] = str(e)
    report.ran = ran
    if len(ran) < 2 and not require:
        raise Mismatch(f"{f.__name__}: fewer than two references could run, nothing to compare:\n{report}")
    return _finish(report, require)


def torch_status(f, args, wrt=0, kwargs=None):
    """None if the torch reference runs on f, else the reason it cannot."""
    idx, _, _ = normalize_wrt(f, wrt)
    out = f(*copy_args(args), **copy_args(kwargs or {}))
    cot = np.ones(np.shape(out)) if is_scalar_output(out) else random_like(out, np.random.default_rng(0))
    try:
        torch_vjp(f, tuple(args), dict(kwargs or {}), idx, cot)
    except ReferenceUnavailable as e:
        return str(e)
    return None


if __name__ == "__main__":  # python tests/harness.py : which corpus programs torch can check
    import os
    import sys

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import corpus

    ok = 0
    for p in corpus.PROGRAMS.values():
        reason = torch_status(p.fn, p.args(), p.wrt, p.kwargs())
        ok += reason is None
        print(f"{p.name:32s} {'torch ok' if reason is None else 'NO TORCH: ' + reason}")
    print(f"torch checks {ok} of {len(corpus.PROGRAMS)} programs")
