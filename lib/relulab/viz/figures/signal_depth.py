"""Signal through depth: the std of activations over 30 layers per initializer (chapter 04).

Taught in: chapters/04_forward_propagation.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
from matplotlib.figure import Figure

from ...network import MLP
from ...signal import signal_through_depth
from ..interactive import Explorer, InPlacePlot, explore
from ..plotting import MIN_FONT_PT, STYLE, _activation_color

SIGNAL_INITS = {"he_normal": None, "xavier_normal": None, "normal_std_0.01": 0.01}
SIGNAL_ACTIVATIONS = ["relu", "leaky_relu", "tanh"]
SIGNAL_DEPTH = 30
SIGNAL_WIDTH = 100


@lru_cache(maxsize=16)
def signal_depth_stds(init: str, activation: str) -> np.ndarray:
    """Std of each hidden layer's activations, 30 layers of 100 units, on 256 N(0, 1) inputs.

    ``init`` is "he_normal", "xavier_normal" or "normal_std_0.01" (N(0, 0.01²)).

    Taught in: chapters/04_forward_propagation.
    """
    if init not in SIGNAL_INITS:
        raise ValueError(f"init must be one of {list(SIGNAL_INITS)}, got {init!r}")
    X = np.random.default_rng(0).standard_normal((256, SIGNAL_WIDTH))
    network = MLP([SIGNAL_WIDTH] * (SIGNAL_DEPTH + 1) + [1], activation=activation,
                  init=init.removesuffix("_std_0.01"), init_std=SIGNAL_INITS[init], seed=0)
    return signal_through_depth(network, X, "std")[1:]


LAYERS = np.arange(1, SIGNAL_DEPTH + 1)


class _SignalDepthPlot(InPlacePlot):
    """The chosen initializer's curve in colour, the other two in grey; the axes stay."""

    rc = STYLE

    def __init__(self, fig: Figure) -> None:
        super().__init__(fig)
        self.ax = ax = fig.subplots()
        flat = np.ones(SIGNAL_DEPTH)
        self.others = [ax.plot(LAYERS, flat, color="#bbbbbb", lw=1.2)[0] for _ in range(len(SIGNAL_INITS) - 1)]
        self.names = [ax.annotate("", (LAYERS[-1], 1.0), fontsize=MIN_FONT_PT, color="#777777", xytext=(3, 0),
                                  textcoords="offset points", va="center") for _ in self.others]
        (self.line,) = ax.plot(LAYERS, flat, "o-", ms=3)
        self.unit = ax.axhline(1.0, color="#777777", ls="--", lw=0.8, label="input std = 1")
        ax.set(yscale="log", ylim=(1e-40, 1e3), xlim=(0.5, SIGNAL_DEPTH + 6), xlabel="hidden layer",
               ylabel="std of activations (log)")
        # Only these change from view to view; the axes and the line at std 1 are drawn once.
        for artist in (*self.others, *self.names, self.line, ax.title):
            artist.set_animated(True)

    def update(self, init: str, activation: str) -> str:
        others = [other for other in SIGNAL_INITS if other != init]
        for other, line, name in zip(others, self.others, self.names):
            curve = signal_depth_stds(other, activation)
            line.set_ydata(curve)
            name.set_text(other)
            name.xy = (LAYERS[-1], curve[-1])
        stds = signal_depth_stds(init, activation)
        self.line.set_ydata(stds)
        self.line.set_color(_activation_color(activation))
        self.line.set_label(f"{init} + {activation}")
        self.ax.set_title(f"{init} + {activation}: std {stds[0]:.2g} at layer 1, {stds[-1]:.2g} at layer 30")
        shown = [self.line, self.unit]
        self.ax.legend(shown, [line.get_label() for line in shown], loc="lower left").set_animated(True)
        return (f"with {init} and {activation} the activation std goes from {stds[0]:.2g} "
                f"to {stds[-1]:.2g} over 30 layers")


def signal_depth_explorer() -> Explorer:
    """How the spread of activations changes over 30 layers of width 100 (log scale).

    Choose the initializer (He, Xavier, or a small normal with std 0.01) and
    the activation. He keeps a ReLU signal near constant; a small normal makes
    it vanish geometrically.

    Taught in: chapters/04_forward_propagation.
    """
    return explore(
        _SignalDepthPlot,
        title="Signal through depth: std of activations per layer",
        figsize=(8.0, 3.4),
        init=list(SIGNAL_INITS),
        activation=SIGNAL_ACTIVATIONS,
    )
