"""A user module whose name starts with `scipy` (user code, not SciPy)."""
import numpy as np


def softplus(x):
    return np.log1p(np.exp(x))
