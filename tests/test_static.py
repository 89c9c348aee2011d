"""relulab.viz.static: the frames and the kernel-free HTML of the website."""
from __future__ import annotations

import io
import itertools
import json
import re
from html.parser import HTMLParser

from PIL import Image

from painting import BLUES, REDS, expected_rgb, painter, pixel
from relulab.viz.interactive import explore


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


def test_static_page_starts_at_the_current_setting():
    explorer = painter().update(red=2, blue=1.0)
    assert "(now 2)" in explorer.placeholder_html()
    page = explorer.static_html()
    (img,) = [attrs for tag, attrs in tags_of(page) if tag == "img"]
    png = explorer.frame_files()[img["src"]]
    assert pixel(png) == expected_rgb(2, 1.0)
