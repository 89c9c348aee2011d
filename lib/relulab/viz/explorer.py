"""The Explorer: one figure over a small parameter grid, with its recipe and notebook output.

Its live side is :mod:`relulab.viz.live`, its website side :mod:`relulab.viz.static`;
build one with :func:`relulab.viz.interactive.explore`.

Taught in: chapters/01_relu, where the first explorer is shown.
"""
from __future__ import annotations

import hashlib
import importlib
import json
from collections.abc import Sequence
from typing import Any

from .drawing import Drawing, PlotFn
from .grid import ParamValue, _slug, _value_label
from .live import LiveView
from .static import StaticView

SPEC_KEY = "relulab-explorer"


def _import_object(module: str, qualname: str) -> Any:
    found: Any = importlib.import_module(module)
    for part in qualname.split("."):
        found = getattr(found, part)
    return found


class Explorer(LiveView, StaticView):
    """A figure with a small grid of parameters; build it with ``explore``.

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
        super().__init__(grid)
        self.plot_fn = plot_fn
        self.title = title
        self.figsize = figsize
        self._syncing = False
        self._frame_cache: dict[int, list[tuple[bytes, str]]] = {}
        self._live: dict[int, Drawing] = {}
        digest = hashlib.sha256(
            json.dumps([title, list(grid.items()), list(figsize)], sort_keys=True).encode()
        ).hexdigest()[:6]
        self.figure_id = f"{_slug(title or '') or 'explorer'}-{digest}"

    def spec(self) -> dict[str, Any] | None:
        """The compact recipe of this figure, for the book build; None if it cannot be rebuilt.

        The plot function (or ``InPlacePlot`` class) is named by module and
        qualified name, so it must be importable (defined in a module, not in
        a notebook).
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
