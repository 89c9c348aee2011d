"""Weight initializers: how the first weights are drawn decides whether a deep
ReLU network starts alive.

Taught in: chapters/04_forward_propagation (He vs Xavier vs small normal; the
Leaky ReLU gain), chapters/06_dying_relu_lab (initialization as a cure for
dying) and chapters/07_born_dead (randomized asymmetric initialization, RAI).

Every initializer has the signature ``init(n_in, n_out, rng) -> W`` with
``W.shape == (n_in, n_out)``, so that a layer computes z = X @ W + b.
"""
from __future__ import annotations

from functools import partial
from typing import Callable

import numpy as np

from ._checks import check_choice, check_int, check_leak, check_real

Initializer = Callable[[int, int, np.random.Generator], np.ndarray]


def _check_shape(n_in: int, n_out: int) -> None:
    check_int(n_in, "n_in", 1)
    check_int(n_out, "n_out", 1)


def he_gain(alpha: float = 0.0) -> float:
    """The variance gain 2 / (1 + alpha^2) that keeps E[a^2] constant through (leaky) ReLU layers.

    For a symmetric input z, E[LeakyReLU(z)^2] = (1 + alpha^2) / 2 * E[z^2]:
    the positive half passes whole, the negative half scaled by alpha. The
    weights' variance n_in * Var(W) must pay back that factor. alpha = 0 is
    ReLU (gain 2); PyTorch's ``kaiming_normal_(w, a=alpha,
    nonlinearity="leaky_relu")`` uses the same gain.
    """
    alpha = check_leak(alpha)
    return 2.0 / (1.0 + alpha * alpha)


def he_normal(n_in: int, n_out: int, rng: np.random.Generator, alpha: float = 0.0) -> np.ndarray:
    """He normal (He et al., 2015): W ~ N(0, std^2) with std = sqrt(2 / ((1 + alpha^2) n_in)).

    A ReLU zeroes half of a symmetric input, halving its second moment; the
    factor 2 pays that back, so E[a^2] stays constant from layer to layer.
    For Leaky ReLU with slope alpha the factor is 2 / (1 + alpha^2) (he_gain).
    """
    _check_shape(n_in, n_out)
    return rng.normal(0.0, np.sqrt(he_gain(alpha) / n_in), size=(n_in, n_out))


def xavier_normal(n_in: int, n_out: int, rng: np.random.Generator) -> np.ndarray:
    """Xavier/Glorot normal (Glorot & Bengio, 2010): std = sqrt(2 / (n_in + n_out)).

    Designed for symmetric activations such as tanh; with ReLU it loses half
    of the signal's second moment per layer when n_in = n_out.
    """
    _check_shape(n_in, n_out)
    return rng.normal(0.0, np.sqrt(2.0 / (n_in + n_out)), size=(n_in, n_out))


def normal(n_in: int, n_out: int, rng: np.random.Generator, std: float = 0.01) -> np.ndarray:
    """W ~ N(0, std^2) with a std you choose; a tiny std (e.g. 0.01) makes the signal vanish."""
    _check_shape(n_in, n_out)
    std = check_real(std, "std", low=0.0, low_inclusive=False)
    return rng.normal(0.0, std, size=(n_in, n_out))


def zeros(n_in: int, n_out: int, rng: np.random.Generator | None = None) -> np.ndarray:
    """W = 0: every unit of a layer computes the same thing, so symmetry is never broken."""
    _check_shape(n_in, n_out)
    return np.zeros((n_in, n_out))


def _constant_bias(n_out: int, value: float = 0.0) -> np.ndarray:
    """b = value for every unit. A negative value (say -3) provokes dead ReLU units."""
    check_int(n_out, "n_out", 1)
    value = check_real(value, "bias")
    return np.full(n_out, value)


RAI_SIGMA_OUT = 0.6007
"""RAI's scale for the symmetric entries, the value paired with P = Beta(2, 1)."""

RAI_BETA = (2.0, 1.0)
"""RAI's asymmetric distribution P = Beta(2, 1): density 2x on [0, 1], mean 2/3."""

Layer = tuple[np.ndarray, np.ndarray]


def randomized_asymmetric_layer(
    n_in: int,
    n_out: int,
    rng: np.random.Generator,
    trials: int | None = None,
    sigma_out: float = RAI_SIGMA_OUT,
    beta: tuple[float, float] = RAI_BETA,
) -> Layer:
    """Randomized asymmetric initialization (RAI) of one layer, weights and bias together.

    Lu et al. (2019) treat each unit's incoming weights and bias as one vector
    V_j = (W_1j, ..., W_{n_in j}, b_j) of n_in + 1 entries. RAI draws

    - every entry from the symmetric N(0, sigma_out^2 / n_in), then
    - picks one entry k uniformly among the n_in + 1 and redraws it from the
      asymmetric, positive P = Beta(2, 1).

    A unit whose input is non-negative (every ReLU layer's is) therefore has
    one positive push and is far less likely to be off for all inputs than
    under a symmetric draw. sigma_out = 0.6007 is the scale used with
    Beta(2, 1) by the paper's public implementations.

    Returns ``(W, b)`` with shapes (n_in, n_out) and (n_out,), or, when
    ``trials`` is given, (trials, n_in, n_out) and (trials, n_out).
    """
    n_in = check_int(n_in, "n_in", 1)
    n_out = check_int(n_out, "n_out", 1)
    sigma_out = check_real(sigma_out, "sigma_out", low=0.0, low_inclusive=False)
    a, b = (check_real(p, "beta parameter", low=0.0, low_inclusive=False) for p in beta)
    batch = () if trials is None else (check_int(trials, "trials", 1),)
    V = rng.standard_normal(batch + (n_out, n_in + 1)) * (sigma_out / np.sqrt(n_in))
    chosen = rng.integers(0, n_in + 1, size=batch + (n_out, 1))
    np.put_along_axis(V, chosen, rng.beta(a, b, size=batch + (n_out, 1)), axis=-1)
    return np.swapaxes(V[..., :n_in], -1, -2).copy(), V[..., n_in].copy()


def _randomized_asymmetric_init(n_in: int, n_out: int, rng: np.random.Generator) -> np.ndarray:
    """The weight part of :func:`randomized_asymmetric_layer`, shape (n_in, n_out).

    This is the ``init(n_in, n_out, rng) -> W`` form that
    ``relulab.initializers.get_initializer("rai")`` returns. Paper-exact RAI
    also draws the bias (see :func:`randomized_asymmetric_layer`); an ``MLP``
    built with ``init="rai"`` keeps its own constant bias instead.
    """
    return randomized_asymmetric_layer(n_in, n_out, rng)[0]


_INITIALIZERS: dict[str, Callable[..., np.ndarray]] = {
    "he_normal": he_normal,
    "xavier_normal": xavier_normal,
    "normal": normal,
    "zeros": zeros,
    "rai": _randomized_asymmetric_init,
}
INITIALIZER_NAMES: tuple[str, ...] = tuple(_INITIALIZERS)


def get_initializer(name: str, std: float | None = None, alpha: float | None = None) -> Initializer:
    """Look an initializer up by name; ``std`` applies to "normal" only (default 0.01).

    ``get_initializer("normal", std=0.01)`` gives the small initialization used
    to show a vanishing signal; ``get_initializer("he_normal", alpha=0.01)``
    gives He initialization for Leaky ReLU with slope 0.01 (``alpha`` applies
    to "he_normal" only; without it, it assumes ReLU).
    """
    check_choice(name, "initializer", INITIALIZER_NAMES)
    if std is not None and name != "normal":
        raise ValueError(f"initializer {name!r} fixes its own std; pass std only with 'normal'.")
    if alpha is not None:
        if name != "he_normal":
            raise ValueError(f"initializer {name!r} has no slope; pass alpha only with 'he_normal'.")
        he_gain(alpha)  # validates alpha now, not at the first draw
        return partial(_INITIALIZERS[name], alpha=alpha)
    if name == "normal":
        std = 0.01 if std is None else check_real(std, "std", low=0.0, low_inclusive=False)
        return partial(normal, std=std)
    return _INITIALIZERS[name]
