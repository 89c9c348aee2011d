"""The whole book as one PDF: every page of the contents, in order, with drawn diagrams."""
from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata

import nbformat
import pytest

from book_pdf import BOOK_NAME, ROOT, SITE, reading_order
from conftest import printed_pdf


def page_title(path: str) -> str:
    """The first heading of a page's source, as the reader sees it (markup removed)."""
    source = ROOT / path.removesuffix(".html")
    if source.with_suffix(".ipynb").is_file():
        text = "".join(c.source for c in nbformat.read(source.with_suffix(".ipynb"), as_version=4).cells
                       if c.cell_type == "markdown")
    else:
        text = source.with_suffix(".md").read_text(encoding="utf-8")
    heading = re.search(r"^# (.+)$", text, re.M).group(1)
    return re.sub(r"[`*]", "", heading).strip()


@pytest.fixture(scope="module")
def book():
    return printed_pdf(SITE / BOOK_NAME, "`make pdf`")


def test_every_page_of_the_contents_starts_where_its_bookmark_points_in_order(book) -> None:
    starts = [book.get_destination_page_number(item) for item in book.outline]
    assert starts == sorted(starts) and starts[0] >= 1, "bookmarks out of order or on the title page"
    for item, start in zip(book.outline, starts):
        first_page = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", book.pages[start].extract_text()))
        assert item.title in first_page, f"{item.title!r} is not on the page its bookmark opens"


def test_each_page_has_a_bookmark_and_the_book_is_long(book) -> None:
    assert [item.title for item in book.outline] == [page_title(path) for path in reading_order()]
    assert len(book.pages) > 100


def all_text(book) -> str:
    """The whole PDF's text: poppler's ``pdftotext`` when installed (a second), else pypdf (a minute)."""
    if shutil.which("pdftotext"):
        return subprocess.run(["pdftotext", "-q", str(SITE / BOOK_NAME), "-"],
                              check=True, capture_output=True, text=True).stdout
    return " ".join(page.extract_text() for page in book.pages)


def test_diagrams_and_formulas_are_drawn_not_left_as_source(book) -> None:
    text = all_text(book)
    assert len(text) > 100_000, "the PDF's text could not be read"
    for source in ["flowchart TD", "flowchart LR", "graph TD", "\\frac", "\\begin{"]:
        assert source not in text, f"the PDF shows {source!r}: a diagram or formula was not rendered"
