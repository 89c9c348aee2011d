"""Tests of relulab.optim against the update rules written out by hand."""
from __future__ import annotations

import numpy as np
import pytest

from relulab import MLP, make_moons
from relulab.optim import SGD, Adam


def test_sgd_is_p_minus_lr_g_in_place():
    p = np.array([1.0, -2.0, 3.0])
    same = p
    SGD(0.5).step([p], [np.array([2.0, 2.0, -4.0])])
    assert same is p
    np.testing.assert_array_equal(p, [0.0, -3.0, 5.0])


def test_adam_first_steps_by_hand():
    # Step 1: m = 0.1 g, v = 0.001 g^2, m_hat = g, v_hat = g^2, so p moves by lr * g / (|g| + eps).
    p, g = np.array([1.0, 1.0]), np.array([4.0, -0.5])
    adam = Adam(0.1, eps=0.0)
    adam.step([p], [g])
    np.testing.assert_allclose(p, [0.9, 1.1], rtol=0, atol=1e-15)
    # Step 2, same gradient: the bias-corrected moments are still g and g^2.
    adam.step([p], [g])
    np.testing.assert_allclose(p, [0.8, 1.2], rtol=0, atol=1e-14)


def test_adam_matches_a_plain_scalar_loop():
    rng = np.random.default_rng(0)
    grads = rng.standard_normal((20, 3))
    p = np.zeros(3)
    adam = Adam(0.01, beta1=0.8, beta2=0.99, eps=1e-6)
    for g in grads:
        adam.step([p], [g])
    expected = []
    for j in range(3):
        q = m = v = 0.0
        for k, g in enumerate(grads[:, j], start=1):
            m = 0.8 * m + 0.2 * g
            v = 0.99 * v + 0.01 * g * g
            q -= 0.01 * (m / (1 - 0.8**k)) / (np.sqrt(v / (1 - 0.99**k)) + 1e-6)
        expected.append(q)
    np.testing.assert_allclose(p, expected, rtol=1e-12, atol=1e-15)


def test_mlp_sgd_step_is_the_sgd_optimizer():
    X, y = make_moons(40, 0.1, 0)
    stepped, by_hand = MLP([2, 5, 1], seed=3), MLP([2, 5, 1], seed=3)
    stepped.sgd_step(X, y, 0.3)
    grads = by_hand.parameter_gradients(X, y)
    names, params = zip(*by_hand.parameters())
    SGD(0.3).step(params, [grads[name] for name in names])
    for (_, a), (_, b) in zip(stepped.parameters(), by_hand.parameters()):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("make", [lambda: SGD(0.0), lambda: Adam(-1.0), lambda: Adam(0.1, beta1=1.0),
                                  lambda: Adam(0.1, eps=-1e-8)])
def test_bad_hyperparameters_are_refused(make):
    with pytest.raises(ValueError):
        make()


def test_misaligned_gradients_are_refused():
    with pytest.raises(ValueError, match="aligned"):
        SGD(0.1).step([np.zeros(2)], [])
    with pytest.raises(ValueError, match="shape"):
        Adam(0.1).step([np.zeros(2)], [np.zeros(3)])
    adam = Adam(0.1)
    adam.step([np.zeros(2)], [np.ones(2)])
    with pytest.raises(ValueError, match="started on 1"):
        adam.step([np.zeros(2), np.zeros(1)], [np.ones(2), np.ones(1)])
