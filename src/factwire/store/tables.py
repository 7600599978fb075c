"""Table layout of the store, derived from the record models so the two cannot drift apart.

Each list in an ``Analysis`` (entities, quantities, facts…) becomes a table with ``doc_id`` and
``idx`` (its position in the list) followed by the record's fields. A nested record (a Fact's
evidence) is flattened into prefixed columns (``evidence_start``); lists and dicts become JSON.
Entity mentions get their own table so that "every mention of X" is one SQL query.
"""

from __future__ import annotations

import json
import types
import typing
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from ..models import Analysis, Check, Entity, Event, Fact, Mention, NoveltyScore, Period, Quantity, Sentiment

_SQL_TYPES: dict[Any, str] = {
    str: "VARCHAR",
    int: "BIGINT",
    float: "DOUBLE",
    bool: "BOOLEAN",
    date: "DATE",
}


@dataclass(frozen=True)
class Column:
    name: str
    sql_type: str
    path: tuple[str, ...]  # attribute path into the record
    is_json: bool = False


@dataclass(frozen=True)
class Table:
    name: str
    model: type[BaseModel]
    columns: tuple[Column, ...]

    def ddl(self) -> str:
        cols = ", ".join(f'"{c.name}" {c.sql_type}' for c in self.columns)
        return f'CREATE TABLE IF NOT EXISTS "{self.name}" (doc_id VARCHAR NOT NULL, idx INTEGER, {cols})'

    def insert_head(self) -> str:
        names = ", ".join(["doc_id", "idx", *(f'"{c.name}"' for c in self.columns)])
        return f'INSERT INTO "{self.name}" ({names})'

    def insert_sql(self) -> str:
        marks = ", ".join("?" for _ in range(len(self.columns) + 2))
        return f"{self.insert_head()} VALUES ({marks})"

    def row(self, doc_id: str, idx: int, record: BaseModel) -> list[Any]:
        values: list[Any] = [doc_id, idx]
        for col in self.columns:
            value: Any = record
            for attr in col.path:
                value = getattr(value, attr)
            if col.is_json:
                value = json.dumps(_plain(value), ensure_ascii=False)
            values.append(value)
        return values


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _unwrap_optional(annotation: Any) -> Any:
    origin = get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return _unwrap_optional(args[0])
    return annotation


def _columns(model: type[BaseModel], prefix: tuple[str, ...] = (), skip: set[str] | None = None) -> list[Column]:
    columns: list[Column] = []
    for name, field in model.model_fields.items():
        if skip and name in skip:
            continue
        annotation = _unwrap_optional(field.annotation)
        path = (*prefix, name)
        col_name = "_".join(path)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            columns.extend(_columns(annotation, path))
        elif get_origin(annotation) is Literal:
            columns.append(Column(col_name, "VARCHAR", path))
        elif annotation in _SQL_TYPES:
            columns.append(Column(col_name, _SQL_TYPES[annotation], path))
        else:
            columns.append(Column(col_name, "JSON", path, is_json=True))
    return columns


def _table(name: str, model: type[BaseModel], skip: set[str] | None = None) -> Table:
    return Table(name, model, tuple(_columns(model, skip=skip)))


# The analysis lists stored as tables, keyed by the Analysis attribute that holds them.
ANALYSIS_TABLES: dict[str, Table] = {
    "entities": _table("entities", Entity, skip={"mentions"}),
    "quantities": _table("quantities", Quantity),
    "periods": _table("periods", Period),
    "facts": _table("facts", Fact),
    "events": _table("events", Event),
    "sentiment": _table("sentiment", Sentiment),
    "checks": _table("checks", Check),
}
MENTIONS_TABLE = _table("mentions", Mention)
NOVELTY_TABLE = _table("novelty", NoveltyScore)

DOCUMENTS_DDL = """
CREATE TABLE IF NOT EXISTS documents (
    id VARCHAR PRIMARY KEY,
    content_hash VARCHAR NOT NULL UNIQUE,
    source VARCHAR,
    url VARCHAR,
    title VARCHAR,
    published_at DATE,
    language VARCHAR,
    text VARCHAR,
    ingested_at TIMESTAMP,
    analysis JSON,
    duplicate_of VARCHAR,
    similarity DOUBLE
)"""

ERRORS_DDL = """
CREATE TABLE IF NOT EXISTS ingest_errors (
    source VARCHAR,
    line INTEGER,
    error VARCHAR,
    message VARCHAR,
    recorded_at TIMESTAMP
)"""

META_DDL = "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)"


def analysis_rows(analysis: Analysis) -> dict[Table, list[list[Any]]]:
    """Rows for every child table of one analysis."""
    doc_id = analysis.document.id
    rows: dict[Table, list[list[Any]]] = {}
    for attr, table in ANALYSIS_TABLES.items():
        records = getattr(analysis, attr)
        rows[table] = [table.row(doc_id, i, r) for i, r in enumerate(records)]
    rows[NOVELTY_TABLE] = [
        NOVELTY_TABLE.row(doc_id, i, n) for i, n in enumerate(analysis.novelty.scores if analysis.novelty else [])
    ]
    rows[MENTIONS_TABLE] = [
        MENTIONS_TABLE.row(doc_id, i, m)
        for entity in analysis.entities
        for i, m in enumerate(entity.mentions)
    ]
    return rows

SERIES_DDL = """
CREATE TABLE IF NOT EXISTS series (
    entity_id VARCHAR NOT NULL,
    series VARCHAR NOT NULL,
    date DATE NOT NULL,
    value DOUBLE NOT NULL,
    source VARCHAR,
    PRIMARY KEY (entity_id, series, date)
)"""


ROWS_PER_STATEMENT = 200


def insert_rows(con: Any, head: str, rows: list[list[Any]]) -> None:
    """Insert rows with one multi-row ``VALUES`` statement per 200 rows: DuckDB's ``executemany``
    runs one statement per row, which made the store writes of a story cost 8x its analysis."""
    if not rows:
        return
    marks = "(" + ", ".join("?" for _ in rows[0]) + ")"
    for start in range(0, len(rows), ROWS_PER_STATEMENT):
        chunk = rows[start : start + ROWS_PER_STATEMENT]
        con.execute(f"{head} VALUES " + ", ".join([marks] * len(chunk)), [v for row in chunk for v in row])
