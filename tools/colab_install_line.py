"""Put the install lines for Colab and JupyterLite, named from _config.yml's repository, in every chapter's first code cell.

Usage: ``.venv/bin/python tools/colab_install_line.py`` (after changing the
repository URL in ``_config.yml``; tests/test_repository.py checks the result).

Colab has numpy, matplotlib and ipywidgets but not relulab: it installs the
library from the repository with pip. JupyterLite's ``%pip`` is piplite,
which installs wheels only, so in the browser (``sys.platform`` is
"emscripten") the same cell installs the wheel the lite site ships
(tools/build_lite.py). The guard uses ``find_spec``, not ``import relulab``,
so it imports nothing (chapter 04 sets a BLAS variable before numpy loads),
and it does nothing wherever relulab is installed already: locally, on
Binder, in the book build and under nbval.
"""
from __future__ import annotations

from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parents[1]
MARKER = "no relulab:"


def install_lines() -> str:
    url = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["repository"]["url"].rstrip("/")
    return (
        "import importlib.util\n"
        "import sys\n\n"
        f"# Colab and JupyterLite have {MARKER} install the book's library.\n"
        "if importlib.util.find_spec(\"relulab\") is None:\n"
        "    if sys.platform == \"emscripten\":  # JupyterLite: the wheel its site ships (piplite)\n"
        "        %pip install --quiet relulab\n"
        "    else:  # Colab: from the book's repository\n"
        f"        %pip install --quiet \"relulab @ git+{url}\"\n"
    )


def with_install_lines(source: str) -> str:
    """``source`` with the install block first, replacing an earlier one."""
    lines = source.splitlines(keepends=True)
    if any(MARKER in line for line in lines):
        start = next(i for i, line in enumerate(lines) if line.startswith("import importlib.util"))
        end = max(i for i, line in enumerate(lines) if "%pip install" in line) + 1
        lines = lines[:start] + lines[end:]
        while lines and not lines[0].strip():
            lines.pop(0)
    return install_lines() + "\n" + "".join(lines)


def main() -> None:
    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        first = next(cell for cell in notebook.cells if cell.cell_type == "code")
        updated = with_install_lines(first.source)
        if updated != first.source:
            first.source = updated
            nbformat.write(notebook, path)
            print(f"{path.name}: install line written")


if __name__ == "__main__":
    main()
