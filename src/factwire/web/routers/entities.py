"""``/api/entities``: entities, and each entity's facts, events, series, sentiment and view."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Response

from ... import analytics
from ..deps import Offset, SettingsDep, StoreDep, limit, ok, plain, records, view
from ..errors import responses

router = APIRouter(prefix="/api/entities", tags=["entities"])


@router.get("", response_model=dict[str, Any])
def entities(
    store: StoreDep,
    q: str | None = Query(default=None, max_length=200),
    type: str | None = Query(default=None, max_length=50),
    unknown: bool = False,
    limit: int = limit(50),
    offset: Offset = 0,
) -> Response:
    page, total = store.entity_table(unknown_only=unknown, entity_type=type, contains=q, limit=limit, offset=offset)
    return ok({"items": page.records(), "total": total, "limit": limit, "offset": offset})


@router.get("/{name}", responses=responses(404), response_model=dict[str, Any])
def entity(name: str, store: StoreDep, settings: SettingsDep) -> Response:
    eid = analytics.resolve_entity(store, name)
    info = store.find_entities(eid).records()[0]
    return ok({**info, "fire_and_ice": view(analytics.fire_and_ice(store, eid, settings=settings))})


@router.get("/{name}/facts", responses=responses(404), response_model=dict[str, Any])
def facts(
    name: str,
    store: StoreDep,
    metric: str | None = Query(default=None, max_length=200),
    period: str | None = Query(default=None, max_length=50),
    limit: int = limit(100),
    offset: Offset = 0,
) -> Response:
    eid = analytics.resolve_entity(store, name)
    page, total = store.facts_page(eid, metric=metric, period=period, limit=limit, offset=offset)
    return ok({"items": plain(page.records()), "total": total, "limit": limit, "offset": offset})


@router.get("/{name}/events", responses=responses(404), response_model=dict[str, Any])
def events(
    name: str,
    store: StoreDep,
    type: str | None = Query(default=None, max_length=50),
    limit: int = limit(200),
    offset: Offset = 0,
) -> Response:
    """The entity's timeline: one row per event across stories (folded in pandas, then paged)."""
    df = analytics.timeline(store, analytics.resolve_entity(store, name))
    if type:
        df = df[df["type"] == type]
    items = records(df)
    return ok({"items": items[offset : offset + limit], "total": len(items), "limit": limit, "offset": offset})


@router.get("/{name}/series/{metric}", responses=responses(404), response_model=dict[str, Any])
def series(name: str, metric: str, store: StoreDep) -> Response:
    eid = analytics.resolve_entity(store, name)
    return ok({"entity": eid, "metric": metric, "items": records(analytics.metric_series(store, eid, metric))})


@router.get("/{name}/sentiment", responses=responses(404), response_model=dict[str, Any])
def sentiment(name: str, store: StoreDep, freq: str = Query(default="D", pattern="^[DW]$")) -> Response:
    eid = analytics.resolve_entity(store, name)
    return ok({
        "entity": eid,
        "sentiment": records(analytics.sentiment_series(store, eid, freq)),
        "events": records(analytics.event_series(store, eid, freq)),
    })


@router.get("/{name}/fire-and-ice", responses=responses(404), response_model=dict[str, Any])
def fire_ice(name: str, store: StoreDep, settings: SettingsDep) -> Response:
    return ok(view(analytics.fire_and_ice(store, analytics.resolve_entity(store, name), settings=settings)))


