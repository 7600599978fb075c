"""The embedded DuckDB store: documents and everything found in them, queryable with SQL.

One transaction per document: a document is either fully stored or not at all, and an interrupted
batch keeps every document committed before the interruption. Re-ingesting a document whose
content hash is already stored is a no-op.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from ..errors import FactwireError, InputError, StoreError
from ..models import SCHEMA_VERSION, Analysis, Document
from ..novelty import store_index as novelty_store
from ..novelty.fingerprint import signature
from ..novelty.scoring import assess
from ..pipeline import Pipeline
from .tables import (
    ANALYSIS_TABLES,
    DOCUMENTS_DDL,
    ERRORS_DDL,
    MENTIONS_TABLE,
    META_DDL,
    NOVELTY_TABLE,
    SERIES_DDL,
    Table,
    analysis_rows,
    insert_rows,
)

DEFAULT_DB = "factwire.duckdb"


@dataclass
class IngestReport:
    added: int = 0
    duplicates: int = 0  # the same text already stored
    reprints: int = 0  # added, but a near-duplicate of a stored story
    errors: list[FactwireError] = field(default_factory=list)

    @property
    def seen(self) -> int:
        return self.added + self.duplicates + len(self.errors)


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[tuple[Any, ...]]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


class Store:
    """A DuckDB database file holding analyses. Use as a context manager, or call close()."""

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False) -> None:
        self.path = str(path)
        self.read_only = read_only
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no store here yet (run 'factwire ingest' first)")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot open store: {_first_line(exc)}") from exc
        if not read_only:
            try:
                self._create_schema()
            except duckdb.Error as exc:
                self.con.close()
                raise StoreError(f"{self.path}: cannot create tables: {_first_line(exc)}") from exc

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # -- schema ---------------------------------------------------------------------------

    def _create_schema(self) -> None:
        self.con.execute(META_DDL)
        self.con.execute(DOCUMENTS_DDL)
        self.con.execute(ERRORS_DDL)
        for table in [*ANALYSIS_TABLES.values(), MENTIONS_TABLE, NOVELTY_TABLE]:
            self.con.execute(table.ddl())
            self._add_missing_columns(table)
        for column, sql_type in (("duplicate_of", "VARCHAR"), ("similarity", "DOUBLE")):
            self.con.execute(f"ALTER TABLE documents ADD COLUMN IF NOT EXISTS {column} {sql_type}")
        for ddl in novelty_store.DDL:
            self.con.execute(ddl)
        self.con.execute(SERIES_DDL)
        self.con.execute(
            "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION]
        )

    def _add_missing_columns(self, table: Table) -> None:
        """Columns added to a record since the store was made are added to its table."""
        have = {
            row[0]
            for row in self.con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ?",
                [table.name],
            ).fetchall()
        }
        for col in table.columns:
            if col.name not in have:
                self.con.execute(f'ALTER TABLE "{table.name}" ADD COLUMN "{col.name}" {col.sql_type}')

    # -- writing --------------------------------------------------------------------------

    def has(self, content_hash: str) -> bool:
        row = self.con.execute(
            "SELECT 1 FROM documents WHERE content_hash = ?", [content_hash]
        ).fetchone()
        return row is not None

    def add(self, analysis: Analysis) -> bool:
        """Store one analysis in its own transaction. False if the document was already stored.

        Its novelty is assessed against the stories already in the store (reprints found, each
        event's novelty scored), replacing what the pipeline found within its own run."""
        doc = analysis.document
        try:
            self.con.execute("BEGIN TRANSACTION")
            if self.has(doc.content_hash):
                self.con.execute("ROLLBACK")
                return False
            sig = signature(doc.text)
            analysis.novelty = assess(analysis, novelty_store.StoreIndex(self), sig)
            self.con.execute(
                "INSERT INTO documents (id, content_hash, source, url, title, published_at, language, text, "
                "ingested_at, analysis, duplicate_of, similarity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    doc.id,
                    doc.content_hash,
                    doc.source,
                    doc.url,
                    doc.title,
                    doc.published_at,
                    doc.language,
                    doc.text,
                    datetime.now(),
                    analysis.model_dump_json(exclude={"document": {"text"}}),
                    analysis.novelty.duplicate_of,
                    analysis.novelty.similarity,
                ],
            )
            novelty_store.write(self, analysis, sig)
            for table, rows in analysis_rows(analysis).items():
                insert_rows(self.con, table.insert_head(), rows)
            self.con.execute("COMMIT")
        except duckdb.Error as exc:
            self._rollback()
            raise StoreError(f"{self.path}: cannot store {doc.source}: {_first_line(exc)}") from exc
        except BaseException:
            self._rollback()  # KeyboardInterrupt included: never leave half a document
            raise
        return True

    def record_error(self, error: FactwireError, source: str) -> None:
        line = error.line if isinstance(error, InputError) else None
        self.con.execute(
            "INSERT INTO ingest_errors VALUES (?, ?, ?, ?, ?)",
            [source, line, type(error).__name__, str(error), datetime.now()],
        )

    def _rollback(self) -> None:
        with contextlib.suppress(duckdb.Error):  # no transaction was open
            self.con.execute("ROLLBACK")

    def ingest(
        self,
        pipeline: Pipeline,
        documents: Iterable[Document | FactwireError],
        on_item: Callable[[str, str], None] | None = None,
    ) -> IngestReport:
        """Analyse and store a stream of documents (or read errors), one transaction each.

        A document already stored (same content hash) is not analysed again. Bad documents are
        recorded in ``ingest_errors`` and reported; the batch goes on. ``on_item(source, outcome)``
        is called after each item with outcome 'added', 'duplicate' or 'error'.
        """
        report = IngestReport()
        for item in documents:
            if isinstance(item, Document):
                source = item.source
                if self.has(item.content_hash):
                    report.duplicates += 1
                    outcome = "duplicate"
                else:
                    try:
                        analysis = pipeline(item)
                        added = self.add(analysis)
                    except FactwireError as exc:
                        self.record_error(exc, source)
                        report.errors.append(exc)
                        outcome = "error"
                    else:
                        report.added += added
                        report.duplicates += not added
                        reprint = added and analysis.novelty is not None and analysis.novelty.duplicate_of
                        report.reprints += bool(reprint)
                        outcome = "added" if added else "duplicate"
            else:
                source = getattr(item, "source", "?")
                self.record_error(item, source)
                report.errors.append(item)
                outcome = "error"
            if on_item is not None:
                on_item(source, outcome)
        return report

    # -- reading --------------------------------------------------------------------------

    def query(self, sql: str, params: Sequence[Any] | None = None) -> QueryResult:
        try:
            cursor = self.con.execute(sql, list(params or []))
            columns = [d[0] for d in cursor.description] if cursor.description else []
            rows = cursor.fetchall() if cursor.description else []
        except duckdb.Error as exc:
            raise StoreError(f"query failed: {_first_line(exc)}") from exc
        return QueryResult(columns, rows)

    def count_documents(self) -> int:
        return self.query("SELECT count(*) FROM documents").rows[0][0]

    def entity_table(
        self,
        *,
        unknown_only: bool = False,
        entity_type: str | None = None,
        contains: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[QueryResult, int]:
        """Entities across documents, most widely covered first: one page of them (``contains``:
        only those whose name or id holds this text, any case) and how many there are in all."""
        found = self.query(
            """
            SELECT e.id, any_value(e.name) AS name, any_value(e.type) AS type,
                   bool_and(e.known) AS known, count(DISTINCT e.doc_id) AS documents,
                   any_value(m.n) AS mentions, round(avg(e.relevance), 1) AS avg_relevance,
                   count(*) OVER () AS total
            FROM entities e
            LEFT JOIN (SELECT entity_id, count(*) AS n FROM mentions GROUP BY entity_id) m
                   ON m.entity_id = e.id
            WHERE (NOT $1 OR NOT e.known) AND ($2 IS NULL OR e.type = $2)
            GROUP BY e.id
            HAVING $4 IS NULL OR contains(lower(any_value(e.name)), lower($4)) OR contains(lower(e.id), lower($4))
            ORDER BY documents DESC, mentions DESC, e.id LIMIT $3 OFFSET $5
            """,
            [unknown_only, entity_type, limit, contains, offset],
        )
        if found.rows:
            total = found.rows[0][-1]
        elif offset > 0:  # a page past the end still says how many there are
            total = self.entity_table(unknown_only=unknown_only, entity_type=entity_type, contains=contains, limit=1)[1]
        else:
            total = 0
        return QueryResult(found.columns[:-1], [row[:-1] for row in found.rows]), total

    def find_entities(self, name: str) -> QueryResult:
        """Entities whose id, name or an alias matches ``name`` (case-insensitive), with counts."""
        return self.query(
            """
            SELECT entity_id AS id, any_value(name) AS name, any_value(type) AS type,
                   count(DISTINCT doc_id) AS documents, round(avg(relevance), 1) AS avg_relevance
            FROM (SELECT doc_id, id AS entity_id, name, type, relevance, aliases FROM entities)
            WHERE lower(entity_id) = lower($1) OR lower(name) = lower($1)
               OR list_contains(list_transform(json_extract_string(aliases, '$[*]'), lambda x: lower(x)), lower($1))
            GROUP BY entity_id ORDER BY documents DESC
            """,
            [name],
        )

    def entity_mentions(self, entity_id: str) -> QueryResult:
        return self.query(
            """
            SELECT d.published_at, d.title, d.source, count(*) AS mentions, any_value(e.relevance) AS relevance,
                   any_value(d.duplicate_of) AS reprint_of
            FROM mentions m JOIN documents d ON d.id = m.doc_id
            LEFT JOIN entities e ON e.doc_id = m.doc_id AND e.id = m.entity_id
            WHERE m.entity_id = ?
            GROUP BY d.id, d.published_at, d.title, d.source
            ORDER BY d.published_at NULLS LAST, d.title
            """,
            [entity_id],
        )

    def entity_facts(self, entity_id: str) -> QueryResult:
        """Facts about the entity and about its subsidiaries and products (its KB children)."""
        return self.query(
            """
            SELECT f.period, f.entity_id AS entity, f.metric, f.value, f.unit, f.qualifier, f.segment,
                   d.published_at, f.evidence_text AS evidence
            FROM facts f JOIN documents d ON d.id = f.doc_id
            WHERE f.entity_id = $1
               OR f.entity_id IN (SELECT DISTINCT id FROM entities WHERE parent = $1)
            ORDER BY f.period NULLS LAST, f.metric, d.published_at
            """,
            [entity_id],
        )

    def entity_events(self, entity_id: str) -> QueryResult:
        """Events in which the entity, or one of its subsidiaries or products, takes part."""
        return self.query(
            """
            SELECT ev.date, ev.type, ev.modality, ev.polarity, d.published_at, d.title
            FROM events ev JOIN documents d ON d.id = ev.doc_id
            WHERE list_has_any(
                json_extract_string(ev.participants, '$[*].entity_id'),
                list_append((SELECT coalesce(list(DISTINCT id), []) FROM entities WHERE parent = $1), $1))
            ORDER BY coalesce(ev.date, CAST(d.published_at AS VARCHAR)) NULLS LAST
            """,
            [entity_id],
        )

    def entity_sentiment(self, entity_id: str) -> QueryResult:
        return self.query(
            """
            SELECT d.published_at, s.score, s.label, d.title
            FROM sentiment s JOIN documents d ON d.id = s.doc_id
            WHERE s.scope = 'entity' AND s.target = ?
            ORDER BY d.published_at NULLS LAST
            """,
            [entity_id],
        )


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
