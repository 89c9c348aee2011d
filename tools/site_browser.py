"""Serve the built site on 127.0.0.1 and find the Chromium that opens it.

Shared by the browser tests (tests/test_browser.py) and the cheat-sheet
printer (tools/cheat_sheet.py), so both use the same server and launch flags.
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import sys
import threading
from pathlib import Path
from typing import Iterator

LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 at a free port, from a thread."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def find_chromium(playwright) -> str | None:
    """``$CHROMIUM``, the system Chromium, or Playwright's own, whichever exists first."""
    candidates = [os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                  shutil.which("chromium-browser"), playwright.chromium.executable_path]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return candidate
    return None


@contextlib.contextmanager
def site_browser(site: Path, tool: str) -> Iterator[tuple[object, str] | None]:
    """(Chromium browser, base URL of ``site`` served on 127.0.0.1), or None with a message.

    None when Playwright or Chromium is missing: a tool that prints PDFs then
    writes nothing, and the tests (required in CI) fail on the missing file.
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print(f"{tool}: Playwright is not installed; no PDF written", file=sys.stderr)
        yield None
        return
    with sync_playwright() as playwright, serve(site) as base:
        executable = find_chromium(playwright)
        if executable is None:
            print(f"{tool}: no Chromium found; no PDF written", file=sys.stderr)
            yield None
            return
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=LAUNCH_ARGS)
        try:
            yield browser, base
        finally:
            browser.close()


def open_rendered(browser, url: str, width: int = 800):
    """A new page at ``url`` once MathJax has typeset and Mermaid has drawn everything."""
    page = browser.new_page(viewport={"width": width, "height": 1100})
    page.goto(url, wait_until="load")
    page.evaluate("() => window.MathJax && MathJax.startup ? MathJax.startup.promise : null")
    page.wait_for_function("() => document.querySelectorAll('pre.mermaid:not([data-processed])').length === 0")
    return page
