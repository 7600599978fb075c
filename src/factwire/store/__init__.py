"""Stage ``store``: the embedded DuckDB database of analysed documents.

Two backends answer the same read-models (``reads.ReadModels``) and the same write calls:
``Store``, the DuckDB file, and ``RemoteStore``, a running ``factwire serve`` that owns one.
"""

from .reads import ReadModels
from .result import QueryResult
from .store import DEFAULT_DB, IngestReport, Store, ingest_into

__all__ = ["DEFAULT_DB", "IngestReport", "QueryResult", "ReadModels", "Store", "ingest_into"]
