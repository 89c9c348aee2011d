"""Serve Mermaid from the site itself when it is vendored.

``tools/vendor_mermaid.sh`` copies it from ``node_modules`` (pinned by
``package-lock.json``) into ``_static/mermaid/``. ``_config.yml`` cannot
branch on whether that happened, so this extension does: it points
``mermaid_use_local`` at the copy when it exists, and otherwise leaves the CDN
default and says so in the build log. MathJax is not served: with Node.js the
formulas are typeset at build time (``_ext/build_math.py``), and without it
Sphinx loads MathJax from its CDN.

It also removes duplicated inline scripts from every page. Sphinx 7.4 registers
an inline script added after ``Builder.init()`` twice (once as ``None``, once
as ``''``), so sphinx-thebe's ``const THEBE_JS_URL`` was declared twice and the
browser reported a SyntaxError on every page.
"""
from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

logger = logging.getLogger(__name__)

MERMAID_ENTRY = "mermaid/mermaid.esm.min.mjs"
VENDORED_DIRS = ("mermaid/",)


def _script_name(entry: str | tuple) -> str:
    return entry[0] if isinstance(entry, tuple) else entry


def use_vendored_assets(app: Sphinx, config: Config) -> None:
    static = Path(app.srcdir) / "_static"

    # Jupyter Book adds every *.js under _static/ as a <script> on every page;
    # Mermaid's entry point imports its chunks itself, so its files must not be.
    config.html_js_files = [
        entry
        for entry in config.html_js_files
        if not _script_name(entry).startswith(VENDORED_DIRS)
    ]

    if (static / MERMAID_ENTRY).is_file():
        config.mermaid_use_local = MERMAID_ENTRY
    else:
        logger.info(
            "local_assets: _static/%s is missing (run `make assets`, needs npm); "
            "diagrams will load Mermaid from its CDN.",
            MERMAID_ENTRY,
        )


def drop_duplicate_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object
) -> None:
    scripts = context.get("script_files")
    if not scripts:
        return
    seen = set()
    unique = []
    for script in scripts:
        key = (
            script.filename or "",
            script.priority,
            tuple(sorted(script.attributes.items())),
        )
        if key not in seen:
            seen.add(key)
            unique.append(script)
    # In place: the theme renders this very list; Sphinx restores it per page.
    scripts[:] = unique


def setup(app: Sphinx) -> dict:
    # After the extensions' own config-inited handlers (default priority 500).
    app.connect("config-inited", use_vendored_assets, priority=900)
    # After every extension has added its per-page scripts.
    app.connect("html-page-context", drop_duplicate_scripts, priority=999)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
