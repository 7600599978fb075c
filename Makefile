# Two entry points: `make demo` and `make test`. Both create .venv and install into it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DEMO_DB := build/demo.duckdb

.PHONY: demo test lint install bench eval clean browser

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

test: $(STAMP) browser
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/python -m pytest -q

# Debian's Chromium and ChromeDriver for the dashboard's browser test and Markdown reports;
# installed when absent and we may (root with apt-get), else those tests skip with a reason.
browser:
	@if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing chromium and chromium-driver (Debian packages)"; \
	  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	else echo "note: no chromium/chromedriver and no root to install them: the browser tests will be skipped"; fi

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[bench]'
	$(BIN)/python bench/run.py

# Accuracy on real text (docs/evaluation.md): the gold sets in bench/real against ../shared/data.
eval: $(STAMP)
	$(BIN)/python bench/eval.py

clean:
	rm -rf $(VENV) build .pytest_cache .ruff_cache
