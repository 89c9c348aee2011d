"""Audit every page of the built site for speed and accessibility, as a reader on a phone meets it.

Usage: ``make audit`` (after ``make book``), or
``.venv/bin/python tools/audit.py [--pages chapters/03_dying_relu.html ...] [--no-lighthouse] [--runs N] [--json FILE]``
(``make audit RUNS=5``: five Lighthouse runs per page, the median shown).

The site in ``_build/html`` is served gzip-compressed on 127.0.0.1 (as GitHub
Pages serves it). Each page then gets

* Lighthouse 12 (``node_modules/.bin/lighthouse``, pinned in package.json) in
  its default mobile mode (simulated 4G, 4x CPU slowdown) with the system
  Chromium: the four category scores, LCP, TBT, CLS and the bytes transferred;
* axe-core (WCAG 2.1 A and AA) injected with Playwright, in the light and the
  dark theme, 390 px and 1280 px wide: rules and nodes in violation.

It prints a Markdown table (the one in bench/RESULTS.md) and each violation.
Lighthouse scores move with machine load: run it on a quiet machine.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from site_browser import (
    LAUNCH_ARGS, axe_violations, find_chromium, goto_rendered, serve, set_theme, site_pages,
)

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "_build" / "html"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
THEMES = ("light", "dark")
WIDTHS = (390, 1280)  # a phone (the sidebars are drawers) and a desktop screen


def lighthouse(url: str, chrome: str) -> dict:
    """One Lighthouse run (default mobile settings) on ``url``: scores and the Core Web Vitals."""
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.json"
        command = [
            str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new " + " ".join(LAUNCH_ARGS),
        ]
        subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": chrome},
                       stdout=subprocess.DEVNULL, timeout=300)
        result = json.loads(report.read_text(encoding="utf-8"))
    audits = result["audits"]
    scores = {name: round(100 * (result["categories"][name]["score"] or 0)) for name in CATEGORIES}
    failing = sorted(
        key for key, audit in audits.items()
        if audit.get("score") is not None and audit["score"] < 1
        and audit.get("scoreDisplayMode") == "binary"
    )
    return {
        **scores,
        "lcp_s": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "kib": audits["total-byte-weight"]["numericValue"] / 1024,
        "failing": failing,
    }


def accessibility(browser, base: str, pages: list[str]) -> dict[str, dict[str, list[dict]]]:
    """axe-core violations of every page, per theme, on a phone and on a desktop screen."""
    found: dict[str, dict[str, list[dict]]] = {page: {theme: [] for theme in THEMES} for page in pages}
    for theme in THEMES:
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 844})
            set_theme(context, theme)
            for relative in pages:
                print(f"audit: axe-core {theme} {width} px {relative}", file=sys.stderr)
                page = goto_rendered(context.new_page(), base + relative)
                found[relative][theme] += [{**v, "width": width} for v in axe_violations(page)]
                page.close()
            context.close()
    return found


def table(rows: dict[str, dict]) -> str:
    head = ("| page | perf | LCP s | TBT ms | CLS | KiB | a11y | best pr. | SEO "
            "| axe light (rules/nodes) | axe dark (rules/nodes) |\n"
            "|---|---|---|---|---|---|---|---|---|---|---|\n")
    lines = []
    for page, row in rows.items():
        lh = row.get("lighthouse")
        speed = (f"{lh['performance']} | {lh['lcp_s']:.1f} | {lh['tbt_ms']:.0f} | {lh['cls']:.3f} | "
                 f"{lh['kib']:,.0f} | {lh['accessibility']} | {lh['best-practices']} | {lh['seo']}"
                 if lh else "– | – | – | – | – | – | – | –")
        axe = " | ".join(
            f"{len(row['axe'][t])}/{sum(len(v['nodes']) for v in row['axe'][t])}" for t in THEMES
        )
        lines.append(f"| {page} | {speed} | {axe} |")
    return head + "\n".join(lines)


def positive(text: str) -> int:
    """An argument that must be a whole number of at least 1."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {text!r}")
    return int(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=SITE)
    parser.add_argument("--pages", nargs="*", help="pages relative to the site (default: all)")
    parser.add_argument("--no-lighthouse", action="store_true", help="axe-core only")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    parser.add_argument("--runs", type=positive, default=1,
                        help="Lighthouse runs per page; the table shows the median run by performance "
                             "score, as Lighthouse's own docs advise for noisy machines (default 1)")
    args = parser.parse_args()
    pages = args.pages or site_pages(args.site)
    if not pages:
        print(f"audit: no built site at {args.site}: run `make book` first", file=sys.stderr)
        return 1
    if not args.no_lighthouse and not LIGHTHOUSE.is_file():
        print("audit: Lighthouse is missing: run `npm ci`", file=sys.stderr)
        return 1

    from playwright.sync_api import sync_playwright

    rows: dict[str, dict] = {page: {} for page in pages}
    with sync_playwright() as playwright, serve(args.site, compress=True) as base:
        chrome = find_chromium(playwright)
        if chrome is None:
            print("audit: no Chromium found (set CHROMIUM=/path/to/chrome)", file=sys.stderr)
            return 1
        browser = playwright.chromium.launch(executable_path=chrome, headless=True, args=LAUNCH_ARGS)
        for page, found in accessibility(browser, base, pages).items():
            rows[page]["axe"] = found
        browser.close()
        if not args.no_lighthouse:
            for page in pages:
                print(f"audit: Lighthouse {page}", file=sys.stderr)
                runs = sorted((lighthouse(base + page, chrome) for _ in range(args.runs)),
                              key=lambda run: run["performance"])
                if args.runs > 1:
                    print(f"audit: {page} performance {[run['performance'] for run in runs]}", file=sys.stderr)
                rows[page]["lighthouse"] = runs[len(runs) // 2]

    print(table(rows))
    for page, row in rows.items():
        for theme in THEMES:
            for violation in row["axe"][theme]:
                print(f"- axe {theme} {violation['width']} px {page}: {violation['id']} ({violation['impact']}, "
                      f"{len(violation['nodes'])} nodes: {', '.join(violation['nodes'][:3])}): {violation['help']}")
        for failing in (row.get("lighthouse") or {}).get("failing", []):
            print(f"- lighthouse {page}: {failing}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
