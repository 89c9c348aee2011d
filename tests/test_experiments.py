"""Tests of relulab.experiments against independent expectations."""
from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from relulab import MLP, dead_fraction_per_layer, make_moons, train
from relulab.experiments import (
    Setup,
    activation_rms,
    epochs_to_accuracy,
    format_mean_spread,
    format_table,
    html_table,
    inactive_fraction,
    inactive_units,
    overall_fraction,
    run_seeds,
    summarize,
    sweep,
    train_with_switch,
    unit_fates,
)
from relulab.training import History

X_MOONS, Y_MOONS = make_moons(60, noise=0.1, seed=0)
finite = st.floats(-1e3, 1e3, allow_nan=False)


# ------------------------------------------------------------------ statistics
@given(arrays(np.float64, st.integers(2, 30), elements=finite))
def test_summarize_matches_textbook_formulas(values):
    n = len(values)
    mean = sum(values) / n
    std = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
    summary = summarize(values)
    assert summary.n == n
    assert summary.mean == pytest.approx(mean, rel=1e-9, abs=1e-9)
    assert summary.std == pytest.approx(std, rel=1e-7, abs=1e-7)
    assert summary.se == pytest.approx(std / math.sqrt(n), rel=1e-7, abs=1e-7)


def test_summarize_works_along_an_axis_and_unpacks_to_mean_std_se():
    values = np.array([[0.0, 1.0], [2.0, 3.0], [4.0, 8.0]])
    mean, std, se = summarize(values, axis=0)
    np.testing.assert_allclose(mean, [2.0, 4.0])
    np.testing.assert_allclose(std, [2.0, np.sqrt(13.0)])
    np.testing.assert_allclose(se, np.array([2.0, np.sqrt(13.0)]) / np.sqrt(3))


@pytest.mark.parametrize(
    "values, error",
    [([1.0], ValueError), ([1.0, np.nan], ValueError), ([1.0, np.inf], ValueError), (3.0, ValueError),
     (["a", "b"], TypeError)],
)
def test_summarize_refuses_what_has_no_spread(values, error):
    with pytest.raises(error):
        summarize(values)


def test_summary_format_and_cells():
    assert summarize([1.0, 2.0, 3.0]).format(2) == "2.00 ± 1.00"
    assert summarize([1.0, 2.0, 3.0]).format(3, spread="se") == f"2.000 ± {1 / np.sqrt(3):.3f}"
    assert format_mean_spread([1.0, 3.0], 1, total=5) == "2.0 ± 1.4 (2/5)"
    assert format_mean_spread([1.0, 3.0], 1, total=2) == "2.0 ± 1.4"
    assert format_mean_spread([0.25], 2, total=5) == "0.25 (1/5)"
    assert format_mean_spread([0.25], 2) == "0.25 (1 run)"
    assert format_mean_spread([], 2, total=5) == "-"
    with pytest.raises(ValueError):
        format_mean_spread([1.0, 2.0, 3.0], 2, total=2)  # more values than runs
    with pytest.raises(ValueError):
        summarize([[1.0, 2.0], [3.0, 4.0]]).format()


# ---------------------------------------------------------------------- tables
def test_format_table_aligns_columns():
    text = format_table([["relu", "0.50"], ["leaky_relu", 7]], ["activation", "x"])
    lines = text.splitlines()
    assert lines[0] == "activation     x"
    assert lines[1] == "----------  ----"
    assert lines[2] == "relu        0.50"
    assert lines[3] == "leaky_relu     7"


def test_format_table_refuses_floats_and_ragged_rows():
    with pytest.raises(TypeError, match="format floats"):
        format_table([["a", 0.5]], ["x", "y"])
    with pytest.raises(ValueError, match="2 cells"):
        format_table([["a"]], ["x", "y"])
    with pytest.raises(ValueError):
        format_table([], [])


def test_html_table_escapes_text():
    html = html_table([["a < b & c", 3]], ["claim", "n"])
    assert "<td>a &lt; b &amp; c</td><td>3</td>" in html
    assert html.count("<tr>") == 2


# ---------------------------------------------------------------- unit counts
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


def test_epochs_to_accuracy_finds_the_first_epoch():
    history = History(loss=[1.0] * 5, accuracy=[0.5, 0.8, 0.96, 0.9, 0.99])
    assert epochs_to_accuracy(history, 0.95) == 2.0
    assert epochs_to_accuracy(history, 0.5) == 0.0
    assert epochs_to_accuracy(history, 1.0) == float("inf")
    with pytest.raises(ValueError):
        epochs_to_accuracy(history, 1.5)


def test_activation_rms_is_the_root_mean_square():
    net = MLP([2, 8, 8, 1], seed=0)
    expected = [np.sqrt(np.mean(a**2)) for a in net.hidden_activations(X_MOONS)]
    np.testing.assert_allclose(activation_rms(net, X_MOONS), expected, rtol=1e-12)


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


# ------------------------------------------------------------------- seed runs
def _build(seed: int) -> MLP:
    return MLP([2, 8, 8, 1], seed=seed)


def test_run_seeds_is_deterministic_bit_for_bit():
    first = run_seeds(_build, X_MOONS, Y_MOONS, seeds=(0, 1, 2), epochs=5, lr=0.5, batch_size=16)
    second = run_seeds(_build, X_MOONS, Y_MOONS, seeds=(0, 1, 2), epochs=5, lr=0.5, batch_size=16)
    for name in ("loss", "accuracy", "dead", "inactive", "dead_init", "inactive_init"):
        np.testing.assert_array_equal(getattr(first, name), getattr(second, name))
    for a, b in zip(first.networks, second.networks):
        for Wa, Wb in zip(a.weights, b.weights):
            np.testing.assert_array_equal(Wa, Wb)


def test_run_seeds_records_what_train_reports():
    runs = run_seeds(_build, X_MOONS, Y_MOONS, seeds=(3, 4), epochs=4, lr=0.3)
    for i, seed in enumerate((3, 4)):
        net = _build(seed)
        np.testing.assert_array_equal(runs.dead_init[i], dead_fraction_per_layer(net, X_MOONS))
        history = train(net, X_MOONS, Y_MOONS, epochs=4, lr=0.3, seed=seed)
        assert runs.loss[i] == history.loss[-1]
        np.testing.assert_array_equal(runs.dead[i], history.dead_fractions()[-1])
    assert runs.summary("loss").mean == pytest.approx(np.mean(runs.loss))


def test_diverged_runs_are_counted_and_left_out():
    setup = Setup(layer_sizes=(2, 32, 32, 32, 1), activation="leaky_relu", lr=3.0, epochs=60)
    runs = setup.run()
    assert 0 < runs.n_diverged < runs.n_runs  # 4 of 5 diverge at this learning rate
    assert np.isnan(runs.loss[runs.diverged]).all()
    assert np.isfinite(runs.values("loss")).all()
    assert len(runs.values("accuracy")) == runs.n_runs - runs.n_diverged
    assert runs.cell("loss").endswith(f"({runs.n_runs - runs.n_diverged}/{runs.n_runs})")
    assert len(runs.values("dead_init")) == runs.n_runs  # measured before training: all runs


@pytest.mark.parametrize(
    "seeds, kwargs, error",
    [((0,), {}, ValueError), ((0, 0), {}, ValueError), ((0, -1), {}, ValueError), ("01", {}, TypeError),
     ((0, 1), {"seed": 3}, ValueError)],
)
def test_run_seeds_validates_its_input(seeds, kwargs, error):
    with pytest.raises(error):
        run_seeds(_build, X_MOONS, Y_MOONS, seeds, epochs=1, lr=0.1, **kwargs)


def test_run_seeds_needs_a_network_to_measure():
    with pytest.raises(TypeError, match="relulab.MLP"):
        run_seeds(lambda seed: "not a network", X_MOONS, Y_MOONS, (0, 1), epochs=1, lr=0.1)
    with pytest.raises(ValueError, match="hidden layer"):
        run_seeds(lambda seed: MLP([2, 1], seed=seed), X_MOONS, Y_MOONS, (0, 1), epochs=1, lr=0.1)


def test_seed_runs_refuse_unknown_metrics_and_layers():
    runs = run_seeds(_build, X_MOONS, Y_MOONS, (0, 1), epochs=1, lr=0.1)
    with pytest.raises(ValueError, match="Unknown metric"):
        runs.values("speed")
    with pytest.raises(ValueError, match="layer must be"):
        runs.values("dead", layer=2)
    with pytest.raises(ValueError, match="no layers"):
        runs.values("loss", layer=0)


# ---------------------------------------------------------------------- setups
def test_setup_runs_what_it_describes():
    setup = Setup(layer_sizes=(2, 8, 8, 1), n_samples=60, lr=0.3, epochs=3, seeds=(0, 1))
    X, y = make_moons(60, 0.1, 0)
    direct = run_seeds(lambda s: MLP([2, 8, 8, 1], seed=s), X, y, (0, 1), epochs=3, lr=0.3)
    np.testing.assert_array_equal(setup.run().loss, direct.loss)
    line = setup.describe()
    for fact in ("moons(n=60", "[2, 8, 8, 1]", "relu", "he_normal", "full batch", "lr 0.3", "3 epochs", "seeds 0-1"):
        assert fact in line
    assert "lr in {0.1, 1}" in setup.describe(lr=(0.1, 1.0))


def test_setup_shift_moves_every_input():
    X0, y0 = Setup().dataset()
    X3, y3 = Setup(shift=-3.0).dataset()
    np.testing.assert_array_equal(X3, X0 - 3.0)
    np.testing.assert_array_equal(y3, y0)


@pytest.mark.parametrize(
    "changes, error",
    [({"activation": "relu6"}, ValueError), ({"lr": 0.0}, ValueError), ({"epochs": 0}, ValueError),
     ({"seeds": (1,)}, ValueError), ({"data": "mnist"}, ValueError), ({"bias": "low"}, TypeError),
     ({"layer_sizes": (2, 0, 1)}, ValueError), ({"speed": 2}, ValueError), ({"n_samples": 1}, ValueError),
     ({"noise": -0.1}, ValueError)],
)
def test_setup_refuses_bad_fields(changes, error):
    with pytest.raises(error):
        Setup().replace(**changes)


def test_sweep_equals_separate_runs():
    setup = Setup(layer_sizes=(2, 8, 1), n_samples=60, epochs=3, seeds=(0, 1))
    swept = sweep(setup, "lr", (0.1, 1.0))
    for runs, lr in zip(swept, (0.1, 1.0)):
        np.testing.assert_array_equal(runs.loss, setup.replace(lr=lr).run().loss)
    with pytest.raises(ValueError, match="no field"):
        sweep(setup, "learning_rate", (0.1,))
    with pytest.raises(ValueError, match="non-empty"):
        sweep(setup, "lr", ())


# -------------------------------------------------------- the gradient argument
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


# ------------------------------------------------------------- the 10% rule
def _total_dead_per_epoch(history: History, widths: list[int]) -> np.ndarray:
    return overall_fraction(history.dead_fractions(), widths)


def test_switch_happens_at_the_first_epoch_above_threshold():
    sizes, lr, epochs = [2, 16, 16, 16, 1], 2.0, 12
    reference = train(MLP(sizes, seed=1), X_MOONS, Y_MOONS, epochs=epochs, lr=lr, seed=1)
    dead = _total_dead_per_epoch(reference, sizes[1:-1])[1:]  # after epochs 1..12
    # choose a threshold that the running maximum first exceeds at some epoch k >= 2
    running_max = np.maximum.accumulate(dead)
    k = int(np.flatnonzero(np.diff(running_max) > 0)[0]) + 2
    threshold = (running_max[k - 2] + dead[k - 1]) / 2
    run = train_with_switch(MLP(sizes, seed=1), X_MOONS, Y_MOONS, epochs, lr, threshold=threshold, seed=1)
    assert run.switched_at == k
    assert run.history.loss[: k + 1] == reference.loss[: k + 1]  # identical until the switch
    assert sum(int(m.sum()) for m in run.dead_at_switch) == round(dead[k - 1] * sum(sizes[1:-1]))


def test_no_switch_below_threshold():
    net = MLP([2, 8, 1], seed=0)
    run = train_with_switch(net, X_MOONS, Y_MOONS, epochs=3, lr=0.1, threshold=1.0, seed=0)
    assert run.switched_at is None and run.revived is None
    assert net.activation == "relu"
    assert run.inactive.shape == (4, 1)


def test_switch_gives_a_dead_unit_a_gradient_again():
    net = MLP([2, 6, 1], seed=0)
    net.biases[0][1] = -3.0
    before = net.weights[0][:, 1].copy()
    assert inactive_units(net, X_MOONS)[0][1]
    run = train_with_switch(net, X_MOONS, Y_MOONS, epochs=5, lr=0.5, threshold=0.0, seed=0)
    assert run.switched_at == 1 and net.activation == "leaky_relu"
    assert run.dead_at_switch[0][1]
    assert not np.array_equal(net.weights[0][:, 1], before)  # alpha * upstream is not zero


def test_switch_needs_a_relu_start():
    with pytest.raises(ValueError, match="starts from a ReLU"):
        train_with_switch(MLP([2, 4, 1], activation="leaky_relu"), X_MOONS, Y_MOONS, 1, 0.1)


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 50), st.floats(-3.0, 0.0))
def test_inactive_fraction_is_a_share_of_units(seed, bias):
    net = MLP([2, 5, 7, 1], bias=bias, seed=seed)
    fractions = inactive_fraction(net, X_MOONS)
    assert fractions.shape == (2,)
    np.testing.assert_array_equal(fractions * [5, 7], np.round(fractions * [5, 7]))
    assert ((0 <= fractions) & (fractions <= 1)).all()


def test_run_seeds_refuses_a_different_architecture_per_seed():
    with pytest.raises(ValueError, match="same architecture"):
        run_seeds(lambda seed: MLP([2, 4 + seed, 1], seed=seed), X_MOONS, Y_MOONS, (0, 1), epochs=1, lr=0.1)
