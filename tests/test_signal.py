"""Tests of relulab.signal: the signal through depth, against the second-moment formulas."""
from __future__ import annotations

import numpy as np
import pytest

from relulab.data import make_moons
from relulab.network import MLP
from relulab.signal import activation_rms, variance_through_depth

X_MOONS, Y_MOONS = make_moons(60, noise=0.1, seed=0)


def test_activation_rms_is_the_root_mean_square():
    net = MLP([2, 8, 8, 1], seed=0)
    expected = [np.sqrt(np.mean(a**2)) for a in net.hidden_activations(X_MOONS)]
    np.testing.assert_allclose(activation_rms(net, X_MOONS), expected, rtol=1e-12)


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
