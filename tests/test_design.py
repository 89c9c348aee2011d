"""The book's look, measured: text sizes of figures and diagrams, tables, code, quizzes, 404 page.

Each check compares what a reader sees with the body text: no figure or
diagram text under 80% of it at 1280 px. The notebook checks read the
chapters' sources; the browser checks (marker ``browser``) need ``make book``
first and Chromium, as tests/test_browser.py does.
"""
from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path

import pytest

from relulab.viz.plotting import MAX_WIDTH_IN, MIN_FONT_PT, STYLE
from site_browser import LAUNCH_ARGS, find_chromium, goto_rendered, serve

ROOT = Path(__file__).resolve().parents[1]
SITE = Path(os.environ.get("RELULAB_SITE_DIR", ROOT / "_build" / "html"))
REQUIRED = os.environ.get("RELULAB_REQUIRE_BROWSER") == "1"
DESKTOP = {"width": 1280, "height": 900}
SMALLEST_SHARE = 0.8  # of the body text's size
CODE_LINE = 88  # characters of a displayed code line
LISTING_LINES = 15  # a longer printed listing is folded
NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb"))
FOLDED = {"hide-input", "remove-input", "hide-cell", "remove-cell"}


def code_cells(path: Path) -> list[dict]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [cell for cell in cells if cell["cell_type"] == "code"]


def source(cell: dict) -> str:
    return "".join(cell["source"])


def tags(cell: dict) -> set[str]:
    return set(cell["metadata"].get("tags", []))


# -- the chapters' sources ---------------------------------------------------------------
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.stem)
def test_figures_keep_the_book_text_size_and_width(notebook: Path) -> None:
    """No smaller text than the plot style's, no wider figure than the column takes at that size."""
    for cell in code_cells(notebook):
        text = source(cell)
        for size in re.findall(r"fontsize\s*=\s*([0-9.]+)", text):
            assert float(size) >= MIN_FONT_PT, f"fontsize={size} in:\n{text}"
        for width in re.findall(r"figsize\s*=\s*\(\s*([0-9.]+)\s*,", text):
            assert float(width) <= MAX_WIDTH_IN, f"figsize width {width} in:\n{text}"
        assert "bbox_to_anchor=(1.0" not in text.replace("bbox_to_anchor=(1.0, 0.", ""), (
            f"a legend outside the plot, to the right, in:\n{text}")


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.stem)
def test_setup_cells_and_long_listings_are_folded_with_a_label(notebook: Path) -> None:
    cells = code_cells(notebook)
    setup = cells[0]
    assert "import" in source(setup) and "hide-input" in tags(setup)
    assert "setup" in setup["metadata"]["mystnb"]["code_prompt_show"]
    for cell in cells:
        if "getsource" not in source(cell):
            continue
        printed = sum("".join(output.get("text", "")).count("\n") for output in cell.get("outputs", []))
        if printed > LISTING_LINES:
            assert tags(cell) & (FOLDED | {"hide-output"}), f"{printed}-line listing shown unfolded"
            assert cell["metadata"]["mystnb"]["code_prompt_show"]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.stem)
def test_displayed_code_lines_fit_the_column(notebook: Path) -> None:
    for cell in code_cells(notebook):
        if tags(cell) & FOLDED:
            continue
        long = [line for line in source(cell).splitlines() if len(line) > CODE_LINE]
        assert not long, f"lines over {CODE_LINE} characters: {long}"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.stem)
def test_quiz_questions_carry_no_hand_written_numbers(notebook: Path) -> None:
    """quiz.css numbers every question the same way; a typed "1." would number it twice."""
    text = notebook.read_text(encoding="utf-8")
    assert not re.findall(r'quiz-question\\?">\s*\d+[.)]', text)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.stem)
def test_captions_are_prose(notebook: Path) -> None:
    for cell in code_cells(notebook):
        caption = cell["metadata"].get("mystnb", {}).get("figure", {}).get("caption", "")
        without_math = re.sub(r"\$[^$]+\$", "", caption)
        assert not re.search(r"\b(prod|sum|sqrt)\b|\^|_\w|\\|`", without_math), caption


# -- the built site, in Chromium -----------------------------------------------------------
def unavailable(reason: str) -> None:
    if REQUIRED:
        pytest.fail(f"RELULAB_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def site():
    """(browser, base URL) of the built site, served on 127.0.0.1."""
    if not (SITE / "intro.html").is_file():
        unavailable(f"no built site in {SITE}: run `make book` first")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright is not installed")
    with sync_playwright() as playwright, serve(SITE) as base:
        executable = find_chromium(playwright)
        if executable is None:
            unavailable("no Chromium found")
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=LAUNCH_ARGS)
        yield browser, base
        browser.close()


def chapter_pages() -> list[str]:
    return [f"chapters/{path.stem}.html" for path in NOTEBOOKS]


def opened(site, relative: str, viewport: dict = DESKTOP, theme: str = "light"):
    browser, base = site
    context = browser.new_context(viewport=viewport)
    context.add_init_script(f"localStorage.setItem('theme', '{theme}'); localStorage.setItem('mode', '{theme}');")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("response", lambda response: errors.append(f"{response.url} (HTTP {response.status})")
            if response.status >= 400 else None)
    goto_rendered(page, base + relative)
    # Body images load lazily, as the reader scrolls; the checks measure every one.
    page.evaluate("""() => Promise.all([...document.images].map(img => {
        img.loading = 'eager';
        return img.complete ? null : new Promise(done => { img.onload = img.onerror = done; });
    }))""")
    page.wait_for_timeout(200)
    return page, errors


BODY_JS = "() => parseFloat(getComputedStyle(document.querySelector('.bd-article p')).fontSize)"

# Displayed size of the style's smallest text in each figure of the page: points at the
# figure's dpi, times the scale at which the page shows the image. Explorers (text/html)
# are measured by their own tests.
FIGURE_TEXT_JS = """([points, dpi]) => [...document.querySelectorAll(
        '.cell_output > figure > img, .cell_output > img')].filter(img => img.naturalWidth > 0)
    .map(img => ({src: img.src.split('/').pop(),
                  px: points / 72 * dpi * img.getBoundingClientRect().width / img.naturalWidth}))"""

MERMAID_TEXT_JS = """() => [...document.querySelectorAll('pre.mermaid > svg')].flatMap(svg => {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return [...svg.querySelectorAll('.nodeLabel, .edgeLabel, text')]
        .filter(label => label.textContent.trim())
        .map(label => ({text: label.textContent.trim().slice(0, 30),
                        px: parseFloat(getComputedStyle(label).fontSize) * scale}));
})"""

BUTTON_OVER_NODE_JS = """() => [...document.querySelectorAll('.mermaid-container')].flatMap(container => {
    const button = container.querySelector('.mermaid-fullscreen-btn');
    if (!button) return [];
    const b = button.getBoundingClientRect();
    return [...container.querySelectorAll('g.node')].map(node => node.getBoundingClientRect())
        .filter(n => n.left < b.right && b.left < n.right && n.top < b.bottom && b.top < n.bottom)
        .map(() => container.querySelector('svg').id);
})"""

TABLE_OVERFLOW_JS = """() => [...document.querySelectorAll('.bd-article table')].map(table => {
    const box = table.closest('.pst-scrollable-table-container, .output, .table-wrapper') || table.parentElement;
    return {head: table.querySelector('tr') ? table.querySelector('tr').textContent.trim().slice(0, 40) : '',
            overflow: box.scrollWidth - box.clientWidth};
}).filter(t => t.overflow > 1)"""


@pytest.mark.browser
@pytest.mark.parametrize("relative", chapter_pages())
def test_figure_and_diagram_text_is_at_least_80_percent_of_body_text(site, relative: str) -> None:
    page, _ = opened(site, relative)
    smallest = SMALLEST_SHARE * page.evaluate(BODY_JS)
    figures = page.evaluate(FIGURE_TEXT_JS, [MIN_FONT_PT, STYLE["figure.dpi"]])
    small = [f for f in figures if f["px"] < smallest]
    assert not small, f"figure text below {smallest:.1f} px: {small}"
    labels = page.evaluate(MERMAID_TEXT_JS)
    small = [label for label in labels if label["px"] < smallest]
    assert not small, f"diagram text below {smallest:.1f} px: {small}"
    page.context.close()


@pytest.mark.browser
@pytest.mark.parametrize("relative", chapter_pages())
def test_diagram_button_covers_no_node_and_tables_fit(site, relative: str) -> None:
    page, _ = opened(site, relative)
    assert page.evaluate(BUTTON_OVER_NODE_JS) == []
    assert page.evaluate(TABLE_OVERFLOW_JS) == []
    empty_heads = page.evaluate("""() => [...document.querySelectorAll('.bd-article thead tr')]
        .filter(row => !row.textContent.trim()).length""")
    assert empty_heads == 0
    page.context.close()


@pytest.mark.browser
def test_figure_scale_check_can_fail(site) -> None:
    """The text-size check above flags a figure shown at a third of its size."""
    page, _ = opened(site, "chapters/01_relu.html")
    page.add_style_tag(content=".cell_output > figure > img { width: 33% !important; }")
    figures = page.evaluate(FIGURE_TEXT_JS, [MIN_FONT_PT, STYLE["figure.dpi"]])
    assert figures and max(f["px"] for f in figures) < SMALLEST_SHARE * page.evaluate(BODY_JS)
    page.context.close()


@pytest.mark.browser
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_404_page_carries_the_site_navigation_and_logs_no_error(site, theme: str) -> None:
    page, errors = opened(site, "404.html", theme=theme)
    assert "Page not found" in page.locator("article").inner_text()
    assert page.locator("nav.bd-docs-nav a[href$='chapters/01_relu.html']").count() == 1
    assert page.locator(".theme-switch-button").count() >= 1
    assert page.evaluate("() => document.documentElement.dataset.theme") == theme
    assert errors == []
    page.context.close()


@pytest.mark.browser
def test_404_page_keeps_its_look_and_links_at_any_depth(site) -> None:
    """GitHub Pages serves 404.html at the missing address itself, however deep.

    (There Chromium's preload scanner may first ask for the stylesheets next to
    the missing address, before the page's <base> exists: those requests fail
    quietly; the page then loads everything from the site root.)
    """
    browser, base = site
    page_404 = (SITE / "404.html").read_text(encoding="utf-8")
    context = browser.new_context(viewport=DESKTOP)
    context.route("**/no/such/page.html", lambda route: route.fulfill(
        status=404, body=page_404, content_type="text/html; charset=utf-8"))
    page = context.new_page()
    page.goto(base + "no/such/page.html", wait_until="load")
    links = page.eval_on_selector_all("nav.bd-docs-nav a", "links => links.map(a => a.href)")
    assert base + "chapters/01_relu.html" in links, links
    sidebar = page.evaluate("() => getComputedStyle(document.querySelector('.bd-sidebar-primary')).display")
    assert sidebar != "none" and page.locator(".theme-switch-button").count() >= 1
    assert page.evaluate("() => getComputedStyle(document.body).fontFamily") != "Times New Roman"
    context.close()


def test_home_tab_names_the_book_once() -> None:
    page = SITE / "intro.html"
    if not page.is_file():
        unavailable(f"no built site in {SITE}: run `make book` first")
    tab = re.search(r"<title>(.*?)</title>", page.read_text(encoding="utf-8"), re.S).group(1)
    book = re.search(r'^title:\s*"(.*)"', (ROOT / "_config.yml").read_text(encoding="utf-8"), re.M).group(1)
    assert tab.count(html.escape(book, quote=False)) == 1, tab


@pytest.mark.browser
def test_quiz_keeps_one_mark_and_can_be_retried(site) -> None:
    page, _ = opened(site, "chapters/01_relu.html")
    quiz = page.locator("div.quiz").first
    options = quiz.locator(".quiz-option")
    options.nth(0).click()
    options.nth(1).click()
    marked = quiz.locator(".quiz-correct, .quiz-wrong").count()
    assert marked == 1
    quiz.locator(".quiz-retry").click()
    assert quiz.locator(".quiz-correct, .quiz-wrong").count() == 0
    assert quiz.locator(".quiz-feedback").inner_text() == ""
    page.context.close()
