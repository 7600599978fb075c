"""Who holds a store file: a small JSON file beside it (``factwire.duckdb.owner``), locked.

DuckDB lets one process write a file, and no other process even read it meanwhile. So that
commands on the same store queue or go through the server instead of failing on DuckDB's lock:

- ``factwire serve`` holds the lock for its lifetime and writes its URL (and token, the file
  being readable by its owner only) into the file: other commands send their work to it.
- a command that writes (``ingest``, ``import-series``) takes the lock exclusively, waiting for
  the one before it: two ingests queue.
- a command that reads takes it shared; while a writing command holds it, it says so and stops.

The lock is ``flock`` on the owner file (released by the kernel when the process ends, so a
crash leaves no stale lock). Where there is no ``flock`` (Windows), DuckDB's own lock stays,
with its error mapped to a clear message.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

from ..errors import StoreLockedError

SUFFIX = ".owner"


@dataclass
class Owner:
    pid: int
    command: str
    since: str
    url: str | None = None
    token: str | None = None

    def describe(self) -> str:
        return f"'factwire {self.command}' (pid {self.pid}, since {self.since})"


def owner_path(db: str | Path) -> Path:
    return Path(f"{db}{SUFFIX}")


class Lease:
    """The lock on a store's owner file: ``exclusive`` for a writer or the server."""

    def __init__(self, db: str | Path, *, exclusive: bool, command: str) -> None:
        self.path = owner_path(db)
        self.exclusive = exclusive
        self.command = command
        self.fd: int | None = None

    def acquire(self, *, wait: bool, on_wait: Callable[[Owner | None], None] | None = None) -> bool:
        """Take the lock; False if it is held and ``wait`` is off (see ``holder()``)."""
        if fcntl is None or str(self.path).startswith(":memory:"):
            return True
        try:
            self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return True  # a read-only folder: no coordination, DuckDB's lock still guards the file
        mode = fcntl.LOCK_EX if self.exclusive else fcntl.LOCK_SH
        try:
            fcntl.flock(self.fd, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                os.close(self.fd)
                self.fd = None
                return False
            if on_wait is not None:
                on_wait(read_owner(self.path))
            fcntl.flock(self.fd, mode)
        if self.exclusive:
            self.publish(Owner(os.getpid(), self.command, datetime.now().isoformat(timespec="seconds")))
        return True

    def publish(self, owner: Owner) -> None:
        """Say who holds the lock (and, for the server, where to reach it)."""
        if self.fd is None:
            return
        data = json.dumps(asdict(owner)).encode()
        os.ftruncate(self.fd, 0)
        os.pwrite(self.fd, data, 0)

    def release(self) -> None:
        if self.fd is None:
            return
        if self.exclusive:
            os.ftruncate(self.fd, 0)  # nobody owns it now
        os.close(self.fd)  # closing releases the flock
        self.fd = None


def read_owner(path: Path) -> Owner | None:
    try:
        data = json.loads(path.read_text("utf-8") or "null")
        return Owner(**data) if isinstance(data, dict) else None
    except (OSError, ValueError, TypeError):
        return None


def holder(db: str | Path, *, settle: float = 2.0) -> Owner | None:
    """The process that holds the store exclusively, or None when nobody does. A holder that has
    just taken the lock may not have written its name yet: wait up to ``settle`` seconds for it."""
    path = owner_path(db)
    if fcntl is None or not path.exists():
        return None
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            deadline = time.monotonic() + settle
            while True:
                owner = read_owner(path)
                if owner is not None or time.monotonic() > deadline:
                    return owner or Owner(0, "?", "?")
                time.sleep(0.05)
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


def busy(db: str | Path, owner: Owner) -> StoreLockedError:
    return StoreLockedError(
        f"{db}: being written by {owner.describe()}; try again when it finishes, "
        f"or run 'factwire serve --db {db}' to read while ingesting"
    )
