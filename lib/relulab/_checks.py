"""Input checks shared by every module: bad input fails loudly, with a message
that says what was wrong and what is allowed."""
from __future__ import annotations

from numbers import Integral, Real
from typing import Any

import numpy as np


def as_float_array(value: Any, name: str, *, allow_inf: bool = False) -> np.ndarray:
    """Return ``value`` as a float64 array, refusing non-numbers and NaN."""
    array = np.asarray(value)
    # dtype.kind is a one-letter code: b(ool), i(nt), u(nsigned), f(loat), c(omplex), ...
    kind = array.dtype.kind
    if kind == "c":
        raise TypeError(f"{name} must be real-valued, got complex dtype {array.dtype}.")
    if kind not in "biuf":
        raise TypeError(f"{name} must be numeric (int or float), got dtype {array.dtype}.")
    if array.dtype != np.float64:
        array = array.astype(np.float64)
    bad = np.isnan(array) if allow_inf else ~np.isfinite(array)
    if bad.any():
        allowed = "NaN" if allow_inf else "NaN or inf"
        raise ValueError(
            f"{name} contains {int(bad.sum())} {allowed} value(s); only finite numbers are allowed."
        )
    return array


def as_matrix(value: Any, name: str, n_columns: int | None = None) -> np.ndarray:
    """A finite 2-D float array of shape (n_samples, n_columns)."""
    array = as_float_array(value, name)
    if array.ndim != 2:
        raise ValueError(
            f"{name} must be 2-D with shape (n_samples, n_features), got shape {array.shape}."
        )
    if array.shape[0] == 0:
        raise ValueError(f"{name} has no rows; at least one sample is required.")
    if n_columns is not None and array.shape[1] != n_columns:
        raise ValueError(
            f"{name} has {array.shape[1]} column(s), but the network's input layer "
            f"expects {n_columns} (layer_sizes[0])."
        )
    return array


def check_choice(value: Any, name: str, allowed: tuple[str, ...] | list[str]) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, one of {sorted(allowed)}; got {value!r}.")
    if value not in allowed:
        raise ValueError(f"Unknown {name} {value!r}; allowed: {', '.join(sorted(allowed))}.")
    return value


def check_int(value: Any, name: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise TypeError(f"{name} must be an integer >= {minimum}, got {value!r}.")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}.")
    return int(value)


def check_real(
    value: Any,
    name: str,
    *,
    low: float | None = None,
    high: float | None = None,
    low_inclusive: bool = True,
    high_inclusive: bool = True,
) -> float:
    """A finite real number inside the given interval."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name} must be a real number, got {value!r}.")
    value = float(value)
    left = "[" if low_inclusive and low is not None else "("
    right = "]" if high_inclusive and high is not None else ")"
    interval = f"{left}{'-inf' if low is None else low}, {'inf' if high is None else high}{right}"
    too_low = low is not None and (value < low or (not low_inclusive and value == low))
    too_high = high is not None and (value > high or (not high_inclusive and value == high))
    if not np.isfinite(value) or too_low or too_high:
        raise ValueError(f"{name} must be a finite number in {interval}, got {value}.")
    return value


def scalar_if_0d(array: np.ndarray) -> np.ndarray | np.float64:
    """Give a numpy scalar back for scalar input, an array for array input."""
    return array[()] if array.ndim == 0 else array


def check_leak(alpha: Any) -> float:
    """A Leaky ReLU slope: a finite number in [0, 1), so the leak is smaller than the identity."""
    return check_real(alpha, "alpha", low=0.0, high=1.0, high_inclusive=False)


PIECEWISE_LINEAR = ("relu", "leaky_relu")


def negative_slope(activation: Any, alpha: Any) -> float:
    """The slope for z <= 0 of ReLU (0) or Leaky ReLU (alpha, in [0, 1))."""
    check_choice(activation, "activation", PIECEWISE_LINEAR)
    alpha = check_leak(alpha)
    return 0.0 if activation == "relu" else alpha
