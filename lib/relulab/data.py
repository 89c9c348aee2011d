"""Data sets: small deterministic 2-D ones made with numpy alone, and one real one.

Taught in: chapters/02_leaky_relu, chapters/03_dying_relu and chapters/06_dying_relu_lab,
which train on them.
Every maker takes ``n`` (samples), ``noise`` (std of Gaussian jitter) and
``seed`` and returns ``(X, y)`` with X of shape (n, 2) and integer labels y.
The same arguments give the same arrays, bit for bit. ``load_digits`` reads
the handwritten digits shipped with the package (see datasets/README.md).
"""
from __future__ import annotations

import gzip
from importlib import resources

import numpy as np

from ._checks import check_int, check_real


def _setup(n: int, noise: float, seed: int) -> tuple[int, float, np.random.Generator]:
    n = check_int(n, "n", 2)
    noise = check_real(noise, "noise", low=0.0)
    check_int(seed, "seed", 0)
    return n, noise, np.random.default_rng(seed)


def _jitter(X: np.ndarray, noise: float, rng: np.random.Generator) -> np.ndarray:
    return X + rng.normal(0.0, noise, size=X.shape) if noise > 0 else X


def make_moons(n: int = 200, noise: float = 0.1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved half circles: class 0 on top, class 1 below and shifted."""
    n, noise, rng = _setup(n, noise, seed)
    n0 = n // 2
    t0 = np.linspace(0.0, np.pi, n0)
    t1 = np.linspace(0.0, np.pi, n - n0)
    upper = np.column_stack([np.cos(t0), np.sin(t0)])
    lower = np.column_stack([1.0 - np.cos(t1), 0.5 - np.sin(t1)])
    X = np.vstack([upper, lower])
    y = np.repeat([0, 1], [n0, n - n0])
    return _jitter(X, noise, rng), y


def make_circles(
    n: int = 200, noise: float = 0.05, seed: int = 0, factor: float = 0.5
) -> tuple[np.ndarray, np.ndarray]:
    """Two concentric circles: class 0 outside (radius 1), class 1 inside (radius ``factor``)."""
    n, noise, rng = _setup(n, noise, seed)
    factor = check_real(factor, "factor", low=0.0, high=1.0, low_inclusive=False, high_inclusive=False)
    n0 = n // 2
    t0 = np.linspace(0.0, 2 * np.pi, n0, endpoint=False)
    t1 = np.linspace(0.0, 2 * np.pi, n - n0, endpoint=False)
    X = np.vstack([np.column_stack([np.cos(t0), np.sin(t0)]), factor * np.column_stack([np.cos(t1), np.sin(t1)])])
    y = np.repeat([0, 1], [n0, n - n0])
    return _jitter(X, noise, rng), y


DATASETS = {
    "moons": make_moons,
    "circles": make_circles,
}


def load_digits() -> tuple[np.ndarray, np.ndarray]:
    """The 1,797 handwritten digits (UCI, Alpaydin and Kaynak, 1998): X of shape (1797, 64), y in 0..9.

    Each row of X is an 8 x 8 image read row by row, with pixel values 0..16
    divided by 16, so X lies in [0, 1]. The file ships with relulab: nothing
    is downloaded. Taught in: chapters/03_dying_relu (dead units in practice).
    """
    with resources.files("relulab").joinpath("datasets", "digits.csv.gz").open("rb") as raw:
        table = np.loadtxt(gzip.open(raw), delimiter=",")
    return table[:, :-1] / 16.0, table[:, -1].astype(np.int64)
