"""Generated: adv14_programs2 programs with the refusal advice applied, v = (EXPR).copy()
(NumPy: v is then a copy, k and v no longer share memory)."""

import numpy as np


def read_ellipsis_slice_advised(x, c):
    k = x * 1.0
    v = (k[...][1:]).copy()
    k[2] = x[0] * x[1]
    return np.sum(v * v) + np.sum(k) + c


def write_ellipsis_slice_advised(x, c):
    k = x * 1.0
    v = (k[...][1:]).copy()
    v[0] = x[2] * x[0]
    return np.sum(k * x) + np.sum(v) + c


def read_atleast_1d_advised(x, c):
    k = x * 1.0
    v = (np.atleast_1d(k)[1:]).copy()
    k[2] = x[0] * x[1]
    return np.sum(v * v) + np.sum(k) + c


def write_atleast_1d_advised(x, c):
    k = x * 1.0
    v = (np.atleast_1d(k)[1:]).copy()
    v[0] = x[2] * x[0]
    return np.sum(k * x) + np.sum(v) + c


def read_reshape_rev_advised(x, c):
    k = x * 1.0
    v = (k.reshape(3)[::-1]).copy()
    k[2] = x[0] * x[1]
    return np.sum(v * v) + np.sum(k) + c


def write_reshape_rev_advised(x, c):
    k = x * 1.0
    v = (k.reshape(3)[::-1]).copy()
    v[0] = x[2] * x[0]
    return np.sum(k * x) + np.sum(v) + c


def read_ravel_method_advised(x, c):
    k = x * 1.0
    v = (k.ravel()[1:]).copy()
    k[2] = x[0] * x[1]
    return np.sum(v * v) + np.sum(k) + c


def write_ravel_method_advised(x, c):
    k = x * 1.0
    v = (k.ravel()[1:]).copy()
    v[0] = x[2] * x[0]
    return np.sum(k * x) + np.sum(v) + c


def read_np_ravel_advised(x, c):
    k = x * 1.0
    v = (np.ravel(k)[1:]).copy()
    k[2] = x[0] * x[1]
    return np.sum(v * v) + np.sum(k) + c


def write_np_ravel_advised(x, c):
    k = x * 1.0
    v = (np.ravel(k)[1:]).copy()
    v[0] = x[2] * x[0]
    return np.sum(k * x) + np.sum(v) + c


def read_view_method_advised(x, c):
    k = x * 1.0
    v = (k.view()[1:]).copy()
    k[2] = x[0] * x[1]
    return np.sum(v * v) + np.sum(k) + c


def write_view_method_advised(x, c):
    k = x * 1.0
    v = (k.view()[1:]).copy()
    v[0] = x[2] * x[0]
    return np.sum(k * x) + np.sum(v) + c


def read_squeeze_method_advised(x, c):
    k = x * 1.0
    v = (k.squeeze()[1:]).copy()
    k[2] = x[0] * x[1]
    return np.sum(v * v) + np.sum(k) + c


def write_squeeze_method_advised(x, c):
    k = x * 1.0
    v = (k.squeeze()[1:]).copy()
    v[0] = x[2] * x[0]
    return np.sum(k * x) + np.sum(v) + c


def read_astype_nocopy_advised(x, c):
    k = x * 1.0
    v = (k.astype(np.float64, copy=False)[1:]).copy()
    k[2] = x[0] * x[1]
    return np.sum(v * v) + np.sum(k) + c


def write_astype_nocopy_advised(x, c):
    k = x * 1.0
    v = (k.astype(np.float64, copy=False)[1:]).copy()
    v[0] = x[2] * x[0]
    return np.sum(k * x) + np.sum(v) + c


def read_array_nocopy_advised(x, c):
    k = x * 1.0
    v = (np.array(k, copy=False)[1:]).copy()
    k[2] = x[0] * x[1]
    return np.sum(v * v) + np.sum(k) + c


def write_array_nocopy_advised(x, c):
    k = x * 1.0
    v = (np.array(k, copy=False)[1:]).copy()
    v[0] = x[2] * x[0]
    return np.sum(k * x) + np.sum(v) + c


def read_asanyarray_advised(x, c):
    k = x * 1.0
    v = (np.asanyarray(k)[1:]).copy()
    k[2] = x[0] * x[1]
    return np.sum(v * v) + np.sum(k) + c


def write_asanyarray_advised(x, c):
    k = x * 1.0
    v = (np.asanyarray(k)[1:]).copy()
    v[0] = x[2] * x[0]
    return np.sum(k * x) + np.sum(v) + c


def read_require_advised(x, c):
    k = x * 1.0
    v = (np.require(k)[1:]).copy()
    k[2] = x[0] * x[1]
    return np.sum(v * v) + np.sum(k) + c


def write_require_advised(x, c):
    k = x * 1.0
    v = (np.require(k)[1:]).copy()
    v[0] = x[2] * x[0]
    return np.sum(k * x) + np.sum(v) + c


def read_conj_slice_advised(x, c):
    k = x * 1.0
    v = (k.conj()[1:]).copy()
    k[2] = x[0] * x[1]
    return np.sum(v * v) + np.sum(k) + c


def write_conj_slice_advised(x, c):
    k = x * 1.0
    v = (k.conj()[1:]).copy()
    v[0] = x[2] * x[0]
    return np.sum(k * x) + np.sum(v) + c


def read_real_slice_advised(x, c):
    k = x * 1.0
    v = (k.real[1:]).copy()
    k[2] = x[0] * x[1]
    return np.sum(v * v) + np.sum(k) + c


def write_real_slice_advised(x, c):
    k = x * 1.0
    v = (k.real[1:]).copy()
    v[0] = x[2] * x[0]
    return np.sum(k * x) + np.sum(v) + c


def read_np_real_slice_advised(x, c):
    k = x * 1.0
    v = (np.real(k)[1:]).copy()
    k[2] = x[0] * x[1]
    return np.sum(v * v) + np.sum(k) + c


def write_np_real_slice_advised(x, c):
    k = x * 1.0
    v = (np.real(k)[1:]).copy()
    v[0] = x[2] * x[0]
    return np.sum(k * x) + np.sum(v) + c


def read_clip_out_advised(x, c):
    k = x * 1.0
    v = (np.clip(k, -5.0, 5.0, out=k)[1:]).copy()
    k[2] = x[0] * x[1]
    return np.sum(v * v) + np.sum(k) + c


def write_clip_out_advised(x, c):
    k = x * 1.0
    v = (np.clip(k, -5.0, 5.0, out=k)[1:]).copy()
    v[0] = x[2] * x[0]
    return np.sum(k * x) + np.sum(v) + c


def read_list_item_advised(x, c):
    k = x * 1.0
    v = ([k][0][1:]).copy()
    k[2] = x[0] * x[1]
    return np.sum(v * v) + np.sum(k) + c


def write_list_item_advised(x, c):
    k = x * 1.0
    v = ([k][0][1:]).copy()
    v[0] = x[2] * x[0]
    return np.sum(k * x) + np.sum(v) + c


def read_dict_item_advised(x, c):
    k = x * 1.0
    v = ({'a': k}['a'][1:]).copy()
    k[2] = x[0] * x[1]
    return np.sum(v * v) + np.sum(k) + c


def write_dict_item_advised(x, c):
    k = x * 1.0
    v = ({'a': k}['a'][1:]).copy()
    v[0] = x[2] * x[0]
    return np.sum(k * x) + np.sum(v) + c


def read_tuple_item_advised(x, c):
    k = x * 1.0
    v = ((k, x)[0][1:]).copy()
    k[2] = x[0] * x[1]
    return np.sum(v * v) + np.sum(k) + c


def write_tuple_item_advised(x, c):
    k = x * 1.0
    v = ((k, x)[0][1:]).copy()
    v[0] = x[2] * x[0]
    return np.sum(k * x) + np.sum(v) + c


def read_same_ternary_advised(x, c):
    k = x * 1.0
    v = ((k if c > 0 else k)[1:]).copy()
    k[2] = x[0] * x[1]
    return np.sum(v * v) + np.sum(k) + c


def write_same_ternary_advised(x, c):
    k = x * 1.0
    v = ((k if c > 0 else k)[1:]).copy()
    v[0] = x[2] * x[0]
    return np.sum(k * x) + np.sum(v) + c


def read_np_flip_advised(x, c):
    k = x * 1.0
    v = (np.flip(k)[1:]).copy()
    k[2] = x[0] * x[1]
    return np.sum(v * v) + np.sum(k) + c


def write_np_flip_advised(x, c):
    k = x * 1.0
    v = (np.flip(k)[1:]).copy()
    v[0] = x[2] * x[0]
    return np.sum(k * x) + np.sum(v) + c


def read_broadcast_arrays_advised(x, c):
    k = x * 1.0
    v = (np.broadcast_arrays(k, x)[0][1:]).copy()
    k[2] = x[0] * x[1]
    return np.sum(v * v) + np.sum(k) + c


def write_broadcast_arrays_advised(x, c):
    k = x * 1.0
    v = (np.broadcast_arrays(k, x)[0][1:]).copy()
    v[0] = x[2] * x[0]
    return np.sum(k * x) + np.sum(v) + c


def read_np_reshape_neg_advised(x, c):
    k = x * 1.0
    v = (np.reshape(k, -1)[1:]).copy()
    k[2] = x[0] * x[1]
    return np.sum(v * v) + np.sum(k) + c


def write_np_reshape_neg_advised(x, c):
    k = x * 1.0
    v = (np.reshape(k, -1)[1:]).copy()
    v[0] = x[2] * x[0]
    return np.sum(k * x) + np.sum(v) + c


def read_TT_advised(x, c):
    k = x * 1.0
    v = (k.T.T[1:]).copy()
    k[2] = x[0] * x[1]
    return np.sum(v * v) + np.sum(k) + c


def write_TT_advised(x, c):
    k = x * 1.0
    v = (k.T.T[1:]).copy()
    v[0] = x[2] * x[0]
    return np.sum(k * x) + np.sum(v) + c


def read_atleast_3d_advised(x, c):
    k = x * 1.0
    v = (np.atleast_3d(k)[0, 1:, 0]).copy()
    k[2] = x[0] * x[1]
    return np.sum(v * v) + np.sum(k) + c


def write_atleast_3d_advised(x, c):
    k = x * 1.0
    v = (np.atleast_3d(k)[0, 1:, 0]).copy()
    v[0] = x[2] * x[0]
    return np.sum(k * x) + np.sum(v) + c


def read_np_astype_advised(x, c):
    k = x * 1.0
    v = (np.astype(k, np.float64, copy=False)[1:]).copy()
    k[2] = x[0] * x[1]
    return np.sum(v * v) + np.sum(k) + c


def write_np_astype_advised(x, c):
    k = x * 1.0
    v = (np.astype(k, np.float64, copy=False)[1:]).copy()
    v[0] = x[2] * x[0]
    return np.sum(k * x) + np.sum(v) + c


def read_array_split_advised(x, c):
    k = x * 1.0
    v = (np.array_split(k, 2)[0][1:]).copy()
    k[2] = x[0] * x[1]
    return np.sum(v * v) + np.sum(k) + c


def write_array_split_advised(x, c):
    k = x * 1.0
    v = (np.array_split(k, 2)[0][1:]).copy()
    v[0] = x[2] * x[0]
    return np.sum(k * x) + np.sum(v) + c


def read_getitem_call_advised(x, c):
    k = x * 1.0
    v = (k.__getitem__(slice(1, None))).copy()
    k[2] = x[0] * x[1]
    return np.sum(v * v) + np.sum(k) + c


def write_getitem_call_advised(x, c):
    k = x * 1.0
    v = (k.__getitem__(slice(1, None))).copy()
    v[0] = x[2] * x[0]
    return np.sum(k * x) + np.sum(v) + c


def read_minimum_out_advised(x, c):
    k = x * 1.0
    v = (np.minimum(k, 9.0, out=k)[1:]).copy()
    k[2] = x[0] * x[1]
    return np.sum(v * v) + np.sum(k) + c


def write_minimum_out_advised(x, c):
    k = x * 1.0
    v = (np.minimum(k, 9.0, out=k)[1:]).copy()
    v[0] = x[2] * x[0]
    return np.sum(k * x) + np.sum(v) + c


def read_mT_advised(m, c):
    k = m * 1.0
    v = (k.mT[1:]).copy()
    k[1, 1] = m[0, 0] * m[1, 2]
    k[0, 0] = m[0, 1] * 3.0
    k[1, 0] = m[1, 1] ** 2
    return np.sum(v * v) + np.sum(k) + c


def write_mT_advised(m, c):
    k = m * 1.0
    v = (k.mT[1:]).copy()
    v[0] = m[0, 2] * m[1, 0]
    return np.sum(k * m) + np.sum(v) + c


def read_matrix_transpose_advised(m, c):
    k = m * 1.0
    v = (np.matrix_transpose(k)[1:]).copy()
    k[1, 1] = m[0, 0] * m[1, 2]
    k[0, 0] = m[0, 1] * 3.0
    k[1, 0] = m[1, 1] ** 2
    return np.sum(v * v) + np.sum(k) + c


def write_matrix_transpose_advised(m, c):
    k = m * 1.0
    v = (np.matrix_transpose(k)[1:]).copy()
    v[0] = m[0, 2] * m[1, 0]
    return np.sum(k * m) + np.sum(v) + c


def read_permute_dims_advised(m, c):
    k = m * 1.0
    v = (np.permute_dims(k)[1:]).copy()
    k[1, 1] = m[0, 0] * m[1, 2]
    k[0, 0] = m[0, 1] * 3.0
    k[1, 0] = m[1, 1] ** 2
    return np.sum(v * v) + np.sum(k) + c


def write_permute_dims_advised(m, c):
    k = m * 1.0
    v = (np.permute_dims(k)[1:]).copy()
    v[0] = m[0, 2] * m[1, 0]
    return np.sum(k * m) + np.sum(v) + c


def read_hsplit_advised(m, c):
    k = m * 1.0
    v = (np.hsplit(k, 3)[1][1:]).copy()
    k[1, 1] = m[0, 0] * m[1, 2]
    k[0, 0] = m[0, 1] * 3.0
    k[1, 0] = m[1, 1] ** 2
    return np.sum(v * v) + np.sum(k) + c


def write_hsplit_advised(m, c):
    k = m * 1.0
    v = (np.hsplit(k, 3)[1][1:]).copy()
    v[0] = m[0, 2] * m[1, 0]
    return np.sum(k * m) + np.sum(v) + c


def read_vsplit_advised(m, c):
    k = m * 1.0
    v = (np.vsplit(k, 2)[1][:, 1:]).copy()
    k[1, 1] = m[0, 0] * m[1, 2]
    k[0, 0] = m[0, 1] * 3.0
    k[1, 0] = m[1, 1] ** 2
    return np.sum(v * v) + np.sum(k) + c


def write_vsplit_advised(m, c):
    k = m * 1.0
    v = (np.vsplit(k, 2)[1][:, 1:]).copy()
    v[0] = m[0, 2] * m[1, 0]
    return np.sum(k * m) + np.sum(v) + c


def read_einsum_diag_advised(m, c):
    k = m * 1.0
    v = (np.einsum('ii->i', k[:, :2])[1:]).copy()
    k[1, 1] = m[0, 0] * m[1, 2]
    k[0, 0] = m[0, 1] * 3.0
    k[1, 0] = m[1, 1] ** 2
    return np.sum(v * v) + np.sum(k) + c


def write_einsum_diag_advised(m, c):
    k = m * 1.0
    v = (np.einsum('ii->i', k[:, :2])[1:]).copy()
    v[0] = m[0, 2] * m[1, 0]
    return np.sum(k * m) + np.sum(v) + c


def read_np_transpose_row_advised(m, c):
    k = m * 1.0
    v = (np.transpose(k)[1:]).copy()
    k[1, 1] = m[0, 0] * m[1, 2]
    k[0, 0] = m[0, 1] * 3.0
    k[1, 0] = m[1, 1] ** 2
    return np.sum(v * v) + np.sum(k) + c


def write_np_transpose_row_advised(m, c):
    k = m * 1.0
    v = (np.transpose(k)[1:]).copy()
    v[0] = m[0, 2] * m[1, 0]
    return np.sum(k * m) + np.sum(v) + c


def read_rot90_advised(m, c):
    k = m * 1.0
    v = (np.rot90(k)[1:]).copy()
    k[1, 1] = m[0, 0] * m[1, 2]
    k[0, 0] = m[0, 1] * 3.0
    k[1, 0] = m[1, 1] ** 2
    return np.sum(v * v) + np.sum(k) + c


def write_rot90_advised(m, c):
    k = m * 1.0
    v = (np.rot90(k)[1:]).copy()
    v[0] = m[0, 2] * m[1, 0]
    return np.sum(k * m) + np.sum(v) + c


def read_fliplr_advised(m, c):
    k = m * 1.0
    v = (np.fliplr(k)[1:]).copy()
    k[1, 1] = m[0, 0] * m[1, 2]
    k[0, 0] = m[0, 1] * 3.0
    k[1, 0] = m[1, 1] ** 2
    return np.sum(v * v) + np.sum(k) + c


def write_fliplr_advised(m, c):
    k = m * 1.0
    v = (np.fliplr(k)[1:]).copy()
    v[0] = m[0, 2] * m[1, 0]
    return np.sum(k * m) + np.sum(v) + c


def read_unstack_advised(m, c):
    k = m * 1.0
    v = (np.unstack(k)[1][1:]).copy()
    k[1, 1] = m[0, 0] * m[1, 2]
    k[0, 0] = m[0, 1] * 3.0
    k[1, 0] = m[1, 1] ** 2
    return np.sum(v * v) + np.sum(k) + c


def write_unstack_advised(m, c):
    k = m * 1.0
    v = (np.unstack(k)[1][1:]).copy()
    v[0] = m[0, 2] * m[1, 0]
    return np.sum(k * m) + np.sum(v) + c
