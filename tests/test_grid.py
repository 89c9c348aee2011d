"""relulab.viz.grid: a bad grid or an off-grid setting is refused with a clear message."""
from __future__ import annotations

import numpy as np
import pytest

from painting import paint, painter
from relulab.viz.interactive import MAX_FRAMES, explore


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({}, ValueError, "at least one parameter"),
        ({"red": 3}, TypeError, "must be a list"),
        ({"red": "abc"}, TypeError, "must be a list"),
        ({"red": np.array([1, 2])}, TypeError, "must be a list"),
        ({"red": []}, ValueError, "empty"),
        ({"red": [1, "two"]}, TypeError, "mixes numbers and strings"),
        ({"red": [True, False]}, TypeError, "bool"),
        ({"red": [1.0, float("nan")]}, ValueError, "finite"),
        ({"red": [None]}, TypeError, "numbers or strings"),
        ({"red": [1, 1]}, ValueError, "repeats"),
        ({"red": list(range(9)), "blue": list(range(8))}, ValueError, f"at most {MAX_FRAMES}"),
        ({"red": [1], "blue": [0.0], "green": [1]}, TypeError, "cannot be called"),
        ({"red": [1]}, TypeError, "cannot be called"),
    ],
)
def test_bad_grids_are_refused_with_a_clear_message(kwargs, error, words):
    with pytest.raises(error, match=words):
        explore(paint, **kwargs)


def test_update_refuses_unknown_names_and_values_off_the_grid():
    explorer = painter()
    with pytest.raises(ValueError, match="unknown parameter"):
        explorer.update(green=1)
    with pytest.raises(ValueError, match="not on the grid"):
        explorer.update(red=7)
    with pytest.raises(ValueError, match="not on the grid"):
        explorer.update(red="1")
