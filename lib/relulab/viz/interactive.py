"""Interactive figures that work in a live kernel *and* on the static website.

A Jupyter Book page has no kernel, so an ipywidgets slider there moves but the
plot never changes. ``explore`` gives one figure three faces:

* **live kernel** (JupyterLab, Notebook, VS Code, Binder): ipywidgets controls
  and an ``ipywidgets.Image`` holding Agg PNG bytes; moving a control redraws
  (:mod:`relulab.viz.live`; a figure written as an :class:`InPlacePlot` is
  changed in place, :mod:`relulab.viz.drawing`).
* **website**: plain HTML inputs, one PNG file per point of the parameter
  grid (the first an ordinary ``<img>``, the others fetched when the reader
  comes near or moves a control), and a small script of ours that swaps frames
  and keeps the view in the URL hash, e.g.
  ``#activation-functions-1a2b3c:name=elu&alpha=0.3`` (a link to one exact view).
  The book build asks for it explicitly: the notebook output carries a compact
  recipe (:meth:`Explorer.spec`, in the output's metadata under ``SPEC_KEY``),
  and the build's Sphinx extension (``_ext/static_explorers.py``) rebuilds the
  figure with :func:`explorer_from_spec` and writes :meth:`Explorer.frame_files`
  and :meth:`Explorer.static_html` into the site (:mod:`relulab.viz.static`).
* **committed notebook / nbval**: a small deterministic HTML placeholder.

Every figure of the book is built this way (see ``relulab.viz.figures``).
This module is the public front: the two ways to make an explorer, and the
names the chapters, the build and the tests import.
Taught in: every chapter with an interactive figure, first chapters/01_relu.
"""
from __future__ import annotations

import inspect
import numbers
from typing import Any

from .drawing import DEFAULT_FIGSIZE, STATIC_DPI, InPlacePlot, PlotFn, _in_place
from .explorer import SPEC_KEY, Explorer, _import_object
from .grid import MAX_FRAMES, ParamValue, _clean_grid

__all__ = [
    "Explorer",
    "InPlacePlot",
    "explore",
    "explorer_from_spec",
    "SPEC_KEY",
    "MAX_FRAMES",
    "STATIC_DPI",
]


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
    because the website carries one PNG frame per grid point. ``plot_fn`` may
    also be a subclass of :class:`InPlacePlot`, whose artists are made once
    and changed in place: the book's own figures are, for fast live updates.

    Parameters
    ----------
    plot_fn : callable or InPlacePlot subclass
        ``plot_fn(fig, **params)``, accepting every grid name as a keyword
        (for an ``InPlacePlot``, its ``update(**params)``).
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
    cleaned = _clean_grid(grid)
    names = ", ".join(cleaned)
    # An InPlacePlot takes the parameters in update(self, ...), whose self stands where fig does.
    if _in_place(plot_fn):
        target, call = plot_fn.update, f"plot_fn(fig).update({names}=...)"
    else:
        target, call = plot_fn, f"plot_fn(fig, {names}=...)"
    try:
        inspect.signature(target).bind(None, **{n: v[0] for n, v in cleaned.items()})
    except TypeError as error:
        raise TypeError(f"explore(): plot_fn cannot be called as {call}: {error}") from None
    return Explorer(plot_fn, cleaned, title=title, figsize=(float(figsize[0]), float(figsize[1])))
