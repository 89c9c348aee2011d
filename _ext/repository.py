"""Point every launch, edit and issue link at the repository the book is built from.

``_config.yml`` names a default repository; the build replaces it with, in order:

1. ``GITHUB_REPOSITORY`` (and ``GITHUB_HEAD_REF`` or ``GITHUB_REF_NAME`` for the
   branch), as GitHub Actions sets them, so a fork publishes links to itself;
2. the ``origin`` remote of the checkout, when it is on GitHub;
3. the default from ``_config.yml``.

sphinx-book-theme builds the Binder, Colab, Thebe, edit, issue and repository
links from ``html_theme_options["repository_url"]`` and ``["repository_branch"]``,
so setting those two when the configuration is read is enough.
"""
from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

GITHUB_REMOTE = re.compile(r"^(?:https://github\.com/|git@github\.com:|ssh://git@github\.com/)([\w.-]+/[\w.-]+?)(?:\.git)?/?$")


def github_slug(remote: str) -> str | None:
    """``owner/name`` of a GitHub remote URL (https or ssh), None for any other host."""
    match = GITHUB_REMOTE.match(remote.strip())
    return match.group(1) if match else None


def origin_slug(root: Path) -> str | None:
    """``owner/name`` of the checkout's ``origin`` remote, when it is on GitHub."""
    try:
        remote = subprocess.run(
            ["git", "-C", str(root), "remote", "get-url", "origin"],
            capture_output=True, text=True, check=True, timeout=10,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return github_slug(remote)


def resolve(default_url: str, default_branch: str, root: Path, environ: dict[str, str]) -> tuple[str, str]:
    """The (repository URL, branch) the links should name; see the module docstring."""
    if environ.get("GITHUB_REPOSITORY"):
        server = environ.get("GITHUB_SERVER_URL", "https://github.com").rstrip("/")
        branch = environ.get("GITHUB_HEAD_REF") or environ.get("GITHUB_REF_NAME") or default_branch
        return f"{server}/{environ['GITHUB_REPOSITORY']}", branch
    slug = origin_slug(root)
    if slug:
        return f"https://github.com/{slug}", default_branch
    return default_url.rstrip("/"), default_branch


def set_repository(app: Sphinx, config: Config) -> None:
    options = config.html_theme_options
    url, branch = resolve(
        options.get("repository_url", ""), options.get("repository_branch", "main"),
        Path(app.srcdir), dict(os.environ),
    )
    options["repository_url"], options["repository_branch"] = url, branch


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", set_repository)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
