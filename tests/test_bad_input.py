"""Every bad input fails loudly, saying what was wrong and what is allowed."""
import numpy as np
import pytest

from relulab import MLP, count_dead_neurons, make_moons, train
from relulab.losses import binary_cross_entropy_from_logits, mean_squared_error

X, Y = make_moons(20, 0.1, 0)


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        (dict(layer_sizes=[2, 0, 1]), ValueError, r"layer_sizes\[1\] must be >= 1"),
        (dict(layer_sizes=[2, -3, 1]), ValueError, r"layer_sizes\[1\] must be >= 1"),
        (dict(layer_sizes=[2]), ValueError, "needs an input and an output size"),
        (dict(layer_sizes="2-3-1"), TypeError, "sequence of ints"),
        (dict(layer_sizes=[2, 2.5, 1]), TypeError, "must be an integer"),
        (dict(layer_sizes=[2, 3, 1], activation="mish"), ValueError, "Unknown activation 'mish'; allowed: elu, gelu, leaky_relu"),
        (dict(layer_sizes=[2, 3, 1], output="tanh"), ValueError, "Unknown output 'tanh'; allowed: identity, sigmoid, softmax"),
        (dict(layer_sizes=[2, 3, 1], init="lecun"), ValueError, "Unknown initializer 'lecun'; allowed"),
        (dict(layer_sizes=[2, 3, 1], activation="leaky_relu", alpha=1.0), ValueError, r"alpha must be a finite number in \[0.0, 1.0\)"),
        (dict(layer_sizes=[2, 3, 1], activation="leaky_relu", alpha=-0.1), ValueError, r"alpha must be a finite number in \[0.0, 1.0\)"),
        (dict(layer_sizes=[2, 3, 1], bias=float("nan")), ValueError, "bias must be a finite number"),
        (dict(layer_sizes=[2, 3, 1], output="softmax"), ValueError, "softmax output needs at least 2 units"),
    ],
)
def test_bad_network(kwargs, error, message):
    with pytest.raises(error, match=message):
        MLP(**kwargs)


def test_x_of_the_wrong_width():
    with pytest.raises(ValueError, match=r"X has 3 column\(s\), but the network's input layer expects 2"):
        MLP([2, 3, 1]).forward(np.ones((4, 3)))


def test_x_not_2d():
    with pytest.raises(ValueError, match=r"X must be 2-D with shape \(n_samples, n_features\)"):
        MLP([2, 3, 1]).forward(np.ones(2))


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_non_finite_x(bad):
    X_bad = X.copy()
    X_bad[3, 1] = bad
    with pytest.raises(ValueError, match=r"X contains 1 NaN or inf value\(s\); only finite numbers"):
        MLP([2, 3, 1]).forward(X_bad)


def test_non_numeric_x():
    with pytest.raises(TypeError, match="X must be numeric"):
        MLP([2, 3, 1]).forward(np.array([["a", "b"]]))


@pytest.mark.parametrize("y_bad", [Y[:-1], np.ones((20, 2)), np.ones((19, 1))])
def test_y_shape_mismatch(y_bad):
    with pytest.raises(ValueError, match=r"y has shape .* but X has 20 samples: y must have shape \(20,\) or \(20, 1\)"):
        MLP([2, 3, 1]).gradients(X, y_bad)


def test_y_labels():
    with pytest.raises(ValueError, match=r"y must lie in \[0, 1\]"):
        MLP([2, 3, 1]).loss(X, Y * 2.0)
    with pytest.raises(ValueError, match=r"softmax labels must be integers in 0 .. 2"):
        MLP([2, 3, 3], output="softmax").loss(X, np.full(20, 3))
    with pytest.raises(ValueError, match=r"one class label per sample, shape \(20,\)"):
        MLP([2, 3, 3], output="softmax").loss(X, np.zeros((20, 3)))


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(epochs=1, lr=0.0), "lr must be a finite number in \\(0.0, inf\\)"),
        (dict(epochs=1, lr=-1.0), "lr must be a finite number"),
        (dict(epochs=0, lr=0.1), "epochs must be >= 1"),
        (dict(epochs=1, lr=0.1, batch_size=0), "batch_size must be >= 1"),
    ],
)
def test_bad_training_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        train(MLP([2, 3, 1]), X, Y, **kwargs)


def test_bad_sgd_step_lr():
    with pytest.raises(ValueError, match="lr must be a finite number"):
        MLP([2, 3, 1]).sgd_step(X, Y, lr=0)


def test_count_dead_neurons_needs_a_matrix():
    with pytest.raises(ValueError, match=r"activations must be 2-D \(n_samples, n_units\)"):
        count_dead_neurons(np.zeros(5))


def test_losses_refuse_broadcasting():
    with pytest.raises(ValueError, match="must match exactly"):
        binary_cross_entropy_from_logits(np.zeros((4, 1)), np.zeros(4))
    with pytest.raises(ValueError, match="must match exactly"):
        mean_squared_error(np.zeros(3), np.zeros((3, 1)))
