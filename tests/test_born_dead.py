"""Tests of relulab.born_dead against formulas derived by hand, an independent
plain implementation (relulab.MLP, simple loops) and finite differences."""
from __future__ import annotations

import numpy as np
import pytest

from relulab import MLP
from relulab.born_dead import (
    DOMAIN_HALF_WIDTH,
    abs_training_inputs,
    batched_forward,
    batched_mse_gradients,
    born_dead_curve,
    born_dead_depths,
    born_dead_probability,
    death_depth_at_points,
    death_depth_on_interval,
    init_abs_networks,
    point_death_probability_exact,
    sample_hidden_layers,
    fit_abs,
)

TRIALS = 20_000


def within_3_se(estimate: float, expected: float, trials: int) -> bool:
    """Binomial check: |p_hat - p| <= 3 sqrt(p (1 - p) / n), with p the expected value."""
    return abs(estimate - expected) <= 3 * np.sqrt(expected * (1 - expected) / trials) + 1e-12


# ------------------------------------------------------------ exact formula
def test_exact_formula_small_cases_by_hand():
    # One layer of one unit: dead iff its weight is negative, probability 1/2.
    assert point_death_probability_exact(1, 1) == pytest.approx(0.5)
    # One layer of two units: both off, 1/4. Two such layers: 1 - (3/4)^2 = 7/16.
    assert point_death_probability_exact(2, 1) == pytest.approx(0.25)
    assert point_death_probability_exact(2, 2) == pytest.approx(7 / 16)
    # Width 1, depth 3: alive only if all three weights are positive.
    assert point_death_probability_exact(1, 3) == pytest.approx(1 - 1 / 8)


def test_exact_formula_tends_to_one_with_depth_and_falls_with_width():
    depths = [1, 10, 100, 10_000]
    probabilities = [point_death_probability_exact(4, L) for L in depths]
    assert np.all(np.diff(probabilities) > 0) and probabilities[-1] > 0.999
    assert point_death_probability_exact(2, 10) > point_death_probability_exact(5, 10)


@pytest.mark.parametrize("width, depth", [(1, 3), (2, 10), (3, 20), (5, 50), (10, 50)])
@pytest.mark.parametrize("bias", [None, "normal"])
def test_point_probability_matches_exact_formula(width, depth, bias):
    p, se = born_dead_probability(width, depth, TRIALS, seed=width * 100 + depth, bias=bias, where="point")
    exact = point_death_probability_exact(width, depth)
    assert within_3_se(p, exact, TRIALS), (p, se, exact)
    assert se == pytest.approx(np.sqrt(p * (1 - p) / TRIALS))


# ------------------------------------------------------------ whole domain
@pytest.mark.parametrize("depth", [2, 3, 4, 6])
def test_width_one_domain_probability_derived_by_hand(depth):
    """Width 1, zero biases: a_1 = relu(w_1 x) is nonzero on exactly one side of 0.

    That side survives layer l only if w_l > 0 (l = 2..L), so the network is
    constant on the domain with probability 1 - 2^-(L-1).
    """
    p, _ = born_dead_probability(1, depth, TRIALS, seed=depth, where="domain")
    assert within_3_se(p, 1 - 2.0 ** -(depth - 1), TRIALS)


def test_one_layer_one_unit_is_never_dead_on_the_domain():
    assert np.isinf(born_dead_depths(1, 1, 1000, seed=3, where="domain")).all()


def test_curve_is_the_probability_of_each_shallower_network():
    """The first L layers of a seed's networks are its depth-L networks."""
    p, se = born_dead_curve(2, 12, 3000, seed=8, where="point")
    assert np.all(np.diff(p) >= 0)
    for depth in (1, 5, 12):
        assert born_dead_probability(2, depth, 3000, seed=8, where="point") == (p[depth - 1], se[depth - 1])


@pytest.mark.parametrize("kwargs", [{}, {"bias": "normal"}, {"init": "rai"}])
def test_domain_dead_networks_are_point_dead_too(kwargs):
    domain = born_dead_depths(3, 12, 4000, seed=7, where="domain", **kwargs)
    point = born_dead_depths(3, 12, 4000, seed=7, where="point", **kwargs)
    # A layer that is zero on the whole domain is zero at x = 1: same network, same depth or earlier.
    assert np.all(point <= domain)
    domain, point = np.isfinite(domain), np.isfinite(point)
    assert domain.mean() < point.mean()


def test_piecewise_analysis_agrees_with_homogeneity_shortcut_for_zero_bias():
    layers = list(sample_hidden_layers(3, 15, 3000, np.random.default_rng(11)))
    exact = death_depth_on_interval(layers, -DOMAIN_HALF_WIDTH, DOMAIN_HALF_WIDTH)
    shortcut = death_depth_at_points(layers, [-1.0, 1.0]).max(axis=1)
    np.testing.assert_array_equal(exact, shortcut)
    assert 0.2 < np.isfinite(exact).mean() < 0.9


def plain_dead_on_grid(layers, grid):
    """Loop version: does some layer output zero at every grid point?"""
    dead = []
    for t in range(layers[0][0].shape[0]):
        a = grid[:, None]
        found = False
        for W, b in layers:
            a = np.maximum(a @ W[t] + b[t], 0.0)
            found = found or not a.any()
        dead.append(found)
    return np.array(dead)


@pytest.mark.parametrize("kwargs", [{"bias": "normal"}, {"init": "rai"}])
def test_piecewise_analysis_against_a_dense_grid(kwargs):
    layers = list(sample_hidden_layers(2, 8, 400, np.random.default_rng(5), **kwargs))
    exact = np.isfinite(death_depth_on_interval(layers, -DOMAIN_HALF_WIDTH, DOMAIN_HALF_WIDTH))
    grid = plain_dead_on_grid(layers, np.linspace(-DOMAIN_HALF_WIDTH, DOMAIN_HALF_WIDTH, 4001))
    # Zero on the whole interval implies zero on the grid, always.
    assert not np.any(exact & ~grid)
    # The grid can only miss alive stretches narrower than its spacing: rare.
    assert np.sum(grid & ~exact) <= 2
    assert 0.1 < exact.mean() < 0.9


def test_a_network_alive_only_on_a_tiny_stretch_is_alive():
    """Hand-built: z = x - (hi - 1e-6) is positive only on the last 1e-6 of the domain."""
    hi = DOMAIN_HALF_WIDTH
    W = np.ones((1, 1, 1))
    b = np.array([[-(hi - 1e-6)]])
    assert np.isinf(death_depth_on_interval([(W, b)], -hi, hi)[0])
    assert death_depth_on_interval([(W, b - 2e-6)], -hi, hi)[0] == 1


# ------------------------------------------------------------ determinism, input checks
def test_same_seed_same_trials_and_other_seed_other_trials():
    a = born_dead_depths(2, 10, 2000, seed=1, bias="normal")
    np.testing.assert_array_equal(a, born_dead_depths(2, 10, 2000, seed=1, bias="normal"))
    assert not np.array_equal(a, born_dead_depths(2, 10, 2000, seed=2, bias="normal"))


@pytest.mark.parametrize(
    "kwargs, error",
    [
        ({"width": 0}, ValueError),
        ({"depth": 0}, ValueError),
        ({"trials": 0}, ValueError),
        ({"width": 2.5}, TypeError),
        ({"seed": -1}, ValueError),
        ({"bias": "uniform"}, ValueError),
        ({"where": "everywhere"}, ValueError),
        ({"init": "xavier"}, ValueError),
        ({"init": "rai", "bias": "normal"}, ValueError),
    ],
)
def test_bad_input_is_refused(kwargs, error):
    arguments = {"width": 2, "depth": 3, "trials": 10, "seed": 0} | kwargs
    with pytest.raises(error):
        born_dead_probability(**arguments)


# ------------------------------------------------------------ RAI
def test_rai_lowers_the_born_dead_probability():
    he, he_se = born_dead_probability(2, 10, TRIALS, seed=0)
    rai, rai_se = born_dead_probability(2, 10, TRIALS, seed=0, init="rai")
    assert rai + 3 * rai_se < he - 3 * he_se


# ------------------------------------------------------------ batched trainer
def mlp_of(params, t, activation):
    """Network t of a stack as a relulab.MLP (identity output, MSE)."""
    sizes = [1] + [W.shape[2] for W, _ in params]
    net = MLP(sizes, activation=activation, output="identity", alpha=0.01 if activation == "leaky_relu" else None)
    net.weights = [W[t].copy() for W, _ in params]
    net.biases = [b[t].copy() for _, b in params]
    return net


@pytest.mark.parametrize("activation", ["relu", "leaky_relu"])
def test_batched_gradients_match_mlp_and_finite_differences(activation):
    params = init_abs_networks(4, seed=2, width=3, depth=3, bias="normal")
    x = abs_training_inputs(8)
    y = np.abs(x)
    losses, grads = batched_mse_gradients(params, x, y, activation)
    for t in range(4):
        net = mlp_of(params, t, activation)
        assert losses[t] == pytest.approx(net.loss(x[:, None], y))
        dW, db = net.gradients(x[:, None], y)
        for layer, (gW, gb) in enumerate(grads):
            np.testing.assert_allclose(gW[t], dW[layer], rtol=1e-10, atol=1e-12)
            np.testing.assert_allclose(gb[t], db[layer], rtol=1e-10, atol=1e-12)
    # Central differences on one weight of every layer, all networks at once.
    eps = 1e-6
    for layer, (W, _) in enumerate(params):
        plus = [(w.copy(), b.copy()) for w, b in params]
        minus = [(w.copy(), b.copy()) for w, b in params]
        plus[layer][0][:, 0, 0] += eps
        minus[layer][0][:, 0, 0] -= eps
        mse = lambda p: np.mean((batched_forward(p, x, activation) - y) ** 2, axis=1)  # noqa: E731
        numeric = (mse(plus) - mse(minus)) / (2 * eps)
        np.testing.assert_allclose(grads[layer][0][:, 0, 0], numeric, rtol=1e-5, atol=1e-8)


def test_batched_adam_matches_a_plain_loop_over_networks():
    """Five Adam steps on each network alone (relulab.MLP gradients) give the same fit."""
    trials, epochs, lr = 3, 5, 0.01
    result = fit_abs(trials, "leaky_relu", epochs=epochs, lr=lr, seed=4, depth=3, n_points=16)
    params = init_abs_networks(trials, seed=4, depth=3)
    x = abs_training_inputs(16)
    for t in range(trials):
        net = mlp_of(params, t, "leaky_relu")
        state = [(p, np.zeros_like(p), np.zeros_like(p)) for p in net.weights + net.biases]
        for step in range(1, epochs + 1):
            dW, db = net.gradients(x[:, None], np.abs(x))
            for (p, m, v), g in zip(state, dW + db):
                m[:] = 0.9 * m + 0.1 * g
                v[:] = 0.999 * v + 0.001 * g * g
                p -= lr * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
        np.testing.assert_allclose(net.predict(result.x_grid[:, None]), result.outputs[t], rtol=1e-6, atol=1e-6)


def test_training_inputs_have_the_domain_mean_of_abs_x():
    # Mean of |x| for x uniform on [-s, s] is s / 2; the midpoint grid hits it exactly.
    assert np.mean(np.abs(abs_training_inputs(64))) == pytest.approx(np.sqrt(7) / 2, rel=1e-12)


def test_born_dead_relu_networks_stay_constant_and_learn_the_mean():
    result = fit_abs(60, "relu", epochs=800, lr=0.01, seed=0)
    assert result.born_dead.mean() > 0.5
    # Nothing before a dead layer gets a gradient, so a born-dead network never revives.
    assert not np.any(result.born_dead & ~result.dead_layer)
    assert np.all(result.collapsed[result.dead_layer])
    # With MSE the best constant is the mean of the targets, sqrt(7) / 2.
    constants = result.outputs[result.dead_layer, 0]
    np.testing.assert_allclose(constants, np.sqrt(7) / 2, atol=1e-3)
    np.testing.assert_allclose(result.final_loss[result.dead_layer], np.var(result.y_train), rtol=1e-5)


def test_batched_functions_refuse_malformed_stacks_and_inputs():
    params = init_abs_networks(3, seed=0, depth=2)
    x = abs_training_inputs(4)
    with pytest.raises(ValueError):
        batched_forward(params[:-1], x)  # ends in 2 outputs, not 1
    with pytest.raises(ValueError):
        batched_forward([(params[0][0][:2], params[0][1])] + params[1:], x)  # 2 vs 3 networks
    with pytest.raises(ValueError):
        batched_forward(params, np.array([0.0, np.nan]))
    with pytest.raises(ValueError):
        batched_forward(params, x[:, None])
    with pytest.raises(ValueError):
        batched_mse_gradients(params, x, np.abs(x)[:-1])
    with pytest.raises(ValueError):
        batched_forward(params, x, activation="tanh")
    with pytest.raises(ValueError):
        batched_forward(params, x, activation="leaky_relu", alpha=1.5)
    with pytest.raises(ValueError):
        fit_abs(2, epochs=0)
