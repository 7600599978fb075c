import json

import pytest

from factwire.errors import EmptyInputError, StoreError
from factwire.models import Document
from factwire.store import Store

STORIES = [
    "Xiaomi delivered 48,654 cars in October. Revenue was RMB 29 billion in Q3 2025.",
    "NIO delivered 40,397 vehicles in October, up 92.6%.",
    "XPeng delivered 42,013 vehicles in October.",
]


def docs():
    return [Document.from_text(t, source=f"s{i}.txt") for i, t in enumerate(STORIES)]


def test_ingest_stores_documents_and_their_parts(tmp_path, pipeline):
    with Store(tmp_path / "f.duckdb") as store:
        report = store.ingest(pipeline, docs())
        assert (report.added, report.duplicates, report.errors) == (3, 0, [])
        rows = store.query(
            "SELECT d.source, q.surface, q.unit FROM quantities q JOIN documents d ON d.id = q.doc_id "
            "ORDER BY d.source, q.idx"
        ).rows
        assert rows[0] == ("s0.txt", "48,654 cars", "vehicle")
        assert ("s1.txt", "92.6%", "percent") in rows
        period = store.query("SELECT value FROM periods WHERE value = '2025-Q3'").rows
        assert period == [("2025-Q3",)]
        stored = json.loads(store.query("SELECT analysis FROM documents LIMIT 1").rows[0][0])
        assert "quantities" in stored and "text" not in stored["document"]


def test_reingesting_the_same_content_is_a_no_op(tmp_path, pipeline):
    path = tmp_path / "f.duckdb"
    with Store(path) as store:
        store.ingest(pipeline, docs())
    rewrapped = Document.from_text(STORIES[0].replace(" ", "\n", 3), source="other.txt")
    with Store(path) as store:
        report = store.ingest(pipeline, [*docs(), rewrapped])
        assert (report.added, report.duplicates) == (0, 4)
        assert store.count_documents() == 3
        assert store.query("SELECT count(*) FROM quantities").rows[0][0] == 5


def test_bad_documents_are_reported_recorded_and_skipped(tmp_path, pipeline):
    items = [docs()[0], EmptyInputError("empty.txt", "empty input (no text)"), docs()[1]]
    seen = []
    with Store(tmp_path / "f.duckdb") as store:
        report = store.ingest(pipeline, items, on_item=lambda s, o: seen.append((s, o)))
        assert report.added == 2 and len(report.errors) == 1
        assert seen == [("s0.txt", "added"), ("empty.txt", "error"), ("s1.txt", "added")]
        assert store.query("SELECT source, error FROM ingest_errors").rows == [
            ("empty.txt", "EmptyInputError")
        ]


def test_an_interrupted_batch_keeps_what_was_committed(tmp_path, pipeline):
    path = tmp_path / "f.duckdb"

    def stream():
        yield from docs()[:2]
        raise KeyboardInterrupt

    with Store(path) as store, pytest.raises(KeyboardInterrupt):
        store.ingest(pipeline, stream())
    with Store(path, read_only=True) as store:
        assert store.count_documents() == 2


def test_a_failed_write_rolls_back_the_whole_document(tmp_path, pipeline, monkeypatch):
    from factwire.store import store as store_module

    with Store(tmp_path / "f.duckdb") as store:
        analysis = pipeline(docs()[0])

        def broken_rows(_analysis):
            raise RuntimeError("disk full")

        monkeypatch.setattr(store_module, "analysis_rows", broken_rows)
        with pytest.raises(RuntimeError):
            store.add(analysis)
        assert store.count_documents() == 0


def test_read_only_store_refuses_writes_and_missing_files(tmp_path, pipeline):
    path = tmp_path / "f.duckdb"
    with pytest.raises(StoreError, match="no store here yet"):
        Store(path, read_only=True)
    with Store(path) as store:
        store.ingest(pipeline, docs())
    with Store(path, read_only=True) as store:
        with pytest.raises(StoreError, match="query failed"):
            store.query("DELETE FROM documents")
        with pytest.raises(StoreError, match="query failed"):
            store.query("SELECT * FROM no_such_table")
        assert store.count_documents() == 3


def test_a_locked_or_corrupt_file_is_a_store_error(tmp_path):
    bad = tmp_path / "not-a-db.duckdb"
    bad.write_bytes(b"this is not a duckdb file" * 100)
    with pytest.raises(StoreError, match="not a factwire store"):
        Store(bad)


def test_insert_rows_spans_several_statements_and_keeps_nulls_and_types(tmp_path):
    from datetime import date

    import duckdb

    from factwire.store.tables import ROWS_PER_STATEMENT, insert_rows

    con = duckdb.connect(str(tmp_path / "rows.duckdb"))
    con.execute("CREATE TABLE t (i BIGINT, s VARCHAR, d DATE, x DOUBLE)")
    n = 2 * ROWS_PER_STATEMENT + 50
    rows = [[i, None if i % 3 == 0 else f"s{i}", date(2025, 1, 1 + i % 28), None if i % 5 == 0 else i / 2]
            for i in range(n)]
    insert_rows(con, "INSERT INTO t", rows)
    insert_rows(con, "INSERT INTO t", [])  # nothing to do is not an error
    assert con.execute("SELECT count(*), count(s), count(x), max(i), min(d) FROM t").fetchone() == (
        n, n - len(range(0, n, 3)), n - len(range(0, n, 5)), n - 1, date(2025, 1, 1))
    assert con.execute("SELECT s, d, x FROM t WHERE i = 401").fetchone() == ("s401", date(2025, 1, 1 + 401 % 28), 200.5)
