"""What several figures share: the Leaky ReLU slope they compare with, and their moons data."""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from ...data import make_moons

LEAK = 0.01  # the book's default Leaky ReLU slope, used wherever a figure compares the two


@lru_cache(maxsize=1)
def _lab_data() -> tuple[np.ndarray, np.ndarray]:
    """The 200 moons samples the training lab trains on and the gradient-flow figure differentiates."""
    return make_moons(n=200, noise=0.1, seed=0)
