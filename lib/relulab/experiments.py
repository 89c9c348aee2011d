"""Controlled experiments on dying ReLU units: one setup trained over many seeds, and sweeps.

Taught in: chapters/06_dying_relu_lab, which tests every claim of the source
documents with these pieces.

An experiment is a ``Setup`` (data, network, training schedule, seeds) that
``Setup.run`` trains once per seed through ``relulab.train``; ``sweep`` varies
one field of the setup. Every result is reported as mean and spread over the
seeds (``relulab.stats``).
"""
from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any, Callable, Iterable, Sequence

import numpy as np

from ._checks import as_matrix, check_choice, check_int, check_real
from .data import DATASETS
from .diagnostics import dead_fraction_per_layer, inactive_fraction, overall_fraction
from .network import HIDDEN_ACTIVATIONS, MLP
from .stats import Summary, format_mean_spread, summarize
from .training import History, train

METRICS = ("loss", "accuracy", "dead", "inactive", "dead_init", "inactive_init")
"""Per-run quantities a ``SeedRuns`` holds; the last four are per hidden layer."""


@dataclass
class SeedRuns:
    """One configuration trained once per seed: the per-run numbers, aligned with ``seeds``.

    Arrays have the runs on axis 0; per-layer metrics have shape
    (n_runs, n_hidden). A diverged run has no finite network to measure, so
    its final ``loss``, ``accuracy``, ``dead`` and ``inactive`` entries are NaN
    by design and ``diverged`` says which runs they are. ``summary`` and
    ``cell`` leave those runs out and say so; never average the raw arrays.
    """

    seeds: tuple[int, ...]
    widths: tuple[int, ...]
    histories: list[History]
    networks: list[MLP]
    diverged: np.ndarray
    loss: np.ndarray
    accuracy: np.ndarray
    dead: np.ndarray
    inactive: np.ndarray
    dead_init: np.ndarray
    inactive_init: np.ndarray

    @property
    def n_runs(self) -> int:
        return len(self.seeds)

    @property
    def n_diverged(self) -> int:
        return int(self.diverged.sum())

    def values(self, metric: str, layer: int | None = None) -> np.ndarray:
        """The finite runs' values of ``metric``: one layer, or (layer=None) all hidden units together."""
        check_choice(metric, "metric", METRICS)
        data = getattr(self, metric)
        if not metric.endswith("_init"):
            data = data[~self.diverged]
        if data.ndim == 2:
            if layer is None:
                return overall_fraction(data, self.widths)
            check_int(layer, "layer", -len(self.widths))
            if layer >= len(self.widths):
                raise ValueError(f"layer must be < {len(self.widths)} (hidden layers), got {layer}.")
            return data[:, layer]
        if layer is not None:
            raise ValueError(f"metric {metric!r} has no layers; call values({metric!r}) without layer.")
        return data

    def summary(self, metric: str, layer: int | None = None) -> Summary:
        """Mean, std and se of ``metric`` over the runs that did not diverge (see ``summarize``)."""
        return summarize(self.values(metric, layer))

    def cell(self, metric: str, layer: int | None = None, digits: int = 3, spread: str = "std") -> str:
        """A table cell "mean ± spread", noting diverged runs, e.g. "0.41 ± 0.03 (3/5)"."""
        finite = self.values(metric, layer)
        total = self.n_runs if not metric.endswith("_init") else None
        return format_mean_spread(finite, digits, spread, total)

    def epochs_to_accuracy(self, target: float) -> np.ndarray:
        """Per run, the first epoch with accuracy >= target (inf: never, or diverged first)."""
        return np.array(
            [np.inf if d else h.epochs_to_accuracy(target) for h, d in zip(self.histories, self.diverged)]
        )


def _check_seeds(seeds: Iterable[int]) -> tuple[int, ...]:
    if isinstance(seeds, (str, bytes)):
        raise TypeError(f"seeds must be a sequence of ints, got {seeds!r}.")
    seeds = tuple(check_int(s, "seed", 0) for s in seeds)
    if len(seeds) < 2:
        raise ValueError(f"give at least 2 seeds so that a spread can be measured, got {len(seeds)}.")
    if len(set(seeds)) != len(seeds):
        raise ValueError(f"seeds must be distinct (a repeated seed repeats the same run), got {seeds}.")
    return seeds


def _run_seeds(
    build_network: Callable[[int], MLP],
    X: np.ndarray,
    y: np.ndarray,
    seeds: Iterable[int],
    **train_kwargs: Any,
) -> SeedRuns:
    """Build a network per seed, measure it, train it with ``relulab.train``, measure again.

    ``build_network(seed)`` returns a fresh MLP; the same seed also drives the
    shuffling of ``train`` (``seed=seed``), so a run is repeatable bit for bit.
    ``train_kwargs`` go to ``train`` (epochs, lr, batch_size, on_epoch).
    Recorded per run: dead and inactive fraction per layer at initialization
    and after training, final loss and accuracy, divergence.
    """
    seeds = _check_seeds(seeds)
    if "seed" in train_kwargs:
        raise ValueError("each run trains with its own seed (train's seed=); do not pass seed=.")
    X = as_matrix(X, "X")
    histories, networks, diverged, rows = [], [], [], []
    widths: tuple[int, ...] | None = None
    for seed in seeds:
        network = build_network(seed)
        if not isinstance(network, MLP):
            raise TypeError(f"build_network must return a relulab.MLP, got {type(network).__name__}.")
        if network.n_hidden < 1:
            raise ValueError("the network needs at least one hidden layer to count dead units in.")
        if network.output == "identity":
            raise ValueError("a run over seeds reports accuracy, so it needs a 'sigmoid' or 'softmax' output.")
        widths = widths or tuple(network.layer_sizes[1:-1])
        if tuple(network.layer_sizes[1:-1]) != widths:
            raise ValueError(
                f"build_network gave hidden layers {network.layer_sizes[1:-1]} for seed {seed} but "
                f"{list(widths)} before; every seed must build the same architecture."
            )
        at_init = (dead_fraction_per_layer(network, X), inactive_fraction(network, X))
        history = train(network, X, y, seed=seed, **train_kwargs)
        if history.diverged:
            nan_layers = np.full(len(widths), np.nan)
            final = (np.nan, np.nan, nan_layers, nan_layers)
        else:
            final = (
                history.loss[-1], history.accuracy[-1], history.dead_fractions()[-1], inactive_fraction(network, X)
            )
        rows.append((*final, *at_init))
        histories.append(history)
        networks.append(network)
        diverged.append(history.diverged)
    loss, accuracy, dead, inactive, dead_init, inactive_init = (np.array(column) for column in zip(*rows))
    return SeedRuns(
        seeds=seeds,
        widths=widths,
        histories=histories,
        networks=networks,
        diverged=np.array(diverged),
        loss=loss,
        accuracy=accuracy,
        dead=dead,
        inactive=inactive,
        dead_init=dead_init,
        inactive_init=inactive_init,
    )


# -------------------------------------------------------------------- setups
@dataclass(frozen=True)
class Setup:
    """Everything one experiment fixes: data, network, training schedule, seeds.

    ``describe()`` prints it as the setup line shown next to each result;
    ``run()`` trains it once per seed; ``replace(lr=0.1)`` gives a variant.
    ``shift`` is added to every input coordinate (to move the data away from
    the origin); ``batch_size=None`` trains full-batch (one step per epoch).
    """

    layer_sizes: tuple[int, ...] = (2, 32, 32, 32, 1)
    activation: str = "relu"
    init: str = "he_normal"
    init_std: float | None = None
    bias: float = 0.0
    alpha: float | None = None
    batchnorm: bool = False
    data: str = "moons"
    n_samples: int = 200
    noise: float = 0.1
    data_seed: int = 0
    shift: float = 0.0
    lr: float = 0.1
    epochs: int = 100
    batch_size: int | None = None
    seeds: tuple[int, ...] = (0, 1, 2, 3, 4)

    def __post_init__(self) -> None:
        object.__setattr__(self, "layer_sizes", tuple(self.layer_sizes))
        object.__setattr__(self, "seeds", _check_seeds(self.seeds))
        check_choice(self.activation, "activation", HIDDEN_ACTIVATIONS)
        check_choice(self.data, "data", tuple(DATASETS))
        check_real(self.lr, "lr", low=0.0, low_inclusive=False)
        check_int(self.epochs, "epochs", 1)
        check_real(self.shift, "shift")
        check_int(self.n_samples, "n_samples", 2)
        check_real(self.noise, "noise", low=0.0)
        check_int(self.data_seed, "data_seed", 0)
        if self.batch_size is not None:
            check_int(self.batch_size, "batch_size", 1)
        self.network(self.seeds[0])  # let MLP refuse bad sizes, init or bias now

    def replace(self, **changes: Any) -> Setup:
        """A copy with some fields changed (unknown field names are refused)."""
        names = {f.name for f in fields(self)}
        unknown = sorted(set(changes) - names)
        if unknown:
            raise ValueError(f"Setup has no field(s) {unknown}; fields: {', '.join(sorted(names))}.")
        return replace(self, **changes)

    def dataset(self) -> tuple[np.ndarray, np.ndarray]:
        """(X, y) from ``relulab.data``, with ``shift`` added to X."""
        X, y = DATASETS[self.data](self.n_samples, self.noise, self.data_seed)
        return X + self.shift, y

    def network(self, seed: int) -> MLP:
        """A fresh MLP of this setup drawn with ``seed``."""
        return MLP(
            list(self.layer_sizes),
            activation=self.activation,
            init=self.init,
            bias=self.bias,
            seed=seed,
            alpha=self.alpha,
            batchnorm=self.batchnorm,
            init_std=self.init_std,
        )

    def run(self, **train_kwargs: Any) -> SeedRuns:
        """Train once per seed (see ``_run_seeds``); extra ``train_kwargs`` (e.g. on_epoch) go to ``train``."""
        X, y = self.dataset()
        return _run_seeds(
            self.network, X, y, self.seeds,
            epochs=self.epochs, lr=self.lr, batch_size=self.batch_size, **train_kwargs,
        )

    def describe(self, **swept: Any) -> str:
        """The setup line: data, network, schedule and seeds in one sentence.

        A field named in ``swept`` is shown as the values it takes instead of
        its own value: ``describe(lr=(0.1, 1.0))`` prints "lr in {0.1, 1}";
        a string is printed as given, e.g. ``describe(layer_sizes="[2, w x d, 1]")``.
        """
        names = {f.name for f in fields(self)}
        unknown = sorted(set(swept) - names)
        if unknown:
            raise ValueError(f"Setup has no field(s) {unknown}; fields: {', '.join(sorted(names))}.")

        def show(name: str, text: str) -> str:
            if name not in swept:
                return text
            values = swept[name]
            if isinstance(values, str):
                return values
            return f"{name} in {{{', '.join(_short(v) for v in values)}}}"

        init = self.init if self.init_std is None else f"{self.init}(std={self.init_std:g})"
        extras = [show("bias", f"bias {self.bias:g}")] if self.bias or "bias" in swept else []
        extras += [show("alpha", f"alpha {self.alpha:g}")] if self.alpha is not None or "alpha" in swept else []
        extras += ["batchnorm"] if self.batchnorm else []
        shift = f", inputs shifted by {self.shift:+g}" if self.shift else ""
        shift = f", {show('shift', '')}" if "shift" in swept else shift
        batch = "full batch" if self.batch_size is None else f"batch {self.batch_size}"
        lo, hi = min(self.seeds), max(self.seeds)
        seeds = f"seeds {lo}-{hi}" if hi - lo + 1 == len(self.seeds) else f"seeds {list(self.seeds)}"
        seeds = show("seeds", f"{seeds} (spread: std over {len(self.seeds)} seeds)")
        network = ", ".join(
            [show("activation", self.activation), show("init", init), *extras]
        )
        return (
            f"Setup: {self.data}(n={self.n_samples}, noise={self.noise:g}, seed={self.data_seed}){shift}; "
            f"MLP {show('layer_sizes', str(list(self.layer_sizes)))}, {network}; "
            f"{show('batch_size', batch)}, {show('lr', f'lr {self.lr:g}')}, "
            f"{show('epochs', f'{self.epochs} epochs')}; {seeds}"
        )


def _short(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def sweep(setup: Setup, name: str, values: Sequence[Any], **train_kwargs: Any) -> list[SeedRuns]:
    """``setup.replace(name=value).run()`` for each value: one SeedRuns per value."""
    if not any(f.name == name for f in fields(setup)):
        raise ValueError(f"Setup has no field {name!r}; fields: {', '.join(f.name for f in fields(setup))}.")
    if isinstance(values, (str, bytes)) or len(values) == 0:
        raise ValueError(f"values must be a non-empty sequence of settings for {name!r}, got {values!r}.")
    return [setup.replace(**{name: value}).run(**train_kwargs) for value in values]
