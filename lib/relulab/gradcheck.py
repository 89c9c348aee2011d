"""Numerical gradients by central differences, to check ``MLP.backward``.

Taught in: chapters/05_backward_propagation.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from ._checks import check_real
from .network import MLP


def central_difference(f: Callable[[np.ndarray], np.ndarray], z: np.ndarray | float, h: float = 1e-6) -> np.ndarray:
    """f'(z) ~ (f(z + h) - f(z - h)) / (2 h), elementwise: error O(h^2) where f is smooth.

    At a kink it returns the mean of the two one-sided slopes (0.5 for ReLU at 0).
    Taught in: chapters/01_relu and chapters/02_leaky_relu.
    """
    h = check_real(h, "h", low=0.0, low_inclusive=False)
    return (np.asarray(f(z + np.float64(h))) - np.asarray(f(z - np.float64(h)))) / (2 * h)


def numerical_gradients(network: MLP, X: np.ndarray, y: np.ndarray, eps: float = 1e-6) -> dict[str, np.ndarray]:
    """dL/dp ~ (L(p + eps) - L(p - eps)) / (2 eps), for every entry of every parameter."""
    eps = check_real(eps, "eps", low=0.0, low_inclusive=False)
    grads = {}
    for name, param in network.parameters():
        grad = np.zeros_like(param)
        for index in np.ndindex(param.shape):
            original = param[index]
            param[index] = original + eps
            plus = network.loss(X, y)
            param[index] = original - eps
            minus = network.loss(X, y)
            param[index] = original
            grad[index] = (plus - minus) / (2 * eps)
        grads[name] = grad
    return grads


def relative_error(analytic: np.ndarray, numeric: np.ndarray, floor: float = 1e-12) -> float:
    """||a - n|| / max(||a|| + ||n||, floor): scale-free, and 0 when both vanish."""
    return float(np.linalg.norm(analytic - numeric) / max(np.linalg.norm(analytic) + np.linalg.norm(numeric), floor))


def gradient_check(network: MLP, X: np.ndarray, y: np.ndarray, eps: float = 1e-6) -> float:
    """The largest relative error between ``parameter_gradients`` and finite differences.

    A parameter whose gradient is (near) zero, such as a bias just before batch
    normalization, has finite differences made of round-off alone; its error
    is therefore measured against 1% of the norm of the whole gradient instead
    of against its own vanishing norm.
    """
    analytic = network.parameter_gradients(X, y)
    numeric = numerical_gradients(network, X, y, eps)
    whole = np.sqrt(sum(np.linalg.norm(g) ** 2 for g in analytic.values()))
    floor = max(1e-2 * whole, 1e-12)
    return max(relative_error(analytic[name], numeric[name], floor) for name in numeric)
