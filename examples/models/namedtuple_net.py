"""A regression network whose parameters are named: each layer a namedtuple
Layer(W, b), the whole model a dict of dicts {"body": {...}, "head": {...}}.
Fits y = sin(3x) + x^2 by a few steps of gradient descent with momentum."""

from collections import namedtuple

import numpy as np

import pullback as pb

Layer = namedtuple("Layer", ["W", "b"])
Model = namedtuple("Model", ["hidden", "out"])


def dense(layer, x):
    return x @ layer.W + layer.b


def forward_tuples(params, x):
    h = np.tanh(dense(params.hidden, x))
    return dense(params.out, h)


def loss_tuples(params, x, y):
    """The same model with namedtuple layers inside a namedtuple model."""
    return np.mean((forward_tuples(params, x) - y) ** 2)


def dense_dict(layer, x):
    return x @ layer["W"] + layer["b"]


def forward(model, x):
    # pullback refuses the loop `for name in ["in", "mid"]: ... model["body"][name]`
    # (and a loop over model["body"].values()); constant keys work.
    h = np.tanh(dense_dict(model["body"]["in"], x))
    h = np.tanh(dense_dict(model["body"]["mid"], h))
    return dense_dict(model["head"], h)


def loss(model, x, y):
    return np.mean((forward(model, x) - y) ** 2)


def example(seed=0, n=40):
    rng = np.random.default_rng(seed)
    x = np.linspace(-1, 1, n)[:, None]
    y = np.sin(3 * x) + x ** 2
    def init(m, k):
        return {"W": rng.normal(size=(m, k)) / np.sqrt(m), "b": np.zeros(k)}
    model = {"body": {"in": init(1, 10), "mid": init(10, 10)}, "head": init(10, 1)}
    return model, x, y


def as_tuples(model):
    """The dict model as namedtuples: Model(hidden=Layer(W, b), out=Layer(W, b))."""
    return Model(Layer(model["body"]["in"]["W"], model["body"]["in"]["b"]),
                 Layer(model["head"]["W"], model["head"]["b"]))


def tree_map(fn, tree, *rest):
    if isinstance(tree, dict):
        return {k: tree_map(fn, tree[k], *[r[k] for r in rest]) for k in tree}
    return fn(tree, *rest)


def main(steps=60, lr=0.1, mass=0.9):
    model, x, y = example()
    step = pb.value_and_grad(loss)
    velocity = tree_map(np.zeros_like, model)
    for i in range(steps):
        value, grads = step(model, x, y)
        velocity = tree_map(lambda v, g: mass * v - lr * g, velocity, grads)
        model = tree_map(lambda p, v: p + v, model, velocity)
        if i % 12 == 0:
            print(f"step {i:2d}  loss {value:.4f}")
    print(f"final loss {loss(model, x, y):.4f}")
    params = as_tuples(example()[0])
    grad_tuples = pb.grad(loss_tuples)
    for i in range(steps):
        grads = grad_tuples(params, x, y)      # a Model of Layers, like params
        params = Model(*[Layer(*[p - lr * g for p, g in zip(layer, glayer)])
                         for layer, glayer in zip(params, grads)])
    print(f"namedtuple model, {steps} plain steps: loss {loss_tuples(params, x, y):.4f}")


if __name__ == "__main__":
    main()
