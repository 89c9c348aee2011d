"""The prose is evidence too: its numbers are computed, and it says nothing false.

Source checks read the notebooks' markdown and the book's .md pages; site checks
read the built HTML (``make book`` first), as test_book.py does.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from relulab.glue import GLUE_PREFIX
from test_book import ROOT, built_pages, site  # noqa: F401  (site is a fixture)

NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb"))
PAGES = [ROOT / "intro.md", *sorted((ROOT / "chapters").glob("*.md"))]

# -- hand-typed numbers -----------------------------------------------------------------
# A decimal or a percentage in the prose is either glued from the cell that
# computed it, written inside a formula, or one of these exact constants.
EXACT_EVERYWHERE = {
    "0.0", "1.0", "0.5", "0.1", "0.01", "0.25", "0.2", "0.3",  # slopes, rates and inputs set by the text
    "1.0507", "1.6733",  # SELU's published constants (Klambauer et al., 2017)
    "1%", "10%", "50%",  # a 1% leak, the 10% rule, half of the inputs
}
# Arithmetic the prose states (quiz feedback, where glue cannot reach), each
# proved here by the expression that gives it: (page stem, text as shown, value).
ARITHMETIC = [
    ("01_relu", "9.5", 0.25**10 / 1e-7),  # 0.25^10 ≈ 9.5 × 10⁻⁷
    ("01_relu", "2.5", 0.25 * 10),  # the wrong answer: a sum, not a product
    ("01_relu", "0.03", 0.01 * 3),  # the quiz's distractor: LeakyReLU(-3) with a 1% leak
    ("04_forward_propagation", "0.005", 100 * 1e-4 / 2),  # n Var(W) / 2 for N(0, 0.01²)
    ("intro", "0.03", 0.01 * 3),  # LeakyReLU(-3) with a 1% leak
]

NUMBER = re.compile(r"(?<![\w.\-−])[−-]?\d+\.\d+(?![\w.])|(?<![\w.])\d+(?:\.\d+)?\s?%")
MASKS = [
    re.compile(r"\$\$.*?\$\$", re.S),  # display math
    re.compile(r"\$(?:[^$\n]|\n(?!\s*\n))+?\$"),  # inline math, which may wrap a line
    re.compile(r"```\{math\}.*?```", re.S),
    re.compile(r"\{(?:glue|cite|ref|numref|doc|eq|math|term|download)[:a-z]*\}`[^`]*`"),
    re.compile(r"\]\([^)]*\)"),  # link targets
    re.compile(r"href=\"[^\"]*\""),
    re.compile(r"https?://\S+"),
    re.compile(r"^:[a-z-]+:.*$", re.M),  # directive options
    re.compile(r"Python \d+\.\d+"),  # a version, not a measurement
]


def markdown_sources() -> list[tuple[str, int, str]]:
    """(page stem, cell index, markdown) for every prose cell and page of the book."""
    sources = []
    for path in NOTEBOOKS:
        notebook = nbformat.read(path, as_version=4)
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type == "markdown":
                sources.append((path.stem, index, cell.source))
    for path in PAGES:
        sources.append((path.stem, 0, path.read_text(encoding="utf-8")))
    return sources


FENCED_CODE = re.compile(r"^(`{3,}|~{3,})(?:python|ipython3?|py)\s*\n(.*?)^\1\s*$", re.S | re.M)
INLINE_CODE = re.compile(r"`([^`\n]+)`")


def code_comments_only(markdown: str) -> str:
    """Blank the code in fenced Python blocks and inline code spans, keeping what could be a result.

    Numbers typed *into* code (an input array, a bias of -2.0) are data the
    reader can change; numbers typed as its *result* (a ``# 0.3412`` comment, an
    inline ```0.19  0.19``` printout) are claims, and stay visible to the scan.
    """
    def comments(match: re.Match) -> str:
        kept = [line[line.index("#"):] if "#" in line else "" for line in match.group(2).splitlines()]
        return "\n".join(kept)

    markdown = FENCED_CODE.sub(comments, markdown)
    return INLINE_CODE.sub(lambda m: m.group() if re.fullmatch(r"[\d.\s±%/()−-]+", m.group(1)) else " ", markdown)


def hand_typed_numbers(stem: str, markdown: str) -> list[str]:
    """Decimals and percentages in ``markdown`` that are not glued, formulas or allowed."""
    markdown = code_comments_only(markdown)
    for mask in MASKS:
        markdown = mask.sub(" ", markdown)
    allowed = EXACT_EVERYWHERE | {text for page, text, _ in ARITHMETIC if page == stem}
    found = []
    for match in NUMBER.finditer(markdown):
        text = match.group().replace("−", "-").lstrip("-").replace(" ", "")
        if text not in allowed:
            context = markdown[max(0, match.start() - 40): match.end() + 20].replace("\n", " ")
            found.append(f"{text!r} in ...{context}...")
    return found


def test_scanner_finds_hand_typed_numbers_and_spares_the_rest() -> None:
    text = (
        "SELU's variance grows to 59.59, a 42% share; glued {glue:text}`selu_var:.2f`; "
        "in a formula $0.3412$; a 1% leak with alpha 0.01; see [x](a/1.5.html)."
    )
    found = hand_typed_numbers("02_leaky_relu", text)
    assert [item.split(" in ")[0] for item in found] == ["'59.59'", "'42%'"]


def test_scanner_reads_code_results_but_not_code_inputs() -> None:
    text = (
        "Try `relu(np.array([1.2, -0.4]))`; it prints `0.19  0.19`.\n\n"
        "```python\nz = X @ w - 3.0\nz.var()   # 0.3412\n```\n"
    )
    found = hand_typed_numbers("02_leaky_relu", text)
    assert [item.split(" in ")[0] for item in found] == ["'0.19'", "'0.19'", "'0.3412'"]


@pytest.mark.parametrize("stem, shown, expected", ARITHMETIC, ids=lambda item: str(item))
def test_stated_arithmetic_is_right(stem: str, shown: str, expected: float) -> None:
    decimals = len(shown.split(".")[1]) if "." in shown else 0
    assert round(expected, decimals) == float(shown), (
        f"{stem}: the text says {shown}, the arithmetic gives {expected}"
    )
    sources = "".join(markdown for page, _, markdown in markdown_sources() if page == stem)
    assert shown in sources, f"{stem} no longer states {shown}: remove it from ARITHMETIC"


@pytest.mark.parametrize("stem", sorted({stem for stem, _, _ in markdown_sources()}))
def test_prose_has_no_hand_typed_numbers(stem: str) -> None:
    found = [
        f"cell {index}: {item}"
        for page, index, markdown in markdown_sources()
        if page == stem
        for item in hand_typed_numbers(stem, markdown)
    ]
    assert not found, (
        f"{stem} types these numbers by hand; glue them from the cell that computes them "
        "(relulab.glue), put them in a formula, or prove them in ARITHMETIC:\n" + "\n".join(found)
    )


# -- glue --------------------------------------------------------------------------------
GLUE_ROLE = re.compile(r"\{glue(?::text)?\}`(?:([\w./-]+\.ipynb)::)?([A-Za-z_]\w*)(?::([^`]*))?`")


def glued_values(path: Path, *, reproducible_only: bool = False) -> dict[str, str]:
    """The text/plain of every value a notebook's outputs glue, by name.

    ``reproducible_only`` leaves out the values of cells tagged
    nbval-ignore-output (wall-clock timings): the build's own run glues them
    afresh, so the page shows that run's value, not the committed one.
    """
    values = {}
    for cell in nbformat.read(path, as_version=4).cells:
        if reproducible_only and "nbval-ignore-output" in cell.metadata.get("tags", []):
            continue
        for output in cell.get("outputs", []):
            name = output.get("metadata", {}).get("scrapbook", {}).get("name")
            if name:
                values[name] = output["data"][GLUE_PREFIX + "text/plain"]
    return values


def glue_references(path: Path) -> list[tuple[Path, str, str]]:
    """(notebook that computes it, key, format spec) for every glue role in a page."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".ipynb":
        text = "".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown")
    return [
        ((path.parent / other).resolve() if other else path, key, spec)
        for other, key, spec in GLUE_ROLE.findall(text)
    ]


def rendered(value: str, spec: str) -> str:
    from myst_nb.core.variables import format_plain_text

    return format_plain_text(value, spec)


@pytest.mark.parametrize("path", NOTEBOOKS + PAGES, ids=lambda p: p.stem)
def test_every_glue_reference_is_computed_in_a_notebook(path: Path) -> None:
    missing = [
        (source.name, key) for source, key, _ in glue_references(path)
        if not source.is_file() or key not in glued_values(source)
    ]
    assert not missing, f"{path.name} quotes glue keys that no committed output defines: {missing}"


class VisibleText(HTMLParser):
    """The text a reader sees, attributes with words (alt, title, feedback) included."""

    SKIP = {"script", "style", "noscript"}
    WORDY_ATTRIBUTES = {"alt", "title", "aria-label", "data-feedback", "content"}

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        self.parts.extend(value for name, value in attrs if name in self.WORDY_ATTRIBUTES and value)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def visible_text(path: Path) -> str:
    parser = VisibleText()
    parser.feed(path.read_text(encoding="utf-8"))
    return re.sub(r"\s+", " ", " ".join(parser.parts))


@pytest.mark.parametrize("path", NOTEBOOKS + PAGES, ids=lambda p: p.stem)
def test_glued_values_appear_on_the_built_page(site: Path, path: Path) -> None:  # noqa: F811
    page = site / path.relative_to(ROOT).with_suffix(".html")
    text = visible_text(page)
    absent = []
    for source, key, spec in glue_references(path):
        committed = glued_values(source, reproducible_only=True)
        if key not in committed:
            continue  # a timing: its sentence is glued from the build's own run
        shown = rendered(committed[key], spec)
        if shown not in text:
            absent.append((key, shown))
    assert not absent, f"{path.stem}: these glued values do not show on the page: {absent}"


# -- what the reader must never read -----------------------------------------------------
# Absolutes the lab (chapter 06) measured to be false; quoting them as a claim,
# inside quotation marks, is fine.
FALSE_ABSOLUTES = [
    "cannot die", "can't die", "can never die", "no neuron can die", "never recovers", "never recover",
    "enough to move the weights back", "leaky relu is a safe choice", "guarantees recovery",
    "up to 4^-10", "up to 4⁻¹⁰",
]
# The reader never sees the documents the book was written from.
BACKSTAGE = [
    "the seeds", "seed documents", "the sources", "source documents", "revision notes", "the revision sheet",
    "revision document", "concepts guide", "NBVAL_",
]
# Figures found wrong once; they must not come back.
KNOWN_WRONG = ["234,240", "234 240", "234\\,240", "between 60 and 80", "two to three times"]
QUOTED = re.compile(r"\"[^\"]{0,200}\"|“[^”]{0,200}”")


def unquoted(text: str) -> str:
    return QUOTED.sub(" ", text)


def reader_pages(site: Path) -> list[Path]:
    return [path for path in built_pages(site) if path.name != "search.html"]


def test_reader_pages_exist(site: Path) -> None:  # noqa: F811
    assert len(reader_pages(site)) >= 12


@pytest.mark.parametrize("phrase", FALSE_ABSOLUTES)
def test_no_page_states_a_false_absolute(site: Path, phrase: str) -> None:  # noqa: F811
    pages = [p.name for p in reader_pages(site) if phrase in unquoted(visible_text(p)).casefold()]
    assert not pages, f"{phrase!r} (refuted in the lab, chapter 06) is stated on {pages}"


@pytest.mark.parametrize("phrase", BACKSTAGE + KNOWN_WRONG)
def test_no_page_shows_backstage_text_or_a_known_wrong_figure(site: Path, phrase: str) -> None:  # noqa: F811
    pages = [p.name for p in reader_pages(site) if phrase.casefold() in visible_text(p).casefold()]
    assert not pages, f"{phrase!r} appears on {pages}"


def test_no_page_shows_a_path_of_the_build_machine(site: Path) -> None:  # noqa: F811
    markers = [str(ROOT), "site-packages", "/tmp/", "/home/", "/root/"]
    leaks = [
        (path.name, marker)
        for path in reader_pages(site)
        for marker in markers
        if marker in visible_text(path)
    ]
    assert not leaks, f"pages show paths of the machine that built them: {leaks}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_test_tool_markers_are_tags_not_comments(path: Path) -> None:
    cells = [
        index for index, cell in enumerate(nbformat.read(path, as_version=4).cells)
        if cell.cell_type == "code" and "NBVAL_" in cell.source
    ]
    assert not cells, f"{path.name}: cells {cells} carry # NBVAL_ comments; use the nbval cell tags"


def test_false_absolute_check_sees_unquoted_text_only() -> None:
    text = 'A common claim is that dead neurons "never recover"; a Leaky ReLU unit cannot die.'
    assert "never recover" not in unquoted(text).casefold()
    assert "cannot die" in unquoted(text).casefold()

