"""Formulas are typeset at build time: pages carry MathJax's SVG output and no MathJax script.

The typesetter (``tools/typeset_math.mjs``, run by ``_ext/build_math.py``) is
checked on a small page of its own (needs Node.js and ``node_modules``, from
``make assets``); the built site (``make book``) is checked page by page.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from test_book import ROOT, built_pages, site  # noqa: F401  (site is a fixture)

SCRIPT = ROOT / "tools" / "typeset_math.mjs"
NODE = shutil.which("node")
HAVE_TYPESETTER = NODE is not None and (ROOT / "node_modules" / "mathjax-full" / "package.json").is_file()
needs_typesetter = pytest.mark.skipif(not HAVE_TYPESETTER, reason="needs node and node_modules (make assets)")
RAW_TEX = re.compile(r"\\\(|\\\[|\\begin\{")


class PageMath(HTMLParser):
    """A page's scripts, stylesheets, formulas and the text outside code, scripts and formulas."""

    CODE = {"pre", "code", "script", "style", "math", "svg"}

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.stylesheets: list[str] = []
        self.formulas = 0
        self.typeset = 0
        self.containers = 0
        self.assistive = 0
        self.text: list[str] = []
        self.inside: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if tag == "script":
            self.scripts.append(attributes.get("src") or "")
        if tag == "link" and attributes.get("rel") == "stylesheet":
            self.stylesheets.append(attributes.get("href") or "")
        if "math" in classes and tag in {"span", "div"}:
            self.formulas += 1
            self.typeset += "typeset" in classes
        if tag == "mjx-container":
            self.containers += 1
        if tag == "mjx-assistive-mml":
            self.assistive += 1
        if tag in self.CODE:
            self.inside.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.CODE and tag in self.inside:
            while self.inside.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if not self.inside:
            self.text.append(data)
        elif self.inside[-1] == "script" and "MathJax" in data:
            self.scripts.append("inline script naming MathJax")


def page_math(html: str) -> PageMath:
    parser = PageMath()
    parser.feed(html)
    return parser


# -- the typesetter on a page of its own -------------------------------------------------
PAGE = r"""<html><head></head><body>
<p>Inline <span class="math notranslate nohighlight">\(f(x) = \max(0, x) &lt; \alpha &#64; W\)</span> text.</p>
<div class="math notranslate nohighlight" id="equation-chain">
<span class="eqno">(1)<a class="headerlink" href="#equation-chain">#</a></span>\[\frac{\partial L}{\partial w} = \delta\]</div>
<div class="math notranslate nohighlight">
\begin{align}a &amp;= b \\ c &amp;= d\end{align}</div>
<pre>code keeps \(raw\) TeX</pre>
</body></html>
"""


def run_typesetter(tmp_path: Path, page: str) -> tuple[subprocess.CompletedProcess, Path]:
    (tmp_path / "_static").mkdir()
    target = tmp_path / "page.html"
    target.write_text(page, encoding="utf-8")
    done = subprocess.run([NODE, str(SCRIPT), str(tmp_path)], cwd=ROOT, capture_output=True, text=True)
    return done, target


@needs_typesetter
def test_typesetter_turns_every_formula_into_svg_with_mathml(tmp_path: Path) -> None:
    done, target = run_typesetter(tmp_path, PAGE)
    assert done.returncode == 0, done.stderr
    html = target.read_text(encoding="utf-8")
    found = page_math(html)
    assert (found.formulas, found.typeset, found.containers, found.assistive) == (3, 3, 3, 3)
    assert not RAW_TEX.search(" ".join(found.text)), "TeX left outside code"
    assert r"<pre>code keeps \(raw\) TeX</pre>" in html, "code must stay as written"
    # The unescaped TeX: "<" and "@" (which docutils writes as &#64;) reach MathML
    # as operators, "&" as an alignment.
    assert "<mo>&lt;</mo>" in html and "<mo>@</mo>" in html and "<mi>α</mi>" in html
    assert html.count("<mtr>") >= 2, "the align environment lost its rows"
    # The equation number and its anchor survive, before the formula.
    assert re.search(r'id="equation-chain"><span class="eqno">\(1\)<a [^>]*>#</a></span><mjx-container', html)
    # Displayed formulas, which scroll when wider than the column, take the keyboard's focus.
    assert html.count('display="true"') == html.count('tabindex="0"') == 2
    # Drawn in the text's colour (the dark theme), hidden from screen readers that read
    # the MathML, like the one hidden store of the page's glyphs the formulas <use>.
    assert 'fill="currentColor"' in html and html.count('aria-hidden="true"') == 3 + 1
    assert html.count('<svg id="MJX-SVG-global-cache"') == 1 and "<use " in html
    assert html.index("MJX-SVG-global-cache") > html.index("<pre>"), "the glyphs come after the text"
    css = (tmp_path / "_static" / "math.css").read_text(encoding="utf-8")
    assert "mjx-assistive-mml" in css and 'mjx-container[jax="SVG"]' in css


@needs_typesetter
def test_typesetter_refuses_tex_it_cannot_read(tmp_path: Path) -> None:
    page = r'<span class="math notranslate nohighlight">\(\frac{1}{\)</span>'
    done, target = run_typesetter(tmp_path, page)
    assert done.returncode != 0
    assert "cannot typeset" in done.stderr and "frac" in done.stderr
    assert target.read_text(encoding="utf-8") == page, "a failed run must not rewrite the page"


def test_page_reader_sees_raw_tex_and_mathjax_scripts() -> None:
    """The site checks below can fail: raw TeX and a MathJax script are found."""
    found = page_math(
        '<script src="_static/mathjax/tex-mml-chtml.js"></script><script>window.MathJax = {}</script>'
        r'<p><span class="math notranslate nohighlight">\(x\)</span></p><pre>\(y\)</pre>'
    )
    assert found.formulas == 1 and found.typeset == 0
    assert RAW_TEX.search(" ".join(found.text))
    assert len([s for s in found.scripts if "mathjax" in s.lower()]) == 2


# -- the built site ----------------------------------------------------------------------
def site_math(site: Path) -> dict[str, PageMath]:  # noqa: F811
    return {str(path.relative_to(site)): page_math(path.read_text(encoding="utf-8")) for path in built_pages(site)}


@needs_typesetter
def test_no_page_loads_mathjax(site: Path) -> None:  # noqa: F811
    loading = {
        name: scripts for name, found in site_math(site).items()
        if (scripts := [s for s in found.scripts if "mathjax" in s.lower()])
    }
    assert not loading, f"pages still load MathJax: {loading}"


@needs_typesetter
def test_every_formula_is_typeset_with_its_mathml(site: Path) -> None:  # noqa: F811
    pages = site_math(site)
    with_math = {name: found for name, found in pages.items() if found.formulas}
    assert len(with_math) >= 8, f"formulas on only {sorted(with_math)}"
    problems = {
        name: (found.formulas, found.typeset, found.containers, found.assistive)
        for name, found in with_math.items()
        if not found.formulas == found.typeset == found.containers == found.assistive
    }
    assert not problems, f"(formulas, typeset, SVGs, MathML) differ: {problems}"
    raw = {
        name: RAW_TEX.findall(" ".join(found.text))[:3]
        for name, found in pages.items() if RAW_TEX.search(" ".join(found.text))
    }
    assert not raw, f"raw TeX left in the text outside code: {raw}"


@needs_typesetter
def test_pages_with_formulas_share_one_stylesheet(site: Path) -> None:  # noqa: F811
    assert (site / "_static" / "math.css").is_file()
    for name, found in site_math(site).items():
        linked = any(href.split("?")[0].endswith("_static/math.css") for href in found.stylesheets)
        assert linked == bool(found.formulas), f"{name}: math.css linked {linked}, formulas {found.formulas}"
