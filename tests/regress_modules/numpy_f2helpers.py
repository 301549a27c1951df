"""A user module whose name starts with `numpy` (user code, not NumPy)."""
import numpy as np


def scaled_square(x):
    return 3.0 * x ** 2 + np.sin(x)
