"""Tests of relulab.training: the training loop, its History and the 10% switch."""
from __future__ import annotations

import numpy as np
import pytest

from relulab.data import make_moons
from relulab.diagnostics import inactive_units, overall_fraction
from relulab.network import MLP
from relulab.training import History, train, train_with_switch

X_MOONS, Y_MOONS = make_moons(60, noise=0.1, seed=0)


def _total_dead_per_epoch(history: History, widths: list[int]) -> np.ndarray:
    return overall_fraction(history.dead_fractions(), widths)


def test_epochs_to_accuracy_finds_the_first_epoch():
    history = History(loss=[1.0] * 5, accuracy=[0.5, 0.8, 0.96, 0.9, 0.99])
    assert history.epochs_to_accuracy(0.95) == 2.0
    assert history.epochs_to_accuracy(0.5) == 0.0
    assert history.epochs_to_accuracy(1.0) == float("inf")
    with pytest.raises(ValueError):
        history.epochs_to_accuracy(1.5)


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
