"""Opening DuckDB safely, and DuckDB's errors mapped to ours in one place.

Every connection to a store is opened with DuckDB's external access off and its configuration
locked: no file other than the store itself can be read or written through it, nothing can be
ATTACHed, INSTALLed or LOADed, and no ``SET`` can turn that back on. The store's own code never
needs more: imports and exports go through a separate in-memory connection.

``map_errors`` is to DuckDB what httpx's ``map_exceptions`` is to its transports: callers catch
our classes (``QueryError``, ``ParameterError``, ``StoreLockedError``, ``StoreError``), and the
HTTP status follows from the class.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from ..errors import NotAStoreError, ParameterError, QueryError, StoreError, StoreLockedError

# What "read-only" means for a store connection, whatever opened it.
HARDENED = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "lock_configuration": True,
}

# DuckDB opens an existing CSV/JSON/Parquet "database" as an empty in-memory one, and a new path
# with these suffixes would be a DuckDB file that looks like data: both are refused.
DATA_SUFFIXES = {".csv", ".tsv", ".txt", ".json", ".jsonl", ".ndjson", ".parquet", ".pq", ".xlsx", ".html", ".md"}
_MAGIC_AT, _MAGIC = 8, b"DUCK"


def check_path(path: str) -> None:
    """Refuse a path that is not (and cannot become) a DuckDB store file, naming what it is."""
    if path == ":memory:":
        return
    p = Path(path)
    if p.is_dir():
        raise NotAStoreError(f"{path}: is a folder, not a store file")
    if not p.exists():
        if p.suffix.lower() in DATA_SUFFIXES:
            raise NotAStoreError(
                f"{path}: a store is a DuckDB file (factwire.duckdb); a {p.suffix} name reads as a data file"
            )
        return
    try:
        with p.open("rb") as fh:
            head = fh.read(64)
    except OSError as exc:
        raise StoreError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if head[_MAGIC_AT : _MAGIC_AT + 4] != _MAGIC:
        raise NotAStoreError(f"{path}: not a factwire store ({_looks_like(p, head)}, not a DuckDB database)")


def _looks_like(p: Path, head: bytes) -> str:
    if not head:
        return "an empty file"
    if head.startswith(b"PAR1"):
        return "a Parquet file"
    if head.startswith(b"SQLite format 3"):
        return "an SQLite database"
    if head.lstrip()[:1] in (b"{", b"["):
        return "JSON"
    if p.suffix.lower() in DATA_SUFFIXES:
        return f"a {p.suffix.lstrip('.').upper()} file"
    return "some other file"


def connect(path: str, *, read_only: bool) -> duckdb.DuckDBPyConnection:
    """A hardened connection to the store file (checked first), or a StoreError saying why not."""
    check_path(path)
    with map_errors(path):
        con = duckdb.connect(path, read_only=read_only, config=dict(HARDENED))
    if path != ":memory:":
        files = [row[2] for row in con.execute("PRAGMA database_list").fetchall()]
        if not any(files):  # DuckDB fell back to an in-memory database
            con.close()
            raise NotAStoreError(f"{path}: DuckDB would not open this as a database file")
    return con


_LOCK = re.compile(r"Conflicting lock is held in (.+?) \(PID (\d+)\)")


@contextmanager
def map_errors(what: str, *, user_sql: bool = False) -> Iterator[None]:
    """DuckDB errors as ours. ``what`` names the store or the operation; ``user_sql`` marks SQL a
    person wrote (its mistakes are QueryErrors, not store failures)."""
    try:
        yield
    except duckdb.InterruptException as exc:
        raise QueryError(f"{what}: query stopped: it took longer than the time limit") from exc
    except duckdb.PermissionException as exc:
        raise QueryError(
            f"{what}: refused: queries are read-only and reach nothing outside the store (no files, "
            f"no ATTACH, no INSTALL or LOAD): {_first_line(exc)}"
        ) from exc
    except duckdb.IOException as exc:
        found = _LOCK.search(str(exc))
        if "lock" in str(exc).lower():
            holder = f" by {Path(found.group(1)).name} (pid {found.group(2)})" if found else ""
            raise StoreLockedError(
                f"{what}: the store is open{holder} in another process; if that is 'factwire serve', "
                f"run the command with --server, or stop it first"
            ) from exc
        raise StoreError(f"{what}: {_first_line(exc)}") from exc
    except (duckdb.ConversionException, duckdb.OutOfRangeException) as exc:
        raise ParameterError(f"{what}: a value is out of range: {_first_line(exc)}") from exc
    except (duckdb.ParserException, duckdb.BinderException, duckdb.CatalogException,
            duckdb.InvalidInputException, duckdb.NotImplementedException) as exc:
        if user_sql:
            raise QueryError(f"{what}: {_first_line(exc)}") from exc
        raise StoreError(f"{what}: {_first_line(exc)}") from exc
    except duckdb.Error as exc:
        raise StoreError(f"{what}: {_first_line(exc)}") from exc


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
