"""What the routers share: the store, settings and pool on ``app.state``, and JSON helpers."""

from __future__ import annotations

import json
from typing import Annotated, Any

import pandas as pd
from fastapi import Depends, Query, Request, Response

from .. import analytics
from ..store import Store
from ..store.reads import MAX_OFFSET
from .pool import AnalysisPool

MAX_PAGE = 500


def get_store(request: Request) -> Store:
    return request.app.state.store


def get_pool(request: Request) -> AnalysisPool:
    return request.app.state.pool


def get_settings(request: Request) -> analytics.FireIceSettings:
    return request.app.state.fire_ice


StoreDep = Annotated[Store, Depends(get_store)]
PoolDep = Annotated[AnalysisPool, Depends(get_pool)]
SettingsDep = Annotated[analytics.FireIceSettings, Depends(get_settings)]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")]


def limit(default: int) -> Any:
    return Query(default=default, ge=1, le=MAX_PAGE, description=f"At most this many rows (1 to {MAX_PAGE}).")


def ok(body: Any) -> Response:
    """A JSON answer written straight from plain values: FastAPI's own encoder walks every value
    in Python, which is the server's busiest work under load."""
    return Response(json.dumps(body, default=str, ensure_ascii=False, allow_nan=False).encode(),
                    media_type="application/json")


def records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """DataFrame rows as JSON-safe dicts (dates as ISO strings, NaN as null)."""
    return json.loads(df.to_json(orient="records", date_format="iso")) if not df.empty else []


def plain(rows: Any) -> Any:
    """Rows with dates and other values JSON cannot hold as strings."""
    return json.loads(json.dumps(rows, default=str))


def view(v: analytics.FireAndIce) -> dict[str, Any]:
    return {
        "entity": v.entity_id,
        "as_of": v.as_of,
        "fundamentals": v.fundamentals,
        "sentiment_market": v.sentiment_market,
        "gap": v.gap,
        "components": v.components,
        "alerts": [a.__dict__ for a in v.alerts],
    }
