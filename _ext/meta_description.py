"""Give every page a ``<meta name="description">``: its first paragraph, shortened.

Search engines show it under the page's title, and Lighthouse's SEO audit
requires it. A page may set its own with ``description`` in its front matter
(``html_meta`` in Sphinx terms); this extension fills in only the missing ones.
"""
from __future__ import annotations

import html
import re

from docutils import nodes
from sphinx.application import Sphinx

LIMIT = 160  # characters a search result shows


def first_paragraph(doctree: nodes.document) -> str:
    """The text of the document's first paragraph that reads as prose."""
    for paragraph in doctree.findall(nodes.paragraph):
        if paragraph.next_node(nodes.raw) or isinstance(paragraph.parent, (nodes.field_body, nodes.entry)):
            continue
        text = re.sub(r"\s+", " ", paragraph.astext()).strip()
        if len(text.split()) >= 8:
            return text
    return ""


def shortened(text: str, limit: int = LIMIT) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis if cut."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"


def add_description(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: nodes.document | None) -> None:
    if 'name="description"' in context.get("metatags", ""):
        return
    if doctree is None:
        # The search page has no prose of its own; it still needs a description (Lighthouse SEO).
        if pagename != "search":
            return
        text = shortened(f"Search the pages of {app.config.project}.")
    else:
        text = shortened(first_paragraph(doctree))
    if text:
        context["metatags"] = context.get("metatags", "") + f'\n<meta name="description" content="{html.escape(text)}" />'


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", add_description)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
