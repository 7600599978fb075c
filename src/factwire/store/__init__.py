"""Stage ``store``: the embedded DuckDB database of analysed documents."""

from .store import DEFAULT_DB, IngestReport, QueryResult, Store

__all__ = ["DEFAULT_DB", "IngestReport", "QueryResult", "Store"]
