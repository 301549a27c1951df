"""In-place NumPy calls, rewritten as the one in-place form the transform knows.

Every in-place change pullback differentiates is an indexed write
``k[...] = value`` (then checked and taped like any other write):

- ``c.fill(v)`` → ``c[...] = v``
- ``np.copyto(dst, src)`` → ``dst[...] = src``
- ``f(a, b, out=c)`` (a ufunc or another function with a rule, also a method
  such as ``x.clip(0, 1, out=c)``) → ``c[...] = f(a, b)``, and where the call
  was a value, ``r = c`` after it (NumPy returns ``out``). Computing into a new
  array first is what NumPy does too when ``out`` overlaps an input. A
  ufunc's positional out (``np.add(a, b, c)``) is its ``out=``.

Other calls that may change an array in place are left alone here and
checked after activity (``opaque_calls.check_opaque_calls``).

A write through ``k[i][j]`` with an integer ``i`` (``k[i]`` is then a view of a
row) becomes the one index ``k[i, j]``; other chains are lowered to a write into
the base by :mod:`pullback.analysis.views`, or refused by the mutation check.
"""

from __future__ import annotations

import copy

import gast
import numpy as np

from pullback.syntax.astutil import const


def _ellipsis_store(dest):
    return gast.Subscript(value=copy.deepcopy(dest), slice=const(Ellipsis), ctx=gast.Store())


def _write(dest, value, like):
    w = gast.Assign(targets=[_ellipsis_store(dest)], value=value, type_comment=None)
    gast.copy_location(w, like)
    return w


def _destination(e):
    """``e`` when it names an array's memory: a variable, or a view of one made by
    indexing or an attribute (``c``, ``m[0]``, ``m.T[1]``); else None."""
    return e if isinstance(_base(e), gast.Name) else None


def _base(e):
    while isinstance(e, (gast.Subscript, gast.Attribute)):
        e = e.value
    return e


def _out_value(call, resolver):
    """The array an ``out=`` keyword names (``out=c``, ``out=m[0]``, ``out=(c,)``);
    None without ``out=``, False when it is something else."""
    for k in call.keywords:
        if k.arg == "out":
            v = k.value
            if isinstance(v, gast.Tuple) and len(v.elts) == 1:
                v = v.elts[0]
            return _destination(v) or False
    return None


def rewrite(s, resolver, source):
    """The statements that do what ``s`` does, in-place calls made writes; or None
    when ``s`` has none."""
    call = s.value if isinstance(s, (gast.Expr, gast.Assign)) else None
    if not isinstance(call, gast.Call):
        return None
    f = call.func
    ufunc = resolver.value_of(f)
    if isinstance(ufunc, np.ufunc) and ufunc.nout == 1 and len(call.args) == ufunc.nin + 1 \
            and not any(isinstance(a, gast.Starred) for a in call.args) and \
            not any(k.arg in ("out", None) for k in call.keywords):
        # np.add(a, b, c): the positional out is out=c (the same call to NumPy)
        call.keywords.append(gast.keyword(arg="out", value=call.args.pop()))
    out = _out_value(call, resolver)
    if out is False:
        raise source.error("`out=` must name an array variable or a view of one (out=c, "
                           "out=m[0]) for pullback to follow the write", s)
    if out is not None:
        if not isinstance(out, gast.Name) and not isinstance(resolver.value_of(f), np.ufunc):
            raise source.error("`out=` into a view is followed for ufuncs only (NumPy's other "
                               "functions want particular layouts); write the result "
                               "instead: view[...] = f(...)", s)
        plain = copy.copy(call)
        plain.keywords = [k for k in call.keywords if k.arg != "out"]
        stmts = [_write(out, plain, s)]
        casting = [k.value for k in call.keywords if k.arg == "casting"]
        rule = casting[0].value if casting and isinstance(casting[0], gast.Constant) else \
            "same_kind" if not casting else None
        if rule not in ("same_kind", "unsafe"):
            raise source.error("`out=` with casting other than 'same_kind' or 'unsafe' is "
                               "not followed; write the result: c[...] = f(...)", s)
        stmts[0].pb_copyto = rule == "same_kind"  # NumPy's check of out='s dtype
        if isinstance(s, gast.Assign):
            bind = gast.Assign(targets=s.targets, value=copy.deepcopy(out), type_comment=None)
            gast.copy_location(bind, s)
            stmts.append(bind)
        return stmts
    if not isinstance(s, gast.Expr) or not isinstance(f, gast.Attribute):
        return None
    receiver = _destination(f.value)
    if receiver is not None and _base(receiver).id in resolver.locals and f.attr == "fill" \
            and len(call.args) == 1 and not call.keywords:
        return [_write(receiver, call.args[0], s)]
    dest = _destination(call.args[0]) if call.args else None
    if resolver.value_of(f) is np.copyto and len(call.args) == 2 and not call.keywords \
            and dest is not None:
        w = _write(dest, call.args[1], s)
        w.pb_copyto = True  # NumPy casts 'same_kind' here (a plain write truncates)
        return [w]
    return None


def flat_target(t, is_int):
    """``t`` written with one index into a variable, when that means the same; else
    ``t`` unchanged. ``is_int(expr)`` says whether an index is surely an int."""
    if not isinstance(t, gast.Subscript):
        return t
    inner = flat_target(t.value, is_int)
    outer = list(t.slice.elts) if isinstance(t.slice, gast.Tuple) else [t.slice]
    if isinstance(inner, gast.Subscript) and isinstance(inner.value, gast.Name):
        first = list(inner.slice.elts) if isinstance(inner.slice, gast.Tuple) else [inner.slice]
        if len(first) == 1 and is_int(first[0]):
            return gast.Subscript(value=inner.value,
                                  slice=gast.Tuple(elts=first + outer, ctx=gast.Load()),
                                  ctx=t.ctx)
    if inner is not t.value:
        return gast.Subscript(value=inner, slice=t.slice, ctx=t.ctx)
    return t
