"""Generated (see the adv14 report): expressions NumPy answers with a view of k (or k
itself). Read form: v = EXPR; k[...] = e; v is read (v sees the write). Write form:
v = EXPR; v[0] = e; k is read (k sees the write)."""

import numpy as np


def read_ellipsis_slice(x, c):
    k = x * 1.0
    v = k[...][1:]
    k[2] = x[0] * x[1]             # NumPy: v sees it
    return np.sum(v * v) + np.sum(k) + c


def write_ellipsis_slice(x, c):
    k = x * 1.0
    v = k[...][1:]
    v[0] = x[2] * x[0]             # NumPy: k changes
    return np.sum(k * x) + c


def read_atleast_1d(x, c):
    k = x * 1.0
    v = np.atleast_1d(k)[1:]
    k[2] = x[0] * x[1]             # NumPy: v sees it
    return np.sum(v * v) + np.sum(k) + c


def write_atleast_1d(x, c):
    k = x * 1.0
    v = np.atleast_1d(k)[1:]
    v[0] = x[2] * x[0]             # NumPy: k changes
    return np.sum(k * x) + c


def read_reshape_rev(x, c):
    k = x * 1.0
    v = k.reshape(3)[::-1]
    k[2] = x[0] * x[1]             # NumPy: v sees it
    return np.sum(v * v) + np.sum(k) + c


def write_reshape_rev(x, c):
    k = x * 1.0
    v = k.reshape(3)[::-1]
    v[0] = x[2] * x[0]             # NumPy: k changes
    return np.sum(k * x) + c


def read_ravel_method(x, c):
    k = x * 1.0
    v = k.ravel()[1:]
    k[2] = x[0] * x[1]             # NumPy: v sees it
    return np.sum(v * v) + np.sum(k) + c


def write_ravel_method(x, c):
    k = x * 1.0
    v = k.ravel()[1:]
    v[0] = x[2] * x[0]             # NumPy: k changes
    return np.sum(k * x) + c


def read_np_ravel(x, c):
    k = x * 1.0
    v = np.ravel(k)[1:]
    k[2] = x[0] * x[1]             # NumPy: v sees it
    return np.sum(v * v) + np.sum(k) + c


def write_np_ravel(x, c):
    k = x * 1.0
    v = np.ravel(k)[1:]
    v[0] = x[2] * x[0]             # NumPy: k changes
    return np.sum(k * x) + c


def read_view_method(x, c):
    k = x * 1.0
    v = k.view()[1:]
    k[2] = x[0] * x[1]             # NumPy: v sees it
    return np.sum(v * v) + np.sum(k) + c


def write_view_method(x, c):
    k = x * 1.0
    v = k.view()[1:]
    v[0] = x[2] * x[0]             # NumPy: k changes
    return np.sum(k * x) + c


def read_squeeze_method(x, c):
    k = x * 1.0
    v = k.squeeze()[1:]
    k[2] = x[0] * x[1]             # NumPy: v sees it
    return np.sum(v * v) + np.sum(k) + c


def write_squeeze_method(x, c):
    k = x * 1.0
    v = k.squeeze()[1:]
    v[0] = x[2] * x[0]             # NumPy: k changes
    return np.sum(k * x) + c


def read_astype_nocopy(x, c):
    k = x * 1.0
    v = k.astype(np.float64, copy=False)[1:]
    k[2] = x[0] * x[1]             # NumPy: v sees it
    return np.sum(v * v) + np.sum(k) + c


def write_astype_nocopy(x, c):
    k = x * 1.0
    v = k.astype(np.float64, copy=False)[1:]
    v[0] = x[2] * x[0]             # NumPy: k changes
    return np.sum(k * x) + c


def read_array_nocopy(x, c):
    k = x * 1.0
    v = np.array(k, copy=False)[1:]
    k[2] = x[0] * x[1]             # NumPy: v sees it
    return np.sum(v * v) + np.sum(k) + c


def write_array_nocopy(x, c):
    k = x * 1.0
    v = np.array(k, copy=False)[1:]
    v[0] = x[2] * x[0]             # NumPy: k changes
    return np.sum(k * x) + c


def read_asanyarray(x, c):
    k = x * 1.0
    v = np.asanyarray(k)[1:]
    k[2] = x[0] * x[1]             # NumPy: v sees it
    return np.sum(v * v) + np.sum(k) + c


def write_asanyarray(x, c):
    k = x * 1.0
    v = np.asanyarray(k)[1:]
    v[0] = x[2] * x[0]             # NumPy: k changes
    return np.sum(k * x) + c


def read_require(x, c):
    k = x * 1.0
    v = np.require(k)[1:]
    k[2] = x[0] * x[1]             # NumPy: v sees it
    return np.sum(v * v) + np.sum(k) + c


def write_require(x, c):
    k = x * 1.0
    v = np.require(k)[1:]
    v[0] = x[2] * x[0]             # NumPy: k changes
    return np.sum(k * x) + c


def read_conj_slice(x, c):
    k = x * 1.0
    v = k.conj()[1:]
    k[2] = x[0] * x[1]             # NumPy: v sees it
    return np.sum(v * v) + np.sum(k) + c


def write_conj_slice(x, c):
    k = x * 1.0
    v = k.conj()[1:]
    v[0] = x[2] * x[0]             # NumPy: k changes
    return np.sum(k * x) + c


def read_real_slice(x, c):
    k = x * 1.0
    v = k.real[1:]
    k[2] = x[0] * x[1]             # NumPy: v sees it
    return np.sum(v * v) + np.sum(k) + c


def write_real_slice(x, c):
    k = x * 1.0
    v = k.real[1:]
    v[0] = x[2] * x[0]             # NumPy: k changes
    return np.sum(k * x) + c


def read_np_real_slice(x, c):
    k = x * 1.0
    v = np.real(k)[1:]
    k[2] = x[0] * x[1]             # NumPy: v sees it
    return np.sum(v * v) + np.sum(k) + c


def write_np_real_slice(x, c):
    k = x * 1.0
    v = np.real(k)[1:]
    v[0] = x[2] * x[0]             # NumPy: k changes
    return np.sum(k * x) + c


def read_clip_out(x, c):
    k = x * 1.0
    v = np.clip(k, -5.0, 5.0, out=k)[1:]
    k[2] = x[0] * x[1]             # NumPy: v sees it
    return np.sum(v * v) + np.sum(k) + c


def write_clip_out(x, c):
    k = x * 1.0
    v = np.clip(k, -5.0, 5.0, out=k)[1:]
    v[0] = x[2] * x[0]             # NumPy: k changes
    return np.sum(k * x) + c


def read_list_item(x, c):
    k = x * 1.0
    v = [k][0][1:]
    k[2] = x[0] * x[1]             # NumPy: v sees it
    return np.sum(v * v) + np.sum(k) + c


def write_list_item(x, c):
    k = x * 1.0
    v = [k][0][1:]
    v[0] = x[2] * x[0]             # NumPy: k changes
    return np.sum(k * x) + c


def read_dict_item(x, c):
    k = x * 1.0
    v = {'a': k}['a'][1:]
    k[2] = x[0] * x[1]             # NumPy: v sees it
    return np.sum(v * v) + np.sum(k) + c


def write_dict_item(x, c):
    k = x * 1.0
    v = {'a': k}['a'][1:]
    v[0] = x[2] * x[0]             # NumPy: k changes
    return np.sum(k * x) + c


def read_tuple_item(x, c):
    k = x * 1.0
    v = (k, x)[0][1:]
    k[2] = x[0] * x[1]             # NumPy: v sees it
    return np.sum(v * v) + np.sum(k) + c


def write_tuple_item(x, c):
    k = x * 1.0
    v = (k, x)[0][1:]
    v[0] = x[2] * x[0]             # NumPy: k changes
    return np.sum(k * x) + c


def read_same_ternary(x, c):
    k = x * 1.0
    v = (k if c > 0 else k)[1:]
    k[2] = x[0] * x[1]             # NumPy: v sees it
    return np.sum(v * v) + np.sum(k) + c


def write_same_ternary(x, c):
    k = x * 1.0
    v = (k if c > 0 else k)[1:]
    v[0] = x[2] * x[0]             # NumPy: k changes
    return np.sum(k * x) + c


def read_np_flip(x, c):
    k = x * 1.0
    v = np.flip(k)[1:]
    k[2] = x[0] * x[1]             # NumPy: v sees it
    return np.sum(v * v) + np.sum(k) + c


def write_np_flip(x, c):
    k = x * 1.0
    v = np.flip(k)[1:]
    v[0] = x[2] * x[0]             # NumPy: k changes
    return np.sum(k * x) + c


def read_broadcast_arrays(x, c):
    k = x * 1.0
    v = np.broadcast_arrays(k, x)[0][1:]
    k[2] = x[0] * x[1]             # NumPy: v sees it
    return np.sum(v * v) + np.sum(k) + c


def write_broadcast_arrays(x, c):
    k = x * 1.0
    v = np.broadcast_arrays(k, x)[0][1:]
    v[0] = x[2] * x[0]             # NumPy: k changes
    return np.sum(k * x) + c


def read_np_reshape_neg(x, c):
    k = x * 1.0
    v = np.reshape(k, -1)[1:]
    k[2] = x[0] * x[1]             # NumPy: v sees it
    return np.sum(v * v) + np.sum(k) + c


def write_np_reshape_neg(x, c):
    k = x * 1.0
    v = np.reshape(k, -1)[1:]
    v[0] = x[2] * x[0]             # NumPy: k changes
    return np.sum(k * x) + c


def read_TT(x, c):
    k = x * 1.0
    v = k.T.T[1:]
    k[2] = x[0] * x[1]             # NumPy: v sees it
    return np.sum(v * v) + np.sum(k) + c


def write_TT(x, c):
    k = x * 1.0
    v = k.T.T[1:]
    v[0] = x[2] * x[0]             # NumPy: k changes
    return np.sum(k * x) + c


def read_atleast_3d(x, c):
    k = x * 1.0
    v = np.atleast_3d(k)[0, 1:, 0]
    k[2] = x[0] * x[1]             # NumPy: v sees it
    return np.sum(v * v) + np.sum(k) + c


def write_atleast_3d(x, c):
    k = x * 1.0
    v = np.atleast_3d(k)[0, 1:, 0]
    v[0] = x[2] * x[0]             # NumPy: k changes
    return np.sum(k * x) + c


def read_np_astype(x, c):
    k = x * 1.0
    v = np.astype(k, np.float64, copy=False)[1:]
    k[2] = x[0] * x[1]             # NumPy: v sees it
    return np.sum(v * v) + np.sum(k) + c


def write_np_astype(x, c):
    k = x * 1.0
    v = np.astype(k, np.float64, copy=False)[1:]
    v[0] = x[2] * x[0]             # NumPy: k changes
    return np.sum(k * x) + c


def read_array_split(x, c):
    k = x * 1.0
    v = np.array_split(k, 2)[0][1:]
    k[2] = x[0] * x[1]             # NumPy: v sees it
    return np.sum(v * v) + np.sum(k) + c


def write_array_split(x, c):
    k = x * 1.0
    v = np.array_split(k, 2)[0][1:]
    v[0] = x[2] * x[0]             # NumPy: k changes
    return np.sum(k * x) + c


def read_getitem_call(x, c):
    k = x * 1.0
    v = k.__getitem__(slice(1, None))
    k[2] = x[0] * x[1]             # NumPy: v sees it
    return np.sum(v * v) + np.sum(k) + c


def write_getitem_call(x, c):
    k = x * 1.0
    v = k.__getitem__(slice(1, None))
    v[0] = x[2] * x[0]             # NumPy: k changes
    return np.sum(k * x) + c


def read_minimum_out(x, c):
    k = x * 1.0
    v = np.minimum(k, 9.0, out=k)[1:]
    k[2] = x[0] * x[1]             # NumPy: v sees it
    return np.sum(v * v) + np.sum(k) + c


def write_minimum_out(x, c):
    k = x * 1.0
    v = np.minimum(k, 9.0, out=k)[1:]
    v[0] = x[2] * x[0]             # NumPy: k changes
    return np.sum(k * x) + c


def read_mT(m, c):
    k = m * 1.0
    v = k.mT[1:]
    k[1, 1] = m[0, 0] * m[1, 2]     # NumPy: v sees it
    k[0, 0] = m[0, 1] * 3.0
    k[1, 0] = m[1, 1] ** 2
    return np.sum(v * v) + np.sum(k) + c


def write_mT(m, c):
    k = m * 1.0
    v = k.mT[1:]
    v[0] = m[0, 2] * m[1, 0]         # NumPy: k changes
    return np.sum(k * m) + c


def read_matrix_transpose(m, c):
    k = m * 1.0
    v = np.matrix_transpose(k)[1:]
    k[1, 1] = m[0, 0] * m[1, 2]     # NumPy: v sees it
    k[0, 0] = m[0, 1] * 3.0
    k[1, 0] = m[1, 1] ** 2
    return np.sum(v * v) + np.sum(k) + c


def write_matrix_transpose(m, c):
    k = m * 1.0
    v = np.matrix_transpose(k)[1:]
    v[0] = m[0, 2] * m[1, 0]         # NumPy: k changes
    return np.sum(k * m) + c


def read_permute_dims(m, c):
    k = m * 1.0
    v = np.permute_dims(k)[1:]
    k[1, 1] = m[0, 0] * m[1, 2]     # NumPy: v sees it
    k[0, 0] = m[0, 1] * 3.0
    k[1, 0] = m[1, 1] ** 2
    return np.sum(v * v) + np.sum(k) + c


def write_permute_dims(m, c):
    k = m * 1.0
    v = np.permute_dims(k)[1:]
    v[0] = m[0, 2] * m[1, 0]         # NumPy: k changes
    return np.sum(k * m) + c


def read_hsplit(m, c):
    k = m * 1.0
    v = np.hsplit(k, 3)[1][1:]
    k[1, 1] = m[0, 0] * m[1, 2]     # NumPy: v sees it
    k[0, 0] = m[0, 1] * 3.0
    k[1, 0] = m[1, 1] ** 2
    return np.sum(v * v) + np.sum(k) + c


def write_hsplit(m, c):
    k = m * 1.0
    v = np.hsplit(k, 3)[1][1:]
    v[0] = m[0, 2] * m[1, 0]         # NumPy: k changes
    return np.sum(k * m) + c


def read_vsplit(m, c):
    k = m * 1.0
    v = np.vsplit(k, 2)[1][:, 1:]
    k[1, 1] = m[0, 0] * m[1, 2]     # NumPy: v sees it
    k[0, 0] = m[0, 1] * 3.0
    k[1, 0] = m[1, 1] ** 2
    return np.sum(v * v) + np.sum(k) + c


def write_vsplit(m, c):
    k = m * 1.0
    v = np.vsplit(k, 2)[1][:, 1:]
    v[0] = m[0, 2] * m[1, 0]         # NumPy: k changes
    return np.sum(k * m) + c


def read_einsum_diag(m, c):
    k = m * 1.0
    v = np.einsum('ii->i', k[:, :2])[1:]
    k[1, 1] = m[0, 0] * m[1, 2]     # NumPy: v sees it
    k[0, 0] = m[0, 1] * 3.0
    k[1, 0] = m[1, 1] ** 2
    return np.sum(v * v) + np.sum(k) + c


def write_einsum_diag(m, c):
    k = m * 1.0
    v = np.einsum('ii->i', k[:, :2])[1:]
    v[0] = m[0, 2] * m[1, 0]         # NumPy: k changes
    return np.sum(k * m) + c


def read_np_transpose_row(m, c):
    k = m * 1.0
    v = np.transpose(k)[1:]
    k[1, 1] = m[0, 0] * m[1, 2]     # NumPy: v sees it
    k[0, 0] = m[0, 1] * 3.0
    k[1, 0] = m[1, 1] ** 2
    return np.sum(v * v) + np.sum(k) + c


def write_np_transpose_row(m, c):
    k = m * 1.0
    v = np.transpose(k)[1:]
    v[0] = m[0, 2] * m[1, 0]         # NumPy: k changes
    return np.sum(k * m) + c


def read_rot90(m, c):
    k = m * 1.0
    v = np.rot90(k)[1:]
    k[1, 1] = m[0, 0] * m[1, 2]     # NumPy: v sees it
    k[0, 0] = m[0, 1] * 3.0
    k[1, 0] = m[1, 1] ** 2
    return np.sum(v * v) + np.sum(k) + c


def write_rot90(m, c):
    k = m * 1.0
    v = np.rot90(k)[1:]
    v[0] = m[0, 2] * m[1, 0]         # NumPy: k changes
    return np.sum(k * m) + c


def read_fliplr(m, c):
    k = m * 1.0
    v = np.fliplr(k)[1:]
    k[1, 1] = m[0, 0] * m[1, 2]     # NumPy: v sees it
    k[0, 0] = m[0, 1] * 3.0
    k[1, 0] = m[1, 1] ** 2
    return np.sum(v * v) + np.sum(k) + c


def write_fliplr(m, c):
    k = m * 1.0
    v = np.fliplr(k)[1:]
    v[0] = m[0, 2] * m[1, 0]         # NumPy: k changes
    return np.sum(k * m) + c


def read_unstack(m, c):
    k = m * 1.0
    v = np.unstack(k)[1][1:]
    k[1, 1] = m[0, 0] * m[1, 2]     # NumPy: v sees it
    k[0, 0] = m[0, 1] * 3.0
    k[1, 0] = m[1, 1] ** 2
    return np.sum(v * v) + np.sum(k) + c


def write_unstack(m, c):
    k = m * 1.0
    v = np.unstack(k)[1][1:]
    v[0] = m[0, 2] * m[1, 0]         # NumPy: k changes
    return np.sum(k * m) + c
