"""Born dead: deep, narrow ReLU networks that are constant from the start.

Taught in: chapters/07_born_dead.

Lu, Shin, Su and Karniadakis (2019, arXiv:1903.06733) prove that a deep ReLU
network with symmetric random initialization is, with a probability that
tends to 1 as the depth grows, *born dead*: some hidden layer outputs zero for
every input, so the network is a constant function before training starts.
This module measures that probability for many networks at once (every array
carries a leading axis of independent trials; only the layers are looped
over), gives the exact formula for the one-point version, implements the
paper's remedy (randomized asymmetric initialization, RAI), trains many small
networks on f(x) = |x| in one batched computation, and follows the signal's
second moment through depth (He et al., 2015).

Every network here has one input, ``hidden_layers`` hidden layers of
``width`` units and one linear output unit; a stack of T networks stores
layer l as ``W`` of shape (T, n_in, n_out) and ``b`` of shape (T, n_out).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator, Sequence

import numpy as np

from ._checks import as_float_array, check_choice, check_int, check_real
from .initializers import Layer, randomized_asymmetric_layer

DOMAIN_HALF_WIDTH = float(np.sqrt(7.0))
"""The paper's input domain is [-sqrt(7), sqrt(7)]."""

BIAS_CHOICES = ("zero", "normal")
WHERE_CHOICES = ("domain", "point")
INIT_CHOICES = ("he_normal", "rai")
TRAIN_ACTIVATIONS = ("relu", "leaky_relu")
VARIANCE_INITS = ("he_normal", "xavier_normal")

COLLAPSE_TOLERANCE = 1e-3
"""A trained network counts as collapsed when the spread (max - min) of its
output over the domain is below this fraction of the target's spread."""


# --------------------------------------------------------------- the formula
def point_death_probability_exact(width: int, hidden_layers: int) -> float:
    """P(some hidden layer is entirely zero at one fixed input x != 0).

    With weights drawn from any continuous symmetric distribution and zero
    biases, each unit of a layer whose input vector a is not zero computes
    z_j = sum_i W_ij a_i: the columns of W are independent and z_j is
    symmetric and continuous, so the units are off (z_j <= 0) independently,
    each with probability 1/2. The first layer sees the single input x != 0
    itself. A layer is therefore all zero with probability 2**-width, whatever
    came before, and a zero layer stays zero (the next one computes W.T @ 0 = 0).
    Survival through L layers has probability (1 - 2**-width)**L, hence

        P = 1 - (1 - 2**-width) ** hidden_layers.

    The same formula holds with symmetric random biases (b_j ~ N(0, s^2)):
    then z_j is symmetric and continuous even when a = 0, so every layer,
    dead predecessor or not, is all zero with probability 2**-width
    independently, and "some layer is zero" again has probability P.
    """
    width = check_int(width, "width", 1)
    hidden_layers = check_int(hidden_layers, "hidden_layers", 1)
    return float(-np.expm1(hidden_layers * np.log1p(-(2.0 ** -width))))


def _resolve_bias(bias: str | None, init: str) -> str:
    """The bias rule of an initialization: "zero", "normal" or "rai" (RAI's own draw)."""
    check_choice(init, "init", INIT_CHOICES)
    if init == "rai":
        if bias is not None:
            raise ValueError(
                f"init='rai' draws each bias together with its weights; leave bias=None (got {bias!r})."
            )
        return "rai"
    return "zero" if bias is None else check_choice(bias, "bias", BIAS_CHOICES)


def sample_hidden_layers(
    width: int,
    hidden_layers: int,
    trials: int,
    rng: np.random.Generator,
    bias: str | None = None,
    init: str = "he_normal",
) -> Iterator[Layer]:
    """Draw the hidden layers of ``trials`` one-input networks, one layer at a time.

    Yields ``(W, b)`` with W of shape (trials, n_in, width), where n_in = 1 for
    the first layer and ``width`` after it.

    - ``init="he_normal"``: W ~ N(0, 2 / n_in); ``bias="zero"`` (the default,
      ``None``) gives b = 0 and ``bias="normal"`` draws b ~ N(0, 2 / n_in) too.
    - ``init="rai"``: W and b from :func:`randomized_asymmetric_layer`
      (``bias`` must stay ``None``: RAI draws its own biases).

    Layers are drawn lazily, so 20,000 deep networks never sit in memory at
    once; the draws are the same whatever the consumer does with them.
    """
    width = check_int(width, "width", 1)
    hidden_layers = check_int(hidden_layers, "hidden_layers", 1)
    trials = check_int(trials, "trials", 1)
    rule = _resolve_bias(bias, init)
    return _hidden_layers(width, hidden_layers, trials, rng, rule)


def _hidden_layers(
    width: int, hidden_layers: int, trials: int, rng: np.random.Generator, rule: str
) -> Iterator[Layer]:
    n_in = 1
    for _ in range(hidden_layers):
        if rule == "rai":
            yield randomized_asymmetric_layer(n_in, width, rng, trials=trials)
        else:
            std = np.sqrt(2.0 / n_in)
            W = rng.standard_normal((trials, n_in, width)) * std
            if rule == "normal":
                b = rng.standard_normal((trials, width)) * std
            else:
                b = np.zeros((trials, width))
            yield W, b
        n_in = width


# ------------------------------------------------------- is a network dead?
def death_depth_at_points(layers: Iterable[Layer], points: Sequence[float]) -> np.ndarray:
    """Depth (1, 2, ...) of the first ReLU hidden layer that is entirely zero at each input.

    Returns a float array (trials, n_points), ``inf`` where no layer is all
    zero; "some layer among the first L is zero at x" is ``depth <= L``.
    """
    a = np.asarray(points, dtype=np.float64).reshape(1, -1, 1)
    depth: np.ndarray | None = None
    for layer, (W, b) in enumerate(layers, start=1):
        a = np.maximum(a @ W + b[:, None, :], 0.0)
        if depth is None:
            depth = np.full(a.shape[:2], np.inf)
        depth[np.isinf(depth) & ~a.any(axis=2)] = layer
    if depth is None:
        raise ValueError("layers is empty: a network needs at least one hidden layer.")
    return depth


def death_depth_on_interval(layers: Iterable[Layer], lo: float, hi: float) -> np.ndarray:
    """Depth of the first ReLU hidden layer that is zero for *every* x in [lo, hi]. Exact.

    Returns a float array (trials,), ``inf`` for networks with no such layer.

    A one-input ReLU network is piecewise linear in x. We follow, layer by
    layer, a sorted list of points of [lo, hi] between which the layer's
    output a_l(x) is linear (at the start: lo and hi). The next
    pre-activation z = a_l W + b is then linear between neighbouring points
    too, so a unit can only switch on or off where z changes sign inside an
    interval, at the fraction theta = z_i / (z_i - z_{i+1}) of the way; those
    points are inserted (with z found by the same linear interpolation and
    the switching unit set to exactly 0). After the ReLU the output is again
    linear between neighbours, so the layer is zero on all of [lo, hi]
    exactly when it is zero at every listed point. Runs of identical
    neighbours are constant stretches and keep only their two ends, which
    keeps the lists short. A network is dropped as soon as a layer is dead.

    A layer that is zero on the whole interval makes every later layer, and
    the output, constant there: this is the paper's "born dead". (The
    converse holds with probability 1 for continuous random weights.)

    Cost: proportional to the number of linear pieces, which grows with
    depth when biases are random (about 100 pieces per network at width 10,
    depth 50, He-normal biases).
    """
    lo = check_real(lo, "lo")
    hi = check_real(hi, "hi", low=lo, low_inclusive=False)
    depth: np.ndarray | None = None
    for layer, (W, b) in enumerate(layers, start=1):
        if depth is None:
            n_trials = W.shape[0]
            depth = np.full(n_trials, np.inf)
            followed = np.arange(n_trials)  # original index of each network still alive
            trial = np.repeat(followed, 2)  # the points, flat and sorted by network
            a = np.tile([[lo], [hi]], (n_trials, 1))
        if followed.size == 0:
            continue  # every network is dead already; the remaining draws are skipped over
        trial, a, followed = _sort_networks_by_length(trial, a, followed)
        z = _affine_per_network(trial, a, W[followed], b[followed])
        trial, z = _insert_switch_points(trial, z)
        a = np.maximum(z, 0.0)
        survivors = np.bincount(trial, weights=a.any(axis=1), minlength=followed.size) > 0
        depth[followed[~survivors]] = layer
        trial, a = _drop_constant_runs(trial, a)
        keep = survivors[trial]
        trial, a = (np.cumsum(survivors) - 1)[trial[keep]], a[keep]
        followed = followed[survivors]
    if depth is None:
        raise ValueError("layers is empty: a network needs at least one hidden layer.")
    return depth


def _sort_networks_by_length(
    trial: np.ndarray, a: np.ndarray, followed: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Renumber the networks by their number of points (x order kept within each)."""
    counts = np.bincount(trial, minlength=followed.size)
    by_count = np.argsort(counts, kind="stable")
    new_id = np.empty_like(by_count)
    new_id[by_count] = np.arange(by_count.size)
    order = np.argsort(new_id[trial], kind="stable")
    return new_id[trial][order], a[order], followed[by_count]


def _affine_per_network(
    trial: np.ndarray, a: np.ndarray, W: np.ndarray, b: np.ndarray, groups: int = 32
) -> np.ndarray:
    """z_p = a_p @ W[trial_p] + b[trial_p] for flat points sorted by network.

    The networks must be numbered by increasing number of points; they are
    cut into ``groups`` consecutive groups, each padded to its own longest
    list, so that one batched matmul per group wastes little.
    """
    counts = np.bincount(trial, minlength=W.shape[0])
    starts = np.concatenate([[0], np.cumsum(counts)])
    position = np.arange(trial.size) - starts[trial]
    z = np.empty((trial.size, W.shape[2]))
    for members in np.array_split(np.arange(W.shape[0]), min(groups, W.shape[0])):
        first, last = members[0], members[-1] + 1
        points = slice(starts[first], starts[last])
        longest = counts[last - 1]
        slots = (trial[points] - first) * longest + position[points]
        padded = np.zeros((members.size * longest, a.shape[1]))
        padded[slots] = a[points]
        z_group = padded.reshape(members.size, longest, -1) @ W[first:last] + b[first:last, None, :]
        z[points] = np.take(z_group.reshape(-1, z.shape[1]), slots, axis=0)
    return z


def _insert_switch_points(trial: np.ndarray, z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Add the points where a unit's z changes sign between two neighbours of one network.

    Returns the enlarged ``(trial, z)``, still sorted by network and by x.
    """
    left, right = z[:-1], z[1:]
    switches = ((left > 0) & (right < 0)) | ((left < 0) & (right > 0))
    switches &= (trial[1:] == trial[:-1])[:, None]
    p, j = np.nonzero(switches)
    theta = z[p, j] / (z[p, j] - z[p + 1, j])
    in_order = np.lexsort((theta, p))
    p, j, theta = p[in_order], j[in_order], theta[in_order]
    z_new = z[p] + theta[:, None] * (z[p + 1] - z[p])
    z_new[np.arange(p.size), j] = 0.0
    # Old point i moves down by the number of points inserted before it; the
    # k-th new point (sorted) lands right after its left neighbour p, shifted by k.
    inserted_before = np.concatenate([[0], np.cumsum(np.bincount(p, minlength=trial.size))[:-1]])
    old_slot = np.arange(trial.size) + inserted_before
    new_slot = p + 1 + np.arange(p.size)
    merged_trial = np.empty(trial.size + p.size, dtype=trial.dtype)
    merged_z = np.empty((trial.size + p.size, z.shape[1]))
    merged_trial[old_slot], merged_trial[new_slot] = trial, trial[p]
    merged_z[old_slot], merged_z[new_slot] = z, z_new
    return merged_trial, merged_z


def _drop_constant_runs(trial: np.ndarray, a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Remove points whose two neighbours (same network) carry the identical output."""
    same = (trial[1:] == trial[:-1]) & np.all(a[1:] == a[:-1], axis=1)
    interior = np.zeros(trial.size, dtype=bool)
    interior[1:-1] = same[:-1] & same[1:]
    return trial[~interior], a[~interior]


# ------------------------------------------------------- born-dead probability
def born_dead_depths(
    width: int,
    hidden_layers: int,
    trials: int,
    seed: int,
    bias: str | None = None,
    where: str = "domain",
    init: str = "he_normal",
) -> np.ndarray:
    """For each of ``trials`` random ReLU networks, the depth at which it is dead (inf: never).

    Network t with its first L hidden layers is born dead exactly when
    ``depths[t] <= L``: one simulation of the deepest network answers every
    depth at once.

    ``where="domain"``: some hidden layer is zero for every x in
    [-sqrt(7), sqrt(7)], so the network is constant there. With zero biases
    this is decided exactly by two inputs: every layer is positively
    homogeneous, a_l(x) = x a_l(1) for x > 0 and |x| a_l(-1) for x < 0, and a
    zero layer stays zero, so the network is dead from the first depth at
    which it is dead at both x = 1 and x = -1. With random biases the exact
    piecewise-linear analysis of :func:`death_depth_on_interval` is used.

    ``where="point"``: some hidden layer is entirely zero at the single input x = 1.

    The parameters drawn depend only on the seed (not on ``where``), so the
    domain-dead networks of a seed are a subset of its point-dead ones.
    """
    width = check_int(width, "width", 1)
    hidden_layers = check_int(hidden_layers, "hidden_layers", 1)
    trials = check_int(trials, "trials", 1)
    seed = check_int(seed, "seed", 0)
    where = check_choice(where, "where", WHERE_CHOICES)
    rule = _resolve_bias(bias, init)
    layers = _hidden_layers(width, hidden_layers, trials, np.random.default_rng(seed), rule)
    if where == "point":
        return death_depth_at_points(layers, [1.0])[:, 0]
    if rule == "zero":
        return death_depth_at_points(layers, [-1.0, 1.0]).max(axis=1)
    return death_depth_on_interval(layers, -DOMAIN_HALF_WIDTH, DOMAIN_HALF_WIDTH)


def born_dead_probability(
    width: int,
    hidden_layers: int,
    trials: int,
    seed: int,
    bias: str | None = None,
    where: str = "domain",
    init: str = "he_normal",
) -> tuple[float, float]:
    """Monte Carlo estimate of the born-dead probability, with its standard error.

    Returns ``(p, se)``: p is the fraction of the networks of
    :func:`born_dead_depths` that are dead at depth ``hidden_layers``, and
    se = sqrt(p (1 - p) / trials) its binomial standard error.
    ``bias``: ``None``/"zero" (b = 0) or "normal" (b ~ N(0, 2 / n_in)) with
    He-normal weights; leave it ``None`` with ``init="rai"``.
    """
    p, se = born_dead_curve(width, hidden_layers, trials, seed, bias=bias, where=where, init=init)
    return float(p[-1]), float(se[-1])


def born_dead_curve(
    width: int,
    max_depth: int,
    trials: int,
    seed: int,
    bias: str | None = None,
    where: str = "domain",
    init: str = "he_normal",
) -> tuple[np.ndarray, np.ndarray]:
    """Born-dead probability at every depth 1 .. max_depth, with standard errors.

    Returns ``(p, se)``, arrays of length max_depth: p[L - 1] is the fraction
    of the networks of :func:`born_dead_depths` that are dead with their
    first L layers. The depths share their networks (a depth-L network is
    the start of a deeper one), so neighbouring points are correlated.
    """
    depths = born_dead_depths(width, max_depth, trials, seed, bias=bias, where=where, init=init)
    p = np.mean(depths[:, None] <= np.arange(1, max_depth + 1), axis=0)
    return p, np.sqrt(p * (1.0 - p) / depths.size)


# ------------------------------------------------------ the |x| experiment
def _has_dead_layer(hidden: Sequence[Layer]) -> np.ndarray:
    """Boolean (trials,): some ReLU hidden layer is zero on the whole domain."""
    return np.isfinite(death_depth_on_interval(hidden, -DOMAIN_HALF_WIDTH, DOMAIN_HALF_WIDTH))


def abs_target(x: np.ndarray) -> np.ndarray:
    """The paper's target f(x) = |x|."""
    return np.abs(x)


def abs_training_inputs(n_points: int) -> np.ndarray:
    """n_points midpoints of equal cells of [-sqrt(7), sqrt(7)].

    For even n_points the mean of |x| over them is exactly sqrt(7) / 2, the
    mean of |x| over the uniform domain, so the best constant fit is the same
    for the sample as for the domain.
    """
    n_points = check_int(n_points, "n_points", 2)
    edges = np.linspace(-DOMAIN_HALF_WIDTH, DOMAIN_HALF_WIDTH, n_points + 1)
    return (edges[:-1] + edges[1:]) / 2


def init_abs_networks(
    trials: int,
    seed: int,
    width: int = 2,
    hidden_layers: int = 10,
    bias: str | None = None,
    init: str = "he_normal",
) -> list[Layer]:
    """Parameters of ``trials`` networks 1 -> width x hidden_layers -> 1, stacked.

    Hidden layers as in :func:`sample_hidden_layers`; the linear output layer
    has W ~ N(0, 2 / width) and b = 0.
    """
    width = check_int(width, "width", 1)
    hidden_layers = check_int(hidden_layers, "hidden_layers", 1)
    trials = check_int(trials, "trials", 1)
    rng = np.random.default_rng(check_int(seed, "seed", 0))
    layers = list(sample_hidden_layers(width, hidden_layers, trials, rng, bias=bias, init=init))
    layers.append((rng.standard_normal((trials, width, 1)) * np.sqrt(2.0 / width), np.zeros((trials, 1))))
    return layers


def batched_forward(
    params: Sequence[Layer], x: np.ndarray, activation: str = "relu", alpha: float = 0.01
) -> np.ndarray:
    """Outputs (trials, n) of every network of the stack at the inputs x (n,)."""
    x = _as_inputs(x, "x")
    return NetworkStack(params).forward(x, _slope(activation, alpha)).copy()


def batched_mse_gradients(
    params: Sequence[Layer], x: np.ndarray, y: np.ndarray, activation: str = "relu", alpha: float = 0.01
) -> tuple[np.ndarray, list[Layer]]:
    """Loss and gradients of every network of the stack, by backpropagation.

    Network t's loss is L_t = mean_i (f_t(x_i) - y_i)^2; it depends only on
    network t's parameters, so all gradients come out of one batched pass:
    delta_out = 2 (f - y) / n, dW_l = a_{l-1}^T delta_l, db_l = sum_i delta_l,
    delta_{l-1} = (delta_l W_l^T) * act'(z_{l-1}), with ReLU'(z) = 0 and
    LeakyReLU'(z) = alpha for z <= 0. Returns ``(losses, [(dW, db), ...])``
    with losses of shape (trials,) and gradients shaped like ``params``.
    """
    x, y = _as_inputs(x, "x"), _as_inputs(y, "y")
    if y.shape != x.shape:
        raise ValueError(f"x and y must have the same length; got shapes {x.shape} and {y.shape}.")
    stack = NetworkStack(params)
    error = stack.forward(x, _slope(activation, alpha)) - y
    stack.backward(x, y)
    return np.mean(error**2, axis=1), stack.stacked(stack.grad_layers)


def _as_inputs(values: np.ndarray, name: str) -> np.ndarray:
    """A non-empty, finite, 1-D float array."""
    values = as_float_array(values, name)
    if values.ndim != 1 or values.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D array of inputs, got shape {values.shape}.")
    return values


def _slope(activation: str, alpha: float) -> float:
    """The activation's slope for z <= 0: 0 for ReLU, alpha for Leaky ReLU (0 <= alpha < 1)."""
    check_choice(activation, "activation", TRAIN_ACTIVATIONS)
    alpha = check_real(alpha, "alpha", low=0.0, high=1.0, high_inclusive=False)
    return 0.0 if activation == "relu" else alpha


def _check_stack(params: Sequence[Layer]) -> None:
    """Refuse anything but a chain 1 -> ... -> 1 of (W (T, n_in, n_out), b (T, n_out)) layers."""
    if not params:
        raise ValueError("params is empty: a network needs at least one layer.")
    trials, n_in = params[0][0].shape[0], 1
    for index, (W, b) in enumerate(params):
        W, b = as_float_array(W, f"W of layer {index}"), as_float_array(b, f"b of layer {index}")
        if W.ndim != 3 or W.shape[:2] != (trials, n_in) or b.shape != (trials, W.shape[2]):
            raise ValueError(
                f"layer {index} has W {W.shape} and b {b.shape}; expected W ({trials}, {n_in}, n_out) "
                f"and b ({trials}, n_out): one input, {trials} networks, layers chained."
            )
        n_in = W.shape[2]
    if n_in != 1:
        raise ValueError(f"the last layer has {n_in} outputs; these networks have one output.")


class NetworkStack:
    """T one-input networks of one shape, computed together.

    Parameters are stored unit-major, W as (n_in, n_out, T) and b as
    (n_out, T), as views into one flat vector ``theta`` (and the gradients
    into ``grad``), so an optimizer updates everything in a few elementwise
    operations. Activations are (units, T, n): each of the few units of a
    narrow layer is one contiguous (T, n) block, and einsum adds up a handful
    of large elementwise products instead of computing thousands of tiny
    matrix products. Every intermediate array is allocated once and reused:
    fresh large temporaries at every step would cost more in page faults
    than the arithmetic itself.
    """

    def __init__(self, params: Sequence[Layer]) -> None:
        _check_stack(params)
        arrays = [part for W, b in params for part in (W.transpose(1, 2, 0), b.T)]
        self.theta = np.concatenate([part.ravel() for part in arrays])
        self.grad = np.zeros_like(self.theta)
        self.layers = self._views(self.theta, arrays)
        self.grad_layers = self._views(self.grad, arrays)
        self._n = -1

    @staticmethod
    def _views(flat: np.ndarray, arrays: list[np.ndarray]) -> list[Layer]:
        views, start = [], 0
        for part in arrays:
            views.append(flat[start:start + part.size].reshape(part.shape))
            start += part.size
        return list(zip(views[::2], views[1::2]))

    @staticmethod
    def stacked(layers: Sequence[Layer]) -> list[Layer]:
        """Unit-major layers back as (T, n_in, n_out) and (T, n_out) copies."""
        return [(W.transpose(2, 0, 1).copy(), b.T.copy()) for W, b in layers]

    def _allocate(self, n: int) -> None:
        if n == self._n:
            return
        trials = self.layers[0][0].shape[2]
        shapes = [(W.shape[1], trials, n) for W, _ in self.layers]
        self.outputs = [np.empty(shape) for shape in shapes]
        self.slopes = [np.empty(shape) for shape in shapes[:-1]]
        self.deltas = [np.empty(shape) for shape in shapes]
        self.positive = [np.empty(shape, dtype=bool) for shape in shapes[:-1]]
        self._n = n

    def forward(self, x: np.ndarray, slope: float) -> np.ndarray:
        """Outputs (T, n); keeps every layer's output and act'(z) for ``backward``.

        (Leaky) ReLU is positively homogeneous, act(z) = act'(z) z, so the
        derivative computed once serves both passes.
        """
        self._allocate(x.size)
        a = np.broadcast_to(x, (1, self.layers[0][0].shape[2], x.size))
        for index, (W, b) in enumerate(self.layers):
            z = self.outputs[index]
            np.einsum("ijt,itn->jtn", W, a, out=z)
            z += b[..., None]
            if index < len(self.layers) - 1:
                np.greater(z, 0.0, out=self.positive[index])
                np.multiply(self.positive[index], 1.0 - slope, out=self.slopes[index])
                self.slopes[index] += slope
                z *= self.slopes[index]
            a = z
        return self.outputs[-1][0]

    def backward(self, x: np.ndarray, y: np.ndarray) -> None:
        """Fill ``grad`` with d(mean (f - y)^2)/d(theta) of each network, after ``forward(x)``."""
        np.subtract(self.outputs[-1][0], y, out=self.deltas[-1][0])
        self.deltas[-1] *= 2.0 / x.size
        for index in reversed(range(len(self.layers))):
            delta = self.deltas[index]
            a = self.outputs[index - 1] if index else np.broadcast_to(x, (1,) + delta.shape[1:])
            dW, db = self.grad_layers[index]
            np.einsum("itn,jtn->ijt", a, delta, out=dW)
            np.sum(delta, axis=2, out=db)
            if index:
                np.einsum("ijt,jtn->itn", self.layers[index][0], delta, out=self.deltas[index - 1])
                self.deltas[index - 1] *= self.slopes[index - 1]


@dataclass(frozen=True)
class AbsFitResult:
    """Many independent fits of |x|, one row per network.

    x_grid, initial_outputs and outputs describe each network before and
    after training on a fine grid of the domain (endpoints included).
    ``collapsed`` marks trained networks whose output spread over the grid
    is below COLLAPSE_TOLERANCE times the target's spread; ``dead_layer``
    (ReLU only, else None) marks those with a hidden layer that is exactly
    zero on the whole domain, and ``born_dead`` the same before training.
    """

    activation: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_grid: np.ndarray
    initial_outputs: np.ndarray
    outputs: np.ndarray
    final_loss: np.ndarray
    collapsed: np.ndarray
    dead_layer: np.ndarray | None
    born_dead: np.ndarray | None

    @property
    def collapsed_fraction(self) -> tuple[float, float]:
        """(fraction of collapsed runs, its standard error sqrt(p (1 - p) / trials))."""
        p = float(self.collapsed.mean())
        return p, float(np.sqrt(p * (1.0 - p) / self.collapsed.size))


def train_many_abs(
    trials: int,
    activation: str = "relu",
    epochs: int = 1000,
    lr: float = 0.005,
    seed: int = 0,
    width: int = 2,
    hidden_layers: int = 10,
    n_points: int = 16,
    alpha: float = 0.01,
    bias: str | None = None,
    init: str = "he_normal",
    grid_points: int = 201,
) -> AbsFitResult:
    """Train ``trials`` independent networks on f(x) = |x| at once, with full-batch Adam.

    The data are ``abs_training_inputs(n_points)``; each network minimizes its
    own mean squared error with Adam (beta1 = 0.9, beta2 = 0.999,
    eps = 1e-8), every parameter of every network updated by the same
    elementwise rule, so the stack trains as fast as a few networks would.
    The same seed gives the same initial networks for ReLU and Leaky ReLU.
    """
    slope = _slope(activation, alpha)
    epochs = check_int(epochs, "epochs", 1)
    lr = check_real(lr, "lr", low=0.0, low_inclusive=False)
    grid_points = check_int(grid_points, "grid_points", 2)
    params = init_abs_networks(trials, seed, width, hidden_layers, bias=bias, init=init)
    x = abs_training_inputs(n_points)
    y = abs_target(x)
    x_grid = np.linspace(-DOMAIN_HALF_WIDTH, DOMAIN_HALF_WIDTH, grid_points)
    initial_outputs = batched_forward(params, x_grid, activation, alpha)
    born_dead = _has_dead_layer(params[:-1]) if activation == "relu" else None

    stack = NetworkStack(params)
    _adam(stack, x, y, slope, epochs, lr)
    params = stack.stacked(stack.layers)
    losses, _ = batched_mse_gradients(params, x, y, activation, alpha)
    outputs = batched_forward(params, x_grid, activation, alpha)
    spread = outputs.max(axis=1) - outputs.min(axis=1)
    collapsed = spread < COLLAPSE_TOLERANCE * np.ptp(abs_target(x_grid))
    dead_layer = _has_dead_layer(params[:-1]) if activation == "relu" else None
    return AbsFitResult(
        activation, x, y, x_grid, initial_outputs, outputs, losses, collapsed, dead_layer, born_dead
    )


def _adam(
    stack: NetworkStack, x: np.ndarray, y: np.ndarray, slope: float, epochs: int, lr: float,
    beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8,
) -> None:
    """Full-batch Adam (Kingma & Ba, 2015) on every network of the stack, in place.

    m <- beta1 m + (1 - beta1) g;  v <- beta2 v + (1 - beta2) g^2;
    p <- p - lr * m_hat / (sqrt(v_hat) + eps), with the bias corrections
    m_hat = m / (1 - beta1^k) and v_hat = v / (1 - beta2^k) at step k.
    """
    g = stack.grad
    m, v, scratch = (np.zeros_like(stack.theta) for _ in range(3))
    for step in range(1, epochs + 1):
        stack.forward(x, slope)
        stack.backward(x, y)
        m *= beta1
        np.multiply(g, 1.0 - beta1, out=scratch)
        m += scratch
        v *= beta2
        np.multiply(g, g, out=scratch)
        scratch *= 1.0 - beta2
        v += scratch
        np.divide(v, 1.0 - beta2**step, out=scratch)
        np.sqrt(scratch, out=scratch)
        scratch += eps
        np.divide(m, scratch, out=scratch)
        scratch *= lr / (1.0 - beta1**step)
        stack.theta -= scratch


# ------------------------------------------------------ variance through depth
@dataclass(frozen=True)
class VarianceProfile:
    """Mean squared activation E[a_l^2] at every depth, measured and predicted.

    ``mean_square[0]`` is the input's, ``mean_square[l]`` layer l's (averaged
    over units, samples and networks); ``ratio[l - 1]`` is
    mean_square[l] / mean_square[l - 1], and NaN (undefined) where
    mean_square[l - 1] is exactly 0, i.e. every network is dead for every
    input, as narrow deep networks can be; ``predicted_ratio`` is
    (1 + slope^2) / 2 * n_in * Var[w] and ``predicted`` the resulting
    mean_square[0] * predicted_ratio ** l.
    """

    init: str
    activation: str
    mean_square: np.ndarray
    ratio: np.ndarray
    predicted_ratio: float
    predicted: np.ndarray


def variance_through_depth(
    init: str = "he_normal",
    activation: str = "relu",
    depth: int = 30,
    width: int = 100,
    n: int = 200,
    seed: int = 0,
    networks: int = 16,
    alpha: float = 0.01,
) -> VarianceProfile:
    """Follow E[a^2] through ``depth`` layers of ``width`` units (zero biases).

    He et al. (2015): for z_l = W_l a_{l-1} with symmetric weights,
    E[z_l^2 | a_{l-1}] = Var[w] ||a_{l-1}||^2 and z_l is symmetric, so a ReLU
    keeps exactly half of it: E[a_l^2] = 1/2 n_in Var[w] E[a_{l-1}^2] (Leaky
    ReLU keeps (1 + alpha^2) / 2). The product over layers,
    E[a_L^2] = E[a_0^2] prod_l (1/2 n_l Var[w_l]), stays constant for He
    (Var[w] = 2 / n_in, ratio 1) and halves at every layer for Xavier
    (Var[w] = 2 / (n_in + n_out) = 1 / n here, ratio 1/2).

    ``n`` inputs x ~ N(0, I) go through ``networks`` independent networks
    (batched); the mean square is averaged over all of them.
    """
    check_choice(init, "init", VARIANCE_INITS)
    slope = _slope(activation, alpha)
    depth = check_int(depth, "depth", 1)
    width = check_int(width, "width", 1)
    n = check_int(n, "n", 1)
    networks = check_int(networks, "networks", 1)
    variance = 2.0 / width if init == "he_normal" else 2.0 / (width + width)
    rng = np.random.default_rng(check_int(seed, "seed", 0))
    a = rng.standard_normal((networks, n, width))
    mean_square = [np.mean(a**2)]
    for _ in range(depth):
        # einsum, not a @ W: multithreaded BLAS is slower here than one core on a busy machine
        z = np.einsum("bni,bij->bnj", a, rng.standard_normal((networks, width, width)) * np.sqrt(variance))
        a = np.maximum(z, slope * z)
        mean_square.append(np.mean(a**2))
    mean_square = np.array(mean_square)
    predicted_ratio = (1.0 + slope**2) / 2.0 * width * variance
    ratio = np.full(depth, np.nan)
    np.divide(mean_square[1:], mean_square[:-1], out=ratio, where=mean_square[:-1] > 0)
    return VarianceProfile(
        init,
        activation,
        mean_square,
        ratio,
        predicted_ratio,
        mean_square[0] * predicted_ratio ** np.arange(depth + 1),
    )
