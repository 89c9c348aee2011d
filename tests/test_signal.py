"""Tests of relulab.signal: the signal through depth, against the second-moment formulas."""
from __future__ import annotations

import numpy as np
import pytest

from relulab.data import make_moons
from relulab.network import MLP
from relulab.signal import layer_sizes, signal_through_depth, variance_through_depth

X_MOONS, Y_MOONS = make_moons(60, noise=0.1, seed=0)


def test_signal_statistics_by_hand():
    # The input [[1, -1], [3, 1]]; the hand-set hidden layer computes relu([0, x1 - x2]) = [[0, 2], [0, 2]].
    net = MLP([2, 2, 1], seed=0)
    net.weights[0][:] = [[0.0, 1.0], [0.0, -1.0]]
    X = np.array([[1.0, -1.0], [3.0, 1.0]])
    np.testing.assert_allclose(signal_through_depth(net, X), [(1 + 1 + 9 + 1) / 4, 8 / 4])
    np.testing.assert_allclose(signal_through_depth(net, X, "rms"), [np.sqrt(3.0), np.sqrt(2.0)])
    np.testing.assert_allclose(signal_through_depth(net, X, "std"), [np.sqrt(3.0 - 1.0), np.sqrt(2.0 - 1.0)])


def test_signal_through_depth_is_every_hidden_layer_of_the_network():
    net = MLP([2, 8, 8, 8, 1], seed=0)
    hidden = net.hidden_activations(X_MOONS)
    signal = signal_through_depth(net, X_MOONS, "rms")
    assert signal.shape == (4,)
    np.testing.assert_array_equal(signal[1:], [np.sqrt(np.mean(a**2)) for a in hidden])


def test_the_stack_engine_and_the_mlp_share_one_statistic():
    layers = [np.arange(6.0).reshape(2, 3), -np.ones((4, 2, 3))]
    np.testing.assert_array_equal(layer_sizes(iter(layers)), [55 / 6, 1.0])


def test_signal_refuses_unknown_statistics_and_bad_input():
    net = MLP([2, 4, 1])
    with pytest.raises(ValueError, match="statistic"):
        signal_through_depth(net, X_MOONS, "variance")
    with pytest.raises(ValueError):
        signal_through_depth(net, np.ones((3, 5)))


@pytest.mark.parametrize("init, expected", [("he_normal", 1.0), ("xavier_normal", 0.5)])
def test_mean_square_ratio_per_layer(init, expected):
    """E[a_l^2] = 1/2 n Var[w] E[a_{l-1}^2] exactly in expectation (He et al., 2015).

    One network's per-layer ratio fluctuates by about sqrt(2 / width) = 14%;
    over 30 layers and 16 networks the geometric-mean ratio per layer has a
    standard deviation near 1%, so a 5% band is a generous 5 sigma.
    """
    profile = variance_through_depth(init, "relu", depth=30, width=100, n=200, seed=1)
    assert profile.predicted_ratio == pytest.approx(expected)
    per_layer = (profile.mean_square[-1] / profile.mean_square[0]) ** (1 / 30)
    assert per_layer == pytest.approx(expected, rel=0.05)
    assert np.all(np.abs(profile.ratio / expected - 1) < 0.5)


def test_variance_through_depth_refuses_unknown_names():
    with pytest.raises(ValueError):
        variance_through_depth("lecun", "relu")
    with pytest.raises(ValueError):
        variance_through_depth("he_normal", "tanh")


def test_a_signal_that_is_exactly_zero_has_an_undefined_ratio_not_a_warning():
    profile = variance_through_depth("he_normal", "relu", depth=40, width=1, n=20, networks=50, seed=0)
    zero = profile.mean_square[:-1] == 0
    assert zero.any()
    assert np.all(np.isnan(profile.ratio[zero])) and not np.any(np.isnan(profile.ratio[~zero]))
