"""relulab.viz.interactive: one figure, live in a kernel and static on the website."""
from __future__ import annotations

import io
import itertools
import json
import re
from html.parser import HTMLParser

import numpy as np
import pytest
from PIL import Image

from relulab.viz.interactive import MAX_FRAMES, SPEC_KEY, Explorer, explore, explorer_from_spec

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
REDS = [0, 1, 2, 3]
BLUES = [0.0, 0.5, 1.0]


def paint(fig, red, blue):
    """A figure that is one flat colour: red/4 and blue, so every pixel names its setting."""
    fig.set_facecolor((red / 4, 0.25, blue))
    return f"red {red}, blue {blue}"


def expected_rgb(red: float, blue: float) -> tuple[int, int, int]:
    return (round(255 * red / 4), round(255 * 0.25), round(255 * blue))


def painter(title: str = "Paint") -> Explorer:
    return explore(paint, title=title, figsize=(2, 1), red=REDS, blue=BLUES)


def pixel(png: bytes) -> tuple[int, int, int]:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return image.getpixel((image.width // 2, image.height // 2))


def embedded_data(page: str) -> dict:
    found = re.findall(r'<script type="application/json" class="relulab-explorer-data">(.*?)</script>', page)
    assert len(found) == 1
    return json.loads(found[0])


class Tags(HTMLParser):
    """Collects (tag, attributes) of every start tag."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags_of(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(page)
    return parser.tags


# -- determinism ------------------------------------------------------------
def test_two_builds_give_identical_html_text_and_recipe():
    (first, first_meta), (second, second_meta) = painter()._repr_mimebundle_(), painter()._repr_mimebundle_()
    assert first["text/html"] == second["text/html"]
    assert first["text/plain"] == second["text/plain"]
    assert first_meta == second_meta
    assert painter().static_html() == painter().static_html()


def test_the_notebook_output_is_a_placeholder_whatever_the_environment(monkeypatch):
    """No environment variable changes what the library displays (the build asks explicitly)."""
    monkeypatch.setenv("RELULAB_STATIC_FRAMES", "1")
    placeholder = painter()._repr_mimebundle_()[0]["text/html"]
    assert "relulab-explorer-placeholder" in placeholder
    assert "<img" not in placeholder and "<script" not in placeholder


# -- the recipe the book build reads --------------------------------------------
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


# -- frames -------------------------------------------------------------------
def test_one_frame_per_grid_point_in_product_order():
    explorer = painter()
    frames = explorer.frames()
    assert len(frames) == explorer.n_frames == len(REDS) * len(BLUES)
    for (png, _), (red, blue) in zip(frames, itertools.product(REDS, BLUES)):
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        assert pixel(png) == expected_rgb(red, blue)


def test_frame_files_are_png_named_in_the_page_and_differ_where_params_differ():
    explorer = painter()
    files = explorer.frame_files()
    data = embedded_data(explorer.static_html(frame_url="frames/"))
    assert len(data["frames"]) == len(REDS) * len(BLUES)
    assert all(url.startswith("frames/") for url in data["frames"])
    pngs = [files[url.removeprefix("frames/")] for url in data["frames"]]
    for png in pngs:
        image = Image.open(io.BytesIO(png))
        image.verify()
        assert image.format == "PNG"
    assert len({pixel(png) for png in pngs}) == len(pngs)


def only_red(fig, red, blue):
    fig.set_facecolor((red / 4, 0.25, 0.5))


def test_frames_are_equal_when_the_plot_ignores_a_parameter():
    explorer = explore(only_red, figsize=(2, 1), red=REDS, blue=BLUES)
    frames = [png for png, _ in explorer.frames()]
    for i, j in itertools.combinations(range(len(frames)), 2):
        same_red = i // len(BLUES) == j // len(BLUES)
        assert (frames[i] == frames[j]) == same_red
    # One file per distinct picture.
    assert len(explorer.frame_files()) == len(REDS)


def blue_unused_when_red_is_zero(fig, red, blue):
    # The title names blue either way, as the activation explorer names alpha.
    fig.suptitle(f"red {red}, blue {blue}")
    fig.set_facecolor((red / 4, 0.25, blue if red else 0.5))
    return f"red {red}" if red == 0 else f"red {red}, blue {blue}"


def test_a_parameter_that_changes_nothing_is_marked_inert_per_setting():
    assert explore(only_red, figsize=(2, 1), red=REDS, blue=BLUES).inert_params() == [["blue"]] * 12
    assert painter().inert_params() == [[]] * 12
    inert = explore(blue_unused_when_red_is_zero, figsize=(2, 1), red=REDS, blue=BLUES).inert_params()
    assert inert == [["blue"]] * len(BLUES) + [[]] * (len(REDS) - 1) * len(BLUES)


def test_static_page_has_labelled_controls_alt_text_and_no_external_url():
    explorer = painter()
    page = explorer.static_html()
    tags = tags_of(page)
    ranges = [attrs for tag, attrs in tags if tag == "input" and attrs.get("type") == "range"]
    assert [r["data-param"] for r in ranges] == ["red", "blue"]
    assert [int(r["max"]) for r in ranges] == [len(REDS) - 1, len(BLUES) - 1]
    label_targets = {attrs["for"] for tag, attrs in tags if tag == "label"}
    assert {r["id"] for r in ranges} <= label_targets
    (img,) = [attrs for tag, attrs in tags if tag == "img"]
    assert "red = 0" in img["alt"] and "blue = 0.0" in img["alt"] and "red 0, blue 0.0" in img["alt"]
    # An ordinary image with its size: nothing jumps while it loads.
    assert (int(img["width"]), int(img["height"])) == Image.open(io.BytesIO(explorer.frames()[0][0])).size
    assert img["loading"] == "lazy" and img["src"] in explorer.frame_files()
    assert not re.search(r"(src|href)=\"(https?:)?//", page)
    assert "http://" not in page and "https://" not in page


def test_style_and_script_can_be_left_to_the_first_explorer_of_a_page():
    full, bare = painter().static_html(), painter().static_html(assets=False)
    assert "<style>" in full and "<style>" not in bare
    assert [tag for tag, attrs in tags_of(bare) if tag == "script"] == ["script"]  # the data only
    assert embedded_data(bare) == embedded_data(full)


def test_string_parameters_become_select_elements():
    def shade(fig, name):
        fig.set_facecolor({"dark": "0.2", "light": "0.9"}[name])

    page = explore(shade, title="Shade", name=["dark", "light"]).static_html()
    tags = tags_of(page)
    selects = [attrs for tag, attrs in tags if tag == "select"]
    options = [attrs for tag, attrs in tags if tag == "option"]
    assert [s["data-param"] for s in selects] == ["name"]
    assert [o["value"] for o in options] == ["0", "1"]


def test_markup_in_titles_and_values_is_escaped():
    def shade(fig, name):
        fig.set_facecolor("white")

    page = explore(shade, title="<script>alert(1)</script>", name=["</script>", "a&b"]).static_html()
    assert "<script>alert" not in page
    data = embedded_data(page)
    assert data["params"][0]["labels"] == ["</script>", "a&b"]


def test_placeholder_is_small_and_lists_every_control():
    explorer = painter()
    placeholder = explorer.placeholder_html()
    assert len(placeholder.encode()) < 1500
    for name in ("red", "blue"):
        assert f"<code>{name}</code>" in placeholder
    assert len(placeholder) * 5 < len(explorer.static_html())


# -- validation ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({}, ValueError, "at least one parameter"),
        ({"red": 3}, TypeError, "must be a list"),
        ({"red": "abc"}, TypeError, "must be a list"),
        ({"red": np.array([1, 2])}, TypeError, "must be a list"),
        ({"red": []}, ValueError, "empty"),
        ({"red": [1, "two"]}, TypeError, "mixes numbers and strings"),
        ({"red": [True, False]}, TypeError, "bool"),
        ({"red": [1.0, float("nan")]}, ValueError, "finite"),
        ({"red": [None]}, TypeError, "numbers or strings"),
        ({"red": [1, 1]}, ValueError, "repeats"),
        ({"red": list(range(9)), "blue": list(range(8))}, ValueError, f"at most {MAX_FRAMES}"),
        ({"red": [1], "blue": [0.0], "green": [1]}, TypeError, "cannot be called"),
        ({"red": [1]}, TypeError, "cannot be called"),
    ],
)
def test_bad_grids_are_refused_with_a_clear_message(kwargs, error, words):
    with pytest.raises(error, match=words):
        explore(paint, **kwargs)


def test_bad_plot_function_title_and_figsize_are_refused():
    with pytest.raises(TypeError, match="callable"):
        explore("not a function", red=[1])
    with pytest.raises(TypeError, match="title"):
        explore(paint, title=3, red=[1], blue=[0.0])
    with pytest.raises(ValueError, match="figsize"):
        explore(paint, figsize=(0, 3), red=[1], blue=[0.0])


def test_update_refuses_unknown_names_and_values_off_the_grid():
    explorer = painter()
    with pytest.raises(ValueError, match="unknown parameter"):
        explorer.update(green=1)
    with pytest.raises(ValueError, match="not on the grid"):
        explorer.update(red=7)
    with pytest.raises(ValueError, match="not on the grid"):
        explorer.update(red="1")


# -- live kernel path ----------------------------------------------------------
def test_mimebundle_carries_a_widget_view_and_fallbacks():
    bundle, metadata = painter()._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "text/html", WIDGET_VIEW}
    assert set(metadata) == {SPEC_KEY}
    assert bundle[WIDGET_VIEW]["model_id"]
    assert bundle["text/plain"] == "Explorer('Paint': red in [0, 1, 2, 3]; blue in [0.0, 0.5, 1.0])"


def test_widget_uses_slider_image_and_no_output_widget():
    import ipywidgets as widgets

    explorer = painter()
    box = explorer.widget
    found = []
    stack = [box]
    while stack:
        widget = stack.pop()
        found.append(type(widget))
        stack.extend(getattr(widget, "children", ()))
    assert widgets.Output not in found
    assert widgets.Image in found
    assert isinstance(explorer.controls["red"], widgets.SelectionSlider)


def test_update_redraws_the_image_widget():
    explorer = painter()
    before = explorer.image.value
    assert pixel(before) == expected_rgb(0, 0.0)
    assert explorer.update(red=3, blue=0.5) is explorer
    assert explorer.image.value != before
    assert pixel(explorer.image.value) == expected_rgb(3, 0.5)
    assert explorer.controls["red"].value == 3 and explorer.params == {"red": 3, "blue": 0.5}


def test_moving_a_control_redraws_the_image_widget():
    explorer = painter()
    explorer.controls["blue"].value = 1.0
    assert pixel(explorer.image.value) == expected_rgb(0, 1.0)
    assert explorer.params == {"red": 0, "blue": 1.0}


def test_static_page_starts_at_the_current_setting():
    explorer = painter().update(red=2, blue=1.0)
    assert "(now 2)" in explorer.placeholder_html()
    page = explorer.static_html()
    (img,) = [attrs for tag, attrs in tags_of(page) if tag == "img"]
    png = explorer.frame_files()[img["src"]]
    assert pixel(png) == expected_rgb(2, 1.0)


def test_live_render_is_full_colour_and_larger_than_a_frame():
    explorer = painter()
    live = Image.open(io.BytesIO(explorer.render()))
    frame = Image.open(io.BytesIO(explorer.frames()[0][0]))
    assert live.mode in ("RGB", "RGBA") and frame.mode == "P"
    assert live.width > frame.width
