"""Activation functions and their derivatives.

Taught in: chapters/01_relu (ReLU), chapters/02_leaky_relu (Leaky ReLU and its
family: PReLU, ELU, SELU, Swish, GELU, softplus, |z| and maxout),
chapters/04_forward_propagation (sigmoid and softmax at the output).

Convention at the kink z = 0: the derivative takes the value of the *left*
branch, so ReLU'(0) = 0 and LeakyReLU'(0) = alpha, the book's convention.
PyTorch uses the same convention (its ReLU backward passes gradient only where
z > 0, and LeakyReLU backward uses ``z > 0 ? 1 : negative_slope``).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import partial
from typing import Callable

import numpy as np

from ._checks import as_float_array, check_choice, check_leak, check_real, scalar_if_0d

ArrayLike = np.ndarray | float
ActivationFn = Callable[[np.ndarray], np.ndarray]

# Klambauer et al. (2017), eq. 14: the fixed point of mean 0, variance 1.
SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946


def relu(z: ArrayLike) -> ArrayLike:
    """ReLU(z) = max(0, z), elementwise.

    Positive inputs pass through unchanged; everything else becomes 0.
    ``relu(5) == 5`` and ``relu(-3) == 0``.
    """
    z = as_float_array(z, "z", allow_inf=True)
    return scalar_if_0d(np.maximum(0.0, z))


def relu_derivative(z: ArrayLike) -> ArrayLike:
    """ReLU'(z) = 1 if z > 0 else 0 (so ReLU'(0) = 0, as in PyTorch)."""
    z = as_float_array(z, "z", allow_inf=True)
    return scalar_if_0d((z > 0).astype(np.float64))


def leaky_relu(z: ArrayLike, alpha: float = 0.01) -> ArrayLike:
    """LeakyReLU(z) = z if z > 0 else alpha * z, i.e. max(alpha * z, z) for 0 <= alpha < 1.

    alpha = 0.01 lets 1% of a negative input through: ``leaky_relu(-100) == -1``.
    """
    alpha = check_leak(alpha)
    z = as_float_array(z, "z", allow_inf=True)
    return scalar_if_0d(np.where(z > 0, z, alpha * z))


def leaky_relu_derivative(z: ArrayLike, alpha: float = 0.01) -> ArrayLike:
    """LeakyReLU'(z) = 1 if z > 0 else alpha (so LeakyReLU'(0) = alpha, as in PyTorch).

    Never zero when alpha > 0: a leaky unit always passes some gradient, so it is
    never dead by the book's definition (it can still stall; chapter 06 measures it).
    """
    alpha = check_leak(alpha)
    z = as_float_array(z, "z", allow_inf=True)
    return scalar_if_0d(np.where(z > 0, 1.0, alpha))


def _as_slope(alpha: ArrayLike) -> np.ndarray:
    return as_float_array(alpha, "alpha")


def prelu(z: ArrayLike, alpha: ArrayLike) -> ArrayLike:
    """PReLU(z) = z if z > 0 else alpha * z, with alpha learned (He et al., 2015).

    ``alpha`` may be a scalar or one slope per unit (shape (n_units,), matched
    against the last axis of ``z``). Unlike Leaky ReLU, training may move alpha
    anywhere, so any finite value is accepted.
    """
    z = as_float_array(z, "z", allow_inf=True)
    alpha = _as_slope(alpha)
    _check_slope_shape(z, alpha)
    return scalar_if_0d(np.where(z > 0, z, alpha * z))


def prelu_derivative(z: ArrayLike, alpha: ArrayLike) -> ArrayLike:
    """dPReLU/dz = 1 if z > 0 else alpha."""
    z = as_float_array(z, "z", allow_inf=True)
    alpha = _as_slope(alpha)
    _check_slope_shape(z, alpha)
    return scalar_if_0d(np.where(z > 0, 1.0, alpha * np.ones_like(z)))


def prelu_alpha_derivative(z: ArrayLike) -> ArrayLike:
    """dPReLU/dalpha = 0 if z > 0 else z: the slope learns only from negative inputs."""
    z = as_float_array(z, "z", allow_inf=True)
    return scalar_if_0d(np.where(z > 0, 0.0, z))


def _check_slope_shape(z: np.ndarray, alpha: np.ndarray) -> None:
    if alpha.ndim == 0:
        return
    if alpha.ndim != 1 or z.ndim == 0 or alpha.shape[0] != z.shape[-1]:
        raise ValueError(
            f"alpha must be a scalar or have shape (n_units,) matching the last axis of z; "
            f"got alpha shape {alpha.shape} for z shape {z.shape}."
        )


def elu(z: ArrayLike, alpha: float = 1.0) -> ArrayLike:
    """ELU(z) = z if z > 0 else alpha * (exp(z) - 1) (Clevert et al., 2015). Needs alpha > 0."""
    alpha = check_real(alpha, "alpha", low=0.0, low_inclusive=False)
    z = as_float_array(z, "z", allow_inf=True)
    # expm1 of min(z, 0) never overflows and is exact near 0.
    return scalar_if_0d(np.where(z > 0, z, alpha * np.expm1(np.minimum(z, 0.0))))


def elu_derivative(z: ArrayLike, alpha: float = 1.0) -> ArrayLike:
    """ELU'(z) = 1 if z > 0 else alpha * exp(z)."""
    alpha = check_real(alpha, "alpha", low=0.0, low_inclusive=False)
    z = as_float_array(z, "z", allow_inf=True)
    return scalar_if_0d(np.where(z > 0, 1.0, alpha * np.exp(np.minimum(z, 0.0))))


def selu(z: ArrayLike) -> ArrayLike:
    """SELU(z) = scale * ELU(z, alpha) with the fixed constants of Klambauer et al. (2017):
    scale ~ 1.0507, alpha ~ 1.6733, chosen so that activations self-normalize
    towards mean 0 and variance 1 (with LeCun-normal weights)."""
    return scalar_if_0d(SELU_SCALE * np.asarray(elu(z, SELU_ALPHA)))


def selu_derivative(z: ArrayLike) -> ArrayLike:
    """SELU'(z) = scale if z > 0 else scale * alpha * exp(z)."""
    return scalar_if_0d(SELU_SCALE * np.asarray(elu_derivative(z, SELU_ALPHA)))


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


def absolute(z: ArrayLike) -> ArrayLike:
    """Absolute-value rectification |z| (Jarrett et al., 2009): keeps both signs' magnitudes."""
    z = as_float_array(z, "z", allow_inf=True)
    return scalar_if_0d(np.abs(z))


def absolute_derivative(z: ArrayLike) -> ArrayLike:
    """d|z|/dz = sign(z), taken as 0 at z = 0 (as PyTorch's ``abs`` backward)."""
    z = as_float_array(z, "z", allow_inf=True)
    return scalar_if_0d(np.sign(z))


def maxout(z: ArrayLike) -> np.ndarray:
    """Maxout (Goodfellow et al., 2013): the largest of k linear pieces, over the last axis.

    ``z`` has shape (..., k): k pre-activations per unit, each from its own
    weights. ReLU is the special case max(z, 0) with one piece fixed at zero.
    """
    z = as_float_array(z, "z", allow_inf=True)
    if z.ndim == 0 or z.shape[-1] < 2:
        raise ValueError(f"maxout needs k >= 2 pieces on the last axis of z; got shape {z.shape}.")
    return z.max(axis=-1)


def maxout_derivative(z: ArrayLike) -> np.ndarray:
    """d maxout / dz: 1 on the winning piece (the first, on a tie), 0 on the others."""
    z = as_float_array(z, "z", allow_inf=True)
    maxout(z)  # the same shape check
    winner = z.argmax(axis=-1)[..., None]
    return (np.arange(z.shape[-1]) == winner).astype(np.float64)


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


@dataclass(frozen=True)
class Activation:
    """An activation function paired with its derivative, looked up by name."""

    name: str
    fn: ActivationFn
    derivative: ActivationFn

    def __call__(self, z: ArrayLike) -> ArrayLike:
        return self.fn(z)


_FUNCTIONS: dict[str, tuple[Callable[..., ArrayLike], Callable[..., ArrayLike], bool]] = {
    # name: (function, derivative, takes alpha)
    "relu": (relu, relu_derivative, False),
    "leaky_relu": (leaky_relu, leaky_relu_derivative, True),
    "prelu": (prelu, prelu_derivative, True),
    "elu": (elu, elu_derivative, True),
    "selu": (selu, selu_derivative, False),
    "swish": (swish, swish_derivative, False),
    "silu": (swish, swish_derivative, False),
    "gelu": (gelu, gelu_derivative, False),
    "gelu_tanh": (gelu_tanh, gelu_tanh_derivative, False),
    "softplus": (softplus, softplus_derivative, False),
    "absolute": (absolute, absolute_derivative, False),
    "sigmoid": (sigmoid, sigmoid_derivative, False),
    "tanh": (tanh, tanh_derivative, False),
    "identity": (identity, identity_derivative, False),
}
ACTIVATION_NAMES: tuple[str, ...] = tuple(_FUNCTIONS)

# The alpha each family uses when none is given.
DEFAULT_ALPHA = {"leaky_relu": 0.01, "prelu": 0.25, "elu": 1.0}


def get_activation(name: str, alpha: float | None = None) -> Activation:
    """Look an activation up by name: ``get_activation("leaky_relu", alpha=0.1)``.

    ``alpha`` applies to "leaky_relu", "prelu" (its starting slope) and "elu";
    it defaults to 0.01, 0.25 and 1.0 respectively. Unknown names raise a
    ValueError that lists the allowed ones.
    """
    check_choice(name, "activation", ACTIVATION_NAMES)
    fn, derivative, takes_alpha = _FUNCTIONS[name]
    if not takes_alpha:
        if alpha is not None:
            raise ValueError(f"activation {name!r} has no alpha parameter; leave alpha=None.")
        return Activation(name, fn, derivative)
    alpha = DEFAULT_ALPHA[name] if alpha is None else alpha
    fn(0.0, alpha)  # validates alpha once, with the function's own rule
    return Activation(name, partial(fn, alpha=alpha), partial(derivative, alpha=alpha))
