# Every target bootstraps its own virtual environment in .venv from nothing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test serve bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python examples/demo.py

test: $(STAMP)
	$(BIN)/ruff check synthdata api_shim tests benchmarks examples
	$(BIN)/python -m pytest

serve: $(STAMP)
	$(BIN)/synthdata serve --host 127.0.0.1 --port 8000

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_customers.py
	$(BIN)/python benchmarks/bench_corpus.py
	$(BIN)/python benchmarks/bench_memory.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis demo_output
