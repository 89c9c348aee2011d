"""The rectifiers: ReLU and the family that keeps a slope, or a curve, below zero.

Taught in: chapters/01_relu (ReLU) and chapters/02_leaky_relu (Leaky ReLU,
PReLU, ELU, SELU, |z| and maxout).

Convention at the kink z = 0: the derivative takes the value of the *left*
branch, so ReLU'(0) = 0 and LeakyReLU'(0) = alpha, the book's convention.
PyTorch uses the same convention (its ReLU backward passes gradient only where
z > 0, and LeakyReLU backward uses ``z > 0 ? 1 : negative_slope``).
"""
from __future__ import annotations

import numpy as np

from .._checks import as_float_array, check_leak, check_real, scalar_if_0d

ArrayLike = np.ndarray | float

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
