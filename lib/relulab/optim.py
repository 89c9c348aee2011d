"""The optimizers: gradient descent (SGD) and Adam, each updating parameter arrays in place.

Taught in: chapters/05_backward_propagation (``SGD``, the step every chapter
trains with, through ``MLP.sgd_step``) and chapters/07_born_dead (``Adam``,
which trains a whole stack of networks as one flat parameter vector).

An optimizer holds the hyperparameters and any running state; ``step(params,
grads)`` takes the parameter arrays and their gradients, aligned, and changes
the parameters in place.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from ._checks import check_real


def _aligned(params: Sequence[np.ndarray], grads: Sequence[np.ndarray]) -> None:
    if len(params) != len(grads):
        raise ValueError(f"got {len(params)} parameter arrays but {len(grads)} gradients; pass them aligned.")
    for index, (param, grad) in enumerate(zip(params, grads)):
        if np.shape(param) != np.shape(grad):
            raise ValueError(f"gradient {index} has shape {np.shape(grad)}, its parameter {np.shape(param)}.")


class SGD:
    """Gradient descent: p <- p - lr * g for every parameter.

    Overflow is let through as inf (no warning): the network's next forward
    pass reports the divergence with a clear error.
    """

    def __init__(self, lr: float) -> None:
        self.lr = check_real(lr, "lr", low=0.0, low_inclusive=False)

    def step(self, params: Sequence[np.ndarray], grads: Sequence[np.ndarray]) -> None:
        """Update every array of ``params`` in place with its gradient."""
        _aligned(params, grads)
        with np.errstate(over="ignore", invalid="ignore"):
            for param, grad in zip(params, grads):
                param -= self.lr * grad


class Adam:
    """Adam (Kingma & Ba, 2015): gradient steps scaled by running moments of the gradient.

    m <- beta1 m + (1 - beta1) g;  v <- beta2 v + (1 - beta2) g^2;
    p <- p - lr * m_hat / (sqrt(v_hat) + eps), with the bias corrections
    m_hat = m / (1 - beta1^k) and v_hat = v / (1 - beta2^k) at step k.
    The moments are allocated at the first step, one pair per parameter
    array, and every update is done in place: with one large flat array
    (a stack of networks) a step is a handful of elementwise operations.
    """

    def __init__(self, lr: float, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8) -> None:
        self.lr = check_real(lr, "lr", low=0.0, low_inclusive=False)
        self.beta1 = check_real(beta1, "beta1", low=0.0, high=1.0, high_inclusive=False)
        self.beta2 = check_real(beta2, "beta2", low=0.0, high=1.0, high_inclusive=False)
        self.eps = check_real(eps, "eps", low=0.0)
        self.steps = 0
        self._state: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []

    def step(self, params: Sequence[np.ndarray], grads: Sequence[np.ndarray]) -> None:
        """One Adam update of every array of ``params``, in place."""
        _aligned(params, grads)
        if not self._state:
            self._state = [tuple(np.zeros_like(p, dtype=np.float64) for _ in range(3)) for p in params]
        elif len(self._state) != len(params):
            raise ValueError(f"this Adam was started on {len(self._state)} arrays, now given {len(params)}.")
        self.steps += 1
        beta1, beta2, k = self.beta1, self.beta2, self.steps
        for param, g, (m, v, scratch) in zip(params, grads, self._state):
            m *= beta1
            np.multiply(g, 1.0 - beta1, out=scratch)
            m += scratch
            v *= beta2
            np.multiply(g, g, out=scratch)
            scratch *= 1.0 - beta2
            v += scratch
            np.divide(v, 1.0 - beta2**k, out=scratch)
            np.sqrt(scratch, out=scratch)
            scratch += self.eps
            np.divide(m, scratch, out=scratch)
            scratch *= self.lr / (1.0 - beta1**k)
            param -= scratch
