"""Run every benchmark side by side: pullback, PyTorch, HIPS autograd, hand-written NumPy.

    python benchmarks/run.py                 # all workloads (about a minute)
    python benchmarks/run.py --only mlp,rnn  # some of them (names or prefixes)
    python benchmarks/run.py --quick         # fewer, shorter repeats (a smoke test)
    python benchmarks/run.py --threads 0     # libraries' default thread counts

For each workload (a ``benchmarks/bench_*.py`` module), the script first checks
that the four gradients agree (``assert_allclose``), then times one gradient
evaluation of each with :mod:`timeit`: a calibration run (also the warm-up)
picks a loop count giving at least ``--min-time`` seconds, then ``--repeat``
timed runs, interleaved round-robin across the four implementations; the table shows the median time per gradient and its ratio to the
hand-written NumPy gradient (``1.0x`` = as fast as hand-written code; higher is
slower). pullback's first call after clearing its caches (parse, transform, compile) is
measured separately and excluded from its per-call time.

A workload module defines ``NAME``, ``DESCRIPTION``, ``WRT`` (as ``pb.grad``'s
``wrt``), ``inputs(rng)`` (a tuple of NumPy arguments), ``loss`` (NumPy code,
differentiated by pullback, and by autograd after rebinding its ``np`` global
to ``autograd.numpy``), ``torch_loss`` (the same with torch functions) and
``hand_grad`` (the gradient written by hand, same structure as ``pb.grad``'s).

Speed is measured here, never asserted in tests.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import importlib
import os
import platform
import statistics
import sys
import time
import timeit
import tracemalloc
import types

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
for p in (os.path.join(ROOT, "src"), HERE):
    if p not in sys.path:
        sys.path.insert(0, p)


def _set_threads(argv):
    """Thread count for BLAS and torch, fixed before numpy/torch are imported."""
    n = "1"
    for i, a in enumerate(argv):
        if a == "--threads" and i + 1 < len(argv):
            n = argv[i + 1]
        elif a.startswith("--threads="):
            n = a.split("=", 1)[1]
    if n != "0":
        for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ[var] = n
    return int(n) if n.isdigit() else 1


THREADS = _set_threads(sys.argv[1:] if __name__ == "__main__" else [])

import numpy as np  # noqa: E402
import torch  # noqa: E402
import autograd  # noqa: E402
import autograd.numpy as anp  # noqa: E402

import pullback as pb  # noqa: E402
from pullback.api.build import clear_caches  # noqa: E402

try:  # jax.jit beside torch and autograd when it is installed; skipped otherwise
    import jax  # noqa: E402
    import jax.numpy as jnp  # noqa: E402
    jax.config.update("jax_enable_x64", True)
    jax.config.update("jax_platforms", "cpu")
except Exception:  # noqa: BLE001  (not installed, or broken: no jax column)
    jax = jnp = None

if THREADS:
    torch.set_num_threads(THREADS)

WORKLOADS = ["bench_mlp", "bench_doubling", "bench_recurrence", "bench_elementwise",
             "bench_logistic", "bench_scalar_rec", "bench_rnn", "bench_vector_rec",
             "bench_jacobian", "bench_hvp"]
#: implementations whose allocations tracemalloc sees (NumPy's allocator reports to it;
#: torch's does not)
TRACED = ["pullback", "autograd", "numpy"]
IMPLS = ["pullback", "torch", "autograd", "numpy"]
#: the jax column: jax.jit of jax.grad (float64 CPU), when jax is importable
JAX = "jax"


# ------------------------------------------------------------------ gradient makers
def _as_tuple(g, wrt):
    return tuple(g) if isinstance(wrt, tuple) else (g,)


def _indices(wrt):
    return wrt if isinstance(wrt, tuple) else (wrt,)


def with_autograd_numpy(f):
    """``f`` with its ``np`` global rebound to ``autograd.numpy`` (same code object)."""
    g = dict(f.__globals__)
    g["np"] = anp
    return types.FunctionType(f.__code__, g, f.__name__, f.__defaults__, f.__closure__)


def with_jax_numpy(f):
    """``f`` with its ``np`` global rebound to ``jax.numpy`` (same code object)."""
    g = dict(f.__globals__)
    g["np"] = jnp
    return types.FunctionType(f.__code__, g, f.__name__, f.__defaults__, f.__closure__)


def first_call(fn):
    """Seconds of ``fn``'s first call, pullback's caches cleared: the build included
    (pullback's transformation, or jax's trace and compile)."""
    clear_caches()
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def add_jax(fns, make_jax):
    """Add the jax column when jax is importable; the compile time (first call), or
    None with the reason when jax cannot trace the function."""
    if jax is None:
        return None
    try:
        fn = make_jax()
        t0 = time.perf_counter()
        fn()  # traces and compiles
        compile_time = time.perf_counter() - t0
    except Exception as exc:  # noqa: BLE001  (data-dependent control flow, writes)
        return None, type(exc).__name__
    fns[JAX] = fn
    return compile_time, None


def make_gradients(mod, args):
    """{impl: zero-argument callable computing the gradient}, pullback's first-call
    time (build included) and jax's (compile time, or None and why not)."""
    if hasattr(mod, "make"):  # a Jacobian or HVP workload: its own callables
        fns = mod.make(args, pb, autograd, anp, jax)
        jfn = fns.pop(JAX, None)
        first = first_call(fns["pullback"])
        jaxinfo = add_jax(fns, lambda: jfn) if jfn is not None else None
        return fns, first, jaxinfo
    wrt = mod.WRT
    idx = _indices(wrt)
    df = pb.grad(mod.loss, wrt=wrt)

    # torch: float64 CPU tensors created once, outside the timed region
    targs = [torch.tensor(np.asarray(a), dtype=torch.float64, requires_grad=(i in idx))
             for i, a in enumerate(args)]
    tparams = [targs[i] for i in idx]

    def torch_grad():
        grads = torch.autograd.grad(mod.torch_loss(*targs), tparams)
        return grads if isinstance(wrt, tuple) else grads[0]

    agd = autograd.grad(with_autograd_numpy(mod.loss), argnum=wrt)

    fns = {
        "pullback": lambda: df(*args),
        "torch": torch_grad,
        "autograd": lambda: agd(*args),
        "numpy": lambda: mod.hand_grad(*args),
    }
    first = first_call(fns["pullback"])

    def make_jax():
        jg = jax.jit(jax.grad(with_jax_numpy(mod.loss), argnums=wrt))
        return lambda: jg(*args)
    return fns, first, add_jax(fns, make_jax)


def _to_numpy(g, wrt):
    return tuple(np.asarray(x.detach().numpy() if isinstance(x, torch.Tensor) else x)
                 for x in _as_tuple(g, wrt))


def verify(mod, fns):
    """All four gradients agree with the hand-written one."""
    ref = _to_numpy(fns["numpy"](), mod.WRT)
    for impl in fns:
        got = _to_numpy(fns[impl](), mod.WRT)
        assert len(got) == len(ref), f"{mod.NAME}/{impl}: {len(got)} gradients, want {len(ref)}"
        for k, (a, b) in enumerate(zip(got, ref)):
            np.testing.assert_allclose(
                a, b, rtol=1e-9, atol=1e-12,
                err_msg=f"{mod.NAME}: {impl} gradient {k} disagrees with hand-written NumPy")


# ------------------------------------------------------------------ timing
def calibrate(fn, min_time):
    """Loop count giving at least ``min_time`` seconds per run (also the warm-up)."""
    timer = timeit.Timer(fn)
    number = 1
    while True:
        t = timer.timeit(number)
        if t >= min_time:
            return number
        number = max(number * 2, int(number * min_time / max(t, 1e-9) * 1.2))


def median_times(fns, repeat, min_time):
    """{impl: median seconds per call}; the implementations' runs are interleaved
    (round robin) so that background load affects all of them alike."""
    timers = {impl: timeit.Timer(fn) for impl, fn in fns.items()}
    numbers = {impl: calibrate(fn, min_time) for impl, fn in fns.items()}
    runs = {impl: [] for impl in fns}
    for _ in range(repeat):
        for impl, timer in timers.items():
            gc.collect()
            runs[impl].append(timer.timeit(numbers[impl]) / numbers[impl])
    return {impl: statistics.median(r) for impl, r in runs.items()}


def peak_memory(fn):
    """Peak bytes NumPy and Python allocate during one call of ``fn`` (tracemalloc)."""
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def fmt_bytes(n):
    if n < 1 << 20:
        return f"{n / 1024:.0f} kB"
    return f"{n / (1 << 20):.1f} MB"


def fmt_time(s):
    if s < 1e-3:
        return f"{s * 1e6:.1f} µs"
    if s < 1:
        return f"{s * 1e3:.2f} ms"
    return f"{s:.2f} s"


def machine_facts():
    import autograd as _ag
    try:
        ag_version = importlib.metadata.version("autograd")
    except Exception:
        ag_version = getattr(_ag, "__version__", "?")
    return [
        f"date: {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')}",
        f"machine: {platform.machine()}, {platform.system()} {platform.release()}, "
        f"nproc={os.cpu_count()}, processor: {_cpu_name()}",
        f"python {platform.python_version()}, numpy {np.__version__}, torch {torch.__version__}, "
        f"autograd {ag_version}, "
        f"pullback {pb.__version__}",
        f"threads: torch {torch.get_num_threads()}, BLAS OPENBLAS_NUM_THREADS="
        f"{os.environ.get('OPENBLAS_NUM_THREADS', 'default')}; load average at start: "
        + (", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg")
           else "n/a"),
    ]


def _cpu_name():
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


# ------------------------------------------------------------------ main
def select(only):
    if not only:
        return WORKLOADS
    wanted = [w.strip() for w in only.split(",") if w.strip()]
    out = [m for m in WORKLOADS if any(m[len("bench_"):].startswith(w) for w in wanted)]
    if not out:
        raise SystemExit(f"no workload matches {only!r}; have "
                         + ", ".join(m[len('bench_'):] for m in WORKLOADS))
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", help="comma-separated workload names (or prefixes)")
    ap.add_argument("--repeat", type=int, default=7, help="timed runs per measurement (7)")
    ap.add_argument("--min-time", type=float, default=0.1,
                    help="minimum seconds per timed run (0.1)")
    ap.add_argument("--quick", action="store_true", help="--repeat 3 --min-time 0.02")
    ap.add_argument("--threads", type=int, default=1,
                    help="threads for BLAS and torch (default 1: a single-core comparison, "
                         "stable on a busy machine); 0 keeps the libraries' defaults")
    args = ap.parse_args(argv)
    if args.quick:
        args.repeat, args.min_time = 3, 0.02

    import importlib.metadata  # noqa: F401  (for machine_facts)
    facts = machine_facts()  # before the benchmarks load the machine
    start = time.perf_counter()
    rows = []
    failures = []
    for modname in select(args.only):
        mod = importlib.import_module(modname)
        inputs = mod.inputs(np.random.default_rng(0))
        try:
            fns, first, jaxinfo = make_gradients(mod, inputs)
            verify(mod, fns)
        except Exception as exc:  # report, do not hide: pullback bugs go in the report
            failures.append((mod.NAME, f"{type(exc).__name__}: {exc}"))
            print(f"[{mod.NAME}] FAILED: {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        times = median_times(fns, args.repeat, args.min_time)
        peaks = {impl: peak_memory(fns[impl]) for impl in TRACED}
        rows.append((mod, first, jaxinfo, times, peaks))
        print(f"[{mod.NAME}] done", file=sys.stderr)

    print("\n".join(facts))
    print(f"timeit: median of {args.repeat} runs (interleaved), each >= {args.min_time}s, "
          "after warm-up; time per gradient evaluation")
    print()
    has_jax = jax is not None
    cols = IMPLS + ([JAX] if has_jax else [])
    head = ("| workload | pullback | torch | autograd | hand NumPy |"
            + (" jax.jit |" if has_jax else "")
            + " pullback/NumPy | torch/NumPy | autograd/NumPy |"
            + (" jax/NumPy (compile) |" if has_jax else "")
            + " peak memory pullback / autograd / NumPy | pullback first call (build) |")
    print(head)
    print("| --- |" + " ---: |" * (head.count("|") - 2))
    for mod, first, jaxinfo, t, peaks in rows:
        base = t["numpy"]
        cells = [fmt_time(t[i]) if i in t else "fails" for i in cols]
        cells += [f"{t[i] / base:.2f}x" for i in ("pullback", "torch", "autograd")]
        if has_jax:
            if JAX in t:
                cells.append(f"{t[JAX] / base:.2f}x ({fmt_time(jaxinfo[0])})")
            else:
                cells.append(f"fails ({jaxinfo[1] if jaxinfo else 'no jax version'})")
        cells.append(" / ".join(fmt_bytes(peaks[i]) for i in TRACED)
                     + f" ({peaks['pullback'] / max(peaks['numpy'], 1):.2f}x)")
        cells.append(fmt_time(first))
        print(f"| {mod.NAME}: {mod.DESCRIPTION} | " + " | ".join(cells) + " |")
    print()
    print(f"total benchmark time: {time.perf_counter() - start:.0f} s")
    for name, msg in failures:
        print(f"FAILED {name}: {msg}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
