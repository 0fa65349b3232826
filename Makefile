# Two commands do all set-up: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8080
export PODNOTES_CORPUS ?= $(CURDIR)/corpus
export PODNOTES_INDEX  ?= $(CURDIR)/var/index

.PHONY: run test install install-dev lint browser-deps index bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

index: install
	$(BIN)/podnotes index

run: index
	@echo "podnotes: serving http://$(HOST):$(PORT)/"
	$(BIN)/podnotes serve --host $(HOST) --port $(PORT)

# Browser tests drive Debian's Chromium; install it (and only it) when it is missing.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q chromium; }

lint: install-dev
	$(BIN)/ruff check indexer search_app tests

test: install-dev browser-deps lint
	$(BIN)/python -m pytest -q

# Speed and relevance benchmarks (see BENCHMARKS.md); relevance needs ../shared/data.
bench: install-dev
	$(BIN)/python bench/speed.py --episodes 2000
	@if [ -d ../shared/data ]; then $(BIN)/python bench/relevance.py; fi

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
