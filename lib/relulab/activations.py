"""Activation functions and their derivatives.

Taught in: chapters/01_relu (ReLU), chapters/02_leaky_relu (Leaky ReLU and its
family: PReLU, ELU, SELU, Swish), chapters/04_forward_propagation (sigmoid and
softmax at the output).

Convention at the kink z = 0: the derivative takes the value of the *left*
branch, so ReLU'(0) = 0 and LeakyReLU'(0) = alpha, the book's convention.
PyTorch uses the same convention (its ReLU backward passes gradient only where
z > 0, and LeakyReLU backward uses ``z > 0 ? 1 : negative_slope``).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Callable

import numpy as np

from ._checks import as_float_array, check_choice, check_real, scalar_if_0d

ArrayLike = np.ndarray | float
ActivationFn = Callable[[np.ndarray], np.ndarray]

# Klambauer et al. (2017), eq. 14: the fixed point of mean 0, variance 1.
SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946


def _check_leak(alpha: float) -> float:
    return check_real(alpha, "alpha", low=0.0, high=1.0, high_inclusive=False)


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
    alpha = _check_leak(alpha)
    z = as_float_array(z, "z", allow_inf=True)
    return scalar_if_0d(np.where(z > 0, z, alpha * z))


def leaky_relu_derivative(z: ArrayLike, alpha: float = 0.01) -> ArrayLike:
    """LeakyReLU'(z) = 1 if z > 0 else alpha (so LeakyReLU'(0) = alpha, as in PyTorch).

    Never zero when alpha > 0: a leaky unit always passes some gradient, so it is
    never dead by the book's definition (it can still stall; chapter 06 measures it).
    """
    alpha = _check_leak(alpha)
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
silu_derivative = swish_derivative


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
