"""Tests of relulab.diagnostics: dead and inactive units, unit fates and the 10% rule."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relulab.data import make_moons
from relulab.diagnostics import (
    count_dead_neurons,
    dead_fraction_per_layer,
    dead_neuron_rule,
    gradient_norms,
    inactive_fraction,
    inactive_units,
    overall_fraction,
    unit_fates,
)
from relulab.network import MLP
from relulab.training import train

X_MOONS, Y_MOONS = make_moons(60, noise=0.1, seed=0)


@pytest.mark.parametrize("bias", [0.0, -0.5, -2.0])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_inactive_equals_dead_for_relu(bias, seed):
    net = MLP([2, 8, 8, 8, 1], bias=bias, seed=seed)
    np.testing.assert_array_equal(inactive_fraction(net, X_MOONS), dead_fraction_per_layer(net, X_MOONS))


def test_leaky_units_are_never_dead_but_can_be_inactive():
    relu_net = MLP([2, 16, 1], bias=-2.0, seed=3)
    leaky_net = MLP([2, 16, 1], activation="leaky_relu", bias=-2.0, seed=3)
    # the first layer's z does not depend on the activation: same units on the negative side
    expected = np.all(X_MOONS @ relu_net.weights[0] + relu_net.biases[0] <= 0, axis=0)
    np.testing.assert_array_equal(inactive_units(leaky_net, X_MOONS)[0], expected)
    assert expected.mean() > 0.3
    assert dead_fraction_per_layer(leaky_net, X_MOONS)[0] == 0.0
    assert inactive_fraction(leaky_net, X_MOONS)[0] == expected.mean()


def test_overall_fraction_weights_layers_by_width():
    assert overall_fraction([0.5, 0.0], [10, 30]) == pytest.approx(5 / 40)
    np.testing.assert_allclose(overall_fraction([[1.0, 0.0], [0.0, 1.0]], [1, 3]), [0.25, 0.75])
    with pytest.raises(ValueError, match="one entry per layer"):
        overall_fraction([0.5, 0.0, 1.0], [10, 30])


def test_weight_scale_does_not_change_which_units_are_dead_at_init():
    """Zero biases: ReLU(c z) = c ReLU(z), and the initializers scale the same draws."""
    masks = [
        inactive_units(MLP([2, 8, 8, 8, 8, 1], init=init, init_std=std, seed=4), X_MOONS)
        for init, std in [("he_normal", None), ("xavier_normal", None), ("normal", 0.01)]
    ]
    assert sum(int(m.sum()) for m in masks[0]) > 0  # otherwise the test shows nothing
    for other in masks[1:]:
        for a, b in zip(masks[0], other):
            np.testing.assert_array_equal(a, b)


def test_dead_first_layer_relu_unit_is_frozen_bit_for_bit():
    net = MLP([2, 6, 6, 1], seed=0)
    net.biases[0][2] = -50.0  # z = w.x - 50 < 0 on every moons point: unit 2 is dead
    initial = MLP([2, 6, 6, 1], seed=0)
    initial.biases[0][2] = -50.0
    assert inactive_units(net, X_MOONS)[0][2]
    history = train(net, X_MOONS, Y_MOONS, epochs=30, lr=0.5, batch_size=8, seed=0)
    assert not history.diverged
    np.testing.assert_array_equal(net.weights[0][:, 2], initial.weights[0][:, 2])
    assert net.biases[0][2] == -50.0
    assert not np.array_equal(net.weights[0][:, 0], initial.weights[0][:, 0])  # live units did learn
    fates = unit_fates(initial, net, X_MOONS)
    assert fates.frozen[0][2] and fates.after[0][2] and not fates.revived[0][2]
    assert not fates.frozen[0][0]


def test_unit_fates_refuses_different_networks():
    with pytest.raises(ValueError, match="differ in shape"):
        unit_fates(MLP([2, 4, 1]), MLP([2, 5, 1]), X_MOONS)


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 50), st.floats(-3.0, 0.0))
def test_inactive_fraction_is_a_share_of_units(seed, bias):
    net = MLP([2, 5, 7, 1], bias=bias, seed=seed)
    fractions = inactive_fraction(net, X_MOONS)
    assert fractions.shape == (2,)
    np.testing.assert_array_equal(fractions * [5, 7], np.round(fractions * [5, 7]))
    assert ((0 <= fractions) & (fractions <= 1)).all()


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
    assert verdict.switch is (verdict.fraction > 0.10)
    assert "check the learning rate and initialization, then consider Leaky ReLU" in verdict.message


def test_rule_says_fine_when_nothing_is_dead():
    X, _ = make_moons(100, 0.1, 0)
    net = MLP([2, 10, 1], activation="leaky_relu", bias=-100.0)
    verdict = dead_neuron_rule(net, X)
    assert verdict.dead == 0 and not verdict.switch and "no need to switch" in str(verdict)


def test_gradient_norms():
    np.testing.assert_allclose(gradient_norms([np.array([[3.0, 4.0]]), np.zeros((2, 2))]), [5.0, 0.0])
