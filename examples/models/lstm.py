"""An LSTM cell unrolled over a toy sequence task (is the running sum of the
inputs positive?), with the gates written out and the parameters a tuple of
named pieces; the loss is a logistic loss on the final hidden state."""

import numpy as np

import pullback as pb


def sigmoid(z):
    return 0.5 * (np.tanh(0.5 * z) + 1.0)


def init_params(rng, n_in, n_hidden, scale=0.3):
    gates = [(scale * rng.normal(size=(n_in + n_hidden, n_hidden)), np.zeros(n_hidden))
             for _ in range(4)]
    readout = (scale * rng.normal(size=n_hidden), np.float64(0.0))
    return gates, readout


def lstm_cell(gates, h, c, x):
    hx = np.concatenate([x, h], axis=1)
    (Wf, bf), (Wi, bi), (Wo, bo), (Wg, bg) = gates
    forget = sigmoid(hx @ Wf + bf)
    ingate = sigmoid(hx @ Wi + bi)
    outgate = sigmoid(hx @ Wo + bo)
    change = np.tanh(hx @ Wg + bg)
    c = forget * c + ingate * change
    h = outgate * np.tanh(c)
    return h, c


def final_logits(params, inputs):
    # `gates, (w, b) = params` here crashes pullback (RecursionError, see
    # tests/test_model_examples.py); two statements do the same.
    gates = params[0]
    w, b = params[1]
    n_hidden = gates[0][1].shape[0]
    h = np.zeros((inputs.shape[1], n_hidden))
    c = np.zeros((inputs.shape[1], n_hidden))
    for x in inputs:
        h, c = lstm_cell(gates, h, c, x)
    return h @ w + b


def loss(params, inputs, labels):
    """Logistic loss; labels are +1 / -1."""
    z = labels * final_logits(params, inputs)
    return np.mean(np.log(1.0 + np.exp(-z)))


def example(seed=0, steps=8, batch=16):
    rng = np.random.default_rng(seed)
    inputs = rng.normal(size=(steps, batch, 1))
    labels = np.where(inputs.sum(axis=(0, 2)) > 0, 1.0, -1.0)
    return init_params(rng, 1, 5), inputs, labels


def main(steps=40, lr=0.5):
    params, inputs, labels = example()
    step = pb.value_and_grad(loss)
    for i in range(steps):
        value, (dgates, (dw, db)) = step(params, inputs, labels)
        gates, (w, b) = params
        gates = [(W - lr * dW, b_ - lr * db_) for (W, b_), (dW, db_) in zip(gates, dgates)]
        params = (gates, (w - lr * dw, b - lr * db))
        if i % 8 == 0:
            print(f"step {i:2d}  loss {value:.4f}")
    print(f"final loss {loss(params, inputs, labels):.4f}")


if __name__ == "__main__":
    main()
