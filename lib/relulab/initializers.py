"""Weight initializers: how the first weights are drawn decides whether a deep
ReLU network starts alive.

Taught in: chapters/04_forward_propagation (He vs Xavier vs small normal) and
chapters/06_dying_relu_lab (initialization as a cure for dying).

Every initializer has the signature ``init(n_in, n_out, rng) -> W`` with
``W.shape == (n_in, n_out)``, so that a layer computes z = X @ W + b.
"""
from __future__ import annotations

from functools import partial
from typing import Callable

import numpy as np

from ._checks import check_choice, check_int, check_real

Initializer = Callable[[int, int, np.random.Generator], np.ndarray]


def _check_shape(n_in: int, n_out: int) -> None:
    check_int(n_in, "n_in", 1)
    check_int(n_out, "n_out", 1)


def he_normal(n_in: int, n_out: int, rng: np.random.Generator) -> np.ndarray:
    """He normal (He et al., 2015): W ~ N(0, std^2) with std = sqrt(2 / n_in).

    A ReLU zeroes half of a symmetric input, halving its second moment; the
    factor 2 pays that back, so E[a^2] stays constant from layer to layer.
    """
    _check_shape(n_in, n_out)
    return rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out))


def he_uniform(n_in: int, n_out: int, rng: np.random.Generator) -> np.ndarray:
    """He uniform: W ~ U(-limit, limit) with limit = sqrt(6 / n_in), i.e. std = sqrt(2 / n_in)."""
    _check_shape(n_in, n_out)
    limit = np.sqrt(6.0 / n_in)
    return rng.uniform(-limit, limit, size=(n_in, n_out))


def xavier_normal(n_in: int, n_out: int, rng: np.random.Generator) -> np.ndarray:
    """Xavier/Glorot normal (Glorot & Bengio, 2010): std = sqrt(2 / (n_in + n_out)).

    Designed for symmetric activations such as tanh; with ReLU it loses half
    of the signal's second moment per layer when n_in = n_out.
    """
    _check_shape(n_in, n_out)
    return rng.normal(0.0, np.sqrt(2.0 / (n_in + n_out)), size=(n_in, n_out))


def xavier_uniform(n_in: int, n_out: int, rng: np.random.Generator) -> np.ndarray:
    """Xavier/Glorot uniform: W ~ U(-limit, limit) with limit = sqrt(6 / (n_in + n_out))."""
    _check_shape(n_in, n_out)
    limit = np.sqrt(6.0 / (n_in + n_out))
    return rng.uniform(-limit, limit, size=(n_in, n_out))


def normal(n_in: int, n_out: int, rng: np.random.Generator, std: float = 0.01) -> np.ndarray:
    """W ~ N(0, std^2) with a std you choose; a tiny std (e.g. 0.01) makes the signal vanish."""
    _check_shape(n_in, n_out)
    std = check_real(std, "std", low=0.0, low_inclusive=False)
    return rng.normal(0.0, std, size=(n_in, n_out))


def zeros(n_in: int, n_out: int, rng: np.random.Generator | None = None) -> np.ndarray:
    """W = 0: every unit of a layer computes the same thing, so symmetry is never broken."""
    _check_shape(n_in, n_out)
    return np.zeros((n_in, n_out))


def constant_bias(n_out: int, value: float = 0.0) -> np.ndarray:
    """b = value for every unit. A negative value (say -3) provokes dead ReLU units."""
    check_int(n_out, "n_out", 1)
    value = check_real(value, "bias")
    return np.full(n_out, value)


def _randomized_asymmetric(n_in: int, n_out: int, rng: np.random.Generator) -> np.ndarray:
    from .born_dead import randomized_asymmetric_init  # the born-dead chapter owns it

    return randomized_asymmetric_init(n_in, n_out, rng)


_INITIALIZERS: dict[str, Callable[..., np.ndarray]] = {
    "he_normal": he_normal,
    "he_uniform": he_uniform,
    "xavier_normal": xavier_normal,
    "xavier_uniform": xavier_uniform,
    "normal": normal,
    "zeros": zeros,
    "rai": _randomized_asymmetric,
}
INITIALIZER_NAMES: tuple[str, ...] = tuple(_INITIALIZERS)


def get_initializer(name: str, std: float | None = None) -> Initializer:
    """Look an initializer up by name; ``std`` applies to "normal" only (default 0.01).

    ``get_initializer("normal", std=0.01)`` gives the small initialization used
    to show a vanishing signal.
    """
    check_choice(name, "initializer", INITIALIZER_NAMES)
    if name == "normal":
        std = 0.01 if std is None else check_real(std, "std", low=0.0, low_inclusive=False)
        return partial(normal, std=std)
    if std is not None:
        raise ValueError(f"initializer {name!r} fixes its own std; pass std only with 'normal'.")
    return _INITIALIZERS[name]
