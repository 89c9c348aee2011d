"""Born dead: deep, narrow ReLU networks that are constant from the start.

Taught in: chapters/07_born_dead.

Lu, Shin, Su and Karniadakis (2019, arXiv:1903.06733) prove that a deep ReLU
network with symmetric random initialization is, with a probability that
tends to 1 as the depth grows, *born dead*: some hidden layer outputs zero for
every input, so the network is a constant function before training starts.
This module measures that probability for many networks at once (every array
carries a leading axis of independent trials; only the layers are looped
over), gives the exact formula for the one-point version, implements the
paper's remedy (randomized asymmetric initialization, RAI), trains many small
networks on f(x) = |x| in one batched computation, and follows the signal's
second moment through depth (He et al., 2015).

Every network here has one input, ``hidden_layers`` hidden layers of
``width`` units and one linear output unit; a stack of T networks stores
layer l as ``W`` of shape (T, n_in, n_out) and ``b`` of shape (T, n_out).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator, Sequence

import numpy as np

from ._checks import check_choice, check_int, check_real

DOMAIN_HALF_WIDTH = float(np.sqrt(7.0))
"""The paper's input domain is [-sqrt(7), sqrt(7)]."""

RAI_SIGMA_OUT = 0.6007
"""RAI's scale for the symmetric entries, the value paired with P = Beta(2, 1)."""

RAI_BETA = (2.0, 1.0)
"""RAI's asymmetric distribution P = Beta(2, 1): density 2x on [0, 1], mean 2/3."""

BIAS_CHOICES = ("zero", "normal")
WHERE_CHOICES = ("domain", "point")
INIT_CHOICES = ("he_normal", "rai")
TRAIN_ACTIVATIONS = ("relu", "leaky_relu")
VARIANCE_INITS = ("he_normal", "xavier_normal")

COLLAPSE_TOLERANCE = 1e-3
"""A trained network counts as collapsed when the spread (max - min) of its
output over the domain is below this fraction of the target's spread."""

Layer = tuple[np.ndarray, np.ndarray]


# --------------------------------------------------------------- the formula
def point_death_probability_exact(width: int, hidden_layers: int) -> float:
    """P(some hidden layer is entirely zero at one fixed input x != 0).

    With weights drawn from any continuous symmetric distribution and zero
    biases, each unit of a layer whose input vector a is not zero computes
    z_j = sum_i W_ij a_i: the columns of W are independent and z_j is
    symmetric and continuous, so the units are off (z_j <= 0) independently,
    each with probability 1/2. The first layer sees the single input x != 0
    itself. A layer is therefore all zero with probability 2**-width, whatever
    came before, and a zero layer stays zero (the next one computes W.T @ 0 = 0).
    Survival through L layers has probability (1 - 2**-width)**L, hence

        P = 1 - (1 - 2**-width) ** hidden_layers.

    The same formula holds with symmetric random biases (b_j ~ N(0, s^2)):
    then z_j is symmetric and continuous even when a = 0, so every layer,
    dead predecessor or not, is all zero with probability 2**-width
    independently, and "some layer is zero" again has probability P.
    """
    width = check_int(width, "width", 1)
    hidden_layers = check_int(hidden_layers, "hidden_layers", 1)
    return float(-np.expm1(hidden_layers * np.log1p(-(2.0 ** -width))))


# -------------------------------------------------------- initializations
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


def randomized_asymmetric_init(n_in: int, n_out: int, rng: np.random.Generator) -> np.ndarray:
    """The weight part of :func:`randomized_asymmetric_layer`, shape (n_in, n_out).

    This is the ``init(n_in, n_out, rng) -> W`` form that
    ``relulab.initializers.get_initializer("rai")`` returns. Paper-exact RAI
    also draws the bias (see :func:`randomized_asymmetric_layer`); an ``MLP``
    built with ``init="rai"`` keeps its own constant bias instead.
    """
    return randomized_asymmetric_layer(n_in, n_out, rng)[0]



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
    hidden_layers: int,
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
    hidden_layers = check_int(hidden_layers, "hidden_layers", 1)
    trials = check_int(trials, "trials", 1)
    rule = _resolve_bias(bias, init)
    return _hidden_layers(width, hidden_layers, trials, rng, rule)


def _hidden_layers(width: int, hidden_layers: int, trials: int, rng: np.random.Generator, rule: str) -> Iterator[Layer]:
    n_in = 1
    for _ in range(hidden_layers):
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


# ------------------------------------------------------- is a network dead?
def dead_layer_at_points(layers: Iterable[Layer], points: Sequence[float]) -> np.ndarray:
    """Boolean (trials, n_points): is some ReLU hidden layer entirely zero at input x?

    Each input x runs through every network of the stack; a layer is
    entirely zero when all its units output exactly 0.
    """
    a = np.asarray(points, dtype=np.float64).reshape(1, -1, 1)
    dead: np.ndarray | None = None
    for W, b in layers:
        a = np.maximum(a @ W + b[:, None, :], 0.0)
        layer_dead = ~a.any(axis=2)
        dead = layer_dead if dead is None else dead | layer_dead
    if dead is None:
        raise ValueError("layers is empty: a network needs at least one hidden layer.")
    return dead


def dead_layer_on_interval(layers: Iterable[Layer], lo: float, hi: float) -> np.ndarray:
    """Boolean (trials,): is some ReLU hidden layer zero for *every* x in [lo, hi]? Exact.

    A one-input ReLU network is piecewise linear in x. We follow, layer by
    layer, a sorted list of points of [lo, hi] between which the layer's
    output a_l(x) is linear (at the start: lo and hi). The next
    pre-activation z = a_l W + b is then linear between neighbouring points
    too, so a unit can only switch on or off where z changes sign inside an
    interval, at the fraction theta = z_i / (z_i - z_{i+1}) of the way; those
    points are inserted (with z found by the same linear interpolation and
    the switching unit set to exactly 0). After the ReLU the output is again
    linear between neighbours, so the layer is zero on all of [lo, hi]
    exactly when it is zero at every listed point. Runs of identical
    neighbours are constant stretches and keep only their two ends, which
    keeps the lists short. A network is dropped as soon as a layer is dead.

    A layer that is zero on the whole interval makes every later layer, and
    the output, constant there: this is the paper's "born dead". (The
    converse holds with probability 1 for continuous random weights.)
    """
    lo = check_real(lo, "lo")
    hi = check_real(hi, "hi", low=lo, low_inclusive=False)
    layers = iter(layers)
    dead: np.ndarray | None = None
    for W, b in layers:
        if dead is None:
            trials = W.shape[0]
            dead = np.zeros(trials, dtype=bool)
            followed = np.arange(trials)  # original index of each network still alive
            a = np.broadcast_to(np.array([lo, hi]).reshape(1, 2, 1), (trials, 2, 1))
            counts = np.full(trials, 2)
        if followed.size == 0:
            continue  # every network is dead already; the remaining draws are skipped over
        z = a @ W[followed] + b[followed][:, None, :]
        trial, z = _insert_switch_points(z, counts)
        a_points = np.maximum(z, 0.0)
        survivors = np.bincount(trial, weights=a_points.any(axis=1), minlength=followed.size) > 0
        dead[followed[~survivors]] = True
        trial, a_points = _drop_constant_runs(trial, a_points)
        keep = survivors[trial]
        renumber = np.cumsum(survivors) - 1
        followed = followed[survivors]
        a, counts = _pad(renumber[trial[keep]], a_points[keep], followed.size)
    if dead is None:
        raise ValueError("layers is empty: a network needs at least one hidden layer.")
    return dead


def _insert_switch_points(z: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Add the points where a unit's z changes sign; return them flat, sorted per trial.

    ``z`` has shape (trials, K, units), of which the first ``counts[t]``
    points of trial t are real. Returns ``(trial, z_flat)`` in order.
    """
    n_trials, K, _ = z.shape
    real = np.arange(K)[None, :] < counts[:, None]
    left, right = z[:, :-1, :], z[:, 1:, :]
    switches = ((left > 0) & (right < 0)) | ((left < 0) & (right > 0))
    switches &= real[:, 1:, None]
    t, i, j = np.nonzero(switches)
    theta = z[t, i, j] / (z[t, i, j] - z[t, i + 1, j])
    theta = np.minimum(theta, np.nextafter(1.0, 0.0))  # stays inside its interval
    z_new = z[t, i] + theta[:, None] * (z[t, i + 1] - z[t, i])
    z_new[np.arange(t.size), j] = 0.0
    t_old, i_old = np.nonzero(real)
    trial = np.concatenate([t_old, t])
    position = np.concatenate([i_old.astype(np.float64), i + theta])
    order = np.lexsort((position, trial))
    return trial[order], np.concatenate([z[t_old, i_old], z_new])[order]


def _drop_constant_runs(trial: np.ndarray, a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Remove points whose two neighbours (same trial) carry the identical output."""
    same = (trial[1:] == trial[:-1]) & np.all(a[1:] == a[:-1], axis=1)
    interior = np.zeros(trial.size, dtype=bool)
    interior[1:-1] = same[:-1] & same[1:]
    return trial[~interior], a[~interior]


def _pad(trial: np.ndarray, values: np.ndarray, n_trials: int) -> tuple[np.ndarray, np.ndarray]:
    """Flat, trial-sorted points -> (n_trials, K, units) array padded with zeros, and counts."""
    counts = np.bincount(trial, minlength=n_trials)
    K = int(counts.max()) if n_trials else 0
    starts = np.cumsum(counts) - counts
    padded = np.zeros((n_trials, K, values.shape[1]))
    padded[trial, np.arange(trial.size) - starts[trial]] = values
    return padded, counts


# ------------------------------------------------------- born-dead probability
def born_dead_trials(
    width: int,
    hidden_layers: int,
    trials: int,
    seed: int,
    bias: str | None = None,
    where: str = "domain",
    init: str = "he_normal",
) -> np.ndarray:
    """Boolean (trials,): which of ``trials`` random ReLU networks are born dead.

    ``where="domain"``: some hidden layer is zero for every x in
    [-sqrt(7), sqrt(7)], so the network is constant there. With zero biases
    this is decided exactly by two inputs: every layer is positively
    homogeneous, a_l(x) = x a_l(1) for x > 0 and |x| a_l(-1) for x < 0, and a
    zero layer stays zero, so the network is born dead exactly when the last
    hidden layer is zero at x = 1 and at x = -1. With random biases the exact
    piecewise-linear analysis of :func:`dead_layer_on_interval` is used.

    ``where="point"``: some hidden layer is entirely zero at the single input x = 1.

    The parameters drawn depend only on the seed (not on ``where``), so the
    domain-dead networks of a seed are a subset of its point-dead ones.
    """
    width = check_int(width, "width", 1)
    hidden_layers = check_int(hidden_layers, "hidden_layers", 1)
    trials = check_int(trials, "trials", 1)
    seed = check_int(seed, "seed", 0)
    where = check_choice(where, "where", WHERE_CHOICES)
    rule = _resolve_bias(bias, init)
    layers = _hidden_layers(width, hidden_layers, trials, np.random.default_rng(seed), rule)
    if where == "point":
        return dead_layer_at_points(layers, [1.0])[:, 0]
    if rule == "zero":
        return dead_layer_at_points(layers, [-1.0, 1.0]).all(axis=1)
    return dead_layer_on_interval(layers, -DOMAIN_HALF_WIDTH, DOMAIN_HALF_WIDTH)


def born_dead_probability(
    width: int,
    hidden_layers: int,
    trials: int,
    seed: int,
    bias: str | None = None,
    where: str = "domain",
    init: str = "he_normal",
) -> tuple[float, float]:
    """Monte Carlo estimate of the born-dead probability, with its standard error.

    Returns ``(p, se)``: p is the fraction of :func:`born_dead_trials` that are
    dead and se = sqrt(p (1 - p) / trials) its binomial standard error.
    ``bias``: ``None``/"zero" (b = 0) or "normal" (b ~ N(0, 2 / n_in)) with
    He-normal weights; leave it ``None`` with ``init="rai"``.
    """
    dead = born_dead_trials(width, hidden_layers, trials, seed, bias=bias, where=where, init=init)
    p = float(dead.mean())
    return p, float(np.sqrt(p * (1.0 - p) / dead.size))
