"""Fitting a Gaussian process's kernel hyperparameters by gradient descent on the
negative log marginal likelihood: an RBF kernel built by broadcasting, its
Cholesky factor from np.linalg.cholesky, and triangular solves by np.linalg.solve."""

import numpy as np

import pullback as pb


def rbf_kernel(x1, x2, log_lengthscale, log_variance):
    sq = (x1[:, None, :] - x2[None, :, :]) ** 2
    return np.exp(log_variance) * np.exp(-0.5 * np.sum(sq, axis=2) / np.exp(2 * log_lengthscale))


def loss(hyper, x, y):
    """Negative log marginal likelihood of y under the GP prior plus noise."""
    # pullback refuses `log_ls, log_var, log_noise = hyper` (unpacking an array)
    # and advises indexing, which works.
    log_ls, log_var, log_noise = hyper[0], hyper[1], hyper[2]
    n = x.shape[0]
    K = rbf_kernel(x, x, log_ls, log_var) + (np.exp(2 * log_noise) + 1e-6) * np.eye(n)
    L = np.linalg.cholesky(K)
    a = np.linalg.solve(L, y)              # L a = y, so y' K^-1 y = a' a
    log_det = 2 * np.sum(np.log(np.diag(L)))
    return 0.5 * np.dot(a, a) + 0.5 * log_det + 0.5 * n * np.log(2 * np.pi)


def predict(hyper, x, y, x_new):
    log_ls, log_var, log_noise = hyper
    K = rbf_kernel(x, x, log_ls, log_var) + np.exp(2 * log_noise) * np.eye(x.shape[0])
    return rbf_kernel(x_new, x, log_ls, log_var) @ np.linalg.solve(K, y)


def example(seed=0, n=20):
    rng = np.random.default_rng(seed)
    x = np.sort(rng.uniform(-3, 3, size=(n, 1)), axis=0)
    y = np.sin(2 * x[:, 0]) + 0.1 * rng.normal(size=n)
    return np.array([0.5, 0.0, -1.0]), x, y


def main(steps=40, lr=0.02):
    hyper, x, y = example()
    step = pb.value_and_grad(loss)
    for i in range(steps):
        value, g = step(hyper, x, y)
        hyper = hyper - lr * g
        if i % 8 == 0:
            print(f"step {i:2d}  -log p(y) {value:.4f}")
    print(f"final -log p(y) {loss(hyper, x, y):.4f}  lengthscale {np.exp(hyper[0]):.3f}  "
          f"noise {np.exp(hyper[2]):.3f}")
    print("prediction at 0.5:", round(float(predict(hyper, x, y, np.array([[0.5]]))[0]), 3),
          " true:", round(float(np.sin(1.0)), 3))


if __name__ == "__main__":
    main()
