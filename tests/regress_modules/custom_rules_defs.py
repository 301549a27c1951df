"""User functions with pb.defvjp / pb.defjvp rules, for test_regress_custom_args.py
(registered once, at import)."""
import numpy as np

import pullback as pb


def cube(x):
    return x ** 3


def cube_vjp(g, ans, x):
    return (g * 3.0 * x ** 2,)


def cube_jvp(tangents, ans, x):
    return tangents[0] * 3.0 * x ** 2


def sig(x):
    return 1.0 / (1.0 + np.exp(-x))


def sig_vjp(g, ans, x):
    return (g * ans * (1.0 - ans),)


def sig_jvp(tangents, ans, x):
    return tangents[0] * ans * (1.0 - ans)


def lse(x):
    return np.log(np.sum(np.exp(x)))


def lse_vjp(g, ans, x):
    return (g * np.exp(x - ans),)


def lse_jvp(tangents, ans, x):
    return np.sum(tangents[0] * np.exp(x - ans))


def scaled(x, args):
    a, c = args
    return a * np.sin(x) + c


def scaled_vjp(g, ans, x, args):
    a, c = args
    return (g * a * np.cos(x), (np.sum(g * np.sin(x)), None if c is None else np.sum(g)))


def scaled_jvp(tangents, ans, x, args):
    a, c = args
    tx, targs = tangents
    out = 0.0
    if tx is not None:
        out = out + tangents[0] * a * np.cos(x)
    if targs is not None:
        ta, tc = targs
        if ta is not None:
            out = out + ta * np.sin(x)
        if tc is not None:
            out = out + tc
    return out


pb.defvjp(cube, cube_vjp)
pb.defjvp(cube, cube_jvp)
pb.defvjp(sig, sig_vjp)
pb.defjvp(sig, sig_jvp)
pb.defvjp(lse, lse_vjp)
pb.defjvp(lse, lse_jvp)
pb.defvjp(scaled, scaled_vjp)
pb.defjvp(scaled, scaled_jvp)
