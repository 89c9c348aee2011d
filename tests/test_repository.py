"""Every launch, edit and issue link names the repository the book is built from."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from repository import github_slug, resolve

ROOT = Path(__file__).resolve().parents[1]

DEFAULT = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["repository"]


@pytest.mark.parametrize(
    "remote, slug",
    [
        ("https://github.com/someone/fork.git", "someone/fork"),
        ("https://github.com/someone/fork", "someone/fork"),
        ("git@github.com:someone/fork.git\n", "someone/fork"),
        ("ssh://git@github.com/some-org/my.course.git", "some-org/my.course"),
        ("https://gitlab.com/someone/fork.git", None),
        ("/srv/git/book.git", None),
    ],
)
def test_github_slug(remote: str, slug: str | None) -> None:
    assert github_slug(remote) == slug


def test_github_actions_names_the_repository_and_branch(tmp_path: Path) -> None:
    environ = {"GITHUB_REPOSITORY": "example-org/example-course", "GITHUB_REF_NAME": "gh-test"}
    assert resolve(DEFAULT["url"], "main", tmp_path, environ) == (
        "https://github.com/example-org/example-course", "gh-test")
    environ["GITHUB_HEAD_REF"] = "feature"  # a pull request builds its head branch
    assert resolve(DEFAULT["url"], "main", tmp_path, environ)[1] == "feature"


def test_a_clone_names_its_origin_and_a_bare_copy_the_default(tmp_path: Path) -> None:
    assert resolve(DEFAULT["url"], "main", tmp_path, {}) == (DEFAULT["url"], "main")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "remote", "add", "origin", "git@github.com:someone/fork.git"], check=True)
    assert resolve(DEFAULT["url"], "main", tmp_path, {}) == ("https://github.com/someone/fork", "main")


LINK = re.compile(r'href="([^"]+)"')
REPOSITORY_LINKS = ("mybinder.org/v2/gh/", "colab.research.google.com/github/", "/edit/", "/issues", "github.com/")


@pytest.fixture(scope="module")
def site_built_in_a_fork(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The book built (notebooks not re-executed) as GitHub Actions would build a fork of it."""
    copy = tmp_path_factory.mktemp("fork") / "book"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".git", ".venv*", "_build", "node_modules", "bench"))
    config = (copy / "_config.yml").read_text(encoding="utf-8")
    (copy / "_config.yml").write_text(config.replace("execute_notebooks: force", 'execute_notebooks: "off"'))
    environ = dict(os.environ, GITHUB_REPOSITORY="example-org/example-course", GITHUB_REF_NAME="main")
    environ.pop("GITHUB_HEAD_REF", None)
    subprocess.run(
        [str(Path(sys.executable).parent / "jupyter-book"), "build", str(copy), "--keep-going"],
        check=True, capture_output=True, env=environ, timeout=600,
    )
    return copy / "_build" / "html"


def test_every_launch_edit_and_issue_link_names_the_fork(site_built_in_a_fork: Path) -> None:
    chapter = (site_built_in_a_fork / "chapters" / "03_dying_relu.html").read_text(encoding="utf-8")
    links = [link for link in LINK.findall(chapter) if any(marker in link for marker in REPOSITORY_LINKS)]
    kinds = {marker for marker in REPOSITORY_LINKS for link in links if marker in link}
    assert kinds == set(REPOSITORY_LINKS), f"a chapter should offer every kind of link; found {sorted(kinds)}"
    for page in site_built_in_a_fork.rglob("*.html"):
        for link in LINK.findall(page.read_text(encoding="utf-8")):
            if any(marker in link for marker in REPOSITORY_LINKS[:4]) or link.startswith("https://github.com/relulab"):
                assert "example-org/example-course" in link, f"{page.name} links to {link}"


def test_every_notebook_installs_relulab_from_the_configured_repository_only_when_missing() -> None:
    import nbformat

    expected = f'%pip install --quiet "relulab @ git+{DEFAULT["url"].rstrip("/")}"'
    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        first = next(cell for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code")
        lines = first.source.splitlines()
        assert f"        {expected}" in lines, f"{path.name}: first code cell should install with {expected!r}"
        at = lines.index(f"        {expected}")
        # JupyterLite's %pip (piplite) installs wheels only: there it takes the one the lite site ships.
        assert lines[at - 5:at] == [
            "# Colab and JupyterLite have no relulab: install the book's library.",
            'if importlib.util.find_spec("relulab") is None:',
            '    if sys.platform == "emscripten":  # JupyterLite: the wheel its site ships (piplite)',
            "        %pip install --quiet relulab",
            "    else:  # Colab: from the book's repository",
        ], f"{path.name}: the install should be guarded, with piplite's line for JupyterLite"
        assert {"import importlib.util", "import sys"} <= set(lines[:at]), f"{path.name}: the guard's imports"
