"""Typeset the book's formulas at build time, so that no page loads MathJax.

MathJax in the browser is 1.1 MB of script on every page with a formula (seconds
of a phone's main thread) and formulas that change height once typeset (layout
shift). When Node.js and the pinned ``mathjax-full`` package are here
(``make assets``: ``npm ci``), this extension

* renders math with its own renderer, ``build_math``: the same HTML as Sphinx's
  ``mathjax`` renderer (the TeX between ``\\( \\)`` or ``\\[ \\]``), without the
  MathJax script and its configuration, and with ``_static/math.css`` on the
  pages that have formulas;
* after the build, runs ``tools/typeset_math.mjs`` over the site: every formula
  becomes MathJax's SVG output with its MathML for screen readers, and the
  stylesheet ``_static/math.css`` is written.

Without them, Sphinx's ``mathjax`` renderer stays, and the browser typesets the
formulas as before, with MathJax from its CDN.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.ext.mathjax import html_visit_displaymath, html_visit_math
from sphinx.util import logging

logger = logging.getLogger(__name__)

RENDERER = "build_math"
STYLESHEET = "math.css"
SCRIPT = Path(__file__).resolve().parents[1] / "tools" / "typeset_math.mjs"


def typesetter_ready(srcdir: Path) -> bool:
    """Node.js and the pinned mathjax-full package, both needed by tools/typeset_math.mjs."""
    return shutil.which("node") is not None and (srcdir / "node_modules" / "mathjax-full" / "package.json").is_file()


def choose_renderer(app: Sphinx, config: Config) -> None:
    # Named either way: with two renderers registered, Sphinx will not pick one.
    if typesetter_ready(Path(app.srcdir)):
        config.html_math_renderer = RENDERER
    else:
        config.html_math_renderer = "mathjax"
        logger.info(
            "build_math: node or node_modules/mathjax-full is missing (run `make assets`, needs npm); "
            "formulas will be typeset in the browser by MathJax."
        )


def typesetting_here(app: Sphinx) -> bool:
    return app.builder.format == "html" and getattr(app.builder, "math_renderer_name", None) == RENDERER


def add_stylesheet(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if typesetting_here(app) and app.env.get_domain("math").has_equations(pagename):
        # Undone by Sphinx after this page, like the mathjax renderer's script.
        app.builder.add_css_file(STYLESHEET)


def typeset_site(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not typesetting_here(app):
        return
    done = subprocess.run(
        ["node", str(SCRIPT), str(app.outdir)], cwd=app.srcdir, capture_output=True, text=True
    )
    if done.returncode != 0:
        # A warning fails the -W build: pages would otherwise show raw TeX.
        logger.warning("build_math: tools/typeset_math.mjs failed:\n%s", done.stderr.strip())
    else:
        logger.info(done.stdout.strip())


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx.ext.mathjax")
    app.add_html_math_renderer(RENDERER, (html_visit_math, None), (html_visit_displaymath, None))
    app.connect("config-inited", choose_renderer)
    app.connect("html-page-context", add_stylesheet)
    app.connect("build-finished", typeset_site)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
