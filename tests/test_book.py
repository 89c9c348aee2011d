"""The book as a whole: sources, built site and the promises between them.

Source checks run anywhere. Site checks read ``_build/html`` (``make book``
first; ``RELULAB_SITE_DIR`` points elsewhere) and are skipped when it is
missing, unless ``RELULAB_REQUIRE_BROWSER=1`` (as in CI): then they fail.
Behaviour in a real browser (console, requests) is tested in test_browser.py.
"""
from __future__ import annotations

import ast
import functools
import importlib
import inspect
import json
import os
import pkgutil
import re
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import nbformat
import pytest
import yaml
from markdown_it import MarkdownIt
from mdit_py_plugins.colon_fence import colon_fence_plugin

import relulab

ROOT = Path(__file__).resolve().parents[1]
SITE = Path(os.environ.get("RELULAB_SITE_DIR", ROOT / "_build" / "html"))
REQUIRED = os.environ.get("RELULAB_REQUIRE_BROWSER") == "1"
# Every term the book must define in its glossary: the vocabulary of the topic
# (neurons, activations, the two passes, the dying problem) and the terms the
# chapters rely on.
GLOSSARY_TERMS = [
    "Neuron", "Activation", "ReLU", "Leaky ReLU", "Dead Neuron", "Gradient", "Forward Propagation",
    "Backward Propagation", "Epoch", "Loss", "Alpha (α)", "He Initialization",
    "Dying ReLU", "Pre-activation", "Vanishing gradient", "Exploding gradient", "PReLU", "ELU", "SELU",
    "Swish", "SiLU", "Sigmoid", "Tanh", "Softmax", "Xavier initialization", "Glorot initialization",
    "Batch normalization", "Learning rate", "Chain rule", "Born dead", "Sparse activation",
    "Zero-centered", "Gradient clipping", "Weight update",
]
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
RESOURCE_LINK_RELS = {"stylesheet", "preload", "modulepreload", "prefetch", "icon", "manifest", "preconnect"}


# -- the table of contents and its sources ------------------------------------------
def toc_docnames() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    names = [toc["root"]]

    def walk(entries: list[dict]) -> None:
        for entry in entries:
            if "file" in entry:
                names.append(entry["file"])
            for key in ("parts", "chapters", "sections"):
                walk(entry.get(key, []))

    walk(toc.get("parts", []) + toc.get("chapters", []))
    return names


DOCNAMES = toc_docnames()


def source_of(docname: str) -> Path | None:
    for suffix in (".ipynb", ".md"):
        path = ROOT / f"{docname}{suffix}"
        if path.is_file():
            return path
    return None


NOTEBOOKS = [path for name in DOCNAMES if (path := source_of(name)) and path.suffix == ".ipynb"]


def markdown_of(path: Path) -> str:
    if path.suffix == ".md":
        return path.read_text(encoding="utf-8")
    notebook = nbformat.read(path, as_version=4)
    return "\n\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")


# -- the built site -------------------------------------------------------------------
@pytest.fixture(scope="module")
def site() -> Path:
    if not (SITE / "searchindex.js").is_file():
        message = f"no built site in {SITE}: run `make book` first"
        if REQUIRED:
            pytest.fail(f"RELULAB_REQUIRE_BROWSER=1 but {message}")
        pytest.skip(message)
    return SITE


class Page(HTMLParser):
    """The few facts about a built page the tests need."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.ids: set[str] = set()
        self.inline_scripts: list[str] = []
        self.glossary_terms: list[str] = []
        self._script: list[str] | None = None
        self._term: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        self.tags.append((tag, attributes))
        for key in ("id", "name"):
            if attributes.get(key):
                self.ids.add(attributes[key])
        if tag == "script" and "src" not in attributes:
            self._script = []
        if tag == "dt" and attributes.get("id", "").startswith("term-"):
            self._term = []
        if tag == "a" and self._term is not None and "headerlink" in attributes.get("class", ""):
            self.glossary_terms.append("".join(self._term).strip())
            self._term = None

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.inline_scripts.append("".join(self._script))
            self._script = None
        if tag == "dt" and self._term is not None:
            self.glossary_terms.append("".join(self._term).strip())
            self._term = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)
        if self._term is not None:
            self._term.append(data)

    def count_class(self, name: str) -> int:
        return sum(name in attrs.get("class", "").split() for _tag, attrs in self.tags)


@functools.cache
def parse_page(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8", errors="replace"))
    return page


def built_pages(site: Path) -> list[Path]:
    return [
        path for path in sorted(site.rglob("*.html"))
        if not path.relative_to(site).parts[0].startswith(("_static", "_sources", "_images", "."))
        and path.relative_to(site).parts[0] != "lite"  # the JupyterLite app: tests/test_lite.py
    ]


# -- sources ---------------------------------------------------------------------------
def test_every_toc_entry_has_a_source_file() -> None:
    assert len(DOCNAMES) >= 12, DOCNAMES
    missing = [name for name in DOCNAMES if source_of(name) is None]
    assert not missing, f"_toc.yml lists files that do not exist: {missing}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_committed_executed_in_order(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code_cells, f"{path.name} has no code cell"
    counts = [cell.execution_count for cell in code_cells]
    assert counts == list(range(1, len(code_cells) + 1)), (
        f"{path.name}: execution counts {counts}; refresh it with "
        f"`.venv/bin/python tools/run_notebooks.py {path.relative_to(ROOT)}`"
    )
    outputs = [output for cell in code_cells for output in cell.outputs]
    assert outputs, f"{path.name} is committed without outputs"
    # A cell tagged raises-exception shows a deliberate error (nbval checks it still raises).
    errors = [
        output.get("ename")
        for cell in code_cells
        if "raises-exception" not in cell.metadata.get("tags", [])
        for output in cell.outputs
        if output.output_type == "error"
    ]
    assert not errors, f"{path.name} is committed with errors: {errors}"


def relulab_names() -> set[str]:
    """Every public function and class the library defines, in any module."""
    names = set()
    for module_info in pkgutil.walk_packages(relulab.__path__, prefix="relulab."):
        module = importlib.import_module(module_info.name)
        for name, obj in vars(module).items():
            if name.startswith("_") or not (inspect.isfunction(obj) or inspect.isclass(obj)):
                continue
            if getattr(obj, "__module__", "").startswith("relulab"):
                names.add(name)
    return names


def defined_names(source: str) -> set[str]:
    """Functions, classes and lambdas a cell defines (IPython magics ignored)."""
    from IPython.core.inputtransformer2 import TransformerManager

    tree = ast.parse(TransformerManager().transform_cell(source))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Lambda):
            names.update(target.id for target in node.targets if isinstance(target, ast.Name))
    return names


def test_library_names_are_found() -> None:
    names = relulab_names()
    assert {"relu", "leaky_relu", "count_dead_neurons", "MLP", "train"} <= names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_does_not_redefine_library_code(path: Path) -> None:
    library = relulab_names()
    notebook = nbformat.read(path, as_version=4)
    clashes = {
        name
        for cell in notebook.cells
        if cell.cell_type == "code"
        for name in defined_names(cell.source) & library
    }
    assert not clashes, (
        f"{path.name} defines {sorted(clashes)}, which relulab provides: import it, "
        "and show its code with inspect.getsource"
    )


# -- glossary ------------------------------------------------------------------------
def glossary_terms(site: Path) -> set[str]:
    return {term.casefold() for term in parse_page(site / "chapters" / "glossary.html").glossary_terms}


def test_glossary_defines_every_term(site: Path) -> None:
    missing = [term for term in GLOSSARY_TERMS if term.casefold() not in glossary_terms(site)]
    assert not missing, f"chapters/glossary.md lacks {missing}"


def glossary_entries(text: str) -> list[tuple[list[str], str]]:
    """(terms, definition) pairs of a MyST ``{glossary}`` block."""
    body = text.split("```{glossary}", 1)[1].split("\n```", 1)[0]
    entries: list[tuple[list[str], str]] = []
    for line in body.splitlines():
        if not line.strip() or line.startswith(":"):
            continue
        if line.startswith(" "):
            entries[-1][1].append(line.strip())
        elif entries and not entries[-1][1]:
            entries[-1][0].append(line.strip())  # another name for the same entry
        else:
            entries.append(([line.strip()], []))
    return [(terms, " ".join(definition)) for terms, definition in entries]


def test_glossary_gives_a_simple_and_a_technical_meaning() -> None:
    entries = glossary_entries((ROOT / "chapters" / "glossary.md").read_text(encoding="utf-8"))
    assert len(entries) >= 30
    vague = [terms[0] for terms, definition in entries
             if not re.search(r"\*\*Simple:\*\*.+\*\*Technical:\*\*.+", definition)]
    assert not vague, f"glossary entries without a simple and a technical meaning: {vague}"


# -- mermaid ---------------------------------------------------------------------------
MARKDOWN = MarkdownIt("commonmark").use(colon_fence_plugin)
CODE_DIRECTIVES = {"{code-cell}", "{code}", "{code-block}", "{literalinclude}", "{eval-rst}"}


def mermaid_fences(markdown: str) -> int:
    """Mermaid diagrams in MyST markdown, including inside other directives."""
    count = 0
    for token in MARKDOWN.parse(markdown):
        if token.type not in ("fence", "colon_fence"):
            continue
        info = token.info.strip().split(maxsplit=1)[0] if token.info.strip() else ""
        if info in ("mermaid", "{mermaid}"):
            count += 1
        elif info.startswith("{") and info not in CODE_DIRECTIVES:
            count += mermaid_fences(token.content)
    return count


def test_mermaid_counter_sees_nested_diagrams() -> None:
    text = "```mermaid\ngraph TD\n```\n\n:::{exercise}\n```{mermaid}\ngraph LR\n```\n:::\n\n````md\n```mermaid\n```\n````\n"
    assert mermaid_fences(text) == 2


@pytest.mark.parametrize("docname", DOCNAMES)
def test_every_mermaid_fence_becomes_a_diagram(site: Path, docname: str) -> None:
    source = source_of(docname)
    assert source is not None
    expected = mermaid_fences(markdown_of(source))
    built = parse_page(site / f"{docname}.html").count_class("mermaid")
    assert built == expected, f"{docname}: {expected} mermaid fences in the source, {built} diagrams in the page"


# -- the built site ----------------------------------------------------------------------
@pytest.mark.parametrize("docname", DOCNAMES)
def test_every_toc_entry_is_built(site: Path, docname: str) -> None:
    assert (site / f"{docname}.html").is_file()


def test_site_has_404_and_search(site: Path) -> None:
    assert "Page not found" in (site / "404.html").read_text(encoding="utf-8")
    assert (site / "search.html").is_file()
    index_js = (site / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(index_js[index_js.index("(") + 1 : index_js.rindex(")")])
    assert set(DOCNAMES) <= set(index["docnames"])
    assert {"dead", "neuron", "leaki"} <= set(index["terms"])  # stemmed words


def test_every_internal_link_resolves(site: Path) -> None:
    broken = []
    for page_path in built_pages(site):
        page = parse_page(page_path)
        references = [
            attrs.get("href") or attrs.get("src")
            for tag, attrs in page.tags
            if tag in ("a", "link", "script", "img", "source", "iframe")
        ]
        references += re.findall(r"""\bimport\s+(?:[\w{}\s,*]+\s+from\s+)?["']([^"']+)["']""",
                                 "\n".join(page.inline_scripts))
        for reference in filter(None, references):
            if EXTERNAL.match(reference):
                continue
            parts = urlsplit(reference)
            target = page_path if not parts.path else (page_path.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            where = f"{page_path.relative_to(site)} -> {reference}"
            if not target.is_file():
                broken.append(f"{where} (no such file)")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in parse_page(target).ids:
                broken.append(f"{where} (no such id)")
    assert not broken, "broken internal links:\n" + "\n".join(broken)


def test_nothing_is_loaded_from_another_host(site: Path) -> None:
    external = []
    for page_path in built_pages(site):
        page = parse_page(page_path)
        for tag, attrs in page.tags:
            if tag == "link":
                rels = set(attrs.get("rel", "").lower().split())
                url = attrs.get("href", "") if rels & RESOURCE_LINK_RELS else ""
            elif tag in ("script", "img", "iframe", "source", "audio", "video", "embed"):
                url = attrs.get("src", "")
            else:
                continue
            if re.match(r"^(?:https?:)?//", url):
                external.append(f"{page_path.relative_to(site)}: <{tag}> {url}")
        for script in page.inline_scripts:
            for url in re.findall(r"""\bimport\s*\(?[^"'()]*["']((?:https?:)?//[^"']+)""", script):
                external.append(f"{page_path.relative_to(site)}: inline import {url}")
    for css in sorted((site / "_static").rglob("*.css")):
        for url in re.findall(r"""(?:url\(|@import\s+)["']?((?:https?:)?//[^"')\s]+)""", css.read_text(errors="replace")):
            external.append(f"{css.relative_to(site)}: {url}")
    assert not external, (
        "the site loads from other hosts (is npm missing? see tools/vendor_mermaid.sh):\n" + "\n".join(external)
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_chapter_image_has_alt_text(site: Path, path: Path) -> None:
    docname = path.relative_to(ROOT).with_suffix("").as_posix()
    page = parse_page(site / f"{docname}.html")
    unnamed = [
        attrs.get("src", "")[:80]
        for tag, attrs in page.tags
        if tag == "img"
        and (not attrs.get("alt", "").strip() or attrs["alt"].strip() in (attrs.get("src"), PurePosixPath(attrs.get("src", "")).name))
    ]
    assert not unnamed, (
        f"{docname}: images without alt text {unnamed}; give the cell metadata "
        '{"mystnb": {"image": {"alt": "what the figure shows"}}}'
    )


# -- execution report ----------------------------------------------------------------
def test_execution_report_lists_every_notebook_as_passed(site: Path) -> None:
    """One row per chapter notebook, with a run time and the word "passed"."""
    report = (site / "chapters" / "execution_report.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", report, flags=re.S)
    notebooks = sorted(p.stem for p in (ROOT / "chapters").glob("*.ipynb"))
    for stem in notebooks:
        row = next((r for r in rows if f"chapters/{stem}" in r), None)
        assert row is not None, f"{stem} is missing from the execution report"
        cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)]
        assert cells[-1] == "passed", f"{stem}: status {cells[-1]!r}"
        assert float(cells[-2]) > 0, f"{stem}: no run time"


# -- downloads -------------------------------------------------------------------------
@pytest.mark.parametrize("notebook", sorted((ROOT / "chapters").glob("*.ipynb")), ids=lambda p: p.stem)
def test_each_notebook_downloads_as_ipynb_and_markdown(site: Path, notebook: Path) -> None:
    """The download menu offers .ipynb and .md; the .md holds the same code, cell for cell."""
    import jupytext

    page = (site / "chapters" / f"{notebook.stem}.html").read_text(encoding="utf-8")
    assert f"_sources/chapters/{notebook.stem}.ipynb" in page
    assert f"_sources/chapters/{notebook.stem}.md" in page
    markdown = jupytext.reads((site / "_sources" / "chapters" / f"{notebook.stem}.md").read_text(encoding="utf-8"), fmt="md:myst")
    original = nbformat.read(notebook, as_version=4)
    assert code_sources(markdown) == code_sources(original)


def code_sources(notebook: nbformat.NotebookNode) -> list[str]:
    return [cell.source for cell in notebook.cells if cell.cell_type == "code"]
