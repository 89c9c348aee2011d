"""Fixtures shared by several test files."""
from __future__ import annotations

import pytest

from relulab.interactive import STATIC_FRAMES_ENV


@pytest.fixture
def static_frames(monkeypatch: pytest.MonkeyPatch) -> None:
    """Render explorers as the website build does (``make book`` sets the variable)."""
    monkeypatch.setenv(STATIC_FRAMES_ENV, "1")


@pytest.fixture
def no_static_frames(monkeypatch: pytest.MonkeyPatch) -> None:
    """Render explorers as a committed notebook or nbval run does."""
    monkeypatch.delenv(STATIC_FRAMES_ENV, raising=False)
