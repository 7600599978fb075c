"""Import users' time series (prices, index levels, follower counts) from CSV or Parquet."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..store.files import read_two_columns


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
    """(date, value) rows of a CSV or Parquet file; bad rows are an InputError naming lines."""
    raw = read_two_columns(path, date_column, value_column)
    rows, bad = [], []
    for line, (d, v) in enumerate(raw, start=2):
        parsed = _parse(d, v)
        if parsed is None:
            bad.append(line)
        else:
            rows.append(parsed)
    if bad:
        raise InputError(str(path), f"rows without a valid date and number (line {', '.join(map(str, bad[:5]))})")
    return rows


def _parse(d: object, v: object) -> tuple[date, float] | None:
    """A (date, value) pair from a CSV's text or a Parquet's typed cells, or None."""
    try:
        day = d if isinstance(d, date) else date.fromisoformat(str(d).strip()[:10])
        value = float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return (day, value) if value == value else None  # NaN is not a value
