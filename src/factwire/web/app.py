"""The HTTP API and the dashboard: one FastAPI app, one router per resource, over the store.

The app owns its store: it opens it with a writer thread (every write is queued to it) and
readers on cursors of their own, so a long ingest never blocks a read for more than a
transaction. Analysis runs in a bounded worker pool. Writes, analyses and SQL need
``Authorization: Bearer <token>`` when a token is set (``factwire serve`` sets one whenever it
listens beyond loopback); the Host header must be one the server answers to. Every error is
JSON, ``{"error": {"status", "message", "kind"}}``, with its status from its class.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from .. import analytics
from ..pipeline import Pipeline
from ..store import Store
from . import errors
from .pool import AnalysisPool
from .routers import analysis, entities, market, pages, store
from .security import LOOPBACK_HOSTS, Admission, BodyLimit, Guard, check_token

DEFAULT_MAX_BODY = 2 * 1024 * 1024
DEFAULT_MAX_TEXT = 200_000  # characters per document: a long filing, not a book
DEFAULT_QUEUE = 4
DEFAULT_QUERY_TIME_LIMIT = 30.0
STATIC = pages.STATIC


def default_workers() -> int:
    """One analysis process per core but one, which is left to the server's readers."""
    return max(1, (os.cpu_count() or 2) - 1)


def create_app(
    db: str | Path,
    *,
    token: str | None = None,
    max_body: int = DEFAULT_MAX_BODY,
    pipeline: Pipeline | None = None,
    fire_ice: analytics.FireIceSettings | None = None,
    allowed_hosts: Iterable[str] = (*LOOPBACK_HOSTS, "testserver"),
    workers: int | None = None,
    queue: int = DEFAULT_QUEUE,
    max_text: int = DEFAULT_MAX_TEXT,
    query_time_limit: float = DEFAULT_QUERY_TIME_LIMIT,
    config: dict[str, Any] | None = None,
) -> FastAPI:
    """The app over the store at ``db``. ``pipeline``: analyse in threads with this pipeline
    (tests, scripts); else in ``workers`` processes, each building the pipeline from ``config``."""
    check_token(token)
    the_store = Store(db, writer_thread=True)
    pool = AnalysisPool(workers=workers or default_workers(), queue=queue, pipeline=pipeline,
                        config=config if pipeline is None else None)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        # serve's hooks: the owner file says nobody serves now; the pool and the store close.
        # An app made for tests or scripts may start and stop many times: its owner closes it.
        for hook in app.state.on_shutdown:
            hook()

    app = FastAPI(
        title="factwire",
        version="0.1.0",
        description="Corporate and financial news as verified, structured, queryable facts.",
        responses=errors.responses(400, 413, 422),
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.on_shutdown: list[Any] = []
    app.state.store = the_store
    app.state.pool = pool
    app.state.token = token
    app.state.fire_ice = fire_ice or analytics.load_settings()
    app.state.max_text = max_text
    app.state.query_time_limit = query_time_limit
    app.add_middleware(Admission)
    app.add_middleware(BodyLimit, max_body=max_body)
    app.add_middleware(Guard, allowed_hosts=list(allowed_hosts))  # outermost: the Host check first
    errors.install(app)
    for router in (store.router, analysis.router, entities.router, market.router, pages.router):
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.mount(pages.SWAGGER, StaticFiles(directory=pages.swagger_ui_path()), name="swagger-ui")
    return app


__all__ = ["DEFAULT_MAX_BODY", "create_app", "default_workers"]
