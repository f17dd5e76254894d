# Two commands on a fresh clone: `make test` and `make demo`. Both build .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Newer than pyproject.toml once the project and its dependencies are installed.
INSTALLED := $(VENV)/.installed

.PHONY: demo test lint clean accuracy benchmarks

# torch goes in first, pinned: its CPU wheel is on this machine's disk, and the torch
# that sentence-transformers would pull in unpinned is the multi-GB CUDA build.
$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

demo: $(INSTALLED)
	$(BIN)/factcheck compare seeds/*.txt
	$(BIN)/factcheck compare seeds/*.txt --quiet --format json --output reports/seeds.json
	$(BIN)/factcheck compare seeds/*.txt --quiet --format html --output reports/seeds.html
	@echo "Reports written: reports/seeds.json, reports/seeds.html"

# The accuracy table of the measurement issue: factcheck eval on ../shared/eval/clusters.
accuracy: $(INSTALLED)
	$(BIN)/factcheck eval ../shared/eval/clusters --quiet --format markdown \
		--output reports/accuracy.md
	@echo "Written: reports/accuracy.md"

# Every benchmark; each rewrites its own section of reports/*.md (several minutes).
benchmarks: $(INSTALLED)
	$(BIN)/python benchmarks/pipeline_speed.py
	$(BIN)/python benchmarks/extract_speed.py
	$(BIN)/python benchmarks/recognizers.py
	$(BIN)/python benchmarks/vitaminc.py

lint: $(INSTALLED)
	$(BIN)/ruff check factcheck tests
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

# Headless Chromium for tests/test_browser.py, from Debian's archive: never a browser
# download. Playwright, which drives it, comes with the dev extras.
.PHONY: browser
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
browser: $(INSTALLED)
	command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q chromium; }

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
