"""Tests of relulab.experiments: seed runs, setups and sweeps, against separate runs of train."""
from __future__ import annotations

import numpy as np
import pytest

from relulab.data import make_moons
from relulab.diagnostics import dead_fraction_per_layer
from relulab.experiments import Setup, _run_seeds, sweep
from relulab.network import MLP
from relulab.training import train

X_MOONS, Y_MOONS = make_moons(60, noise=0.1, seed=0)


def _build(seed: int) -> MLP:
    return MLP([2, 8, 8, 1], seed=seed)


def test_run_seeds_is_deterministic_bit_for_bit():
    first = _run_seeds(_build, X_MOONS, Y_MOONS, seeds=(0, 1, 2), epochs=5, lr=0.5, batch_size=16)
    second = _run_seeds(_build, X_MOONS, Y_MOONS, seeds=(0, 1, 2), epochs=5, lr=0.5, batch_size=16)
    for name in ("loss", "accuracy", "dead", "inactive", "dead_init", "inactive_init"):
        np.testing.assert_array_equal(getattr(first, name), getattr(second, name))
    for a, b in zip(first.networks, second.networks):
        for Wa, Wb in zip(a.weights, b.weights):
            np.testing.assert_array_equal(Wa, Wb)


def test_run_seeds_records_what_train_reports():
    runs = _run_seeds(_build, X_MOONS, Y_MOONS, seeds=(3, 4), epochs=4, lr=0.3)
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
        _run_seeds(_build, X_MOONS, Y_MOONS, seeds, epochs=1, lr=0.1, **kwargs)


def test_run_seeds_needs_a_network_to_measure():
    with pytest.raises(TypeError, match="relulab.MLP"):
        _run_seeds(lambda seed: "not a network", X_MOONS, Y_MOONS, (0, 1), epochs=1, lr=0.1)
    with pytest.raises(ValueError, match="hidden layer"):
        _run_seeds(lambda seed: MLP([2, 1], seed=seed), X_MOONS, Y_MOONS, (0, 1), epochs=1, lr=0.1)


def test_seed_runs_refuse_unknown_metrics_and_layers():
    runs = _run_seeds(_build, X_MOONS, Y_MOONS, (0, 1), epochs=1, lr=0.1)
    with pytest.raises(ValueError, match="Unknown metric"):
        runs.values("speed")
    with pytest.raises(ValueError, match="layer must be"):
        runs.values("dead", layer=2)
    with pytest.raises(ValueError, match="no layers"):
        runs.values("loss", layer=0)


def test_setup_runs_what_it_describes():
    setup = Setup(layer_sizes=(2, 8, 8, 1), n_samples=60, lr=0.3, epochs=3, seeds=(0, 1))
    X, y = make_moons(60, 0.1, 0)
    direct = _run_seeds(lambda s: MLP([2, 8, 8, 1], seed=s), X, y, (0, 1), epochs=3, lr=0.3)
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


def test_run_seeds_refuses_a_different_architecture_per_seed():
    with pytest.raises(ValueError, match="same architecture"):
        _run_seeds(lambda seed: MLP([2, 4 + seed, 1], seed=seed), X_MOONS, Y_MOONS, (0, 1), epochs=1, lr=0.1)
