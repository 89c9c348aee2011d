"""The printable sheet: chapter 8's own section, rendered, on one or two pages."""
from __future__ import annotations

import pytest

from cheat_sheet import SHEET_NAME, SITE
from conftest import printed_pdf


@pytest.fixture(scope="module")
def sheet_text_and_fonts() -> tuple[int, str, set[str]]:
    reader = printed_pdf(SITE / SHEET_NAME, "`make book`")
    text = " ".join(page.extract_text() for page in reader.pages)
    fonts = {
        str(font.get_object().get("/Subtype"))
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    return len(reader.pages), text, fonts


def test_the_sheet_prints_on_one_or_two_pages(sheet_text_and_fonts) -> None:
    pages, _, _ = sheet_text_and_fonts
    assert 1 <= pages <= 2, f"the cheat sheet runs to {pages} pages"


def test_it_holds_the_whole_sheet_and_nothing_after_it(sheet_text_and_fonts) -> None:
    _, text, _ = sheet_text_and_fonts
    for heading in ["The formula box", "ReLU or Leaky ReLU", "Which activation?", "Five tips", "Also asked"]:
        assert heading in text, f"the PDF lacks the sheet's part {heading!r}"
    assert "Rapid-fire questions" not in text


def test_formulas_and_the_diagram_are_drawn_not_left_as_source(sheet_text_and_fonts) -> None:
    _, text, fonts = sheet_text_and_fonts
    reader = printed_pdf(SITE / SHEET_NAME, "`make book`")
    curves = sum(page.get_contents().get_data().count(b" c\n") for page in reader.pages)
    # The build draws formulas as SVG paths (tools/typeset_math.mjs): without them the
    # sheet's diagram and borders make about 600 curves, with them over 10,000.
    # MathJax in the browser (a build without Node.js) prints its glyphs as Type3 fonts.
    assert "/Type3" in fonts or curves > 3_000, "no MathJax glyphs: the formula box was not typeset"
    for source in ["\\frac", "\\max", "\\begin", "$$", "flowchart TD", "-->"]:
        assert source not in text, f"the PDF shows {source!r}: formulas or the diagram were not rendered"
    assert "Lower the learning rate" in text, "the decision diagram's labels are missing"
