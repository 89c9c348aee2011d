"""How fast are the born-dead simulations and the batched |x| training?

Usage: ``.venv/bin/python bench/born_dead.py``

Prints wall and CPU seconds (best of a few repeats; CPU time is what a run
costs on a shared machine) for:

- 20,000 networks of width 10 and 50 hidden layers, dead at x = 1 ("point")
  and on the whole domain ("domain", zero biases: the exact two-input test);
- the same with He-normal biases and with RAI, where the exact
  piecewise-linear analysis runs (fewer networks: it costs more per network);
- the chapter's training experiment: 1,000 width-2, 10-layer networks fitting
  |x| with 1,000 Adam steps, for ReLU and for Leaky ReLU;
- one Adam step of that stack.
"""
from __future__ import annotations

import time
from typing import Callable

import numpy as np

from relulab import born_dead as bd

REPEATS = 3


def timed(run: Callable[[], object], repeats: int = REPEATS) -> tuple[float, float, object]:
    """(best wall seconds, CPU seconds of that run, result of the last run)."""
    best = (np.inf, np.inf)
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        result = run()
        best = min(best, (time.perf_counter() - wall, time.process_time() - cpu))
    return best[0], best[1], result


def report(label: str, run: Callable[[], object], repeats: int = REPEATS) -> object:
    wall, cpu, result = timed(run, repeats)
    print(f"{label:66s} {wall:7.2f} s wall {cpu:7.2f} s CPU", flush=True)
    return result


def main() -> None:
    print("born_dead_probability (width 10, 50 hidden layers)")
    for where in ("point", "domain"):
        p, se = report(f"  20,000 networks, zero biases, where={where!r}",
                       lambda: bd.born_dead_probability(10, 50, 20_000, seed=0, where=where))
        print(f"{'':68s} p = {p:.4f} ± {se:.4f}")
    for label, kwargs in (("He-normal biases", {"bias": "normal"}), ("RAI", {"init": "rai"})):
        p, se = report(f"  2,000 networks, {label}, domain (piecewise linear)",
                       lambda: bd.born_dead_probability(10, 50, 2_000, seed=0, **kwargs), repeats=1)
        print(f"{'':68s} p = {p:.4f} ± {se:.4f}")

    print("fit_abs (1,000 networks 1-2x10-1, 16 points, 1,000 Adam steps)")
    for activation in ("relu", "leaky_relu"):
        fit = report(f"  {activation}", lambda: bd.fit_abs(1000, activation, epochs=1000, lr=0.005,
                                                                   seed=0, n_points=16), repeats=1)
        print(f"{'':68s} collapsed {fit.collapsed_fraction[0]:.3f}")

    stack = bd.NetworkStack(bd.init_abs_networks(1000, seed=0))
    x = bd.abs_training_inputs(16)
    y = np.abs(x)

    def hundred_steps() -> None:
        for _ in range(100):
            stack.forward(x, 0.0)
            stack.backward(x, y)

    wall, cpu, _ = timed(hundred_steps)
    print(f"{'  one forward + backward pass of the 1,000-network stack':66s} "
          f"{wall * 10:7.2f} ms wall {cpu * 10:6.2f} ms CPU")


if __name__ == "__main__":
    main()
