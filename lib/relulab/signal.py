"""The signal through depth: how the size of the activations changes from layer to layer.

Taught in: chapters/01_relu and chapters/04_forward_propagation (the signal
through an ``MLP``), chapters/06_dying_relu_lab (the weight scale's factor per
layer), chapters/07_born_dead (He et al.'s second-moment argument, measured on
many networks at once) and chapters/08_interview_revision.

Every measurement here is one function, :func:`signal_through_depth`, and one
rule for a layer's size (:data:`STATISTICS`), whichever engine made the layers.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

import numpy as np

from ._checks import as_matrix, check_choice, check_int, negative_slope
from .network import MLP

STATISTICS = ("mean_square", "rms", "std")
"""mean_square: E[a^2], the quantity He et al. (2015) follow; rms: its square root; std: spread about the mean."""
VARIANCE_INITS = ("he_normal", "xavier_normal")


@dataclass(frozen=True)
class VarianceProfile:
    """Mean squared activation E[a_l^2] at every depth, measured and predicted.

    ``mean_square[0]`` is the input's, ``mean_square[l]`` layer l's (averaged
    over units, samples and networks); ``ratio[l - 1]`` is
    mean_square[l] / mean_square[l - 1], and NaN (undefined) where
    mean_square[l - 1] is exactly 0, i.e. every network is dead for every
    input, as narrow deep networks can be; ``predicted_ratio`` is
    (1 + slope^2) / 2 * n_in * Var[w] and ``predicted`` the resulting
    mean_square[0] * predicted_ratio ** l.
    """

    init: str
    activation: str
    mean_square: np.ndarray
    ratio: np.ndarray
    predicted_ratio: float
    predicted: np.ndarray


def variance_through_depth(
    init: str = "he_normal", activation: str = "relu", depth: int = 30, width: int = 100,
    n: int = 200, seed: int = 0, networks: int = 16, alpha: float = 0.01,
) -> VarianceProfile:
    """Follow E[a^2] through ``depth`` layers of ``width`` units (zero biases).

    He et al. (2015): for z_l = W_l a_{l-1} with symmetric weights,
    E[z_l^2 | a_{l-1}] = Var[w] ||a_{l-1}||^2 and z_l is symmetric, so a ReLU
    keeps exactly half of it: E[a_l^2] = 1/2 n_in Var[w] E[a_{l-1}^2] (Leaky
    ReLU keeps (1 + alpha^2) / 2). The product over layers,
    E[a_L^2] = E[a_0^2] prod_l (1/2 n_l Var[w_l]), stays constant for He
    (Var[w] = 2 / n_in, ratio 1) and halves at every layer for Xavier
    (Var[w] = 2 / (n_in + n_out) = 1 / n here, ratio 1/2).

    ``n`` inputs x ~ N(0, I) go through ``networks`` independent networks
    (batched); the mean square is averaged over all of them.
    """
    check_choice(init, "init", VARIANCE_INITS)
    slope = negative_slope(activation, alpha)
    depth = check_int(depth, "depth", 1)
    width = check_int(width, "width", 1)
    n = check_int(n, "n", 1)
    networks = check_int(networks, "networks", 1)
    variance = 2.0 / width if init == "he_normal" else 2.0 / (width + width)
    rng = np.random.default_rng(check_int(seed, "seed", 0))

    def layers() -> Iterator[np.ndarray]:
        a = rng.standard_normal((networks, n, width))
        yield a
        for _ in range(depth):
            # einsum, not a @ W: multithreaded BLAS is slower here than one core on a busy machine
            z = np.einsum("bni,bij->bnj", a, rng.standard_normal((networks, width, width)) * np.sqrt(variance))
            a = np.maximum(z, slope * z)
            yield a

    mean_square = layer_sizes(layers())
    predicted_ratio = (1.0 + slope**2) / 2.0 * width * variance
    ratio = np.full(depth, np.nan)
    np.divide(mean_square[1:], mean_square[:-1], out=ratio, where=mean_square[:-1] > 0)
    return VarianceProfile(
        init,
        activation,
        mean_square,
        ratio,
        predicted_ratio,
        mean_square[0] * predicted_ratio ** np.arange(depth + 1),
    )


def layer_sizes(layers: Iterable[np.ndarray], statistic: str = "mean_square") -> np.ndarray:
    """One number per layer: the ``statistic`` of all of a layer's values (units, samples, networks).

    ``layers`` may be a generator, so a deep stack never sits in memory at once.
    """
    check_choice(statistic, "statistic", STATISTICS)
    if statistic == "std":
        return np.array([a.std() for a in layers])
    mean_square = np.array([np.mean(a**2) for a in layers])
    return np.sqrt(mean_square) if statistic == "rms" else mean_square


def signal_through_depth(network: MLP, X: np.ndarray, statistic: str = "mean_square") -> np.ndarray:
    """The size of the signal at every layer of ``network`` on the batch X.

    Entry 0 is the input X itself, entry l the output of hidden layer l, so
    ``signal_through_depth(net, X)[l] / signal_through_depth(net, X)[0]`` is
    how much l layers grew or shrank E[a^2]. ``statistic`` is one of
    ``STATISTICS``: "mean_square" (default), "rms" or "std".
    """
    X = as_matrix(X, "X", network.layer_sizes[0])
    return layer_sizes([X, *network.hidden_activations(X)], statistic)
