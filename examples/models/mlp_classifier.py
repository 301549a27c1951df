"""A two-layer MLP classifier: softmax cross-entropy over a list of (W, b) layers,
trained by a few steps of plain SGD on three noisy 2-d clusters."""

import numpy as np

import pullback as pb


def init_params(rng, sizes, scale=0.5):
    return [(scale * rng.normal(size=(m, n)), np.zeros(n))
            for m, n in zip(sizes[:-1], sizes[1:])]


def logsumexp(z):
    m = np.max(z, axis=1, keepdims=True)
    return m + np.log(np.sum(np.exp(z - m), axis=1, keepdims=True))


def predict(params, inputs):
    h = inputs
    for W, b in params[:-1]:
        h = np.tanh(h @ W + b)
    W, b = params[-1]
    logits = h @ W + b
    return logits - logsumexp(logits)


def loss(params, inputs, targets):
    """Mean cross-entropy; ``targets`` is one-hot."""
    log_probs = predict(params, inputs)
    return -np.mean(np.sum(log_probs * targets, axis=1))


def accuracy(params, inputs, targets):
    return np.mean(np.argmax(predict(params, inputs), 1) == np.argmax(targets, 1))


def example(seed=0):
    rng = np.random.default_rng(seed)
    centres = np.array([[2.0, 0.0], [-1.0, 1.7], [-1.0, -1.7]])
    labels = rng.integers(0, 3, size=60)
    inputs = centres[labels] + 0.8 * rng.normal(size=(60, 2))
    targets = np.eye(3)[labels]
    return init_params(rng, [2, 8, 3]), inputs, targets


def main(steps=30, lr=0.5):
    params, inputs, targets = example()
    step = pb.value_and_grad(loss)
    for i in range(steps):
        value, grads = step(params, inputs, targets)
        params = [(W - lr * dW, b - lr * db) for (W, b), (dW, db) in zip(params, grads)]
        if i % 5 == 0:
            print(f"step {i:2d}  loss {value:.4f}")
    print(f"final loss {loss(params, inputs, targets):.4f}  "
          f"accuracy {accuracy(params, inputs, targets):.2f}")


if __name__ == "__main__":
    main()
