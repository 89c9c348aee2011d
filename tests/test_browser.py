"""The built site in a real browser: offline, error-free, interactive, readable on a phone.

Needs ``make book`` first (the site in ``_build/html``; ``RELULAB_SITE_DIR``
points elsewhere) and Chromium (env ``CHROMIUM``, ``/usr/bin/chromium`` or
Playwright's own). Both missing means skip, unless ``RELULAB_REQUIRE_BROWSER=1``:
then it is a failure. Screenshots land in ``_build/screenshots/``.
"""
from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from relulab.viz.interactive import explore
from site_browser import (
    LAUNCH_ARGS, axe_violations, find_chromium, goto_rendered, serve, set_theme, site_pages,
)

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
SITE = Path(os.environ.get("RELULAB_SITE_DIR", ROOT / "_build" / "html"))
SCREENSHOTS = SITE.parent / "screenshots"
REQUIRED = os.environ.get("RELULAB_REQUIRE_BROWSER") == "1"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
PAGE_BUDGET = 2.5e6  # bytes of a page with everything it embeds or shows
INSTALL_HINT = (
    "install Chromium: `sudo apt-get install chromium`, or "
    "`pip install playwright && playwright install chromium` (or set CHROMIUM=/path/to/chrome)"
)


def unavailable(reason: str) -> None:
    if REQUIRED:
        pytest.fail(f"RELULAB_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


PAGES = site_pages(SITE)


# -- serving and browsing ---------------------------------------------------------
@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable(f"Playwright is not installed; {INSTALL_HINT}")
    with sync_playwright() as playwright:
        executable = find_chromium(playwright)
        if executable is None:
            unavailable(f"no Chromium found; {INSTALL_HINT}")
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@dataclass
class Problems:
    """What went wrong while a page was open."""

    console: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)


def watched_context(browser, problems: Problems):
    """A browser context that aborts and records every request leaving 127.0.0.1."""
    context = browser.new_context(viewport=DESKTOP)

    def route(request_route) -> None:
        url = urlparse(request_route.request.url)
        if url.scheme in ("http", "https", "ws", "wss") and url.hostname != "127.0.0.1":
            problems.external.append(request_route.request.url)
            request_route.abort()
        else:
            request_route.continue_()

    context.route("**/*", route)
    return context


def open_page(context, url: str, problems: Problems):
    page = context.new_page()
    page.on("console", lambda message: problems.console.append(f"{message.type}: {message.text}")
            if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.console.append(f"pageerror: {error}"))
    page.on("requestfailed", lambda request: problems.failed.append(
        f"{request.url} ({request.failure})") if not request.url.startswith("data:") else None)
    page.on("response", lambda response: problems.failed.append(f"{response.url} (HTTP {response.status})")
            if response.status >= 400 else None)
    page.goto(url, wait_until="load")
    return page


# -- explorer checks (shared by the site and the stand-alone page) -------------------------------
EXPLORERS_JS = """() => [...document.querySelectorAll('.relulab-explorer')].map(root => ({
    id: root.id,
    params: JSON.parse(root.querySelector('script.relulab-explorer-data').textContent).params,
}))"""


def control_state(page, figure_id: str, name: str) -> dict:
    return page.evaluate(
        """([id, name]) => {
            const root = document.getElementById(id);
            const control = root.querySelector(`[data-param="${name}"]`);
            const output = control.parentNode.querySelector('output');
            const shown = output ? output.textContent
                : control.options[control.selectedIndex].textContent;
            let hash = location.hash;
            try { hash = decodeURIComponent(hash); } catch (error) { /* keep it raw */ }
            const note = root.querySelector('.relulab-explorer-note');
            return {index: parseInt(control.value, 10), shown, type: control.type,
                    disabled: control.disabled, note: note ? note.textContent : '',
                    src: root.querySelector('img.relulab-explorer-frame').src,
                    alt: root.querySelector('img.relulab-explorer-frame').alt,
                    hash};
        }""",
        [figure_id, name],
    )


def move(page, figure_id: str, name: str, index: int, last: int) -> int:
    """Move one control one step, the way a reader does; return the new index."""
    control = page.locator(f'[id="{figure_id}"] [data-param="{name}"]')
    target = index + 1 if index < last else index - 1
    if control.evaluate("element => element.tagName") == "SELECT":
        control.select_option(str(target))
    else:
        control.focus()
        page.keyboard.press("ArrowRight" if target > index else "ArrowLeft")
    return target


def check_explorers(page, base_url: str, context, problems: Problems) -> list[str]:
    """Move every control of every explorer; return what did not behave."""
    faults = []
    for explorer in page.evaluate(EXPLORERS_JS):
        figure_id = explorer["id"]
        for param in explorer["params"]:
            name, labels = param["name"], param["labels"]
            if len(labels) < 2:
                continue
            before = control_state(page, figure_id, name)
            if before["disabled"]:
                # A control that does nothing for this view is off, and the figure says why.
                if not before["note"].startswith(f"{name} has no effect"):
                    faults.append(f"{figure_id}/{name}: disabled without a reason ({before['note']!r})")
                continue
            target = move(page, figure_id, name, before["index"], len(labels) - 1)
            after = control_state(page, figure_id, name)
            where = f"{figure_id}/{name}"
            if after["index"] != target:
                faults.append(f"{where}: control did not move to {target}")
            if after["src"] == before["src"]:
                faults.append(f"{where}: the image did not change")
            if after["shown"] != labels[target]:
                faults.append(f"{where}: label shows {after['shown']!r}, expected {labels[target]!r}")
            hash_ok = after["hash"].startswith(f"#{figure_id}:") and f"{name}={labels[target]}" in after["hash"]
            if not hash_ok:
                faults.append(f"{where}: URL hash is {after['hash']!r}")
            if labels[target] not in after["alt"]:
                faults.append(f"{where}: alt text {after['alt']!r} does not describe the view")
        # A link with the hash must reopen exactly this view.
        state = {p["name"]: control_state(page, figure_id, p["name"]) for p in explorer["params"]}
        link = page.evaluate("location.hash")
        fresh = open_page(context, base_url + link, problems)
        for name, expected in state.items():
            restored = control_state(fresh, figure_id, name)
            if (restored["index"], restored["src"]) != (expected["index"], expected["src"]):
                faults.append(f"{figure_id}/{name}: {link} did not restore the view")
        fresh.close()
    return faults


# -- the stand-alone page: the explorer script without a site ---------------------------------
def paint(fig, shade, name):
    fig.set_facecolor((shade, 0.3, 0.6 if name == "a" else 0.9))
    return f"shade {shade}, name {name}"


def test_explorer_script_on_a_page_of_its_own(browser, tmp_path):
    first = explore(paint, title="First", figsize=(2, 1), shade=[0.1, 0.5, 0.9], name=["a", "b"])
    second = explore(paint, title="Second <&>", figsize=(2, 1), shade=[0.2, 0.4], name=["a", "b", "c"])
    for explorer in (first, second):
        for file_name, png in explorer.frame_files().items():
            (tmp_path / "frames").mkdir(exist_ok=True)
            (tmp_path / "frames" / file_name).write_bytes(png)
    body = "".join(e.static_html(frame_url="frames/") for e in (first, second))
    head = '<head><meta charset="utf-8"><title>Two explorers</title></head>'
    page_html = f'<!doctype html><html lang="en">{head}<body>{body}</body></html>'
    (tmp_path / "page.html").write_text(page_html, encoding="utf-8")
    problems = Problems()
    with serve(tmp_path) as base:
        context = watched_context(browser, problems)
        page = open_page(context, base + "page.html", problems)
        faults = check_explorers(page, base + "page.html", context, problems)
        # The second explorer was moved last, so the hash names it; the first keeps its view.
        assert page.evaluate("location.hash").startswith(f"#{second.figure_id}:")
        link = f"#{first.figure_id}:shade=0.9&name=b"
        linked = open_page(context, base + "page.html" + link, problems)
        assert control_state(linked, first.figure_id, "shade")["index"] == 2
        assert control_state(linked, first.figure_id, "name")["shown"] == "b"
        assert "shade = 0.9, name = b" in control_state(linked, first.figure_id, "name")["alt"]
        bad = open_page(context, base + "page.html#" + first.figure_id + ":shade=%E0%A4%A&nope", problems)
        assert control_state(bad, first.figure_id, "shade")["index"] == 0
        context.close()
    assert faults == []
    assert problems == Problems()


# -- the whole site -------------------------------------------------------------
@dataclass
class PageReport:
    problems: Problems
    mermaid_unrendered: int
    explorer_faults: list[str]
    explorers: int
    phone_overflow: tuple[int, int]
    axe: dict[str, list[dict]]


@pytest.fixture(scope="module")
def site(browser) -> Iterator[tuple[str, dict[str, PageReport]]]:
    if not PAGES:
        unavailable(f"no built site at {SITE}: run `make book` first")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with serve(SITE) as base:
        yield base, {}


def visit(browser, base: str, relative: str) -> PageReport:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    problems = Problems()
    context = watched_context(browser, problems)
    page = open_page(context, base + relative, problems)
    # Mermaid loads when a diagram comes near the screen, as a reader scrolls.
    page.evaluate("() => { const d = document.querySelector('.mermaid'); if (d) d.scrollIntoView(); }")
    try:
        page.wait_for_function(
            "() => [...document.querySelectorAll('.mermaid')].every(block => block.querySelector('svg'))",
            timeout=15_000,
        )
    except PlaywrightTimeout:
        pass  # the blocks still without a diagram are counted next
    unrendered = page.evaluate(
        "[...document.querySelectorAll('.mermaid')].filter(block => !block.querySelector('svg')).length")
    faults = check_explorers(page, base + relative, context, problems)
    explorers = page.evaluate("document.querySelectorAll('.relulab-explorer').length")

    page.set_viewport_size(PHONE)
    page.wait_for_timeout(100)
    overflow = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    stem = relative.removesuffix(".html").replace("/", "__")
    for theme in ("light", "dark"):
        page.evaluate("""theme => {
            localStorage.setItem('mode', theme);
            localStorage.setItem('theme', theme);
            document.documentElement.dataset.mode = theme;
            document.documentElement.dataset.theme = theme;
        }""", theme)
        page.wait_for_timeout(100)
        shot = SCREENSHOTS / f"{stem}-{theme}.png"
        page.screenshot(path=shot)  # the first screen: a full chapter is tens of thousands of pixels
        assert shot.stat().st_size > 0
    context.close()
    # axe-core on a fresh phone page per theme: the theme is the reader's
    # stored choice, so Mermaid draws its diagrams for it, as for a reader.
    axe = {}
    for theme in ("light", "dark"):
        context = browser.new_context(viewport=PHONE)
        set_theme(context, theme)
        axe[theme] = axe_violations(goto_rendered(context.new_page(), base + relative))
        context.close()
    return PageReport(problems, unrendered, faults, explorers, tuple(overflow), axe)


@pytest.fixture
def report(browser, site, request) -> PageReport:
    base, reports = site
    relative = request.param
    if relative not in reports:
        reports[relative] = visit(browser, base, relative)
    return reports[relative]


pages = pytest.mark.parametrize("report", PAGES or ["(no site)"], indirect=True)


@pages
def test_page_makes_no_request_off_the_host(report):
    assert report.problems.external == []


@pages
def test_page_loads_every_resource(report):
    assert report.problems.failed == []


@pages
def test_page_logs_no_console_error(report):
    assert report.problems.console == []


@pages
def test_every_mermaid_block_became_a_diagram(report):
    assert report.mermaid_unrendered == 0


@pages
def test_every_explorer_control_changes_image_label_and_hash(report):
    assert report.explorer_faults == []


@pages
def test_no_accessibility_violation_in_either_theme(report):
    """axe-core, WCAG 2.1 A and AA, in the light and the dark theme: nothing."""
    found = {theme: [f"{v['id']} ({v['help']}): {', '.join(v['nodes'][:3])}" for v in violations]
             for theme, violations in report.axe.items()}
    assert found == {"light": [], "dark": []}


@pages
def test_no_horizontal_scroll_on_a_phone(report):
    scroll_width, inner_width = report.phone_overflow
    assert scroll_width <= inner_width + 1


def test_some_page_carries_static_explorers(site):
    """The build turns every placeholder into an explorer whose frames are files of the site."""
    texts = {p: (SITE / p).read_text(encoding="utf-8") for p in PAGES}
    with_frames = [p for p, text in texts.items() if "relulab-explorer-data" in text]
    placeholders = [p for p, text in texts.items() if "relulab-explorer-placeholder" in text]
    if not with_frames and not placeholders:
        pytest.skip("no chapter shows an interactive figure yet")
    assert placeholders == [], f"pages with an explorer left as a placeholder: {placeholders}"
    for relative in with_frames:
        for data in re.findall(r'class="relulab-explorer-data">(.*?)</script>', texts[relative]):
            for url in set(json.loads(data)["frames"]):
                assert (SITE / relative).parent.joinpath(url).resolve().is_file(), f"{relative}: {url}"


@pytest.mark.parametrize("relative", PAGES or ["(no site)"])
def test_page_weight_within_budget(site, relative):
    """The HTML with its embedded frames plus the local images it shows stays under 2.5 MB."""
    path = SITE / relative
    text = path.read_text(encoding="utf-8")
    total = path.stat().st_size
    for src in set(re.findall(r'<img[^>]*\ssrc="([^"]+)"', text)):
        src = html.unescape(src)
        if not src.startswith(("data:", "http:", "https:")):
            image = (path.parent / unquote(src.split("#")[0].split("?")[0])).resolve()
            total += image.stat().st_size if image.is_file() else 0
    assert total <= PAGE_BUDGET, f"{relative}: {total / 1e6:.2f} MB"



# -- the live widget in JupyterLab (what `make lab` and Binder show) ------------------
@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory: pytest.TempPathFactory):
    """A JupyterLab server on 127.0.0.1 over a scratch folder (nothing is saved in chapters/)."""
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    import nbformat

    folder = tmp_path_factory.mktemp("lab")
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("import relulab\nrelulab.viz.figures.activation_explorer()")],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )
    nbformat.write(notebook, folder / "explorer.ipynb")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    token = "relulab-test"
    command = [
        sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
        f"--ServerApp.root_dir={folder}", f"--IdentityProvider.token={token}", "--allow-root",
    ]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                server.wait()
                pytest.fail("JupyterLab did not start within 60 s")
            time.sleep(0.5)
    yield f"{base}/lab/tree/explorer.ipynb?token={token}"
    server.terminate()
    server.wait(timeout=30)


def test_live_widget_redraws_in_jupyterlab(browser, jupyterlab) -> None:
    """In a live kernel the explorer is a real ipywidget: a control change redraws the image."""
    page = browser.new_page(viewport=DESKTOP)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(jupyterlab)
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    # Run only once the kernel is up: a key press before that is lost.
    page.get_by_text("| Idle").first.wait_for(timeout=60_000)
    page.locator(".jp-Notebook .jp-Cell").first.click()
    page.keyboard.press("Shift+Enter")
    widget = page.locator(".widget-vbox").first
    widget.locator("img").first.wait_for(timeout=60_000)
    image = widget.locator("img").first
    before = image.get_attribute("src")
    widget.locator("select").first.select_option(label="sigmoid")
    page.wait_for_function(
        "([img, before]) => img.getAttribute('src') !== before",
        arg=[image.element_handle(), before],
        timeout=30_000,
    )
    page.screenshot(path=str(SCREENSHOTS / "jupyterlab-live-widget.png"))
    page.close()
    assert not errors, errors
