"""Activations against their formulas, finite differences and the seeds' values."""
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relulab import activations as A

FLOATS = st.floats(min_value=-50, max_value=50, allow_nan=False).filter(lambda z: abs(z) > 1e-3)

# name -> (function, derivative); alpha-taking ones bound to a non-default value.
PAIRS = {
    "relu": (A.relu, A.relu_derivative),
    "leaky_relu": (lambda z: A.leaky_relu(z, 0.1), lambda z: A.leaky_relu_derivative(z, 0.1)),
    "prelu": (lambda z: A.prelu(z, 0.3), lambda z: A.prelu_derivative(z, 0.3)),
    "elu": (lambda z: A.elu(z, 0.7), lambda z: A.elu_derivative(z, 0.7)),
    "selu": (A.selu, A.selu_derivative),
    "swish": (A.swish, A.swish_derivative),
    "sigmoid": (A.sigmoid, A.sigmoid_derivative),
    "tanh": (A.tanh, A.tanh_derivative),
    "identity": (A.identity, A.identity_derivative),
    "gelu": (A.gelu, A.gelu_derivative),
    "gelu_tanh": (A.gelu_tanh, A.gelu_tanh_derivative),
    "softplus": (A.softplus, A.softplus_derivative),
    "absolute": (A.absolute, A.absolute_derivative),
}


def test_seed_values():
    assert A.relu(5) == 5
    assert A.relu(-3) == 0
    assert A.leaky_relu(5) == 5
    assert A.leaky_relu(-100) == -1


def test_derivative_at_zero_follows_the_seeds_and_pytorch():
    assert A.relu_derivative(0.0) == 0.0
    assert A.leaky_relu_derivative(0.0) == 0.01
    assert A.leaky_relu_derivative(0.0, alpha=0.2) == 0.2


@pytest.mark.parametrize("name", PAIRS)
@settings(max_examples=60, deadline=None)
@given(z=FLOATS)
def test_derivative_matches_central_difference(name, z):
    fn, derivative = PAIRS[name]
    h = 1e-6
    numeric = (fn(z + h) - fn(z - h)) / (2 * h)
    assert derivative(z) == pytest.approx(numeric, rel=1e-5, abs=1e-7)


@given(z=st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), alpha=st.floats(0, 0.99))
def test_leaky_relu_is_max_of_alpha_z_and_z(z, alpha):
    assert A.leaky_relu(z, alpha) == max(alpha * z, z)


@given(z=st.floats(min_value=-1e6, max_value=1e6, allow_nan=False))
def test_relu_is_max_zero_z(z):
    assert A.relu(z) == max(0.0, z)


def test_closed_forms():
    z = np.linspace(-4, 4, 81)
    np.testing.assert_allclose(A.sigmoid(z), 1 / (1 + np.exp(-z)), rtol=1e-15)
    np.testing.assert_allclose(A.elu(z), np.where(z > 0, z, np.exp(z) - 1), rtol=1e-14, atol=1e-16)
    np.testing.assert_allclose(A.swish(z), z / (1 + np.exp(-z)), rtol=1e-14, atol=1e-16)
    np.testing.assert_allclose(A.selu(z), 1.0507009873554805 * np.where(z > 0, z, 1.6732632423543772 * np.expm1(z)))


def test_selu_constants_give_a_fixed_point():
    # Klambauer et al.: for z ~ N(0, 1), SELU(z) has mean 0 and variance 1.
    z = np.random.default_rng(0).standard_normal(2_000_000)
    out = A.selu(z)
    assert abs(out.mean()) < 3e-3 and abs(out.var() - 1) < 3e-3


def test_swish_minimum():
    z = np.linspace(-3, 0, 300_001)
    values = A.swish(z)
    assert values.min() == pytest.approx(-0.27846, abs=1e-5)
    assert z[values.argmin()] == pytest.approx(-1.27846, abs=1e-4)


def test_sigmoid_is_stable_at_extremes():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert A.sigmoid(1e4) == 1.0
        assert A.sigmoid(-1e4) == 0.0
        assert A.sigmoid_derivative(1e4) == 0.0
        assert np.isfinite(A.softmax(np.array([[1e4, -1e4, 0.0]]))).all()


def test_softmax_rows_sum_to_one_and_shift_invariant():
    z = np.random.default_rng(1).normal(size=(5, 4)) * 10
    p = A.softmax(z)
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    np.testing.assert_allclose(A.softmax(z + 123.0), p, rtol=1e-12)


def test_prelu_per_unit_alpha_and_alpha_gradient():
    z = np.array([[-2.0, 3.0], [-1.0, -4.0]])
    alpha = np.array([0.1, 0.5])
    np.testing.assert_array_equal(A.prelu(z, alpha), [[-0.2, 3.0], [-0.1, -2.0]])
    np.testing.assert_array_equal(A.prelu_alpha_derivative(z), [[-2.0, 0.0], [-1.0, -4.0]])
    with pytest.raises(ValueError, match="alpha must be a scalar or have shape"):
        A.prelu(z, np.array([0.1, 0.2, 0.3]))


def test_scalars_in_scalars_out_arrays_in_arrays_out():
    assert np.ndim(A.leaky_relu(-100)) == 0
    assert A.relu(np.array([1.0, -1.0])).shape == (2,)


@pytest.mark.parametrize("alpha", [-0.1, 1.0, 1.5, float("nan")])
def test_leaky_alpha_out_of_range(alpha):
    with pytest.raises(ValueError, match=r"alpha must be a finite number in \[0.0, 1.0\)"):
        A.leaky_relu(1.0, alpha)


def test_non_numeric_and_nan_inputs():
    with pytest.raises(TypeError, match="must be numeric"):
        A.relu(np.array(["a", "b"]))
    with pytest.raises(TypeError, match="must be numeric"):
        A.sigmoid([1, None])
    with pytest.raises(ValueError, match="NaN"):
        A.relu(np.array([1.0, np.nan]))


def test_lookup_by_name():
    for name in A.ACTIVATION_NAMES:
        activation = A.get_activation(name)
        assert activation.name == name
        assert np.isfinite(activation(np.array([-1.0, 1.0]))).all()
    assert A.get_activation("leaky_relu", alpha=0.2)(-10.0) == -2.0
    with pytest.raises(ValueError, match="Unknown activation 'relu6'; allowed: .*leaky_relu"):
        A.get_activation("relu6")
    with pytest.raises(ValueError, match="has no alpha"):
        A.get_activation("relu", alpha=0.1)


def test_central_difference_is_second_order_and_averages_at_a_kink():
    from relulab.gradcheck import central_difference

    # d/dz z^3 = 3 z^2; the central difference errs by h^2 (f''' / 6) = 1e-6 here.
    assert central_difference(lambda z: z**3, 2.0, h=1e-3) == pytest.approx(12.0 + 1e-6, abs=1e-9)
    assert central_difference(A.relu, 0.0) == 0.5
    with pytest.raises(ValueError, match="h must be a finite number"):
        central_difference(A.relu, 1.0, h=0.0)


def normal_cdf_by_quadrature(z: np.ndarray) -> np.ndarray:
    """Phi(z) = 1/2 + integral from 0 to z of the normal density, by Simpson's rule (no erf)."""
    u = np.linspace(0.0, 1.0, 2001)[:, None] * z  # 2000 intervals per point
    density = np.exp(-0.5 * u * u) / np.sqrt(2 * np.pi)
    weights = np.ones(2001)
    weights[1:-1:2], weights[2:-1:2] = 4, 2
    return 0.5 + (weights @ density) * (z / 2000) / 3


def test_gelu_is_z_times_the_normal_cdf():
    # Published table values: Phi(1) = 0.841344746068543, Phi(-1) = 0.158655253931457.
    assert A.gelu(1.0) == pytest.approx(0.841344746068543, rel=1e-14)
    assert A.gelu(-1.0) == pytest.approx(-0.158655253931457, rel=1e-14)
    z = np.linspace(-6, 6, 121)
    # atol: 0.5 + integral cancels for z < 0, so the quadrature is exact to ~1e-15 absolute only.
    np.testing.assert_allclose(A.gelu(z), z * normal_cdf_by_quadrature(z), rtol=1e-12, atol=1e-13)


def test_gelu_tanh_approximates_gelu_and_matches_its_formula():
    z = np.linspace(-8, 8, 16_001)
    gap = np.abs(A.gelu_tanh(z) - A.gelu(z))
    assert 1e-4 < gap.max() < 1e-3  # close, but a different function
    formula = 0.5 * z * (1 + np.tanh(np.sqrt(2 / np.pi) * (z + 0.044715 * z**3)))
    np.testing.assert_allclose(A.gelu_tanh(z), formula, rtol=1e-15, atol=1e-300)


def test_gelu_has_no_hard_zero_and_a_small_negative_dip():
    z = np.linspace(-3, 0, 300_001)
    values = A.gelu(z)
    assert values.min() == pytest.approx(-0.16997, abs=1e-5)
    assert z[values.argmin()] == pytest.approx(-0.75179, abs=1e-4)
    assert np.all(A.gelu_derivative(np.array([-3.0, -1.0, -0.5])) != 0.0)


def test_softplus_is_log_one_plus_exp_and_never_overflows():
    z = np.linspace(-30, 30, 61)
    np.testing.assert_allclose(A.softplus(z), np.log1p(np.exp(z)), rtol=1e-14)
    assert A.softplus(0.0) == pytest.approx(np.log(2.0), rel=1e-15)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert A.softplus(1e4) == 1e4
        assert A.softplus(-1e4) == 0.0
    np.testing.assert_array_equal(A.softplus_derivative(z), A.sigmoid(z))


@pytest.mark.parametrize("fn", [A.gelu, A.gelu_tanh, A.gelu_derivative, A.gelu_tanh_derivative])
def test_gelu_family_limits_at_infinity_without_warnings(fn):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        values = fn(np.array([-np.inf, np.inf]))
    expected = [0.0, 1.0] if "derivative" in fn.__name__ else [0.0, np.inf]
    np.testing.assert_array_equal(values, expected)


def test_absolute_value_rectification():
    z = np.array([-2.0, 0.0, 3.0])
    np.testing.assert_array_equal(A.absolute(z), [2.0, 0.0, 3.0])
    np.testing.assert_array_equal(A.absolute_derivative(z), [-1.0, 0.0, 1.0])


def test_maxout_with_a_zero_piece_is_relu_and_routes_the_gradient_to_the_winner():
    z = np.array([-2.0, 0.5, 3.0])
    pieces = np.stack([z, np.zeros_like(z)], axis=-1)
    np.testing.assert_array_equal(A.maxout(pieces), A.relu(z))
    np.testing.assert_array_equal(A.maxout_derivative(pieces), [[0, 1], [1, 0], [1, 0]])
    with pytest.raises(ValueError, match="k >= 2 pieces"):
        A.maxout(np.array([1.0, 2.0])[:, None])
