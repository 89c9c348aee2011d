"""Add "Launch in the browser" to each notebook chapter's launch menu: the same notebook in the JupyterLite site.

``make lite`` (tools/build_lite.py) builds that site into ``lite/`` beside the
book, with every chapter notebook at its top level. sphinx-book-theme's own
``jupyterlite_url`` takes one URL for every page and the repository path of
the notebook (``chapters/NN.ipynb``); this link is relative to each page, so
the book works from any address, and names the notebook as the lite site
holds it.

A second line in the menu says what the first click costs: the Pyodide kernel
fetches Pyodide, numpy and matplotlib from Pyodide's CDN; it links to the
intro's paragraph on which launch to use when.
"""
from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from sphinx.application import Sphinx
from sphinx.config import Config

LITE_APP = "lite/lab/index.html"
CDN_NOTE = "First click: Pyodide, numpy, matplotlib from Pyodide's CDN"
LAUNCH_GUIDE = "launch-guide"  # the target above the intro's paragraph on launches


def add_lite_launch_button(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if context.get("page_source_suffix") != ".ipynb":
        return
    notebook = f"{PurePosixPath(pagename).name}.ipynb"
    for group in context.get("header_buttons", []):
        if group.get("label") == "launch-buttons":
            group["buttons"][:0] = [
                {
                    "type": "link",
                    "url": f"{context['pathto'](LITE_APP, 1)}?path={quote(notebook)}",
                    "text": "Launch in the browser",
                    "tooltip": "Run this notebook in your browser with JupyterLite: nothing to install, no server",
                    "icon": "_static/images/logo_jupyterlite.svg",
                    "label": "launch-lite",
                },
                {
                    "type": "link",
                    "url": f"{context['pathto'](app.config.root_doc)}#{LAUNCH_GUIDE}",
                    "text": CDN_NOTE,
                    "tooltip": "Which launch to use when",
                    "icon": "fas fa-circle-info",
                    "label": "launch-lite-note",
                },
            ]


def add_static_files(app: Sphinx, config: Config) -> None:
    config.html_static_path.append(str(Path(__file__).parent / "lite_launch_static"))


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", add_static_files)
    app.add_css_file("lite_launch.css")
    # After sphinx-book-theme builds its launch menu (priority 501).
    app.connect("html-page-context", add_lite_launch_button, priority=510)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
