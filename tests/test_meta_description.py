"""Every page describes itself to search engines, in at most 160 characters of its own prose."""
from __future__ import annotations

import html
import re

from docutils.core import publish_doctree
from meta_description import first_paragraph, shortened

from test_book import built_pages, site  # noqa: F401  (site is a fixture)

DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)"')


def test_first_paragraph_skips_short_lines_and_takes_prose() -> None:
    doctree = publish_doctree("Title\n=====\n\nShort line.\n\nThis is the first real paragraph of the page, long enough.\n")
    assert first_paragraph(doctree) == "This is the first real paragraph of the page, long enough."


def test_shortened_cuts_at_a_word_with_an_ellipsis() -> None:
    text = "word " * 50
    short = shortened(text.strip(), 40)
    assert len(short) <= 40 and short.endswith("\u2026") and not short[:-1].endswith(" ")
    assert shortened("fits", 40) == "fits"


def test_every_reader_page_has_one_description(site) -> None:  # noqa: F811
    for page in built_pages(site):
        source = page.read_text(encoding="utf-8")
        if page.name in {"search.html", "genindex.html", "404.html"} or "<body" not in source:
            continue  # the search tool, the index, the error page and the root's redirect: nothing to describe
        found = DESCRIPTION.findall(source)
        assert len(found) == 1, f"{page.name}: {len(found)} meta descriptions"
        text = html.unescape(found[0])
        assert 40 <= len(text) <= 160, f"{page.name}: description of {len(text)} characters: {text!r}"
