"""One ReLU neuron on the moons data: alive or dead, and its gradients (chapter 03).

Taught in: chapters/03_dying_relu.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from matplotlib.figure import Figure

from ...data import make_moons
from ...diagnostics import count_dead_neurons
from ...network import MLP
from ..interactive import Explorer, InPlacePlot, explore
from ..plotting import PALETTE, STYLE, _activation_color
from .shared import LEAK

ANGLES = [0, 45, 90, 135, 180, 225, 270, 315]
NEURON_BIASES = [-3.0, -2.0, -1.0, -0.5, 0.0, 0.5]


@lru_cache(maxsize=1)
def _neuron_data() -> tuple[np.ndarray, np.ndarray]:
    return make_moons(n=100, noise=0.1, seed=0)


@dataclass(frozen=True)
class NeuronState:
    """One ReLU neuron z = w1*x1 + w2*x2 + b feeding a sigmoid output (weight 1, bias 0).

    ``relu_grad`` and ``leaky_grad`` hold (dL/dw1, dL/dw2, dL/db) of the mean
    binary cross-entropy, from ``MLP.gradients`` with ReLU and with Leaky ReLU
    (slope ``alpha``) on the same weights.
    """

    w: np.ndarray
    b: float
    z: np.ndarray
    dead: bool
    relu_grad: np.ndarray
    leaky_grad: np.ndarray
    alpha: float

    @property
    def active(self) -> np.ndarray:
        """Samples that make the neuron fire (z > 0)."""
        return self.z > 0


def _neuron_network(w: np.ndarray, b: float, activation: str, alpha: float | None) -> MLP:
    network = MLP([2, 1, 1], activation=activation, alpha=alpha, seed=0)
    network.weights[0][:, 0] = w
    network.biases[0][:] = b
    network.weights[1][:] = 1.0
    return network


def _neuron_gradient(network: MLP, X: np.ndarray, y: np.ndarray) -> np.ndarray:
    dW, db = network.gradients(X, y)
    return np.array([dW[0][0, 0], dW[0][1, 0], db[0][0]])


def one_neuron_state(angle: float, b: float, alpha: float = LEAK) -> NeuronState:
    """The neuron with w = (cos angle, sin angle) and bias b on the book's moons (100 samples).

    Dead means: ``count_dead_neurons`` finds its activation zero on every sample.
    Then ReLU's gradient is exactly 0, while Leaky ReLU's is alpha times a non-zero vector.

    Taught in: chapters/03_dying_relu.
    """
    X, y = _neuron_data()
    radians = np.deg2rad(angle)
    w = np.array([np.cos(radians), np.sin(radians)])
    relu_net = _neuron_network(w, b, "relu", None)
    (hidden,) = relu_net.hidden_activations(X)
    dead = count_dead_neurons(hidden) == 1
    relu_grad = _neuron_gradient(relu_net, X, y)
    leaky_grad = _neuron_gradient(_neuron_network(w, b, "leaky_relu", alpha), X, y)
    return NeuronState(w=w, b=b, z=relu_net.zs[0][:, 0], dead=dead, relu_grad=relu_grad,
                       leaky_grad=leaky_grad, alpha=alpha)


CORNER = np.array([2.0, 1.1])  # where the arrow of w starts
T = np.linspace(-4, 4, 2)  # the boundary's two ends, far enough to cross the whole view
POSITIONS = np.arange(3)


class _OneNeuronPlot(InPlacePlot):
    """The samples and the boundary (left), the gradients (right).

    The left axes stay and only their marks move; the right axes change
    their limits with the gradients, so they are animated as a whole.
    """

    rc = STYLE

    def __init__(self, fig: Figure) -> None:
        super().__init__(fig)
        X, _ = _neuron_data()
        self.ax_x, self.ax_g = ax_x, ax_g = fig.subplots(1, 2, width_ratios=[1.1, 1])
        self.silent = ax_x.scatter(*X.T, s=14, color="#bbbbbb", label="z ≤ 0 (output 0)")
        self.firing = ax_x.scatter(*X.T, s=14, color=PALETTE["green"], label="z > 0 (fires)")
        # The boundary w·x + b = 0 (clipped when it lies outside the view) and,
        # in a corner, the direction w in which z grows.
        (self.boundary,) = ax_x.plot(T, T, color=PALETTE["black"], lw=1.2, label="z = 0")
        colour = PALETTE["vermillion"]
        self.arrow = ax_x.annotate("", xy=CORNER, xytext=CORNER, arrowprops={"arrowstyle": "->", "color": colour, "lw": 2})
        self.w_label = ax_x.text(*CORNER, "w", color=colour, ha="center", va="center", fontweight="bold")
        ax_x.set(xlim=(-1.6, 2.6), ylim=(-1.1, 1.6), xlabel="x1", ylabel="x2", aspect="equal")
        legend = ax_x.legend(loc="lower left", frameon=True, framealpha=0.9, edgecolor="none")
        # The legend's frame lets the samples show through: it is drawn after them.
        for artist in (self.silent, self.firing, self.boundary, self.arrow, self.w_label, ax_x.title, legend):
            artist.set_animated(True)

        ax_g.axhline(0.0, color="#777777", lw=0.8)
        self.bars, self.values = [], []
        for name, shift in (("relu", -0.2), ("leaky_relu", 0.2)):
            label = "ReLU" if name == "relu" else f"Leaky ReLU (α = {LEAK})"
            self.bars.append(ax_g.bar(POSITIONS + shift, np.ones(3), 0.4, color=_activation_color(name), label=label))
            self.values.append([ax_g.text(x, 0.0, "", ha="center") for x in POSITIONS + shift])
        ax_g.set(xticks=POSITIONS, xticklabels=["∂L/∂w1", "∂L/∂w2", "∂L/∂b"], xlabel="parameter of the neuron",
                 ylabel="gradient of the mean loss")
        ax_g.legend(loc="upper center", ncols=2, columnspacing=1.0, handlelength=1.2)
        self.note = ax_g.text(0.5, 0.84, "", transform=ax_g.transAxes, ha="center", va="top")
        ax_g.set_animated(True)

    def update(self, angle: int, b: float) -> str:
        X, _ = _neuron_data()
        state = one_neuron_state(angle, b)
        self.silent.set_offsets(X[~state.active])
        self.firing.set_offsets(X[state.active])
        foot = -b * state.w
        self.boundary.set_data(foot[0] - T * state.w[1], foot[1] + T * state.w[0])
        self.arrow.xy = CORNER + 0.4 * state.w
        self.w_label.set_position(CORNER + 0.58 * state.w)
        self.ax_x.set_title(f"w = ({state.w[0]:.2f}, {state.w[1]:.2f}), b = {b}")

        top = max(np.abs(state.relu_grad).max(), np.abs(state.leaky_grad).max())
        for bars, values, grads in zip(self.bars, self.values, (state.relu_grad, state.leaky_grad)):
            for bar, text, value in zip(bars, values, grads):
                bar.set_height(value)
                text.set_y(value)
                text.set_text("0" if value == 0 else f"{value:.2g}")
                text.set_verticalalignment("bottom" if value >= 0 else "top")
        self.ax_g.set_ylim(-1.3 * top, 2.3 * top)
        fired = int(state.active.sum())
        self.note.set_visible(state.dead)
        if state.dead:
            self.ax_g.set_title("DEAD: no sample fires", color=PALETTE["vermillion"], fontweight="bold")
            factor = ", ".join(f"{v:.3g}" for v in state.leaky_grad / state.alpha)
            short = ", ".join(f"{v:.2g}" for v in state.leaky_grad / state.alpha)
            self.note.set_text(f"ReLU: exactly 0\nLeaky ReLU = α × ({short})")
            return (f"DEAD: no sample has z > 0, the ReLU gradient is exactly 0, "
                    f"the Leaky ReLU gradient is α × ({factor})")
        self.ax_g.set_title(f"alive: {fired} of {len(X)} samples fire", color=PALETTE["green"], fontweight="normal")
        return f"alive: {fired} of {len(X)} samples have z > 0, both activations get a gradient"


def one_neuron_explorer() -> Explorer:
    """A single ReLU neuron on the moons data: which samples make it fire?

    Turn the weight direction (angle) and the bias b. When no sample has
    z > 0, the figure says DEAD and shows that ReLU's gradient for w1, w2, b
    is exactly 0, while Leaky ReLU's is alpha times a non-zero vector.

    Taught in: chapters/03_dying_relu.
    """
    return explore(
        _OneNeuronPlot,
        title="One ReLU neuron: alive or dead?",
        figsize=(8.0, 3.4),
        angle=ANGLES,
        b=NEURON_BIASES,
    ).update(b=0.0)
