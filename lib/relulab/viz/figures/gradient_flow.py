"""Gradient flow: the gradient norm of every layer at initialization, ReLU vs Leaky ReLU (chapter 05).

Taught in: chapters/05_backward_propagation.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
from matplotlib.figure import Figure
from matplotlib.transforms import blended_transform_factory

from ...diagnostics import gradient_norms
from ...network import MLP
from ..interactive import Explorer, InPlacePlot, explore
from ..plotting import STYLE, _activation_color
from .shared import LEAK, _lab_data

FLOW_BIASES = [0.0, -0.5, -1.0, -2.0]
FLOW_DEPTHS = [5, 10, 20, 30]
FLOW_WIDTH = 32


@lru_cache(maxsize=64)
def gradient_flow_norms(bias: float, depth: int, activation: str) -> np.ndarray:
    """||dW_l|| of every layer (hidden layers then the output) at initialization.

    Network: 2 -> depth x 32 -> 1, He normal, hidden biases ``bias``, seed 0,
    200 moons samples; Leaky ReLU uses alpha = 0.01.

    Taught in: chapters/05_backward_propagation.
    """
    X, y = _lab_data()
    network = MLP([2] + [FLOW_WIDTH] * depth + [1], activation=activation, bias=bias, seed=0,
                  alpha=LEAK if activation == "leaky_relu" else None)
    dW, _ = network.gradients(X, y)
    return gradient_norms(dW)


class _GradientFlowPlot(InPlacePlot):
    """Per activation, a line of the non-zero norms and crosses for the exact zeros.

    The limits follow the depth and the norms, so every view is drawn whole
    (no blitting); the figure and its artists are still made only once.
    """

    rc = STYLE

    def __init__(self, fig: Figure) -> None:
        super().__init__(fig)
        self.ax = ax = fig.subplots()
        at_bottom = blended_transform_factory(ax.transData, ax.transAxes)
        self.lines, self.zeros = {}, {}
        for name in ("relu", "leaky_relu"):
            colour = _activation_color(name)
            (self.lines[name],) = ax.plot([], [], "o-", ms=4, color=colour, label=name)
            (self.zeros[name],) = ax.plot([], [], "x", ms=7, mew=2, color=colour, transform=at_bottom,
                                          clip_on=False, label=f"{name}: exactly 0")
        ax.set(yscale="log", xlabel="layer (last = output layer)", ylabel="‖dW‖ at initialization (log)")

    def update(self, bias: float, depth: int) -> str:
        layers = np.arange(1, depth + 2)
        summary, shown = [], []
        for name, offset in (("relu", -0.12), ("leaky_relu", 0.12)):
            norms = gradient_flow_norms(bias, depth, name)
            zero = norms == 0
            self.lines[name].set_data(layers[~zero], norms[~zero])
            self.zeros[name].set_data(layers[zero] + offset, np.full(zero.sum(), 0.04))
            self.zeros[name].set_visible(bool(zero.any()))
            shown += [self.lines[name]] + ([self.zeros[name]] if zero.any() else [])
            summary.append(f"{name}: {int(zero.sum())} of {len(norms)} layers get exactly zero gradient")
        self.ax.relim(visible_only=True)
        self.ax.autoscale_view()
        self.ax.set_xlim(0.3, depth + 1.7)
        self.ax.set_title(f"bias = {bias}, depth = {depth}: " + "; ".join(s.split(": ")[1] for s in summary[:1])
                          + " with ReLU")
        self.ax.legend(shown, [line.get_label() for line in shown], loc="best")
        return "; ".join(summary)


def gradient_flow_explorer() -> Explorer:
    """Gradient norm per layer at initialization, ReLU vs Leaky ReLU (log scale).

    Choose the initial hidden bias and the depth. Crosses on the bottom edge
    mark layers whose gradient is exactly zero: it happens with ReLU only.

    Taught in: chapters/05_backward_propagation.
    """
    return explore(
        _GradientFlowPlot,
        title="Gradient flow: ReLU vs Leaky ReLU",
        figsize=(8.0, 3.4),
        bias=FLOW_BIASES,
        depth=FLOW_DEPTHS,
    )
