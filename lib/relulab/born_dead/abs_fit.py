"""The |x| experiment: many small networks fit f(x) = |x| at once, and how many collapse to a constant.

Taught in: chapters/07_born_dead.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .._checks import check_int, check_real, negative_slope
from ..initializers import Layer
from ..optim import Adam
from .detection import death_depth_on_interval
from .stack import NetworkStack, batched_forward, batched_mse_gradients
from .theory import DOMAIN_HALF_WIDTH, sample_hidden_layers

COLLAPSE_TOLERANCE = 1e-3
"""A trained network counts as collapsed when the spread (max - min) of its
output over the domain is below this fraction of the target's spread."""


def _has_dead_layer(hidden: Sequence[Layer]) -> np.ndarray:
    """Boolean (trials,): some ReLU hidden layer is zero on the whole domain."""
    return np.isfinite(death_depth_on_interval(hidden, -DOMAIN_HALF_WIDTH, DOMAIN_HALF_WIDTH))


def abs_target(x: np.ndarray) -> np.ndarray:
    """The paper's target f(x) = |x|."""
    return np.abs(x)


def abs_training_inputs(n_points: int) -> np.ndarray:
    """n_points midpoints of equal cells of [-sqrt(7), sqrt(7)].

    For even n_points the mean of |x| over them is exactly sqrt(7) / 2, the
    mean of |x| over the uniform domain, so the best constant fit is the same
    for the sample as for the domain.
    """
    n_points = check_int(n_points, "n_points", 2)
    edges = np.linspace(-DOMAIN_HALF_WIDTH, DOMAIN_HALF_WIDTH, n_points + 1)
    return (edges[:-1] + edges[1:]) / 2


def init_abs_networks(
    trials: int,
    seed: int,
    width: int = 2,
    depth: int = 10,
    bias: str | None = None,
    init: str = "he_normal",
) -> list[Layer]:
    """Parameters of ``trials`` networks 1 -> width x depth -> 1, stacked.

    Hidden layers as in :func:`sample_hidden_layers`; the linear output layer
    has W ~ N(0, 2 / width) and b = 0.
    """
    width = check_int(width, "width", 1)
    depth = check_int(depth, "depth", 1)
    trials = check_int(trials, "trials", 1)
    rng = np.random.default_rng(check_int(seed, "seed", 0))
    layers = list(sample_hidden_layers(width, depth, trials, rng, bias=bias, init=init))
    layers.append((rng.standard_normal((trials, width, 1)) * np.sqrt(2.0 / width), np.zeros((trials, 1))))
    return layers



@dataclass(frozen=True)
class AbsFitResult:
    """Many independent fits of |x|, one row per network.

    x_grid, initial_outputs and outputs describe each network before and
    after training on a fine grid of the domain (endpoints included).
    ``collapsed`` marks trained networks whose output spread over the grid
    is below COLLAPSE_TOLERANCE times the target's spread; ``dead_layer``
    (ReLU only, else None) marks those with a hidden layer that is exactly
    zero on the whole domain, and ``born_dead`` the same before training.
    """

    activation: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_grid: np.ndarray
    initial_outputs: np.ndarray
    outputs: np.ndarray
    final_loss: np.ndarray
    collapsed: np.ndarray
    dead_layer: np.ndarray | None
    born_dead: np.ndarray | None

    @property
    def collapsed_fraction(self) -> tuple[float, float]:
        """(fraction of collapsed runs, its standard error sqrt(p (1 - p) / trials))."""
        p = float(self.collapsed.mean())
        return p, float(np.sqrt(p * (1.0 - p) / self.collapsed.size))


def fit_abs(
    trials: int,
    activation: str = "relu",
    epochs: int = 1000,
    lr: float = 0.005,
    seed: int = 0,
    width: int = 2,
    depth: int = 10,
    n_points: int = 16,
    alpha: float = 0.01,
    bias: str | None = None,
    init: str = "he_normal",
    grid_points: int = 201,
) -> AbsFitResult:
    """Train ``trials`` independent networks on f(x) = |x| at once, with full-batch Adam.

    The data are ``abs_training_inputs(n_points)``; each network minimizes its
    own mean squared error with ``relulab.optim.Adam`` (beta1 = 0.9,
    beta2 = 0.999, eps = 1e-8) on the stack's one flat parameter vector, so
    the stack trains as fast as a few networks would.
    The same seed gives the same initial networks for ReLU and Leaky ReLU.
    """
    slope = negative_slope(activation, alpha)
    epochs = check_int(epochs, "epochs", 1)
    lr = check_real(lr, "lr", low=0.0, low_inclusive=False)
    grid_points = check_int(grid_points, "grid_points", 2)
    params = init_abs_networks(trials, seed, width, depth, bias=bias, init=init)
    x = abs_training_inputs(n_points)
    y = abs_target(x)
    x_grid = np.linspace(-DOMAIN_HALF_WIDTH, DOMAIN_HALF_WIDTH, grid_points)
    initial_outputs = batched_forward(params, x_grid, activation, alpha)
    born_dead = _has_dead_layer(params[:-1]) if activation == "relu" else None

    stack = NetworkStack(params)
    optimizer = Adam(lr)
    for _ in range(epochs):
        stack.forward(x, slope)
        stack.backward(x, y)
        optimizer.step([stack.theta], [stack.grad])
    params = stack.stacked(stack.layers)
    losses, _ = batched_mse_gradients(params, x, y, activation, alpha)
    outputs = batched_forward(params, x_grid, activation, alpha)
    spread = outputs.max(axis=1) - outputs.min(axis=1)
    collapsed = spread < COLLAPSE_TOLERANCE * np.ptp(abs_target(x_grid))
    dead_layer = _has_dead_layer(params[:-1]) if activation == "relu" else None
    return AbsFitResult(
        activation, x, y, x_grid, initial_outputs, outputs, losses, collapsed, dead_layer, born_dead
    )
