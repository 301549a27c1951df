"""A vanilla RNN learning to predict the next value of a noisy sine wave: the
hidden state is carried through a Python loop and the outputs are collected in
a list, stacked, and scored by squared error."""

import numpy as np

import pullback as pb


def init_params(rng, n_in, n_hidden, n_out, scale=0.3):
    return {"Wx": scale * rng.normal(size=(n_in, n_hidden)),
            "Wh": scale * rng.normal(size=(n_hidden, n_hidden)),
            "bh": np.zeros(n_hidden),
            "Wy": scale * rng.normal(size=(n_hidden, n_out)),
            "by": np.zeros(n_out)}


def rnn_step(params, h, x):
    return np.tanh(x @ params["Wx"] + h @ params["Wh"] + params["bh"])


def run(params, inputs):
    """inputs: (time, batch, n_in) -> predictions (time, batch, n_out)."""
    # `np.zeros((..., params["Wh"].shape[0]))` here crashes pullback's generated
    # code (TypeError, see tests/test_model_examples.py); a name first works.
    Wh = params["Wh"]
    h = np.zeros((inputs.shape[1], Wh.shape[0]))
    outputs = []
    for x in inputs:
        h = rnn_step(params, h, x)
        outputs.append(h @ params["Wy"] + params["by"])
    return np.stack(outputs)


def loss(params, inputs, targets):
    return np.mean((run(params, inputs) - targets) ** 2)


def example(seed=0, steps=12, batch=4):
    rng = np.random.default_rng(seed)
    phase = rng.uniform(0, 2 * np.pi, size=batch)
    t = np.arange(steps + 1)[:, None] * 0.5 + phase
    wave = np.sin(t) + 0.05 * rng.normal(size=t.shape)
    inputs, targets = wave[:-1, :, None], wave[1:, :, None]
    return init_params(rng, 1, 6, 1), inputs, targets


def main(steps=40, lr=0.2):
    params, inputs, targets = example()
    step = pb.value_and_grad(loss)
    for i in range(steps):
        value, grads = step(params, inputs, targets)
        params = {k: params[k] - lr * grads[k] for k in params}
        if i % 8 == 0:
            print(f"step {i:2d}  loss {value:.4f}")
    print(f"final loss {loss(params, inputs, targets):.4f}")


if __name__ == "__main__":
    main()
