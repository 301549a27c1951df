"""L2-regularised logistic regression with its parameters in a dict
{"w": ..., "b": ...}, trained by gradient descent; labels are 0/1 and the
log-likelihood uses np.logaddexp for stability."""

import numpy as np

import pullback as pb


def logits(params, x):
    return x @ params["w"] + params["b"]


def loss(params, x, y, l2=0.1):
    z = logits(params, x)
    nll = np.mean(np.logaddexp(0.0, z) - y * z)
    # pullback refuses `sum(np.sum(params[k] ** 2) for k in ["w"])` (and loops
    # over params.values() / .items()); the bias is not penalised anyway.
    penalty = 0.5 * l2 * np.sum(params["w"] ** 2)
    return nll + penalty


def example(seed=0, n=80, d=5):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, d))
    w_true = rng.normal(size=d)
    y = (x @ w_true + 0.3 * rng.normal(size=n) > 0).astype(float)
    return {"w": np.zeros(d), "b": np.float64(0.0)}, x, y


def main(steps=30, lr=1.0):
    params, x, y = example()
    step = pb.value_and_grad(loss)
    for i in range(steps):
        value, grads = step(params, x, y)
        params = {k: params[k] - lr * grads[k] for k in params}
        if i % 6 == 0:
            print(f"step {i:2d}  loss {value:.4f}")
    accuracy = np.mean((logits(params, x) > 0) == (y > 0.5))
    print(f"final loss {loss(params, x, y):.4f}  training accuracy {accuracy:.2f}")


if __name__ == "__main__":
    main()
