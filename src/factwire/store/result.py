"""Query results, and their JSON form for the HTTP API (types kept, so a result read through a
server is the same Python values and the same DataFrame as one read from the file)."""

from __future__ import annotations

import base64
import math
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

import duckdb
import pandas as pd


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[tuple[Any, ...]]
    types: list[str] = field(default_factory=list)  # DuckDB type names, e.g. DATE, VARCHAR[]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def df(self) -> pd.DataFrame:
        """As DuckDB's own ``.df()`` would give it: the rows go through an in-memory DuckDB table
        of the same column types, so dtypes do not depend on where the rows came from."""
        con = duckdb.connect()
        try:
            types = self.types or ["VARCHAR"] * len(self.columns)
            cols = ", ".join(f"{_ident(c)} {t}" for c, t in zip(self.columns, types, strict=True))
            con.execute(f"CREATE TABLE r ({cols})")
            if self.rows:
                from .tables import insert_rows

                insert_rows(con, "INSERT INTO r", [list(row) for row in self.rows])
            return con.execute("SELECT * FROM r").df()
        finally:
            con.close()

    # -- the wire form ------------------------------------------------------------------------

    def to_wire(self) -> dict[str, Any]:
        return {
            "columns": self.columns,
            "types": self.types,
            "rows": [[_encode(v) for v in row] for row in self.rows],
        }

    @classmethod
    def from_wire(cls, body: dict[str, Any]) -> QueryResult:
        types = list(body.get("types") or [])
        columns = list(body["columns"])
        decoders = [_decoder(t) for t in types] if types else [lambda v: v] * len(columns)
        rows = [tuple(dec(v) for dec, v in zip(decoders, row, strict=True)) for row in body["rows"]]
        return cls(columns, rows, types)


def from_cursor(cursor: duckdb.DuckDBPyConnection) -> QueryResult:
    if not cursor.description:
        return QueryResult([], [], [])
    columns = [d[0] for d in cursor.description]
    types = [str(d[1]) for d in cursor.description]
    return QueryResult(columns, cursor.fetchall(), types)


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)  # JSON has no NaN or infinity
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, Decimal | UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _encode(v) for k, v in value.items()}
    return str(value)


def _decoder(sql_type: str) -> Any:
    t = sql_type.upper()
    if t.endswith("[]"):
        inner = _decoder(sql_type[:-2])
        return lambda v: None if v is None else [inner(x) for x in v]
    if t == "DATE":
        return _none_or(date.fromisoformat)
    if t.startswith("TIMESTAMP"):
        return _none_or(datetime.fromisoformat)
    if t.startswith("TIME"):
        return _none_or(time.fromisoformat)
    if t == "BLOB":
        return _none_or(base64.b64decode)
    if t.startswith("DECIMAL"):
        return _none_or(Decimal)
    if t in ("DOUBLE", "FLOAT", "REAL"):
        return _none_or(float)
    if t == "UUID":
        return _none_or(UUID)
    if t == "INTERVAL":
        return _none_or(lambda s: timedelta(seconds=s))
    return lambda v: v


def _none_or(convert: Any) -> Any:
    return lambda v: None if v is None else convert(v)
