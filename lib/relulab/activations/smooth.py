"""The smooth activations: sigmoid and tanh, and the curves that replaced them (Swish, GELU, softplus).

Taught in: chapters/01_relu (sigmoid and tanh, whose gradients vanish),
chapters/02_leaky_relu (Swish, GELU, softplus) and
chapters/04_forward_propagation (sigmoid and softmax at the output).
"""
from __future__ import annotations

import math

import numpy as np

from .._checks import as_float_array, scalar_if_0d
from .rectifiers import ArrayLike

def sigmoid(z: ArrayLike) -> ArrayLike:
    """sigmoid(z) = 1 / (1 + exp(-z)), computed without overflow.

    Only exp(-|z|) is ever evaluated, which lies in (0, 1], so there is no
    overflow warning, and the limits are exact: sigmoid(1e4) == 1.0 and
    sigmoid(-1e4) == 0.0.
    """
    z = as_float_array(z, "z", allow_inf=True)
    e = np.exp(-np.abs(z))
    return scalar_if_0d(np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e)))


def sigmoid_derivative(z: ArrayLike) -> ArrayLike:
    """sigmoid'(z) = sigmoid(z) * (1 - sigmoid(z)); at most 1/4, the root of vanishing gradients."""
    s = np.asarray(sigmoid(z))
    return scalar_if_0d(s * (1.0 - s))


def tanh(z: ArrayLike) -> ArrayLike:
    """tanh(z) = (exp(z) - exp(-z)) / (exp(z) + exp(-z)): zero-centred, in (-1, 1)."""
    z = as_float_array(z, "z", allow_inf=True)
    return scalar_if_0d(np.tanh(z))


def tanh_derivative(z: ArrayLike) -> ArrayLike:
    """tanh'(z) = 1 - tanh(z)^2."""
    t = np.asarray(tanh(z))
    return scalar_if_0d(1.0 - t * t)


def swish(z: ArrayLike) -> ArrayLike:
    """Swish / SiLU: swish(z) = z * sigmoid(z) (Ramachandran et al., 2017, with beta = 1).

    Smooth and non-monotonic: slightly negative for negative z, minimum about -0.278.
    """
    z = as_float_array(z, "z", allow_inf=True)
    return scalar_if_0d(z * np.asarray(sigmoid(z)))


def swish_derivative(z: ArrayLike) -> ArrayLike:
    """swish'(z) = s + z * s * (1 - s), where s = sigmoid(z)."""
    z = as_float_array(z, "z", allow_inf=True)
    s = np.asarray(sigmoid(z))
    return scalar_if_0d(s + z * s * (1.0 - s))


silu = swish


_erf = np.vectorize(math.erf, otypes=[np.float64])  # numpy has no erf; math.erf is exact to 1 ulp


_SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)


_GELU_TANH_CUBIC = 0.044715  # Hendrycks & Gimpel (2016), the tanh approximation's constant


def gelu(z: ArrayLike) -> ArrayLike:
    """GELU(z) = z * Phi(z) = z/2 * (1 + erf(z / sqrt(2))) (Hendrycks & Gimpel, 2016).

    Phi is the standard normal CDF: the unit passes z weighted by the chance
    that a standard normal falls below it. Smooth, slightly negative for z < 0
    (minimum about -0.17 near z = -0.75), so no hard zero and no dead unit.
    The default in BERT and GPT-style transformers; PyTorch's
    ``nn.GELU(approximate="none")``.
    """
    z = as_float_array(z, "z", allow_inf=True)
    with np.errstate(invalid="ignore"):  # -inf * 0 at z = -inf; its limit is 0
        return scalar_if_0d(_rectified_limits(z, 0.5 * z * (1.0 + _erf(z / math.sqrt(2.0)))))


def _rectified_limits(z: np.ndarray, value: np.ndarray) -> np.ndarray:
    """``value``, with the limits max(z, 0) written in at z = +-inf (0 at -inf, inf at +inf)."""
    return np.where(np.isinf(z), np.maximum(z, 0.0), value)


def gelu_derivative(z: ArrayLike) -> ArrayLike:
    """GELU'(z) = Phi(z) + z * phi(z), with phi(z) = exp(-z^2/2) / sqrt(2 pi)."""
    z = as_float_array(z, "z", allow_inf=True)
    pdf = np.exp(-0.5 * z * z) / math.sqrt(2.0 * math.pi)
    with np.errstate(invalid="ignore"):  # inf * 0 at z = +-inf; z * phi(z) tends to 0
        tail = np.where(np.isinf(z), 0.0, z * pdf)
    return scalar_if_0d(0.5 * (1.0 + _erf(z / math.sqrt(2.0))) + tail)


def gelu_tanh(z: ArrayLike) -> ArrayLike:
    """GELU's tanh approximation: z/2 * (1 + tanh(sqrt(2/pi) * (z + 0.044715 z^3))).

    Within about 1e-3 of the exact form; PyTorch's ``nn.GELU(approximate="tanh")``
    and the GPT-2 code use it.
    """
    z = as_float_array(z, "z", allow_inf=True)
    with np.errstate(over="ignore", invalid="ignore"):
        inner = _SQRT_2_OVER_PI * (z + _GELU_TANH_CUBIC * z**3)
        return scalar_if_0d(_rectified_limits(z, 0.5 * z * (1.0 + np.tanh(inner))))


def gelu_tanh_derivative(z: ArrayLike) -> ArrayLike:
    """d/dz of gelu_tanh: (1 + t)/2 + z/2 * (1 - t^2) * sqrt(2/pi) * (1 + 3 * 0.044715 z^2), t = tanh(inner)."""
    z = as_float_array(z, "z", allow_inf=True)
    with np.errstate(over="ignore", invalid="ignore"):
        t = np.tanh(_SQRT_2_OVER_PI * (z + _GELU_TANH_CUBIC * z**3))
        slope = 0.5 * z * (1.0 - t * t) * _SQRT_2_OVER_PI * (1.0 + 3.0 * _GELU_TANH_CUBIC * z * z)
    return scalar_if_0d(0.5 * (1.0 + t) + np.where(t * t == 1.0, 0.0, slope))


def softplus(z: ArrayLike) -> ArrayLike:
    """softplus(z) = log(1 + exp(z)): a smooth ReLU, never zero, never flat (Dugas et al., 2001).

    Computed as max(z, 0) + log1p(exp(-|z|)), which never overflows. Its
    derivative is the sigmoid, so its gradient vanishes for very negative z
    instead of being exactly zero.
    """
    z = as_float_array(z, "z", allow_inf=True)
    return scalar_if_0d(np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z))))


def softplus_derivative(z: ArrayLike) -> ArrayLike:
    """softplus'(z) = sigmoid(z)."""
    return sigmoid(z)


def identity(z: ArrayLike) -> ArrayLike:
    """identity(z) = z: the output activation of a regression network."""
    return scalar_if_0d(as_float_array(z, "z", allow_inf=True))


def identity_derivative(z: ArrayLike) -> ArrayLike:
    """identity'(z) = 1."""
    return scalar_if_0d(np.ones_like(as_float_array(z, "z", allow_inf=True)))


def softmax(z: ArrayLike, axis: int = -1) -> np.ndarray:
    """softmax(z)_k = exp(z_k - max z) / sum_j exp(z_j - max z), along ``axis``.

    Subtracting the maximum changes nothing mathematically and prevents overflow.
    Used at the output of a multi-class network, never in hidden layers.
    """
    z = as_float_array(z, "z")
    shifted = np.exp(z - z.max(axis=axis, keepdims=True))
    return shifted / shifted.sum(axis=axis, keepdims=True)
