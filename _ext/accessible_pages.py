"""Repair the accessibility faults that docutils and myst-nb write into every page.

axe-core (WCAG 2.1 A/AA) reports two, fixed here in each page's body:

* the bibliography: docutils writes ``role="list"`` around citations marked
  ``role="doc-biblioentry"``, a role DPUB-ARIA 1.1 deprecated; a list must
  hold list items, so each citation becomes ``role="listitem"``;
* a hidden code cell's ``<summary>`` carries ``aria-label="Toggle hidden
  content"``, which hides its visible text ("Show code cell source") from the
  accessible name (WCAG 2.5.3, label in name); without the label the name is
  the visible text.

The theme's own search button is repaired by ``_templates/search-button-field.html``,
and a link's contrast by ``_static/fast.css``.
"""
from __future__ import annotations

from sphinx.application import Sphinx

REPAIRS = (
    ('role="doc-biblioentry"', 'role="listitem"'),
    ('<summary aria-label="Toggle hidden content">', "<summary>"),
)


def repair(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    body = context.get("body")
    if body:
        for fault, fixed in REPAIRS:
            body = body.replace(fault, fixed)
        context["body"] = body


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", repair)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
