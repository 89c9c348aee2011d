"""Name the book once in the home page's browser tab, whose heading is the book's title.

Sphinx's tab title is "page title — book title"; on the home page both are
the book's title, so the page part becomes "Home". Every other page keeps
its own title.
"""
from __future__ import annotations

import re

from sphinx.application import Sphinx

HOME = "Home"


def plain(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text or "").strip()


def single_title(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object) -> None:
    if pagename == app.config.root_doc and plain(context.get("title", "")) == plain(context.get("docstitle", "")):
        context["title"] = HOME


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", single_title)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
