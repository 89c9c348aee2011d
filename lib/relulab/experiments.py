"""Controlled experiments on dying ReLU units: many seeds, numbers with their spread.

Taught in: chapters/06_dying_relu_lab, which tests every claim of the source
documents with these pieces.

An experiment is a ``Setup`` (data, network, training schedule, seeds) that
``run_seeds`` trains once per seed through ``relulab.train``; ``sweep`` varies
one field of the setup. Every result is reported as mean and spread over the
seeds (``summarize``), in plain-text tables (``format_table``) whose printed
numbers are fixed-format, so re-running a chapter reproduces them exactly.

Two ways of counting units that do not respond are used side by side:

- *dead* (the book's definition, ``relulab.count_dead_neurons``): the
  unit's output is exactly 0 on every sample. A Leaky ReLU unit outputs
  alpha * z, not 0, so it is never dead by this definition;
- *inactive*: the unit's pre-activation is z <= 0 on every sample. For ReLU
  this is the same set of units as *dead*; for Leaky ReLU it counts the units
  stuck on the leak, whose gradient is alpha times smaller. It is the fair
  metric for comparing the two activations.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field, fields, replace
from typing import Any, Callable, Iterable, Iterator, Sequence

import numpy as np

from ._checks import as_float_array, as_matrix, check_choice, check_int, check_real
from .data import DATASETS
from .diagnostics import dead_fraction_per_layer, dead_neuron_rule
from .network import HIDDEN_ACTIVATIONS, MLP
from .training import History, train

METRICS = ("loss", "accuracy", "dead", "inactive", "dead_init", "inactive_init")
"""Per-run quantities a ``SeedRuns`` holds; the last four are per hidden layer."""

SPREADS = ("std", "se")


# --------------------------------------------------------------- statistics
@dataclass(frozen=True)
class Summary:
    """Mean and spread of one quantity over independent runs (seeds).

    ``std`` is the sample standard deviation (ddof = 1), the spread of a single
    run; ``se = std / sqrt(n)`` is the standard error, the uncertainty of the
    mean. Arrays when the quantity has a shape (e.g. one value per layer).
    """

    mean: np.ndarray
    std: np.ndarray
    se: np.ndarray
    n: int

    def __iter__(self) -> Iterator[np.ndarray]:  # ``mean, std, se = summarize(v)`` reads like the formula
        return iter((self.mean, self.std, self.se))

    def format(self, digits: int = 3, spread: str = "std") -> str:
        """"mean ± spread" with ``digits`` decimals, e.g. "0.412 ± 0.031" (scalars only)."""
        check_int(digits, "digits", 0)
        check_choice(spread, "spread", SPREADS)
        if np.ndim(self.mean) != 0:
            raise ValueError("format() needs a scalar summary; index the arrays for one value per layer.")
        value = self.std if spread == "std" else self.se
        return f"{float(self.mean):.{digits}f} ± {float(value):.{digits}f}"


def summarize(values: Any, axis: int = 0) -> Summary:
    """Mean, sample std and standard error of ``values`` along ``axis`` (the runs).

    mean = sum(x_i) / n,  std = sqrt(sum((x_i - mean)^2) / (n - 1)),
    se = std / sqrt(n). Needs n >= 2 runs and refuses NaN and inf: a diverged
    run must be left out (and counted) by the caller, never averaged.
    """
    array = as_float_array(values, "values")
    if array.ndim == 0:
        raise ValueError("values must hold one entry per run (at least 1-D), got a scalar.")
    check_int(axis, "axis", -array.ndim)
    if axis >= array.ndim:
        raise ValueError(f"axis {axis} is out of range for values with {array.ndim} dimension(s).")
    n = array.shape[axis]
    if n < 2:
        raise ValueError(f"a spread needs at least 2 runs along axis {axis}, got {n}.")
    mean = array.mean(axis=axis)
    std = array.std(axis=axis, ddof=1)
    return Summary(mean=mean, std=std, se=std / np.sqrt(n), n=n)


def format_mean_spread(values: Any, digits: int = 3, spread: str = "std", total: int | None = None) -> str:
    """One table cell for the finite runs among ``total``: "0.41 ± 0.03", "0.41 (1 run)" or "-".

    ``values`` are the finite per-run numbers (diverged runs already removed).
    When ``total`` is given and runs are missing, the cell ends with how many
    of the runs are summarized, e.g. "0.41 ± 0.03 (3/5)" or "0.41 (1/5)".
    """
    array = as_float_array(values, "values").ravel()
    check_int(digits, "digits", 0)
    check_choice(spread, "spread", SPREADS)
    n = len(array)
    if total is not None:
        check_int(total, "total", n)
    counted = f"{n}/{total}" if total is not None and n < total else ""
    if n == 0:
        return "-"
    if n == 1:
        return f"{array[0]:.{digits}f} ({counted or '1 run'})"
    return summarize(array).format(digits, spread) + (f" ({counted})" if counted else "")


def format_table(rows: Sequence[Sequence[str | int]], headers: Sequence[str]) -> str:
    """A fixed-width text table: headers, a rule, one line per row.

    Cells are strings (format numbers yourself, e.g. ``f"{x:.3f}"``, so that
    printed results are reproducible digit for digit) or ints. The first
    column is left-aligned, the others right-aligned.
    """
    headers = [str(h) for h in headers]
    if not headers:
        raise ValueError("headers must name at least one column.")
    cells = []
    for i, row in enumerate(rows):
        if isinstance(row, str) or len(row) != len(headers):
            raise ValueError(f"row {i} must have {len(headers)} cells (one per header), got {row!r}.")
        for cell in row:
            if isinstance(cell, bool) or not isinstance(cell, (str, int, np.integer)):
                raise TypeError(
                    f"row {i} holds {cell!r} of type {type(cell).__name__}; cells must be str or int "
                    "(format floats with a fixed number of digits first)."
                )
        cells.append([str(c) for c in row])
    widths = [max(len(r[j]) for r in [headers, *cells]) for j in range(len(headers))]

    def line(row: list[str]) -> str:
        first = row[0].ljust(widths[0])
        rest = [c.rjust(w) for c, w in zip(row[1:], widths[1:])]
        return "  ".join([first, *rest]).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in cells)])


def html_table(rows: Sequence[Sequence[str | int]], headers: Sequence[str]) -> str:
    """The same table as ``format_table``, as an HTML ``<table>`` (text escaped).

    For tables with long text cells, which wrap on a web page; show it with
    ``IPython.display.HTML``.
    """
    format_table(rows, headers)  # the same checks on shape and cell types
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in headers)
    # "mean ± std" never breaks apart on a narrow page; a cell breaks between numbers only.
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(c)).replace(' ± ', '&nbsp;±&nbsp;')}</td>" for c in row)
        + "</tr>" for row in rows
    )
    return f'<table class="table relulab-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


# ------------------------------------------------------------ unit measures
def inactive_units(network: MLP, X: np.ndarray) -> list[np.ndarray]:
    """One boolean mask per hidden layer: True where z <= 0 for every sample of X.

    ``z`` is the input of the activation (after batch normalization, if any).
    For ReLU a unit is inactive exactly when it is dead (output 0 everywhere);
    for Leaky ReLU it is stuck on the leak, with gradient alpha * upstream.
    """
    network.forward(X)
    return [np.all(z <= 0, axis=0) for z in network.zs[:-1]]


def inactive_fraction(network: MLP, X: np.ndarray) -> np.ndarray:
    """Share of each hidden layer's units with z <= 0 on every sample of X.

    The activation-independent twin of ``dead_fraction_per_layer``: equal to it
    for ReLU, and still meaningful for Leaky ReLU, whose units are never dead.
    """
    return np.array([mask.mean() for mask in inactive_units(network, X)])


def overall_fraction(per_layer: Any, widths: Sequence[int]) -> np.ndarray:
    """Share of all hidden units: sum_l f_l * n_l / sum_l n_l, over the last axis.

    ``per_layer`` holds one fraction per hidden layer (last axis), ``widths``
    the number of units n_l of each layer.
    """
    fractions = as_float_array(per_layer, "per_layer")
    weights = as_float_array(widths, "widths")
    if weights.ndim != 1 or fractions.shape[-1:] != weights.shape:
        raise ValueError(
            f"per_layer's last axis ({fractions.shape}) must have one entry per layer width ({weights.shape})."
        )
    return fractions @ weights / weights.sum()


def epochs_to_accuracy(history: History, target: float) -> float:
    """First epoch whose full-set accuracy reaches ``target``; inf if none did.

    Epoch 0 is the untrained network. inf (not NaN) keeps medians meaningful:
    "never" sorts after every finite epoch count.
    """
    target = check_real(target, "target", low=0.0, high=1.0)
    if not history.accuracy:
        raise ValueError("the history has no accuracy (regression output); epochs_to_accuracy needs one.")
    reached = np.flatnonzero(np.asarray(history.accuracy) >= target)
    return float(reached[0]) if reached.size else float("inf")


# ----------------------------------------------------------------- seed runs
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
            [np.inf if d else epochs_to_accuracy(h, target) for h, d in zip(self.histories, self.diverged)]
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


def run_seeds(
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
        raise ValueError("run_seeds sets train's seed to each run's seed; do not pass seed=.")
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
            raise ValueError("run_seeds reports accuracy, so it needs a 'sigmoid' or 'softmax' output.")
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
                history.loss[-1], history.accuracy[-1], history.dead_fraction[-1], inactive_fraction(network, X)
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
        """``run_seeds`` on this setup; extra ``train_kwargs`` (e.g. on_epoch) go to ``train``."""
        X, y = self.dataset()
        return run_seeds(
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


# ---------------------------------------------------------- unit bookkeeping
@dataclass
class UnitFates:
    """Which units of one network were inactive before and after training, and which never moved.

    Lists hold one boolean mask per hidden layer. ``frozen`` is True where a
    unit's incoming weights and bias are bit-identical after training.
    """

    before: list[np.ndarray]
    after: list[np.ndarray]
    frozen: list[np.ndarray]

    @property
    def revived(self) -> list[np.ndarray]:
        """Inactive before training, active (z > 0 on some sample) after."""
        return [b & ~a for b, a in zip(self.before, self.after)]


def unit_fates(initial: MLP, trained: MLP, X: np.ndarray) -> UnitFates:
    """Compare a network before and after training, unit by unit, on the data X.

    ``initial`` is the untrained network (rebuild it from its seed: the same
    seed gives the same weights bit for bit), ``trained`` the same network
    after ``relulab.train``. The gradient argument predicts: a first-layer
    ReLU unit with z <= 0 on every sample gets dW = X.T @ (upstream * 0) = 0
    and db = 0 on every batch, so it stays frozen and dead. A deeper unit's z
    also depends on the layers below it, which keep learning, so it may revive.
    """
    if initial.layer_sizes != trained.layer_sizes:
        raise ValueError(
            f"the two networks differ in shape: {initial.layer_sizes} vs {trained.layer_sizes}; "
            "pass the same network before and after training."
        )
    X = as_matrix(X, "X", initial.layer_sizes[0])
    frozen = [
        np.all(W == W_new, axis=0) & (b == b_new)
        for W, W_new, b, b_new in zip(initial.weights, trained.weights, initial.biases, trained.biases)
    ][: initial.n_hidden]
    return UnitFates(before=inactive_units(initial, X), after=inactive_units(trained, X), frozen=frozen)


def activation_rms(network: MLP, X: np.ndarray) -> np.ndarray:
    """Root mean square of each hidden layer's output on X: sqrt(mean(a^2)).

    He initialization keeps it roughly constant through a ReLU network; with a
    smaller weight scale it shrinks by a constant factor per layer.
    """
    return np.array([np.sqrt(np.mean(a**2)) for a in network.hidden_activations(X)])


# ------------------------------------------------------------ the 10% rule
@dataclass
class SwitchRun:
    """A run under the 10% rule: ``switched_at`` is the epoch of the switch (None: never).

    ``dead_at_switch`` holds the masks of the units dead when the rule fired;
    ``inactive`` (epochs + 1, n_hidden) the inactive fraction after every epoch.
    """

    history: History
    switched_at: int | None
    dead_at_switch: list[np.ndarray] | None
    inactive: np.ndarray
    final_inactive_units: list[np.ndarray] = field(default_factory=list)

    @property
    def revived(self) -> list[np.ndarray] | None:
        """Units dead at the switch that are active (z > 0 somewhere) at the end."""
        if self.dead_at_switch is None or not self.final_inactive_units:
            return None
        return [d & ~f for d, f in zip(self.dead_at_switch, self.final_inactive_units)]


def train_with_switch(
    network: MLP,
    X: np.ndarray,
    y: np.ndarray,
    epochs: int,
    lr: float,
    threshold: float = 0.10,
    switch_to: str = "leaky_relu",
    alpha: float | None = None,
    **train_kwargs: Any,
) -> SwitchRun:
    """Train with the 10% rule: once more than ``threshold`` of units are dead, switch.

    After every epoch ``relulab.dead_neuron_rule(network, X, threshold)`` counts
    dead units over all hidden layers; at the first epoch where the share
    exceeds ``threshold``, the hidden activation becomes ``switch_to`` (default
    Leaky ReLU, slope ``alpha``) with the weights kept, and training goes on.
    A dead unit then gets gradient alpha * upstream instead of 0, so it may
    come back: ``SwitchRun.revived`` says which did.
    """
    X = as_matrix(X, "X", network.layer_sizes[0])
    check_choice(switch_to, "switch_to", HIDDEN_ACTIVATIONS)
    if network.activation != "relu":
        raise ValueError(f"the 10% rule starts from a ReLU network, this one uses {network.activation!r}.")
    state: dict[str, Any] = {"epoch": None, "masks": None}
    inactive = [inactive_fraction(network, X)]

    def monitor(epoch: int, net: MLP, history: History) -> None:
        if state["epoch"] is None and dead_neuron_rule(net, X, threshold).switch:
            state["epoch"], state["masks"] = epoch, inactive_units(net, X)
            net.set_activation(switch_to, alpha)
        inactive.append(inactive_fraction(net, X))

    history = train(network, X, y, epochs, lr, on_epoch=monitor, **train_kwargs)
    final = [] if history.diverged else inactive_units(network, X)
    return SwitchRun(
        history=history,
        switched_at=state["epoch"],
        dead_at_switch=state["masks"],
        inactive=np.array(inactive),
        final_inactive_units=final,
    )
