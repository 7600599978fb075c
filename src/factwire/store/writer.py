"""One thread that owns the write connection: every write is a function queued to it.

This is datasette's ``execute_write_fn``: writes are serialised by the queue, not by a lock that
readers also wait on, and readers use their own cursors (DuckDB's MVCC lets them read the last
committed state while a write is under way).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

import duckdb

T = TypeVar("T")
WriteFn = Callable[[duckdb.DuckDBPyConnection], T]


class Writer:
    def __init__(self, con: duckdb.DuckDBPyConnection, name: str) -> None:
        self.con = con
        self._queue: queue.Queue[tuple[WriteFn[Any], Future[Any]] | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name=f"factwire-writer {name}", daemon=True)
        self._thread.start()

    def submit(self, fn: WriteFn[T]) -> Future[T]:
        """Queue ``fn(con)``; the future holds what it returns or raises."""
        future: Future[T] = Future()
        self._queue.put((fn, future))
        return future

    @property
    def pending(self) -> int:
        return self._queue.qsize()

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            fn, future = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(fn(self.con))
            except BaseException as exc:  # handed to the caller, who raises it
                future.set_exception(exc)

    def close(self) -> None:
        """Finish what is queued, then stop."""
        self._queue.put(None)
        self._thread.join()
