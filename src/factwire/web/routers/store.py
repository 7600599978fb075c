"""``/api/health``, ``/api/documents/{id}``, ``/api/query`` and ``/api/series``: the store itself."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from ...errors import NotFoundError
from ...store.remote import decode_param
from ..deps import StoreDep, ok, plain
from ..errors import responses
from ..security import require_token

router = APIRouter(prefix="/api", tags=["store"])


@router.get("/health", response_model=dict[str, Any])
def health(store: StoreDep) -> Response:
    return ok({"status": "ok", "documents": store.count_documents()})


@router.get("/documents/{doc_id}", responses=responses(404), response_model=dict[str, Any])
def document(doc_id: str, store: StoreDep) -> Response:
    found = store.document(doc_id)
    if found is None:
        raise NotFoundError(f"no document {doc_id!r}")
    return ok(plain(found))


Param = str | int | float | bool | None | list[Any] | dict[str, str]


class QueryIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sql: str = Field(min_length=1, max_length=100_000, description="One SELECT (or EXPLAIN) statement.")
    params: list[Param] | dict[str, Param] | None = Field(
        default=None, description="Bound parameters ($1 or ?; $name with an object); dates as {'$date': 'YYYY-MM-DD'}.")


class QueryOut(BaseModel):
    columns: list[str]
    types: list[str] = Field(description="DuckDB type of each column, e.g. DATE, VARCHAR[].")
    rows: list[list[Any]] = Field(description="Dates as ISO strings, BLOBs as base64.")


@router.post("/query", dependencies=[Depends(require_token)], responses=responses(401, 422, 503),
             response_model=QueryOut)
def query(body: QueryIn, request: Request, store: StoreDep) -> Response:
    """Read-only SQL, as ``factwire query``: one SELECT, no files, no ATTACH, no INSTALL/LOAD,
    stopped after the server's time limit. Needs the token when the server has one."""
    if isinstance(body.params, dict):
        params: Any = {k: decode_param(v) for k, v in body.params.items()}
    else:
        params = [decode_param(v) for v in body.params or []]
    result = store.user_query(body.sql, params, time_limit=request.app.state.query_time_limit)
    return ok(result.to_wire())


class SeriesIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    entity: str = Field(min_length=1, max_length=200)
    series: str = Field(min_length=1, max_length=100)
    source: str = Field(default="api", max_length=1000)
    rows: list[tuple[date, float]] = Field(min_length=1, max_length=1_000_000)


@router.post("/series", dependencies=[Depends(require_token)], responses=responses(401, 422, 503))
def series(body: SeriesIn, store: StoreDep) -> dict[str, Any]:
    """Store a price, index or follower series (``factwire import-series`` through a server)."""
    n = store.put_series(body.entity, body.series, body.rows, body.source)
    return {"entity": body.entity, "series": body.series, "rows": n}
