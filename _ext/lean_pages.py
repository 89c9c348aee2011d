"""Keep on each page only what the page uses, so that it loads fast on a phone.

What the theme and the extensions add to every page, and what this does about it:

* Font Awesome: the theme's 1.4 MB ``fontawesome.js`` (or, without it, its
  430 KB of webfonts) would draw some twenty icons. ``_templates/layout.html``
  leaves the script out, so the theme's CSS draws the icons with the webfonts;
  after the build this extension subsets those fonts to the characters the
  site shows (its pages' icon classes and the theme's CSS icons),
  ``_static/icons.css`` points the same font families at the subsets, and
  the theme's CSS loses its rules for the other 1,800 icons.
* sphinx-design's styles and script, and the quizzes' (``_static/quiz.*``),
  only on pages that use them.
* ipywidgets: myst-nb embeds the notebook's widget state in a script that no
  script on the static page reads; it is dropped.
* One ``<meta name="viewport">``: docutils adds a second and the theme a third.
* Images: every ``<img>`` of a page's body gets its width and height (no
  layout shift while it loads), ``decoding="async"`` and ``loading="lazy"``:
  a chapter opens on its title and prose, and on a phone its first figure
  is always below the first screen.

* Mermaid: sphinxcontrib-mermaid adds it only to pages with a diagram, but
  imports it (about 200 KB compressed with the chunks a flowchart needs) as
  the page loads. Its script is wrapped so that Mermaid is imported when a
  diagram comes within half a screen of the viewport.

MathJax needs nothing here: the formulas are typeset at build time
(``_ext/build_math.py``), and only without Node.js does Sphinx add MathJax,
to the pages with mathematics (``_config.yml`` makes it typeset lazily).
"""
from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import unquote

import pydata_sphinx_theme
from fontTools import subset
from fontTools.ttLib import TTFont
from PIL import Image
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

ICONS_CSS = "icons.css"
THEME_CSS = (
    Path(pydata_sphinx_theme.__file__).parent
    / "theme" / "pydata_sphinx_theme" / "static" / "styles" / "pydata-sphinx-theme.css"
)
# Font Awesome's webfonts as the theme ships them: file stem, family, weight.
FONTS = [
    ("fa-solid-900", "Font Awesome 6 Free", 900),
    ("fa-regular-400", "Font Awesome 6 Free", 400),
    ("fa-brands-400", "Font Awesome 6 Brands", 400),
]
# `.fa-pencil-alt:before,.fa-pencil:before{content:"\f303"}` in the theme's CSS.
FA_CLASS_RULE = re.compile(r'((?:\.fa-[a-z0-9-]+:before,?)+)\{content:"\\([0-9a-f]+)"\}')
THEME_ICON_VARIABLE = re.compile(r'--pst-icon-[a-z-]+:"([\ue000-\uf8ff])"')
CSS_ESCAPED_ICON = re.compile(r'content:\s*"\\([ef][0-9a-f]{3})"')
ICON_CLASSES = re.compile(r'class="([^"]*\bfa-[a-z0-9-]+[^"]*)"')
VIEWPORT = re.compile(r'\s*<meta name="viewport"[^>]*>')
IMG = re.compile(r"<img\b[^>]*>")
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
# Assets Sphinx extensions add to every page -> what a page's body must hold to use them.
USED_BY = {
    "sphinx-design.min.css": 'class="sd-',
    "design-tabs.js": 'class="sd-',
    "quiz.js": 'class="quiz',
    "quiz.css": 'class="quiz',
}


def lean_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    # The basic layout writes the one viewport tag everybody needs.
    context["metatags"] = VIEWPORT.sub("", context.get("metatags", ""))
    body = context.get("body", "")
    unused = {name for name, marker in USED_BY.items() if marker not in body}
    styles = context.get("css_files", [])
    styles[:] = [style for style in styles if Path(str(style.filename)).name not in unused]
    scripts = context.get("script_files", [])
    kept = []
    for script in scripts:
        if script.attributes.get("type") == WIDGET_STATE or Path(str(script.filename or "")).name in unused:
            continue
        body = script.attributes.get("body", "")
        if script.attributes.get("type") == "module" and body.startswith("import mermaid from "):
            attributes = {**script.attributes, "body": mermaid_on_demand(body)}
            script = type(script)(script.filename, priority=script.priority, **attributes)
        kept.append(script)
    # In place: the theme renders this very list; Sphinx restores it per page.
    scripts[:] = kept
    if "body" in context:
        context["body"] = sized_images(app, pagename, context["body"])


MERMAID_IMPORT = re.compile(r'^import mermaid from ("[^"]+");')
MERMAID_START = 'window.addEventListener("load", load);'
# Import Mermaid and draw the diagrams once one comes within half a screen of the
# viewport (after the page has loaded), instead of with the page.
MERMAID_ON_DEMAND = """const relulabMermaid = async () => {{
const {{ default: mermaid }} = await import({url});
{body}
await load();
}};
const relulabDiagrams = document.querySelectorAll(".mermaid");
const relulabObserver = new IntersectionObserver((entries) => {{
  if (!entries.some((entry) => entry.isIntersecting)) return;
  relulabObserver.disconnect();
  relulabMermaid();
}}, {{ rootMargin: "50% 0px" }});
const relulabWatch = () => relulabDiagrams.forEach((el) => relulabObserver.observe(el));
if (document.readyState === "complete") relulabWatch();
else window.addEventListener("load", relulabWatch);
"""


def mermaid_on_demand(body: str) -> str:
    """sphinxcontrib-mermaid's module script, importing Mermaid only when a diagram is near."""
    found = MERMAID_IMPORT.match(body)
    if not found or body.count(MERMAID_START) != 1:
        logger.warning("lean_pages: sphinxcontrib-mermaid's script changed; Mermaid loads with the page")
        return body
    rest = body[found.end():].replace(MERMAID_START, "")
    return MERMAID_ON_DEMAND.format(url=found.group(1), body=rest)


def image_file(app: Sphinx, pagename: str, src: str) -> Path | None:
    """The file behind a page-relative ``src``, in the output or (not copied yet) the source."""
    if src.startswith(("data:", "http:", "https:", "//")):
        return None
    relative = (Path(pagename).parent / unquote(src.split("#")[0].split("?")[0])).as_posix()
    out = (Path(app.outdir) / relative).resolve()
    if out.is_file():
        return out
    if relative.startswith("_images/"):
        wanted = relative.removeprefix("_images/")
        for source, name in app.builder.images.items():
            if name == wanted:
                return Path(app.srcdir) / source
    return None


def sized_images(app: Sphinx, pagename: str, body: str) -> str:
    def size(match: re.Match) -> str:
        tag = match.group(0)
        found = re.search(r'\ssrc="([^"]+)"', tag)
        extra = []
        if found and " width=" not in tag and " height=" not in tag:
            path = image_file(app, pagename, html.unescape(found.group(1)))
            if path is not None and path.suffix.lower() != ".svg":
                try:
                    with Image.open(path) as image:
                        extra.append(f'width="{image.width}" height="{image.height}"')
                except OSError:
                    pass
        if " loading=" not in tag:
            extra.append('loading="lazy"')
        if " decoding=" not in tag:
            extra.append('decoding="async"')
        if not extra:
            return tag
        end = -2 if tag.endswith("/>") else -1
        return tag[:end].rstrip() + " " + " ".join(extra) + tag[end:]

    return IMG.sub(size, body)


def wanted_codepoints(outdir: Path) -> set[int]:
    """Font Awesome characters the site can show: its pages' icon classes and the theme's CSS icons."""
    static = outdir / "_static"
    theme_css = THEME_CSS.read_text(encoding="utf-8")
    by_class: dict[str, int] = {}
    for selectors, code in FA_CLASS_RULE.findall(theme_css):
        for name in re.findall(r"\.(fa-[a-z0-9-]+):before", selectors):
            by_class[name] = int(code, 16)
    wanted: set[int] = set()
    for page in outdir.rglob("*.html"):
        for classes in ICON_CLASSES.findall(page.read_text(encoding="utf-8", errors="replace")):
            wanted.update(by_class[word] for word in classes.split() if word in by_class)
    # The theme's own CSS icons (admonitions, toggles), and every other
    # stylesheet's: characters of Font Awesome's private-use area.
    wanted.update(ord(char) for char in THEME_ICON_VARIABLE.findall(theme_css))
    for css in static.rglob("*.css"):
        if css.name != "pydata-sphinx-theme.css":
            text = css.read_text(encoding="utf-8", errors="replace")
            wanted.update(int(code, 16) for code in CSS_ESCAPED_ICON.findall(text))
    return wanted


def trim_theme_css(outdir: Path, wanted: set[int]) -> None:
    """Drop the theme CSS's rules for Font Awesome icons the site never shows (1,800 of them)."""
    # From the theme's own copy, so a second build trims the full file again.
    text = THEME_CSS.read_text(encoding="utf-8")
    (outdir / "_static" / "styles" / THEME_CSS.name).write_text(
        FA_CLASS_RULE.sub(lambda rule: rule.group(0) if int(rule.group(2), 16) in wanted else "", text),
        encoding="utf-8",
    )


def write_icon_fonts(app: Sphinx, exception: Exception | None) -> None:
    """Subsets of Font Awesome's webfonts with only the site's icons, and the CSS that uses them."""
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    wanted = wanted_codepoints(outdir)
    fonts = outdir / "_static" / "vendor" / "fontawesome" / "webfonts"
    rules = []
    for stem, family, weight in FONTS:
        # The TrueType copy: reading woff2 needs the brotli module.
        source = fonts / f"{stem}.ttf"
        if not source.is_file():
            logger.warning("lean_pages: %s is missing; icons fall back to the theme's font", source)
            continue
        font = TTFont(source)
        # With the spaces: an icon element's whitespace must not send the
        # browser to the theme's full font for a glyph the subset lacks.
        present = sorted((wanted | {0x20, 0xA0}) & set(font.getBestCmap()))
        options = subset.Options()
        options.flavor = "woff"  # woff2 needs the brotli module
        options.layout_features = []
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=present)
        subsetter.subset(font)
        target = outdir / "_static" / "icons" / f"{stem}.woff"
        target.parent.mkdir(parents=True, exist_ok=True)
        font.flavor = "woff"
        font.save(target)
        rules.append(
            f'@font-face{{font-family:"{family}";font-style:normal;font-weight:{weight};'
            f'font-display:block;src:url(icons/{stem}.woff) format("woff")}}'
        )
    trim_theme_css(outdir, wanted)
    (outdir / "_static" / ICONS_CSS).write_text(
        "/* Font Awesome, only the characters this site shows (written by _ext/lean_pages.py). */\n"
        + "\n".join(rules) + "\n", encoding="utf-8"
    )


def lazy_theme_images(app: Sphinx, exception: Exception | None) -> None:
    """``loading="lazy"`` on the theme's own images (the launch menu's logos), which
    sit in a closed menu: a browser then fetches them only when the menu opens."""
    if exception is not None or app.builder.format != "html":
        return
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        lazy = IMG.sub(lambda m: m.group(0) if " loading=" in m.group(0)
                       else m.group(0).replace("<img ", '<img loading="lazy" ', 1), text)
        if lazy != text:
            page.write_text(lazy, encoding="utf-8")


def setup(app: Sphinx) -> dict:
    app.add_css_file(ICONS_CSS)
    # After the extensions that add per-page scripts (myst-nb's widget state).
    app.connect("html-page-context", lean_page, priority=990)
    app.connect("build-finished", write_icon_fonts)
    app.connect("build-finished", lazy_theme_images)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
