"""Spell out the execution report's status column.

myst-nb's ``{nb-exec-table}`` marks each notebook with an emoji (a check mark
or a cross). Many Linux systems have no emoji font, so readers there saw an
empty box; the words "passed" and "failed" read everywhere, also to screen
readers.
"""
from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

STATUS_WORDS = {"\N{WHITE HEAVY CHECK MARK}": "passed", "\N{CROSS MARK}": "failed"}


def spell_out_status(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for text in list(doctree.findall(nodes.Text)):
        word = STATUS_WORDS.get(text.astext())
        if word is not None and isinstance(text.parent, nodes.paragraph):
            text.parent.replace(text, nodes.Text(word))


def setup(app: Sphinx) -> dict:
    app.connect("doctree-resolved", spell_out_status)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
