# Everything starts from nothing: the first target that needs the virtual
# environment creates it and installs the project with its dev tools.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint imports typecheck pytest interop-deps bench hooks docs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,docs]'
	touch $(STAMP)

## demo: check the seed agenda and publish it as build/technopark-2024.ics
demo: $(STAMP)
	$(BIN)/agenda-kit check examples/technopark-2024.yaml
	mkdir -p build
	$(BIN)/agenda-kit export examples/technopark-2024.yaml -o build/technopark-2024.ics
	$(BIN)/agenda-kit render examples/technopark-2024.yaml -o build/technopark-2024.html
	@echo "Open build/technopark-2024.ics in a calendar and build/technopark-2024.html in a browser."

## test: lint, check the import directions, type-check and run the whole test suite
test: lint imports typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

# The import directions of STYLE.md as import-linter contracts ([tool.importlinter]).
imports: $(STAMP)
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

# ical.js (Thunderbird's parser) for the interoperability tests, from the npm registry.
# Without npm, or when npm cannot install it (no registry), this says so in one line and
# `make test` goes on: the ical.js tests then skip with that reason, which they read from
# $(ICALJS_NOTE) (under CI=true a skip fails). Already installed as locked: nothing to do.
ICALJS_NOTE := build/interop-deps.txt
ICALJS_LOG  := build/npm-ci.log
interop-deps:
	@mkdir -p build; rm -f $(ICALJS_NOTE)
	@if ! command -v npm >/dev/null 2>&1; then \
		echo "npm not found: the ical.js interop tests will be skipped" | tee $(ICALJS_NOTE); \
	elif python3 -c 'import json, sys; d = "tests/interop/"; \
		lock = json.load(open(d + "package-lock.json"))["packages"]; lock.pop("", None); \
		sys.exit(lock != json.load(open(d + "node_modules/.package-lock.json"))["packages"])' \
		2>/dev/null; then :; \
	elif ! (cd tests/interop && npm ci --silent --no-audit --no-fund \
		--fetch-retries=1 --fetch-timeout=30000) >$(ICALJS_LOG) 2>&1; then \
		echo "npm could not install ical.js (is the npm registry reachable? see $(ICALJS_LOG)): the ical.js interop tests will be skipped" | tee $(ICALJS_NOTE); \
	fi

pytest: $(STAMP) interop-deps
	$(BIN)/pytest

## docs: build the documentation site with the API reference into build/site (a warning fails)
docs: $(STAMP)
	$(BIN)/mkdocs build --strict --quiet

## hooks: run this repository's pre-commit hook on examples/, as users' CI would
hooks: $(STAMP)
	$(BIN)/pre-commit try-repo . agenda-kit --files examples/* --verbose

## bench: the speed targets, as ratios against baselines measured in the same run
bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache .hypothesis tests/interop/node_modules

.PHONY: fuzz
FUZZ_CASES ?= 100000
FUZZ_SEED  ?= 0
FUZZ_JOBS  ?= 2
## fuzz: the long fuzzing run (docs/reliability.md); failures saved in build/fuzz-failures/
fuzz: $(STAMP)
	PYTHONPATH=src $(BIN)/python -m tests.fuzz --cases $(FUZZ_CASES) --seed $(FUZZ_SEED) --jobs $(FUZZ_JOBS)
