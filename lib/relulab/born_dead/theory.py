"""Born dead, in theory: the exact one-point formula and the random draw of deep, narrow layers.

Taught in: chapters/07_born_dead.
"""
from __future__ import annotations

from typing import Iterator

import numpy as np

from .._checks import check_choice, check_int
from ..initializers import Layer, randomized_asymmetric_layer

DOMAIN_HALF_WIDTH = float(np.sqrt(7.0))
"""The paper's input domain is [-sqrt(7), sqrt(7)]."""

BIAS_CHOICES = ("zero", "normal")
INIT_CHOICES = ("he_normal", "rai")


def point_death_probability_exact(width: int, depth: int) -> float:
    """P(some hidden layer is entirely zero at one fixed input x != 0).

    With weights drawn from any continuous symmetric distribution and zero
    biases, each unit of a layer whose input vector a is not zero computes
    z_j = sum_i W_ij a_i: the columns of W are independent and z_j is
    symmetric and continuous, so the units are off (z_j <= 0) independently,
    each with probability 1/2. The first layer sees the single input x != 0
    itself. A layer is therefore all zero with probability 2**-width, whatever
    came before, and a zero layer stays zero (the next one computes W.T @ 0 = 0).
    Survival through L layers has probability (1 - 2**-width)**L, hence

        P = 1 - (1 - 2**-width) ** depth.

    The same formula holds with symmetric random biases (b_j ~ N(0, s^2)):
    then z_j is symmetric and continuous even when a = 0, so every layer,
    dead predecessor or not, is all zero with probability 2**-width
    independently, and "some layer is zero" again has probability P.
    """
    width = check_int(width, "width", 1)
    depth = check_int(depth, "depth", 1)
    return float(-np.expm1(depth * np.log1p(-(2.0 ** -width))))


def _resolve_bias(bias: str | None, init: str) -> str:
    """The bias rule of an initialization: "zero", "normal" or "rai" (RAI's own draw)."""
    check_choice(init, "init", INIT_CHOICES)
    if init == "rai":
        if bias is not None:
            raise ValueError(
                f"init='rai' draws each bias together with its weights; leave bias=None (got {bias!r})."
            )
        return "rai"
    return "zero" if bias is None else check_choice(bias, "bias", BIAS_CHOICES)


def sample_hidden_layers(
    width: int,
    depth: int,
    trials: int,
    rng: np.random.Generator,
    bias: str | None = None,
    init: str = "he_normal",
) -> Iterator[Layer]:
    """Draw the hidden layers of ``trials`` one-input networks, one layer at a time.

    Yields ``(W, b)`` with W of shape (trials, n_in, width), where n_in = 1 for
    the first layer and ``width`` after it.

    - ``init="he_normal"``: W ~ N(0, 2 / n_in); ``bias="zero"`` (the default,
      ``None``) gives b = 0 and ``bias="normal"`` draws b ~ N(0, 2 / n_in) too.
    - ``init="rai"``: W and b from :func:`randomized_asymmetric_layer`
      (``bias`` must stay ``None``: RAI draws its own biases).

    Layers are drawn lazily, so 20,000 deep networks never sit in memory at
    once; the draws are the same whatever the consumer does with them.
    """
    width = check_int(width, "width", 1)
    depth = check_int(depth, "depth", 1)
    trials = check_int(trials, "trials", 1)
    rule = _resolve_bias(bias, init)
    return _hidden_layers(width, depth, trials, rng, rule)


def _hidden_layers(
    width: int, depth: int, trials: int, rng: np.random.Generator, rule: str
) -> Iterator[Layer]:
    n_in = 1
    for _ in range(depth):
        if rule == "rai":
            yield randomized_asymmetric_layer(n_in, width, rng, trials=trials)
        else:
            std = np.sqrt(2.0 / n_in)
            W = rng.standard_normal((trials, n_in, width)) * std
            if rule == "normal":
                b = rng.standard_normal((trials, width)) * std
            else:
                b = np.zeros((trials, width))
            yield W, b
        n_in = width

