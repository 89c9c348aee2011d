"""Print chapter 8's sheet, as the built site renders it, to a PDF of one or two pages.

Usage: ``.venv/bin/python tools/cheat_sheet.py`` after ``jupyter-book build``
(``make book`` runs it). The PDF is the page's own "The sheet" section, with
its formulas, tables and diagram as the browser draws them, so it can never
say something the page does not. It is written to ``_build/html/`` under
``SHEET_NAME``; the chapter links to it.

Without Chromium (or Playwright) it says so and writes nothing: the site is
still complete, and the browser tests, required in CI, fail on the missing PDF.
"""
from __future__ import annotations

from pathlib import Path

from site_browser import open_rendered, site_browser

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "_build" / "html"
PAGE = "chapters/08_interview_revision.html"
SHEET_NAME = "relu-vs-leaky-relu-cheat-sheet.pdf"
SECTION = "the-sheet"

# Keep only the sheet: the page's head (styles) stays, the body becomes the
# rendered section under a title line, links print as text.
KEEP_SHEET = """([section, title, url]) => {
    const sheet = document.getElementById(section).cloneNode(true);
    sheet.querySelectorAll('a.headerlink, .copybtn, button').forEach(e => e.remove());
    const main = document.createElement('main');
    main.className = 'relulab-cheat-sheet';
    const heading = document.createElement('p');
    heading.className = 'relulab-cheat-sheet-title';
    heading.textContent = title + ' \u2014 ' + url;
    main.append(heading, sheet);
    // The formulas' glyphs, which typeset formulas draw by reference (tools/typeset_math.mjs).
    const glyphs = document.getElementById('MJX-SVG-global-cache');
    document.body.replaceChildren(...(glyphs ? [main, glyphs] : [main]));
    document.documentElement.dataset.theme = 'light';
}"""
PRINT_CSS = """
html, body { background: #fff !important; }
.relulab-cheat-sheet { font-size: 10.5px; line-height: 1.35; max-width: none; }
.relulab-cheat-sheet-title { font-size: 9px; color: #444; margin: 0 0 4px; }
.relulab-cheat-sheet h2 { font-size: 17px; margin: 0 0 4px; }
.relulab-cheat-sheet h3 { font-size: 12.5px; margin: 8px 0 3px; }
.relulab-cheat-sheet p, .relulab-cheat-sheet ul, .relulab-cheat-sheet ol { margin: 0 0 4px; }
.relulab-cheat-sheet table { font-size: 9.5px; margin: 2px 0 4px; }
.relulab-cheat-sheet td, .relulab-cheat-sheet th { padding: 1px 5px !important; }
.relulab-cheat-sheet .math { margin: 2px 0 !important; }
.relulab-cheat-sheet div.highlight pre { font-size: 9px; padding: 3px 6px; margin: 2px 0; }
.relulab-cheat-sheet pre.mermaid svg, .relulab-cheat-sheet .mermaid svg { max-height: 360px; width: auto; }
a { color: inherit !important; text-decoration: none !important; }
"""


def print_sheet(site: Path = SITE) -> Path | None:
    """Write the PDF next to the site's pages; None (with a message) when no browser is here."""
    target = site / SHEET_NAME
    with site_browser(site, "cheat_sheet") as opened:
        if opened is None:
            return None
        browser, base = opened
        page = open_rendered(browser, base + PAGE)
        title = page.title().split("\u2014")[0].strip()
        page.evaluate(KEEP_SHEET, [SECTION, title, "relu-vs-leaky-relu / chapter 8"])
        page.add_style_tag(content=PRINT_CSS)
        page.emulate_media(media="print")
        page.pdf(path=str(target), format="A4", print_background=False,
                 margin={"top": "10mm", "bottom": "10mm", "left": "12mm", "right": "12mm"})
    print(f"cheat_sheet: wrote {target.relative_to(ROOT)}")
    return target


if __name__ == "__main__":
    print_sheet()
