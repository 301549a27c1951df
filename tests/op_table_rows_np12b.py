"""Op table rows for issue 12's sliding-window and selection functions
(convolve, correlate, gradient, select, partition, interp), each against a
torch float64 twin written independently of the NumPy call; appended to
``op_table_rows.ROWS``."""

import numpy as np

from op_table_rows import CONSTS, R, a

CONSTS.update({
    "XCOORD5": np.array([0.0, 0.3, 1.0, 1.2, 2.0]),
    "XP6": np.array([-1.5, -0.7, 0.0, 0.4, 1.1, 2.0]),
    "FP6": np.array([0.5, -1.0, 2.0, 1.5, 0.0, 3.0]),
})

#: torch's conv1d is a correlation; padding both sides by len(v) - 1 gives 'full'
_PAD = "torch.nn.functional.pad(x, (y.shape[0] - 1, y.shape[0] - 1)).view(1, 1, -1)"
CONV_FULL = f"torch.nn.functional.conv1d({_PAD}, y.flip(0).view(1, 1, -1)).view(-1)"
CORR_FULL = f"torch.nn.functional.conv1d({_PAD}, y.view(1, 1, -1)).view(-1)"
CONV_CASES = [((5,), (3,)), ((3,), (5,)), ((4,), (4,)), ((1,), (3,)), ((6,), (2,))]


def _twin(full, start, length):
    return f"{full}[{start}:{start} + {length}]"


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
]
