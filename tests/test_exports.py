import json
import shutil
from datetime import date

import duckdb
import pytest
from click.testing import CliRunner

from factwire.cli import cli
from factwire.errors import FactwireError
from factwire.exports import company_report, export_table
from factwire.store import Store
from tests.conftest import samples_store


@pytest.fixture(scope="module")
def store_path(tmp_path_factory, pipeline):
    return samples_store(tmp_path_factory.mktemp("exp") / "exp.duckdb", pipeline)


def test_export_csv_parquet_json(store_path, tmp_path):
    with Store(store_path, read_only=True) as store:
        n = export_table(store, "facts", tmp_path / "facts.csv")
        assert n > 20 and (tmp_path / "facts.csv").read_text().splitlines()[0].startswith("doc_id,idx,entity_id")
        export_table(store, "facts", tmp_path / "facts.parquet")
        rows = duckdb.sql(f"SELECT count(*) FROM read_parquet('{tmp_path / 'facts.parquet'}')").fetchall()[0][0]
        assert rows == n
        xiaomi = export_table(store, "events", tmp_path / "events.json", entity="Xiaomi")
        lines = [json.loads(line) for line in (tmp_path / "events.json").read_text().splitlines()]
        assert len(lines) == xiaomi > 0
        docs = export_table(store, "documents", tmp_path / "docs.jsonl", "json")
        assert docs == 7 and "text" not in json.loads((tmp_path / "docs.jsonl").read_text().splitlines()[0])
        with pytest.raises(FactwireError, match="--format"):
            export_table(store, "facts", tmp_path / "facts.xlsx")


def test_html_report_has_charts_and_tables(store_path, tmp_path):
    with Store(store_path, read_only=True) as store:
        out = company_report(store, "Xiaomi", tmp_path / "xiaomi.html")
    page = out.read_text()
    assert page.count("Plotly.newPlot") >= 3  # deliveries, margins, sentiment, events
    assert "fire_and_ice" in page and "26.4" in page and "recall" in page


@pytest.mark.skipif(not (shutil.which("chromium") or shutil.which("google-chrome")),
                    reason="Markdown reports render their charts with Chromium or Chrome")
def test_markdown_report_writes_png_charts(store_path, tmp_path):
    result = CliRunner().invoke(cli, ["report", "Xiaomi", "--to", str(tmp_path / "x.md"), "--db", str(store_path)])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "x.md").read_text()
    assert "![Margins (%)](x-chart2.png)" in text and "| fire and ice |" not in text
    png = tmp_path / "x-chart2.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000


def test_cli_export_alerts_and_series(store_path, tmp_path):
    runner = CliRunner()
    out = tmp_path / "f.csv"
    assert runner.invoke(cli, ["export", "facts", "--to", str(out), "--db", str(store_path)]).exit_code == 0
    alerts = runner.invoke(cli, ["alerts", "--db", str(store_path), "--format", "json"])
    assert "fire_and_ice" in alerts.output
    strict = tmp_path / "strict.yaml"
    strict.write_text("divergence: 1.9\n")
    quiet = runner.invoke(cli, ["alerts", "--db", str(store_path), "--format", "json", "--settings", str(strict)])
    assert quiet.exit_code == 0 and "fire_and_ice" not in quiet.output


HOSTILE = '<img src=x onerror="alert(1)"> Xiaomi | [click](javascript:alert(2))'


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory, pipeline):
    """A store whose story title is markup we did not write."""
    from factwire.models import Document

    path = tmp_path_factory.mktemp("hostile") / "h.duckdb"
    with Store(path) as store:
        text = "Xiaomi delivered 48,654 cars in October, up 20% from September, the company said."
        store.add(pipeline(Document.from_text(text, source="h.txt", title=HOSTILE, published_at=date(2025, 11, 1))))
    return path


def test_markdown_escapes_what_we_did_not_write(hostile_store, pipeline):
    from factwire.cli.render import analysis_markdown
    from factwire.exports import _markdown, _tables
    from factwire.models import Document

    with Store(hostile_store, read_only=True) as store:
        timeline = _tables(store, "xiaomi")["Timeline"]
        md = _markdown(timeline)
    assert "<img" not in md and "&lt;img src=x onerror=\"alert(1)\"&gt;" in md
    assert "[click](javascript:" not in md and "\\[click\\](javascript:" in md and "\\|" in md
    page = analysis_markdown(pipeline(Document.from_text("Xiaomi rose 2%.", title=HOSTILE)))
    assert page.splitlines()[0].startswith("# &lt;img") and "<img" not in page
    entity = CliRunner().invoke(cli, ["entity", "Xiaomi", "--db", str(hostile_store), "--format", "markdown"])
    assert entity.exit_code == 0 and "<img" not in entity.stdout and "&lt;img" in entity.stdout


def test_html_report_escapes_titles(hostile_store, tmp_path):
    with Store(hostile_store, read_only=True) as store:
        page = company_report(store, "Xiaomi", tmp_path / "h.html").read_text()
    assert "<img src=x" not in page and "&lt;img src=x" in page
