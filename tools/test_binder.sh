#!/usr/bin/env bash
# Prove the chapters run with what Binder installs, and nothing else.
#
# 1. A fresh virtual environment, .venv-binder, gets requirements.txt alone
#    (the reader's pinned set, relulab included, pinned by constraints.txt):
#    none of the build and test tools of .venv.
# 2. Its ipykernel is registered as the kernelspec "relulab-binder" under a
#    temporary JUPYTER_PATH, so no user or system Jupyter setting is touched.
# 3. Copies of the chapter notebooks, in a temporary directory outside the
#    repository, are re-run by nbval in strict mode on that kernel: every
#    text output must match the committed one. The copies cannot reach
#    lib/ or any file beside the repository's notebooks.
# 4. Colab's way in: a second fresh venv installs relulab the way each
#    notebook's first cell does there, "relulab @ git+<repository>", here from
#    this clone (its committed HEAD), and imports it with its static files.
#
# Usage: bash tools/test_binder.sh [NOTEBOOK.ipynb ...]   (default: chapters/*.ipynb)
# NBVAL_WORKERS (default 2) sets how many notebooks run at once.
set -euo pipefail
# What the fresh venvs install is what runs: a caller's PYTHONPATH (say, lib/
# for an editable checkout) would shadow it, and make pip skip the git install.
unset PYTHONPATH
NOTEBOOKS=()
for notebook in "$@"; do NOTEBOOKS+=("$(realpath "$notebook")"); done
cd "$(dirname "$0")/.."
ROOT=$PWD
[ ${#NOTEBOOKS[@]} -gt 0 ] || NOTEBOOKS=("$ROOT"/chapters/*.ipynb)
PYTHON=${PYTHON:-python3}
VENV=.venv-binder
KERNEL=relulab-binder

grep -qx 'python-3.11' runtime.txt || { echo "test_binder: runtime.txt should say python-3.11" >&2; exit 1; }
echo "test_binder: fresh $VENV from requirements.txt ($("$PYTHON" --version))"
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --upgrade pip
had_build_dir=$([ -e build ] && echo yes || echo no)
"$VENV/bin/python" -m pip install --quiet -c constraints.txt -r requirements.txt
# Installing "." (relulab, not editable) leaves setuptools' build/ behind.
[ "$had_build_dir" = yes ] || rm -rf build

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export JUPYTER_PATH="$WORK/jupyter/share/jupyter"
"$VENV/bin/python" -m ipykernel install --prefix "$WORK/jupyter" --name "$KERNEL" \
  --display-name "relulab (Binder requirements)" >/dev/null

mkdir "$WORK/chapters"
cp "${NOTEBOOKS[@]}" "$WORK/chapters/"
cd "$WORK"
# -c /dev/null: the repository's pytest configuration (testpaths,
# filterwarnings = error for the library's own tests) does not apply here.
"$ROOT/.venv/bin/python" -m pytest -c /dev/null --rootdir "$WORK" -p no:cacheprovider -q -n "${NBVAL_WORKERS:-2}" --dist loadfile \
  --nbval --nbval-kernel-name "$KERNEL" \
  --nbval-sanitize-with "$ROOT/tests/nbval_sanitize.cfg" \
  chapters

echo "test_binder: relulab from git, as the notebooks install it on Colab"
GIT_VENV="$WORK/venv-git"
"$PYTHON" -m venv "$GIT_VENV"
"$GIT_VENV/bin/python" -m pip install --quiet --upgrade pip  # pip 23 refuses "name @ git+file://"
"$GIT_VENV/bin/python" -m pip install --quiet -c "$ROOT/constraints.txt" "relulab @ git+file://$ROOT"
"$GIT_VENV/bin/python" - "$GIT_VENV" <<'PY'
import sys
from importlib import resources

import relulab

assert relulab.__file__.startswith(sys.argv[1]), f"imported {relulab.__file__}, not the git install"
assert relulab.relu(-3.0) == 0.0 and relulab.leaky_relu(-100.0) == -1.0
static = [f.name for f in resources.files("relulab.viz").joinpath("static").iterdir()]
assert static, "the package's static files (the explorer's script and style) are missing"
print(f"test_binder: git install OK ({len(static)} static files)")
PY
