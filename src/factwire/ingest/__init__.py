"""Stage ``ingest``: read documents from files, folders, JSON/JSONL and stdin."""

from .readers import DEFAULT_MAX_BYTES, ReadOptions, ReadResult, decode, implausible_date, read_bytes, read_paths

__all__ = ["DEFAULT_MAX_BYTES", "ReadOptions", "ReadResult", "decode", "implausible_date", "read_bytes", "read_paths"]
