"""Born dead, estimated: the Monte Carlo probability that a random deep ReLU network is constant.

Taught in: chapters/07_born_dead.
"""
from __future__ import annotations

import numpy as np

from .._checks import check_choice, check_int
from .detection import death_depth_at_points, death_depth_on_interval
from .theory import DOMAIN_HALF_WIDTH, _hidden_layers, _resolve_bias

WHERE_CHOICES = ("domain", "point")


def born_dead_depths(
    width: int,
    depth: int,
    trials: int,
    seed: int,
    bias: str | None = None,
    where: str = "domain",
    init: str = "he_normal",
) -> np.ndarray:
    """For each of ``trials`` random ReLU networks, the depth at which it is dead (inf: never).

    Network t with its first L hidden layers is born dead exactly when
    ``depths[t] <= L``: one simulation of the deepest network answers every
    depth at once.

    ``where="domain"``: some hidden layer is zero for every x in
    [-sqrt(7), sqrt(7)], so the network is constant there. With zero biases
    this is decided exactly by two inputs: every layer is positively
    homogeneous, a_l(x) = x a_l(1) for x > 0 and |x| a_l(-1) for x < 0, and a
    zero layer stays zero, so the network is dead from the first depth at
    which it is dead at both x = 1 and x = -1. With random biases the exact
    piecewise-linear analysis of :func:`death_depth_on_interval` is used.

    ``where="point"``: some hidden layer is entirely zero at the single input x = 1.

    The parameters drawn depend only on the seed (not on ``where``), so the
    domain-dead networks of a seed are a subset of its point-dead ones.
    """
    width = check_int(width, "width", 1)
    depth = check_int(depth, "depth", 1)
    trials = check_int(trials, "trials", 1)
    seed = check_int(seed, "seed", 0)
    where = check_choice(where, "where", WHERE_CHOICES)
    rule = _resolve_bias(bias, init)
    layers = _hidden_layers(width, depth, trials, np.random.default_rng(seed), rule)
    if where == "point":
        return death_depth_at_points(layers, [1.0])[:, 0]
    if rule == "zero":
        return death_depth_at_points(layers, [-1.0, 1.0]).max(axis=1)
    return death_depth_on_interval(layers, -DOMAIN_HALF_WIDTH, DOMAIN_HALF_WIDTH)


def born_dead_probability(
    width: int, depth: int, trials: int, seed: int, **options: str | None
) -> tuple[float, float]:
    """Monte Carlo estimate of the born-dead probability, with its standard error.

    Returns ``(p, se)``: p is the fraction of the networks of
    :func:`born_dead_depths` that are dead within their first ``depth`` layers, and
    se = sqrt(p (1 - p) / trials) its binomial standard error.
    ``options`` are those of :func:`born_dead_depths` (``bias``, ``where``, ``init``).
    """
    p, se = born_dead_curve(width, depth, trials, seed, **options)
    return float(p[-1]), float(se[-1])


def born_dead_curve(
    width: int, depth: int, trials: int, seed: int, **options: str | None
) -> tuple[np.ndarray, np.ndarray]:
    """Born-dead probability at every depth L = 1 .. depth, with standard errors.

    Returns ``(p, se)``, arrays of length depth: p[L - 1] is the fraction
    of the networks of :func:`born_dead_depths` that are dead with their
    first L layers. The depths share their networks (a depth-L network is
    the start of a deeper one), so neighbouring points are correlated.
    ``options`` are those of :func:`born_dead_depths` (``bias``, ``where``, ``init``).
    """
    depths = born_dead_depths(width, depth, trials, seed, **options)
    p = np.mean(depths[:, None] <= np.arange(1, depth + 1), axis=0)
    return p, np.sqrt(p * (1.0 - p) / depths.size)

