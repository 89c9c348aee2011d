"""Put the whole book's PDF in every page's download menu, beside .ipynb and .md.

``make pdf`` (tools/book_pdf.py) prints the book to ``relu-vs-leaky-relu.pdf``
at the site's root after the build. The theme's own ".pdf" entry only opens
the browser's print dialog for the page at hand; it stays, named for what it does.
"""
from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

# tools/book_pdf.py's BOOK_NAME (tests/test_page_menus.py checks they agree).
BOOK_PDF = "relu-vs-leaky-relu.pdf"


def add_book_pdf_download(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    for group in context.get("header_buttons", []):
        if group.get("label") != "download-buttons":
            continue
        for button in group["buttons"]:
            if button.get("label") == "download-pdf-button":
                button["text"] = "print page"
        group["buttons"].append({
            "type": "link",
            "url": context["pathto"](BOOK_PDF, 1),
            "text": "book .pdf",
            "tooltip": "Download the whole book as one PDF",
            "icon": "fas fa-book",
            "label": "download-book-pdf-button",
        })


def setup(app: Sphinx) -> dict:
    # After sphinx-book-theme builds its download menu (priority 501).
    app.connect("html-page-context", add_book_pdf_download, priority=510)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
