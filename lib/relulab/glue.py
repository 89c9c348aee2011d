"""Carry a computed number or word from a code cell into the prose around it.

Every chapter uses it: a sentence quotes ``{glue:text}`key:.2f``` instead of a
hand-typed figure, so a rerun that changes the number changes the sentence.
"""
from __future__ import annotations

import math
from numbers import Integral, Real
from typing import Any

import numpy as np

# myst-nb's glue reads any output whose metadata carries a "scrapbook" name and
# whose MIME types carry this prefix (myst_nb.ext.glue.extract_glue_data_cell).
# Writing the same output here keeps myst-nb out of the reader's requirements.
GLUE_PREFIX = "application/papermill.record/"


def _glue_bundle(name: str, value: Any) -> tuple[dict[str, str], dict[str, Any]]:
    """The display data and metadata of one glued value (see :func:`glue`)."""
    if not isinstance(name, str) or not name.isidentifier():
        raise ValueError(f"a glue name must be a Python identifier such as 'selu_variance', got {name!r}.")
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, (str, Real)):
        raise TypeError(f"glue {name!r}: value must be a str, int or float, got {type(value).__name__}.")
    if isinstance(value, Real) and not isinstance(value, Integral) and not math.isfinite(value):
        raise ValueError(f"glue {name!r}: value is {value}; only finite numbers can be quoted in the text.")
    if isinstance(value, Integral):
        value = int(value)
    elif isinstance(value, Real):
        # 12 significant digits: a sum taken in another order (another BLAS,
        # another CPU) may change the last bits, and no sentence quotes more.
        value = float(f"{float(value):.12g}")
    # repr: myst-nb literal-evaluates text/plain, so a str loses its quotes and
    # a number keeps every digit for the role's format spec (e.g. key:.2f).
    data = {GLUE_PREFIX + "text/plain": repr(value)}
    metadata = {"scrapbook": {"name": name, "mime_prefix": GLUE_PREFIX}}
    return data, metadata


def glue(name: str, value: str | float | int) -> None:
    """Store ``value`` under ``name`` for the prose, showing nothing in the notebook.

    In markdown, ``{glue:text}`name``` prints it and ``{glue:text}`name:.2f```
    formats a number. The output is the one ``myst_nb.glue(name, value,
    display=False)`` writes, so the book build finds it, while the notebook
    still runs where myst-nb is not installed (Binder, Colab, a laptop).

    Taught in: chapters/01_relu (first use); every chapter quotes its numbers with it.

    Parameters
    ----------
    name : str
        A Python identifier, unique within the notebook (the build warns on a repeat).
    value : str, int or float
        A finite number (numpy scalars are accepted) or a short text, such as a
        verdict word computed from the numbers.
    """
    from IPython.display import display

    data, metadata = _glue_bundle(name, value)
    display(data, raw=True, metadata=metadata)
