# Everything starts from nothing: the first target that needs the virtual
# environment creates it and installs the project with its dev tools.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint imports typecheck pytest interop-deps bench hooks clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
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

# ical.js (Thunderbird's parser) for the interoperability tests, when npm is there.
interop-deps:
	@if command -v npm >/dev/null 2>&1; then \
		cd tests/interop && npm ci --silent --no-audit --no-fund; \
	else echo "npm not found: the ical.js interop tests will be skipped"; fi

pytest: $(STAMP) interop-deps
	$(BIN)/pytest

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
