"""Tests of relulab.data: deterministic, well-formed data sets."""
from __future__ import annotations

import numpy as np
import pytest

from relulab.data import load_digits, make_circles, make_moons


@pytest.mark.parametrize("maker", [make_moons, make_circles])
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


def test_data_bad_input():
    with pytest.raises(ValueError, match="noise must be a finite number in \\[0.0, inf\\)"):
        make_moons(10, -1.0)
    with pytest.raises(ValueError, match="n must be >= 2"):
        make_moons(1)


def test_digits_are_the_published_uci_test_set():
    X, y = load_digits()
    assert X.shape == (1797, 64) and y.shape == (1797,)
    assert X.min() == 0.0 and X.max() == 1.0  # pixel counts 0..16, divided by 16
    assert np.array_equal(X * 16, np.round(X * 16))
    # class sizes of optdigits.tes as the UCI description lists them
    assert np.bincount(y).tolist() == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
    X_again, y_again = load_digits()
    assert np.array_equal(X, X_again) and np.array_equal(y, y_again)
