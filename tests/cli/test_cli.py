import json

from click.testing import CliRunner

from factwire.cli import cli
from tests.conftest import SAMPLES

STORY = "Xiaomi delivered 48,654 cars in October, up 20%. Revenue was RMB 29 billion in Q3.\n"


def run(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_analyze_json_from_stdin_has_the_schema_keys():
    result = run("analyze", "-", "--format", "json", "--published", "2025-11-19", input=STORY)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert {"document", "entities", "facts", "events", "sentiment", "checks"} <= set(doc)
    assert doc["document"]["published_at"] == "2025-11-19"
    assert [q["surface"] for q in doc["quantities"]] == ["48,654 cars", "20%", "RMB 29 billion"]
    assert [p["value"] for p in doc["periods"]] == ["2025-10", "2025-Q3"]


def test_analyze_table_and_markdown():
    table = run("analyze", "-", "--format", "table", input=STORY)
    assert table.exit_code == 0 and "Quantities" in table.stdout and "48,654" in table.stdout
    markdown = run("analyze", "-", "--format", "markdown", input=STORY)
    assert "## Quantities" in markdown.stdout and "| RMB 29 billion |" in markdown.stdout


def test_analyze_batch_reports_bad_inputs_and_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(STORY)
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    lines = tmp_path / "feed.jsonl"
    lines.write_text('{"text": "NIO fell 3%."}\nnot json\n')
    result = CliRunner().invoke(cli, ["analyze", str(empty), str(good), str(lines), "--format", "json"])
    assert result.exit_code == 1
    outputs = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(outputs) == 2
    assert f"factwire: error: {empty}: empty input" in result.stderr
    assert f"factwire: error: {lines}:2: invalid JSON" in result.stderr


def test_bad_published_date_is_a_usage_error():
    result = CliRunner().invoke(cli, ["analyze", "-", "--published", "19/11/2025"], input=STORY)
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_ingest_query_and_entity_on_the_sample_corpus(tmp_path):
    db = str(tmp_path / "f.duckdb")
    first = CliRunner().invoke(cli, ["ingest", str(SAMPLES), "--db", db])
    assert first.exit_code == 0, first.output
    assert "7 added (0 reprints), 0 duplicates (already stored), 0 errors" in first.stderr
    again = CliRunner().invoke(cli, ["ingest", str(SAMPLES), "--db", db])
    assert "0 added (0 reprints), 7 duplicates (already stored)" in again.stderr
    result = run("query", "--db", db, "--format", "json",
                 "SELECT count(*) AS n FROM quantities WHERE unit = 'CNY'")
    assert json.loads(result.stdout)["n"] == 7  # 3 in the NIO page, 4 in the Q3 story
    csv_out = run("query", "--db", db, "--format", "csv", "SELECT title FROM documents ORDER BY title LIMIT 1")
    assert csv_out.stdout.splitlines()[0] == "title"
    entity = run("entity", "XPEV", "--db", db, "--format", "json")  # by ticker
    [record] = [json.loads(line) for line in entity.stdout.splitlines()]
    assert record["id"] == "xpeng" and record["documents"] == 2
    assert [m["published_at"] for m in record["mentions"]] == ["2025-09-01", "2025-11-01"]
    missing = CliRunner().invoke(cli, ["entity", "Acme Widgets", "--db", db])
    assert missing.exit_code != 0 and "no entity named 'Acme Widgets'" in str(missing.exception)
    listed = run("entities", "--db", db, "--format", "json", "--type", "company", "--limit", "3")
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert rows[0]["id"] == "xiaomi" and len(rows) == 3 and all(r["type"] == "company" for r in rows)


def test_entities_unknown_lists_discovered_names(tmp_path):
    db = str(tmp_path / "f.duckdb")
    story = "Analyst Zhang Wenqiang said Hengda Robotics Holdings would list. Zhang expects growth.\n"
    assert CliRunner().invoke(cli, ["ingest", "-", "--db", db], input=story).exit_code == 0
    listed = run("entities", "--unknown", "--db", db, "--format", "json")
    rows = {json.loads(line)["id"]: json.loads(line) for line in listed.stdout.splitlines()}
    assert rows["new:zhang-wenqiang"]["type"] == "person"
    assert rows["new:zhang-wenqiang"]["mentions"] == 2  # "Zhang" links back to the full name
    assert rows["new:hengda-robotics-holdings"]["type"] == "company"
    assert all(not r["known"] for r in rows.values())


def test_kb_option_adds_user_entities(tmp_path):
    kb = tmp_path / "mine.yaml"
    kb.write_text("- {id: acme, name: Acme Widgets, type: company, aliases: [ACMW]}\n")
    result = run("analyze", "-", "--format", "json", "--kb", str(kb), input="ACMW shares rose 4%.")
    [entity] = json.loads(result.stdout)["entities"]
    assert (entity["id"], entity["mentions"][0]["via"]) == ("acme", "alias")


def test_query_on_a_missing_store_is_a_clear_error(tmp_path):
    from factwire.errors import StoreError

    result = CliRunner().invoke(cli, ["query", "--db", str(tmp_path / "none.duckdb"), "SELECT 1"])
    assert isinstance(result.exception, StoreError)
    assert "no store here yet" in str(result.exception)


def test_quantities_command_prints_one_json_list_per_line():
    result = run("quantities", "-", input="Up 5% to HK$40.78 per share\nno numbers here\n")
    lists = [json.loads(line) for line in result.stdout.splitlines()]
    assert lists[1] == []
    assert [q["surface"] for q in lists[0]] == ["5%", "HK$40.78 per share"]
    assert lists[0][1]["span"] == [9, 27] and lists[0][0]["change"] == "up"


def test_schema_command_prints_the_json_schema():
    schema = json.loads(run("schema").stdout)
    assert schema["title"] == "Analysis"


def test_an_older_store_is_migrated_explicitly(tmp_path):
    import duckdb

    db = str(tmp_path / "old.duckdb")
    assert CliRunner().invoke(cli, ["ingest", "-", "--db", db], input=STORY).exit_code == 0
    con = duckdb.connect(db)
    con.execute("UPDATE meta SET value = '1.0' WHERE key = 'schema_version'")
    con.close()
    refused = CliRunner().invoke(cli, ["query", "--db", db, "SELECT 1"])
    assert refused.exit_code != 0 and "factwire migrate" in str(refused.exception)
    migrated = CliRunner().invoke(cli, ["migrate", "--db", db])
    assert migrated.exit_code == 0 and "migrated" in migrated.stderr
    counted = run("query", "--db", db, "--format", "json", "SELECT count(*) AS n FROM documents")
    assert json.loads(counted.stdout)["n"] == 1
