# Two entry points: `make demo` and `make test`. Both create .venv and install into it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DEMO_DB := build/demo.duckdb

.PHONY: demo test lint install bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "factwire needs Python 3.11+; run make PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	@mkdir -p build
	@rm -f $(DEMO_DB)
	$(BIN)/factwire ingest samples/corpus --db $(DEMO_DB)
	@echo; echo "== October 2025 deliveries and sales, by company (peer table) =="
	$(BIN)/factwire query --db $(DEMO_DB) --format table \
	  "SELECT e.name AS company, f.metric, f.value, f.qualifier, d.published_at AS reported \
	   FROM facts f JOIN documents d ON d.id = f.doc_id \
	   LEFT JOIN (SELECT DISTINCT id, name FROM entities) e ON e.id = f.entity_id \
	   WHERE f.period = '2025-10' AND f.metric IN ('deliveries', 'sales_volume') \
	   ORDER BY f.value DESC"
	@echo; echo "== What the store knows about Xiaomi, over time =="
	$(BIN)/factwire entity Xiaomi --db $(DEMO_DB) --format markdown

test: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[bench]'
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build .pytest_cache .ruff_cache
