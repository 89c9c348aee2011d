"""Build the JupyterLite site (the chapters in the browser, no server) into _build/html/lite.

Usage, in the lite venv (``make lite`` does both)::

    .venv-lite/bin/python tools/build_lite.py download   # install time: the kernel's wheels from PyPI
    .venv-lite/bin/python tools/build_lite.py            # offline: the site

The site holds every chapter notebook and, for piplite (``%pip install`` in
the browser), relulab's wheel built from this checkout plus the pure-Python
wheels its imports need that Pyodide does not ship: ipywidgets and what it
requires (tests/test_lite.py checks that nothing else is missing). Their
versions are the ones Binder installs (constraints.txt). The build fetches
nothing: the Pyodide kernel loads Pyodide, numpy and matplotlib from Pyodide's
CDN in the reader's browser, when a notebook starts.
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "_build" / "html" / "lite"
WHEELS = Path(sys.prefix) / "wheels"
# Pure-Python wheels the notebooks need in the browser that Pyodide's
# distribution lacks: ipywidgets and its requirements (jupyterlab_widgets, and
# comm, which the Pyodide kernel itself needs). widgetsnbextension comes with
# the kernel as a stub.
KERNEL_PACKAGES = ("ipywidgets", "jupyterlab_widgets", "comm")
# Only what a reader uses: JupyterLab, and the Notebook app with its file tree.
APPS = ("lab", "notebooks", "tree")


def pinned_version(package: str) -> str:
    """The version of ``package`` in constraints.txt (Binder's set)."""
    match = re.search(rf"^{re.escape(package)}==(\S+)$", (ROOT / "constraints.txt").read_text(), re.MULTILINE)
    if match is None:
        raise ValueError(f"constraints.txt pins no {package}")
    return match.group(1)


def wheel_name(package: str) -> str:
    return f"{package.replace('-', '_')}-{pinned_version(package)}-py3-none-any.whl"


def download() -> None:
    """Fetch the kernel's wheels at their pinned versions (install time only)."""
    WHEELS.mkdir(exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
         "--dest", str(WHEELS), *(f"{p}=={pinned_version(p)}" for p in KERNEL_PACKAGES)],
        check=True,
    )


def kernel_wheels() -> list[Path]:
    wheels = [WHEELS / wheel_name(package) for package in KERNEL_PACKAGES]
    missing = [wheel.name for wheel in wheels if not wheel.is_file()]
    if missing:
        raise SystemExit(f"build_lite: no {', '.join(missing)} in {WHEELS}: run 'make lite' (it downloads them)")
    return wheels


def relulab_wheel(workdir: Path) -> Path:
    """relulab's wheel, built from a copy of the package so the checkout gets no build/ or egg-info."""
    source = workdir / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "lib", source / "lib", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    # No build isolation: setuptools comes from requirements-lite.txt, not from PyPI at build time.
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-index", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(workdir / "dist"), str(source)],
        check=True,
    )
    (wheel,) = (workdir / "dist").glob("relulab-*.whl")
    return wheel


def link_favicon(output: Path) -> None:
    """Name the app's icon in each page's head.

    JupyterLite adds its icon from a script, after Chromium has already asked
    for /favicon.ico at the server's root: a 404 on any host, and on a project
    site a request outside the book.
    """
    for page in [output / "index.html", *(output / app / "index.html" for app in APPS)]:
        icon = "lab/favicon.ico" if page.parent == output else "../lab/favicon.ico"
        html = page.read_text(encoding="utf-8")
        if "<head>" not in html:
            raise SystemExit(f"build_lite: no <head> in {page}: has JupyterLite's page changed?")
        page.write_text(html.replace("<head>", f'<head>\n    <link rel="icon" href="{icon}">', 1), encoding="utf-8")


def build(output: Path = OUTPUT) -> None:
    notebooks = sorted((ROOT / "chapters").glob("*.ipynb"))
    with tempfile.TemporaryDirectory(prefix="relulab-lite-") as tmp:
        workdir = Path(tmp)
        wheels = [relulab_wheel(workdir), *kernel_wheels()]
        lite_dir = workdir / "lite"  # jupyter lite's doit database and cache stay out of the checkout
        lite_dir.mkdir()
        shutil.rmtree(output, ignore_errors=True)
        command = [str(Path(sys.executable).parent / "jupyter-lite"), "build", "--no-sourcemaps",
                   "--lite-dir", str(lite_dir), "--output-dir", str(output)]
        command += [arg for app in APPS for arg in ("--apps", app)]
        command += [arg for notebook in notebooks for arg in ("--contents", str(notebook))]
        command += [arg for wheel in wheels for arg in ("--piplite-wheels", str(wheel))]
        result = subprocess.run(command, cwd=lite_dir, capture_output=True, text=True)
        if result.returncode != 0:
            sys.stderr.write(result.stdout + result.stderr)
            raise SystemExit(f"build_lite: jupyter lite build failed ({result.returncode})")
    link_favicon(output)
    print(f"build_lite: {len(notebooks)} notebooks and {len(wheels)} wheels in {output}/")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", nargs="?", choices=["build", "download"], default="build")
    parser.add_argument("--output", type=Path, default=OUTPUT, help=f"where the site goes (default {OUTPUT})")
    arguments = parser.parse_args()
    if arguments.action == "download":
        download()
    else:
        build(arguments.output.resolve())


if __name__ == "__main__":
    main()
