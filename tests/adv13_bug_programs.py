"""Minimal programs for the bugs and bad advice found by the adv13 tests (each
xfail-ed strictly in test_adv13.py). Comments say what NumPy does."""

import numpy as np


def else_alias_self_read(x, c):
    # BUG: grad, c <= 0: AttributeError 'NoneType' object has no attribute 'copy'
    # (the backward pass copies `b`, which was never bound on the aliasing path)
    k = x * 1.0
    if c > 0:
        b = x * 3.0
    else:
        b = k                  # b is k's array
    b[1] = b[0]                # k[1] = k[0]
    return np.sum(b)           # c <= 0: 2*x0 + x2 -> gradient [2, 0, 1]


def rebound_leaves_alias(x, c):
    # BUG: hessian, c <= 0: AttributeError 'NoneType' object has no attribute 'copy'
    k = np.zeros(3)
    b = k
    if c > 0:
        k = x * 2.0            # b keeps the zeros either way
    b[2] = x[0]
    return np.sum(b * x)       # x0 * x2: hessian [[0,0,1],[0,0,0],[1,0,0]]


def list_copy_is_shallow(x):
    # BUG: [k].copy() is a new list holding the same array k (a shallow copy);
    # pullback follows it as a copy of the array: grad [1,1,1], NumPy's [3,3,3];
    # jvp even returns the wrong value (0.7 instead of 2.1 at x = [0.3,-0.7,1.1])
    k = x * 1.0
    hs = [k].copy()
    k *= 3.0                   # hs[0] is k: it triples too
    return np.sum(hs[0])


def listed_alias(x, c):
    # refused; the advice "hs = ([b]).copy()" is list_copy_is_shallow's bug
    k = np.zeros(3)
    b = x * 1.0
    if c > 0:
        b = k
    hs = [b]
    k[0] = x[1] * 2.0
    return np.sum(np.stack(hs))


def listed_alias_advised(x, c):
    # listed_alias rewritten as its refusal advises: hs[0] still is k when c > 0
    k = np.zeros(3)
    b = x * 1.0
    if c > 0:
        b = k
    hs = ([b]).copy()
    k[0] = x[1] * 2.0
    return np.sum(np.stack(hs))   # c > 0: 2*x1 -> gradient [0, 2, 0]


def listed_copy(x, c):
    # refused although hs holds a copy; advice: hs = ([b.copy()]).copy()
    k = np.zeros(3)
    b = x * 1.0
    if c > 0:
        b = k
    hs = [b.copy()]
    k[0] = x[1] * 2.0
    return np.sum(np.stack(hs)) + np.sum(k)


def listed_copy_advised(x, c):
    # ADVICE: the advised form is refused by another rule ("a tuple or list
    # holding differentiated values can only be returned, unpacked, ...")
    k = np.zeros(3)
    b = x * 1.0
    if c > 0:
        b = k
    hs = ([b.copy()]).copy()
    k[0] = x[1] * 2.0
    return np.sum(np.stack(hs)) + np.sum(k)


def dict_holds(x, c):
    # refused; advice: d = ({'k': k}).copy()
    k = np.zeros(3)
    d = {"k": k}
    k[2] = x[0] ** 2
    return np.sum(d["k"])


def dict_holds_advised(x, c):
    # ADVICE: refused again ("`Dict` expression with differentiated operands");
    # a dict's copy is shallow: d["k"] is k and sees the write -> [2*x0, 0, 0]
    k = np.zeros(3)
    d = ({"k": k}).copy()
    k[2] = x[0] ** 2
    return np.sum(d["k"])


def tuple_holds(x, c):
    # refused; ADVICE: "t = ((k,)).copy()" -- a tuple has no .copy()
    k = x * 1.0
    t = (k,)
    k[0] = 0.0
    return np.sum(t[0])


def argument_op_assign(x, c):
    # refused at run time when y is x; ADVICE: the message says "`x op= ...`" and
    # "Write `x = x op ...`" for the statement `y += 1.0`, with no line
    y = x * 1.0
    if np.sum(x) > 0:
        y = x
    y += 1.0
    return np.sum(y * x)


def one_of_two_locals(x, c):
    # refused; ADVICE: "indexed assignment into `b`, which is not a variable of
    # this function (a global or closure array)" -- b is a local (k's or m's array)
    k = x * 2.0
    m = x ** 3
    if c > 0:
        b = k
    else:
        b = m
    b[0] = x[1]
    return np.sum(k * x) + np.sum(m) + np.sum(b)


def hessian_of_scaled_write(x, c):
    # ADVICE (hessian; not alias-specific): refused with "`b_dot` shares memory
    # with `b` ... b_dot = (broadcast_like(x_dot * c, b)).copy() (<pullback a jvp
    # #1>, line 8)" -- names and a line of generated code the user cannot edit
    b = x * c
    b[0] = x[1] * x[0]
    return np.sum(b)           # hessian [[0,1,0],[1,0,0],[0,0,0]]


def loop_reads_alias_it_writes(x, c):
    # BUG (wrong number; also before the conditional-alias commit): `k = b` on
    # one path is compiled as k = snapshot(b) (a copy), because the read of k
    # comes before the write of b in the statement -- but in turn 2 it reads
    # turn 1's write. c > 0: b[0] = 2*x0**3, NumPy's value 0.854 at
    # x = [0.3,-0.7,1.1]; pullback's value_and_grad says 0.98, its gradient
    # [1.2, 2, 2] (right: [0.54, 2, 2]), its jvp along e0 0.78 (right: 0.54)
    b = x * 2.0
    k = x * 1.0
    if c > 0:
        k = b                  # k is b's array
    for i in range(2):
        b[0] = k[0] * x[0]
    return np.sum(b)


def loop_reads_alias_other_direction(x, c):
    # BUG: the same with the alias the other way round and a data condition
    k = x * 2.0
    b = x * 1.0
    if np.sum(x) > 0:
        b = k
    for i in range(2):
        k[0] = b[0] * x[0]
    return np.sum(k)


def loop_alias_taken_in_turn0(x, c):
    # BUG (wrong number, pre-existing): the alias is taken inside the loop, and
    # the next turns read through k what b[i] = ... wrote (any c)
    b = x * 2.0
    k = x * 1.0
    for i in range(3):
        b[i] = k[(i + 2) % 3] * x[i]
        if i == 0:
            k = b              # from turn 1 on, k is b's array
    return np.sum(b)


def loop_alias_rebound_later(x, c):
    # BUG (wrong number, pre-existing): k = b unconditionally, k rebound in the
    # loop when c > 0; with c <= 0 k stays b and turn 2 reads turn 1's write
    b = x * 2.0
    k = b
    for i in range(2):
        b[0] = k[0] * x[0]
        if c > 0:
            k = x * 1.0
    return np.sum(b)


def loop_alias_rebound_later_tangent(x, c):
    # BUG (wrong tangent, new: refused before the conditional-alias commit): as
    # loop_alias_rebound_later plus np.sum(k); c > 0: value x0**2 + 2*x1 + 2*x2
    # + sum(x), jvp along e0 gives 1.3, right 2*x0 + 1 = 1.6 (grad is right)
    b = x * 2.0
    k = b
    for i in range(2):
        b[0] = k[0] * x[0]
        if c > 0:
            k = x * 1.0
    return np.sum(b) + np.sum(k)


def dict_holds_copied(x, c):
    # dict_holds as its refusal now advises: d = {'k': k.copy()}
    k = np.zeros(3)
    d = {"k": k.copy()}
    k[2] = x[0] ** 2
    return np.sum(d["k"]) + np.sum(k * x)


def tuple_holds_copied(x, c):
    # tuple_holds as its refusal now advises: t = (k.copy(),)
    k = x * 1.0
    t = (k.copy(),)
    k[0] = 0.0
    return np.sum(t[0]) + np.sum(k * x)
