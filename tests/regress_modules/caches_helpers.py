"""A module whose function the cache regression tests rebind as an attribute."""
import numpy as np


def h(x):
    return np.sin(x)
