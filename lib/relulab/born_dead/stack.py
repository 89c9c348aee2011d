"""The batched engine: T one-input networks of one shape, forward and backward in one pass.

Taught in: chapters/07_born_dead.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from .._checks import as_float_array, negative_slope
from ..initializers import Layer



def batched_forward(
    params: Sequence[Layer], x: np.ndarray, activation: str = "relu", alpha: float = 0.01
) -> np.ndarray:
    """Outputs (trials, n) of every network of the stack at the inputs x (n,)."""
    x = _as_inputs(x, "x")
    return NetworkStack(params).forward(x, negative_slope(activation, alpha)).copy()


def batched_mse_gradients(
    params: Sequence[Layer], x: np.ndarray, y: np.ndarray, activation: str = "relu", alpha: float = 0.01
) -> tuple[np.ndarray, list[Layer]]:
    """Loss and gradients of every network of the stack, by backpropagation.

    Network t's loss is L_t = mean_i (f_t(x_i) - y_i)^2; it depends only on
    network t's parameters, so all gradients come out of one batched pass:
    delta_out = 2 (f - y) / n, dW_l = a_{l-1}^T delta_l, db_l = sum_i delta_l,
    delta_{l-1} = (delta_l W_l^T) * act'(z_{l-1}), with ReLU'(z) = 0 and
    LeakyReLU'(z) = alpha for z <= 0. Returns ``(losses, [(dW, db), ...])``
    with losses of shape (trials,) and gradients shaped like ``params``.
    """
    x, y = _as_inputs(x, "x"), _as_inputs(y, "y")
    if y.shape != x.shape:
        raise ValueError(f"x and y must have the same length; got shapes {x.shape} and {y.shape}.")
    stack = NetworkStack(params)
    error = stack.forward(x, negative_slope(activation, alpha)) - y
    stack.backward(x, y)
    return np.mean(error**2, axis=1), stack.stacked(stack.grad_layers)


def _as_inputs(values: np.ndarray, name: str) -> np.ndarray:
    """A non-empty, finite, 1-D float array."""
    values = as_float_array(values, name)
    if values.ndim != 1 or values.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D array of inputs, got shape {values.shape}.")
    return values


def _check_stack(params: Sequence[Layer]) -> None:
    """Refuse anything but a chain 1 -> ... -> 1 of (W (T, n_in, n_out), b (T, n_out)) layers."""
    if not params:
        raise ValueError("params is empty: a network needs at least one layer.")
    trials, n_in = params[0][0].shape[0], 1
    for index, (W, b) in enumerate(params):
        W, b = as_float_array(W, f"W of layer {index}"), as_float_array(b, f"b of layer {index}")
        if W.ndim != 3 or W.shape[:2] != (trials, n_in) or b.shape != (trials, W.shape[2]):
            raise ValueError(
                f"layer {index} has W {W.shape} and b {b.shape}; expected W ({trials}, {n_in}, n_out) "
                f"and b ({trials}, n_out): one input, {trials} networks, layers chained."
            )
        n_in = W.shape[2]
    if n_in != 1:
        raise ValueError(f"the last layer has {n_in} outputs; these networks have one output.")


class NetworkStack:
    """T one-input networks of one shape, computed together.

    Parameters are stored unit-major, W as (n_in, n_out, T) and b as
    (n_out, T), as views into one flat vector ``theta`` (and the gradients
    into ``grad``), so an optimizer updates everything in a few elementwise
    operations. Activations are (units, T, n): each of the few units of a
    narrow layer is one contiguous (T, n) block, and einsum adds up a handful
    of large elementwise products instead of computing thousands of tiny
    matrix products. Every intermediate array is allocated once and reused:
    fresh large temporaries at every step would cost more in page faults
    than the arithmetic itself.
    """

    def __init__(self, params: Sequence[Layer]) -> None:
        _check_stack(params)
        arrays = [part for W, b in params for part in (W.transpose(1, 2, 0), b.T)]
        self.theta = np.concatenate([part.ravel() for part in arrays])
        self.grad = np.zeros_like(self.theta)
        self.layers = self._views(self.theta, arrays)
        self.grad_layers = self._views(self.grad, arrays)
        self._n = -1

    @staticmethod
    def _views(flat: np.ndarray, arrays: list[np.ndarray]) -> list[Layer]:
        views, start = [], 0
        for part in arrays:
            views.append(flat[start:start + part.size].reshape(part.shape))
            start += part.size
        return list(zip(views[::2], views[1::2]))

    @staticmethod
    def stacked(layers: Sequence[Layer]) -> list[Layer]:
        """Unit-major layers back as (T, n_in, n_out) and (T, n_out) copies."""
        return [(W.transpose(2, 0, 1).copy(), b.T.copy()) for W, b in layers]

    def _allocate(self, n: int) -> None:
        if n == self._n:
            return
        trials = self.layers[0][0].shape[2]
        shapes = [(W.shape[1], trials, n) for W, _ in self.layers]
        self.outputs = [np.empty(shape) for shape in shapes]
        self.slopes = [np.empty(shape) for shape in shapes[:-1]]
        self.deltas = [np.empty(shape) for shape in shapes]
        self.positive = [np.empty(shape, dtype=bool) for shape in shapes[:-1]]
        self._n = n

    def forward(self, x: np.ndarray, slope: float) -> np.ndarray:
        """Outputs (T, n); keeps every layer's output and act'(z) for ``backward``.

        (Leaky) ReLU is positively homogeneous, act(z) = act'(z) z, so the
        derivative computed once serves both passes.
        """
        self._allocate(x.size)
        a = np.broadcast_to(x, (1, self.layers[0][0].shape[2], x.size))
        for index, (W, b) in enumerate(self.layers):
            z = self.outputs[index]
            np.einsum("ijt,itn->jtn", W, a, out=z)
            z += b[..., None]
            if index < len(self.layers) - 1:
                np.greater(z, 0.0, out=self.positive[index])
                np.multiply(self.positive[index], 1.0 - slope, out=self.slopes[index])
                self.slopes[index] += slope
                z *= self.slopes[index]
            a = z
        return self.outputs[-1][0]

    def backward(self, x: np.ndarray, y: np.ndarray) -> None:
        """Fill ``grad`` with d(mean (f - y)^2)/d(theta) of each network, after ``forward(x)``."""
        np.subtract(self.outputs[-1][0], y, out=self.deltas[-1][0])
        self.deltas[-1] *= 2.0 / x.size
        for index in reversed(range(len(self.layers))):
            delta = self.deltas[index]
            a = self.outputs[index - 1] if index else np.broadcast_to(x, (1,) + delta.shape[1:])
            dW, db = self.grad_layers[index]
            np.einsum("itn,jtn->ijt", a, delta, out=dW)
            np.sum(delta, axis=2, out=db)
            if index:
                np.einsum("ijt,jtn->itn", self.layers[index][0], delta, out=self.deltas[index - 1])
                self.deltas[index - 1] *= self.slopes[index - 1]

