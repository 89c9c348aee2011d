"""Activation functions and their derivatives, and their lookup by name.

Taught in: chapters/01_relu (ReLU), chapters/02_leaky_relu (Leaky ReLU and its
family: PReLU, ELU, SELU, Swish, GELU, softplus, |z| and maxout),
chapters/04_forward_propagation (sigmoid and softmax at the output).

The functions live in ``rectifiers`` (ReLU and its family) and ``smooth``
(sigmoid, tanh, Swish, GELU, softplus, softmax); ``get_activation`` pairs a
function with its derivative by name, as ``MLP`` needs them.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Callable

import numpy as np

from .._checks import check_choice
from .rectifiers import (
    SELU_ALPHA,
    SELU_SCALE,
    ArrayLike,
    absolute,
    absolute_derivative,
    elu,
    elu_derivative,
    leaky_relu,
    leaky_relu_derivative,
    maxout,
    maxout_derivative,
    prelu,
    prelu_alpha_derivative,
    prelu_derivative,
    relu,
    relu_derivative,
    selu,
    selu_derivative,
)
from .smooth import (
    gelu,
    gelu_derivative,
    gelu_tanh,
    gelu_tanh_derivative,
    identity,
    identity_derivative,
    sigmoid,
    sigmoid_derivative,
    silu,
    softmax,
    softplus,
    softplus_derivative,
    swish,
    swish_derivative,
    tanh,
    tanh_derivative,
)

ActivationFn = Callable[[np.ndarray], np.ndarray]


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
