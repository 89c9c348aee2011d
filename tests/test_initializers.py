"""Initializers against the variances their papers prescribe."""
import numpy as np
import pytest

from relulab import initializers as I
from relulab.activations import leaky_relu
from relulab.initializers import get_initializer, _randomized_asymmetric_init, randomized_asymmetric_layer

N_IN, N_OUT = 400, 300


@pytest.mark.parametrize(
    "name, expected_var",
    [
        ("he_normal", 2 / N_IN),
        ("xavier_normal", 2 / (N_IN + N_OUT)),
    ],
)
def test_variance(name, expected_var):
    W = I.get_initializer(name)(N_IN, N_OUT, np.random.default_rng(0))
    assert W.shape == (N_IN, N_OUT)
    # 120,000 draws: the sample variance is within ~1.5% (4 sigma) of the truth.
    assert W.var() == pytest.approx(expected_var, rel=0.02)
    assert abs(W.mean()) < 4 * np.sqrt(expected_var / W.size)


def test_small_normal_and_constant_bias():
    W = I.get_initializer("normal", std=0.01)(N_IN, N_OUT, np.random.default_rng(0))
    assert W.std() == pytest.approx(0.01, rel=0.02)
    np.testing.assert_array_equal(I._constant_bias(3, -2.0), [-2.0, -2.0, -2.0])
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


@pytest.mark.parametrize("name", ["he_normal"])
@pytest.mark.parametrize("alpha", [0.01, 0.2, 0.5])
def test_he_for_leaky_relu_has_variance_two_over_one_plus_alpha_squared(name, alpha):
    W = I.get_initializer(name, alpha=alpha)(N_IN, N_OUT, np.random.default_rng(0))
    assert W.var() == pytest.approx(2 / ((1 + alpha**2) * N_IN), rel=0.02)


def test_he_gain_keeps_the_second_moment_through_leaky_layers():
    """Measured, not derived: E[a^2] after 30 leaky layers stays within 10% with the gain, drifts without."""
    alpha, width, depth = 0.5, 256, 30
    rng = np.random.default_rng(3)
    for init, stays in [(get_initializer("he_normal", alpha=alpha), True), (I.he_normal, False)]:
        a = rng.standard_normal((512, width))
        start = np.mean(a**2)
        for _ in range(depth):
            a = leaky_relu(a @ init(width, width, rng), alpha)
        ratio = np.mean(a**2) / start
        assert (abs(ratio - 1) < 0.1) == stays, f"{init}: E[a^2] ratio {ratio:.3f} after {depth} layers"


def test_alpha_and_std_are_refused_where_they_mean_nothing():
    with pytest.raises(ValueError, match="has no slope"):
        I.get_initializer("xavier_normal", alpha=0.01)
    with pytest.raises(ValueError, match=r"alpha must be a finite number in \[0.0, 1.0\)"):
        I.get_initializer("he_normal", alpha=1.5)
    with pytest.raises(ValueError, match="pass std only with 'normal'"):
        I.get_initializer("he_normal", std=0.1)


def test_rai_has_one_beta_entry_per_unit():
    """Column sums of V = (W; b) have mean E[Beta(2, 1)] = 2/3 (the normal entries have mean 0)."""
    n_in, n_out = 4, 50_000
    W, b = randomized_asymmetric_layer(n_in, n_out, np.random.default_rng(0))
    assert W.shape == (n_in, n_out) and b.shape == (n_out,)
    sums = W.sum(axis=0) + b
    assert abs(sums.mean() - 2 / 3) < 3 * sums.std() / np.sqrt(n_out)
    # Every unit has an entry in (0, 1] that the normal part alone would rarely give all of;
    # the positive share exceeds 1/2 by about 1/(2 (n_in + 1)).
    share = np.mean(np.concatenate([W.ravel(), b]) > 0)
    assert share == pytest.approx(0.5 + 0.5 / (n_in + 1), abs=0.01)


def test_rai_weights_form_is_registered_and_matches_the_layer_draw():
    W = _randomized_asymmetric_init(3, 5, np.random.default_rng(9))
    W_layer, _ = randomized_asymmetric_layer(3, 5, np.random.default_rng(9))
    np.testing.assert_array_equal(W, W_layer)
    np.testing.assert_array_equal(get_initializer("rai")(3, 5, np.random.default_rng(9)), W)
