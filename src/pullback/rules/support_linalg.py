"""Run-time checks of the decomposition rules (:mod:`pullback.rules.linalg_decomp`).

Each returns 1.0 (the rule multiplies by it) or raises, when a derivative is
needed, for an input where the derivative is not defined or not implemented:
never a silent wrong number.
"""

import numpy as np


def svd_checked(a, full_matrices, s):
    """U and V of ``np.linalg.svd(a, full_matrices=True)`` are not unique for a
    non-square ``a`` (their extra columns), so nothing depends on them smoothly."""
    m, n = np.shape(a)[-2:]
    if full_matrices and m != n:
        raise NotImplementedError(
            "pullback: the derivative of np.linalg.svd(a) of a non-square matrix needs "
            "full_matrices=False (the extra columns of U or V are not unique)")
    if s is not None and np.any(s[..., 1:] == s[..., :-1]):
        raise NotImplementedError(
            "pullback: np.linalg.svd's derivative is not defined at repeated singular "
            "values (the singular vectors are not unique there)")
    return 1.0


def qr_checked(a):
    m, n = np.shape(a)[-2:]
    if m < n:
        raise NotImplementedError(
            "pullback: the derivative of np.linalg.qr(a) is implemented for matrices with "
            "at least as many rows as columns; differentiate np.linalg.qr(a.T) instead")
    return 1.0


def eig_checked(w):
    if np.iscomplexobj(w):
        raise NotImplementedError(
            "pullback: np.linalg.eig is differentiated for real spectra only; for a "
            "symmetric matrix use np.linalg.eigh")
    return 1.0


def _as_chain(arrays):
    """``multi_dot``'s operands as matrices: a 1-d first one a row, a 1-d last one
    a column."""
    mats = [np.asarray(a) for a in arrays]
    if mats[0].ndim == 1:
        mats[0] = mats[0][None, :]
    if mats[-1].ndim == 1:
        mats[-1] = mats[-1][:, None]
    return mats


def _chain(mats, n):
    out = np.eye(n)
    for m in mats:
        out = out @ m
    return out


def multi_dot_cotangents(g, arrays):
    """The adjoint of ``np.linalg.multi_dot(arrays)``: one cotangent per operand,
    ``(A_0 ... A_{i-1})^T G (A_{i+1} ... A_last)^T`` (shaped like ``A_i``)."""
    mats = _as_chain(arrays)
    gm = np.reshape(g, (mats[0].shape[0], mats[-1].shape[1]))
    out = []
    for i, a in enumerate(arrays):
        left = _chain(mats[:i], mats[0].shape[0])
        right = _chain(mats[i + 1:], mats[i].shape[1])
        out.append(np.reshape(left.T @ gm @ right.T, np.shape(a)))
    return tuple(out)


def multi_dot_tangent(tangents, arrays):
    """The tangent of ``np.linalg.multi_dot(arrays)``: the sum over operands of the
    product with that operand replaced by its tangent (``None``: zero)."""
    total = 0.0
    for i, t in enumerate(tangents):
        if t is not None:
            total = total + np.linalg.multi_dot(list(arrays[:i]) + [t] + list(arrays[i + 1:]))
    return total
