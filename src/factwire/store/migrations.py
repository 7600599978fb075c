"""The store's schema version, checked on every open, and the explicit steps between versions.

A new store is created at ``SCHEMA_VERSION``. An older store is not changed behind the user's
back: opening it says to run ``factwire migrate``, which applies each step below in order, in
one transaction. A newer store (written by a later factwire) is refused.

To change the layout (a model gains a field, a table is added): append a step, which bumps
``SCHEMA_VERSION``. ``add_model_columns`` is the step for new record fields.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb

from ..errors import NotAStoreError, SchemaVersionError
from .novelty_index import DDL as StoreIndexTables
from .tables import (
    ANALYSIS_TABLES,
    DOCUMENTS_DDL,
    ERRORS_DDL,
    MENTIONS_TABLE,
    META_DDL,
    NOVELTY_TABLE,
    SERIES_DDL,
    Table,
)

Step = Callable[[duckdb.DuckDBPyConnection], None]
_MODEL_TABLES = [*ANALYSIS_TABLES.values(), MENTIONS_TABLE, NOVELTY_TABLE]


def create(con: duckdb.DuckDBPyConnection) -> None:
    """Every table of the current layout, in an empty database."""
    con.execute(META_DDL)
    con.execute(DOCUMENTS_DDL)
    con.execute(ERRORS_DDL)
    for table in _MODEL_TABLES:
        con.execute(table.ddl())
    for ddl in StoreIndexTables:
        con.execute(ddl)
    con.execute(SERIES_DDL)
    con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])


def _missing_columns(con: duckdb.DuckDBPyConnection, table: Table) -> list[str]:
    have = {r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table.name]).fetchall()}
    return [c.name for c in table.columns if c.name not in have]


def add_model_columns(con: duckdb.DuckDBPyConnection) -> None:
    """Columns that the record models gained since the store was made, added to their tables."""
    for table in _MODEL_TABLES:
        sql_types = {c.name: c.sql_type for c in table.columns}
        for name in _missing_columns(con, table):
            con.execute(f'ALTER TABLE "{table.name}" ADD COLUMN "{name}" {sql_types[name]}')


def _v1_to_v2(con: duckdb.DuckDBPyConnection) -> None:
    """Version 1 ('1.0') added columns and tables on every open; version 2 has them all."""
    con.execute("ALTER TABLE documents ADD COLUMN IF NOT EXISTS duplicate_of VARCHAR")
    con.execute("ALTER TABLE documents ADD COLUMN IF NOT EXISTS similarity DOUBLE")
    for table in _MODEL_TABLES:
        con.execute(table.ddl())
    add_model_columns(con)
    for ddl in StoreIndexTables:
        con.execute(ddl)
    con.execute(SERIES_DDL)


# STEPS[n] takes a store from version n + 1 to version n + 2.
STEPS: list[tuple[str, Step]] = [
    ("tables and columns that version 1 added on open", _v1_to_v2),
]
SCHEMA_VERSION = len(STEPS) + 1


def version(con: duckdb.DuckDBPyConnection, path: str) -> int | None:
    """The store's schema version; None for an empty database (a new store)."""
    tables = {r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
    if not tables:
        return None
    if "meta" not in tables or "documents" not in tables:
        raise NotAStoreError(f"{path}: a DuckDB database, but not a factwire store (no meta and documents tables)")
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if row is None:
        raise NotAStoreError(f"{path}: a DuckDB database, but not a factwire store (no schema_version)")
    raw = str(row[0])
    try:
        return int(raw.split(".")[0])  # version 1 wrote '1.0'
    except ValueError as exc:
        raise NotAStoreError(f"{path}: schema_version {raw!r} is not a version number") from exc


def check(con: duckdb.DuckDBPyConnection, path: str) -> int | None:
    """The version, if this factwire can use the store as it is; else a SchemaVersionError."""
    found = version(con, path)
    if found is None:
        return found
    if found == SCHEMA_VERSION:
        missing = [f"{t.name}.{c}" for t in _MODEL_TABLES for c in _missing_columns(con, t)]
        if missing:  # a model gained a field without a step below: inserts would fail
            raise SchemaVersionError(
                f"{path}: the store lacks columns the records have ({', '.join(missing[:5])}): "
                "a step is missing in factwire/store/migrations.py"
            )
        return found
    if found > SCHEMA_VERSION:
        raise SchemaVersionError(
            f"{path}: store schema version {found} is newer than this factwire's ({SCHEMA_VERSION}): upgrade factwire"
        )
    raise SchemaVersionError(
        f"{path}: store schema version {found} is older than this factwire's ({SCHEMA_VERSION}): "
        f"run 'factwire migrate --db {path}' (back the file up first if you like)"
    )


def migrate(con: duckdb.DuckDBPyConnection, path: str) -> list[str]:
    """Apply the steps from the store's version to the current one, in one transaction; returns
    what was done (nothing for a store that is already current)."""
    found = version(con, path)
    if found is None:
        raise NotAStoreError(f"{path}: an empty database, not a factwire store: nothing to migrate")
    if found > SCHEMA_VERSION:
        check(con, path)
    done = []
    con.execute("BEGIN TRANSACTION")
    try:
        for number in range(found, SCHEMA_VERSION):
            name, step = STEPS[number - 1]
            step(con)
            done.append(f"{number} -> {number + 1}: {name}")
        con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return done
