# Every target bootstraps its own virtual environment in .venv from nothing. The demo needs only
# the runtime package; the tests add the development extras (LLM client, Dask, browsers, Jupyter).
# --no-compile: byte-compiling every installed file (Faker's hundreds of locales) took longer than
# the download; Python compiles what it imports on first use anyway.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.installed-runtime
DEV := $(VENV)/.installed-dev

.PHONY: demo test serve bench clean

$(RUNTIME): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-compile -e .
	touch $(RUNTIME)

$(DEV): $(RUNTIME)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-compile -e '.[dev]'
	touch $(DEV)

demo: $(RUNTIME)
	$(BIN)/python examples/demo.py

test: $(DEV)
	$(BIN)/ruff check synthdata api_shim tests benchmarks examples
	$(BIN)/mypy
	$(BIN)/python -m pytest

serve: $(RUNTIME)
	$(BIN)/synthdata serve --host 127.0.0.1 --port 8000

bench: $(DEV)
	$(BIN)/python benchmarks/bench_customers.py
	$(BIN)/python benchmarks/bench_corpus.py
	$(BIN)/python benchmarks/bench_memory.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .hypothesis demo_output
