"""The website's view of an explorer: one PNG file per grid point and kernel-free HTML.

The book build (``_ext/static_explorers.py``) writes :meth:`StaticView.frame_files`
beside the page and puts :meth:`StaticView.static_html` in place of the
notebook's placeholder (:meth:`StaticView.placeholder_html`).

Taught in: chapters/01_relu, whose activation explorer is the first on the website.
"""
from __future__ import annotations

import hashlib
import html
import io
import json
from importlib import resources
from typing import Any

from PIL import Image

from .drawing import STATIC_DPI, Drawing, PlotFn
from .grid import ParameterGrid, ParamValue, _value_label


def _static_asset(name: str) -> str:
    return resources.files("relulab.viz").joinpath("static", name).read_text(encoding="utf-8")


def _json_for_html(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element (no ``</script>`` can appear)."""
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=True, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class StaticView(ParameterGrid):
    """The website side of :class:`~relulab.viz.explorer.Explorer`."""

    # Set by Explorer.__init__.
    plot_fn: PlotFn
    title: str | None
    figsize: tuple[float, float]
    figure_id: str
    _frame_cache: dict[int, list[tuple[bytes, str]]]

    def alt_text(self, params: dict[str, ParamValue], description: str = "") -> str:
        """Alt text of one view: title, the setting, and what the plot function said."""
        setting = ", ".join(f"{name} = {_value_label(value)}" for name, value in params.items())
        parts = [self.title or "Interactive figure", setting]
        if description:
            parts.append(description)
        return ". ".join(part.rstrip(".") for part in parts) + "."

    def frames(self, dpi: int = STATIC_DPI) -> list[tuple[bytes, str]]:
        """(PNG bytes, description) for every grid point, in :meth:`settings` order.

        Computed once per dpi: a page may ask for its HTML more than once. A
        figure drawn in place walks the grid on one figure whose layout is
        that of the first point, so a frame is the same as a fresh drawing.
        """
        if dpi not in self._frame_cache:
            settings = self.settings()
            drawing = Drawing(self.plot_fn, self.figsize, dpi, first=settings[0], keep_layout=False)
            frames = []
            for setting in settings:
                description = drawing.draw(setting)
                frames.append((drawing.small_png(), description))
            self._frame_cache[dpi] = frames
        return self._frame_cache[dpi]

    def frame_names(self, dpi: int = STATIC_DPI) -> list[str]:
        """File name of every frame, in :meth:`settings` order: its content's hash.

        Equal pictures share one file, and a changed picture gets a new name,
        so a browser never shows a stale frame from its cache.
        """
        return [hashlib.sha256(png).hexdigest()[:16] + ".png" for png, _ in self.frames(dpi)]

    def frame_files(self, dpi: int = STATIC_DPI) -> dict[str, bytes]:
        """File name -> PNG bytes of every distinct frame, to be written beside the page."""
        return {name: png for name, (png, _) in zip(self.frame_names(dpi), self.frames(dpi))}

    def inert_params(self, dpi: int = STATIC_DPI) -> list[list[str]]:
        """Per frame, the parameters whose other values would not change what the view says.

        A parameter is inert at a setting when all of its values, the others
        held, give the same picture, or the same description from the plot
        function (a figure may print the unused value in its title, as the
        activation explorer does for alpha with plain ReLU). The website
        disables such a control and says why.
        """
        settings = self.settings()
        views = [(png, description) for png, description in self.frames(dpi)]
        index = {tuple(s.values()): i for i, s in enumerate(settings)}
        inert: list[list[str]] = []
        for setting in settings:
            names = []
            for name, values in self.grid.items():
                if len(values) < 2:
                    continue
                others = [views[index[tuple({**setting, name: v}.values())]] for v in values]
                same_picture = len({png for png, _ in others}) == 1
                same_words = len({d for _, d in others}) == 1 and bool(others[0][1])
                if same_picture or same_words:
                    names.append(name)
            inert.append(names)
        return inert

    def placeholder_html(self) -> str:
        """Small, deterministic HTML for committed notebooks (no frames)."""
        rows = "".join(
            f"<li><code>{html.escape(name)}</code>: "
            + ", ".join(html.escape(_value_label(v)) for v in values)
            + f" (now {html.escape(_value_label(self._current[name]))})</li>"
            for name, values in self.grid.items()
        )
        title = html.escape(self.title or "Interactive figure")
        return (
            f'<div class="relulab-explorer-placeholder" id="{self.figure_id}">'
            f"<p><strong>{title}</strong></p><ul>{rows}</ul>"
            "<p><em>This figure is interactive: run the notebook in Jupyter or Binder, "
            "or open the book's website.</em></p></div>"
        )

    def _control_html(self, name: str, values: tuple[ParamValue, ...], index: int) -> str:
        control_id = f"{self.figure_id}-{name}"
        label = f'<label for="{control_id}">{html.escape(name)}</label>'
        current = html.escape(_value_label(values[index]))
        if isinstance(values[0], str):
            options = "".join(
                f'<option value="{i}"{" selected" if i == index else ""}>'
                f"{html.escape(_value_label(v))}</option>"
                for i, v in enumerate(values)
            )
            field = f'<select id="{control_id}" data-param="{html.escape(name)}">{options}</select>'
        else:
            field = (
                f'<input type="range" id="{control_id}" data-param="{html.escape(name)}" '
                f'min="0" max="{len(values) - 1}" step="1" value="{index}" '
                f'aria-valuetext="{current}">'
                f'<output for="{control_id}" class="relulab-explorer-value">{current}</output>'
            )
        return f'<span class="relulab-explorer-control">{label}{field}</span>'

    def static_html(self, frame_url: str = "", dpi: int = STATIC_DPI, *, assets: bool = True) -> str:
        """Kernel-free HTML: inputs, the first frame as an ``<img>``, and our script.

        ``frame_url`` is the URL (relative to the page) of the folder that
        holds :meth:`frame_files`, ending in ``/`` (empty: beside the page).
        The other frames are fetched only when the figure comes near the
        viewport or a control moves. ``assets=False`` leaves out the
        explorers' style and script, which a page needs only once.
        """
        frames = self.frames(dpi)
        settings = self.settings()
        start = settings.index(self._current)
        urls = [frame_url + name for name in self.frame_names(dpi)]
        alts = [self.alt_text(s, d) for s, (_, d) in zip(settings, frames)]
        width, height = Image.open(io.BytesIO(frames[start][0])).size
        data = {
            "id": self.figure_id,
            "params": [
                {"name": name, "labels": [_value_label(v) for v in values]}
                for name, values in self.grid.items()
            ],
            "frames": urls,
            "alts": alts,
            "inert": self.inert_params(dpi),
        }
        controls = "".join(
            self._control_html(name, values, values.index(self._current[name]))
            for name, values in self.grid.items()
        )
        title = (
            f'<p class="relulab-explorer-title">{html.escape(self.title)}</p>' if self.title else ""
        )
        return (
            (f"<style>{_static_asset('explorer.css')}</style>" if assets else "")
            + f'<div class="relulab-explorer" id="{self.figure_id}">{title}'
            f'<div class="relulab-explorer-controls">{controls}</div>'
            f'<p class="relulab-explorer-note" id="{self.figure_id}-note" aria-live="polite"></p>'
            f'<img class="relulab-explorer-frame" width="{width}" height="{height}" '
            f'loading="lazy" decoding="async" '
            f'alt="{html.escape(alts[start])}" src="{html.escape(urls[start])}">'
            f'<script type="application/json" class="relulab-explorer-data">'
            f"{_json_for_html(data)}</script></div>"
            + (f"<script>{_static_asset('explorer.js')}</script>" if assets else "")
        )
