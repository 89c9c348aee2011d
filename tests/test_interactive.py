"""relulab.viz.interactive: making an explorer, and rebuilding it from its recipe."""
from __future__ import annotations

import json
import re

import pytest

from painting import REDS, paint, painter
from relulab.viz.interactive import SPEC_KEY, explore, explorer_from_spec


def test_two_builds_give_identical_html_text_and_recipe():
    (first, first_meta), (second, second_meta) = painter()._repr_mimebundle_(), painter()._repr_mimebundle_()
    assert first["text/html"] == second["text/html"]
    assert first["text/plain"] == second["text/plain"]
    assert first_meta == second_meta
    assert painter().static_html() == painter().static_html()


def test_recipe_rebuilds_the_same_figure_at_the_same_view():
    explorer = painter().update(red=2, blue=1.0)
    _, metadata = explorer._repr_mimebundle_()
    spec = json.loads(json.dumps(metadata[SPEC_KEY]))  # what a notebook file keeps
    assert spec["plot"].endswith(":paint") and spec["start"] == {"red": 2, "blue": 1.0}
    # A notebook file sorts mapping keys; the controls keep their order anyway.
    spec = json.loads(json.dumps(spec, sort_keys=True))
    rebuilt = explorer_from_spec(spec)
    assert list(rebuilt.grid) == ["red", "blue"]
    assert rebuilt.figure_id == explorer.figure_id
    assert rebuilt.params == {"red": 2, "blue": 1.0}
    assert rebuilt.static_html("f/") == explorer.static_html("f/")


def test_a_function_the_build_cannot_import_gives_no_recipe():
    def local(fig, red):
        fig.set_facecolor("white")

    explorer = explore(local, red=[1, 2])
    assert explorer.spec() is None
    assert explorer._repr_mimebundle_()[1] == {}


@pytest.mark.parametrize(
    "spec",
    [None, {"plot": "relulab.viz.figures:nothing_here", "grid": [], "start": {}}, {"grid": []},
     {"plot": "relulab.viz.figures.activation:_ActivationPlot", "grid": 3, "start": {}},
     {"plot": "no_such_module_xyz:f", "grid": {"a": [1]}, "start": {}}],
)
def test_bad_recipes_are_refused(spec):
    with pytest.raises(ValueError, match="explorer_from_spec"):
        explorer_from_spec(spec)


def test_figure_id_follows_title_and_grid():
    assert painter().figure_id == painter().figure_id
    assert painter("Paint").figure_id != painter("Other").figure_id
    other_grid = explore(paint, title="Paint", figsize=(2, 1), red=REDS, blue=[0.0, 1.0])
    assert other_grid.figure_id != painter().figure_id
    assert re.fullmatch(r"[a-z0-9-]+", painter().figure_id)


def test_bad_plot_function_title_and_figsize_are_refused():
    with pytest.raises(TypeError, match="callable"):
        explore("not a function", red=[1])
    with pytest.raises(TypeError, match="title"):
        explore(paint, title=3, red=[1], blue=[0.0])
    with pytest.raises(ValueError, match="figsize"):
        explore(paint, figsize=(0, 3), red=[1], blue=[0.0])
