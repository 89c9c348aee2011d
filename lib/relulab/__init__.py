"""relulab: the shared library of the course book *ReLU vs Leaky ReLU: why
neurons die and how to keep them alive*.

Each module is one concept, and each function's docstring names the chapter
that teaches it. The names the chapters use most are re-exported here::

    import relulab
    relulab.relu(-3)                      # 0.0
    net = relulab.MLP([2, 16, 16, 1])
    relulab.count_dead_neurons(net.hidden_activations(X)[0])
"""
from importlib import import_module
from typing import Any

from . import born_dead, experiments
from .activations import (
    ACTIVATION_NAMES,
    elu,
    elu_derivative,
    gelu,
    gelu_derivative,
    gelu_tanh,
    get_activation,
    leaky_relu,
    leaky_relu_derivative,
    prelu,
    prelu_derivative,
    relu,
    relu_derivative,
    selu,
    selu_derivative,
    sigmoid,
    sigmoid_derivative,
    silu,
    softmax,
    softplus,
    swish,
    swish_derivative,
    tanh,
    tanh_derivative,
)
from .data import load_digits, make_circles, make_moons
from .diagnostics import (
    count_dead_neurons,
    dead_fraction_per_layer,
    dead_neuron_rule,
    gradient_norms,
)
from .glue import glue
from .gradcheck import gradient_check, numerical_gradients
from .initializers import get_initializer, he_gain, he_normal, normal, xavier_normal, zeros
from .network import MLP
from .regions import linear_regions, sawtooth_network
from .signal import signal_through_depth
from .training import History, train

__version__ = "0.1.0"

# The drawing layer (relulab.viz: matplotlib, PIL) loads on first use:
# `import relulab` costs numpy only, and a script that never draws never
# imports matplotlib.
_DRAWING = {"viz": "viz", "PALETTE": "viz.plotting", "use_style": "viz.plotting"}


def __getattr__(name: str) -> Any:
    if name not in _DRAWING:
        raise AttributeError(f"module 'relulab' has no attribute {name!r}")
    module = import_module(f".{_DRAWING[name]}", __name__)
    return module if name == _DRAWING[name] else getattr(module, name)
