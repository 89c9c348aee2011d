"""One plot style for the whole book.

Colours are the Okabe-Ito palette, distinguishable with every common form of
colour blindness. Figures keep a white background, so they read the same in
the site's light and dark themes.

Text sizes are chosen for the page, not the notebook: a figure at most
``MAX_WIDTH_IN`` inches wide (820 px with its margins) is shown in the site's
672 px column at 0.82 of its size, so ``MIN_FONT_PT`` points stay above 80%
of the 16 px body text (tests/test_design.py measures it in the browser).
"""
from __future__ import annotations

import matplotlib as mpl
from matplotlib.figure import Figure
from matplotlib.text import Text

# Okabe & Ito (2008), "Color Universal Design".
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}

# The same activation always has the same colour, in every chapter.
ACTIVATION_COLORS = {
    "relu": PALETTE["blue"],
    "leaky_relu": PALETTE["orange"],
    "prelu": PALETTE["green"],
    "elu": PALETTE["purple"],
    "selu": PALETTE["sky"],
    "swish": PALETTE["vermillion"],
    "silu": PALETTE["vermillion"],
    "sigmoid": PALETTE["black"],
    "tanh": "#777777",
}

# The smallest text a figure may carry, and the widest figure, for the sizes above.
MIN_FONT_PT = 11.5
MAX_WIDTH_IN = 8.0

# Shading of the region z <= 0, where ReLU's gradient is zero.
DEAD_ZONE_COLOR = "#D55E0022"

STYLE = {
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": MIN_FONT_PT,
    "axes.titlesize": 12,
    "axes.labelsize": MIN_FONT_PT,
    "xtick.labelsize": MIN_FONT_PT,
    "ytick.labelsize": MIN_FONT_PT,
    "legend.fontsize": MIN_FONT_PT,
    "legend.title_fontsize": MIN_FONT_PT,
    "figure.titlesize": 12,
    "axes.grid": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": mpl.cycler(color=list(PALETTE.values())),
    "lines.linewidth": 2.0,
    "legend.frameon": False,
    "svg.hashsalt": "relulab",
    "figure.max_open_warning": 0,
}


def use_style() -> None:
    """Apply the book's matplotlib style (call once at the top of a chapter).

    Taught in: chapters/01_relu, whose setup cell calls it first (as every chapter's does).
    """
    mpl.rcParams.update(STYLE)


def smallest_font_pt(fig: Figure) -> float:
    """The size in points of the smallest visible text of ``fig`` (titles, labels, ticks, legends).

    The browser tests multiply it by the scale at which the page shows the
    figure; tests/test_figures.py holds every explorer to ``MIN_FONT_PT``.
    Taught in: no chapter; it keeps every chapter's figures readable.
    """
    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
    fig.canvas.draw()  # tick labels exist only after a draw
    sizes = [text.get_fontsize() for text in fig.findobj(Text)
             if text.get_visible() and text.get_text().strip()]
    if not sizes:
        raise ValueError("the figure has no visible text")
    return float(min(sizes))


def _activation_color(name: str) -> str:
    """The book's colour for an activation name (grey for anything else)."""
    return ACTIVATION_COLORS.get(name, "#777777")
