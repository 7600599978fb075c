"""A store path that is not a store, and the schema version checked on open."""

import duckdb
import pytest

from factwire.errors import NotAStoreError, SchemaVersionError, StoreError
from factwire.store import Store, migrations


@pytest.mark.parametrize(("name", "content", "looks"), [
    ("facts.csv", b"a,b\n1,2\n", "a CSV file"),
    ("facts.json", b'[{"a": 1}]', "JSON"),
    ("facts.parquet", b"PAR1\x15\x04" + b"\x00" * 64, "a Parquet file"),
    ("store.duckdb", b"", "an empty file"),
])
def test_a_data_file_is_not_opened_as_an_empty_store(tmp_path, name, content, looks):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(NotAStoreError, match=looks):
        Store(path)
    assert path.read_bytes() == content  # untouched


def test_a_new_store_is_not_named_like_a_data_file(tmp_path):
    with pytest.raises(NotAStoreError, match="reads as a data file"):
        Store(tmp_path / "new.parquet")
    assert not (tmp_path / "new.parquet").exists()


def test_another_duckdb_database_is_not_a_store(tmp_path):
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE t AS SELECT 1 AS x")
    con.close()
    with pytest.raises(NotAStoreError, match="not a factwire store"):
        Store(path)


def _version_1_store(path):
    """A store as factwire's first layout left it: schema_version '1.0', no novelty columns."""
    with Store(path):
        pass
    con = duckdb.connect(str(path))
    con.execute("UPDATE meta SET value = '1.0' WHERE key = 'schema_version'")
    con.execute("ALTER TABLE documents DROP COLUMN similarity")
    con.execute("DROP TABLE series")
    con.close()


def test_an_older_store_says_to_migrate_and_migrate_brings_it_up(tmp_path):
    path = tmp_path / "old.duckdb"
    _version_1_store(path)
    for read_only in (False, True):
        with pytest.raises(SchemaVersionError, match="factwire migrate"):
            Store(path, read_only=read_only)
    done = Store.migrate(path)
    assert len(done) == migrations.SCHEMA_VERSION - 1 and done[0].startswith("1 -> 2")
    with Store(path, read_only=True) as store:
        assert store.query("SELECT value FROM meta WHERE key = 'schema_version'").rows == [
            (str(migrations.SCHEMA_VERSION),)]
        assert store.query("SELECT count(*) FROM series").rows == [(0,)]
    assert Store.migrate(path) == []  # already current


def test_a_newer_store_is_refused(tmp_path):
    path = tmp_path / "new.duckdb"
    with Store(path):
        pass
    con = duckdb.connect(str(path))
    con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(SchemaVersionError, match="newer than this factwire"):
        Store(path)


def test_a_model_field_without_a_migration_step_is_caught_on_open(tmp_path):
    path = tmp_path / "drift.duckdb"
    with Store(path):
        pass
    con = duckdb.connect(str(path))
    con.execute("ALTER TABLE facts DROP COLUMN segment")
    con.close()
    with pytest.raises(SchemaVersionError, match=r"facts\.segment"):
        Store(path)


def test_missing_read_only_store_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no store here yet"):
        Store(tmp_path / "none.duckdb", read_only=True)
