"""A flat-colour figure whose every pixel names its setting: the explorer tests draw it."""
from __future__ import annotations

import io

from PIL import Image

from relulab.viz.interactive import Explorer, explore

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
