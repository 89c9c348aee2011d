"""Fixtures shared by several test files."""
from __future__ import annotations

import pytest


def printed_pdf(path, made_by: str):
    """The PDF at ``path`` opened with pypdf; skip if it was not printed, fail instead in CI.

    The PDFs are printed by Chromium after the build (``made_by`` says how), so
    a machine without Chromium has none; ``RELULAB_REQUIRE_BROWSER=1`` makes
    that a failure, as for the browser tests.
    """
    import os

    pypdf = pytest.importorskip("pypdf")
    if not path.is_file():
        message = f"no {path.name} in {path.parent}: {made_by} prints it with Chromium"
        if os.environ.get("RELULAB_REQUIRE_BROWSER") == "1":
            pytest.fail(f"RELULAB_REQUIRE_BROWSER=1 but {message}")
        pytest.skip(message)
    return pypdf.PdfReader(path)
