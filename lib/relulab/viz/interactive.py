"""Interactive figures that work in a live kernel *and* on the static website.

A Jupyter Book page has no kernel, so an ipywidgets slider there moves but the
plot never changes. ``explore`` gives one figure three faces:

* **live kernel** (JupyterLab, Notebook, VS Code, Binder): ipywidgets controls
  and an ``ipywidgets.Image`` holding Agg PNG bytes; moving a control redraws.
* **website**: plain HTML inputs, one PNG file per point of the parameter
  grid (the first an ordinary ``<img>``, the others fetched when the reader
  comes near or moves a control), and a small script of ours that swaps frames
  and keeps the view in the URL hash, e.g.
  ``#activation-functions-1a2b3c:name=elu&alpha=0.3`` (a link to one exact view).
  The book build asks for it explicitly: the notebook output carries a compact
  recipe (:meth:`Explorer.spec`, in the output's metadata under ``SPEC_KEY``),
  and the build's Sphinx extension (``_ext/static_explorers.py``) rebuilds the
  figure with :func:`explorer_from_spec` and writes :meth:`Explorer.frame_files`
  and :meth:`Explorer.static_html` into the site.
* **committed notebook / nbval**: a small deterministic HTML placeholder.

Every figure of the book is built this way (see ``relulab.viz.figures``).
Taught in: every chapter with an interactive figure, first chapters/01_relu.
"""
from __future__ import annotations

import hashlib
import html
import inspect
import io
import itertools
import json
import math
import numbers
import importlib
import re
from collections.abc import Callable, Sequence
from functools import cached_property, partial
from importlib import resources
from typing import Any

import matplotlib as mpl
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

__all__ = [
    "Explorer",
    "explore",
    "explorer_from_spec",
    "SPEC_KEY",
    "MAX_FRAMES",
]

SPEC_KEY = "relulab-explorer"
MAX_FRAMES = 64
DEFAULT_FIGSIZE = (8.0, 3.2)
LIVE_DPI = 96
STATIC_DPI = 90
# 128 colours keep antialiased lines and text clean while a frame of a line
# plot shrinks to roughly a third of its full-colour size.
STATIC_COLOURS = 128

ParamValue = int | float | str
PlotFn = Callable[..., Any]


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


def _slug(text: str, limit: int = 32) -> str:
    """Lower-case words joined by hyphens, cut at a word boundary: a readable id for links."""
    slug = ""
    for word in re.findall(r"[a-z0-9]+", text.lower()):
        if slug and len(slug) + 1 + len(word) > limit:
            break
        slug = f"{slug}-{word}" if slug else word[:limit]
    return slug


def _static_asset(name: str) -> str:
    return resources.files("relulab.viz").joinpath("static", name).read_text(encoding="utf-8")


def _json_for_html(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element (no ``</script>`` can appear)."""
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=True, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class Explorer:
    """A figure with a small grid of parameters; build it with :func:`explore`.

    Attributes
    ----------
    figure_id : str
        Stable id derived from the title and the grid (used as HTML id and in the
        URL hash), e.g. ``"activation-functions-1a2b3c"``.
    grid : dict[str, tuple]
        Parameter name -> allowed values, in the order given.
    params : dict[str, value]
        The current setting (starts at the first value of every list).
    """

    def __init__(
        self,
        plot_fn: PlotFn,
        grid: dict[str, tuple[ParamValue, ...]],
        *,
        title: str | None,
        figsize: tuple[float, float],
    ) -> None:
        self.plot_fn = plot_fn
        self.grid = grid
        self.title = title
        self.figsize = figsize
        self._current = {name: values[0] for name, values in grid.items()}
        self._syncing = False
        self._frame_cache: dict[int, list[tuple[bytes, str]]] = {}
        self._live_layout: list[Any] | None = None
        digest = hashlib.sha256(
            json.dumps([title, list(grid.items()), list(figsize)], sort_keys=True).encode()
        ).hexdigest()[:6]
        self.figure_id = f"{_slug(title or '') or 'explorer'}-{digest}"

    # -- rendering ---------------------------------------------------------
    @property
    def params(self) -> dict[str, ParamValue]:
        return dict(self._current)

    @property
    def n_frames(self) -> int:
        return math.prod(len(values) for values in self.grid.values())

    def settings(self) -> list[dict[str, ParamValue]]:
        """Every point of the grid, first parameter slowest (the frame order)."""
        names = list(self.grid)
        return [dict(zip(names, combo)) for combo in itertools.product(*self.grid.values())]

    def _draw(
        self, params: dict[str, ParamValue], dpi: int, *, reuse_layout: bool = False
    ) -> tuple[FigureCanvasAgg, str]:
        # rc_context: whatever style plot_fn sets stays inside this one drawing.
        with mpl.rc_context():
            frozen = self._live_layout if reuse_layout else None
            fig = Figure(figsize=self.figsize, dpi=dpi, layout=None if frozen else "constrained")
            canvas = FigureCanvasAgg(fig)
            described = self.plot_fn(fig, **params)
            if frozen is not None and len(frozen) == len(fig.axes):
                for ax, position in zip(fig.axes, frozen):
                    ax.set_position(position)
            elif frozen is not None:
                fig.set_layout_engine("constrained")
            canvas.draw()
            if reuse_layout and frozen is None:
                self._live_layout = [ax.get_position() for ax in fig.axes]
        description = described if isinstance(described, str) else ""
        return canvas, description

    def render(self, dpi: int = LIVE_DPI) -> bytes:
        """Full-colour PNG bytes of the current setting (what the live widget shows).

        The first live drawing solves the constrained layout; later ones reuse
        its axes positions, which halves the time from a control change to
        the new image (the layout solver costs as much as the drawing).
        """
        canvas, _ = self._draw(self._current, dpi, reuse_layout=True)
        # Encode the buffer just drawn: canvas.print_png would draw the figure again.
        rgb = Image.fromarray(np.asarray(canvas.buffer_rgba())).convert("RGB")
        buffer = io.BytesIO()
        rgb.save(buffer, format="png", compress_level=1)
        return buffer.getvalue()

    def _frame(self, params: dict[str, ParamValue], dpi: int) -> tuple[bytes, str]:
        canvas, description = self._draw(params, dpi)
        rgb = Image.fromarray(np.asarray(canvas.buffer_rgba())).convert("RGB")
        small = rgb.quantize(
            colors=STATIC_COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
        )
        buffer = io.BytesIO()
        small.save(buffer, format="png", optimize=True)
        return buffer.getvalue(), description

    def frames(self, dpi: int = STATIC_DPI) -> list[tuple[bytes, str]]:
        """(PNG bytes, description) for every grid point, in :meth:`settings` order.

        Computed once per dpi: a page may ask for its HTML more than once.
        """
        if dpi not in self._frame_cache:
            self._frame_cache[dpi] = [self._frame(s, dpi) for s in self.settings()]
        return self._frame_cache[dpi]

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

    def alt_text(self, params: dict[str, ParamValue], description: str = "") -> str:
        """Alt text of one view: title, the setting, and what the plot function said."""
        setting = ", ".join(f"{name} = {_value_label(value)}" for name, value in params.items())
        parts = [self.title or "Interactive figure", setting]
        if description:
            parts.append(description)
        return ". ".join(part.rstrip(".") for part in parts) + "."

    # -- live kernel ------------------------------------------------------
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

    def update(self, **changes: ParamValue) -> Explorer:
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

    # -- HTML -------------------------------------------------------------
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

    def spec(self) -> dict[str, Any] | None:
        """The compact recipe of this figure, for the book build; None if it cannot be rebuilt.

        The plot function is named by module and qualified name, so it must be
        importable (a function of a module, not one defined in a notebook).
        """
        module = getattr(self.plot_fn, "__module__", None)
        qualname = getattr(self.plot_fn, "__qualname__", "")
        if not module or module == "__main__" or "<" in qualname:
            return None
        try:
            if _import_object(module, qualname) is not self.plot_fn:
                return None
        except (ImportError, AttributeError):
            return None
        return {
            "plot": f"{module}:{qualname}",
            "title": self.title,
            "figsize": list(self.figsize),
            # Pairs, not a mapping: the order of the controls is part of the
            # figure, and a notebook file sorts its mappings' keys.
            "grid": [[name, list(values)] for name, values in self.grid.items()],
            "start": dict(self._current),
        }

    def __repr__(self) -> str:
        controls = "; ".join(
            f"{name} in [{', '.join(_value_label(v) for v in values)}]"
            for name, values in self.grid.items()
        )
        return f"Explorer({self.title or 'untitled'!r}: {controls})"

    def _repr_mimebundle_(
        self, include: Sequence[str] | None = None, exclude: Sequence[str] | None = None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        view = self.widget._repr_mimebundle_()
        data = {
            "text/plain": repr(self),
            "text/html": self.placeholder_html(),
            "application/vnd.jupyter.widget-view+json": view[
                "application/vnd.jupyter.widget-view+json"
            ],
        }
        # Metadata, which nbval does not compare: the recipe the book build reads.
        spec = self.spec()
        return data, ({SPEC_KEY: spec} if spec is not None else {})


def _import_object(module: str, qualname: str) -> Any:
    found: Any = importlib.import_module(module)
    for part in qualname.split("."):
        found = getattr(found, part)
    return found


def explorer_from_spec(spec: dict[str, Any]) -> Explorer:
    """Rebuild an explorer from :meth:`Explorer.spec` (what the book build does).

    Taught in: used by the book build only (``_ext/static_explorers.py``); the
    figures themselves are taught from chapters/01_relu on.
    """
    if not isinstance(spec, dict) or not {"plot", "grid", "start"} <= set(spec):
        raise ValueError(f"explorer_from_spec(): not an explorer recipe: {spec!r}")
    module, _, qualname = str(spec["plot"]).partition(":")
    try:
        plot_fn = _import_object(module, qualname)
    except (ImportError, AttributeError) as error:
        raise ValueError(f"explorer_from_spec(): cannot import {spec['plot']!r}: {error}") from None
    figsize = tuple(spec.get("figsize") or DEFAULT_FIGSIZE)
    try:
        grid = {str(name): values for name, values in spec["grid"]}
    except (TypeError, ValueError):
        raise ValueError(f"explorer_from_spec(): the grid must be [name, values] pairs: {spec['grid']!r}") from None
    explorer = explore(plot_fn, title=spec.get("title"), figsize=figsize, **grid)
    return explorer.update(**spec["start"])


def explore(
    plot_fn: PlotFn,
    *,
    title: str | None = None,
    figsize: tuple[float, float] = DEFAULT_FIGSIZE,
    **grid: list[ParamValue],
) -> Explorer:
    """Make an interactive figure over a small grid of parameter values.

    ``plot_fn(fig, **params)`` draws one view on a fresh matplotlib ``Figure``
    (Agg canvas, constrained layout); it may return a short sentence that
    describes the view (used as alt text on the website). The grid's size is
    the product of the list lengths and must stay at most ``MAX_FRAMES``,
    because the website carries one PNG frame per grid point.

    Parameters
    ----------
    plot_fn : callable
        ``plot_fn(fig, **params)``, accepting every grid name as a keyword.
    title : str, optional
        Shown above the figure; part of the figure's id.
    figsize : (float, float)
        Figure size in inches.
    **grid : list of numbers or list of strings
        Parameter name -> values; the first value is the initial view.

    Returns
    -------
    Explorer
        Shows live ipywidgets in a kernel, static frames on the website.

    Examples
    --------
    >>> def plot(fig, alpha):
    ...     ax = fig.subplots()
    ...     ax.plot([-1, 0, 1], [-alpha, 0, 1])
    >>> explore(plot, title="Leaky ReLU", alpha=[0.01, 0.1, 0.3])
    Explorer('Leaky ReLU': alpha in [0.01, 0.1, 0.3])

    Taught in: chapters/01_relu (first use); built on in every chapter's figures.
    """
    if not callable(plot_fn):
        raise TypeError(
            f"explore(): plot_fn must be callable as plot_fn(fig, **params); "
            f"got {type(plot_fn).__name__}"
        )
    if title is not None and not isinstance(title, str):
        raise TypeError(f"explore(): title must be a string or None; got {type(title).__name__}")
    if (
        not isinstance(figsize, (tuple, list))
        or len(figsize) != 2
        or not all(isinstance(s, numbers.Real) and 0 < s <= 20 for s in figsize)
    ):
        raise ValueError(f"explore(): figsize must be (width, height) in inches, 0-20; got {figsize!r}")
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
    try:
        inspect.signature(plot_fn).bind(None, **{n: v[0] for n, v in cleaned.items()})
    except TypeError as error:
        raise TypeError(
            f"explore(): plot_fn cannot be called as plot_fn(fig, {', '.join(cleaned)}=...): {error}"
        ) from None
    return Explorer(plot_fn, cleaned, title=title, figsize=(float(figsize[0]), float(figsize[1])))
