"""Activation functions and their derivatives, z <= 0 shaded (chapters 01 and 02).

Taught in: chapters/01_relu and chapters/02_leaky_relu.
"""
from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from ...activations import DEFAULT_ALPHA, get_activation, relu
from ..interactive import Explorer, InPlacePlot, explore
from ..plotting import DEAD_ZONE_COLOR, STYLE, _activation_color

ACTIVATIONS = ("relu", "leaky_relu", "prelu", "elu", "selu", "swish", "sigmoid", "tanh")
ALPHAS = [0.01, 0.05, 0.1, 0.2, 0.3, 0.5]
Z = np.linspace(-4.0, 4.0, 801)


NEGATIVE, POSITIVE = Z[Z < 0], Z[Z > 0]


class _ActivationPlot(InPlacePlot):
    """The function (left) and its derivative (right); the curves change, the axes stay."""

    rc = STYLE

    def __init__(self, fig: Figure) -> None:
        super().__init__(fig)
        self.ax_f, self.ax_d = fig.subplots(1, 2)
        self.shaded = [
            ax.axvspan(Z[0], 0.0, color=DEAD_ZONE_COLOR, lw=0, label="z ≤ 0")
            for ax in (self.ax_f, self.ax_d)
        ]
        for ax in (self.ax_f, self.ax_d):
            ax.set_xlabel("pre-activation z")
            ax.set_xlim(Z[0], Z[-1])
        (self.reference,) = self.ax_f.plot(Z, relu(Z), color="#999999", lw=1.2, ls="--", label="ReLU")
        (self.curve,) = self.ax_f.plot(Z, relu(Z))
        self.ax_f.set_ylim(-2.3, 4.2)
        # Two pieces and a dot: no false vertical line at the kink, and the value
        # at exactly z = 0 is the library's convention (ReLU'(0) = 0, Leaky'(0) = α).
        (self.left,) = self.ax_d.plot(NEGATIVE, np.zeros_like(NEGATIVE))
        (self.right,) = self.ax_d.plot(POSITIVE, np.zeros_like(POSITIVE))
        (self.dot,) = self.ax_d.plot([0.0], [0.0], "o")
        self.ax_d.set_ylim(-0.1, 1.9)
        # Only these change from view to view; the shading, axes and ticks are drawn once.
        for artist in (self.reference, self.curve, self.left, self.right, self.dot):
            artist.set_animated(True)
        for ax in (self.ax_f, self.ax_d):
            ax.title.set_animated(True)
            ax.yaxis.label.set_animated(True)

    def update(self, name: str, alpha: float) -> str:
        takes_alpha = name in DEFAULT_ALPHA
        activation = get_activation(name, alpha if takes_alpha else None)
        colour = _activation_color(name)
        for line in (self.curve, self.left, self.right, self.dot):
            line.set_color(colour)
        self.curve.set_ydata(activation.fn(Z))
        self.curve.set_label(name)
        self.reference.set_visible(name != "relu")
        self.ax_f.set_ylabel(f"{name}(z)")
        self.ax_f.set_title(f"{name}, α = {alpha}" if takes_alpha else f"{name} (α = {alpha} is not used)")
        shown = [self.shaded[0], self.reference, self.curve] if name != "relu" else [self.shaded[0], self.curve]
        self.ax_f.legend(shown, [line.get_label() for line in shown], loc="upper left").set_animated(True)

        slopes = activation.derivative(NEGATIVE)
        self.left.set_ydata(slopes)
        self.right.set_ydata(activation.derivative(POSITIVE))
        at_zero = float(activation.derivative(0.0))
        self.dot.set_ydata([at_zero])
        self.dot.set_label(f"{name}'(0) = {at_zero:.3g}")
        self.ax_d.set_ylabel(f"{name}'(z)")
        legend = self.ax_d.legend([self.shaded[1], self.dot], ["z ≤ 0", self.dot.get_label()], loc="upper left")
        legend.set_animated(True)
        if np.all(slopes == 0):
            verdict = "the derivative is exactly 0 for every z < 0: no gradient flows there"
            self.ax_d.set_title("derivative: exactly 0 for z < 0")
        else:
            verdict = (f"for z < 0 the derivative runs from {slopes.min():.3g} to {slopes.max():.3g}: "
                       "the gradient still flows")
            self.ax_d.set_title("derivative: not 0 for z < 0")
        return f"{name}: {verdict}"


def activation_explorer() -> Explorer:
    """ReLU and its relatives (left) with their derivatives (right), z ≤ 0 shaded.

    Choose the function and alpha (used by leaky_relu, prelu's starting slope
    and elu). ReLU's derivative is exactly 0 on the shaded side; Leaky ReLU's
    is alpha there.

    Taught in: chapters/01_relu and chapters/02_leaky_relu.
    """
    return explore(
        _ActivationPlot,
        title="Activation functions and their derivatives",
        figsize=(8.0, 3.2),
        name=list(ACTIVATIONS),
        alpha=ALPHAS,
    )
