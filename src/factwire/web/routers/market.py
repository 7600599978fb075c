"""``/api/peers``, ``/api/periods``, ``/api/conflicts``, ``/api/alerts``: views across companies."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Response

from ... import analytics
from ...verify.conflicts import find_conflicts
from ..deps import Offset, SettingsDep, StoreDep, limit, ok, plain, records
from ..errors import responses

router = APIRouter(prefix="/api", tags=["market"])


@router.get("/peers", responses=responses(404), response_model=dict[str, Any])
def peers(
    store: StoreDep,
    metric: str = Query(max_length=200),
    period: str = Query(pattern=r"^\d{4}(-[0-9QH]{2,3})?$"),
    entities: str | None = Query(default=None, max_length=1000),
) -> Response:
    metrics = [m.strip() for m in metric.split(",") if m.strip()]
    ids = [analytics.resolve_entity(store, e.strip()) for e in entities.split(",") if e.strip()] if entities else None
    table = analytics.peer_table(store, metrics, period, ids)
    return ok({"metric": metrics, "period": period, "items": records(table)})


@router.get("/periods", response_model=dict[str, Any])
def periods(store: StoreDep, metric: str = Query(max_length=200)) -> Response:
    """Periods with figures for these metrics, most companies first (for the peer picker)."""
    metrics = [m.strip() for m in metric.split(",") if m.strip()]
    return ok({"items": store.periods_with_figures(metrics).records()})


@router.get("/conflicts", responses=responses(404), response_model=dict[str, Any])
def conflicts(
    store: StoreDep,
    entity: str | None = Query(default=None, max_length=200),
    limit: int = limit(100),
    offset: Offset = 0,
) -> Response:
    """Conflicts are computed (interval arithmetic over facts), so they page after computing."""
    ids = [analytics.resolve_entity(store, entity)] if entity else None
    rows = plain([c.as_row() for c in find_conflicts(store, ids)])
    return ok({"items": rows[offset : offset + limit], "total": len(rows), "limit": limit, "offset": offset})


@router.get("/alerts", response_model=dict[str, Any])
def alerts(store: StoreDep, settings: SettingsDep) -> Response:
    return ok({"items": [a.__dict__ for a in analytics.alerts(store, settings)]})
