"""Let a page's first screen paint, and answer the reader, before the rest of the page is ready.

Measured with Lighthouse (mobile: 4x slower CPU), a chapter spent most of its
load in style and layout of its 13,000 elements (highlighted code, formulas
drawn as SVG), and its longest task was the theme measuring every scrolling
block of the page at once. This extension, with ``_static/fast.css``:

* defers the scripts Sphinx and its extensions put in ``<head>`` (they all
  wait for the page to be parsed anyway), so the first paint waits only for
  the stylesheets; ``documentation_options.js`` stays as it is, because the
  inline lines after it use what it defines, and so does the search page,
  whose template's own scripts use ``doctools.js`` as they run;
* replaces the theme's tab stops for scrolling blocks (pydata-sphinx-theme
  measures every code block and output on ``load``, which lays out the whole
  page, sections far below included): a block gets its tab stop when it
  comes within a screen of the viewport, and all of them at a keyboard
  reader's first Tab, before focus moves. ``fast.css`` leaves the code
  cells and inline formulas far below the screen unlaid out until the
  reader comes near (``content-visibility: auto``).
"""
from __future__ import annotations

import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

KEEP_BLOCKING = {"documentation_options.js"}
THEME_SCRIPT = Path("_static") / "scripts" / "pydata-sphinx-theme.js"
# The theme's (minified) function that gives every scrolling block its tab stop on load.
THEME_TAB_STOPS = re.compile(
    r'function (?P<name>[\w$]+)\(\)\{const [\w$]+=\(\)=>\{document\.querySelectorAll\(\["pre",.*?'
    r'\.observe\(document\.getElementById\("main-content"\),\{subtree:!0,childList:!0\}\),[\w$]+\(\)\}'
)
MARKER = "/* relulab: lazy tab stops (_ext/first_paint.py) */"
# The theme's selector and rule (plus the figures that scroll on a phone,
# _static/custom.css), applied as blocks come within a screen of the
# viewport, and again to those 300 ms after the window or the article changes
# (Mermaid drawing a diagram, as the theme's own pass watched for).
LAZY_TAB_STOPS = MARKER + """function NAME(){
const selector=["pre",".nboutput > .output_area",".cell_output > .output",".jp-RenderedHTMLCommon",".pst-scrollable-table-container",".cell_output > figure",".cell_output:has(> img)"].join(", ");
const update=(el)=>{el.tabIndex=el.scrollWidth>el.clientWidth||el.scrollHeight>el.clientHeight?0:-1};
const observer=new IntersectionObserver((entries)=>entries.forEach((entry)=>{if(entry.isIntersecting)update(entry.target)}),{rootMargin:"100% 0px"});
const watch=()=>{observer.disconnect();document.querySelectorAll(selector).forEach((el)=>observer.observe(el))};
let pending=null;
const later=()=>{clearTimeout(pending);pending=setTimeout(watch,300)};
window.addEventListener("resize",later);
new MutationObserver(later).observe(document.getElementById("main-content"),{subtree:true,childList:true});
let measured=false;
document.addEventListener("keydown",(event)=>{if(event.key!=="Tab"||measured)return;measured=true;document.querySelectorAll(selector).forEach(update)},true);
watch()}"""


def defer_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if templatename == "search.html":
        return  # its template's own scripts, not deferred, use doctools.js at once
    scripts = context.get("script_files", [])
    for index, script in enumerate(scripts):
        name = Path(str(script.filename or "")).name
        attributes = script.attributes
        if not script.filename or name in KEEP_BLOCKING or {"async", "defer"} & set(attributes):
            continue
        if attributes.get("type", "text/javascript") != "text/javascript":
            continue
        scripts[index] = type(script)(script.filename, priority=script.priority,
                                      **{**attributes, "defer": "defer"})


def lazy_tab_stops(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    path = Path(app.outdir) / THEME_SCRIPT
    if not path.is_file():
        return
    text = path.read_text(encoding="utf-8")
    if MARKER in text:
        return
    found = list(THEME_TAB_STOPS.finditer(text))
    if len(found) != 1:
        logger.warning("first_paint: the theme's script changed; it measures every block on load")
        return
    lazy = LAZY_TAB_STOPS.replace("NAME", found[0]["name"])
    path.write_text(text[:found[0].start()] + lazy + text[found[0].end():], encoding="utf-8")


def setup(app: Sphinx) -> dict:
    # After the extensions that add scripts, and after lean_pages has dropped some.
    app.connect("html-page-context", defer_scripts, priority=995)
    app.connect("build-finished", lazy_tab_stops)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
