# Two commands matter: `make book` builds the site, `make test` runs every test.
# Both create .venv from the pinned requirements when it is missing or stale.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: audit book lite pdf test test-site site-and-pdfs test-notebooks test-lib test-binder lab serve clean bench assets

$(STAMP): requirements.txt requirements-dev.txt constraints.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

# The chapters' matrices are small: one BLAS thread per process is faster than
# two fighting over the cores, and leaves the second core to the second test
# worker (-n 2). Outputs do not depend on it (nbval compares them either way).
book test test-site test-notebooks test-lib test-binder: export OPENBLAS_NUM_THREADS = 1

# Mermaid is served by the site itself: taken from npm when npm is here.
assets:
	@bash tools/vendor_mermaid.sh

# The interactive figures' kernel-free frames are written by the build itself
# (_ext/static_explorers.py); the committed notebooks carry only a placeholder.
book: $(STAMP) assets
	$(BIN)/jupyter-book build . -W -n --keep-going
	$(BIN)/python tools/cheat_sheet.py
	@echo "The book is at: $(CURDIR)/_build/html/index.html"

# Every test: the site, its PDFs and the library, site and browser tests
# (test-site), and every notebook re-executed by nbval in strict mode on
# Binder's package set alone, each text output exactly as committed
# (test-binder). `make -j2 test` runs the two halves at once, as CI does.
test: test-site test-binder

# The tests run once the site, its PDFs and the JupyterLite site are built. Under
# -j2 the lite build takes the second slot while the book builds, and delays
# test-binder by about as long, not the book.
test-site: site-and-pdfs lite
	$(BIN)/python -m pytest -n 2 --dist loadfile

site-and-pdfs: $(STAMP)
	$(MAKE) book
	$(MAKE) pdf

# The whole book as one PDF, printed from the built site by Chromium (tools/book_pdf.py).
pdf: $(STAMP)
	@test -d _build/html || { echo "No site yet: run 'make book' first."; exit 1; }
	$(BIN)/python tools/book_pdf.py

# nbval strict in this environment (.venv) instead of a fresh Binder one: quicker to rerun.
test-notebooks: $(STAMP)
	$(BIN)/python -m pytest -p no:cacheprovider -n 2 --dist loadfile --nbval --nbval-current-env \
	  --nbval-sanitize-with tests/nbval_sanitize.cfg chapters

# The library's own tests, in seconds, for the edit-test loop (no build, no browser).
test-lib: $(STAMP)
	$(BIN)/python -m pytest -q -n 2 $(foreach t,book browser page_weight prose repository cheat_sheet book_pdf meta_description lite page_menus design math,--ignore=tests/test_$(t).py)

test-binder: $(STAMP)
	@bash tools/test_binder.sh

# The JupyterLite site (the chapters in the browser, no server) in _build/html/lite,
# from its own venv .venv-lite: the book's .venv stays as it is. Installing it
# downloads the kernel's wheels; the build itself fetches nothing.
LITE_VENV  := .venv-lite
LITE_STAMP := $(LITE_VENV)/.installed

$(LITE_STAMP): requirements-lite.txt constraints.txt
	@test -x $(LITE_VENV)/bin/python || $(PYTHON) -m venv $(LITE_VENV)
	$(LITE_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(LITE_VENV)/bin/python -m pip install --quiet -r requirements-lite.txt
	$(LITE_VENV)/bin/python tools/build_lite.py download
	@touch $(LITE_STAMP)

lite: $(LITE_STAMP)
	$(LITE_VENV)/bin/python tools/build_lite.py

# --allow-root only where Jupyter would otherwise refuse (containers run as root).
lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=chapters --ip=127.0.0.1 \
	  $$( [ "$$(id -u)" = 0 ] && echo --allow-root )

serve:
	@test -d _build/html || { echo "No site yet: run 'make book' first."; exit 1; }
	$(BIN)/python -m http.server $(PORT) --bind $(HOST) --directory _build/html

# Lighthouse (mobile) and axe-core (light and dark theme) on every page of the
# built site, served gzip-compressed on 127.0.0.1; prints the table kept in
# bench/RESULTS.md. Scores move with machine load: run it on a quiet machine,
# or with RUNS=5 (Lighthouse five times per page, the median run shown).
RUNS ?= 1
audit: $(STAMP) assets
	@test -d _build/html || { echo "No site yet: run 'make book' first."; exit 1; }
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(BIN)/python tools/audit.py --runs $(RUNS)

bench: $(STAMP)
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf _build .venv .venv-binder .venv-lite node_modules _static/mermaid _static/mathjax .pytest_cache .hypothesis
