"""Initializers against the variances their papers prescribe."""
import numpy as np
import pytest

from relulab import initializers as I

N_IN, N_OUT = 400, 300


@pytest.mark.parametrize(
    "name, expected_var",
    [
        ("he_normal", 2 / N_IN),
        ("he_uniform", 2 / N_IN),
        ("xavier_normal", 2 / (N_IN + N_OUT)),
        ("xavier_uniform", 2 / (N_IN + N_OUT)),
    ],
)
def test_variance(name, expected_var):
    W = I.get_initializer(name)(N_IN, N_OUT, np.random.default_rng(0))
    assert W.shape == (N_IN, N_OUT)
    # 120,000 draws: the sample variance is within ~1.5% (4 sigma) of the truth.
    assert W.var() == pytest.approx(expected_var, rel=0.02)
    assert abs(W.mean()) < 4 * np.sqrt(expected_var / W.size)


def test_uniform_limits():
    W = I.he_uniform(N_IN, N_OUT, np.random.default_rng(0))
    assert np.abs(W).max() <= np.sqrt(6 / N_IN)


def test_small_normal_and_constant_bias():
    W = I.get_initializer("normal", std=0.01)(N_IN, N_OUT, np.random.default_rng(0))
    assert W.std() == pytest.approx(0.01, rel=0.02)
    np.testing.assert_array_equal(I.constant_bias(3, -2.0), [-2.0, -2.0, -2.0])
    assert not I.zeros(2, 3).any()


def test_same_seed_same_bits():
    a = I.he_normal(5, 4, np.random.default_rng(7))
    b = I.he_normal(5, 4, np.random.default_rng(7))
    assert a.tobytes() == b.tobytes()


def test_bad_input():
    with pytest.raises(ValueError, match="Unknown initializer 'glorot'; allowed"):
        I.get_initializer("glorot")
    with pytest.raises(ValueError, match="n_in must be >= 1"):
        I.he_normal(0, 3, np.random.default_rng(0))
    with pytest.raises(ValueError, match="std must be a finite number"):
        I.get_initializer("normal", std=0.0)
    with pytest.raises(ValueError, match="pass std only with 'normal'"):
        I.get_initializer("he_normal", std=0.1)
