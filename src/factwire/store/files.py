"""Files in and out, through an in-memory DuckDB of their own: the store's connections reach no
file but the store, so exports and imports never open a door in them."""

from __future__ import annotations

from pathlib import Path

import duckdb

from ..errors import InputError, StoreError
from .result import QueryResult
from .tables import insert_rows

FORMATS = {"csv": "(FORMAT csv, HEADER)", "parquet": "(FORMAT parquet)", "json": "(FORMAT json)"}


def write_rows(result: QueryResult, out: Path, fmt: str) -> None:
    """Rows (with their DuckDB types) to a CSV, Parquet or JSON-lines file."""
    con = duckdb.connect()
    try:
        cols = ", ".join(f'"{c}" {t}' for c, t in zip(result.columns, result.types, strict=True))
        con.execute(f"CREATE TABLE export ({cols})")
        insert_rows(con, "INSERT INTO export", [list(r) for r in result.rows])
        out.parent.mkdir(parents=True, exist_ok=True)
        con.execute(f"COPY export TO '{_sql_path(out)}' {FORMATS[fmt]}")
    except (duckdb.Error, OSError) as exc:
        raise StoreError(f"{out}: cannot write: {str(exc).splitlines()[0]}") from exc
    finally:
        con.close()


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def read_two_columns(path: str | Path, date_column: str, value_column: str) -> list[tuple[object, object]]:
    """Two columns of a CSV (as text) or Parquet file, or an InputError naming the file."""
    path = Path(path)
    source = str(path)
    if not path.is_file():
        raise InputError(source, "no such file")
    parquet = path.suffix.lower() in (".parquet", ".pq")
    # CSV columns are read as text and converted here, so that bad cells are reported by line
    reader = "read_parquet" if parquet else "read_csv"
    args = "?" if parquet else "?, all_varchar = true, header = true"
    con = duckdb.connect()
    try:
        try:
            columns = [c[0] for c in con.execute(f"DESCRIBE SELECT * FROM {reader}({args})", [source]).fetchall()]
        except duckdb.Error as exc:
            raise InputError(
                source, f"cannot read as {'Parquet' if parquet else 'CSV'}: {str(exc).splitlines()[0]}"
            ) from exc
        for wanted in (date_column, value_column):
            if wanted not in columns:
                raise InputError(source, f"no column {wanted!r} (columns: {', '.join(columns)})")
        columns_sql = f"{_ident(date_column)}, {_ident(value_column)}"
        try:
            raw = con.execute(f"SELECT {columns_sql} FROM {reader}({args})", [source]).fetchall()
        except duckdb.Error as exc:
            raise InputError(source, f"cannot load: {str(exc).splitlines()[0]}") from exc
    finally:
        con.close()
    return raw
