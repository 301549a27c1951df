"""Issue 12: NumPy's decompositions (eigh, eigvalsh, eig, svd, qr) and pinv,
matrix_power in reverse, forward and second order, against torch.linalg in
float64. Sign and phase conventions of eigen- and singular vectors are only
tested through functions that do not depend on them: spectra, reconstructions,
projectors ``V V^T``, ``V f(w) V^T``.
"""

import numpy as np
import pytest

import pullback as pb
from rowcheck import check_row, load_rows

RNG = np.random.default_rng(5)


def _r(*shape):
    return RNG.standard_normal(shape)


def _sym(n, batch=()):
    m = RNG.standard_normal(batch + (n, n))
    return m + np.swapaxes(m, -1, -2)


def _real_spectrum(n):
    p = RNG.standard_normal((n, n)) + n * np.eye(n)
    return p @ np.diag(np.arange(1.0, n + 1)) @ np.linalg.inv(p)


TL = "torch.linalg."
ROWS = [
    ("eigh-w", "np.linalg.eigh(x)[0]", TL + "eigh(x)[0]", [_sym(4)]),
    ("eigh-w-batch", "np.linalg.eigh(x)[0]", TL + "eigh(x)[0]", [_sym(3, (2,))]),
    ("eigh-fun", "w, v = np.linalg.eigh(x)\nreturn (v * np.exp(w / 4)) @ v.T",
     "w, v = torch.linalg.eigh(x)\nreturn (v * torch.exp(w / 4)) @ v.T", [_sym(4)]),
    ("eigh-projector", "w, v = np.linalg.eigh(x)\nreturn v[:, :2] @ v[:, :2].T",
     "w, v = torch.linalg.eigh(x)\nreturn v[:, :2] @ v[:, :2].T", [_sym(4)]),
    ("eigvalsh", "np.linalg.eigvalsh(x)", TL + "eigvalsh(x)", [_sym(4)]),
    ("eig-w", "np.linalg.eig(x)[0]", TL + "eigvals(x).real", [_real_spectrum(3)]),
    ("eig-projector", "w, v = np.linalg.eig(x)\nreturn v[:, 1:2] @ v[:, 1:2].T",
     "w, v = torch.linalg.eig(x)\nreturn (v[:, 1:2] @ v[:, 1:2].conj().T).real",
     [_real_spectrum(3)]),
    ("svd-s", "np.linalg.svd(x, compute_uv=False)", TL + "svdvals(x)", [_r(4, 3)]),
    ("svd-s-batch", "np.linalg.svd(x, compute_uv=False)", TL + "svdvals(x)", [_r(2, 3, 4)]),
    ("svd-reconstruct", "u, s, vt = np.linalg.svd(x, full_matrices=False)\nreturn (u * s) @ vt",
     "u, s, vt = torch.linalg.svd(x, full_matrices=False)\nreturn (u * s) @ vt", [_r(4, 3)]),
    ("svd-square", "u, s, vt = np.linalg.svd(x)\nreturn (u * s ** 2) @ u.T + vt.T @ vt[:, :1]",
     "u, s, vt = torch.linalg.svd(x)\nreturn (u * s ** 2) @ u.T + vt.T @ vt[:, :1]",
     [_r(3, 3)]),
    ("svd-u-projector", "u, s, vt = np.linalg.svd(x, full_matrices=False)\n"
     "return u[:, :2] @ u[:, :2].T",
     "u, s, vt = torch.linalg.svd(x, full_matrices=False)\nreturn u[:, :2] @ u[:, :2].T",
     [_r(5, 3)]),
    ("svd-v-projector-wide", "u, s, vt = np.linalg.svd(x, full_matrices=False)\n"
     "return vt[:1].T @ vt[:1] * s[0]",
     "u, s, vt = torch.linalg.svd(x, full_matrices=False)\nreturn vt[:1].T @ vt[:1] * s[0]",
     [_r(3, 5)]),
    ("pinv-tall", "np.linalg.pinv(x)", TL + "pinv(x)", [_r(4, 3)]),
    ("pinv-wide", "np.linalg.pinv(x)", TL + "pinv(x)", [_r(2, 4)]),
    ("qr-q", "np.linalg.qr(x)[0]", TL + "qr(x)[0]", [_r(4, 3)]),
    ("qr-r", "q, r = np.linalg.qr(x)\nreturn r", "q, r = torch.linalg.qr(x)\nreturn r",
     [_r(3, 3)]),
    ("qr-batch", "q, r = np.linalg.qr(x)\nreturn q @ np.sin(r)",
     "q, r = torch.linalg.qr(x)\nreturn q @ torch.sin(r)", [_r(2, 4, 3)]),
    ("matrix_power-3", "np.linalg.matrix_power(x, 3)", TL + "matrix_power(x, 3)", [_r(3, 3)]),
    ("matrix_power-neg2", "np.linalg.matrix_power(x, -2)", TL + "matrix_power(x, -2)",
     [_r(3, 3) + 3 * np.eye(3)]),
    ("matrix_power-0", "np.linalg.matrix_power(x, 0) * np.sum(x)",
     TL + "matrix_power(x, 0) * x.sum()", [_r(3, 3)]),
]
ROWS += [
    ("multi_dot", "np.linalg.multi_dot([x, y, z])", TL + "multi_dot([x, y, z])",
     [_r(2, 3), _r(3, 4), _r(4, 2)]),
    ("multi_dot-vectors", "np.linalg.multi_dot([x, y, z])", "x @ y @ z",
     [_r(3), _r(3, 4), _r(4)]),
    ("lstsq-x", "np.linalg.lstsq(x, y)[0]", TL + "lstsq(x, y).solution", [_r(5, 3), _r(5, 2)]),
    ("lstsq-vec-res", "x_, res, rank, s = np.linalg.lstsq(x, y)\nreturn np.sum(x_) + res",
     "sol = torch.linalg.pinv(x) @ y\nreturn sol.sum() + ((y - x @ sol) ** 2).sum()",
     [_r(5, 3), _r(5)]),
    ("lstsq-s", "np.linalg.lstsq(x, y)[3]", TL + "svdvals(x)", [_r(5, 3), _r(5, 2)]),
]
NO_HVP = {"multi_dot", "multi_dot-vectors"}
SYM = {"eigh-w", "eigh-w-batch", "eigh-fun", "eigh-projector", "eigvalsh"}


@pytest.fixture(scope="module")
def gen():
    return load_rows(ROWS, {}, "linalg_decomp")


@pytest.mark.parametrize("i", range(len(ROWS)), ids=[r[0] for r in ROWS])
def test_row(gen, i):
    check_row(gen, ROWS, i, {}, sym=(0,) if ROWS[i][0] in SYM else (),
              hvp=ROWS[i][0] not in NO_HVP)


def test_multi_dot_second_order_raises():
    def f(x, y):
        return np.sum(np.linalg.multi_dot([x, y, x]))
    with pytest.raises(NotImplementedError, match="multi_dot"):
        pb.hessian(f)(_r(3, 3), _r(3, 3))


def test_full_u_of_nonsquare_svd_raises():
    def f(x):
        u, s, vt = np.linalg.svd(x)
        return np.sum(u)
    with pytest.raises(NotImplementedError, match="full_matrices=False"):
        pb.grad(f)(_r(4, 3))


def test_complex_spectrum_of_eig_raises():
    def f(x):
        w, v = np.linalg.eig(x)
        return np.sum(w * w)
    rot = np.array([[0.0, -1.0], [1.0, 0.0]])
    with pytest.raises(NotImplementedError, match="real spectra"):
        pb.jvp(f, (rot,), (rot,))
