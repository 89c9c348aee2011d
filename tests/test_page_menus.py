"""Each page's launch and download menus: the chapter in JupyterLite, with its CDN note, and the whole book's PDF.

Reads the built HTML (``make book``; ``RELULAB_SITE_DIR`` points elsewhere):
skipped without it, unless ``RELULAB_REQUIRE_BROWSER=1``.
"""
from __future__ import annotations

import os
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml

from book_pdf import BOOK_NAME
from download_menu import BOOK_PDF

ROOT = Path(__file__).resolve().parents[1]
SITE = Path(os.environ.get("RELULAB_SITE_DIR", ROOT / "_build" / "html"))
TOC = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
DOCNAMES = [TOC["root"]] + [entry["file"] for part in TOC["parts"] for entry in part["chapters"]]


class Links(HTMLParser):
    """Each link's href, by the classes it carries."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[set[str], str, str]] = []  # (classes, href, title)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            found = dict(attrs)
            self.links.append((set((found.get("class") or "").split()), found.get("href") or "", found.get("title") or ""))

    def with_class(self, name: str) -> list[tuple[str, str]]:
        return [(href, title) for classes, href, title in self.links if name in classes]


@pytest.fixture(scope="module")
def pages() -> dict[str, Links]:
    if not (SITE / "searchindex.js").is_file():
        message = f"no built site in {SITE}: run `make book` first"
        if os.environ.get("RELULAB_REQUIRE_BROWSER") == "1":
            pytest.fail(f"RELULAB_REQUIRE_BROWSER=1 but {message}")
        pytest.skip(message)
    parsed = {}
    for docname in DOCNAMES:
        links = Links()
        links.feed((SITE / f"{docname}.html").read_text(encoding="utf-8"))
        parsed[docname] = links
    return parsed


def target(docname: str, href: str) -> Path:
    return (SITE / docname).parent.joinpath(unquote(urlsplit(href).path)).resolve()


def test_the_menu_names_the_pdf_that_make_pdf_prints() -> None:
    assert BOOK_PDF == BOOK_NAME


def test_every_page_offers_the_whole_book_pdf_from_the_site_root(pages: dict[str, Links]) -> None:
    for docname, links in pages.items():
        hrefs = [href for href, _ in links.with_class("btn-download-book-pdf-button")]
        assert len(hrefs) == 1, f"{docname}: {hrefs}"
        assert target(docname, hrefs[0]) == (SITE / "relu-vs-leaky-relu.pdf").resolve(), f"{docname}: {hrefs[0]}"


def test_every_notebook_chapter_launches_in_the_browser_with_the_cdn_note(pages: dict[str, Links]) -> None:
    notebooks = [name for name in DOCNAMES if (ROOT / f"{name}.ipynb").is_file()]
    assert len(notebooks) >= 8, notebooks
    for docname, links in pages.items():
        launches = links.with_class("btn-launch-lite")
        if docname not in notebooks:
            assert not launches, f"{docname} is no notebook, yet offers {launches}"
            continue
        assert len(launches) == 1, f"{docname}: {launches}"
        href = launches[0][0]
        assert target(docname, href) == (SITE / "lite" / "lab" / "index.html").resolve(), f"{docname}: {href}"
        assert parse_qs(urlsplit(href).query) == {"path": [f"{Path(docname).name}.ipynb"]}, href
        # The lite site holds the notebooks at its top level, as the link names them.
        assert (ROOT / "chapters" / parse_qs(urlsplit(href).query)["path"][0]).is_file()
        notes = links.with_class("btn-launch-lite-note")
        assert len(notes) == 1 and target(docname, notes[0][0]) == (SITE / "intro.html").resolve(), notes
        assert urlsplit(notes[0][0]).fragment == "launch-guide"
        menu = [classes for classes, _, _ in links.links if "dropdown-item" in classes]
        assert "btn-launch-lite" in menu[0] and "btn-launch-lite-note" in menu[1], "the browser launch comes first"


def test_the_note_says_what_the_first_click_fetches(pages: dict[str, Links]) -> None:
    chapter = (SITE / "chapters" / "03_dying_relu.html").read_text(encoding="utf-8")
    assert "First click: Pyodide, numpy, matplotlib from Pyodide's CDN" in chapter.replace("&#39;", "'")
    guide = (SITE / "intro.html").read_text(encoding="utf-8")
    assert 'id="launch-guide"' in guide and "JupyterLite" in guide
