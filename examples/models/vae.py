"""A variational autoencoder's negative ELBO on toy 4-d data: MLP encoder to a
Gaussian's mean and log-variance, the reparameterisation trick with noise drawn
once and held fixed, an MLP decoder, and the Gaussian KL term in closed form."""

import numpy as np

import pullback as pb


def init_mlp(rng, sizes, scale=0.3):
    return [(scale * rng.normal(size=(m, n)), np.zeros(n))
            for m, n in zip(sizes[:-1], sizes[1:])]


def mlp(layers, x):
    for W, b in layers[:-1]:
        x = np.tanh(x @ W + b)
    W, b = layers[-1]
    return x @ W + b


def encode(enc, x, n_latent):
    out = mlp(enc, x)
    return out[:, :n_latent], out[:, n_latent:]


def kl_to_standard_normal(mean, log_var):
    return 0.5 * np.sum(np.exp(log_var) + mean ** 2 - 1.0 - log_var, axis=1)


def gaussian_log_lik(x, mean, log_sigma=-1.0):
    z = (x - mean) / np.exp(log_sigma)
    return np.sum(-0.5 * z ** 2 - log_sigma - 0.5 * np.log(2 * np.pi), axis=1)


def loss(params, x, noise):
    """Negative ELBO averaged over the batch."""
    n_latent = noise.shape[1]
    mean, log_var = encode(params["encoder"], x, n_latent)
    z = mean + np.exp(0.5 * log_var) * noise
    recon = mlp(params["decoder"], z)
    elbo = gaussian_log_lik(x, recon) - kl_to_standard_normal(mean, log_var)
    return -np.mean(elbo)


def example(seed=0, n=32, n_latent=2):
    rng = np.random.default_rng(seed)
    latent = rng.normal(size=(n, n_latent))
    x = np.tanh(latent @ rng.normal(size=(n_latent, 4))) + 0.1 * rng.normal(size=(n, 4))
    params = {"encoder": init_mlp(rng, [4, 8, 2 * n_latent]),
              "decoder": init_mlp(rng, [n_latent, 8, 4])}
    return params, x, rng.normal(size=(n, n_latent))


def sgd(params, grads, lr):
    return {name: [(W - lr * dW, b - lr * db) for (W, b), (dW, db) in zip(params[name], grads[name])]
            for name in params}


def main(steps=40, lr=0.02):
    params, x, noise = example()
    step = pb.value_and_grad(loss)
    for i in range(steps):
        value, grads = step(params, x, noise)
        params = sgd(params, grads, lr)
        if i % 8 == 0:
            print(f"step {i:2d}  negative ELBO {value:.4f}")
    print(f"final negative ELBO {loss(params, x, noise):.4f}")


if __name__ == "__main__":
    main()
