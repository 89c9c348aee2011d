"""Time one training step (forward, gradients, update) of relulab's MLP.

Prints, side by side in one run:
- relulab vs PyTorch CPU eager (when torch is installed), as a ratio;
- the large step's FLOP rate as a fraction of this machine's own peak
  float64 matrix multiply, measured here with a large np.matmul.

Run: ``make bench`` (or ``python bench/train_step.py``). Optional reference:
``pip install torch==2.13.0``; torch is never a dependency of the book.
"""
from __future__ import annotations

import platform
import statistics
import time
from typing import Callable

import numpy as np

import relulab

CASES = [
    # name, layer sizes, batch, output
    ("small 2-64-64-1, batch 256", [2, 64, 64, 1], 256, "sigmoid"),
    ("large 784-256-256-10, batch 512", [784, 256, 256, 10], 512, "softmax"),
]


def median_time(step: Callable[[], object], repeats: int, warmup: int = 20) -> float:
    for _ in range(warmup):
        step()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def step_flops(sizes: list[int], batch: int) -> float:
    """Multiply-adds x 2: forward X@W, backward dW = a.T@delta and delta@W.T (not for the input)."""
    pairs = list(zip(sizes[:-1], sizes[1:]))
    forward = sum(2 * batch * n_in * n_out for n_in, n_out in pairs)
    backward_dx = sum(2 * batch * n_in * n_out for n_in, n_out in pairs[1:])
    return 2 * forward + backward_dx


def matmul_peak(n: int = 2048) -> float:
    a = np.random.default_rng(0).standard_normal((n, n))
    b = np.random.default_rng(1).standard_normal((n, n))
    seconds = median_time(lambda: a @ b, repeats=7, warmup=2)
    return 2 * n**3 / seconds


def data(sizes: list[int], batch: int, output: str) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    X = rng.standard_normal((batch, sizes[0]))
    y = (rng.random(batch) > 0.5).astype(float) if output == "sigmoid" else rng.integers(0, sizes[-1], batch)
    return X, y


def relulab_step(sizes: list[int], batch: int, output: str) -> Callable[[], object]:
    X, y = data(sizes, batch, output)
    net = relulab.MLP(sizes, output=output, seed=0)
    return lambda: net.sgd_step(X, y, 1e-3)


def torch_step(sizes: list[int], batch: int, output: str, dtype: str) -> Callable[[], object] | None:
    try:
        import torch
    except ImportError:
        return None
    torch.manual_seed(0)
    dt = getattr(torch, dtype)
    layers: list[torch.nn.Module] = []
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        layers.append(torch.nn.Linear(n_in, n_out, dtype=dt))
        if i < len(sizes) - 2:
            layers.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*layers)
    X, y = data(sizes, batch, output)
    Xt = torch.tensor(X, dtype=dt)
    if output == "sigmoid":
        yt = torch.tensor(y, dtype=dt).reshape(-1, 1)
        loss_fn: torch.nn.Module = torch.nn.BCEWithLogitsLoss()
    else:
        yt = torch.tensor(y)
        loss_fn = torch.nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=1e-3)

    def step() -> float:
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(Xt), yt)
        loss.backward()
        optimizer.step()
        return loss.item()

    return step


def main() -> None:
    print(f"machine: {platform.machine()}, {platform.processor() or 'cpu'}, "
          f"python {platform.python_version()}, numpy {np.__version__}")
    try:
        import torch

        print(f"torch {torch.__version__}, threads {torch.get_num_threads()}")
    except ImportError:
        print("torch not installed: PyTorch columns skipped (pip install torch==2.13.0)")
    peak = matmul_peak()
    print(f"peak float64 matmul (2048^3): {peak / 1e9:.1f} GFLOP/s\n")
    header = f"{'case':34} {'relulab ms':>10} {'torch f64 ms':>12} {'ratio':>6} {'torch f32 ms':>12} {'ratio':>6} {'GFLOP/s':>8} {'% peak':>7}"
    print(header)
    print("-" * len(header))
    for name, sizes, batch, output in CASES:
        repeats = 300 if sizes[0] < 100 else 60
        ours = median_time(relulab_step(sizes, batch, output), repeats)
        cells = [f"{name:34}", f"{ours * 1e3:10.3f}"]
        for dtype in ("float64", "float32"):
            step = torch_step(sizes, batch, output, dtype)
            if step is None:
                cells += [f"{'-':>12}", f"{'-':>6}"]
                continue
            theirs = median_time(step, repeats)
            cells += [f"{theirs * 1e3:12.3f}", f"{ours / theirs:6.2f}"]
        rate = step_flops(sizes, batch) / ours
        cells += [f"{rate / 1e9:8.1f}", f"{rate / peak:7.0%}"]
        print(" ".join(cells))
    print("\nratio = relulab time / torch time (lower is better; relulab computes in float64).")


if __name__ == "__main__":
    main()
