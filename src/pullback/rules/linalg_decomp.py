"""Rules of NumPy's matrix decompositions and matrix functions: eigh, eigvalsh,
eig (real spectra), svd, pinv, qr, matrix_power.

Conventions follow torch. Sign and phase choices of eigen- and singular vectors
drop out of every function that does not depend on them (projectors,
reconstructions). ``eigh`` reads one triangle of ``a`` but, as in torch, its
cotangent is the symmetric one (right for every matrix that is symmetric by
construction), and its forward rule uses the symmetric part of the tangent.
Derivatives are written with functions that have rules (``eigh``'s uses
``eigh``'s outputs, ``svd``'s ``svd``'s), so second order works. Undefined
cases raise when the derivative runs (repeated singular values, full U of a
non-square ``svd``, complex spectra of ``eig``, ``qr`` of a wide matrix).
``matrix_power``'s derivative is the top-right block of ``[[A, E], [0, A]]**n``.
"""

import numpy as np

from ..runtime import zeros_if_none
from .registry import jvp_of, nondifferentiable, tuple_output, vjp_of
from .support import second_order_not_implemented
from .support_linalg import (eig_checked, multi_dot_cotangents, multi_dot_tangent, qr_checked,
                             svd_checked)

nondifferentiable(eig_checked, qr_checked, svd_checked, family="support")
tuple_output(np.linalg.eigh, ("eigenvalues", "eigenvectors"))
tuple_output(np.linalg.eig, ("eigenvalues", "eigenvectors"))
tuple_output(np.linalg.svd, ("U", "S", "Vh"), single_if=("compute_uv", False))
tuple_output(np.linalg.qr, ("Q", "R"))
tuple_output(np.linalg.slogdet, ("sign", "logabsdet"))
tuple_output(np.linalg.lstsq, ("x", "residuals", "rank", "s"))


@vjp_of(np.linalg.eigh)
def eigh_vjp(g, ans, a, UPLO="L"):
    # A = V diag(w) V^T: gA = V (diag(gw) + F o skew(V^T gV)) V^T, F_ij = 1/(w_j - w_i)
    w = ans[0]
    v = ans[1]
    vt = np.swapaxes(v, -1, -2)
    eye = np.eye(np.shape(w)[-1])
    f = 1 / np.where(eye == 1, np.inf, w[..., None, :] - w[..., :, None])
    m = np.matmul(vt, zeros_if_none(g[1], v))
    inner = eye * zeros_if_none(g[0], w)[..., None, :] + f * (0.5 * (m - np.swapaxes(m, -1, -2)))
    return np.matmul(np.matmul(v, inner), vt)


@jvp_of(np.linalg.eigh)
def eigh_jvp(t, ans, a, UPLO="L"):
    w = ans[0]
    v = ans[1]
    eye = np.eye(np.shape(w)[-1])
    f = 1 / np.where(eye == 1, np.inf, w[..., None, :] - w[..., :, None])
    p = np.matmul(np.matmul(np.swapaxes(v, -1, -2), 0.5 * (t + np.swapaxes(t, -1, -2))), v)
    return ((np.diagonal(p, 0, -2, -1), np.matmul(v, f * p)),)


@vjp_of(np.linalg.eigvalsh)
def eigvalsh_vjp(g, ans, a, UPLO="L"):
    v = np.linalg.eigh(a, UPLO)[1]
    return np.matmul(v * g[..., None, :], np.swapaxes(v, -1, -2))


@jvp_of(np.linalg.eigvalsh)
def eigvalsh_jvp(t, ans, a, UPLO="L"):
    v = np.linalg.eigh(a, UPLO)[1]
    p = np.matmul(np.matmul(np.swapaxes(v, -1, -2), 0.5 * (t + np.swapaxes(t, -1, -2))), v)
    return np.diagonal(p, 0, -2, -1)


@vjp_of(np.linalg.eig)
def eig_vjp(g, ans, a):
    # columns of V have unit norm: gA = V^-T (diag(gw) + F o (V^T gV - V^T V diag(V^T gV))) V^T
    w = ans[0]
    v = ans[1]
    vt = np.swapaxes(v, -1, -2)
    eye = np.eye(np.shape(w)[-1])
    f = 1 / np.where(eye == 1, np.inf, w[..., None, :] - w[..., :, None])
    m = np.matmul(vt, zeros_if_none(g[1], v))
    inner = eye * zeros_if_none(g[0], w)[..., None, :] + f * (
        m - np.matmul(vt, v) * np.diagonal(m, 0, -2, -1)[..., None, :])
    return eig_checked(w) * np.linalg.solve(vt, np.matmul(inner, vt))


@jvp_of(np.linalg.eig)
def eig_jvp(t, ans, a):
    w = ans[0]
    v = ans[1]
    eye = np.eye(np.shape(w)[-1])
    f = 1 / np.where(eye == 1, np.inf, w[..., None, :] - w[..., :, None])
    p = np.linalg.solve(v, np.matmul(t, v)) * eig_checked(w)
    dv = np.matmul(v, f * p)
    # keep unit columns: remove the part of dv along v (v^T dv_j per column)
    dvn = dv - v * np.sum(v * dv, axis=-2)[..., None, :]
    return ((np.diagonal(p, 0, -2, -1), dvn),)


@vjp_of(np.linalg.svd)
def svd_vjp(g, ans, a, full_matrices=True, compute_uv=True):
    usv = ans if compute_uv else np.linalg.svd(a, full_matrices=False)
    u = usv[0]
    s = usv[1]
    vt = usv[2]
    ok = svd_checked(a, full_matrices if compute_uv else False, s if compute_uv else None)
    gs = zeros_if_none(g[1], s) if compute_uv else g
    gu = zeros_if_none(g[0], u) if compute_uv else 0.0
    gvt = zeros_if_none(g[2], vt) if compute_uv else 0.0
    eye = np.eye(np.shape(s)[-1])
    f = 1 / np.where(eye == 1, np.inf, s[..., None, :] ** 2 - s[..., :, None] ** 2)
    ugu = np.matmul(np.swapaxes(u, -1, -2), gu) if compute_uv else 0.0
    vgv = np.matmul(vt, np.swapaxes(gvt, -1, -2)) if compute_uv else 0.0
    inner = eye * gs[..., None, :] + (
        (f * (ugu - np.swapaxes(ugu, -1, -2))) * s[..., None, :]
        + s[..., :, None] * (f * (vgv - np.swapaxes(vgv, -1, -2))) if compute_uv else 0.0)
    gus = gu / s[..., None, :] if compute_uv else 0.0
    sgv = gvt / s[..., :, None] if compute_uv else 0.0
    extra = (np.matmul(gus - np.matmul(u, np.matmul(np.swapaxes(u, -1, -2), gus)), vt)
             + np.matmul(u, sgv - np.matmul(np.matmul(sgv, np.swapaxes(vt, -1, -2)), vt))
             if compute_uv else 0.0)
    return ok * (np.matmul(np.matmul(u, inner), vt) + extra)


@jvp_of(np.linalg.svd)
def svd_jvp(t, ans, a, full_matrices=True, compute_uv=True):
    usv = ans if compute_uv else np.linalg.svd(a, full_matrices=False)
    u = usv[0]
    s = usv[1]
    vt = usv[2]
    v = np.swapaxes(vt, -1, -2)
    ut = np.swapaxes(u, -1, -2)
    ok = svd_checked(a, full_matrices if compute_uv else False, s if compute_uv else None)
    eye = np.eye(np.shape(s)[-1])
    f = 1 / np.where(eye == 1, np.inf, s[..., None, :] ** 2 - s[..., :, None] ** 2)
    tv = np.matmul(t, v)
    ttu = np.matmul(np.swapaxes(t, -1, -2), u)
    dp = np.matmul(ut, tv) * ok
    dpt = np.swapaxes(dp, -1, -2)
    du = np.matmul(u, f * (dp * s[..., None, :] + s[..., :, None] * dpt)) + \
        (tv - np.matmul(u, np.matmul(ut, tv))) / s[..., None, :]
    dv = np.matmul(v, f * (s[..., :, None] * dp + dpt * s[..., None, :])) + \
        (ttu - np.matmul(v, np.matmul(vt, ttu))) / s[..., None, :]
    return ((du, np.diagonal(dp, 0, -2, -1), np.swapaxes(dv, -1, -2)) if compute_uv
            else np.diagonal(dp, 0, -2, -1),)


@vjp_of(np.linalg.pinv)
def pinv_vjp(g, ans, a):
    # constant rank (full rank): X = A+, P = I - A X, Q = I - X A
    x = ans
    xt = np.swapaxes(x, -1, -2)
    gt = np.swapaxes(g, -1, -2)
    p = np.eye(np.shape(a)[-2]) - np.matmul(a, x)
    q = np.eye(np.shape(a)[-1]) - np.matmul(x, a)
    return (-np.matmul(np.matmul(xt, g), xt) + np.matmul(np.matmul(p, gt), np.matmul(x, xt))
            + np.matmul(np.matmul(xt, x), np.matmul(gt, q)))


@jvp_of(np.linalg.pinv)
def pinv_jvp(t, ans, a):
    x = ans
    xt = np.swapaxes(x, -1, -2)
    tt = np.swapaxes(t, -1, -2)
    p = np.eye(np.shape(a)[-2]) - np.matmul(a, x)
    q = np.eye(np.shape(a)[-1]) - np.matmul(x, a)
    return (-np.matmul(np.matmul(x, t), x) + np.matmul(np.matmul(x, xt), np.matmul(tt, p))
            + np.matmul(np.matmul(q, tt), np.matmul(xt, x)))


@vjp_of(np.linalg.qr)
def qr_vjp(g, ans, a, mode="reduced"):
    # m >= n: M = R gR^T - gQ^T Q, gA = (gQ + Q copyltu(M)) R^-T
    q = ans[0]
    r = ans[1]
    gq = zeros_if_none(g[0], q)
    m = np.matmul(r, np.swapaxes(zeros_if_none(g[1], r), -1, -2)) - \
        np.matmul(np.swapaxes(gq, -1, -2), q)
    c = np.tril(m) + np.swapaxes(np.tril(m, -1), -1, -2)
    b = gq + np.matmul(q, c)
    return qr_checked(a) * np.swapaxes(np.linalg.solve(r, np.swapaxes(b, -1, -2)), -1, -2)


@jvp_of(np.linalg.qr)
def qr_jvp(t, ans, a, mode="reduced"):
    # X = Q^T dA R^-1, L = strict lower part of X: dQ = Q (L - L^T) + (I - Q Q^T) dA R^-1,
    # dR = (X - L + L^T) R
    q = ans[0]
    r = ans[1]
    tri = np.swapaxes(np.linalg.solve(np.swapaxes(r, -1, -2), np.swapaxes(t, -1, -2)),
                      -1, -2) * qr_checked(a)
    x = np.matmul(np.swapaxes(q, -1, -2), tri)
    lo = np.tril(x, -1)
    om = lo - np.swapaxes(lo, -1, -2)
    return ((np.matmul(q, om) + tri - np.matmul(q, x), np.matmul(x - om, r)),)


@vjp_of(np.linalg.matrix_power)
def matrix_power_vjp(g, ans, a, n):
    k = np.shape(a)[-1]
    at = np.swapaxes(a, -1, -2)
    big = np.concatenate([np.concatenate([at, g], axis=-1),
                          np.concatenate([np.zeros_like(at), at], axis=-1)], axis=-2)
    return np.linalg.matrix_power(big, n)[..., :k, k:], None


@jvp_of(np.linalg.matrix_power)
def matrix_power_jvp(t, ans, a, n):
    k = np.shape(a)[-1]
    big = np.concatenate([np.concatenate([a, t], axis=-1),
                          np.concatenate([np.zeros_like(a), a], axis=-1)], axis=-2)
    return np.linalg.matrix_power(big, n)[..., :k, k:], None


@vjp_of(np.linalg.multi_dot)
def multi_dot_vjp(g, ans, arrays, out=None):
    return multi_dot_cotangents(g, arrays)


@jvp_of(np.linalg.multi_dot)
def multi_dot_jvp(t, ans, arrays, out=None):
    return multi_dot_tangent(t, arrays)


# both helpers are linear in their first argument; their dependence on the
# operands (second order of multi_dot) raises when it is needed
@vjp_of(multi_dot_cotangents)
def multi_dot_cotangents_vjp(h, ans, g, arrays):
    return (multi_dot_tangent(h, arrays),
            second_order_not_implemented("np.linalg.multi_dot with respect to its operands"))


@jvp_of(multi_dot_cotangents)
def multi_dot_cotangents_jvp(t, ans, g, arrays):
    return (multi_dot_cotangents(t, arrays),
            second_order_not_implemented("np.linalg.multi_dot with respect to its operands"))


@vjp_of(multi_dot_tangent)
def multi_dot_tangent_vjp(h, ans, tangents, arrays):
    return (multi_dot_cotangents(h, arrays),
            second_order_not_implemented("np.linalg.multi_dot with respect to its operands"))


@jvp_of(multi_dot_tangent)
def multi_dot_tangent_jvp(t, ans, tangents, arrays):
    return (multi_dot_tangent(t, arrays),
            second_order_not_implemented("np.linalg.multi_dot with respect to its operands"))


@vjp_of(np.linalg.lstsq)
def lstsq_vjp(g, ans, a, b, rcond=None):
    # full column rank: x = A+ b; residuals |b - A x|^2 (per column) have
    # d/db = 2 r, d/dA = -2 r x^T (x is optimal)
    x = ans[0]
    p = np.linalg.pinv(a)
    vec = np.ndim(b) == 1
    bm = b[:, None] if vec else b
    gx = zeros_if_none(g[0], x)
    gxm = gx[:, None] if vec else gx
    gp = np.matmul(gxm, np.swapaxes(bm, -1, -2))
    pt = np.swapaxes(p, -1, -2)
    gpt = np.swapaxes(gp, -1, -2)
    q = np.eye(np.shape(a)[-1]) - np.matmul(p, a)
    pa = np.eye(np.shape(a)[-2]) - np.matmul(a, p)
    ga = (-np.matmul(np.matmul(pt, gp), pt) + np.matmul(np.matmul(pa, gpt), np.matmul(p, pt))
          + np.matmul(np.matmul(pt, p), np.matmul(gpt, q)))
    r = bm - np.matmul(a, x[:, None] if vec else x)
    gr = 2 * r * zeros_if_none(g[1], ans[1]) if np.size(ans[1]) > 0 else 0.0 * r
    gbm = np.matmul(pt, gxm) + gr
    usv = np.linalg.svd(a, full_matrices=False)
    gsv = np.matmul(usv[0] * zeros_if_none(g[3], ans[3]), usv[2])
    return (ga - np.matmul(gr, np.swapaxes(x[:, None] if vec else x, -1, -2)) + gsv,
            gbm[:, 0] if vec else gbm)


@jvp_of(np.linalg.lstsq)
def lstsq_jvp(t, ans, a, b, rcond=None):
    x = ans[0]
    p = np.linalg.pinv(a)
    vec = np.ndim(b) == 1
    xm = x[:, None] if vec else x
    r = (b[:, None] if vec else b) - np.matmul(a, xm)
    tm = t[:, None] if vec else t
    pt = np.swapaxes(p, -1, -2)
    tt = np.swapaxes(t, -1, -2)
    dp = (-np.matmul(np.matmul(p, t), p) + np.matmul(np.matmul(p, pt), np.matmul(tt, np.eye(
        np.shape(a)[-2]) - np.matmul(a, p))) + np.matmul(np.matmul(np.eye(np.shape(a)[-1])
                                                           - np.matmul(p, a), tt),
                                                 np.matmul(pt, p)))
    usv = np.linalg.svd(a, full_matrices=False)
    ds = np.diagonal(np.matmul(np.matmul(np.swapaxes(usv[0], -1, -2), t),
                               np.swapaxes(usv[2], -1, -2)), 0, -2, -1)
    has_res = np.size(ans[1]) > 0
    return ((np.matmul(dp, b), -2 * np.sum(r * np.matmul(t, xm), axis=0) if has_res else ans[1],
             0, ds),
            (np.matmul(p, t), 2 * np.sum(r * tm, axis=0) if has_res else ans[1], 0,
             np.zeros_like(ans[3])))
