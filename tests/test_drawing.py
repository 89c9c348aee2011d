"""relulab.viz.drawing: a figure changed in place shows exactly what a fresh drawing shows."""
from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

import relulab.viz.drawing as drawing
from relulab.viz import figures
from relulab.viz.drawing import LIVE_DPI, STATIC_DPI, Drawing, InPlacePlot
from relulab.viz.interactive import Explorer, explore

IN_PLACE = [builder for builder in figures.EXPLORERS if drawing._in_place(builder().plot_fn)]


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def fresh_png(explorer: Explorer, setting: dict) -> bytes:
    """One view drawn on a new figure, as the static path draws its first frame."""
    fresh = Drawing(explorer.plot_fn, explorer.figsize, LIVE_DPI, first=explorer.settings()[0],
                    keep_layout=False)
    fresh.draw(setting)
    return fresh.png()


def walk(explorer: Explorer, count: int, seed: int = 0) -> list[dict]:
    """Some settings in a shuffled order, so each view follows a different one."""
    settings = explorer.settings()
    order = np.random.default_rng(seed).permutation(len(settings))[:count]
    return [settings[i] for i in order]


def assert_live_views_match_fresh_drawings(explorer: Explorer, settings: list[dict]) -> None:
    explorer.image  # the live widget exists, so every update redraws in place
    for setting in settings:
        explorer.update(**setting)
        live, fresh = pixels(explorer.image.value), pixels(fresh_png(explorer, setting))
        differ = np.argwhere(np.any(live != fresh, axis=2))
        assert not len(differ), f"{setting}: {len(differ)} pixels differ, first at {differ[0]}"


class LeakyPlot(InPlacePlot):
    """Wrong on purpose: every update adds a line and never removes the last one."""

    def __init__(self, fig):
        super().__init__(fig)
        self.ax = fig.subplots()
        self.ax.set(xlim=(0, 1), ylim=(0, 4))

    def update(self, height):
        self.ax.plot([0, 1], [height, height])
        return f"height {height}"


class BarPlot(InPlacePlot):
    """Right: one line whose height changes, drawn by blitting, and a title."""

    def __init__(self, fig):
        super().__init__(fig)
        self.ax = fig.subplots()
        self.ax.set(xlim=(0, 1), ylim=(0, 4), xlabel="x", ylabel="height")
        (self.line,) = self.ax.plot([0, 1], [0, 0], animated=True)
        self.ax.title.set_animated(True)

    def update(self, height):
        self.line.set_ydata([height, height])
        self.ax.set_title(f"height {height}")
        return f"height {height}"


@pytest.mark.slow
@pytest.mark.parametrize("builder", IN_PLACE, ids=lambda b: b.__name__)
def test_every_live_view_of_a_book_figure_is_pixel_for_pixel_a_fresh_drawing(builder):
    explorer = builder()
    assert_live_views_match_fresh_drawings(explorer, walk(explorer, 5))


def test_the_check_finds_a_plot_that_leaves_stale_artists():
    explorer = explore(LeakyPlot, figsize=(2, 1.5), height=[1, 2, 3])
    with pytest.raises(AssertionError, match="pixels differ"):
        assert_live_views_match_fresh_drawings(explorer, [{"height": 2}, {"height": 3}])


def test_an_in_place_plot_passes_the_check_and_blits():
    explorer = explore(BarPlot, figsize=(2, 1.5), height=[1, 2, 3])
    assert_live_views_match_fresh_drawings(explorer, [{"height": 3}, {"height": 1}, {"height": 2}])
    assert explorer._live[LIVE_DPI]._background is not None


@pytest.fixture
def made(monkeypatch) -> list:
    """Every Figure the drawing layer makes from now on."""
    made = []

    class CountedFigure(drawing.Figure):
        def __init__(self, *args, **kwargs):
            made.append(self)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(drawing, "Figure", CountedFigure)
    return made


def test_the_live_figure_is_made_once_and_kept(made):
    explorer = figures.activation_explorer()
    explorer.image
    assert len(made) == 1
    for setting in walk(explorer, 4):
        explorer.update(**setting)
    explorer.controls["name"].value = "elu"
    assert len(made) == 1
    assert explorer._live[LIVE_DPI].figure is made[0]


def test_a_plot_function_still_gets_a_fresh_figure_per_view(made):
    def plot(fig, height):
        fig.subplots().plot([0, 1], [height, height])

    explorer = explore(plot, figsize=(2, 1.5), height=[1, 2, 3])
    explorer.image
    explorer.update(height=2)
    assert len(made) == 2


def test_static_frames_of_an_in_place_plot_are_fresh_drawings_and_deterministic():
    explorer = explore(BarPlot, figsize=(2, 1.5), height=[1, 2, 3])
    for (png, description), setting in zip(explorer.frames(), explorer.settings()):
        fresh = Drawing(BarPlot, explorer.figsize, STATIC_DPI, first=explorer.settings()[0], keep_layout=False)
        assert fresh.draw(setting) == description
        assert fresh.small_png() == png
    assert explore(BarPlot, figsize=(2, 1.5), height=[1, 2, 3]).frame_files() == explorer.frame_files()
