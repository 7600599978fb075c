"""``factwire query`` and ``POST /api/query`` really are read-only: one SELECT on a connection
that reaches no file, no other database, no extension, and can change no setting."""

import duckdb
import pytest

from factwire.errors import ParameterError, QueryError
from factwire.store import Store
from tests.conftest import samples_store


@pytest.fixture(scope="module")
def db(tmp_path_factory, pipeline):
    return samples_store(tmp_path_factory.mktemp("ro") / "ro.duckdb", pipeline)


@pytest.fixture(params=["command", "server"])
def store(request, db):
    """The store as ``factwire query`` opens it, and as the server holds it (read-write, with a
    writer thread): the guard must hold in both."""
    opened = Store(db, read_only=True) if request.param == "command" else Store(db, writer_thread=True)
    yield opened
    opened.close()


@pytest.fixture
def other_store(tmp_path):
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE secrets AS SELECT 42 AS answer")
    con.close()
    return path


def test_reading_files_is_refused(store):
    with pytest.raises(QueryError, match="reach nothing outside the store"):
        store.user_query("SELECT * FROM read_text('/etc/shadow')")
    with pytest.raises(QueryError, match="reach nothing outside the store"):
        store.user_query("SELECT * FROM read_csv('/etc/passwd')")
    with pytest.raises(QueryError, match="/etc/hostname"):  # no replacement scan of a file either
        store.user_query("SELECT * FROM '/etc/hostname'")
    with pytest.raises(QueryError, match="reach nothing outside the store"):
        store.user_query("SELECT * FROM glob('/etc/*')")


def test_writing_files_is_refused(store, tmp_path):
    out = tmp_path / "leak.csv"
    with pytest.raises(QueryError, match="COPY statements are not allowed"):
        store.user_query(f"COPY documents TO '{out}'")
    with pytest.raises(QueryError, match="EXPORT statements are not allowed"):
        store.user_query(f"EXPORT DATABASE '{tmp_path / 'dump'}'")
    assert not out.exists() and not (tmp_path / "dump").exists()


def test_attach_is_refused_and_the_other_store_is_intact(store, other_store):
    with pytest.raises(QueryError, match="ATTACH statements are not allowed"):
        store.user_query(f"ATTACH '{other_store}' AS other")
    with pytest.raises(QueryError, match="one statement at a time"):
        store.user_query(f"ATTACH '{other_store}' AS other; DELETE FROM other.secrets")
    con = duckdb.connect(str(other_store), read_only=True)
    assert con.execute("SELECT answer FROM secrets").fetchall() == [(42,)]
    con.close()


def test_install_and_load_are_refused(store):
    for sql in ("INSTALL httpfs", "LOAD httpfs", "FORCE INSTALL httpfs"):
        with pytest.raises(QueryError, match="extensions cannot be installed or loaded"):
            store.user_query(sql)


def test_settings_and_writes_are_refused(store):
    with pytest.raises(QueryError, match="SET statements are not allowed"):
        store.user_query("SET enable_external_access = true")
    for sql in ("DELETE FROM documents", "DROP TABLE facts", "CREATE TABLE x AS SELECT 1",
                "UPDATE documents SET title = 'x'", "INSERT INTO meta VALUES ('a', 'b')", "CHECKPOINT"):
        with pytest.raises(QueryError, match="read-only"):
            store.user_query(sql)
    with pytest.raises(QueryError, match="one statement at a time"):
        store.user_query("SELECT 1; COMMIT; DELETE FROM documents")
    assert store.count_documents() == 7


def test_reads_work_with_parameters_and_mistakes_are_query_errors(store):
    result = store.user_query("SELECT count(*) AS n FROM facts WHERE entity_id = ?", ["xiaomi"])
    assert result.columns == ["n"] and result.rows[0][0] > 0
    assert store.user_query("DESCRIBE facts").rows
    with pytest.raises(QueryError, match="no_such_table"):
        store.user_query("SELECT * FROM no_such_table")
    with pytest.raises(QueryError, match="syntax error"):
        store.user_query("SELEC 1")


def test_a_slow_query_is_stopped_at_the_time_limit(store):
    with pytest.raises(QueryError, match="time limit"):
        store.user_query("SELECT count(*) FROM range(100000000000) a", time_limit=0.2)


def test_huge_integers_in_paging_name_the_parameter(store):
    with pytest.raises(ParameterError, match="offset 9223372036854775808 is out of range"):
        store.entity_table(offset=9223372036854775808)
    with pytest.raises(ParameterError, match="limit 0 is out of range"):
        store.entity_table(limit=0)
