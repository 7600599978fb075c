"""The embedded DuckDB store: documents and everything found in them, queryable with SQL.

One transaction per document: a document is either fully stored or not at all, and an interrupted
batch keeps every document committed before the interruption. Re-ingesting a document whose
content hash is already stored is a no-op.

Writes go through one path, ``Store.write(fn)``: run at once in a command, or queued to the
writer thread in the server (``writer_thread=True``), where readers use cursors of their own.
Analysis never runs inside a write.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import numpy as np
import pandas as pd

from ..errors import FactwireError, InputError, QueryError, StoreError, naming_input
from ..models import Analysis, Document
from ..novelty.fingerprint import signature
from ..novelty.scoring import assess
from . import migrations
from .duck import connect, map_errors
from .novelty_index import StoreIndex
from .novelty_index import write as write_novelty
from .reads import ReadModels
from .result import QueryResult, from_cursor
from .tables import analysis_rows, insert_rows
from .writer import Writer

DEFAULT_DB = "factwire.duckdb"
T = TypeVar("T")

# What a query typed by a person may be: one statement that reads.
READ_STATEMENTS = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}
_REFUSED_WHY = {
    "COPY": "use 'factwire export' to write files",
    "EXPORT": "use 'factwire export' to write files",
    "ATTACH": "a query reads this store only",
    "DETACH": "a query reads this store only",
    "LOAD": "extensions cannot be installed or loaded",
    "SET": "settings are locked",
    "PRAGMA": "use SELECT * FROM duckdb_tables() or DESCRIBE instead",
}


@dataclass
class IngestReport:
    added: int = 0
    duplicates: int = 0  # the same text already stored
    reprints: int = 0  # added, but a near-duplicate of a stored story
    errors: list[FactwireError] = field(default_factory=list)  # each names its input

    @property
    def seen(self) -> int:
        return self.added + self.duplicates + len(self.errors)

    def summary(self) -> str:
        return (f"{self.added} added ({self.reprints} reprints), {self.duplicates} duplicates "
                f"(already stored), {len(self.errors)} errors")


class Store(ReadModels):
    """A DuckDB database file holding analyses. Use as a context manager, or call close()."""

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False, writer_thread: bool = False,
                 _migrating: bool = False) -> None:
        self.path = str(path)
        self.read_only = read_only
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no store here yet (run 'factwire ingest' first)")
        self.con = connect(self.path, read_only=read_only)
        try:
            version = migrations.version(self.con, self.path) if _migrating else migrations.check(self.con, self.path)
            if version is None:
                if read_only:
                    raise StoreError(f"{self.path}: an empty database, no store yet (run 'factwire ingest' first)")
                with map_errors(f"{self.path}: cannot create tables"):
                    self._transaction(migrations.create)
        except BaseException:
            self.con.close()
            raise
        self._closed = False
        self._local = threading.local()
        self._cursors: list[duckdb.DuckDBPyConnection] = []
        self._cursors_lock = threading.Lock()
        # Readers' cursors come from a connection of their own, never from the writer's: a thread
        # waiting for a connection that another thread is using holds the GIL that the other
        # needs to finish (a deadlock seen with DuckDB's Python binding).
        self._factory = self.con.cursor()
        self._factory_lock = threading.Lock()
        self._writer = Writer(self.con, self.path) if writer_thread and not read_only else None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        with self._cursors_lock:
            for cursor in [*self._cursors, self._factory]:
                with contextlib.suppress(duckdb.Error):
                    cursor.close()
            self._cursors.clear()
        self.con.close()

    @classmethod
    def migrate(cls, path: str | Path) -> list[str]:
        """Bring an older store to the current schema (``factwire migrate``)."""
        store = cls(path, _migrating=True)
        try:
            with map_errors(f"{path}: migration failed"):
                return migrations.migrate(store.con, store.path)
        finally:
            store.close()

    # -- reading ------------------------------------------------------------------------------

    def _reader(self) -> duckdb.DuckDBPyConnection:
        """This thread's cursor: the connection itself in a command, a cursor of its own per
        thread in the server (so no reader waits on the writer, or on another reader)."""
        if self._writer is None:
            return self.con
        cursor = getattr(self._local, "cursor", None)
        if cursor is None:
            cursor = self._new_cursor()
            self._local.cursor = cursor
        return cursor

    def _new_cursor(self) -> duckdb.DuckDBPyConnection:
        with self._factory_lock:
            cursor = self._factory.cursor()
        with self._cursors_lock:
            self._cursors.append(cursor)
        return cursor

    def _rows(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> QueryResult:
        with map_errors(f"{self.path}: query failed"):
            return from_cursor(self._reader().execute(sql, _params(params)))

    def _frame(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> pd.DataFrame:
        with map_errors(f"{self.path}: query failed"):
            return self._reader().execute(sql, _params(params)).df()

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> QueryResult:
        """Run SQL we wrote (read-models, tests, scripts). SQL a person typed goes to ``user_query``."""
        return self._rows(sql, params)

    def user_query(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None, *,
                   time_limit: float | None = None) -> QueryResult:
        """One read-only statement typed by a person: SELECT (or EXPLAIN), nothing else; on a
        connection that reaches no file and can change no setting; inside a transaction that is
        rolled back; stopped after ``time_limit`` seconds."""
        where = "query"
        cursor = self._new_cursor()
        try:
            with map_errors(where, user_sql=True):
                statements = cursor.extract_statements(sql)
            if len(statements) != 1:
                raise QueryError(f"{where}: one statement at a time ({len(statements)} given)")
            kind = statements[0].type
            if kind not in READ_STATEMENTS:
                name = kind.name
                why = _REFUSED_WHY.get(name, "a query only reads; 'factwire ingest' writes")
                raise QueryError(f"{where}: read-only: {name} statements are not allowed ({why})")
            timer = threading.Timer(time_limit, cursor.interrupt) if time_limit else None
            with map_errors(where, user_sql=True):
                cursor.execute("BEGIN TRANSACTION")
                try:
                    if timer is not None:
                        timer.start()
                    return from_cursor(cursor.execute(sql, _params(params)))
                finally:
                    if timer is not None:
                        timer.cancel()
                    with contextlib.suppress(duckdb.Error):
                        cursor.execute("ROLLBACK")
        finally:
            cursor.close()
            with self._cursors_lock:
                self._cursors.remove(cursor)

    def novelty_index(self) -> StoreIndex:
        """The stored stories, for judging a story that is not being stored (``/api/analyze``)."""
        return StoreIndex(lambda sql, params: self._rows(sql, params).rows)

    # -- writing ------------------------------------------------------------------------------

    def write_async(self, fn: Callable[[duckdb.DuckDBPyConnection], T]) -> Future[T]:
        """Queue a write; in a command (no writer thread) it runs now and the future is done."""
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")
        if self._writer is not None:
            return self._writer.submit(fn)
        future: Future[T] = Future()
        try:
            future.set_result(fn(self.con))
        except BaseException as exc:
            future.set_exception(exc)
        return future

    def write(self, fn: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        return self.write_async(fn).result()

    def _transaction(self, fn: Callable[[duckdb.DuckDBPyConnection], None]) -> None:
        self.con.execute("BEGIN TRANSACTION")
        try:
            fn(self.con)
            self.con.execute("COMMIT")
        except BaseException:
            _rollback(self.con)
            raise

    def add(self, analysis: Analysis, sig: np.ndarray | None = None) -> bool:
        """Store one analysis in its own transaction. False if the document was already stored.

        Its novelty is assessed against the stories already in the store (reprints found, each
        event's novelty scored), replacing what the pipeline found on its own. ``sig``: the
        story's MinHash signature, if the caller has it (computed here otherwise)."""
        return self.add_async(analysis, sig).result()

    def add_async(self, analysis: Analysis, sig: np.ndarray | None = None) -> Future[bool]:
        sig = signature(analysis.document.text) if sig is None else sig  # before the queue: not in the writer
        return self.write_async(lambda con: _store_analysis(con, analysis, self.path, sig))

    def record_error(self, error: FactwireError, source: str) -> None:
        line = error.line if isinstance(error, InputError) else None
        row = [source, line, type(error).__name__, str(error), datetime.now()]
        with map_errors(f"{self.path}: cannot record an error"):
            self.write(lambda con: con.execute("INSERT INTO ingest_errors VALUES (?, ?, ?, ?, ?)", row))

    def put_series(self, entity_id: str, series: str, rows: Sequence[tuple[date, float]], source: str) -> int:
        """Store a price, index or follower series; rows for dates already stored are replaced."""
        values = [[entity_id, series, d, v, source] for d, v in rows]

        def put(con: duckdb.DuckDBPyConnection) -> int:
            con.execute("BEGIN TRANSACTION")
            try:
                # INSERT OR REPLACE in one statement may not name a key twice: the last row wins
                unique = list({(r[0], r[1], r[2]): r for r in values}.values())
                con.execute("DELETE FROM series WHERE entity_id = ? AND series = ? AND list_contains(?, date)",
                            [entity_id, series, [r[2] for r in unique]])
                insert_rows(con, "INSERT INTO series", unique)
                con.execute("COMMIT")
            except BaseException:
                _rollback(con)
                raise
            return len(unique)

        with map_errors(f"{source}: cannot load"):
            return self.write(put)

    def ingest(
        self,
        pipeline: Callable[[Document], Analysis],
        documents: Iterable[Document | FactwireError],
        on_item: Callable[[str, str], None] | None = None,
    ) -> IngestReport:
        """Analyse and store a stream of documents (or read errors), one transaction each.

        A document already stored (same content hash) is not analysed again. Bad documents are
        recorded in ``ingest_errors`` and reported, naming their input; the batch goes on.
        ``on_item(source, outcome)`` is called after each item with outcome 'added',
        'duplicate' or 'error'."""
        return ingest_into(self, pipeline, documents, on_item)


def ingest_into(
    store: Any,
    pipeline: Callable[[Document], Analysis],
    documents: Iterable[Document | FactwireError],
    on_item: Callable[[str, str], None] | None = None,
) -> IngestReport:
    """The ingest loop over any backend with ``has``, ``add`` and ``record_error``."""
    report = IngestReport()
    for item in documents:
        if isinstance(item, Document):
            source = item.source
            if store.has(item.content_hash):
                report.duplicates += 1
                outcome = "duplicate"
            else:
                try:
                    analysis = pipeline(item)  # outside any write
                    added = store.add(analysis)
                except FactwireError as exc:
                    error = naming_input(exc, source)
                    store.record_error(error, source)
                    report.errors.append(error)
                    outcome = "error"
                else:
                    report.added += added
                    report.duplicates += not added
                    reprint = added and analysis.novelty is not None and analysis.novelty.duplicate_of
                    report.reprints += bool(reprint)
                    outcome = "added" if added else "duplicate"
        else:
            source = getattr(item, "source", "?")
            store.record_error(item, source)
            report.errors.append(item)
            outcome = "error"
        if on_item is not None:
            on_item(source, outcome)
    return report


def _store_analysis(con: duckdb.DuckDBPyConnection, analysis: Analysis, path: str, sig: np.ndarray) -> bool:
    doc = analysis.document
    try:
        con.execute("BEGIN TRANSACTION")
        if con.execute("SELECT 1 FROM documents WHERE content_hash = ?", [doc.content_hash]).fetchone():
            con.execute("ROLLBACK")
            return False
        analysis.novelty = assess(analysis, StoreIndex(lambda sql, p: con.execute(sql, p).fetchall()), sig)
        con.execute(
            "INSERT INTO documents (id, content_hash, source, url, title, published_at, language, text, "
            "ingested_at, analysis, duplicate_of, similarity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                doc.id, doc.content_hash, doc.source, doc.url, doc.title, doc.published_at, doc.language, doc.text,
                datetime.now(), analysis.model_dump_json(exclude={"document": {"text"}}),
                analysis.novelty.duplicate_of, analysis.novelty.similarity,
            ],
        )
        write_novelty(con, analysis, sig)
        for table, rows in analysis_rows(analysis).items():
            insert_rows(con, table.insert_head(), rows)
        con.execute("COMMIT")
    except duckdb.Error as exc:
        _rollback(con)
        raise StoreError(f"{path}: cannot store {doc.source}: {str(exc).strip().splitlines()[0]}") from exc
    except BaseException:
        _rollback(con)  # KeyboardInterrupt included: never leave half a document
        raise
    return True


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    with contextlib.suppress(duckdb.Error):  # no transaction was open
        con.execute("ROLLBACK")


def _params(params: Sequence[Any] | dict[str, Any] | None) -> Any:
    if params is None:
        return []
    return params if isinstance(params, dict) else list(params)
