"""Dead and inactive units: counting them, following them through training, and the 10% rule.

Taught in: chapters/03_dying_relu (``count_dead_neurons``, the 10% rule),
chapters/05_backward_propagation (``gradient_norms``) and
chapters/06_dying_relu_lab (inactive units, unit fates).

Two ways of counting units that do not respond are used side by side:

- *dead* (the book's definition, ``count_dead_neurons``): the unit's output
  is exactly 0 on every sample. A Leaky ReLU unit outputs alpha * z, not 0,
  so it is never dead by this definition;
- *inactive*: the unit's pre-activation is z <= 0 on every sample. For ReLU
  this is the same set of units as *dead*; for Leaky ReLU it counts the units
  stuck on the leak, whose gradient is alpha times smaller. It is the fair
  metric for comparing the two activations.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from ._checks import as_float_array, as_matrix, check_real
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


def _dead_fraction(activations: np.ndarray) -> float:
    """count_dead_neurons / n_units: the share of a layer's capacity that is lost."""
    activations = as_float_array(activations, "activations")
    if activations.ndim != 2:
        raise ValueError(f"activations must be 2-D (n_samples, n_units), got shape {activations.shape}.")
    return count_dead_neurons(activations) / activations.shape[1]


def dead_fraction_per_layer(network: MLP, X: np.ndarray) -> np.ndarray:
    """The dead fraction of each hidden layer of ``network`` on the data X."""
    return np.array([_dead_fraction(a) for a in network.hidden_activations(X)])


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
    fraction: float
    per_layer: tuple[float, ...]
    threshold: float

    @property
    def message(self) -> str:
        share = f"{self.dead}/{self.total} hidden units dead ({self.fraction:.1%})"
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
        fraction=fraction,
        per_layer=tuple(_dead_fraction(a) for a in layers),
        threshold=threshold,
    )


def inactive_units(network: MLP, X: np.ndarray) -> list[np.ndarray]:
    """One boolean mask per hidden layer: True where z <= 0 for every sample of X.

    ``z`` is the input of the activation (after batch normalization, if any).
    For ReLU a unit is inactive exactly when it is dead (output 0 everywhere);
    for Leaky ReLU it is stuck on the leak, with gradient alpha * upstream.
    """
    network.forward(X)
    return [np.all(z <= 0, axis=0) for z in network.zs[:-1]]


def inactive_fraction(network: MLP, X: np.ndarray) -> np.ndarray:
    """Share of each hidden layer's units with z <= 0 on every sample of X.

    The activation-independent twin of ``dead_fraction_per_layer``: equal to it
    for ReLU, and still meaningful for Leaky ReLU, whose units are never dead.
    """
    return np.array([mask.mean() for mask in inactive_units(network, X)])


def overall_fraction(per_layer: Any, widths: Sequence[int]) -> np.ndarray:
    """Share of all hidden units: sum_l f_l * n_l / sum_l n_l, over the last axis.

    ``per_layer`` holds one fraction per hidden layer (last axis), ``widths``
    the number of units n_l of each layer.
    """
    fractions = as_float_array(per_layer, "per_layer")
    weights = as_float_array(widths, "widths")
    if weights.ndim != 1 or fractions.shape[-1:] != weights.shape:
        raise ValueError(
            f"per_layer's last axis ({fractions.shape}) must have one entry per layer width ({weights.shape})."
        )
    return fractions @ weights / weights.sum()



@dataclass
class UnitFates:
    """Which units of one network were inactive before and after training, and which never moved.

    Lists hold one boolean mask per hidden layer. ``frozen`` is True where a
    unit's incoming weights and bias are bit-identical after training.
    """

    before: list[np.ndarray]
    after: list[np.ndarray]
    frozen: list[np.ndarray]

    @property
    def revived(self) -> list[np.ndarray]:
        """Inactive before training, active (z > 0 on some sample) after."""
        return [b & ~a for b, a in zip(self.before, self.after)]


def unit_fates(initial: MLP, trained: MLP, X: np.ndarray) -> UnitFates:
    """Compare a network before and after training, unit by unit, on the data X.

    ``initial`` is the untrained network (rebuild it from its seed: the same
    seed gives the same weights bit for bit), ``trained`` the same network
    after ``relulab.train``. The gradient argument predicts: a first-layer
    ReLU unit with z <= 0 on every sample gets dW = X.T @ (upstream * 0) = 0
    and db = 0 on every batch, so it stays frozen and dead. A deeper unit's z
    also depends on the layers below it, which keep learning, so it may revive.
    """
    if initial.layer_sizes != trained.layer_sizes:
        raise ValueError(
            f"the two networks differ in shape: {initial.layer_sizes} vs {trained.layer_sizes}; "
            "pass the same network before and after training."
        )
    X = as_matrix(X, "X", initial.layer_sizes[0])
    frozen = [
        np.all(W == W_new, axis=0) & (b == b_new)
        for W, W_new, b, b_new in zip(initial.weights, trained.weights, initial.biases, trained.biases)
    ][: initial.n_hidden]
    return UnitFates(before=inactive_units(initial, X), after=inactive_units(trained, X), frozen=frozen)

