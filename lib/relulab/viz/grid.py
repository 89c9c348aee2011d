"""The parameter grid of an explorer: checking its values, naming them, and the current point.

Taught in: chapters/01_relu, where ``explore`` first takes a grid.
"""
from __future__ import annotations

import itertools
import math
import numbers
import re
from typing import Any

import numpy as np

MAX_FRAMES = 64

ParamValue = int | float | str


def _value_label(value: ParamValue) -> str:
    """Short text of a grid value, used on controls, in alt text and in the URL hash."""
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _clean_values(name: str, values: Any) -> tuple[ParamValue, ...]:
    """Check one grid entry and return it as a tuple of plain Python values."""
    if not isinstance(values, (list, tuple)):
        raise TypeError(
            f"explore(): parameter {name!r} must be a list of values, e.g. "
            f"{name}=[0.01, 0.1, 0.3]; got {type(values).__name__}"
        )
    if not values:
        raise ValueError(f"explore(): parameter {name!r} has an empty list of values")
    cleaned: list[ParamValue] = []
    for value in values:
        if isinstance(value, (bool, np.bool_)):
            raise TypeError(
                f"explore(): parameter {name!r} holds a bool ({value!r}); "
                "use numbers or strings (e.g. 'on'/'off')"
            )
        if isinstance(value, str):
            cleaned.append(value)
        elif isinstance(value, numbers.Integral):
            cleaned.append(int(value))
        elif isinstance(value, numbers.Real):
            if not math.isfinite(float(value)):
                raise ValueError(
                    f"explore(): parameter {name!r} holds {value!r}; only finite numbers are allowed"
                )
            cleaned.append(float(value))
        else:
            raise TypeError(
                f"explore(): parameter {name!r} holds {value!r} of type "
                f"{type(value).__name__}; only numbers or strings are allowed"
            )
    kinds = {isinstance(v, str) for v in cleaned}
    if len(kinds) > 1:
        raise TypeError(
            f"explore(): parameter {name!r} mixes numbers and strings; use one kind per parameter"
        )
    labels = [_value_label(v) for v in cleaned]
    if len(set(labels)) != len(labels):
        raise ValueError(f"explore(): parameter {name!r} repeats a value: {labels}")
    return tuple(cleaned)


def _clean_grid(grid: dict[str, Any]) -> dict[str, tuple[ParamValue, ...]]:
    """Check every entry of a grid and its size (at most ``MAX_FRAMES`` points)."""
    if not grid:
        raise ValueError(
            "explore(): give at least one parameter with its values, e.g. alpha=[0.01, 0.1, 0.3]"
        )
    cleaned = {name: _clean_values(name, values) for name, values in grid.items()}
    n_frames = math.prod(len(values) for values in cleaned.values())
    if n_frames > MAX_FRAMES:
        sizes = " x ".join(f"{len(v)} {name}" for name, v in cleaned.items())
        raise ValueError(
            f"explore(): the grid has {n_frames} points ({sizes}); at most {MAX_FRAMES} "
            "are allowed, because the website carries one frame per point"
        )
    return cleaned


def _slug(text: str, limit: int = 32) -> str:
    """Lower-case words joined by hyphens, cut at a word boundary: a readable id for links."""
    slug = ""
    for word in re.findall(r"[a-z0-9]+", text.lower()):
        if slug and len(slug) + 1 + len(word) > limit:
            break
        slug = f"{slug}-{word}" if slug else word[:limit]
    return slug


class ParameterGrid:
    """A small grid of parameter values and the current point on it (the base of an Explorer).

    Attributes
    ----------
    grid : dict[str, tuple]
        Parameter name -> allowed values, in the order given.
    """

    def __init__(self, grid: dict[str, tuple[ParamValue, ...]]) -> None:
        self.grid = grid
        self._current = {name: values[0] for name, values in grid.items()}

    @property
    def params(self) -> dict[str, ParamValue]:
        """The current setting (starts at the first value of every list)."""
        return dict(self._current)

    @property
    def n_frames(self) -> int:
        return math.prod(len(values) for values in self.grid.values())

    def settings(self) -> list[dict[str, ParamValue]]:
        """Every point of the grid, first parameter slowest (the frame order)."""
        names = list(self.grid)
        return [dict(zip(names, combo)) for combo in itertools.product(*self.grid.values())]

    def _resolve(self, changes: dict[str, Any]) -> dict[str, ParamValue]:
        setting = dict(self._current)
        for name, value in changes.items():
            if name not in self.grid:
                raise ValueError(f"unknown parameter {name!r}; this figure has {list(self.grid)}")
            matches = [
                v
                for v in self.grid[name]
                if isinstance(v, str) == isinstance(value, str)
                and not isinstance(value, bool)
                and v == value
            ]
            if not matches:
                raise ValueError(
                    f"{name}={value!r} is not on the grid; allowed: {list(self.grid[name])}"
                )
            setting[name] = matches[0]
        return setting
