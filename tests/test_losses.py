"""Tests of relulab.losses against the textbook formulas."""
from __future__ import annotations

import warnings

import numpy as np
import pytest

from relulab.losses import (
    binary_cross_entropy_from_logits,
    binary_cross_entropy_gradient,
    categorical_cross_entropy_from_logits,
    mean_squared_error,
)


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
