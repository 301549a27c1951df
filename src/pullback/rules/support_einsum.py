"""Helpers for ``np.einsum``'s derivative rules (split from support.py for size).

The cotangent of each operand is itself an ``np.einsum`` of the output
cotangent with the other operands, so it is differentiable by the einsum rule.
"""

import numpy as np

_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _sublist(letters):
    return "".join("..." if v is Ellipsis else _LETTERS[v] for v in letters)


def einsum_normal(operands):
    """``(subscripts, arrays, positions)`` of an einsum call in either form: the
    subscripts string, or the sublist form ``einsum(x, [0, 1], y, [1, 2], [0, 2])``
    (``positions[i]``: where array ``i`` is among the operands)."""
    if isinstance(operands[0], str):
        return operands[0], list(operands[1:]), list(range(1, len(operands)))
    arrays, positions, specs = [], [], []
    for i in range(0, len(operands) - 1, 2):
        arrays.append(operands[i])
        positions.append(i)
        specs.append(_sublist(operands[i + 1]))
    subscripts = ",".join(specs)
    if len(operands) % 2:  # an output sublist
        subscripts += "->" + _sublist(operands[-1])
    return subscripts, arrays, positions


def _einsum_parse(subscripts, arrays):
    """Explicit per-operand letter lists and the output letters (no ellipsis)."""
    spec = subscripts.replace(" ", "")
    ins, out = (spec.split("->") + [None])[:2]
    ins = ins.split(",")
    used = set(spec) - set(",->.")
    free = [c for c in _LETTERS if c not in used]
    nell = max([np.ndim(a) - len(s.replace("...", "")) for s, a in zip(ins, arrays)
                if "..." in s] or [0])
    ell = free[:nell]
    lists = []
    for s, a in zip(ins, arrays):
        if "..." in s:
            k = np.ndim(a) - len(s.replace("...", ""))
            head, tail = s.split("...")
            lists.append(list(head) + ell[nell - k:] + list(tail))
        else:
            lists.append(list(s))
    if out is None:  # implicit mode: letters seen once, sorted, after the ellipsis
        flat = [c for s in ins for c in s.replace("...", "")]
        out_list = ell + sorted(c for c in set(flat) if flat.count(c) == 1)
    else:
        head, _, tail = out.partition("...")
        out_list = list(head) + (ell if "..." in out else []) + list(tail)
    return lists, out_list, free[nell:]


def einsum_cotangents(g, operands):
    """Reverse rule of ``np.einsum(subscripts, *arrays)`` (or of the sublist form):
    one entry per operand, ``None`` for the subscripts.

    Each cotangent is itself an einsum of ``g`` with the other operands;
    letters repeated in an operand (diagonals) are scattered back with
    identity matrices, letters summed in that operand only get a ones vector,
    and broadcast (size-1) ellipsis dimensions are summed.
    """
    subscripts, arrays, positions = einsum_normal(operands)
    lists, out_list, spare = _einsum_parse(subscripts, arrays)
    sizes = {}
    for letters, a in zip(lists, arrays):
        for c, n in zip(letters, np.shape(a)):
            sizes[c] = max(sizes.get(c, 1), n)
    result = [None] * len(operands)
    for i, a in enumerate(arrays):
        others = [(lists[j], arrays[j]) for j in range(len(arrays)) if j != i]
        terms = [(out_list, g)] + others
        present = set(out_list).union(*[set(s) for s, _ in others])
        target, fresh = [], list(spare)
        shape = np.shape(a)
        for pos, c in enumerate(lists[i]):
            if shape[pos] == 1 and sizes[c] > 1:
                continue  # broadcast dimension: summed away, restored by reshape
            if c in target:  # repeated letter: a diagonal
                d = fresh.pop()
                terms.append(([c, d], np.eye(sizes[c])))
                target.append(d)
                continue
            if c not in present:
                terms.append(([c], np.ones(sizes[c])))
                present.add(c)
            target.append(c)
        spec = ",".join("".join(s) for s, _ in terms) + "->" + "".join(target)
        result[positions[i]] = np.reshape(np.einsum(spec, *[x for _, x in terms]), shape)
    return tuple(result)


def einsum_tangents(t, operands):
    """Forward rule of ``np.einsum``: entry i is einsum with operand i replaced by ``t``.

    All entries are computed here (a helper cannot know which operand is
    active); entries whose operand ``t`` cannot be the tangent of (another
    shape) are ``None``, and so are the subscripts' entries.
    """
    subscripts, arrays, positions = einsum_normal(operands)
    result = [None] * len(operands)
    for i, p in enumerate(positions):
        if np.shape(t) == np.shape(arrays[i]):
            result[p] = np.einsum(subscripts, *(arrays[:i] + [t] + arrays[i + 1:]))
    return tuple(result)
