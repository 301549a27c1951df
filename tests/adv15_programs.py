"""adv15 adversarial programs: control-flow precision of the memory check (a binding
in one branch and a write in the other, inside and outside loops), conditional
aliases whose source is rebound while another name holds its array, op= on helper
results / globals / closures, einsum relabelings and positional out= ufuncs, advice
for lists and split views, and second order of conditional aliases.

Each program is ``f(x, c)``; ``c`` is a flag (both signs are tested) and ``x`` a float
array of shape (3,) (``m``: shape (2, 3)). The comments say what NumPy does.
Programs that read or write a module global are in GLOBAL_PROGRAMS (test_adv15.py
tests them by calling the derivative twice, the global changing in between)."""

import numpy as np


# ------------------- 1. a binding in one branch, a write in the other -------------------

def bind_if_fill_else(x, c):
    k = x * 2.0
    a = np.sin(x)
    if c > 0:
        a = k                      # a is k
    else:
        a.fill(0.25)               # a is its own array here: k untouched
        a[1] = x[0] * x[2]
    return np.sum(a * x) + np.sum(k * x)


def view_if_base_write_else(m, c):
    k = m * 1.0
    v = m[0] * 3.0
    if c > 0:
        v = k.T[:, 1]              # row 1 of k, a view
    else:
        k[1, 2] = m[0, 0] * m[1, 1]  # v is not a view of k here
    return np.sum(v * v) + np.sum(k * m)


def view_if_base_write_else_then_both(m, c):
    k = m * 1.0
    v = m[0] * 3.0
    if c > 0:
        v = k.T[:, 1]              # row 1 of k
    else:
        k[1, 2] = m[0, 0] * m[1, 1]
    k[1, 0] = m[0, 2] ** 2         # after the if: v sees it when c > 0
    return np.sum(v * m[0]) + np.sum(k * m)


def alias_read_in_other_branch(x, c):
    k = x * 1.0
    b = x + 2.0
    if c > 0:
        b = k
        k[0] = x[1] * x[2]         # seen through b
        r = np.sum(b * x)
    else:
        k[2] = x[0] * 4.0          # b is its own array: not seen
        r = np.sum(b * x)
    return r + np.sum(k)


def loop_bind_if_write_else(x, c):
    k = x * 1.0
    a = x + 1.0
    for i in range(3):
        if i == 0 and c > 0:
            a = k                  # turn 0 binds a to k ...
        else:
            a[i] = a[i - 1] * x[i]  # ... turns 1, 2 write k through a
    return np.sum(k * x) + np.sum(a)


def loop_write_if_bind_else(x, c):
    k = x * 3.0
    a = np.zeros(3)
    for i in range(3):
        if i % 2 == 1:
            a = k                  # turn 1 binds
        else:
            a[i] = x[i] ** 2       # turn 0 writes zeros, turn 2 writes k[2]
    return np.sum(k * x) + np.sum(a * x)


def loop_base_write_if_view_else(m, c):
    k = m * 2.0
    v = m[1] + 0.0
    for i in range(2):
        if i == 0:
            if c > 0:
                v = k.T[:, 0]      # row 0 of k
        else:
            k[0, 1] = m[1, 1] * m[0, 0]  # turn 1: seen through v (c > 0)
    return np.sum(v * m[1]) + np.sum(k)


def while_test_reads_alias(x, c):
    k = x * 1.0
    b = x * 0.0 - 1.0
    if c > 0:
        b = k
    n = 0
    while b[0] < 1.5 and n < 4:    # reads k[0] through b when c > 0
        k[0] = k[0] + 0.5 + 0.1 * x[1] ** 2
        n += 1
    return np.sum(k * x) + np.sum(b) + n


def while_alias_bound_in_body(x, c):
    k = x * 1.0
    b = np.ones(3)
    n = 0
    while n < 3:
        if n == 1:
            b = k                  # bound in turn 1
        else:
            k[n] = x[n] * x[(n + 1) % 3]  # turn 2 writes k[2], seen through b
        n += 1
    return np.sum(b * x) + np.sum(k)


def loop_break_in_bind_branch(x, c):
    k = x * 1.0
    b = np.ones(3)
    for i in range(3):
        if i == 1 and c > 0:
            b = k
            break                  # never reaches the write after the bind
        else:
            k[i] = x[i] * 2.0
    b[0] = x[1] * x[2]             # k[0] when c > 0
    return np.sum(k * x) + np.sum(b * x)


def loop_continue_after_bind(x, c):
    k = x * 1.0
    b = x * 0.5
    for i in range(3):
        if i == 0:
            if c > 0:
                b = k
            continue
        else:
            b[i] = b[i] * x[i - 1]  # turns 1, 2 write through b (k when c > 0)
    return np.sum(k * x) + np.sum(b)


def early_return_in_bind_branch(x, c):
    k = x * 1.0
    if c > 0:
        a = k
        a[0] = x[1] ** 2           # k[0]
        return np.sum(k * x)
    else:
        a = x * 2.0
    k[1] = a[0] * x[2]             # only when c <= 0: a is its own
    return np.sum(k * x) + np.sum(a)


def early_return_in_write_branch(x, c):
    k = x * 1.0
    b = x * 3.0
    if c > 0:
        b = k
    else:
        k[0] = x[2] * x[1]
        return np.sum(b * x) + np.sum(k)   # b not k here
    k[2] = x[0] * 5.0              # c > 0: b is k
    return np.sum(b * x) + np.sum(k)


def nested_if_bind_write(x, c):
    k = x ** 2
    b = x * 0.0
    if c > 0:
        if x[0] > 0:
            b = k
        else:
            k[0] = x[1] * 2.0
        k[2] = x[0] * x[1]         # seen through b when bound
    else:
        if x[0] > 0:
            k[1] = x[2] * 3.0
        else:
            b = k
    b[1] = x[2] * 0.5
    return np.sum(k * x) + np.sum(b * x)


def rebind_between_in_branch(x, c):
    k = x * 1.0
    b = k
    if c > 0:
        b = np.zeros(3)            # b is new when c > 0
    b[0] = x[1] * x[2]             # k[0] when c <= 0
    return np.sum(k * x) + np.sum(b * x)


def rebind_in_zero_turn_loop(x, c):
    k = x * 1.0
    a = k
    n = 3 if c > 0 else 0
    for i in range(n):
        a = np.zeros(3)            # zero turns when c <= 0: a stays k
    a[1] = x[0] * x[2]
    return np.sum(k * x) + np.sum(a * x)


def alias_in_zero_turn_loop(x, c):
    k = x * 1.0
    a = x * 2.0
    n = 2 if c > 0 else 0
    for i in range(n):
        a[i] = a[i] * x[2]         # turn 1 writes k[1] (bound in turn 0)
        a = k
    a[2] = x[0] * x[1]             # k[2] when c > 0
    return np.sum(k * x) + np.sum(a)


def rebind_then_alias_in_loop(x, c):
    k = x * 1.0
    b = k
    for i in range(3):
        b[i] = b[i] * x[(i + 1) % 3]   # turn 0: k; turn 1: fresh zeros; turn 2: k
        if i == 0:
            b = np.zeros(3)
        else:
            b = k
    return np.sum(k * x) + np.sum(b)


def loop_other_branch_reads(x, c):
    k = x * 1.0
    b = np.ones(3)
    s = 0.0
    for i in range(3):
        if i == 1:
            b = k
        elif i == 2:
            s = s + np.sum(b * x)  # reads k, written in turn 0 through k itself
        else:
            k[0] = x[1] * x[2]
    return s + np.sum(k)


def loop_write_before_bind_same_turn(x, c):
    k = x * 1.0
    b = x * 2.0
    for i in range(3):
        if c > 0 and i > 0:
            b[i] = x[i - 1] * 3.0  # turn 2 writes k[2] (bound at the end of turn 1)
        b = k if i == 1 else b
    return np.sum(k * x) + np.sum(b)


def two_loops_bind_then_write(x, c):
    k = x * 1.0
    b = x * 0.0
    n = 2 if c > 0 else 0
    for i in range(n):
        if i == 1:
            b = k
    for j in range(3):
        b[j] = b[j] + x[j] * x[2 - j]  # into k when bound
    return np.sum(k * x) + np.sum(b)


# ------------- 2. a conditional alias whose source is rebound, other holders -------------

def cond_alias_rebind_list_before(x, c):
    k = x * 2.0
    b = np.ones(3)
    L = [k]                        # L[0] is k's array
    if c > 0:
        b = k
    k = np.tanh(k)                 # k is a new array; b and L[0] the old one
    b[0] = x[1] * x[2]             # writes the old array: L[0] sees it when c > 0
    return np.sum(L[0] * x) + np.sum(b * x) + np.sum(k)


def cond_alias_rebind_append_after(x, c):
    k = x * 2.0
    b = np.ones(3)
    acc = []
    if c > 0:
        b = k
    acc.append(k)                  # acc[0] is the old k
    k = np.tanh(k)
    b[1] = x[0] ** 2               # seen through acc[0] when c > 0
    return np.sum(acc[0] * x) + np.sum(b) + np.sum(k * x)


def cond_alias_rebind_tuple(x, c):
    k = x + 1.0
    b = x * 0.5
    t = (k, x)
    if c > 0:
        b = k
    k = np.tanh(k)
    b[2] = x[0] * x[1]
    return np.sum(t[0] * x) + np.sum(b) + np.sum(k)


def cond_alias_rebind_dict(x, c):
    k = x * 3.0
    b = np.zeros(3)
    d = {"w": k}
    if c > 0:
        b = k
    k = np.tanh(k)
    b[0] = x[2] * 2.0
    return np.sum(d["w"] * x) + np.sum(b) + np.sum(k)


def cond_alias_rebind_view_holder(x, c):
    k = x * 2.0
    b = np.ones(3)
    v = k[1:]                      # a view of the old k
    if c > 0:
        b = k
    k = np.tanh(k)
    b[1] = x[0] * x[2]             # v[0] sees it when c > 0
    return np.sum(v * x[1:]) + np.sum(b) + np.sum(k)


def cond_alias_rebind_view_after(x, c):
    k = x * 2.0
    b = np.ones(3)
    if c > 0:
        b = k
    v = k[:2]                      # a view of the old k, taken after the alias
    k = np.tanh(k)
    b[0] = x[1] * 3.0
    return np.sum(v * x[:2]) + np.sum(b) + np.sum(k)


def cond_alias_rebind_second_alias(x, c):
    k = x * 2.0
    b = np.ones(3)
    d = k                          # another name for k's array
    if c > 0:
        b = k
    k = np.tanh(k)
    b[2] = x[0] * x[1]             # d sees it when c > 0
    return np.sum(d * x) + np.sum(b) + np.sum(k)


def cond_alias_rebind_write_other(x, c):
    k = x * 2.0
    b = np.ones(3)
    d = k
    if c > 0:
        b = k
    k = np.tanh(k)
    d[0] = x[1] * x[2]             # write through the other holder: b sees it when c > 0
    return np.sum(d) + np.sum(b * x) + np.sum(k)


def cond_alias_rebind_list_write_b_op(x, c):
    k = x * 2.0
    b = np.ones(3)
    L = [k]
    if c > 0:
        b = k
    k = np.tanh(k)
    b *= x                         # in place into the old k when c > 0
    return np.sum(L[0] * x) + np.sum(b) + np.sum(k)


def cond_alias_rebind_holder_in_branch(x, c):
    k = x * 2.0
    b = np.ones(3)
    L = []
    if c > 0:
        b = k
    else:
        L.append(k)                # another holder only when c <= 0 (b not k then)
    k = np.tanh(k)
    b[0] = x[2] ** 2
    return sum(np.sum(v * x) for v in L) + np.sum(b * x) + np.sum(k)


def cond_alias_rebind_holder_same_branch(x, c):
    k = x * 2.0
    b = np.ones(3)
    L = [x]
    if c > 0:
        b = k
        L = [k]                    # both b and L[0] hold k when c > 0
    k = np.tanh(k)
    b[1] = x[0] * x[2]
    return np.sum(L[0] * x) + np.sum(b) + np.sum(k)


def cond_alias_in_loop_rebind_list(x, c):
    k = x * 1.0
    b = np.zeros(3)
    acc = []
    for i in range(2):
        acc.append(k)              # turn 0: old k; turn 1: the tanh
        if i == 0 and c > 0:
            b = k
        k = np.tanh(k)
    b[0] = x[1] * x[2]             # the first k when c > 0: acc[0] sees it
    return np.sum(acc[0] * x) + np.sum(acc[1] * x) + np.sum(b) + np.sum(k)


def cond_alias_rebind_in_loop_view(x, c):
    k = x * 1.0
    b = x * 0.0
    for i in range(3):
        v = k[1:]                  # a view of this turn's k
        if i == 1 and c > 0:
            b = k
        k = np.tanh(k) + x
    b[1] = x[0] ** 3               # turn 1's k; the last v is turn 2's k
    return np.sum(v * x[1:]) + np.sum(b) + np.sum(k)


def cond_alias_rebind_both_then_holder_rebound(x, c):
    k = x * 2.0
    b = np.ones(3)
    d = k
    if c > 0:
        b = k
    k = np.tanh(k)
    d = x * 4.0                    # the other holder rebound before the write
    b[0] = x[1] * x[2]
    return np.sum(d) + np.sum(b * x) + np.sum(k)


def cond_alias_rebind_twice(x, c):
    k = x * 2.0
    b = np.ones(3)
    if c > 0:
        b = k
    L = [k]
    k = np.tanh(k)
    k = k * 2.0                    # rebound again
    b[2] = x[0] * x[1]
    return np.sum(L[0] * x) + np.sum(b) + np.sum(k)


def cond_alias_rebind_k_op_assign(x, c):
    k = x * 2.0
    b = np.ones(3)
    L = [k]
    if c > 0:
        b = k
    k = k * 1.0                    # new array
    k += x                         # into the new one only
    b[0] = x[1] * 3.0
    return np.sum(L[0] * x) + np.sum(b) + np.sum(k * x)


# -------- 2b. conditional alias, source rebound: other holders of many kinds --------


def base(x, c):
    k = x * 2.0
    b = np.ones(3)
    if c > 0:
        b = k
    k = np.tanh(k)
    b[0] = x[1] * x[2]
    return np.sum(b * x) + np.sum(k)


def base_loop(x, c):
    k = x * 2.0
    b = np.ones(3)
    for i in range(2):
        if i == 1 and c > 0:
            b = k
        k = np.tanh(k)
    b[0] = x[1] * x[2]
    return np.sum(b * x) + np.sum(k)


def base_holder_later(x, c):
    k = x * 2.0
    b = np.ones(3)
    if c > 0:
        b = k
    k = np.tanh(k)
    L = [k]
    b[0] = x[1] * x[2]
    return np.sum(b * x) + np.sum(L[0])


def base_read_other(x, c):
    k = x * 2.0
    b = np.ones(3)
    v = k[1:]
    if c > 0:
        b = k
    k = np.tanh(k)
    return np.sum(b * x) + np.sum(k) + np.sum(v)


def base_holder_loopvar(x, c):
    k = x * 2.0
    b = np.ones(3)
    for w in [k]:
        pass
    if c > 0:
        b = k
    k = np.tanh(k)
    b[0] = x[1] * x[2]
    return np.sum(b * x) + np.sum(k) + np.sum(w * x)


def base_holder_unpack(x, c):
    k = x * 2.0
    b = np.ones(3)
    w, z = k, x
    if c > 0:
        b = k
    k = np.tanh(k)
    b[0] = x[1] * x[2]
    return np.sum(b * x) + np.sum(k) + np.sum(w * x)


def base_holder_ternary(x, c):
    k = x * 2.0
    b = np.ones(3)
    w = k if x[0] > -5 else x
    if c > 0:
        b = k
    k = np.tanh(k)
    b[0] = x[1] * x[2]
    return np.sum(b * x) + np.sum(k) + np.sum(w * x)


def _ident(a):
    return a


def base_holder_helper(x, c):
    k = x * 2.0
    b = np.ones(3)
    w = _ident(k)
    if c > 0:
        b = k
    k = np.tanh(k)
    b[0] = x[1] * x[2]
    return np.sum(b * x) + np.sum(k) + np.sum(w * x)


def base_holder_asarray(x, c):
    k = x * 2.0
    b = np.ones(3)
    w = np.asarray(k)
    if c > 0:
        b = k
    k = np.tanh(k)
    b[0] = x[1] * x[2]
    return np.sum(b * x) + np.sum(k) + np.sum(w * x)


def base_holder_reshape(x, c):
    k = x * 2.0
    b = np.ones(3)
    w = k.reshape(3)
    if c > 0:
        b = k
    k = np.tanh(k)
    b[0] = x[1] * x[2]
    return np.sum(b * x) + np.sum(k) + np.sum(w * x)


def base_holder_einsum(x, c):
    k = x * 2.0
    b = np.ones(3)
    w = np.einsum('i->i', k)
    if c > 0:
        b = k
    k = np.tanh(k)
    b[0] = x[1] * x[2]
    return np.sum(b * x) + np.sum(k) + np.sum(w * x)


def base_holder_out(x, c):
    k = x * 2.0
    b = np.ones(3)
    w = np.multiply(k, 1.0, out=k)
    if c > 0:
        b = k
    k = np.tanh(k)
    b[0] = x[1] * x[2]
    return np.sum(b * x) + np.sum(k) + np.sum(w * x)


def base_holder_iadd_result(x, c):
    k = x * 2.0
    b = np.ones(3)
    w = k
    w += 1.0
    w = w
    if c > 0:
        b = k
    k = np.tanh(k)
    b[0] = x[1] * x[2]
    return np.sum(b * x) + np.sum(k) + np.sum(w * x)


class _Box:
    pass


def base_holder_listcomp(x, c):
    k = x * 2.0
    b = np.ones(3)
    L = [k for _ in range(1)]
    if c > 0:
        b = k
    k = np.tanh(k)
    b[0] = x[1] * x[2]
    return np.sum(b * x) + np.sum(k) + np.sum(L[0] * x)


def base_holder_inloop_rebind(x, c):
    k = x * 2.0
    b = np.ones(3)
    for i in range(2):
        if i == 0:
            w = k
        if i == 0 and c > 0:
            b = k
        k = np.tanh(k)
    b[0] = x[1] * x[2]
    return np.sum(b * x) + np.sum(k) + np.sum(w * x)


# -------- 2c. the source itself shares memory with another name (WRONG ones are in adv15_bug_programs) --------


def h_arg(x, c):
    x = x * 1.0
    y = x
    k = y
    b = np.ones(3)
    if c > 0:
        b = k
    k = np.tanh(k)
    b[0] = x[1] * x[2]
    return np.sum(b * x) + np.sum(k) + np.sum(y * x)


def h_loopvar(m, c):
    base = m * 2.0
    b = np.ones(3)
    for k in base:
        if c > 0:
            b = k
        k = np.tanh(k)
    b[0] = m[0, 1] * m[1, 2]
    return np.sum(b * m[0]) + np.sum(k) + np.sum(base * m)


def h_default(x, c):
    k = x * 2.0
    def g(a=k):
        return a * 1.0
    b = np.ones(3)
    if c > 0:
        b = k
    k = np.tanh(k)
    b[0] = x[1] * x[2]
    return np.sum(b * x) + np.sum(k) + np.sum(g() * x)


def h_tuple_unpack(x, c):
    p = (x * 2.0, x)
    k, _ = p
    b = np.ones(3)
    if c > 0:
        b = k
    k = np.tanh(k)
    b[0] = x[1] * x[2]
    return np.sum(b * x) + np.sum(k) + np.sum(p[0] * x)


def h_chain(x, c):
    k = x * 2.0
    b = np.ones(3)
    e = np.ones(3)
    if c > 0:
        b = k
        e = b
    k = np.tanh(k)
    b[0] = x[1] * x[2]
    return np.sum(b * x) + np.sum(k) + np.sum(e * x)


def h_two_cond(x, c):
    k = x * 2.0
    b = np.ones(3)
    e = np.zeros(3)
    if c > 0:
        b = k
    if x[0] > 0:
        e = k
    k = np.tanh(k)
    b[0] = x[1] * x[2]
    return np.sum(b * x) + np.sum(k) + np.sum(e * x)


def h_two_cond_loop(x, c):
    k = x * 2.0
    b = np.ones(3)
    e = np.zeros(3)
    for i in range(2):
        if i == 0 and c > 0:
            b = k
        if i == 1:
            e = b
    k = np.tanh(k)
    b[0] = x[1] * x[2]
    return np.sum(b * x) + np.sum(k) + np.sum(e * x)


# -------- 3a. op= on what a user helper returned --------


def _power(x, a, n):
    for i in range(n):
        a = a * x
    return a


def _tail(a):
    return a[1:]


def _pick(a, b, c):
    if c > 0:
        return a
    return b * 1.0


def _ret_T(a):
    return a.T


def helper_zero_turns_iadd(x, c):
    k = x * 1.0
    n = 2 if c > 0 else 0
    h = _power(x, k, n)
    h += x * x                     # n = 0: h is k, so k changes too
    return np.sum(k * x) + np.sum(h)


def helper_view_isub(x, c):
    k = x * 2.0
    h = _tail(k)
    h -= x[:2]                     # k[1:] changes
    return np.sum(k * x) + np.sum(h)


def helper_pick_imul(x, c):
    k = x + 1.0
    h = _pick(k, x, c)
    h *= x                         # c > 0: k changes
    return np.sum(k * x) + np.sum(h)


def helper_T_idiv(m, c):
    k = m + 2.0
    h = _ret_T(k)
    h /= 2.0 + m.T                 # k changes (transposed)
    return np.sum(k * m) + np.sum(h)


def helper_in_loop_iadd(x, c):
    k = x * 1.0
    for i in range(2):
        h = _power(x, k, i)        # turn 0: k itself
        h += x
    return np.sum(k * x) + np.sum(h)


def helper_zero_turns_setitem(x, c):
    k = x * 1.0
    n = 1 if c > 0 else 0
    h = _power(x, k, n)
    h[0] = x[1] * x[2]
    return np.sum(k * x) + np.sum(h)


def helper_result_then_read_arg(x, c):
    k = x * 1.0
    h = _power(x, k, 0)
    h += 1.0
    return np.sum(k * x)


def _nested(x, a):
    return _power(x, a, 0)


def helper_nested_iadd(x, c):
    k = x * 1.0
    h = _nested(x, k)
    h += x
    return np.sum(k * x) + np.sum(h)


def _pass_through_list(L):
    return L[0]


def helper_list_item_iadd(x, c):
    k = x * 1.0
    h = _pass_through_list([k, x])
    h += x
    return np.sum(k * x) + np.sum(h)


def _kw(x, a=None):
    return a


def helper_kw_iadd(x, c):
    k = x * 1.0
    h = _kw(x, a=k)
    h += x
    return np.sum(k * x) + np.sum(h)


def _tuple_ret(a, x):
    return a, x * 2.0


def helper_tuple_iadd(x, c):
    k = x * 1.0
    h, g = _tuple_ret(k, x)
    h += g
    return np.sum(k * x) + np.sum(h)


def helper_lambda_iadd(x, c):
    k = x * 1.0
    f = lambda a: a
    h = f(k)
    h += x
    return np.sum(k * x) + np.sum(h)


def _reshape(a):
    return a.reshape(3)


def helper_reshape_iadd(x, c):
    k = x * 1.0
    h = _reshape(k)
    h += x
    return np.sum(k * x) + np.sum(h)


# -------- 4a. einsum relabelings are views; positional and keyword out= --------


def einsum_id_base_write_read_view(x, c):
    k = x * 2.0
    v = np.einsum('i->i', k)
    k[1] = x[0] * x[2]
    return np.sum(v * x)


def einsum_T_write_view(m, c):
    k = m * 1.0
    v = np.einsum('ij->ji', k)
    v[2, 0] = m[1, 1] ** 2
    return np.sum(k * m)


def einsum_cond_view(x, c):
    k = x * 2.0
    v = x + 1.0
    if c > 0:
        v = np.einsum('i->i', k)
    k[0] = x[2] ** 2
    return np.sum(v * x) + np.sum(k)


def einsum_in_loop(x, c):
    k = x * 1.0
    for i in range(2):
        v = np.einsum('i->i', k)
        v[i] = x[i + 1] * 2.0
    return np.sum(k * x)


def einsum_ellipsis(x, c):
    k = x * 1.0
    v = np.einsum('...->...', k)
    v[0] = x[2] * 3.0
    return np.sum(k * x)


def einsum_capital(m, c):
    k = m * 1.0
    v = np.einsum('Ab->bA', k)
    v[0, 1] = m[0, 0] * 2.0
    return np.sum(k * m)


def einsum_spaces(x, c):
    k = x * 1.0
    v = np.einsum('i -> i', k)
    v[0] = x[1] * 3.0
    return np.sum(k * x)


def einsum_implicit(m, c):
    k = m * 1.0
    v = np.einsum('ji', k)           # implicit output 'ij': transposed view
    v[1, 0] = m[1, 2] * 2.0
    return np.sum(k * m)


def einsum_implicit_id(x, c):
    k = x * 1.0
    v = np.einsum('i', k)            # implicit: identity view
    v[2] = x[0] * 3.0
    return np.sum(k * x)


def einsum_operands_list(x, c):
    k = x * 1.0
    v = np.einsum(k, [0], [0])       # sublist form: a view
    v[1] = x[0] * 3.0
    return np.sum(k * x)


def einsum_optimize(x, c):
    k = x * 1.0
    v = np.einsum('i->i', k, optimize=True)
    v[1] = x[0] * 3.0
    return np.sum(k * x)


def einsum_subscripts_var(x, c):
    k = x * 1.0
    s = 'i->i'
    v = np.einsum(s, k)
    v[1] = x[0] * 3.0
    return np.sum(k * x)


def sin_posout_alias(x, c):
    a = x * 1.0
    b = a
    np.sin(a, a)
    return np.sum(b * x)


def add_posout(x, c):
    a = x * 2.0
    np.add(a, x * x, a)
    return np.sum(a * x)


def add_posout_view(x, c):
    a = x * 2.0
    v = a[1:]
    np.multiply(a, x, a)
    return np.sum(v * x[1:]) + np.sum(a)


def posout_other_target(x, c):
    a = x * 2.0
    t = np.zeros(3)
    np.exp(a, t)
    return np.sum(t * x) + np.sum(a)


def posout_as_value(x, c):
    a = x * 2.0
    y = np.sin(a, a)                 # y is a
    y[0] = x[1] * x[2]               # a[0] too
    return np.sum(a * x) + np.sum(y)


def out_kw_value_then_op(x, c):
    a = x * 2.0
    y = np.multiply(a, x, out=a) * 2.0  # a changes; y is new
    return np.sum(a * x) + np.sum(y)


def out_kw_tuple(x, c):
    a = x * 2.0
    np.add(a, x, out=(a,))
    return np.sum(a * x)


def out_into_view_posout(x, c):
    a = x * 1.0
    np.square(a[1:], a[1:])
    return np.sum(a * x)


def posout_overlap_shift(x, c):
    a = x * 1.0
    np.multiply(a[:2], x[1:], a[1:])   # overlapping: NumPy buffers the input
    return np.sum(a * x)


def posout_cond(x, c):
    a = x * 1.0
    b = x + 1.0
    if c > 0:
        b = a
    np.tanh(a, a)
    return np.sum(b * x)


def out_value_chain(x, c):
    a = x * 1.0
    s = np.sum(np.cos(a, out=a))     # a changes, s reads it
    return s + np.sum(a * x)


def posout_loop(x, c):
    a = x * 1.0
    for i in range(2):
        np.multiply(a, x, a)
    return np.sum(a)


# -------- 4b/5. out= as values, lists holding arrays, split parts, .view() --------


def posout_in_sum(x, c):
    a = x * 1.0
    s = np.sum(np.sin(a, a))
    return s + np.sum(a * x)


def posout_value_add(x, c):
    a = x * 2.0
    y = np.add(a, x, a)
    return np.sum(y * x) + np.sum(a)


def posout_const_target(x, c):
    a = np.ones(3) * 0.5
    np.sin(a, a)
    return np.sum(a * x)


def posout_kw_twin(x, c):
    a = x * 1.0
    b = a
    np.sin(a, out=a)
    return np.sum(b * x)


def posout_value_copy(x, c):
    a = x * 1.0
    y = np.sin(a, a).copy()
    y[0] = x[1] * x[2]
    return np.sum(a * x) + np.sum(y)


def posout_two_outputs(x, c):
    a = x * 1.0
    q = np.zeros(3)
    r = np.zeros(3)
    np.divmod(a, 0.4, q, r)
    return np.sum(r * x)


def posout_where_none(x, c):
    a = x * 1.0
    np.sin(a, a, where=True)
    return np.sum(a * x)


def list_unpack_star(x, c):
    k = x * 2.0
    L = [k]
    L2 = [*L]
    k[1] = x[0] * x[2]
    return np.sum(L2[0] * x)


def list_plus_empty(x, c):
    k = x * 2.0
    L = [k]
    L2 = L + []
    k[0] = x[1] ** 2
    return np.sum(L2[0] * x)


def list_tuple_call(x, c):
    k = x * 2.0
    L = [k]
    T = tuple(L)
    k[2] = x[0] * 3.0
    return np.sum(T[0] * x)


def list_slice_in_loop(x, c):
    k = x * 2.0
    L = [k]
    for i in range(2):
        L2 = L[:]
        k[i] = x[i + 1] * x[i]
    return np.sum(L2[0] * x)


def list_copy_written_through_copy(x, c):
    k = x * 2.0
    L = [k]
    L2 = L.copy()
    L2[0][1] = x[2] * 3.0            # k[1]
    return np.sum(k * x)


def list_of_two_write_second(x, c):
    k = x * 2.0
    m = x + 1.0
    L = [k, m]
    L[1][0] = x[2] ** 2               # m[0]
    return np.sum(m * x) + np.sum(k)


def list_item_view_write(x, c):
    k = x * 2.0
    L = [k[1:]]
    L[0][0] = x[0] * x[2]            # k[1]
    return np.sum(k * x)


def list_item_iadd_loop(x, c):
    k = x * 1.0
    L = [k]
    for i in range(2):
        L[0] += x * 0.5              # k changes each turn
    return np.sum(k * x)


def split_parts_write(x, c):
    k = x * 1.0
    a, b = np.split(k, [2])          # views
    b[0] = x[0] * x[1]               # k[2]
    return np.sum(k * x)


def array_split_write(x, c):
    k = x * 1.0
    parts = np.array_split(k, 3)
    parts[0][0] = x[2] * 2.0
    return np.sum(k * x)


def hsplit_iadd(m, c):
    k = m * 1.0
    p, q = np.hsplit(k, [1])
    q += m[:, 1:]
    return np.sum(k * m)


def split_base_write_read_part(x, c):
    k = x * 1.0
    a, b = np.split(k, [1])
    k[1] = x[0] * 4.0                # b[0] sees it
    return np.sum(b * x[1:]) + np.sum(a)


def view_method_write(x, c):
    k = x * 1.0
    v = k.view()
    v[0] = x[1] * x[2]
    return np.sum(k * x)


def view_method_base_write(x, c):
    k = x * 1.0
    v = k.view()
    k[2] = x[0] ** 2
    return np.sum(v * x)


def view_method_iadd(x, c):
    k = x * 1.0
    v = k.view()
    v += x
    return np.sum(k * x)


# -------- 6. second order: two targets, self-overlapping writes --------


def h2_two_targets_sq(x, c):
    k = x * x
    m = np.sin(x)
    if c > 0:
        b = k
    else:
        b = m
    b[0] = x[1] * x[2]
    return np.sum(k * x) + np.sum(m * x) + np.sum(b * b)


def h2_two_targets_iadd(x, c):
    k = x * x
    m = np.sin(x)
    if c > 0:
        b = k
    else:
        b = m
    b += x * x[0]
    return np.sum(k * x) + np.sum(m * m)


def h2_two_targets_loop(x, c):
    k = x * x
    m = np.cos(x)
    b = k
    for i in range(3):
        if i == 1:
            b = m if c > 0 else k
        b[i] = b[i] * x[(i + 1) % 3]
    return np.sum(k * x) + np.sum(m * x)


def h2_two_targets_views(m, c):
    k = m * m
    if c > 0:
        b = k[0]
    else:
        b = k[:, 1]
    b[1] = m[0, 0] * m[1, 2]
    return np.sum(k * m)


def h2_self_overlap(x, c):
    k = x * np.array([1.0, 2.0, 3.0])
    k[1:] = k[:2][::-1]
    return np.sum(k * k * x)


def h2_self_overlap_shift(x, c):
    k = x * x
    k[1:] = k[:2]
    return np.sum(k * x)


def h2_self_overlap_rev(x, c):
    k = np.sin(x) * 2.0
    k[:] = k[::-1]
    return np.sum(k * x * x)


def h2_self_overlap_iadd(x, c):
    k = x * np.array([1.0, -2.0, 0.5])
    k[1:] += k[:2]
    return np.sum(k * k)


def h2_self_overlap_cond(x, c):
    k = x * 3.0
    if c > 0:
        k[1:] = k[:2][::-1]
    else:
        k[:2] = k[1:]
    return np.sum(k * x * x)


def h2_self_overlap_const_scaled_twice(x, c):
    k = x * 2.0 * np.array([1.0, 2.0, 3.0])
    k[1:] = k[:2][::-1] * x[0]
    k[:2] = k[1:] * k[0]
    return np.sum(k * x)


def h2_cond_alias_rebound(x, c):
    k = x * x
    b = np.ones(3)
    if c > 0:
        b = k
    k = np.tanh(k)
    b[0] = x[1] * x[2]
    return np.sum(b * x) + np.sum(k * x)


def h2_two_targets_then_read_both(x, c):
    k = x * 1.0
    m = x * 2.0
    if c > 0:
        b = k
    elif x[0] > 0:
        b = m
    else:
        b = x * 3.0
    b[2] = x[0] * x[1]
    b[0] = b[2] * x[2]
    return np.sum(k * x * x) + np.sum(m * x) + np.sum(b * x)


# -------- 3b. op= / writes on a GLOBAL array, a global object's attribute, a global list's item, a closure --------
# NumPy changes the global in place on every call: the derivative of the second call must be
# that of the changed global (GLOBAL_PROGRAMS, test_global_twice in test_adv15.py).


W = np.array([0.5, -1.0, 2.0])


class _Cfg:
    pass


cfg = _Cfg()


cfg.W = np.array([1.5, 0.25, -0.5])


Ws = [np.array([0.2, 0.4, 0.6]), np.array([1.0, 2.0, 3.0])]


def g_alias_iadd(x, c):
    w = W
    w += x * 0.1           # NumPy: W changes in place, every call
    return np.sum(w * x)


def g_attr_imul(x, c):
    w = cfg.W
    w *= 1.0 + 0.0 * x[0]
    w += x
    return np.sum(w * x)


def g_list_isub(x, c):
    w = Ws[0]
    w -= x * x
    return np.sum(w * x) + np.sum(Ws[0])


def g_read_only(x, c):
    return np.sum(W * x)


def _helper_g(x, a, n):
    for i in range(n):
        a = a * x
    return a


def g_helper_iadd(x, c):
    w = _helper_g(x, W, 0)
    w += x
    return np.sum(w * x)


def g_cond_alias(x, c):
    w = x * 1.0
    if c > 0:
        w = W
    w /= 2.0 + x * 0.0
    return np.sum(w * x)


def g_loop_alias(x, c):
    w = x * 1.0
    for i in range(2):
        w += x
        w = W
    return np.sum(w * x)


def _make():
    Z = np.array([0.1, 0.2, 0.3])
    def g_closure(x, c):
        w = Z
        w += x
        return np.sum(w * x)
    return g_closure


g_closure = _make()


def g_view_iadd(x, c):
    w = W[:]
    w += x
    return np.sum(w * x)


def g_setitem(x, c):
    w = W
    w[0] = x[1] * 2.0
    return np.sum(w * x)


def g_copyto(x, c):
    w = W
    np.copyto(w, x * 0.5 + w)
    return np.sum(w * x)


def g_fill(x, c):
    w = W
    w.fill(np.sum(x))
    return np.sum(w * x)


def g_out(x, c):
    w = W
    np.add(w, x, out=w)
    return np.sum(w * x)


def g_posout(x, c):
    w = W
    np.add(w, x, w)
    return np.sum(w * x)


def g_sin_posout(x, c):
    w = W
    np.sin(w, w)
    return np.sum(w * x)


def _bump(a, x):
    a += x
    return None


def g_helper_bumps(x, c):
    _bump(W, x)
    return np.sum(W * x)


def g_default(x, c, w=W):
    w += x
    return np.sum(w * x)


def g_direct_iadd(x, c):
    v = W
    v[...] += x
    return np.sum(W * x)


def g_einsum(x, c):
    w = np.einsum('i->i', W)
    w += x
    return np.sum(w * x)


def g_asarray(x, c):
    w = np.asarray(W)
    w *= x
    return np.sum(w)


def g_atleast(x, c):
    w = np.atleast_1d(W)
    w += x
    return np.sum(w * x)


def g_ravel(x, c):
    w = W.ravel()
    w += x
    return np.sum(w * x)


def g_tuple(x, c):
    t = (W, x)
    w = t[0]
    w += x
    return np.sum(w * x)


def g_unpack(x, c):
    w, z = W, x
    w += z
    return np.sum(w * x)


def g_loopvar(x, c):
    for w in [W]:
        w += x
    return np.sum(W * x)


def g_ternary(x, c):
    w = W if c > 0 else x * 1.0
    w += x
    return np.sum(w * x)


def g_op_on_noarray(x, c):
    s = 0.0
    w = W
    w += 1.0
    return np.sum(w * x)


def g_helper_iadd_advised(x, c):
    # g_helper_iadd with its advice applied: `_helper_g(x, W, 0).copy()`
    w = _helper_g(x, W, 0).copy()
    w += x
    return np.sum(w * x)


def g_alias_iadd_advised(x, c):
    # g_alias_iadd with its advice applied: "take a copy first (w = ....copy())"
    w = W.copy()
    w += x * 0.1
    return np.sum(w * x)


def g_setitem_advised(x, c):
    # g_setitem with its advice applied: "copy it into a local first: W_local = W.copy()"
    w = W.copy()
    w[0] = x[1] * 2.0
    return np.sum(w * x)
