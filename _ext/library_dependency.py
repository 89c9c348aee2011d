"""Re-run every chapter notebook when the relulab library changes.

Sphinx re-reads (and myst-nb, with ``execute_notebooks: force``, re-executes)
only the documents whose source changed since the last build; a notebook's
outputs also depend on the library it imports (jupyter-book#1633). Declaring
every file of the installed ``relulab`` package a dependency of every notebook
makes an incremental ``make book`` re-run the notebooks after a library edit,
and only then.
"""
from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx


def library_files() -> list[Path]:
    import relulab

    package = Path(relulab.__file__).resolve().parent
    return sorted(path for path in package.rglob("*") if path.is_file() and "__pycache__" not in path.parts)


def depend_on_library(app: Sphinx, docname: str, source: list[str]) -> None:
    if Path(app.env.doc2path(docname)).suffix != ".ipynb":
        return
    for path in library_files():
        app.env.note_dependency(str(path))


def setup(app: Sphinx) -> dict:
    app.connect("source-read", depend_on_library)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
