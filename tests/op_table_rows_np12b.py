"""Op table rows for issue 12's sliding-window and selection functions
(convolve, correlate, gradient, select, partition, interp), each against a
torch float64 twin written independently of the NumPy call; appended to
``op_table_rows.ROWS``."""

import numpy as np

from op_table_rows import CONSTS, R, a
from op_table_rows_np12 import TIES
from op_table_rows_np12 import TIES

CONSTS.update({
    "XCOORD5": np.array([0.0, 0.3, 1.0, 1.2, 2.0]),
    "XP6": np.array([-1.5, -0.7, 0.0, 0.4, 1.1, 2.0]),
    "FP6": np.array([0.5, -1.0, 2.0, 1.5, 0.0, 3.0]),
})
XP6 = CONSTS["XP6"]
XP6 = CONSTS["XP6"]

#: torch's conv1d is a correlation; padding both sides by len(v) - 1 gives 'full'
_PAD = "torch.nn.functional.pad(x, (y.shape[0] - 1, y.shape[0] - 1)).view(1, 1, -1)"
CONV_FULL = f"torch.nn.functional.conv1d({_PAD}, y.flip(0).view(1, 1, -1)).view(-1)"
CORR_FULL = f"torch.nn.functional.conv1d({_PAD}, y.view(1, 1, -1)).view(-1)"
CONV_CASES = [((5,), (3,)), ((3,), (5,)), ((4,), (4,)), ((1,), (3,)), ((6,), (2,))]


def _twin(full, start, length):
    return f"{full}[{start}:{start} + {length}]"


def _interp(x, xp, fp, left=None, right=None):
    """np.interp in torch (no twin there): the cell from searchsorted, as JAX does."""
    i = f"torch.clamp(torch.searchsorted({xp}, {x}, right=True) - 1, 0, {xp}.shape[0] - 2)"
    w = f"torch.clamp(({x} - {xp}[{i}]) / ({xp}[{i} + 1] - {xp}[{i}]), 0.0, 1.0)"
    out = f"({fp}[{i}] * (1 - {w}) + {fp}[{i} + 1] * {w})"
    if left is not None:
        out = f"torch.where({x} < {xp}[0], {left}, {out})"
    if right is not None:
        out = f"torch.where({x} > {xp}[-1], {right}, {out})"
    return out


def _interp(x, xp, fp, left=None, right=None):
    """np.interp in torch (no twin there): the cell from searchsorted, as JAX does."""
    i = f"torch.clamp(torch.searchsorted({xp}, {x}, right=True) - 1, 0, {xp}.shape[0] - 2)"
    w = f"torch.clamp(({x} - {xp}[{i}]) / ({xp}[{i} + 1] - {xp}[{i}]), 0.0, 1.0)"
    out = f"({fp}[{i}] * (1 - {w}) + {fp}[{i} + 1] * {w})"
    if left is not None:
        out = f"torch.where({x} < {xp}[0], {left}, {out})"
    if right is not None:
        out = f"torch.where({x} > {xp}[-1], {right}, {out})"
    return out


N_, M_ = "max(x.shape[0], y.shape[0])", "min(x.shape[0], y.shape[0])"

ROWS_NP12B = [
    # ------------------------------------------------------------ convolve / correlate
    R("convolve", "np.convolve(x, y)", CONV_FULL, CONV_CASES),
    R("convolve-same", "np.convolve(x, y, 'same')", _twin(CONV_FULL, f"({M_} - 1) // 2", N_),
      CONV_CASES + [((2,), (5,)), ((2,), (4,))]),
    R("convolve-valid", "np.convolve(x, y, mode='valid')",
      _twin(CONV_FULL, f"{M_} - 1", f"{N_} - {M_} + 1"), CONV_CASES),
    R("convolve-expr", "np.convolve(x * x, np.sin(x))[1:]", "(" + CONV_FULL.replace(
        "y", "torch.sin(x)").replace("pad(x,", "pad(x * x,") + ")[1:]", [((4,),)]),
    R("correlate", "np.correlate(x, y)", _twin(CORR_FULL, f"{M_} - 1", f"{N_} - {M_} + 1"),
      CONV_CASES),
    R("correlate-full", "np.correlate(x, y, 'full')", CORR_FULL, CONV_CASES),
    # NumPy's 'same' correlation of a shorter a by a longer v is offset by min // 2
    R("correlate-same", "np.correlate(x, y, mode='same')",
      _twin(CORR_FULL, f"(({M_}) // 2 if x.shape[0] < y.shape[0] else ({M_} - 1) // 2)", N_),
      CONV_CASES + [((2,), (5,)), ((2,), (4,))]),
    # ------------------------------------------------------------ gradient
    R("gradient", "np.gradient(x)", "torch.gradient(x)[0]", [((5,),), ((2,),), ((7,),)]),
    R("gradient-dx-edge2", "np.gradient(x, 0.3, edge_order=2)",
      "torch.gradient(x, spacing=0.3, edge_order=2)[0]", [((5,),), ((3,),)]),
    R("gradient-axis", "np.gradient(x, axis=1)", "torch.gradient(x, dim=1)[0]",
      [((3, 4),), ((2, 5, 3),)]),
    R("gradient-axis0-dx", "np.gradient(x, 0.5, axis=0, edge_order=2)",
      "torch.gradient(x, spacing=0.5, dim=0, edge_order=2)[0]", [((4, 3),)]),
    R("gradient-coords", "np.gradient(x, XCOORD5)", "torch.gradient(x, spacing=(T(XCOORD5),))[0]",
      [((5,),)]),
    R("gradient-coords-edge2", "np.gradient(x, XCOORD5, axis=-1, edge_order=2)",
      "torch.gradient(x, spacing=(T(XCOORD5),), dim=-1, edge_order=2)[0]", [((3, 5),)]),
    R("gradient-nd", "gy, gx = np.gradient(x, 0.5, XCOORD5)\nreturn gy * 2.0 + gx ** 2",
      "gy, gx = torch.gradient(x, spacing=(T(np.full(4, 0.5).cumsum()), T(XCOORD5)))\n"
      "return gy * 2.0 + gx ** 2", [((4, 5),)]),
    R("gradient-nd-one-used", "g = np.gradient(x)\nreturn g[1] * x",
      "g = torch.gradient(x)\nreturn g[1] * x", [((3, 4),), ((2, 3, 2),)]),
    R("gradient-axes-tuple", "p, q = np.gradient(x, axis=(0, 2))\nreturn p - q * 3.0",
      "p, q = torch.gradient(x, dim=(0, 2))\nreturn p - q * 3.0", [((3, 2, 4),)]),
    R("gradient-coords-refused", "np.gradient(x, np.cumsum(np.exp(y)))", "x", [((4,), (4,))],
      refused="varargs"),
    # ------------------------------------------------------------ select
    R("select", "np.select([x > 0, y > 0.5], [x ** 2, y * x], z)",
      "torch.where(x > 0, x ** 2, torch.where(y > 0.5, y * x, z))",
      [((2, 3), (2, 3), (2, 3)), ((5,), (5,), ())]),
    R("select-broadcast", "np.select([x > 0], [y], 0.5)",
      "torch.where(x > 0, y * torch.ones_like(x), 0.5 + 0 * y)", [((2, 3), (3,)), ((4,), ())]),
    R("select-overlap", "np.select([x > -0.5, x > 0.5], [x, x ** 3], default=-x)",
      "torch.where(x > -0.5, x, torch.where(x > 0.5, x ** 3, -x))", [((6,),), ((2, 3),)]),
    # ------------------------------------------------------------ partition
    R("partition-kth", "np.partition(x, 2)[..., 2]", "torch.sort(x).values[..., 2]",
      [((5,),), ((3, 6),)]),
    R("partition-lower", "np.sum(np.partition(x, 2)[:2] ** 2)",
      "(torch.sort(x).values[:2] ** 2).sum()", [((6,),)]),
    R("partition-axis0-kths", "np.partition(x, (1, 3), axis=0)[[1, 3]]",
      "torch.sort(x, 0).values[[1, 3]]", [((5, 3),)]),
    R("partition-axis-none", "np.partition(x * y, 4, axis=None)[4]",
      "torch.sort((x * y).reshape(-1)).values[4]", [((3, 3), (3,))]),
    R("kink-partition-ties", "np.partition(x, 1, axis=1)[:, 1]",
      "torch.sort(x, dim=1, stable=True).values[:, 1]", [(TIES,)], kink=True),
    # ------------------------------------------------------------ interp
    R("interp-x", "np.interp(x, XP6, FP6)", _interp("x", "T(XP6)", "T(FP6)"),
      [((7,),), ((2, 3),), ((),)]),
    R("interp-fp", "np.interp(WTS4 * 2 - 1.6, XP6, x)",
      _interp("T(WTS4 * 2 - 1.6)", "T(XP6)", "x"), [((6,),)]),
    R("interp-all", "np.interp(x, y, z)", _interp("x", "y", "z"),
      [((8,), XP6, (6,)), ((2, 2), XP6[:3], (3,))]),
    R("interp-left-right", "np.interp(x, y, z, left=-3.0, right=5.0)",
      _interp("x", "y", "z", "-3.0", "5.0"), [(a(-2.0, -1.0, 0.3, 1.7, 2.5), XP6, (6,))]),
    R("kink-interp-knots", "np.interp(x, y, z)", _interp("x", "y", "z"),
      [(a(-1.5, 0.0, 0.4, 2.0, -2.0, 3.0), XP6, (6,))], kink=True),
    R("interp-period-refused", "np.interp(x, XP6, FP6, period=2.0)", "x", [((3,),)],
      refused="period"),
    # ------------------------------------------------------------ meshgrid
    R("meshgrid", "X, Y = np.meshgrid(x, y)\nreturn X * Y ** 2",
      "X, Y = torch.meshgrid(x, y, indexing='xy')\nreturn X * Y ** 2",
      [((3,), (4,)), ((2,), (2,))]),
    R("meshgrid-ij-indexed", "G = np.meshgrid(x, y, z, indexing='ij')\nreturn G[0] - G[1] * G[2]",
      "G = torch.meshgrid(x, y, z, indexing='ij')\nreturn G[0] - G[1] * G[2]",
      [((3,), (2,), (4,))]),
    R("meshgrid-xy-3", "G = np.meshgrid(x, y, z)\nreturn G[0] * G[1] + G[2] ** 2",
      "G = torch.meshgrid(x, y, z, indexing='xy')\nreturn G[0] * G[1] + G[2] ** 2",
      [((3,), (2,), (4,))]),
    R("meshgrid-sparse", "X, Y = np.meshgrid(x, y, sparse=True)\nreturn X * Y",
      "X, Y = torch.meshgrid(x, y, indexing='xy')\nreturn X * Y", [((3,), (4,))]),
    R("meshgrid-one-used", "X, Y = np.meshgrid(x, y)\nreturn np.sin(Y)",
      "X, Y = torch.meshgrid(x, y, indexing='xy')\nreturn torch.sin(Y) + 0 * X", [((3,), (4,))]),
]
