"""Memory-semantics corpus, family `write_through`, part 1 of 2.

Ported verbatim from the adversarial corpus; see tests/memory/__init__.py.

Family note: writes made through a view (named or chained) must land in the base
"""

import numpy as np

from .common import tz, W23, TW23, add

FAM = "write_through"


def f_wt_chain_index(x):
    k = np.zeros((2, 3))
    k[0][1] = x[0]
    k[1][2] = x[1] * x[2]
    return (k * x.reshape(2, 3)).sum()


def t_wt_chain_index(x):
    k = tz(2, 3)
    k[0][1] = x[0]
    k[1][2] = x[1] * x[2]
    return (k * x.reshape(2, 3)).sum()


add(FAM, f_wt_chain_index, t_wt_chain_index)


def f_wt_view_name(x):
    k = np.zeros((2, 3))
    v = k[0]
    v[1] = x[0]
    return (k * k).sum() + k[0, 1] * x[1]


def t_wt_view_name(x):
    k = tz(2, 3)
    v = k[0]
    v[1] = x[0]
    return (k * k).sum() + k[0, 1] * x[1]


add(FAM, f_wt_view_name, t_wt_view_name)


def f_wt_T_write(x):
    k = np.zeros((2, 3))
    k.T[2, 1] = x[0]
    return k[1, 2] * x[1] + k.sum()


def t_wt_T_write(x):
    k = tz(2, 3)
    k.T[2, 1] = x[0]
    return k[1, 2] * x[1] + k.sum()


add(FAM, f_wt_T_write, t_wt_T_write)


def f_wt_slice_chain(x):
    k = np.zeros(5)
    k[1:][2] = x[0]
    return (k * x[:5]).sum()


def t_wt_slice_chain(x):
    k = tz(5)
    k[1:][2] = x[0]
    return (k * x[:5]).sum()


add(FAM, f_wt_slice_chain, t_wt_slice_chain)


def f_wt_step_write(x):
    k = np.zeros(6)
    k[::2][1] = x[0]
    k[1::2][2] = x[1]
    return (k * x).sum()


def t_wt_step_write(x):
    k = tz(6)
    k[::2][1] = x[0]
    k[1::2][2] = x[1]
    return (k * x).sum()


add(FAM, f_wt_step_write, t_wt_step_write)


def f_wt_ellipsis_write(x):
    k = np.zeros((2, 3))
    k[..., 1][0] = x[0]
    return (k * W23).sum() + k[0, 1] * x[1]


def t_wt_ellipsis_write(x):
    k = tz(2, 3)
    k[..., 1][0] = x[0]
    return (k * TW23).sum() + k[0, 1] * x[1]


add(FAM, f_wt_ellipsis_write, t_wt_ellipsis_write)


def f_wt_fancy_lost(x):
    k = np.zeros(4)
    k[[1, 2]][0] = x[0]
    return (k * x[:4]).sum() + x[0] * x[1]


def t_wt_fancy_lost(x):
    k = tz(4)
    tmp = k[[1, 2]].clone()
    tmp[0] = x[0]
    return (k * x[:4]).sum() + x[0] * x[1]


add(FAM, f_wt_fancy_lost, t_wt_fancy_lost)


def f_wt_bool_lost(x):
    k = x * 1.0
    k[k > -1.0][0] = x[1] * 5.0
    return (k * k).sum()


def t_wt_bool_lost(x):
    k = x * 1.0
    return (k * k).sum()


add(FAM, f_wt_bool_lost, t_wt_bool_lost)


def f_wt_reshape_write(x):
    k = np.zeros(6)
    k.reshape(2, 3)[1, 0] = x[0]
    return (k * x).sum()


def t_wt_reshape_write(x):
    k = tz(6)
    k.reshape(2, 3)[1, 0] = x[0]
    return (k * x).sum()


add(FAM, f_wt_reshape_write, t_wt_reshape_write)


def f_wt_T_reshape_lost(x):
    k = np.zeros((2, 3))
    k.T.reshape(6)[1] = x[0]
    return (k * W23).sum() + x[0] ** 2


def t_wt_T_reshape_lost(x):
    k = tz(2, 3)
    tmp = k.T.reshape(6).clone()
    tmp[1] = x[0]
    return (k * TW23).sum() + x[0] ** 2


add(FAM, f_wt_T_reshape_lost, t_wt_T_reshape_lost)


def f_wt_ravel_write(x):
    k = np.zeros((2, 3))
    k.ravel()[4] = x[0]
    return (k * W23).sum() + k[1, 1] * x[1]


def t_wt_ravel_write(x):
    k = tz(2, 3)
    k.view(-1)[4] = x[0]
    return (k * TW23).sum() + k[1, 1] * x[1]


add(FAM, f_wt_ravel_write, t_wt_ravel_write)


def f_wt_flatten_lost(x):
    k = np.zeros((2, 3))
    k.flatten()[4] = x[0]
    return (k * W23).sum() + x[1] * x[0]


def t_wt_flatten_lost(x):
    k = tz(2, 3)
    return (k * TW23).sum() + x[1] * x[0]


add(FAM, f_wt_flatten_lost, t_wt_flatten_lost)


def f_wt_split_write(x):
    k = np.zeros(6)
    np.split(k, 3)[1][0] = x[0]
    return (k * x).sum()


def t_wt_split_write(x):
    k = tz(6)
    k[2:4][0] = x[0]
    return (k * x).sum()


add(FAM, f_wt_split_write, t_wt_split_write)


def f_wt_view_slice_assign(x):
    k = np.zeros((2, 3))
    v = k[1]
    v[:] = x[:3]
    return (k * W23).sum()


def t_wt_view_slice_assign(x):
    k = tz(2, 3)
    v = k[1]
    v[:] = x[:3]
    return (k * TW23).sum()


add(FAM, f_wt_view_slice_assign, t_wt_view_slice_assign)
