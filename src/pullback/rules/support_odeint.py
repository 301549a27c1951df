"""Run-time helpers of the ``scipy.integrate.odeint`` rules
(:mod:`pullback.rules.scipy_integrate`).

``y' = f(y, s, *args)``, ``y(t[0]) = y0``, outputs ``y(t[i])``. Both helpers
differentiate the user's ``f`` with pullback itself (``pb.vjp`` / ``pb.jvp``)
while SciPy integrates an augmented system:

* reverse (the adjoint method): between consecutive output times, backwards,
  ``a' = -J_y^T a``, ``p' = -J_args^T a``, ``q' = -(df/ds)^T a``; ``a`` jumps by
  the output's cotangent at each output time. ``t[i]``'s cotangent is
  ``<g[i], f(y[i], t[i])>`` for ``i >= 1`` and the accumulated ``q`` for ``t[0]``.
* forward (sensitivities): ``v' = J_y v + J_args dargs`` from
  ``v(t[0]) = dy0 - f(y0, t[0]) dt[0]``; the output tangent is
  ``v(t[i]) + f(y[i], t[i]) dt[i]``.

Their own derivatives (second order) are not implemented. ``pb.vjp`` /
``pb.jvp`` come from the registry (the API registers them).
"""

import numpy as np
from scipy import integrate

from .registry import differentiator


def _options(rtol, atol):
    return {k: v for k, v in (("rtol", rtol), ("atol", atol)) if v is not None}


def _primals(func_y, s, args, tfirst):
    return ((s, func_y) if tfirst else (func_y, s)) + tuple(args)


def _flat(parts):
    return np.concatenate([np.ravel(np.asarray(p, dtype=float)) for p in parts]) if parts \
        else np.zeros(0)


def _like(c, x):
    return np.zeros(np.shape(x)) if c is None else np.asarray(c, dtype=float)


def odeint_adjoint(g, yt, func, y0, t, args=(), rtol=None, atol=None, tfirst=False):
    """``(y0_bar, t_bar, args_bar)`` of ``odeint(func, y0, t, args)`` whose
    output ``yt`` has cotangent ``g`` (``args_bar`` a tuple, one per element)."""
    args = tuple(args)
    n_t, d = len(t), int(np.size(y0))
    g = np.reshape(np.asarray(g, dtype=float), (n_t, d))
    yt = np.reshape(yt, (n_t, d))
    sizes = [int(np.size(a)) for a in args]
    opts = _options(rtol, atol)

    def pull(y, s, ct):
        out, back = differentiator("vjp")(func, *_primals(y, np.float64(s), args, tfirst))
        cts = back(type(out)(ct) if isinstance(out, (list, tuple)) else
                   np.reshape(ct, np.shape(out)))
        cy, cs = (cts[1], cts[0]) if tfirst else (cts[0], cts[1])
        return (np.ravel(np.asarray(out, dtype=float)), _like(cy, y),
                float(_like(cs, s)), [_like(c, a) for c, a in zip(cts[2:], args)])

    def augmented(z, s):
        f, cy, cs, cargs = pull(z[:d], s, -z[d:2 * d])
        return np.concatenate([f, cy, [cs], _flat(cargs)])

    a, q, p = g[-1].copy(), 0.0, np.zeros(sum(sizes))
    t_bar = np.zeros(n_t)
    for i in range(n_t - 1, 0, -1):
        f_i = np.ravel(func(t[i], yt[i], *args) if tfirst else func(yt[i], t[i], *args))
        t_bar[i] = np.dot(f_i, g[i])
        q -= t_bar[i]
        z = integrate.odeint(augmented, np.concatenate([yt[i], a, [q], p]),
                             np.array([t[i], t[i - 1]]), **opts)[1]
        a, q, p = z[d:2 * d] + g[i - 1], z[2 * d], z[2 * d + 1:]
    t_bar[0] = q
    ends = np.cumsum([0] + sizes)
    args_bar = tuple(np.reshape(p[ends[k]:ends[k + 1]], np.shape(x)) for k, x in enumerate(args))
    return np.reshape(a, np.shape(y0)), np.reshape(t_bar, np.shape(t)), args_bar


def odeint_tangent(dy0, dt, dargs, yt, func, y0, t, args=(), rtol=None, atol=None,
                   tfirst=False):
    """The tangent of ``odeint(func, y0, t, args)`` (output ``yt``) along the
    tangents ``dy0``, ``dt``, ``dargs`` (each None: zero)."""
    args = tuple(args)
    n_t, d = len(t), int(np.size(y0))
    dargs = tuple(np.zeros(np.shape(a)) for a in args) if dargs is None else \
        tuple(_like(x, a) for x, a in zip(dargs, args))
    opts = _options(rtol, atol)

    def field(y, s):
        return np.ravel(np.asarray(func(s, y, *args) if tfirst else func(y, s, *args),
                                   dtype=float))

    def augmented(z, s):
        y, v = z[:d], z[d:]
        tans = _primals(v, 0.0, dargs, tfirst)
        out, tan = differentiator("jvp")(func, _primals(y, np.float64(s), args, tfirst), tans)
        return np.concatenate([np.ravel(np.asarray(out, dtype=float)),
                               np.ravel(np.asarray(tan, dtype=float))])

    v0 = np.zeros(d) if dy0 is None else np.ravel(np.asarray(dy0, dtype=float))
    dt = None if dt is None else np.ravel(np.asarray(dt, dtype=float))
    if dt is not None:
        v0 = v0 - field(np.ravel(y0).astype(float), t[0]) * dt[0]
    z = integrate.odeint(augmented, np.concatenate([np.ravel(y0).astype(float), v0]),
                         t, **opts)
    v = z[:, d:]
    if dt is not None:
        ys = np.reshape(yt, (n_t, d))
        v = v + np.stack([field(ys[i], t[i]) for i in range(n_t)]) * dt[:, None]
    return np.reshape(v, np.shape(yt))
