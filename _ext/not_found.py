"""Build the 404 page as a page of the book: the site's header, navigation and theme switch.

GitHub Pages serves ``404.html`` for any missing address, at any depth, so
the page's relative links cannot be resolved against the address it is shown
at. A ``<base>`` written before any stylesheet or script points them at the
site root instead: the first path segment on a project site
(user.github.io/repository/), the domain root everywhere else.
"""
from __future__ import annotations

import html
from collections.abc import Iterator

from sphinx.application import Sphinx

PAGENAME = "404"

# Runs while the <head> is parsed, before any relative URL is requested.
BASE_SCRIPT = """
<script>
  (function () {
    var segments = location.pathname.split("/").filter(Boolean);
    var onProjectSite = /\\.github\\.io$/.test(location.hostname) && segments.length > 0;
    document.write('<base href="' + (onProjectSite ? "/" + segments[0] + "/" : "/") + '">');
  })();
</script>
<meta name="robots" content="noindex" />"""


def body(book_title: str, home: str) -> str:
    """The page's text: what happened, the usual cause, and the way back."""
    return (
        '<section id="page-not-found">\n<h1>Page not found</h1>\n'
        f"<p>This address is not part of <em>{html.escape(book_title)}</em>. Chapters keep their names "
        "(<code>chapters/01_relu.html</code> …), so a typo in the address is the usual cause.</p>\n"
        f'<p><a href="{home}">Go to the start of the book</a>, or pick a chapter in the navigation.</p>\n'
        "</section>"
    )


def collect_page(app: Sphinx) -> Iterator[tuple[str, dict, str]]:
    home = app.builder.get_target_uri(app.config.root_doc)
    context = {
        "title": "Page not found",
        "body": body(app.config.html_title or app.config.project, home),
        "metatags": BASE_SCRIPT,
        "display_toc": False,
    }
    yield PAGENAME, context, "page.html"


def setup(app: Sphinx) -> dict:
    app.connect("html-collect-pages", collect_page)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
