"""The MLP: shapes, the seeds' formulas, whole-network gradient checks, determinism."""
import numpy as np
import pytest

from relulab import MLP, make_moons
from relulab.activations import relu, relu_derivative, sigmoid
from relulab.gradcheck import gradient_check
from relulab.network import HIDDEN_ACTIVATIONS


def _data(output, n=10, n_in=3, n_out=1, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, n_in))
    if output == "sigmoid":
        y = (rng.random(n) > 0.5).astype(float)
    elif output == "softmax":
        y = np.arange(n) % n_out
    else:
        y = rng.normal(size=(n, n_out)) if n_out > 1 else rng.normal(size=n)
    return X, y


@pytest.mark.parametrize("activation", HIDDEN_ACTIVATIONS)
@pytest.mark.parametrize("batchnorm", [False, True])
@pytest.mark.parametrize("depth", [1, 2, 3, 4])
@pytest.mark.parametrize("output, n_out", [("sigmoid", 1), ("softmax", 3), ("identity", 2)])
def test_gradient_check(activation, batchnorm, depth, output, n_out):
    X, y = _data(output, n_out=n_out)
    net = MLP([3] + [4] * depth + [n_out], activation=activation, output=output,
              batchnorm=batchnorm, seed=depth, bias=0.05)
    assert gradient_check(net, X, y) < 1e-6


def test_gradient_check_detects_a_wrong_gradient():
    X, y = _data("sigmoid")
    net = MLP([3, 4, 1], seed=0)
    original = net.backward

    def broken(X, y):
        grads = original(X, y)
        grads["W0"] = grads["W0"] * 1.01
        return grads

    net.backward = broken
    assert gradient_check(net, X, y) > 1e-3


def test_forward_is_the_seeds_two_layer_forward():
    X, _ = _data("sigmoid")
    net = MLP([3, 5, 1], seed=3, bias=0.1)
    out = net.forward(X)
    z1 = np.dot(X, net.weights[0]) + net.biases[0]
    a1 = relu(z1)
    z2 = np.dot(a1, net.weights[1]) + net.biases[1]
    np.testing.assert_array_equal(net.zs[0], z1)
    np.testing.assert_array_equal(net.activations[0], a1)
    np.testing.assert_allclose(out, sigmoid(z2), rtol=1e-15)


def test_gradients_are_the_seeds_backward():
    X, y = _data("sigmoid")
    net = MLP([3, 5, 1], seed=3, bias=0.1)
    dW, db = net.gradients(X, y)
    m = X.shape[0]
    dz2 = net.activations[1] - y.reshape(-1, 1)
    dW2 = np.dot(net.activations[0].T, dz2) / m
    dz1 = np.dot(dz2, net.weights[1].T) * relu_derivative(net.zs[0])
    dW1 = np.dot(X.T, dz1) / m
    np.testing.assert_allclose(dW[1], dW2, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(dW[0], dW1, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(db[0], dz1.sum(axis=0) / m, rtol=1e-12, atol=1e-15)


def test_shapes_and_owned_arrays():
    net = MLP([2, 7, 5, 3], output="softmax")
    assert [W.shape for W in net.weights] == [(2, 7), (7, 5), (5, 3)]
    assert [b.shape for b in net.biases] == [(7,), (5,), (3,)]
    X = np.random.default_rng(0).standard_normal((20, 2))
    assert [a.shape for a in net.hidden_activations(X)] == [(20, 7), (20, 5)]
    net.weights[0][:] = 0.0  # changing the array in place changes the network
    assert not net.hidden_activations(X)[0].any()


def test_gradients_do_not_update():
    X, y = make_moons(30, 0.1, 0)
    net = MLP([2, 8, 1])
    before = [W.copy() for W in net.weights]
    net.gradients(X, y)
    assert all(np.array_equal(a, b) for a, b in zip(before, net.weights))


def test_sgd_step_is_w_minus_lr_dw():
    X, y = make_moons(30, 0.1, 0)
    net = MLP([2, 8, 1], seed=1)
    dW, db = net.gradients(X, y)
    expected = [W - 0.3 * g for W, g in zip(net.weights, dW)]
    net.sgd_step(X, y, lr=0.3)
    for W, e in zip(net.weights, expected):
        np.testing.assert_array_equal(W, e)


def test_negative_bias_kills_relu_units():
    X, _ = make_moons(100, 0.1, 0)
    net = MLP([2, 50, 1], bias=-10.0)
    assert not net.hidden_activations(X)[0].any()


def test_same_seed_same_bits_different_seed_different():
    a, b, c = MLP([2, 6, 1], seed=4), MLP([2, 6, 1], seed=4), MLP([2, 6, 1], seed=5)
    assert all(x.tobytes() == y.tobytes() for x, y in zip(a.weights, b.weights))
    assert not np.array_equal(a.weights[0], c.weights[0])


def test_set_activation_keeps_weights():
    net = MLP([2, 4, 1])
    W = net.weights[0].copy()
    net.set_activation("leaky_relu", 0.05)
    assert net.activation == "leaky_relu" and net.alpha == 0.05
    np.testing.assert_array_equal(W, net.weights[0])


def test_predict_and_batchnorm_inference_uses_running_statistics():
    X, y = make_moons(64, 0.1, 0)
    net = MLP([2, 8, 1], batchnorm=True, seed=0)
    for _ in range(200):
        net.sgd_step(X, y, 0.5)
    assert net.accuracy(X, y) > 0.85
    one = net.predict(X[:1])  # a single sample has no batch statistics
    assert one.shape == (1,) and one[0] == net.predict(X)[0]


def test_repr():
    assert repr(MLP([2, 3, 1], batchnorm=True)) == "MLP([2, 3, 1], activation='relu', output='sigmoid', batchnorm=True)"
