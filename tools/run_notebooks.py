"""Execute chapter notebooks in place, the one way every notebook is refreshed.

Usage: ``.venv/bin/python tools/run_notebooks.py chapters/01_relu.ipynb [...]``
(no argument: every notebook in ``chapters/``).

Each notebook runs top to bottom in a fresh kernel, from a temporary working
directory (so no notebook depends on where it is started), without storing
widget state. The live-widget view is dropped from the saved outputs: its
model id is random on every run and it points at a kernel that is gone, so a
reader opening the file sees the deterministic text/html placeholder instead,
until they run the cell.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def drop_run_noise(nb: nbformat.NotebookNode) -> None:
    """Remove what changes on every run and teaches nothing: timestamps, widget views,
    and where the kernel happened to split a cell's printed text into messages."""
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        for output in cell.get("outputs", []):
            output.get("data", {}).pop(WIDGET_VIEW, None)
        if cell.cell_type == "code":
            cell.outputs = merged_streams(cell.outputs)


def merged_streams(outputs: list) -> list:
    """Consecutive stdout (or stderr) outputs joined into one, as a reader sees them."""
    merged = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (output.output_type == "stream" and previous is not None
                and previous.output_type == "stream" and previous.name == output.name):
            previous.text += output.text
        else:
            merged.append(output)
    return merged


def run(path: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    nb.metadata.pop("widgets", None)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as cwd:
        NotebookClient(
            nb,
            timeout=300,
            kernel_name="python3",
            resources={"metadata": {"path": cwd}},
            store_widget_state=False,
            record_timing=False,
        ).execute()
    elapsed = time.perf_counter() - start
    nb.metadata.pop("widgets", None)
    drop_run_noise(nb)
    nbformat.write(nb, path)
    return elapsed


def main(argv: list[str]) -> None:
    paths = [Path(p) for p in argv] or sorted((ROOT / "chapters").glob("*.ipynb"))
    for path in paths:
        print(f"{path}: {run(path):.1f} s", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
