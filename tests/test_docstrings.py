"""Every public function of the library names the chapter that teaches it, and that chapter uses it.

A function's chapters are the ``chapters/NN_name`` references of its own
docstring or, when it names none, of its module's. The test reads the code
cells of those notebooks: at least one must use the function's name, and a
chapter named in the function's own docstring must use it.
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
# The drawing layer names its chapters function by function; it is checked too.
MODULES = sorted(
    name for _, name, _ in pkgutil.walk_packages(relulab.__path__, "relulab.")
    if not name.rsplit(".", 1)[-1].startswith("_")
)


@lru_cache(maxsize=None)
def chapter_code(chapter: str) -> str:
    path = CHAPTERS / f"{chapter}.ipynb"
    assert path.exists(), f"a docstring names chapters/{chapter}, which does not exist"
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "code")


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
