"""Maximum likelihood for a 1-d Gaussian mixture by gradient descent: unconstrained
parameters (logits of the weights, means, log standard deviations) in a dict, the
log-likelihood through a logsumexp written with np.max, np.exp and np.log."""

import numpy as np

import pullback as pb


def logsumexp(a, axis):
    m = np.max(a, axis=axis, keepdims=True)
    return np.squeeze(m, axis=axis) + np.log(np.sum(np.exp(a - m), axis=axis))


def log_normal(x, mean, log_std):
    return -0.5 * ((x - mean) / np.exp(log_std)) ** 2 - log_std - 0.5 * np.log(2 * np.pi)


def log_likelihood(params, data):
    log_weights = params["logits"] - logsumexp(params["logits"], axis=0)
    per_component = log_weights + log_normal(data[:, None], params["means"], params["log_stds"])
    return np.sum(logsumexp(per_component, axis=1))


def loss(params, data):
    return -log_likelihood(params, data) / data.shape[0]


def example(seed=0):
    rng = np.random.default_rng(seed)
    data = np.concatenate([rng.normal(-2.0, 0.5, size=60), rng.normal(1.5, 0.8, size=40)])
    params = {"logits": np.zeros(3), "means": np.array([-1.0, 0.0, 1.0]),
              "log_stds": np.zeros(3)}
    return params, data


def main(steps=60, lr=0.3):
    params, data = example()
    step = pb.value_and_grad(loss)
    for i in range(steps):
        value, grads = step(params, data)
        params = {k: v - lr * grads[k] for k, v in params.items()}
        if i % 12 == 0:
            print(f"step {i:2d}  -log-likelihood per point {value:.4f}")
    print(f"final {loss(params, data):.4f}  means {np.round(params['means'], 2)}")


if __name__ == "__main__":
    main()
