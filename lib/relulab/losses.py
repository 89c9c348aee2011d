"""Loss functions, each with its gradient, computed stably from logits.

Taught in: chapters/03_dying_relu (the gradient that reaches a dead unit) and
chapters/05_backward_propagation (why the output delta is a - y).
"""
from __future__ import annotations

from typing import Any

import numpy as np

from ._checks import as_float_array


def _check_same_shape(prediction: np.ndarray, target: np.ndarray, what: str) -> None:
    if prediction.shape != target.shape:
        raise ValueError(
            f"{what}: targets have shape {target.shape} but predictions have shape "
            f"{prediction.shape}; they must match exactly (no broadcasting)."
        )


def binary_cross_entropy_from_logits(logits: np.ndarray, y: np.ndarray) -> float:
    """BCE = mean( -y log s(z) - (1 - y) log(1 - s(z)) ), with s the sigmoid.

    Rewritten as mean( max(z, 0) - z y + log(1 + exp(-|z|)) ), which is exact
    and never overflows, even at |z| = 1e4 (the naive form gives log(0)).
    """
    z = as_float_array(logits, "logits")
    y = as_float_array(y, "y")
    _check_same_shape(z, y, "binary cross-entropy")
    if ((y < 0) | (y > 1)).any():
        raise ValueError("binary cross-entropy targets y must lie in [0, 1].")
    return float(np.mean(np.maximum(z, 0.0) - z * y + np.log1p(np.exp(-np.abs(z)))))


def binary_cross_entropy_gradient(logits: np.ndarray, y: np.ndarray) -> np.ndarray:
    """dBCE/dz = (sigmoid(z) - y) / N = (a - y) / N, N the number of elements."""
    from .activations import sigmoid

    z = as_float_array(logits, "logits")
    y = as_float_array(y, "y")
    _check_same_shape(z, y, "binary cross-entropy")
    return (np.asarray(sigmoid(z)) - y) / z.size


def _check_labels(labels: np.ndarray, logits: np.ndarray) -> np.ndarray:
    labels = np.asarray(labels)
    if labels.shape != (logits.shape[0],):
        raise ValueError(
            f"class labels must have shape ({logits.shape[0]},), one per sample; got {labels.shape}."
        )
    if not np.issubdtype(labels.dtype, np.integer):
        if not np.issubdtype(labels.dtype, np.floating) or np.any(labels != np.round(labels)):
            raise TypeError("class labels must be integers 0 .. n_classes - 1.")
        labels = labels.astype(np.int64)
    n_classes = logits.shape[1]
    if labels.size and (labels.min() < 0 or labels.max() >= n_classes):
        raise ValueError(f"class labels must lie in 0 .. {n_classes - 1}; got {labels.min()} .. {labels.max()}.")
    return labels


def categorical_cross_entropy_from_logits(logits: np.ndarray, labels: np.ndarray) -> float:
    """CE = mean_i( logsumexp(z_i) - z_i[y_i] ) for integer labels y_i."""
    z = as_float_array(logits, "logits")
    if z.ndim != 2:
        raise ValueError(f"logits must be 2-D (n_samples, n_classes), got shape {z.shape}.")
    labels = _check_labels(labels, z)
    top = z.max(axis=1, keepdims=True)
    logsumexp = top[:, 0] + np.log(np.exp(z - top).sum(axis=1))
    return float(np.mean(logsumexp - z[np.arange(len(labels)), labels]))


def categorical_cross_entropy_gradient(logits: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """dCE/dz = (softmax(z) - onehot(y)) / n."""
    from .activations import softmax

    z = as_float_array(logits, "logits")
    labels = _check_labels(labels, z)
    grad = softmax(z)
    grad[np.arange(len(labels)), labels] -= 1.0
    return grad / len(labels)


def mean_squared_error(prediction: np.ndarray, y: np.ndarray) -> float:
    """MSE = mean( (prediction - y)^2 ) over every element."""
    p = as_float_array(prediction, "prediction")
    y = as_float_array(y, "y")
    _check_same_shape(p, y, "mean squared error")
    return float(np.mean((p - y) ** 2))


def mean_squared_error_gradient(prediction: np.ndarray, y: np.ndarray) -> np.ndarray:
    """dMSE/dprediction = 2 (prediction - y) / N."""
    p = as_float_array(prediction, "prediction")
    y = as_float_array(y, "y")
    _check_same_shape(p, y, "mean squared error")
    return 2.0 * (p - y) / p.size


# ------------------------------------------------ the loss that goes with an output layer
OUTPUTS = ("sigmoid", "softmax", "identity")
"""Output layers: sigmoid + binary cross-entropy, softmax + cross-entropy, identity + MSE."""


def output_targets(output: str, y: Any, n: int, n_out: int) -> np.ndarray:
    """y checked against a batch of n samples and an output layer of n_out units, shaped like the output."""
    if output == "softmax":
        labels = np.asarray(y)
        if labels.shape != (n,):
            raise ValueError(f"y must hold one class label per sample, shape ({n},); got {labels.shape}.")
        as_float_array(labels, "y")  # refuses non-numeric, NaN and inf
        if np.any(labels != np.round(labels)) or labels.min() < 0 or labels.max() >= n_out:
            raise ValueError(f"softmax labels must be integers in 0 .. {n_out - 1}.")
        return labels.astype(np.int64)
    targets = as_float_array(y, "y")
    if targets.ndim == 1 and n_out == 1:
        targets = targets.reshape(-1, 1)
    if targets.shape != (n, n_out):
        allowed = f"({n},) or ({n}, 1)" if n_out == 1 else f"({n}, {n_out})"
        raise ValueError(f"y has shape {np.shape(y)}, but X has {n} samples: y must have shape {allowed}.")
    if output == "sigmoid" and ((targets < 0) | (targets > 1)).any():
        raise ValueError("with a sigmoid output, y must lie in [0, 1] (binary labels).")
    return targets


def output_loss(output: str, z: np.ndarray, targets: np.ndarray) -> float:
    """The mean loss of an output layer from its pre-activation z (the logits)."""
    if output == "sigmoid":
        return binary_cross_entropy_from_logits(z, targets)
    if output == "softmax":
        return categorical_cross_entropy_from_logits(z, targets)
    with np.errstate(over="ignore"):
        value = mean_squared_error(z, targets)
    if not np.isfinite(value):
        raise FloatingPointError("the mean squared error overflowed: the network diverged.")
    return value


def output_delta(output: str, z: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """dL/dz of an output layer; for sigmoid + BCE this is (a - y) / n."""
    if output == "sigmoid":
        return binary_cross_entropy_gradient(z, targets)
    if output == "softmax":
        return categorical_cross_entropy_gradient(z, targets)
    return mean_squared_error_gradient(z, targets)
