"""One plot style for the whole book.

Colours are the Okabe-Ito palette, distinguishable with every common form of
colour blindness. Figures keep a white background, so they read the same in
the site's light and dark themes.
"""
from __future__ import annotations

import matplotlib as mpl

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

# Shading of the region z <= 0, where ReLU's gradient is zero.
DEAD_ZONE_COLOR = "#D55E0022"

STYLE = {
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
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
    """Apply the book's matplotlib style (call once at the top of a chapter)."""
    mpl.rcParams.update(STYLE)


def activation_color(name: str) -> str:
    """The book's colour for an activation name (grey for anything else)."""
    return ACTIVATION_COLORS.get(name, "#777777")
