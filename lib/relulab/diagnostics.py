"""Measuring dead neurons and gradient flow.

Taught in: chapters/03_dying_relu (``count_dead_neurons``, the 10% rule) and
chapters/07_born_dead (``is_born_dead``).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._checks import as_float_array, check_real
from .network import MLP


def count_dead_neurons(activations: np.ndarray) -> int:
    """Number of units that output exactly 0 for every sample.

    ``activations`` has shape (n_samples, n_units). A unit is dead when its
    whole column is zero: ``np.sum(np.all(activations == 0, axis=0))``.
    """
    activations = as_float_array(activations, "activations")
    if activations.ndim != 2:
        raise ValueError(f"activations must be 2-D (n_samples, n_units), got shape {activations.shape}.")
    dead = np.sum(np.all(activations == 0, axis=0))
    return int(dead)


def dead_fraction(activations: np.ndarray) -> float:
    """count_dead_neurons / n_units: the share of a layer's capacity that is lost."""
    activations = as_float_array(activations, "activations")
    if activations.ndim != 2:
        raise ValueError(f"activations must be 2-D (n_samples, n_units), got shape {activations.shape}.")
    return count_dead_neurons(activations) / activations.shape[1]


def dead_fraction_per_layer(network: MLP, X: np.ndarray) -> np.ndarray:
    """The dead fraction of each hidden layer of ``network`` on the data X."""
    return np.array([dead_fraction(a) for a in network.hidden_activations(X)])


def is_born_dead(network: MLP, X: np.ndarray) -> bool:
    """True when the network's output is the same for every input row of X.

    A hidden layer that is zero for every sample makes everything after it
    identical bit for bit, so the test is exact equality.
    """
    out = network.forward(X)
    return bool(np.all(out == out[0]))


def gradient_norms(gradients: list[np.ndarray]) -> np.ndarray:
    """The Frobenius norm ||dW_l|| of each layer's gradient (inf if it overflows)."""
    with np.errstate(over="ignore"):
        return np.array([np.linalg.norm(as_float_array(g, "gradient")) for g in gradients])


@dataclass(frozen=True)
class DeadNeuronVerdict:
    """The rule of thumb's answer, with the figures behind it."""

    switch: bool
    dead: int
    total: int
    dead_fraction: float
    per_layer: tuple[float, ...]
    threshold: float

    @property
    def message(self) -> str:
        share = f"{self.dead}/{self.total} hidden units dead ({self.dead_fraction:.1%})"
        if self.switch:
            return f"{share} > {self.threshold:.0%}: check the learning rate and initialization, then consider Leaky ReLU."
        return f"{share} <= {self.threshold:.0%}: no need to switch."

    def __str__(self) -> str:
        return self.message


def dead_neuron_rule(network: MLP, X: np.ndarray, threshold: float = 0.10) -> DeadNeuronVerdict:
    """The 10% rule of thumb: if more than 10% of units are dead, act (chapter 03).

    Counts dead units over all hidden layers together on the data X. The lab
    (chapter 06) found the cheaper fixes come first: a lower learning rate and
    He initialization; switching to Leaky ReLU revives units but can diverge.
    """
    threshold = check_real(threshold, "threshold", low=0.0, high=1.0)
    layers = network.hidden_activations(X)
    dead = sum(count_dead_neurons(a) for a in layers)
    total = sum(a.shape[1] for a in layers)
    fraction = dead / total
    return DeadNeuronVerdict(
        switch=fraction > threshold,
        dead=dead,
        total=total,
        dead_fraction=fraction,
        per_layer=tuple(dead_fraction(a) for a in layers),
        threshold=threshold,
    )
