"""The page's download menu: the notebook as .ipynb and as .md, the page printed, the whole book as .pdf.

* A notebook chapter is offered as MyST Markdown too: the notebook in
  jupytext's MyST format, text and code without outputs. It reads well in any
  editor or diff, and Jupyter (with jupytext) or myst-nb opens it as a
  notebook again.
* ``make pdf`` (tools/book_pdf.py) prints the whole book to
  ``relu-vs-leaky-relu.pdf`` at the site's root after the build; every page
  links to it. The theme's own ".pdf" entry only opens the browser's print
  dialog for the page at hand; it stays, named for what it does.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import jupytext
from sphinx.application import Sphinx

SOURCES = "_sources"
# tools/book_pdf.py's BOOK_NAME (tests/test_page_menus.py checks they agree).
BOOK_PDF = "relu-vs-leaky-relu.pdf"


def download_buttons(context: dict[str, Any]) -> list[dict]:
    """The download menu's entries, as sphinx-book-theme built them (empty if it has none)."""
    for group in context.get("header_buttons", []):
        if group.get("label") == "download-buttons":
            return group["buttons"]
    return []


def markdown_copy(app: Sphinx, pagename: str) -> str:
    """Write the notebook ``pagename`` as MyST Markdown beside the sources; its URL from the site root."""
    notebook = jupytext.read(Path(app.srcdir) / f"{pagename}.ipynb")
    target = Path(app.outdir) / SOURCES / f"{pagename}.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(jupytext.writes(notebook, fmt="md:myst"), encoding="utf-8")
    return f"{SOURCES}/{pagename}.md"


def fill_download_menu(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    buttons = download_buttons(context)
    if not buttons:
        return
    if context.get("page_source_suffix") == ".ipynb":
        buttons.insert(1, {
            "type": "link",
            "url": context["pathto"](markdown_copy(app, pagename), 1),
            "text": ".md",
            "tooltip": "Download as MyST Markdown (text and code, no outputs)",
            "icon": "fas fa-file-lines",
            "label": "download-markdown-button",
        })
    for button in buttons:
        if button.get("label") == "download-pdf-button":
            button["text"] = "print page"
    buttons.append({
        "type": "link",
        "url": context["pathto"](BOOK_PDF, 1),
        "text": "book .pdf",
        "tooltip": "Download the whole book as one PDF",
        "icon": "fas fa-book",
        "label": "download-book-pdf-button",
    })


def setup(app: Sphinx) -> dict:
    # After sphinx-book-theme builds its download menu (priority 501).
    app.connect("html-page-context", fill_download_menu, priority=510)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
