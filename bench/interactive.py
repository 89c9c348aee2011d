"""How fast and how heavy are the interactive figures?

Usage: ``.venv/bin/python bench/interactive.py``

Prints, per figure of ``relulab.viz.figures``: the median and worst live update
latency (the path a widget control takes: compute on demand, redraw in
place, Agg render and PNG at the live dpi), the number of static frames, their bytes, and the time to
precompute them all. If ``_build/html`` exists, it also prints the weight of
every chapter page with the images it shows first (budget: 2.5 MB; the
other frames are separate files, fetched only when a reader comes near).
"""
from __future__ import annotations

import os
import re
import statistics
import sys
import time
from pathlib import Path
from types import ModuleType

import numpy as np

from relulab.viz import figures
from relulab.viz.interactive import STATIC_DPI, Explorer

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "_build" / "html"
PAGE_BUDGET = 2.5e6
LIVE_SAMPLES = 8
BUILDERS = figures.EXPLORERS


def forget_computed_results() -> None:
    """Empty the figures' caches, so every first view pays for its training or forward pass."""
    for module in vars(figures).values():
        if isinstance(module, ModuleType) and module.__name__.startswith(figures.__name__):
            for value in vars(module).values():
                if hasattr(value, "cache_clear"):
                    value.cache_clear()


def live_latencies(explorer: Explorer) -> tuple[list[float], list[float]]:
    """(wall, CPU) seconds per ``update`` over distinct grid points, widget shown, caches cold.

    CPU time tells what the figure costs when the machine is shared; wall time
    is what a reader waits.
    """
    explorer.image  # the widget exists, so update() redraws it as a control would
    settings = explorer.settings()
    order = np.random.default_rng(0).permutation(len(settings))[:LIVE_SAMPLES]
    wall, cpu = [], []
    for index in order:
        start, start_cpu = time.perf_counter(), time.process_time()
        explorer.update(**settings[index])
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return wall, cpu


def main() -> None:
    rows = []
    for builder in BUILDERS:
        forget_computed_results()
        wall, cpu = live_latencies(builder())
        forget_computed_results()
        explorer = builder()
        start = time.perf_counter()
        page = explorer.static_html()
        precompute = time.perf_counter() - start
        png_bytes = sum(len(png) for png, _ in explorer.frames())
        rows.append((builder.__name__, statistics.median(wall), max(wall), statistics.median(cpu),
                     explorer.n_frames, png_bytes, len(page.encode()), precompute))

    print(f"Interactive figures (static frames at {STATIC_DPI} dpi; live update = compute + in-place Agg render + PNG;"
          f" load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
    header = (f"{'figure':<24}{'live median':>12}{'live max':>10}{'cpu median':>12}{'frames':>8}"
              f"{'PNG kB':>9}{'HTML kB':>9}{'precompute':>12}")
    print(header)
    print("-" * len(header))
    for name, median, worst, cpu, n, png, page, seconds in rows:
        print(f"{name:<24}{median * 1e3:>10.0f}ms{worst * 1e3:>8.0f}ms{cpu * 1e3:>10.0f}ms{n:>8}"
              f"{png / 1e3:>9.0f}{page / 1e3:>9.0f}{seconds:>11.1f}s")

    pages = sorted(SITE.glob("chapters/*.html")) if SITE.is_dir() else []
    if not pages:
        print("\nNo built site in _build/html: run `make book` for page weights.")
        return
    print(f"\nChapter pages in {SITE.relative_to(ROOT)} (budget {PAGE_BUDGET / 1e6:.1f} MB)")
    print(f"{'page':<34}{'explorers':>10}{'frames':>8}{'MB':>8}")
    over = False
    for path in pages:
        text = path.read_text(encoding="utf-8")
        weight = path.stat().st_size
        for src in set(re.findall(r'<img[^>]*\ssrc="([^"]+)"', text)):
            image = path.parent / src
            if not src.startswith("data:") and image.is_file():
                weight += image.stat().st_size
        explorers = text.count('class="relulab-explorer-data"')
        frames = sum(block.count('","') + 1 for block in re.findall(r'"frames":\["([^\]]*)\]', text))
        over |= weight > PAGE_BUDGET
        flag = "  OVER" if weight > PAGE_BUDGET else ""
        print(f"{path.name:<34}{explorers:>10}{frames:>8}{weight / 1e6:>8.2f}{flag}")
    if over:
        sys.exit("a chapter page is over the budget")


if __name__ == "__main__":
    main()
