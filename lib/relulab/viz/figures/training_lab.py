"""The training lab: ReLU and Leaky ReLU trained side by side, loss and dead units (chapter 03).

Taught in: chapters/03_dying_relu.
"""
from __future__ import annotations

from functools import lru_cache

from matplotlib.figure import Figure

from ...network import MLP
from ...training import History, train
from ..interactive import Explorer, explore
from ..plotting import MIN_FONT_PT, _activation_color, use_style
from .shared import LEAK, _lab_data

LAB_LRS = [0.05, 0.2, 0.5, 1.0]
LAB_BIASES = [0.0, -0.5, -1.0]
LAB_DEPTHS = [2, 4, 6]
LAB_WIDTH = 16
LAB_EPOCHS = 40
LAB_BATCH = 40


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
