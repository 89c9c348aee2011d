"""The JupyterLite site (``make lite``): every chapter and the wheels it needs, runnable on Pyodide, opening in Chromium.

Needs ``make lite`` (the site in ``_build/html/lite``) and, for the Pyodide
package list, ``node_modules/pyodide`` (npm ci, run by ``make book``). Missing
means skip, unless ``RELULAB_REQUIRE_BROWSER=1`` (CI): then it is a failure.
"""
from __future__ import annotations

import ast
import asyncio
import json
import os
import re
import subprocess
import sys
import types
import zipfile
from email.parser import HeaderParser
from pathlib import Path
from urllib.parse import urlparse

import nbformat
import pytest
from IPython.core.inputtransformer2 import TransformerManager
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from build_lite import KERNEL_PACKAGES, wheel_name
from site_browser import LAUNCH_ARGS, find_chromium, serve

ROOT = Path(__file__).resolve().parents[1]
SITE = Path(os.environ.get("RELULAB_SITE_DIR", ROOT / "_build" / "html"))
LITE = SITE / "lite"
PYODIDE_NPM = ROOT / "node_modules" / "pyodide"
LITE_PYTHON = ROOT / ".venv-lite" / "bin" / "python"
REQUIRED = os.environ.get("RELULAB_REQUIRE_BROWSER") == "1"
NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb"))
# Where the kernel loads Pyodide from, in the reader's browser.
PYODIDE_CDN = re.compile(r"https://cdn\.jsdelivr\.net/pyodide/v([\w.]+)/full/")
# Standard-library modules that Pyodide's Python does not have (removed from
# CPython by 3.13, or left out of Pyodide's build); the rest of the 3.11 list is there.
NOT_IN_PYODIDE_STDLIB = {
    "aifc", "asynchat", "asyncore", "audioop", "cgi", "cgitb", "chunk", "crypt", "curses", "dbm", "distutils",
    "ensurepip", "idlelib", "imghdr", "imp", "lib2to3", "mailcap", "msilib", "nis", "nntplib", "ossaudiodev",
    "pipes", "pwd", "readline", "smtpd", "sndhdr", "spwd", "sunau", "telnetlib", "tkinter", "turtle",
    "turtledemo", "uu", "venv", "xdrlib",
}


def unavailable(reason: str) -> None:
    if REQUIRED:
        pytest.fail(f"RELULAB_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def lite() -> Path:
    if not (LITE / "jupyter-lite.json").is_file():
        unavailable(f"no JupyterLite site in {LITE}: run `make lite`")
    return LITE


@pytest.fixture(scope="module")
def pyodide_lock() -> dict:
    if not (PYODIDE_NPM / "pyodide-lock.json").is_file():
        unavailable(f"no {PYODIDE_NPM}/pyodide-lock.json: run `npm ci` (make book does)")
    return json.loads((PYODIDE_NPM / "pyodide-lock.json").read_text(encoding="utf-8"))


def lite_config(lite: Path) -> dict:
    return json.loads((lite / "jupyter-lite.json").read_text(encoding="utf-8"))["jupyter-config-data"]


def shipped_wheels(lite: Path) -> list[Path]:
    """Every wheel piplite can install from the site: ours and the kernel's own."""
    return sorted([*(lite / "pypi").glob("*.whl"), *(lite / "extensions").glob("**/pypi/*.whl")])


def wheel_metadata(wheel: Path):
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        return HeaderParser().parsestr(archive.read(name).decode("utf-8"))


def wheel_top_level_modules(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        names = {n.split("/")[0] for n in archive.namelist() if not n.split("/")[0].endswith((".dist-info", ".data"))}
    return {n.removesuffix(".py") for n in names}


def kernel_pyodide_version(lite: Path) -> str:
    """The Pyodide version the built kernel loads from the CDN (read from its JavaScript)."""
    versions = {match.group(1)
                for script in (lite / "extensions" / "@jupyterlite" / "pyodide-kernel-extension").rglob("*.js")
                for match in PYODIDE_CDN.finditer(script.read_text(encoding="utf-8", errors="replace"))}
    assert len(versions) == 1, f"the kernel should name one Pyodide version, found {versions}"
    return versions.pop()


def imported_modules(source: str) -> set[str]:
    """Top-level names of the modules ``source`` (IPython syntax allowed) imports absolutely."""
    tree = ast.parse(TransformerManager().transform_cell(source))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def modules_the_chapters_import() -> set[str]:
    """What the notebooks import, and what relulab itself imports when they use it."""
    names = set()
    for path in NOTEBOOKS:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                names |= imported_modules(cell.source)
    for module in (ROOT / "lib" / "relulab").rglob("*.py"):
        names |= imported_modules(module.read_text(encoding="utf-8"))
    return names - {"__future__"}


# -- the build ------------------------------------------------------------------------------
@pytest.mark.slow
def test_the_build_fetches_nothing(tmp_path: Path) -> None:
    """tools/build_lite.py in a network namespace with no interface but loopback still builds the site."""
    if not LITE_PYTHON.is_file():
        unavailable(f"no {LITE_PYTHON}: run `make lite`")
    try:
        isolated = subprocess.run(["unshare", "--net", "true"], capture_output=True).returncode == 0
    except FileNotFoundError:
        isolated = False
    if not isolated:
        pytest.skip("no network namespace here (`unshare --net` needs root)")
    output = tmp_path / "lite"
    result = subprocess.run(["unshare", "--net", str(LITE_PYTHON), "tools/build_lite.py", "--output", str(output)],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"the build needs the network:\n{result.stdout}{result.stderr}"
    assert sorted(path.name for path in (output / "files").glob("*.ipynb")) == [path.name for path in NOTEBOOKS]
    assert sorted(path.name.split("-")[0] for path in (output / "pypi").glob("*.whl")) == sorted(
        ["relulab", *KERNEL_PACKAGES])


# -- contents ------------------------------------------------------------------------------
def test_every_chapter_notebook_is_in_the_site_as_committed(lite: Path) -> None:
    assert NOTEBOOKS, "no chapter notebooks found"
    files = sorted(path.name for path in (lite / "files").glob("*.ipynb"))
    assert files == [path.name for path in NOTEBOOKS]
    for path in NOTEBOOKS:
        assert (lite / "files" / path.name).read_bytes() == path.read_bytes(), f"{path.name} differs from chapters/"
    listed = {item["name"] for item in json.loads((lite / "api" / "contents" / "all.json").read_text())["content"]}
    assert {path.name for path in NOTEBOOKS} <= listed, "the file browser's index misses notebooks"


def test_piplite_serves_relulab_built_from_this_checkout_and_the_widget_wheels(lite: Path) -> None:
    index = json.loads((lite / "pypi" / "all.json").read_text(encoding="utf-8"))
    assert {"relulab", *map(canonicalize_name, KERNEL_PACKAGES)} <= {canonicalize_name(n) for n in index}
    for package in KERNEL_PACKAGES:
        assert (lite / "pypi" / wheel_name(package)).is_file(), f"{wheel_name(package)} (constraints.txt's version)"
    (wheel,) = (lite / "pypi").glob("relulab-*-py3-none-any.whl")
    with zipfile.ZipFile(wheel) as archive:
        shipped = {name for name in archive.namelist() if name.startswith("relulab/")}
    package = ROOT / "lib" / "relulab"
    source = {f"relulab/{path.relative_to(package).as_posix()}" for path in package.rglob("*")
              if path.is_file() and "__pycache__" not in path.parts}
    assert shipped == source, f"the wheel and lib/relulab differ: {sorted(shipped ^ source)}"
    urls = lite_config(lite)["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]["pipliteUrls"]
    assert any(url.startswith("./pypi/all.json") for url in urls), f"piplite does not read ./pypi: {urls}"


def test_the_widgets_extension_is_in_the_site(lite: Path) -> None:
    extensions = {extension["name"]: extension for extension in lite_config(lite)["federated_extensions"]}
    assert "@jupyter-widgets/jupyterlab-manager" in extensions, sorted(extensions)
    manager = lite / "extensions" / "@jupyter-widgets" / "jupyterlab-manager"
    assert (manager / extensions["@jupyter-widgets/jupyterlab-manager"]["load"]).is_file()
    install = json.loads((manager / "install.json").read_text(encoding="utf-8"))
    assert install["packageName"] == "jupyterlab_widgets", install
    # The front end and the kernel's Python side come from one release.
    assert wheel_name("jupyterlab_widgets") in {wheel.name for wheel in shipped_wheels(lite)}


# -- what runs on Pyodide --------------------------------------------------------------------
def test_the_kernel_loads_the_pyodide_whose_package_list_is_pinned(lite: Path, pyodide_lock: dict) -> None:
    npm_pin = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]["pyodide"]
    installed = json.loads((PYODIDE_NPM / "package.json").read_text(encoding="utf-8"))["version"]
    assert kernel_pyodide_version(lite) == npm_pin == installed


def test_every_module_the_chapters_import_is_in_pyodide_or_a_shipped_wheel(lite: Path, pyodide_lock: dict) -> None:
    modules = modules_the_chapters_import()
    assert {"numpy", "matplotlib", "ipywidgets", "relulab", "IPython"} <= modules, sorted(modules)
    in_pyodide = {name for package in pyodide_lock["packages"].values() for name in package["imports"]}
    in_wheels = set().union(*(wheel_top_level_modules(wheel) for wheel in shipped_wheels(lite)))
    stdlib = set(sys.stdlib_module_names) - NOT_IN_PYODIDE_STDLIB
    missing = sorted(modules - in_pyodide - in_wheels - stdlib)
    assert not missing, f"modules Pyodide cannot import in the lite site: {missing}"


def test_every_requirement_of_the_shipped_wheels_is_met_in_pyodide(lite: Path, pyodide_lock: dict) -> None:
    """piplite resolves each wheel's requirements from the site or Pyodide's CDN, never from PyPI."""
    python = pyodide_lock["info"]["python"]
    environment = default_environment() | {
        "sys_platform": "emscripten", "platform_system": "Emscripten", "platform_machine": "wasm32",
        "os_name": "posix", "python_version": ".".join(python.split(".")[:2]), "python_full_version": python,
        "implementation_name": "cpython", "platform_python_implementation": "CPython", "extra": "",
    }
    available: dict[str, set[str]] = {}  # the kernel ships two widgetsnbextension stubs, 3.x and 4.x
    for name, package in pyodide_lock["packages"].items():
        available.setdefault(canonicalize_name(name), set()).add(package["version"])
    for wheel in shipped_wheels(lite):
        metadata = wheel_metadata(wheel)
        available.setdefault(canonicalize_name(metadata["Name"]), set()).add(metadata["Version"])
    unmet = []
    for wheel in shipped_wheels(lite):
        for line in wheel_metadata(wheel).get_all("Requires-Dist") or []:
            requirement = Requirement(line)
            if requirement.marker and not requirement.marker.evaluate(environment):
                continue
            versions = available.get(canonicalize_name(requirement.name), set())
            if not any(requirement.specifier.contains(version, prereleases=True) for version in versions):
                unmet.append(f"{wheel.name}: {line} (available: {sorted(versions)})")
    assert not unmet, "requirements piplite would fetch from PyPI:\n" + "\n".join(unmet)


def install_block(notebook: Path) -> str:
    """The first code cell's install lines: up to the blank line after its last ``%pip``."""
    first = next(c for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "code").source
    lines = first.splitlines(keepends=True)
    last_pip = max(i for i, line in enumerate(lines) if line.lstrip().startswith("%pip"))
    return "".join(lines[: last_pip + 1])


def kernel_cell_transform(lite: Path, monkeypatch: pytest.MonkeyPatch):
    """The Pyodide kernel's own cell transformer (``%pip`` -> piplite), loaded from the wheels the site ships."""
    def source(pattern: str, member: str) -> str:
        (wheel,) = (lite / "extensions").glob(f"**/pypi/{pattern}")
        with zipfile.ZipFile(wheel) as archive:
            return archive.read(member).decode("utf-8")

    # piplite's package module needs micropip (Pyodide only); its CLI parser does not.
    piplite = types.ModuleType("piplite")
    piplite.__path__ = []
    cli = types.ModuleType("piplite.cli")
    exec(compile(source("piplite-*.whl", "piplite/cli.py"), "piplite/cli.py", "exec"), cli.__dict__)
    piplite.cli = cli
    monkeypatch.setitem(sys.modules, "piplite", piplite)
    monkeypatch.setitem(sys.modules, "piplite.cli", cli)
    transform = types.ModuleType("litetransform")
    exec(compile(source("pyodide_kernel-*.whl", "pyodide_kernel/litetransform.py"), "litetransform.py", "exec"),
         transform.__dict__)
    return lambda cell: asyncio.run(transform.LiteTransformerManager().transform_cell(cell))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.stem)
def test_in_the_browser_the_first_cell_installs_the_shipped_wheel_through_piplite(
    lite: Path, notebook: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = kernel_cell_transform(lite, monkeypatch)(install_block(notebook))
    installs = []

    async def install(**kwargs) -> None:
        installs.append(kwargs)

    sys.modules["piplite"].install = install
    monkeypatch.setattr(sys, "platform", "emscripten")
    real_find_spec = __import__("importlib.util").util.find_spec
    monkeypatch.setattr("importlib.util.find_spec",
                        lambda name, *args: None if name == "relulab" else real_find_spec(name, *args))
    compiled = compile(code, notebook.name, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
    asyncio.run(eval(compiled, {}) or asyncio.sleep(0))
    # piplite finds "relulab" in the site's ./pypi index; a git URL it cannot install.
    assert installs == [{"requirements": ["relulab"]}], f"{notebook.name}: piplite was asked for {installs}"


# -- in the browser ----------------------------------------------------------------------------
@pytest.mark.browser
def test_the_lite_app_opens_a_chapter_with_no_error_but_the_blocked_pyodide_cdn(lite: Path) -> None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright is not installed")
    notebook = "03_dying_relu.ipynb"
    first_code = next(c for c in nbformat.read(ROOT / "chapters" / notebook, as_version=4).cells
                      if c.cell_type == "code").source.splitlines()[0]
    errors, external = [], []
    with sync_playwright() as playwright, serve(SITE) as base:
        executable = find_chromium(playwright)
        if executable is None:
            unavailable("no Chromium found")
        # No name resolves but 127.0.0.1's: web workers' requests are blocked too, not only the page's.
        args = [*LAUNCH_ARGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=args)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.on("request", lambda request: external.append(request.url)
                       if urlparse(request.url).hostname not in (None, "127.0.0.1") else None)
            page = context.new_page()
            page.on("console", lambda message: errors.append((message.text, message.location.get("url", "")))
                    if message.type == "error" else None)
            page.on("pageerror", lambda error: errors.append((str(error), "")))
            page.on("response", lambda response: errors.append((f"HTTP {response.status}", response.url))
                    if response.status >= 400 else None)
            page.goto(f"{base}lite/lab/index.html?path={notebook}", wait_until="load")
            page.wait_for_selector(f".lm-TabBar-tab:has-text('{notebook}')", timeout=60_000)
            page.wait_for_selector(".jp-Notebook .jp-CodeCell", timeout=60_000)
            page.wait_for_timeout(3_000)  # let the kernel try to start, and fail on the blocked CDN
            shown = page.locator(".jp-Notebook .jp-CodeCell .jp-InputArea-editor").first.inner_text()
            assert first_code in shown, f"the notebook's first code cell is not shown: {shown[:200]!r}"
            assert page.locator(".jp-Notebook .jp-Cell").count() > 5
            screenshots = SITE.parent / "screenshots"
            screenshots.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(screenshots / "lite-03_dying_relu.png"))
        finally:
            browser.close()
    cdn = f"https://cdn.jsdelivr.net/pyodide/v{kernel_pyodide_version(lite)}/full/"
    unexpected = [error for error in errors if cdn not in error[0] and not error[1].startswith(cdn)]
    assert not unexpected, f"console errors besides the blocked Pyodide CDN: {unexpected}"
    assert external and all(url.startswith(cdn) for url in external), f"requests leaving 127.0.0.1: {external}"
