"""Turn each interactive figure's placeholder into a kernel-free explorer with its frames as files.

An explorer's notebook output (``relulab.viz.interactive``) is a small placeholder
whose output metadata carries the figure's recipe under ``SPEC_KEY``. This
extension is the book build's explicit request for the website form: for
every page it reads the executed notebook that myst-nb wrote to
``_build/jupyter_execute/``, rebuilds each figure from its recipe, writes its
frames to ``_build/html/_explorers/`` (one PNG per distinct picture, named by
its content) and puts the explorer's HTML in place of the placeholder.

A placeholder without a recipe (a figure drawn by a function defined in the
notebook itself) is a build warning when the notebooks were executed; with
``execute_notebooks: "off"`` the committed outputs may predate recipes, so the
placeholder simply stays.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
from sphinx.application import Sphinx
from sphinx.util import logging

from relulab.viz.interactive import SPEC_KEY, Explorer, explorer_from_spec

logger = logging.getLogger(__name__)

FRAMES_DIR = "_explorers"
# The placeholder holds no nested <div> (see Explorer.placeholder_html).
PLACEHOLDER = re.compile(r'<div class="relulab-explorer-placeholder" id="([^"]+)">.*?</div>', re.S)


def recipes(notebook: Path) -> list[dict]:
    """Every explorer recipe in the outputs of an executed notebook, in order."""
    found = []
    for cell in nbformat.read(notebook, as_version=4).cells:
        for output in cell.get("outputs", []):
            spec = output.get("metadata", {}).get(SPEC_KEY)
            if spec:
                found.append(spec)
    return found


# Recipe -> figure, so a figure two chapters show is drawn once per build.
_built: dict[str, Explorer] = {}


def explorer_for(spec: dict) -> Explorer:
    key = json.dumps(spec, sort_keys=True)
    if key not in _built:
        _built[key] = explorer_from_spec(spec)
    return _built[key]


def forget_explorers(app: Sphinx) -> None:
    _built.clear()


def render_explorers(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    body = context.get("body", "")
    if "relulab-explorer-placeholder" not in body:
        return
    notebook = Path(app.outdir).parent / "jupyter_execute" / f"{pagename}.ipynb"
    explorers = {}
    if notebook.is_file():
        for spec in recipes(notebook):
            explorer = explorer_for(spec)
            explorers[explorer.figure_id] = explorer
    folder = Path(app.outdir) / FRAMES_DIR
    url = context["pathto"](FRAMES_DIR, 1) + "/"
    executed = app.config.nb_execution_mode != "off"
    shown = 0

    def replace(match: re.Match) -> str:
        nonlocal shown
        explorer = explorers.get(match.group(1))
        if explorer is None:
            (logger.warning if executed else logger.info)(
                "static_explorers: %s: no recipe for the interactive figure %r; "
                "it stays a placeholder (draw it with a function the build can import, "
                "e.g. from relulab.viz.figures)", pagename, match.group(1), location=pagename)
            return match.group(0)
        folder.mkdir(parents=True, exist_ok=True)
        for name, png in explorer.frame_files().items():
            path = folder / name
            if not path.is_file():
                path.write_bytes(png)
        shown += 1
        # The explorers' style and script once per page.
        return explorer.static_html(frame_url=url, assets=shown == 1)

    context["body"] = PLACEHOLDER.sub(replace, body)


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", forget_explorers)
    app.connect("html-page-context", render_explorers)
    return {"parallel_read_safe": True, "parallel_write_safe": False}
