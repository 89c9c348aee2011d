"""Byte budgets of every page of the built site, as a phone on a mobile network receives it.

The site is served gzip-compressed, as GitHub Pages serves it. Two budgets:

* the HTML of a page is at most 150 KiB compressed (what the first request
  brings: everything else waits for it);
* the first screen, everything the browser fetches for a page opened on a
  390 px phone without scrolling (HTML, styles, scripts, fonts, images,
  MathJax's and Mermaid's parts), is at most 500 KiB compressed.

Bytes do not move with machine load, so unlike Lighthouse's scores (``make
audit``) they are tested here. Needs ``make book`` first; the first-screen
test also needs Chromium (see tests/test_browser.py for the skip rules).

A third check is about order rather than bytes: no script in a page's head
holds up its first paint, but the few that must (``_ext/first_paint.py``).
"""
from __future__ import annotations

import gzip
import os
import re
from pathlib import Path

import pytest

from site_browser import LAUNCH_ARGS, find_chromium, serve, site_pages

ROOT = Path(__file__).resolve().parents[1]
SITE = Path(os.environ.get("RELULAB_SITE_DIR", ROOT / "_build" / "html"))
REQUIRED = os.environ.get("RELULAB_REQUIRE_BROWSER") == "1"
PAGES = site_pages(SITE)
KIB = 1024
HTML_BUDGET = 150 * KIB
FIRST_SCREEN_BUDGET = 500 * KIB
PHONE = {"width": 390, "height": 844}


def compressed_size(data: bytes) -> int:
    """Bytes after gzip at level 6, the usual web server setting."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def test_compressed_size_counts_what_gzip_sends():
    """The measure itself: repetitive text shrinks, random bytes do not."""
    assert compressed_size(b"relu " * 10_000) < 1_000
    random = os.urandom(20_000)
    assert compressed_size(random) > 20_000


HEAD_SCRIPT = re.compile(r"<script\b([^>]*)\bsrc=\"([^\"]+)\"([^>]*)>")
# The inline lines after it use what it defines; the search page's template
# scripts use doctools.js as they run (and that page is not read on a phone first).
MAY_BLOCK = {"documentation_options.js"}


@pytest.mark.parametrize("relative", [p for p in PAGES if p != "search.html"] or ["(no site)"])
def test_no_script_in_the_head_holds_up_the_first_paint(relative):
    if not PAGES:
        pytest.skip(f"no built site at {SITE}: run `make book` first")
    head = (SITE / relative).read_text(encoding="utf-8").split("</head>")[0]
    blocking = [src for before, src, after in HEAD_SCRIPT.findall(head)
                if not re.search(r"\b(defer|async)\b|type=\"module\"", before + after)
                and Path(src.split("?")[0]).name not in MAY_BLOCK]
    assert blocking == [], f"scripts that block the first paint: {blocking}"


@pytest.mark.parametrize("relative", PAGES or ["(no site)"])
def test_first_load_html_within_budget(relative):
    if not PAGES:
        pytest.skip(f"no built site at {SITE}: run `make book` first")
    size = compressed_size((SITE / relative).read_bytes())
    assert size <= HTML_BUDGET, f"{relative}: {size / KIB:.0f} KiB compressed HTML"


@pytest.fixture(scope="module")
def phone():
    """A Chromium page at a phone's size and the site served gzip-compressed on 127.0.0.1."""
    if not PAGES:
        pytest.skip(f"no built site at {SITE}: run `make book` first")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if REQUIRED:
            pytest.fail("RELULAB_REQUIRE_BROWSER=1 but Playwright is not installed")
        pytest.skip("Playwright is not installed")
    with sync_playwright() as playwright, serve(SITE, compress=True) as base:
        executable = find_chromium(playwright)
        if executable is None:
            if REQUIRED:
                pytest.fail("RELULAB_REQUIRE_BROWSER=1 but no Chromium found")
            pytest.skip("no Chromium found")
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=LAUNCH_ARGS)
        yield browser, base
        browser.close()


def first_screen_bytes(browser, url: str) -> dict[str, int]:
    """URL -> compressed body bytes, for everything a fresh phone fetches until the page is idle.

    Bodies as sent (gzip), without the HTTP headers, whose size depends on the server.
    """
    context = browser.new_context(viewport=PHONE, is_mobile=True, device_scale_factor=2)
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    urls: dict[str, str] = {}
    headers: dict[str, int] = {}
    received: dict[str, int] = {}
    session.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
    session.on("Network.responseReceived", lambda e: headers.__setitem__(
        e["requestId"], int(e["response"].get("encodedDataLength", 0))))
    session.on("Network.loadingFinished", lambda e: received.__setitem__(
        urls.get(e["requestId"], e["requestId"]), int(e["encodedDataLength"]) - headers.get(e["requestId"], 0)))
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    context.close()
    return {u: n for u, n in received.items() if not u.startswith("data:")}


@pytest.mark.parametrize("relative", PAGES or ["(no site)"])
def test_first_screen_within_budget(phone, relative):
    browser, base = phone
    received = first_screen_bytes(browser, base + relative)
    assert any(u.endswith(relative) for u in received), "the page itself was not counted"
    total = sum(received.values())
    largest = sorted(received.items(), key=lambda item: -item[1])[:5]
    assert total <= FIRST_SCREEN_BUDGET, (
        f"{relative}: {total / KIB:.0f} KiB for the first screen; largest: "
        + ", ".join(f"{u.rsplit('/', 1)[-1]} {n / KIB:.0f} KiB" for u, n in largest)
    )
