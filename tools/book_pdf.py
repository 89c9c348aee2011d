"""Print the whole built book to one PDF: a title page with the contents, then every page in order.

Usage: ``.venv/bin/python tools/book_pdf.py`` after ``jupyter-book build``
(``make book`` runs it). Each page of the site is printed by Chromium as the
reader sees it (formulas typeset, diagrams drawn, each interactive figure at
its first frame, folded solutions opened), then the pieces are joined with
pypdf, with a bookmark per chapter. Jupyter Book's own PDF builder downloads a
browser at build time, which this book must never do.
"""
from __future__ import annotations

import html
import io
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable

import yaml
from pypdf import PdfReader, PdfWriter

from site_browser import open_rendered, site_browser

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "_build" / "html"
BOOK_NAME = "relu-vs-leaky-relu.pdf"
MARGIN = {"top": "14mm", "bottom": "14mm", "left": "14mm", "right": "14mm"}

# Keep the article; open every fold; hide what only works on a screen.
PRINTABLE = """() => {
    document.querySelectorAll('details').forEach(d => d.open = true);
    document.querySelectorAll('.dropdown, .toggle-details').forEach(d => d.classList.add('open'));
    document.documentElement.dataset.theme = 'light';
}"""
PRINT_CSS = """
.bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, .bd-footer, .bd-footer-article,
.prev-next-area, .header-article, .headerlink, .copybtn, .relulab-explorer-controls,
.mermaid-fullscreen-btn, button { display: none !important; }
.bd-main .bd-content .bd-article-container { max-width: none !important; }
html { font-size: 12px; }
"""


def reading_order(root: Path = ROOT) -> list[str]:
    """The site's pages in the order of ``_toc.yml``, as paths relative to the site."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]] + [entry["file"] for part in toc["parts"] for entry in part["chapters"]]
    return [f"{name}.html" for name in files]


def title_page(book_title: str, author: str, contents: list[tuple[str, int]]) -> str:
    """The HTML of the title page with the table of contents (title, first page)."""
    rows = "".join(
        f"<tr><td>{html.escape(title)}</td><td class='page'>{page}</td></tr>" for title, page in contents
    )
    return f"""<!doctype html><html><head><meta charset="utf-8"><style>
    body {{ font-family: sans-serif; margin: 0; }}
    h1 {{ font-size: 30px; margin: 60mm 0 6mm; }}
    .author {{ font-size: 15px; color: #444; margin-bottom: 30mm; }}
    h2 {{ font-size: 18px; }}
    table {{ width: 100%; border-collapse: collapse; font-size: 14px; }}
    td {{ padding: 3px 0; border-bottom: 1px dotted #bbb; }}
    td.page {{ text-align: right; width: 3em; }}
    </style></head><body>
    <h1>{html.escape(book_title)}</h1><p class="author">{html.escape(author)}</p>
    <h2>Contents</h2><table>{rows}</table></body></html>"""


def print_pages(site: Path, paths: list[str]) -> list[tuple[str, bytes]] | None:
    """(first heading, PDF bytes) of each page in ``paths``, printed in one browser."""
    printed = []
    with site_browser(site, "book_pdf") as opened:
        if opened is None:
            return None
        browser, base = opened
        for path in paths:
            page = open_rendered(browser, base + path, width=1000)
            page.evaluate(PRINTABLE)
            page.add_style_tag(content=PRINT_CSS)
            title = page.evaluate("() => (document.querySelector('article h1') || {}).textContent || ''")
            pdf = page.pdf(format="A4", margin=MARGIN, print_background=False,
                           display_header_footer=True, header_template="<span></span>",
                           footer_template="<div style='font-size:8px;width:100%;text-align:center'>"
                                           "<span class='pageNumber'></span></div>")
            printed.append((title.strip().rstrip("#").strip(), pdf))
            page.close()
    return printed


def front_matter(site: Path, contents_of: Callable[[int], list[tuple[str, int]]]) -> PdfReader | None:
    """The title page and contents, whose page numbers depend on its own length."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    with site_browser(site, "book_pdf") as opened:
        if opened is None:
            return None
        cover, front_pages = opened[0].new_page(), 1
        while True:
            cover.set_content(title_page(config["title"], config["author"], contents_of(front_pages)))
            front = PdfReader(io.BytesIO(cover.pdf(format="A4", margin=MARGIN)))
            if len(front.pages) == front_pages:
                return front
            front_pages = len(front.pages)


def print_book(site: Path = SITE) -> Path | None:
    """Write the book's PDF next to its pages; None (with a message) when no browser is here."""
    order = reading_order()
    # Two browsers print alternate pages at once: Chromium spends most of the time typesetting.
    with ThreadPoolExecutor(max_workers=2) as pool:
        halves = list(pool.map(lambda paths: print_pages(site, paths), [order[0::2], order[1::2]]))
    if None in halves:
        return None
    printed = [None] * len(order)
    printed[0::2], printed[1::2] = halves
    pieces = [(title, PdfReader(io.BytesIO(pdf))) for title, pdf in printed]

    def contents_of(front_pages: int) -> list[tuple[str, int]]:
        contents, first_page = [], front_pages + 1
        for title, reader in pieces:
            contents.append((title, first_page))
            first_page += len(reader.pages)
        return contents

    front = front_matter(site, contents_of)
    if front is None:
        return None
    writer = PdfWriter()
    for page in front.pages:
        writer.add_page(page)
    for (title, reader), (_, start) in zip(pieces, contents_of(len(front.pages))):
        for page in reader.pages:
            writer.add_page(page)
        writer.add_outline_item(title=title, page_number=start - 1)
    target = site / BOOK_NAME
    with target.open("wb") as out:
        writer.write(out)
    print(f"book_pdf: wrote {target.relative_to(ROOT)} ({len(writer.pages)} pages)")
    return target


if __name__ == "__main__":
    print_book()
