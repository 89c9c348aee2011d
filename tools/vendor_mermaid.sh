#!/usr/bin/env bash
# Copy the front-end engine the site serves itself (no CDN) into _static/:
#   _static/mermaid/  Mermaid's ESM build and its chunks (diagrams)
# and install MathJax's node package, with which the build typesets the
# formulas (_ext/build_math.py): the pages load no MathJax at all.
# Versions are pinned by package.json + package-lock.json; `npm ci` installs
# them into node_modules/ only when the lockfile changed since the last run.
# Without npm, the build still works: _ext/local_assets.py then falls back to
# Mermaid's CDN, and the browser typesets the formulas with MathJax from its
# CDN (tests/test_book.py reports the external scripts).
set -euo pipefail
cd "$(dirname "$0")/.."

STAMP=node_modules/.relulab-lock.sha256
MERMAID_DST=_static/mermaid
# Where an older version of this script copied MathJax: the site no longer serves it.
MATHJAX_OLD=_static/mathjax

lock_hash() { sha256sum package-lock.json | cut -d' ' -f1; }

if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$(lock_hash)" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "vendor_mermaid: npm not found; the book will load Mermaid and MathJax from their CDNs." >&2
    echo "vendor_mermaid: install Node.js + npm and rerun 'make book' to serve Mermaid and typeset formulas at build time." >&2
    exit 0
  fi
  echo "vendor_mermaid: npm ci (package-lock.json changed or node_modules missing)"
  start=$(date +%s)
  npm ci --no-audit --no-fund --prefer-offline --loglevel=error
  echo "vendor_mermaid: npm ci took $(( $(date +%s) - start )) s"
  lock_hash > "$STAMP"
fi

# A generated folder ignores itself, so nothing vendored is ever committed.
fresh_dir() { rm -rf "$1"; mkdir -p "$1"; printf '*\n' > "$1/.gitignore"; }

if [ "$(cat "$MERMAID_DST/.stamp" 2>/dev/null)" != "$(cat "$STAMP")" ]; then
  src=node_modules/mermaid/dist
  fresh_dir "$MERMAID_DST"
  cp node_modules/mermaid/LICENSE "$MERMAID_DST/"
  cp "$src/mermaid.esm.min.mjs" "$MERMAID_DST/"
  # The ESM entry point imports its chunks by relative path; source maps stay out.
  mkdir -p "$MERMAID_DST/chunks/mermaid.esm.min"
  cp "$src"/chunks/mermaid.esm.min/*.mjs "$MERMAID_DST/chunks/mermaid.esm.min/"
  cp "$STAMP" "$MERMAID_DST/.stamp"
fi

rm -rf "$MATHJAX_OLD"

echo "vendor_mermaid: Mermaid $(node -p 'require("./node_modules/mermaid/package.json").version' 2>/dev/null || echo '?')" \
     "served from _static/, MathJax $(node -p 'require("./node_modules/mathjax-full/package.json").version' 2>/dev/null || echo '?') typesets at build time"
