#!/usr/bin/env bash
# Copy the front-end engines the site serves itself (no CDN) into _static/:
#   _static/mermaid/  Mermaid's ESM build and its chunks (diagrams)
#   _static/mathjax/  MathJax 3 with its fonts and extensions (formulas)
# Versions are pinned by package.json + package-lock.json; `npm ci` installs
# them into node_modules/ only when the lockfile changed since the last run.
# Without npm, the build still works: _ext/local_assets.py then falls back to
# the CDNs (and tests/test_book.py reports the external scripts).
set -euo pipefail
cd "$(dirname "$0")/.."

STAMP=node_modules/.relulab-lock.sha256
MERMAID_DST=_static/mermaid
MATHJAX_DST=_static/mathjax

lock_hash() { sha256sum package-lock.json | cut -d' ' -f1; }

if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$(lock_hash)" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "vendor_mermaid: npm not found; the book will load Mermaid and MathJax from their CDNs." >&2
    echo "vendor_mermaid: install Node.js + npm and rerun 'make book' to serve them locally." >&2
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

if [ "$(cat "$MATHJAX_DST/.stamp" 2>/dev/null)" != "$(cat "$STAMP")" ]; then
  src=node_modules/mathjax/es5
  fresh_dir "$MATHJAX_DST"
  cp node_modules/mathjax/LICENSE "$MATHJAX_DST/"
  cp "$src/tex-mml-chtml.js" "$MATHJAX_DST/"
  # Loaded on demand by tex-mml-chtml.js: TeX/MathML extensions, CHTML fonts,
  # the context menu and the accessibility tools it offers.
  mkdir -p "$MATHJAX_DST/output"
  cp -r "$src/input" "$src/ui" "$src/a11y" "$src/sre" "$MATHJAX_DST/"
  cp -r "$src/output/chtml" "$MATHJAX_DST/output/"
  cp "$STAMP" "$MATHJAX_DST/.stamp"
fi

echo "vendor_mermaid: Mermaid $(node -p 'require("./node_modules/mermaid/package.json").version' 2>/dev/null || echo '?')" \
     "and MathJax $(node -p 'require("./node_modules/mathjax/package.json").version' 2>/dev/null || echo '?') served from _static/"
