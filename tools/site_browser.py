"""Serve the built site on 127.0.0.1 and find the Chromium that opens it.

Shared by the browser tests (tests/test_browser.py), the audit
(tools/audit.py) and the PDF printers (tools/cheat_sheet.py, tools/book_pdf.py),
so all use the same server, page list, launch flags and accessibility check.
"""
from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import json
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


ROOT = Path(__file__).resolve().parents[1]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.1 levels A and AA, the rules the book promises to pass.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# What GitHub Pages compresses; images and fonts are compressed already.
COMPRESSIBLE = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".txt", ".xml", ".map")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class GzipHandler(QuietHandler):
    """Serves text files gzip-compressed to clients that accept it, as GitHub Pages does."""

    cache: dict[tuple[str, float], bytes] = {}

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in COMPRESSIBLE and path.is_file()):
            super().do_GET()
            return
        key = (str(path), path.stat().st_mtime)
        if key not in self.cache:
            self.cache[key] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        body = self.cache[key]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def serve(directory: Path, compress: bool = False) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 at a free port, from a thread (gzip when ``compress``)."""
    handler = functools.partial(GzipHandler if compress else QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def site_pages(site: Path) -> list[str]:
    """Every reader-facing HTML page of the built site, relative to its root."""
    if not site.is_dir():
        return []
    pages = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site)
        if any(part.startswith(("_", ".")) for part in relative.parts[:-1]):
            continue  # _static, _sources, _images, caches: internals
        if relative.parts[0] == "lite":
            continue  # the JupyterLite app, tested by tests/test_lite.py
        if relative.name == "genindex.html":
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if "<body" not in text and 'http-equiv="Refresh"' in text:
            continue  # index.html only redirects to the first page
        pages.append(relative.as_posix())
    return pages


def set_theme(context, theme: str) -> None:
    """Open every later page of ``context`` in the ``"light"`` or ``"dark"`` theme, as a reader's choice would."""
    context.add_init_script(
        f"localStorage.setItem('mode', {json.dumps(theme)}); localStorage.setItem('theme', {json.dumps(theme)});"
    )


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on ``page`` as drawn now: rule id, impact, nodes, help.

    The script is read from ``node_modules`` (``npm ci``) and injected into the
    page; nothing is fetched.
    """
    if not AXE_SCRIPT.is_file():
        raise FileNotFoundError(f"{AXE_SCRIPT} is missing: run `npm ci` (or `make assets`)")
    page.add_script_tag(content=AXE_SCRIPT.read_text(encoding="utf-8"))
    return page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
            .then(result => result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ')),
            })))""",
        AXE_TAGS,
    )


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
    return goto_rendered(browser.new_page(viewport={"width": width, "height": 1100}), url)


def goto_rendered(page, url: str):
    """``page`` at ``url`` laid out in full, once MathJax has typeset and Mermaid has drawn everything."""
    page.goto(url, wait_until="load")
    # A reader's browser lays out a code cell as it comes near the screen
    # (_static/fast.css); a printer, an audit or a measurement needs them all now.
    page.add_style_tag(content=".bd-article * { content-visibility: visible !important; }")
    # The site typesets formulas lazily, as they come into view; a printer or
    # an audit wants them all.
    page.evaluate("""async () => {
        if (!(window.MathJax && MathJax.startup)) return;
        await MathJax.startup.promise;
        const doc = MathJax.startup.document;
        if (doc && doc.lazyTypesetAll) await doc.lazyTypesetAll();
    }""")
    # Mermaid is imported when a diagram comes near the screen (_ext/lean_pages.py).
    page.evaluate("() => { const d = document.querySelector('.mermaid'); if (d) d.scrollIntoView(); }")
    page.wait_for_function("() => document.querySelectorAll('pre.mermaid:not([data-processed])').length === 0")
    # Drawn, then framed (with its fullscreen button) by sphinxcontrib-mermaid.
    page.wait_for_function("() => [...document.querySelectorAll('pre.mermaid')].every(d =>"
                           " d.querySelector('svg') && d.parentElement.classList.contains('mermaid-container'))")
    # A block that scrolls is a tab stop, so a keyboard reader can scroll it;
    # the site measures the blocks as they come near, and all of them at a
    # keyboard reader's first Tab (_ext/first_paint.py): press it, as they do.
    page.keyboard.press("Tab")
    page.wait_for_function("""() => [...document.querySelectorAll('pre')].every(block =>
        (block.scrollWidth > block.clientWidth || block.scrollHeight > block.clientHeight)
        === (block.tabIndex === 0))""")
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.evaluate("() => window.scrollTo(0, 0)")
    return page
