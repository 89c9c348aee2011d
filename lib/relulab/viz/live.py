"""The live view of an explorer in a kernel: ipywidgets controls and an image redrawn in place.

Taught in: chapters/01_relu, whose activation explorer is the first live figure.
"""
from __future__ import annotations

import html
from functools import cached_property, partial
from typing import Any, Self

from .drawing import LIVE_DPI, Drawing, PlotFn
from .grid import ParameterGrid, ParamValue, _value_label


class LiveView(ParameterGrid):
    """The kernel side of :class:`~relulab.viz.explorer.Explorer`.

    Every live view of one dpi is drawn by one :class:`Drawing`: a figure
    drawn in place keeps one ``Figure`` and canvas for the explorer's life.
    """

    # Set by Explorer.__init__.
    plot_fn: PlotFn
    title: str | None
    figsize: tuple[float, float]
    _syncing: bool
    _live: dict[int, Drawing]

    def render(self, dpi: int = LIVE_DPI) -> bytes:
        """Full-colour PNG bytes of the current setting (what the live widget shows).

        The first call at a dpi sets the figure up; later ones redraw the same
        figure in place (or, for a plot function, reuse the first drawing's
        axes positions): 27-97 ms from a control to the new image for the
        book's plot-only figures (``bench/interactive.py``).
        """
        if dpi not in self._live:
            self._live[dpi] = Drawing(
                self.plot_fn, self.figsize, dpi, first=self.settings()[0], keep_layout=True
            )
        drawing = self._live[dpi]
        drawing.draw(self._current)
        return drawing.png()

    @cached_property
    def controls(self) -> dict[str, Any]:
        """One ipywidgets control per parameter (created on first use)."""
        import ipywidgets as widgets

        controls: dict[str, Any] = {}
        for name, values in self.grid.items():
            options = [(_value_label(v), v) for v in values]
            if isinstance(values[0], str):
                short = len(values) <= 4 and sum(len(v) for v in values) <= 36
                kind = widgets.ToggleButtons if short else widgets.Dropdown
                control = kind(options=options, value=self._current[name], description=name)
            else:
                control = widgets.SelectionSlider(
                    options=options, value=self._current[name], description=name
                )
            control.observe(partial(self._on_control, name), names="value")
            controls[name] = control
        return controls

    @cached_property
    def image(self) -> Any:
        """The ``ipywidgets.Image`` that shows the current PNG."""
        import ipywidgets as widgets

        return widgets.Image(
            value=self.render(), format="png", layout=widgets.Layout(max_width="100%")
        )

    @cached_property
    def widget(self) -> Any:
        """Title, controls and image in one ipywidgets box (no Output widget)."""
        import ipywidgets as widgets

        children = []
        if self.title:
            children.append(widgets.HTML(value=f"<b>{html.escape(self.title)}</b>"))
        children.append(
            widgets.HBox(
                list(self.controls.values()),
                layout=widgets.Layout(flex_flow="row wrap"),
            )
        )
        children.append(self.image)
        return widgets.VBox(children)

    def update(self, **changes: ParamValue) -> Self:
        """Move to a new setting and redraw the live image, if one is shown.

        The widget controls take this path too. Returns the explorer, so a
        figure can start elsewhere than at the first values:
        ``explore(plot, b=[-1.0, 0.0, 0.5]).update(b=0.5)``.
        """
        self._current = self._resolve(changes)
        if "controls" in self.__dict__:
            self._syncing = True
            try:
                for name, control in self.controls.items():
                    control.value = self._current[name]
            finally:
                self._syncing = False
        self._redraw()
        return self

    def _on_control(self, name: str, change: dict[str, Any]) -> None:
        if self._syncing:
            return
        self._current[name] = change["new"]
        self._redraw()

    def _redraw(self) -> None:
        if "image" in self.__dict__:
            self.image.value = self.render()
