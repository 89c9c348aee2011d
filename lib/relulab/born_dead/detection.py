"""Born dead, detected: the depth at which a stack of ReLU networks is zero at points or on an interval.

Taught in: chapters/07_born_dead.
"""
from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np

from .._checks import check_real
from ..initializers import Layer


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

