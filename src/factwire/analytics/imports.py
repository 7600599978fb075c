"""Import users' time series (prices, index levels, follower counts) from CSV or Parquet."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from ..errors import InputError


def import_series(
    store: Any,
    path: str | Path,
    entity_id: str,
    series: str,
    *,
    date_column: str = "date",
    value_column: str = "close",
) -> int:
    """Load one series (``date_column``, ``value_column``) from a CSV or Parquet file into the
    ``series`` table for ``entity_id``; rows for dates already stored are replaced. Returns the
    number of rows loaded. ``store`` is a Store or a RemoteStore: the file is read here either way."""
    rows = read_series_file(path, date_column=date_column, value_column=value_column)
    return store.put_series(entity_id, series, rows, str(path))


def read_series_file(path: str | Path, *, date_column: str = "date", value_column: str = "close"
                     ) -> list[tuple[date, float]]:
    """(date, value) rows of a CSV or Parquet file, read with an in-memory DuckDB of its own (the
    store's connections reach no file but the store); bad rows are an InputError naming lines."""
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
    rows, bad = [], []
    for line, (d, v) in enumerate(raw, start=2):
        parsed = _parse(d, v)
        if parsed is None:
            bad.append(line)
        else:
            rows.append(parsed)
    if bad:
        raise InputError(source, f"rows without a valid date and number (line {', '.join(map(str, bad[:5]))})")
    return rows


def _parse(d: object, v: object) -> tuple[date, float] | None:
    """A (date, value) pair from a CSV's text or a Parquet's typed cells, or None."""
    try:
        day = d if isinstance(d, date) else date.fromisoformat(str(d).strip()[:10])
        value = float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return (day, value) if value == value else None  # NaN is not a value


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
