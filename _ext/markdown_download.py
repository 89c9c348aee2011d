"""Offer each notebook chapter as MyST Markdown too: the download menu then has
.ipynb, .md and .pdf.

The .md file is the notebook in jupytext's MyST format: the text and the code,
without outputs. It reads well in any editor or diff, and Jupyter (with
jupytext) or myst-nb opens it as a notebook again.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import jupytext
from sphinx.application import Sphinx

SOURCES = "_sources"


def add_markdown_download(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if context.get("page_source_suffix") != ".ipynb":
        return
    notebook = jupytext.read(Path(app.srcdir) / f"{pagename}.ipynb")
    target = Path(app.outdir) / SOURCES / f"{pagename}.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(jupytext.writes(notebook, fmt="md:myst"), encoding="utf-8")
    for group in context.get("header_buttons", []):
        if group.get("label") == "download-buttons":
            group["buttons"].insert(1, {
                "type": "link",
                "url": f"{context['pathto'](SOURCES, 1)}/{pagename}.md",
                "text": ".md",
                "tooltip": "Download as MyST Markdown (text and code, no outputs)",
                "icon": "fas fa-file-lines",
                "label": "download-markdown-button",
            })


def setup(app: Sphinx) -> dict:
    # After sphinx-book-theme builds its download menu (priority 501).
    app.connect("html-page-context", add_markdown_download, priority=510)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
