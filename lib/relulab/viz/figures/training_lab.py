"""The training lab: ReLU and Leaky ReLU trained side by side, loss and dead units (chapter 03).

Taught in: chapters/03_dying_relu.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
from matplotlib.figure import Figure

from ...network import MLP
from ...training import History, train
from ..interactive import Explorer, InPlacePlot, explore
from ..plotting import MIN_FONT_PT, STYLE, _activation_color
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


class _TrainingLabPlot(InPlacePlot):
    """The two losses (left) and each network's dead fraction per layer and epoch (right).

    The loss axes stay and only their lines move; the two maps change their
    height with the depth, so they are animated as whole axes.
    """

    rc = STYLE

    def __init__(self, fig: Figure) -> None:
        super().__init__(fig)
        # Fixed margins: constrained layout would double the time of a first
        # drawing, and they fit every view of the lab.
        fig.set_layout_engine("none")
        self.ax_loss, ax_relu, ax_leaky = fig.subplots(1, 3, width_ratios=[1.2, 1, 1], gridspec_kw={
            "left": 0.09, "right": 0.905, "bottom": 0.16, "top": 0.89, "wspace": 0.4})
        epochs = np.ones(LAB_EPOCHS + 1)
        self.losses, self.diverged, self.maps = {}, {}, {}
        # Where the two losses coincide, the dashed Leaky ReLU curve on top lets
        # the wider solid ReLU curve show through.
        for name, style in (("relu", {"lw": 3.2}), ("leaky_relu", {"ls": "--"})):
            (self.losses[name],) = self.ax_loss.plot(epochs, color=_activation_color(name), label=name, **style)
            self.diverged[name] = self.ax_loss.axvline(0, color=_activation_color(name), ls=":", lw=1)
        self.ax_loss.set(xlabel="epoch", ylabel="training loss (BCE)", yscale="log", ylim=(1e-3, 3))
        legend = self.ax_loss.legend(loc="lower left")
        for artist in (*self.losses.values(), *self.diverged.values(), legend, self.ax_loss.title):
            artist.set_animated(True)
        for ax, name in ((ax_relu, "relu"), (ax_leaky, "leaky_relu")):
            self.maps[name] = ax.imshow(np.zeros((1, LAB_EPOCHS + 1)), aspect="auto", origin="lower", vmin=0,
                                        vmax=1, cmap="Reds", interpolation="nearest")
            ax.set(xlabel="epoch", ylabel="hidden layer")
            ax.grid(False)
            ax.set_animated(True)
        fig.colorbar(self.maps["leaky_relu"], cax=fig.add_axes((0.92, 0.16, 0.012, 0.73)), label="dead fraction")

    def update(self, lr: float, bias: float, depth: int) -> str:
        runs = dict(zip(("relu", "leaky_relu"), training_lab_runs(lr, bias, depth)))
        summary = []
        for name, run in runs.items():
            self.losses[name].set_ydata(run.loss)
            self.diverged[name].set_visible(bool(run.diverged))
            if run.diverged:
                self.diverged[name].set_xdata([run.diverged_at] * 2)
            dead = run.dead_fractions().T  # layers x epochs
            image = self.maps[name]
            image.set_data(dead)
            image.set_extent((-0.5, dead.shape[1] - 0.5, 0.5, depth + 0.5))
            image.axes.set_yticks(range(1, depth + 1))
            final = float(dead[:, -1].mean())
            image.axes.set_title(f"{name}: dead {final:.0%} at the end", fontsize=MIN_FONT_PT)
            summary.append(f"{name} ends with loss {run.loss[-1]:.3g} and {final:.0%} dead units")
        self.ax_loss.set_title(f"lr = {lr}, bias = {bias}")
        return "; ".join(summary)


def training_lab_explorer() -> Explorer:
    """Train ReLU and Leaky ReLU side by side: loss and dead fraction per layer over epochs.

    Choose the learning rate, the initial hidden bias and the depth; both
    networks start from the same seed. The frames come from real
    ``relulab.training.train`` runs (computed when a view is first shown).

    Taught in: chapters/03_dying_relu.
    """
    return explore(
        _TrainingLabPlot,
        title="Training lab: ReLU vs Leaky ReLU",
        figsize=(9.0, 3.2),
        lr=LAB_LRS,
        bias=LAB_BIASES,
        depth=LAB_DEPTHS,
    )
