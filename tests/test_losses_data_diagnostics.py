"""Losses, data sets, diagnostics and training against independent expectations."""
import warnings

import numpy as np
import pytest

from relulab import (
    MLP,
    count_dead_neurons,
    dead_fraction_per_layer,
    dead_neuron_rule,
    gradient_norms,
    is_born_dead,
    load_digits,
    make_blobs,
    make_circles,
    make_moons,
    make_spirals,
    make_xor,
    train,
)
from relulab.losses import (
    binary_cross_entropy_from_logits,
    binary_cross_entropy_gradient,
    categorical_cross_entropy_from_logits,
    mean_squared_error,
)

# ---------------------------------------------------------------- losses

def test_bce_matches_the_textbook_formula():
    z = np.linspace(-5, 5, 11).reshape(-1, 1)
    y = (np.arange(11) % 2).reshape(-1, 1).astype(float)
    s = 1 / (1 + np.exp(-z))
    naive = np.mean(-y * np.log(s) - (1 - y) * np.log(1 - s))
    assert binary_cross_entropy_from_logits(z, y) == pytest.approx(naive, rel=1e-12)


def test_losses_are_stable_at_extreme_logits():
    z = np.array([[1e4], [-1e4]])
    y = np.array([[0.0], [1.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert binary_cross_entropy_from_logits(z, y) == pytest.approx(1e4)
        assert np.isfinite(binary_cross_entropy_gradient(z, y)).all()
        assert categorical_cross_entropy_from_logits(np.array([[1e4, -1e4]]), np.array([1])) == pytest.approx(2e4)
        assert binary_cross_entropy_from_logits(-z, y) == 0.0


def test_cross_entropy_and_mse_formulas():
    z = np.array([[2.0, 1.0, 0.1]])
    p = np.exp(z) / np.exp(z).sum()
    assert categorical_cross_entropy_from_logits(z, np.array([0])) == pytest.approx(-np.log(p[0, 0]))
    assert mean_squared_error(np.array([1.0, 3.0]), np.array([0.0, 0.0])) == 5.0

# ------------------------------------------------------------------ data

@pytest.mark.parametrize("maker", [make_moons, make_circles, make_spirals, make_xor, make_blobs])
def test_data_sets_are_deterministic_and_well_formed(maker):
    X1, y1 = maker(101, 0.1, 3)
    X2, y2 = maker(101, 0.1, 3)
    assert X1.shape == (101, 2) and y1.shape == (101,)
    assert X1.tobytes() == X2.tobytes() and np.array_equal(y1, y2)
    assert not np.array_equal(X1, maker(101, 0.1, 4)[0])
    assert np.issubdtype(y1.dtype, np.integer)


def test_data_geometry():
    X, y = make_circles(200, 0.0, 0, factor=0.5)
    radius = np.hypot(X[:, 0], X[:, 1])
    np.testing.assert_allclose(radius[y == 0], 1.0)
    np.testing.assert_allclose(radius[y == 1], 0.5)
    X, y = make_xor(200, 0.0, 0)
    np.testing.assert_array_equal(y, (np.sign(X[:, 0]) != np.sign(X[:, 1])).astype(int))
    X, y = make_blobs(300, 0.0, 0, centers=3)
    assert len(np.unique(X.round(12), axis=0)) == 3


def test_data_bad_input():
    with pytest.raises(ValueError, match="noise must be a finite number in \\[0.0, inf\\)"):
        make_moons(10, -1.0)
    with pytest.raises(ValueError, match="n must be >= 2"):
        make_moons(1)

# ----------------------------------------------------------- diagnostics

def test_count_dead_neurons_is_the_seeds_definition():
    a = np.array([[0.0, 1.0, 0.0], [0.0, 0.0, 0.0], [0.0, 2.0, 0.0]])
    assert count_dead_neurons(a) == 2
    assert count_dead_neurons(np.ones((4, 5))) == 0
    assert count_dead_neurons(np.zeros((4, 5))) == 5


def test_dead_fraction_per_layer_and_rule():
    X, _ = make_moons(100, 0.1, 0)
    net = MLP([2, 10, 10, 1], seed=0)
    net.biases[0][:4] = -100.0  # four units below zero for every sample
    fractions = dead_fraction_per_layer(net, X)
    assert fractions[0] == 0.4
    verdict = dead_neuron_rule(net, X, threshold=0.10)
    assert verdict.dead == 4 + round(fractions[1] * 10)
    assert verdict.total == 20
    assert verdict.switch is (verdict.dead_fraction > 0.10)
    assert "check the learning rate and initialization, then consider Leaky ReLU" in verdict.message


def test_rule_says_fine_when_nothing_is_dead():
    X, _ = make_moons(100, 0.1, 0)
    net = MLP([2, 10, 1], activation="leaky_relu", bias=-100.0)
    verdict = dead_neuron_rule(net, X)
    assert verdict.dead == 0 and not verdict.switch and "no need to switch" in str(verdict)


def test_is_born_dead():
    X = np.linspace(-2, 2, 50).reshape(-1, 1)
    net = MLP([1, 3, 3, 1], output="identity")
    net.biases[1][:] = -1e3  # the second hidden layer is zero everywhere
    assert is_born_dead(net, X)
    assert not is_born_dead(MLP([1, 20, 1], output="identity", seed=1), X)


def test_gradient_norms():
    np.testing.assert_allclose(gradient_norms([np.array([[3.0, 4.0]]), np.zeros((2, 2))]), [5.0, 0.0])

# --------------------------------------------------------------- training

def test_training_learns_and_is_bitwise_deterministic():
    X, y = make_moons(120, 0.1, 0)
    h1 = train(MLP([2, 16, 16, 1], seed=2), X, y, epochs=60, lr=0.5, batch_size=16, seed=3)
    n2 = MLP([2, 16, 16, 1], seed=2)
    h2 = train(n2, X, y, epochs=60, lr=0.5, batch_size=16, seed=3)
    assert h1.loss == h2.loss and np.array_equal(h1.dead_fractions(), h2.dead_fractions())
    assert h1.epochs == 60 and len(h1.loss) == 61
    assert h1.loss[-1] < 0.5 * h1.loss[0] and h1.accuracy[-1] > 0.9
    assert h1.dead_fractions().shape == (61, 2) and h1.gradient_norms().shape == (61, 3)
    assert h1.loss[-1] == pytest.approx(n2.loss(X, y), rel=1e-12)


def test_training_reports_divergence():
    X, y = make_moons(60, 0.1, 0)
    history = train(MLP([2, 32, 1], activation="leaky_relu"), X, y, epochs=50, lr=1e6, batch_size=8)
    assert history.diverged and 1 <= history.diverged_at <= 50
    assert history.epochs == history.diverged_at - 1
    assert "diverged at epoch" in repr(history)


def test_on_epoch_can_switch_activation():
    X, y = make_moons(60, 0.1, 0)
    net = MLP([2, 8, 1])
    seen = []

    def switch(epoch, network, history):
        seen.append(epoch)
        if epoch == 2:
            network.set_activation("leaky_relu")

    train(net, X, y, epochs=4, lr=0.1, on_epoch=switch)
    assert seen == [1, 2, 3, 4] and net.activation == "leaky_relu"


def test_a_dead_first_layer_unit_never_changes():
    X, y = make_moons(100, 0.1, 0)
    net = MLP([2, 8, 1], seed=0)
    net.biases[0][0] = -50.0  # unit 0 of the first layer is off for every sample
    w_before, b_before = net.weights[0][:, 0].copy(), net.biases[0][0]
    train(net, X, y, epochs=30, lr=0.5, batch_size=10)
    assert np.array_equal(net.weights[0][:, 0], w_before) and net.biases[0][0] == b_before



def test_digits_are_the_published_uci_test_set():
    X, y = load_digits()
    assert X.shape == (1797, 64) and y.shape == (1797,)
    assert X.min() == 0.0 and X.max() == 1.0  # pixel counts 0..16, divided by 16
    assert np.array_equal(X * 16, np.round(X * 16))
    # class sizes of optdigits.tes as the UCI description lists them
    assert np.bincount(y).tolist() == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
    X_again, y_again = load_digits()
    assert np.array_equal(X, X_again) and np.array_equal(y, y_again)
