"""Training: mini-batch gradient descent that records loss, accuracy and dead units every epoch.

Taught in: chapters/03_dying_relu (watching a neuron die) and
chapters/06_dying_relu_lab (every experiment trains through ``train``; the 10%
rule of ``relulab.diagnostics`` acts during training in ``train_with_switch``).
The step itself is ``MLP.sgd_step``, that is ``relulab.optim.SGD``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from ._checks import as_matrix, check_choice, check_int, check_real
from .diagnostics import _dead_fraction, dead_neuron_rule, gradient_norms, inactive_fraction, inactive_units
from .losses import output_loss
from .network import HIDDEN_ACTIVATIONS, MLP


@dataclass
class History:
    """What ``train`` saw, one row per epoch; row 0 is the network before training.

    ``loss[e]`` and ``accuracy[e]`` are measured on the full set after epoch e
    (``accuracy`` is empty for a regression output); ``dead_fractions()[e, l]``
    is the dead share of hidden layer l, ``gradient_norms()[e, l]`` the norm of
    the full-batch gradient of ``weights[l]``.
    """

    loss: list[float] = field(default_factory=list)
    accuracy: list[float] = field(default_factory=list)
    _dead: list[np.ndarray] = field(default_factory=list, repr=False)
    _gradient_norms: list[np.ndarray] = field(default_factory=list, repr=False)
    diverged: bool = False
    diverged_at: int | None = None

    @property
    def epochs(self) -> int:
        """Epochs completed (the initial row is not an epoch)."""
        return max(len(self.loss) - 1, 0)

    def dead_fractions(self) -> np.ndarray:
        """Shape (epochs + 1, n_hidden)."""
        return np.array(self._dead)

    def gradient_norms(self) -> np.ndarray:
        """Shape (epochs + 1, n_layers)."""
        return np.array(self._gradient_norms)

    def epochs_to_accuracy(self, target: float) -> float:
        """First epoch whose full-set accuracy reaches ``target``; inf if none did.

        Epoch 0 is the untrained network. inf (not NaN) keeps medians meaningful:
        "never" sorts after every finite epoch count.
        """
        target = check_real(target, "target", low=0.0, high=1.0)
        if not self.accuracy:
            raise ValueError("the history has no accuracy (regression output); epochs_to_accuracy needs one.")
        reached = np.flatnonzero(np.asarray(self.accuracy) >= target)
        return float(reached[0]) if reached.size else float("inf")

    def __repr__(self) -> str:
        state = f"diverged at epoch {self.diverged_at}" if self.diverged else "finite"
        last = f"{self.loss[-1]:.4f}" if self.loss else "n/a"
        return f"History(epochs={self.epochs}, final loss={last}, {state})"


def _record(network: MLP, X: np.ndarray, y: np.ndarray, history: History) -> None:
    """One full-batch forward and backward pass gives every figure of the epoch."""
    grads = network.parameter_gradients(X, y)
    targets = network.targets(y, len(X))
    history.loss.append(output_loss(network.output, network.zs[-1], targets))
    if network.output != "identity":
        out = network.activations[-1]
        if network.output == "softmax":
            history.accuracy.append(float(np.mean(out.argmax(axis=1) == targets)))
        else:
            history.accuracy.append(float(np.mean((out > 0.5) == (targets > 0.5))))
    history._dead.append(np.array([_dead_fraction(a) for a in network.activations[:-1]]))
    history._gradient_norms.append(gradient_norms([grads[f"W{i}"] for i in range(len(network.weights))]))


def train(
    network: MLP,
    X: np.ndarray,
    y: np.ndarray,
    epochs: int,
    lr: float,
    batch_size: int | None = None,
    seed: int = 0,
    on_epoch: Callable[[int, MLP, History], None] | None = None,
) -> History:
    """Train ``network`` in place with mini-batch SGD and return its History.

    Each epoch shuffles the samples (with ``seed``: the same seed gives the
    same run, bit for bit), takes one step W <- W - lr * dW per batch of
    ``batch_size`` samples (None: the whole set), then records the loss,
    accuracy, dead fraction per layer and gradient norms on the full set.
    ``on_epoch(epoch, network, history)`` runs after each record: it may, for
    instance, switch the activation when too many units are dead. If the
    weights become non-finite, training stops and the history says when.
    """
    X = as_matrix(X, "X", network.layer_sizes[0])
    network.targets(y, len(X))  # fail now, not in the middle of an epoch
    y = np.asarray(y)
    epochs = check_int(epochs, "epochs", 1)
    lr = check_real(lr, "lr", low=0.0, low_inclusive=False)
    batch_size = len(X) if batch_size is None else check_int(batch_size, "batch_size", 1)
    check_int(seed, "seed", 0)
    rng = np.random.default_rng(seed)

    history = History()
    try:
        _record(network, X, y, history)
    except FloatingPointError:
        history.diverged, history.diverged_at = True, 0
        return history
    for epoch in range(1, epochs + 1):
        order = rng.permutation(len(X))
        try:
            for start in range(0, len(X), batch_size):
                batch = order[start : start + batch_size]
                network.sgd_step(X[batch], y[batch], lr)
            _record(network, X, y, history)
        except FloatingPointError:
            history.diverged, history.diverged_at = True, epoch
            break
        if on_epoch is not None:
            on_epoch(epoch, network, history)
    return history


@dataclass
class SwitchRun:
    """A run under the 10% rule: ``switched_at`` is the epoch of the switch (None: never).

    ``dead_at_switch`` holds the masks of the units dead when the rule fired;
    ``inactive`` (epochs + 1, n_hidden) the inactive fraction after every epoch.
    """

    history: History
    switched_at: int | None
    dead_at_switch: list[np.ndarray] | None
    inactive: np.ndarray
    final_inactive_units: list[np.ndarray] = field(default_factory=list)

    @property
    def revived(self) -> list[np.ndarray] | None:
        """Units dead at the switch that are active (z > 0 somewhere) at the end."""
        if self.dead_at_switch is None or not self.final_inactive_units:
            return None
        return [d & ~f for d, f in zip(self.dead_at_switch, self.final_inactive_units)]


def train_with_switch(
    network: MLP,
    X: np.ndarray,
    y: np.ndarray,
    epochs: int,
    lr: float,
    threshold: float = 0.10,
    switch_to: str = "leaky_relu",
    alpha: float | None = None,
    **train_kwargs: Any,
) -> SwitchRun:
    """Train with the 10% rule: once more than ``threshold`` of units are dead, switch.

    After every epoch ``relulab.dead_neuron_rule(network, X, threshold)`` counts
    dead units over all hidden layers; at the first epoch where the share
    exceeds ``threshold``, the hidden activation becomes ``switch_to`` (default
    Leaky ReLU, slope ``alpha``) with the weights kept, and training goes on.
    A dead unit then gets gradient alpha * upstream instead of 0, so it may
    come back: ``SwitchRun.revived`` says which did.
    """
    X = as_matrix(X, "X", network.layer_sizes[0])
    check_choice(switch_to, "switch_to", HIDDEN_ACTIVATIONS)
    if network.activation != "relu":
        raise ValueError(f"the 10% rule starts from a ReLU network, this one uses {network.activation!r}.")
    state: dict[str, Any] = {"epoch": None, "masks": None}
    inactive = [inactive_fraction(network, X)]

    def monitor(epoch: int, net: MLP, history: History) -> None:
        if state["epoch"] is None and dead_neuron_rule(net, X, threshold).switch:
            state["epoch"], state["masks"] = epoch, inactive_units(net, X)
            net.set_activation(switch_to, alpha)
        inactive.append(inactive_fraction(net, X))

    history = train(network, X, y, epochs, lr, on_epoch=monitor, **train_kwargs)
    final = [] if history.diverged else inactive_units(network, X)
    return SwitchRun(
        history=history,
        switched_at=state["epoch"],
        dead_at_switch=state["masks"],
        inactive=np.array(inactive),
        final_inactive_units=final,
    )
