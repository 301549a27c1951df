"""Learning a vector field: a small tanh network f(y; params) is integrated from
y0 with a fixed-step RK4 loop, and its end state is matched to where the true
dynamics (a damped rotation) takes y0. The loss is read at the end only."""

import numpy as np

import pullback as pb

A_TRUE = np.array([[-0.1, 1.0], [-1.0, -0.1]])


def field(params, y):
    h = y
    for i, (W, b) in enumerate(params):
        h = h @ W + b
        if i < len(params) - 1:
            h = np.tanh(h)
    return h


def rk4_step(params, y, dt):
    k1 = field(params, y)
    k2 = field(params, y + 0.5 * dt * k1)
    k3 = field(params, y + 0.5 * dt * k2)
    k4 = field(params, y + dt * k3)
    return y + dt / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4)


def integrate(params, y0, t_end, n_steps):
    y = y0
    dt = t_end / n_steps
    for _ in range(n_steps):
        y = rk4_step(params, y, dt)
    return y


def loss(params, y0, y_target, t_end=1.0, n_steps=10):
    return np.mean((integrate(params, y0, t_end, n_steps) - y_target) ** 2)


def true_end(y0, t_end=1.0, n_steps=200):
    y, dt = y0, t_end / n_steps
    for _ in range(n_steps):
        y = y + dt * y @ A_TRUE.T
    return y


def example(seed=0):
    rng = np.random.default_rng(seed)
    y0 = rng.normal(size=(16, 2))
    params = [(0.5 * rng.normal(size=(2, 16)), np.zeros(16)),
              (0.5 * rng.normal(size=(16, 2)), np.zeros(2))]
    return params, y0, true_end(y0)


def main(steps=40, lr=0.5):
    params, y0, y_target = example()
    step = pb.value_and_grad(loss)
    for i in range(steps):
        value, grads = step(params, y0, y_target)
        params = [(W - lr * dW, b - lr * db) for (W, b), (dW, db) in zip(params, grads)]
        if i % 8 == 0:
            print(f"step {i:2d}  end-state error {value:.5f}")
    print(f"final end-state error {loss(params, y0, y_target):.5f}")


if __name__ == "__main__":
    main()
