"""relulab.viz: the book's drawing layer, apart from the numerical core.

* ``plotting``: the one plot style (palette, text sizes) every figure uses;
* ``interactive``: ``explore`` and ``Explorer``, one figure live in a kernel
  (ipywidgets) and kernel-free on the website (frames drawn by the book build);
  it fronts ``grid`` (the parameters), ``drawing`` (views as PNG, afresh or in
  place), ``live`` (the widgets), ``static`` (frames and HTML) and ``explorer``;
* ``figures``: the book's interactive figures, drawing only: every number
  they show comes from the numerical core.

Importing it imports matplotlib; ``import relulab`` alone does not.
"""
from . import figures, interactive, plotting

__all__ = ["figures", "interactive", "plotting"]
