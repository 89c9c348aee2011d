"""Linear regions: a ReLU network is piecewise linear, and depth multiplies its pieces.

Taught in: chapters/04_forward_propagation ("Why a non-linearity at all").
"""
from __future__ import annotations

import numpy as np

from ._checks import check_int
from .network import MLP


def activation_patterns(network: MLP, X: np.ndarray) -> np.ndarray:
    """For each row of X, the number of its on/off pattern (z > 0 or not, every hidden unit).

    Rows with the same number lie in the same linear piece of the network; the
    numbers run from 0 to (number of distinct patterns) - 1.
    """
    network.forward(X)
    patterns = np.concatenate([z > 0 for z in network.zs[:-1]], axis=1)
    return np.unique(patterns, axis=0, return_inverse=True)[1].ravel()


def linear_regions(network: MLP, X: np.ndarray) -> int:
    """How many linear pieces of a (leaky) ReLU network the inputs X fall in.

    Inside one piece every hidden unit keeps its side of the kink (z > 0 or
    not), so the network is one affine map there; a new on/off pattern means a
    new piece. Counting the distinct patterns over the rows of X (a fine grid,
    say) counts the pieces X reaches: a lower bound on the network's total.
    """
    return int(activation_patterns(network, X).max()) + 1


def sawtooth_network(depth: int) -> MLP:
    """A ReLU network of ``depth`` hidden layers of 2 units with 2**depth linear pieces on [0, 1].

    Each layer computes the tent map t(x) = 2 ReLU(x) - 4 ReLU(x - 1/2), which
    folds [0, 1] onto itself; composing it ``depth`` times gives a sawtooth with
    2**depth teeth (Telgarsky, 2016). A one-hidden-layer ReLU network of the
    same 2 * depth units has at most 2 * depth + 1 pieces on a line: the
    pieces grow exponentially with depth, only linearly with width
    (Montufar et al., 2014).
    """
    depth = check_int(depth, "depth", 1)
    network = MLP([1] + [2] * depth + [1], output="identity")
    fold = np.array([[2.0, 2.0], [-4.0, -4.0]])  # t = 2 a_1 - 4 a_2, fed to both units
    network.weights = [np.array([[1.0, 1.0]]), *(fold.copy() for _ in range(depth - 1)), np.array([[2.0], [-4.0]])]
    network.biases = [np.array([0.0, -0.5]) for _ in range(depth)] + [np.zeros(1)]
    return network
