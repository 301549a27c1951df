"""A small 1-d convnet telling sequences with a bump from sequences with a dip:
a convolution written as a loop over slices, ReLU, max-pooling over slices,
a global average and a logistic readout."""

import numpy as np

import pullback as pb


def conv1d(x, w, b):
    """x: (batch, length, c_in), w: (width, c_in, c_out) -> (batch, length - width + 1, c_out)."""
    width = w.shape[0]
    out = []
    for i in range(x.shape[1] - width + 1):
        window = x[:, i:i + width, :]
        out.append(np.tensordot(window, w, axes=([1, 2], [0, 1])) + b)
    return np.stack(out, axis=1)


def conv1d_by_writes(x, w, b):
    """The same convolution, filling a preallocated array (not HIPS-autograd code)."""
    width, n = w.shape[0], x.shape[1] - w.shape[0] + 1
    out = np.zeros((x.shape[0], n, w.shape[2]))
    for i in range(n):
        for j in range(width):
            out[:, i, :] += x[:, i + j, :] @ w[j]
    return out + b


def max_pool(h, size=2):
    return np.stack([np.max(h[:, i:i + size, :], axis=1)
                     for i in range(0, h.shape[1] - size + 1, size)], axis=1)


def net(params, x, conv=conv1d):
    (w1, b1), (w2, b2), (v, c) = params
    h = max_pool(np.maximum(conv(x, w1, b1), 0.0))
    h = np.maximum(conv(h, w2, b2), 0.0)
    return np.mean(h, axis=1) @ v + c


def loss(params, x, labels):
    z = labels * net(params, x)
    return np.mean(np.logaddexp(0.0, -z))


def loss_by_writes(params, x, labels):
    z = labels * net(params, x, conv=conv1d_by_writes)
    return np.mean(np.logaddexp(0.0, -z))


def example(seed=0, n=24, length=16):
    rng = np.random.default_rng(seed)
    labels = rng.choice([-1.0, 1.0], size=n)
    where = rng.integers(3, length - 3, size=n)
    t = np.arange(length)
    bumps = np.exp(-0.5 * (t[None, :] - where[:, None]) ** 2)
    x = (labels[:, None] * bumps + 0.2 * rng.normal(size=(n, length)))[:, :, None]
    params = [(0.5 * rng.normal(size=(3, 1, 4)), np.zeros(4)),
              (0.5 * rng.normal(size=(3, 4, 4)), np.zeros(4)),
              (0.5 * rng.normal(size=4), np.float64(0.0))]
    return params, x, labels


def main(steps=30, lr=1.0):
    params, x, labels = example()
    step = pb.value_and_grad(loss)
    for i in range(steps):
        value, grads = step(params, x, labels)
        params = [(a - lr * da, b - lr * db) for (a, b), (da, db) in zip(params, grads)]
        if i % 6 == 0:
            print(f"step {i:2d}  loss {value:.4f}")
    accuracy = np.mean(np.sign(net(params, x)) == labels)
    print(f"final loss {loss(params, x, labels):.4f}  accuracy {accuracy:.2f}")


if __name__ == "__main__":
    main()
