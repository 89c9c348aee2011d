"""The book's interactive figures: each builder returns an ``Explorer``, one module per figure.

A chapter shows one with a single line, e.g. ``activation_explorer()``. It is
live in Jupyter/Binder and works on the website without a kernel (see
``relulab.viz.interactive``). Every number drawn comes from relulab itself.
"""
from __future__ import annotations

from .activation import ACTIVATIONS, ALPHAS, activation_explorer
from .gradient_flow import FLOW_BIASES, FLOW_DEPTHS, FLOW_WIDTH, gradient_flow_explorer, gradient_flow_norms
from .one_neuron import ANGLES, NEURON_BIASES, NeuronState, one_neuron_explorer, one_neuron_state
from .shared import LEAK
from .signal_depth import (
    SIGNAL_ACTIVATIONS,
    SIGNAL_DEPTH,
    SIGNAL_INITS,
    SIGNAL_WIDTH,
    signal_depth_explorer,
    signal_depth_stds,
)
from .training_lab import (
    LAB_BATCH,
    LAB_BIASES,
    LAB_DEPTHS,
    LAB_EPOCHS,
    LAB_LRS,
    LAB_WIDTH,
    training_lab_explorer,
    training_lab_runs,
)

__all__ = [
    "activation_explorer",
    "one_neuron_explorer",
    "one_neuron_state",
    "NeuronState",
    "training_lab_explorer",
    "training_lab_runs",
    "signal_depth_explorer",
    "signal_depth_stds",
    "gradient_flow_explorer",
    "gradient_flow_norms",
    "EXPLORERS",
]

# Every figure of the book, in chapter order (tests and bench/interactive.py walk it).
EXPLORERS = (
    activation_explorer,
    one_neuron_explorer,
    training_lab_explorer,
    signal_depth_explorer,
    gradient_flow_explorer,
)
