"""Draw views of an explorer's figure as PNG bytes: afresh, or by changing one kept figure.

Two kinds of plot can be explored (see ``explore``):

* a function ``plot(fig, **params)``, called on a new ``Figure`` for every
  view: the simplest to write, and what the chapters teach;
* a subclass of :class:`InPlacePlot`, which makes its axes and artists once
  and then only changes their data, texts and limits: a live update then
  costs one Agg draw, fast enough to follow a slider.

Taught in: chapters/01_relu, whose explorer is drawn in place.
"""
from __future__ import annotations

import io
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any

import matplotlib as mpl
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from .grid import ParamValue

DEFAULT_FIGSIZE = (8.0, 3.2)
LIVE_DPI = 96
STATIC_DPI = 90
# 128 colours keep antialiased lines and text clean while a frame of a line
# plot shrinks to roughly a third of its full-colour size.
STATIC_COLOURS = 128


class InPlacePlot(ABC):
    """A plot whose artists are made once and then changed in place for every view.

    A subclass makes its axes and artists in ``__init__(fig)`` (after calling
    this one) and, in :meth:`update`, sets everything a setting decides:
    line data, texts, visibility, limits, legends. A view must not depend on
    the views drawn before it; the tests compare every figure's in-place
    views with fresh drawings.

    If every artist that changes is marked animated (``set_animated(True)``,
    also on a legend made anew in ``update``) and nothing else changes, not
    even an axis limit, the rest of the figure is drawn once and each view
    draws only the animated artists over it (blitting). Animated artists are
    then drawn above the still ones, in the order of their zorder. Axes whose
    limits change may be animated whole: they are then redrawn, ticks and
    all, over the still rest.

    Attributes
    ----------
    rc : dict
        Matplotlib settings in force while the figure is made, updated and
        drawn (ticks and their labels are made at draw time).
    fig : Figure
        The figure the plot draws on.
    """

    rc: dict[str, Any] = {}

    def __init__(self, fig: Figure) -> None:
        self.fig = fig

    @abstractmethod
    def update(self, **params: ParamValue) -> str:
        """Show one setting; return a short sentence that describes the view (its alt text)."""


PlotFn = Callable[..., Any] | type[InPlacePlot]


def _in_place(plot: PlotFn) -> bool:
    return isinstance(plot, type) and issubclass(plot, InPlacePlot)


class Drawing:
    """Views of one plot at one dpi, drawn on an Agg canvas one after another.

    An :class:`InPlacePlot` gets one figure for all views. Its constrained
    layout is solved once, for ``first`` (the first point of the grid), and
    then kept: solving it again costs more than the drawing itself, and a
    fixed layout keeps every view the same whatever was drawn before it. A
    plot function gets a new figure per view; with ``keep_layout`` the views
    after the first reuse its axes positions (half the time of a view).
    """

    def __init__(
        self,
        plot: PlotFn,
        figsize: tuple[float, float],
        dpi: int,
        *,
        first: dict[str, ParamValue],
        keep_layout: bool,
    ) -> None:
        self.plot = plot
        self.figsize = figsize
        self.dpi = dpi
        self.keep_layout = keep_layout
        self._positions: list[Any] | None = None
        self._kept: InPlacePlot | None = None
        self._background: Any = None
        if _in_place(plot):
            with mpl.rc_context(rc=plot.rc):
                self.figure = Figure(figsize=figsize, dpi=dpi, layout="constrained")
                self.canvas = FigureCanvasAgg(self.figure)
                self._kept = plot(self.figure)
                self._kept.update(**first)
                self.figure.draw_without_rendering()
                self.figure.set_layout_engine("none")

    def draw(self, params: dict[str, ParamValue]) -> str:
        """Draw one setting on the canvas; return the plot's description ("" if none)."""
        if self._kept is not None:
            with mpl.rc_context(rc=self._kept.rc):
                described = self._kept.update(**params)
                self._draw_in_place()
            return described
        # rc_context: whatever style the function sets stays inside this one drawing.
        with mpl.rc_context():
            frozen = self._positions
            self.figure = Figure(
                figsize=self.figsize, dpi=self.dpi, layout=None if frozen else "constrained"
            )
            self.canvas = FigureCanvasAgg(self.figure)
            described = self.plot(self.figure, **params)
            if frozen is not None and len(frozen) == len(self.figure.axes):
                for ax, position in zip(self.figure.axes, frozen):
                    ax.set_position(position)
            elif frozen is not None:
                self.figure.set_layout_engine("constrained")
            self.canvas.draw()
            if self.keep_layout and frozen is None:
                self._positions = [ax.get_position() for ax in self.figure.axes]
        return described if isinstance(described, str) else ""

    def _draw_in_place(self) -> None:
        """Draw the kept figure: all of it, or only its animated artists over the rest."""
        moving = self.figure.findobj(lambda artist: artist.get_animated())
        if not moving:
            self.canvas.draw()
            return
        if self._background is None:
            # The still part is drawn once; animated artists are hidden while
            # it is, since an axis draws its label even when it is animated.
            shown = [artist for artist in moving if artist.get_visible()]
            for artist in shown:
                artist.set_visible(False)
            self.canvas.draw()
            self._background = self.canvas.copy_from_bbox(self.figure.bbox)
            for artist in shown:
                artist.set_visible(True)
            # Place the titles and axis labels again, now that they are visible.
            self.figure.draw_without_rendering()
        self.canvas.restore_region(self._background)
        renderer = self.canvas.get_renderer()
        for artist in sorted(moving, key=lambda artist: artist.get_zorder()):
            artist.draw(renderer)

    def rgb(self) -> Image.Image:
        """The last drawn view as an RGB image."""
        # The buffer just drawn: canvas.print_png would draw the figure again.
        return Image.fromarray(np.asarray(self.canvas.buffer_rgba())).convert("RGB")

    def png(self) -> bytes:
        """Full-colour PNG of the last view, quickly compressed (what the live widget shows)."""
        buffer = io.BytesIO()
        self.rgb().save(buffer, format="png", compress_level=1)
        return buffer.getvalue()

    def small_png(self) -> bytes:
        """Small PNG of the last view, ``STATIC_COLOURS`` colours (a frame of the website)."""
        small = self.rgb().quantize(
            colors=STATIC_COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
        )
        buffer = io.BytesIO()
        small.save(buffer, format="png", optimize=True)
        return buffer.getvalue()
