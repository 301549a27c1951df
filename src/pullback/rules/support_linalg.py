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
