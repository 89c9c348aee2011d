"""The book's interactive figures: each function returns an ``Explorer``.

A chapter shows one with a single line, e.g. ``activation_explorer()``. It is
live in Jupyter/Binder and works on the website without a kernel (see
``relulab.viz.interactive``). Every number drawn comes from relulab itself.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from matplotlib.figure import Figure
from matplotlib.transforms import blended_transform_factory

from ..activations import DEFAULT_ALPHA, get_activation, relu
from ..data import make_moons
from ..diagnostics import count_dead_neurons, gradient_norms
from .interactive import Explorer, explore
from ..network import MLP
from .plotting import DEAD_ZONE_COLOR, MIN_FONT_PT, PALETTE, _activation_color, use_style
from ..signal import signal_through_depth
from ..training import History, train

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

LEAK = 0.01  # the book's default Leaky ReLU slope, used wherever a figure compares the two


# -- 1. activation functions (chapters 01 and 02) ------------------------------
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


# -- 2. one neuron (chapter 03) ---------------------------------------------------
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


def _plot_one_neuron(fig: Figure, angle: int, b: float) -> str:
    use_style()
    X, y = _neuron_data()
    state = one_neuron_state(angle, b)
    ax_x, ax_g = fig.subplots(1, 2, width_ratios=[1.1, 1])

    ax_x.scatter(*X[~state.active].T, s=14, color="#bbbbbb", label="z ≤ 0 (output 0)")
    ax_x.scatter(*X[state.active].T, s=14, color=PALETTE["green"], label="z > 0 (fires)")
    # The boundary w·x + b = 0 (clipped when it lies outside the view) and,
    # in a corner, the direction w in which z grows.
    t = np.linspace(-4, 4, 2)
    foot = -b * state.w
    ax_x.plot(foot[0] - t * state.w[1], foot[1] + t * state.w[0], color=PALETTE["black"], lw=1.2,
              label="z = 0")
    corner, colour = np.array([2.0, 1.1]), PALETTE["vermillion"]
    ax_x.annotate("", xy=corner + 0.4 * state.w, xytext=corner,
                  arrowprops={"arrowstyle": "->", "color": colour, "lw": 2})
    ax_x.text(*(corner + 0.58 * state.w), "w", color=colour, ha="center", va="center", fontweight="bold")
    ax_x.set(xlim=(-1.6, 2.6), ylim=(-1.1, 1.6), xlabel="x1", ylabel="x2", aspect="equal")
    ax_x.set_title(f"w = ({state.w[0]:.2f}, {state.w[1]:.2f}), b = {b}")
    ax_x.legend(loc="lower left", frameon=True, framealpha=0.9, edgecolor="none")

    labels = ["∂L/∂w1", "∂L/∂w2", "∂L/∂b"]
    positions = np.arange(3)
    ax_g.axhline(0.0, color="#777777", lw=0.8)
    top = max(np.abs(state.relu_grad).max(), np.abs(state.leaky_grad).max())
    for name, shift, grads in (("relu", -0.2, state.relu_grad), ("leaky_relu", 0.2, state.leaky_grad)):
        label = "ReLU" if name == "relu" else f"Leaky ReLU (α = {state.alpha})"
        ax_g.bar(positions + shift, grads, 0.4, color=_activation_color(name), label=label)
        for x, value in zip(positions + shift, grads):
            ax_g.text(x, value, "0" if value == 0 else f"{value:.2g}", ha="center",
                      va="bottom" if value >= 0 else "top")
    ax_g.set(xticks=positions, xticklabels=labels, xlabel="parameter of the neuron",
             ylabel="gradient of the mean loss",
             ylim=(-1.3 * top, 2.3 * top))
    ax_g.legend(loc="upper center", ncols=2, columnspacing=1.0, handlelength=1.2)
    fired = int(state.active.sum())
    if state.dead:
        ax_g.set_title("DEAD: no sample fires", color=PALETTE["vermillion"], fontweight="bold")
        factor = ", ".join(f"{v:.3g}" for v in state.leaky_grad / state.alpha)
        short = ", ".join(f"{v:.2g}" for v in state.leaky_grad / state.alpha)
        ax_g.text(0.5, 0.84, f"ReLU: exactly 0\nLeaky ReLU = α × ({short})", transform=ax_g.transAxes,
                  ha="center", va="top")
        return (f"DEAD: no sample has z > 0, the ReLU gradient is exactly 0, "
                f"the Leaky ReLU gradient is α × ({factor})")
    ax_g.set_title(f"alive: {fired} of {len(X)} samples fire", color=PALETTE["green"])
    return f"alive: {fired} of {len(X)} samples have z > 0, both activations get a gradient"


def one_neuron_explorer() -> Explorer:
    """A single ReLU neuron on the moons data: which samples make it fire?

    Turn the weight direction (angle) and the bias b. When no sample has
    z > 0, the figure says DEAD and shows that ReLU's gradient for w1, w2, b
    is exactly 0, while Leaky ReLU's is alpha times a non-zero vector.

    Taught in: chapters/03_dying_relu.
    """
    return explore(
        _plot_one_neuron,
        title="One ReLU neuron: alive or dead?",
        figsize=(8.0, 3.4),
        angle=ANGLES,
        b=NEURON_BIASES,
    ).update(b=0.0)


# -- 3. training lab (chapter 03) ----------------------------------------------------
LAB_LRS = [0.05, 0.2, 0.5, 1.0]
LAB_BIASES = [0.0, -0.5, -1.0]
LAB_DEPTHS = [2, 4, 6]
LAB_WIDTH = 16
LAB_EPOCHS = 40
LAB_BATCH = 40


@lru_cache(maxsize=1)
def _lab_data() -> tuple[np.ndarray, np.ndarray]:
    return make_moons(n=200, noise=0.1, seed=0)


@lru_cache(maxsize=64)
def training_lab_runs(lr: float, bias: float, depth: int) -> tuple[History, History]:
    """(ReLU history, Leaky ReLU history): same data, seed and start, only the activation differs.

    Network: 2 -> depth x 16 -> 1, hidden biases start at ``bias``; 40 epochs
    of SGD with batches of 40 on 200 moons samples.

    Taught in: chapters/03_dying_relu.
    """
    X, y = _lab_data()
    runs = []
    for activation in ("relu", "leaky_relu"):
        network = MLP([2] + [LAB_WIDTH] * depth + [1], activation=activation, bias=bias, seed=0,
                      alpha=LEAK if activation == "leaky_relu" else None)
        runs.append(train(network, X, y, epochs=LAB_EPOCHS, lr=lr, batch_size=LAB_BATCH, seed=0))
    return runs[0], runs[1]


def _plot_training_lab(fig: Figure, lr: float, bias: float, depth: int) -> str:
    use_style()
    relu_run, leaky_run = training_lab_runs(lr, bias, depth)
    # Fixed margins: constrained layout would double the redraw time of this
    # figure, and the live lab must answer a slider within about 300 ms.
    fig.set_layout_engine("none")
    ax_loss, ax_relu, ax_leaky = fig.subplots(1, 3, width_ratios=[1.2, 1, 1], gridspec_kw={
        "left": 0.09, "right": 0.905, "bottom": 0.16, "top": 0.89, "wspace": 0.4})
    # Where the two losses coincide, the dashed Leaky ReLU curve on top lets
    # the wider solid ReLU curve show through.
    for name, run, style in (("relu", relu_run, {"lw": 3.2}), ("leaky_relu", leaky_run, {"ls": "--"})):
        ax_loss.plot(run.loss, color=_activation_color(name), label=name, **style)
        if run.diverged:
            ax_loss.axvline(run.diverged_at, color=_activation_color(name), ls=":", lw=1)
    ax_loss.set(xlabel="epoch", ylabel="training loss (BCE)", yscale="log", ylim=(1e-3, 3))
    ax_loss.legend(loc="lower left")
    ax_loss.set_title(f"lr = {lr}, bias = {bias}")
    summary = []
    for ax, name, run in ((ax_relu, "relu", relu_run), (ax_leaky, "leaky_relu", leaky_run)):
        dead = run.dead_fractions().T  # layers x epochs
        image = ax.imshow(dead, aspect="auto", origin="lower", vmin=0, vmax=1, cmap="Reds",
                          extent=(-0.5, dead.shape[1] - 0.5, 0.5, depth + 0.5), interpolation="nearest")
        ax.set(xlabel="epoch", ylabel="hidden layer", yticks=range(1, depth + 1))
        ax.grid(False)
        final = float(dead[:, -1].mean())
        ax.set_title(f"{name}: dead {final:.0%} at the end", fontsize=MIN_FONT_PT)
        summary.append(f"{name} ends with loss {run.loss[-1]:.3g} and {final:.0%} dead units")
    fig.colorbar(image, cax=fig.add_axes((0.92, 0.16, 0.012, 0.73)), label="dead fraction")
    return "; ".join(summary)


def training_lab_explorer() -> Explorer:
    """Train ReLU and Leaky ReLU side by side: loss and dead fraction per layer over epochs.

    Choose the learning rate, the initial hidden bias and the depth; both
    networks start from the same seed. The frames come from real
    ``relulab.training.train`` runs (computed when a view is first shown).

    Taught in: chapters/03_dying_relu.
    """
    return explore(
        _plot_training_lab,
        title="Training lab: ReLU vs Leaky ReLU",
        figsize=(9.0, 3.2),
        lr=LAB_LRS,
        bias=LAB_BIASES,
        depth=LAB_DEPTHS,
    )


# -- 4. signal through depth (chapter 04) ------------------------------------------------
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


def _plot_signal_depth(fig: Figure, init: str, activation: str) -> str:
    use_style()
    ax = fig.subplots()
    layers = np.arange(1, SIGNAL_DEPTH + 1)
    for other in SIGNAL_INITS:
        if other != init:
            ax.plot(layers, signal_depth_stds(other, activation), color="#bbbbbb", lw=1.2)
            ax.annotate(other, (layers[-1], signal_depth_stds(other, activation)[-1]), fontsize=MIN_FONT_PT,
                        color="#777777", xytext=(3, 0), textcoords="offset points", va="center")
    stds = signal_depth_stds(init, activation)
    ax.plot(layers, stds, "o-", ms=3, color=_activation_color(activation), label=f"{init} + {activation}")
    ax.axhline(1.0, color="#777777", ls="--", lw=0.8, label="input std = 1")
    ax.set(yscale="log", ylim=(1e-40, 1e3), xlim=(0.5, SIGNAL_DEPTH + 6), xlabel="hidden layer",
           ylabel="std of activations (log)")
    ax.set_title(f"{init} + {activation}: std {stds[0]:.2g} at layer 1, {stds[-1]:.2g} at layer 30")
    ax.legend(loc="lower left")
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
        _plot_signal_depth,
        title="Signal through depth: std of activations per layer",
        figsize=(8.0, 3.4),
        init=list(SIGNAL_INITS),
        activation=SIGNAL_ACTIVATIONS,
    )


# -- 5. gradient flow (chapter 05) ------------------------------------------------------
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


def _plot_gradient_flow(fig: Figure, bias: float, depth: int) -> str:
    use_style()
    ax = fig.subplots()
    layers = np.arange(1, depth + 2)
    at_bottom = blended_transform_factory(ax.transData, ax.transAxes)
    summary = []
    for name, offset in (("relu", -0.12), ("leaky_relu", 0.12)):
        norms = gradient_flow_norms(bias, depth, name)
        colour = _activation_color(name)
        zero = norms == 0
        ax.plot(layers[~zero], norms[~zero], "o-", ms=4, color=colour, label=name)
        if zero.any():
            ax.plot(layers[zero] + offset, np.full(zero.sum(), 0.04), "x", ms=7, mew=2, color=colour,
                    transform=at_bottom, clip_on=False, label=f"{name}: exactly 0")
        summary.append(f"{name}: {int(zero.sum())} of {len(norms)} layers get exactly zero gradient")
    ax.set(yscale="log", xlabel="layer (last = output layer)", ylabel="‖dW‖ at initialization (log)",
           xlim=(0.3, depth + 1.7))
    ax.set_title(f"bias = {bias}, depth = {depth}: " + "; ".join(s.split(": ")[1] for s in summary[:1])
                 + " with ReLU")
    ax.legend(loc="best")
    return "; ".join(summary)


def gradient_flow_explorer() -> Explorer:
    """Gradient norm per layer at initialization, ReLU vs Leaky ReLU (log scale).

    Choose the initial hidden bias and the depth. Crosses on the bottom edge
    mark layers whose gradient is exactly zero: it happens with ReLU only.

    Taught in: chapters/05_backward_propagation.
    """
    return explore(
        _plot_gradient_flow,
        title="Gradient flow: ReLU vs Leaky ReLU",
        figsize=(8.0, 3.4),
        bias=FLOW_BIASES,
        depth=FLOW_DEPTHS,
    )


# Every figure of the book, in chapter order (tests and bench/interactive.py walk it).
EXPLORERS = (
    activation_explorer,
    one_neuron_explorer,
    training_lab_explorer,
    signal_depth_explorer,
    gradient_flow_explorer,
)
