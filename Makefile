# The two commands a newcomer runs: `make demo` and `make test` (see README.md).
VENV ?= .venv
PY := $(VENV)/bin/python
SITREP := $(VENV)/bin/sitrep

.PHONY: setup demo test lint bench
setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements/data.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q --no-deps --require-hashes -r requirements/data.txt
	$(PY) -m pip install -q -e '.[dev,ray]'
	touch $@

demo: setup
	$(SITREP) ingest examples/ --db sitrep.db
	$(SITREP) events --db sitrep.db

test: setup
	$(VENV)/bin/pytest

lint: setup
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/mypy

bench: setup
	$(PY) bench/throughput.py
	$(PY) bench/geo.py
	$(PY) bench/scale.py
