# Two entry points, both safe on a fresh clone: `make corpus` and `make test` (which lints first);
# `make lint` alone runs only ruff and mypy.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: corpus lint test

# (Re)install when the package metadata or the lock changes. The lock (constraints.txt) holds
# the versions the committed corpus was built with, so a fresh clone rebuilds it byte for byte.
$(INSTALLED): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $@

# The shipped corpus: data in corpus/data, its card is this repository's README.md.
corpus: $(INSTALLED)
	$(BIN)/bicorpus build --sources corpus/sources --out corpus --card README.md
	$(BIN)/bicorpus validate corpus
	$(BIN)/bicorpus stats corpus

# Lint and type-check with the venv's pinned ruff and mypy (configured in pyproject.toml).
lint: $(INSTALLED)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy src

# The tests, after ruff and mypy: a lint or type error fails `make test` as it fails CI.
test: lint
	$(BIN)/python -m pytest
