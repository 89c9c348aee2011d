"""Activation functions and their derivatives, z <= 0 shaded (chapters 01 and 02).

Taught in: chapters/01_relu and chapters/02_leaky_relu.
"""
from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from ...activations import DEFAULT_ALPHA, get_activation, relu
from ..interactive import Explorer, explore
from ..plotting import DEAD_ZONE_COLOR, _activation_color, use_style

ACTIVATIONS = ("relu", "leaky_relu", "prelu", "elu", "selu", "swish", "sigmoid", "tanh")
ALPHAS = [0.01, 0.05, 0.1, 0.2, 0.3, 0.5]
Z = np.linspace(-4.0, 4.0, 801)


def _plot_activation(fig: Figure, name: str, alpha: float) -> str:
    use_style()
    takes_alpha = name in DEFAULT_ALPHA
    activation = get_activation(name, alpha if takes_alpha else None)
    colour = _activation_color(name)
    ax_f, ax_d = fig.subplots(1, 2)
    for ax in (ax_f, ax_d):
        ax.axvspan(Z[0], 0.0, color=DEAD_ZONE_COLOR, lw=0, label="z ≤ 0")
        ax.set_xlabel("pre-activation z")
        ax.set_xlim(Z[0], Z[-1])
    if name != "relu":
        ax_f.plot(Z, relu(Z), color="#999999", lw=1.2, ls="--", label="ReLU")
    ax_f.plot(Z, activation.fn(Z), color=colour, label=name)
    ax_f.set(ylabel=f"{name}(z)", ylim=(-2.3, 4.2))
    ax_f.set_title(f"{name}, α = {alpha}" if takes_alpha else f"{name} (α = {alpha} is not used)")
    ax_f.legend(loc="upper left")

    # Two pieces and a dot: no false vertical line at the kink, and the value
    # at exactly z = 0 is the library's convention (ReLU'(0) = 0, Leaky'(0) = α).
    negative, positive = Z[Z < 0], Z[Z > 0]
    ax_d.plot(negative, activation.derivative(negative), color=colour)
    ax_d.plot(positive, activation.derivative(positive), color=colour)
    at_zero = float(activation.derivative(0.0))
    ax_d.plot([0.0], [at_zero], "o", color=colour, label=f"{name}'(0) = {at_zero:.3g}")
    ax_d.set(ylabel=f"{name}'(z)", ylim=(-0.1, 1.9))
    ax_d.legend(loc="upper left")
    slopes = activation.derivative(negative)
    if np.all(slopes == 0):
        verdict = "the derivative is exactly 0 for every z < 0: no gradient flows there"
        ax_d.set_title("derivative: exactly 0 for z < 0")
    else:
        verdict = (f"for z < 0 the derivative runs from {slopes.min():.3g} to {slopes.max():.3g}: "
                   "the gradient still flows")
        ax_d.set_title("derivative: not 0 for z < 0")
    return f"{name}: {verdict}"


def activation_explorer() -> Explorer:
    """ReLU and its relatives (left) with their derivatives (right), z ≤ 0 shaded.

    Choose the function and alpha (used by leaky_relu, prelu's starting slope
    and elu). ReLU's derivative is exactly 0 on the shaded side; Leaky ReLU's
    is alpha there.

    Taught in: chapters/01_relu and chapters/02_leaky_relu.
    """
    return explore(
        _plot_activation,
        title="Activation functions and their derivatives",
        figsize=(8.0, 3.2),
        name=list(ACTIVATIONS),
        alpha=ALPHAS,
    )
