"""Import users' time series (prices, index levels, follower counts) from CSV or Parquet."""

from __future__ import annotations

from pathlib import Path

import duckdb

from ..errors import InputError
from ..store import Store


def import_series(
    store: Store,
    path: str | Path,
    entity_id: str,
    series: str,
    *,
    date_column: str = "date",
    value_column: str = "value",
) -> int:
    """Load one series (``date_column``, ``value_column``) from a CSV or Parquet file into the
    ``series`` table for ``entity_id``; rows for dates already stored are replaced. Returns the
    number of rows loaded."""
    path = Path(path)
    source = str(path)
    if not path.is_file():
        raise InputError(source, "no such file")
    reader = "read_parquet" if path.suffix.lower() in (".parquet", ".pq") else "read_csv_auto"
    try:
        columns = [c[0] for c in store.con.execute(f"DESCRIBE SELECT * FROM {reader}(?)", [source]).fetchall()]
    except duckdb.Error as exc:
        raise InputError(
            source, f"cannot read as {'Parquet' if reader == 'read_parquet' else 'CSV'}: {str(exc).splitlines()[0]}"
        ) from exc
    for wanted in (date_column, value_column):
        if wanted not in columns:
            raise InputError(source, f"no column {wanted!r} (columns: {', '.join(columns)})")
    try:
        store.con.execute("BEGIN TRANSACTION")
        rows = store.con.execute(
            f"""
            SELECT TRY_CAST("{date_column}" AS DATE) AS date, TRY_CAST("{value_column}" AS DOUBLE) AS value
            FROM {reader}(?)
            """,
            [source],
        ).fetchall()
        bad = [i + 2 for i, (d, v) in enumerate(rows) if d is None or v is None]
        if bad:
            raise InputError(source, f"rows without a valid date and number (line {', '.join(map(str, bad[:5]))})")
        store.con.executemany(
            "INSERT OR REPLACE INTO series VALUES (?, ?, ?, ?, ?)",
            [[entity_id, series, d, v, source] for d, v in rows],
        )
        store.con.execute("COMMIT")
    except BaseException:
        store.con.execute("ROLLBACK")
        raise
    return len(rows)
