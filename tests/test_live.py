"""relulab.viz.live: the widgets in a kernel, and the image they redraw."""
from __future__ import annotations

import io

from PIL import Image

from painting import expected_rgb, painter, pixel


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


def test_live_render_is_full_colour_and_larger_than_a_frame():
    explorer = painter()
    live = Image.open(io.BytesIO(explorer.render()))
    frame = Image.open(io.BytesIO(explorer.frames()[0][0]))
    assert live.mode in ("RGB", "RGBA") and frame.mode == "P"
    assert live.width > frame.width
