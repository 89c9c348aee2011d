"""Every public function of the library names the chapter that teaches it, and that chapter uses it.

A function's chapters are the ``chapters/NN_name`` references of its own
docstring or, when it names none, of its module's. The test reads those
notebooks' code cells and the inline code of their text (an exercise that
says "run ``bd.sample_hidden_layers(...)``" teaches it): at least one must
use the function's name, and a chapter named in the function's own docstring
must use it.

There is no list of exceptions for readers' functions: a building block that
no chapter teaches is private (a leading underscore), so it is not checked.
"""
from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import re
from functools import lru_cache
from pathlib import Path

import pytest

import relulab

CHAPTERS = Path(__file__).resolve().parents[1] / "chapters"
REFERENCE = re.compile(r"chapters/(\d\d_\w+)")
INLINE_CODE = re.compile(r"`([^`]+)`")
MODULES = sorted(
    name for _, name, _ in pkgutil.walk_packages(relulab.__path__, "relulab.")
    if not name.rsplit(".", 1)[-1].startswith("_")
)
# Public for the book build and its tests, not for readers: no chapter is to teach them.
BUILD_TOOLS = {
    "relulab.viz.interactive": {"explorer_from_spec"},  # _ext/static_explorers.py draws the frames
    "relulab.viz.plotting": {"smallest_font_pt"},  # the tests hold every figure to the book's text size
}


@lru_cache(maxsize=None)
def chapter_code(chapter: str) -> str:
    path = CHAPTERS / f"{chapter}.ipynb"
    assert path.exists(), f"a docstring names chapters/{chapter}, which does not exist"
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    code = ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "code"]
    text = ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown"]
    prose = [re.sub(r"^\s*```.*$", "", cell, flags=re.M) for cell in text]  # fences would pair up the backticks wrongly
    return "\n".join(code + [snippet for cell in prose for snippet in INLINE_CODE.findall(cell)])


def public_functions() -> list[tuple[str, str, object]]:
    found = []
    for module_name in MODULES:
        module = importlib.import_module(module_name)
        for name, value in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(value) or value.__module__ != module_name:
                continue
            found.append((module_name, name, value))
    return found


def uses(chapter: str, name: str) -> bool:
    return re.search(rf"\b{re.escape(name)}\b", chapter_code(chapter)) is not None


@pytest.mark.parametrize("module_name, name, function", public_functions(),
                         ids=lambda v: v if isinstance(v, str) else "")
def test_the_chapter_a_function_names_uses_it(module_name, name, function):
    own = REFERENCE.findall(inspect.getdoc(function) or "")
    module_chapters = REFERENCE.findall(inspect.getdoc(importlib.import_module(module_name)) or "")
    chapters = own or module_chapters
    if name in BUILD_TOOLS.get(module_name, ()):
        assert not any(uses(chapter, name) for chapter in chapters), f"{module_name}.{name} is taught now"
        return
    assert chapters, f"{module_name}.{name}: neither it nor its module names the chapter that teaches it"
    assert any(uses(chapter, name) for chapter in chapters), (
        f"{module_name}.{name} says it is taught in {chapters}, but none of them uses it: "
        "teach it there, name the right chapter, or make it private"
    )
    for chapter in own:
        assert uses(chapter, name), f"{module_name}.{name} names chapters/{chapter}, which does not use it"


def test_the_check_can_fail():
    assert not uses("01_relu", "death_depth_on_interval")
    assert uses("07_born_dead", "point_death_probability_exact")


def test_an_untaught_public_function_fails():
    def untaught_helper() -> None:
        """Named after a chapter that never calls it: chapters/03_dying_relu."""

    with pytest.raises(AssertionError, match="none of them uses it"):
        test_the_chapter_a_function_names_uses_it("relulab.diagnostics", "untaught_helper", untaught_helper)
