"""How a command reaches its store: through the server that owns it, or the file itself.

- ``--server URL``: through that server (its token from ``FACTWIRE_TOKEN``).
- a ``factwire serve`` holds the store (its owner file says so): through it, with its token.
- else the file, under the owner-file lock: a writing command waits for the one before it (two
  ingests queue); a reading command stops with a message naming the writer.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from ..errors import StoreLockedError
from ..store import Store
from ..store.owner import Lease, Owner, busy, holder, owner_path, read_owner
from ..store.remote import RemoteStore

Backend = Store | RemoteStore


def _served(db: str, owner: Owner) -> RemoteStore:
    deadline = time.monotonic() + 30
    while owner.url is None and time.monotonic() < deadline:  # the server is still starting
        time.sleep(0.1)
        owner = read_owner(owner_path(db)) or owner
    if owner.url is None:
        raise StoreLockedError(f"{db}: {owner.describe()} holds the store but is not listening yet")
    return RemoteStore(owner.url, owner.token, name=f"{db} (through factwire serve at {owner.url})")


@contextmanager
def open_backend(db: str, server: str | None, *, write: bool, command: str) -> Iterator[Backend]:
    if server:
        with RemoteStore(server, os.environ.get("FACTWIRE_TOKEN") or None) as remote:
            yield remote
        return
    if not write and db != ":memory:" and not Path(db).exists():
        with Store(db, read_only=True) as store:  # says: no store here yet
            yield store
        return
    while True:
        owner = holder(db)
        if owner is not None and owner.command == "serve":
            yield _served(db, owner)
            return
        lease = Lease(db, exclusive=write, command=command)
        if write:
            def waiting(o: Owner | None) -> None:
                who = o.describe() if o is not None else "another command"
                click.echo(f"factwire: {db} is in use by {who}: waiting for it to finish", err=True)

            lease.acquire(wait=True, on_wait=waiting)
        elif not lease.acquire(wait=False):
            owner = holder(db)
            if owner is not None and owner.command == "serve":
                continue  # a server took it meanwhile: go through it
            raise busy(db, owner or Owner(0, "another command", "?"))
        break
    try:
        with Store(db, read_only=not write) as store:
            yield store
    finally:
        lease.release()
