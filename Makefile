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
	$(BIN)/factwire query --db $(DEMO_DB) --format table \
	  "SELECT d.published_at, d.title, count(q.idx) AS quantities, \
	          count(q.idx) FILTER (q.unit IN ('CNY','USD','HKD','EUR')) AS money \
	   FROM documents d LEFT JOIN quantities q ON q.doc_id = d.id \
	   GROUP BY ALL ORDER BY d.published_at"
	$(BIN)/factwire query --db $(DEMO_DB) --format table \
	  "SELECT d.published_at, q.surface, q.value, q.unit, q.change, \
	          (SELECT string_agg(p.value, ', ' ORDER BY p.idx) FROM periods p \
	           WHERE p.doc_id = q.doc_id AND p.sentence = q.sentence) AS periods_in_sentence \
	   FROM quantities q JOIN documents d ON d.id = q.doc_id \
	   WHERE q.unit IN ('CNY','USD','HKD','vehicle','unit','percent') \
	   ORDER BY d.published_at, q.doc_id, q.idx LIMIT 40"

test: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[bench]'
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build .pytest_cache .ruff_cache
