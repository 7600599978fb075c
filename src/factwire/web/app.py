"""The HTTP API and the dashboard, one FastAPI app over the same library functions as the CLI.

Reads are open; writes (``POST /api/ingest``) need ``Authorization: Bearer <token>`` when a
token is configured. Bodies over ``max_body`` bytes are refused with 413 before they are read
whole. Every error is JSON: ``{"error": {"status": ..., "message": ...}}``. Query parameters are
bound, never pasted into SQL.
"""

from __future__ import annotations

import hmac
import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import pandas as pd
from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.base import BaseHTTPMiddleware

from .. import analytics
from ..errors import FactwireError, StoreError
from ..models import Document
from ..pipeline import Pipeline, build_pipeline
from ..sentiment.targets import add_targets
from ..store import Store
from ..verify.conflicts import find_conflicts

DEFAULT_MAX_BODY = 2 * 1024 * 1024
MAX_PAGE = 500
STATIC = Path(str(resources.files("factwire") / "web" / "static"))


class ErrorBody(BaseModel):
    status: int
    message: str = Field(description="What was wrong, naming the parameter or input.")


class ErrorOut(BaseModel):
    """Every 4xx answer has this shape."""

    error: ErrorBody


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the 4xx answers a route can give."""
    why = {400: "Malformed JSON or a bad value", 401: "Missing or wrong token", 404: "No such entity or document",
           413: "Request body over the limit", 422: "A parameter or field out of its rules"}
    return {code: {"model": ErrorOut, "description": why[code]} for code in codes}


def _iso_date_only(value: Any) -> Any:
    # lax parsing would take the number 0 as 1970-01-01
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    raise ValueError("must be an ISO date string such as 2025-11-19")


IsoDate = Annotated[date, BeforeValidator(_iso_date_only), Field(description="ISO date, e.g. 2025-11-19")]


class DocumentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="The story's text.")
    title: str | None = None
    url: str | None = None
    published_at: IsoDate | None = None


class AnalyzeIn(DocumentIn):
    targets: list[str] = Field(
        default_factory=list, max_length=50,
        description="Names to score sentiment toward: companies, products or topics (scope 'target').",
    )


class IngestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    documents: list[DocumentIn] = Field(min_length=1, max_length=1000)


class BodyLimit(BaseHTTPMiddleware):
    """413 for bodies over the limit, whether declared (Content-Length) or streamed."""

    def __init__(self, app: Any, max_body: int) -> None:
        super().__init__(app)
        self.max_body = max_body

    async def dispatch(self, request: Request, call_next: Any) -> Any:
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body:
            return _error(413, f"request body of {int(declared):,} bytes is over the limit of {self.max_body:,}")
        if request.method in ("POST", "PUT", "PATCH") and declared is None:
            body = bytearray()
            async for chunk in request.stream():
                body += chunk
                if len(body) > self.max_body:
                    return _error(413, f"request body is over the limit of {self.max_body:,} bytes")
            request._body = bytes(body)  # read once, kept for the endpoint
        return await call_next(request)


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """DataFrame rows as JSON-safe dicts (dates as ISO strings, NaN as null)."""
    return json.loads(df.to_json(orient="records", date_format="iso")) if not df.empty else []


def _page(items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    return {"items": items[offset : offset + limit], "total": len(items), "limit": limit, "offset": offset}


def create_app(
    db: str | Path,
    *,
    token: str | None = None,
    max_body: int = DEFAULT_MAX_BODY,
    pipeline: Pipeline | None = None,
    fire_ice: analytics.FireIceSettings | None = None,
) -> FastAPI:
    store = Store(db)
    settings = fire_ice or analytics.load_settings()
    lock = threading.Lock()  # one DuckDB connection, used by one request at a time
    nlp = pipeline or build_pipeline()
    app = FastAPI(
        title="factwire",
        version="0.1.0",
        description="Corporate and financial news as verified, structured, queryable facts.",
        responses=_errors(400, 413, 422),
    )
    app.add_middleware(BodyLimit, max_body=max_body)
    app.state.store = store

    @contextmanager
    def db_access() -> Iterator[Store]:
        with lock:
            yield store

    def entity_id(name: str) -> str:
        with db_access() as s:
            try:
                return analytics.resolve_entity(s, name)
            except StoreError as exc:
                raise HTTPException(404, f"no entity named {name!r}") from exc

    def require_token(authorization: str | None = Header(default=None)) -> None:
        # compare_digest: the time taken does not tell how much of a guessed token was right
        if token is not None and not hmac.compare_digest((authorization or "").encode(), f"Bearer {token}".encode()):
            raise HTTPException(401, "this endpoint needs 'Authorization: Bearer <token>'")

    # Starlette's base class: FastAPI raises it itself for bodies it cannot decode, 404s and 405s
    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        response = _error(exc.status_code, str(exc.detail))
        response.headers.update(exc.headers or {})  # e.g. Allow on a 405
        return response

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p != "body")
            problems.append(f"{where or 'body'}: {err.get('msg')}")
        status = 400 if any(err.get("type") == "json_invalid" for err in exc.errors()) else 422
        return _error(status, "; ".join(problems))

    @app.exception_handler(FactwireError)
    async def factwire_error(_request: Request, exc: FactwireError) -> JSONResponse:
        return _error(400, str(exc))

    @app.get("/api/health")
    def health() -> dict[str, Any]:
        with db_access() as s:
            return {"status": "ok", "documents": s.count_documents()}

    @app.post("/api/analyze")
    def analyze(doc: AnalyzeIn) -> dict[str, Any]:
        """Analyse one posted document; nothing is stored."""
        document = Document.from_text(
            doc.text, source="api", title=doc.title, url=doc.url, published_at=doc.published_at
        )
        return add_targets(nlp(document), doc.targets, nlp).model_dump(mode="json")

    @app.post("/api/ingest", dependencies=[Depends(require_token)], responses=_errors(401))
    def ingest(body: IngestIn) -> dict[str, Any]:
        docs = [
            Document.from_text(d.text, source="api", title=d.title, url=d.url, published_at=d.published_at)
            for d in body.documents
        ]
        with db_access() as s:
            report = s.ingest(nlp, docs)
        return {
            "added": report.added,
            "duplicates": report.duplicates,
            "reprints": report.reprints,
            "errors": [str(e) for e in report.errors],
        }

    @app.get("/api/entities")
    def entities(
        q: str | None = Query(default=None, max_length=200),
        type: str | None = Query(default=None),
        unknown: bool = False,
        limit: int = Query(default=50, ge=1, le=MAX_PAGE),
        offset: int = Query(default=0, ge=0),
    ) -> dict[str, Any]:
        with db_access() as s:
            page, total = s.entity_table(unknown_only=unknown, entity_type=type, contains=q, limit=limit, offset=offset)
        return {"items": page.records(), "total": total, "limit": limit, "offset": offset}

    @app.get("/api/entities/{name}", responses=_errors(404))
    def entity(name: str) -> dict[str, Any]:
        eid = entity_id(name)
        with db_access() as s:
            info = s.find_entities(eid).records()[0]
            view = analytics.fire_and_ice(s, eid, settings=settings)
        return {**info, "fire_and_ice": _view(view)}

    @app.get("/api/entities/{name}/facts", responses=_errors(404))
    def facts(
        name: str,
        metric: str | None = None,
        period: str | None = None,
        limit: int = Query(default=100, ge=1, le=MAX_PAGE),
        offset: int = Query(default=0, ge=0),
    ) -> dict[str, Any]:
        eid = entity_id(name)
        with db_access() as s:
            rows = s.query(
                """
                SELECT f.entity_id, f.metric, f.value, f.value_max, f.unit, f.qualifier, f.period, f.segment,
                       d.id AS doc_id, d.title, d.published_at, f.evidence_start, f.evidence_end, f.evidence_text
                FROM facts f JOIN documents d ON d.id = f.doc_id
                WHERE (f.entity_id = $1 OR f.entity_id IN (SELECT DISTINCT id FROM entities WHERE parent = $1))
                  AND ($2 IS NULL OR f.metric = $2) AND ($3 IS NULL OR f.period = $3)
                ORDER BY f.period, f.metric, d.published_at
                """,
                [eid, metric, period],
            ).records()
        return _page(json.loads(json.dumps(rows, default=str)), limit, offset)

    @app.get("/api/entities/{name}/events", responses=_errors(404))
    def events(
        name: str,
        type: str | None = None,
        limit: int = Query(default=200, ge=1, le=MAX_PAGE),
        offset: int = Query(default=0, ge=0),
    ) -> dict[str, Any]:
        eid = entity_id(name)
        with db_access() as s:
            df = analytics.timeline(s, eid)
        if type:
            df = df[df["type"] == type]
        return _page(_records(df), limit, offset)

    @app.get("/api/entities/{name}/series/{metric}", responses=_errors(404))
    def series(name: str, metric: str) -> dict[str, Any]:
        eid = entity_id(name)
        with db_access() as s:
            return {"entity": eid, "metric": metric, "items": _records(analytics.metric_series(s, eid, metric))}

    @app.get("/api/entities/{name}/sentiment", responses=_errors(404))
    def sentiment(name: str, freq: str = Query(default="D", pattern="^[DW]$")) -> dict[str, Any]:
        eid = entity_id(name)
        with db_access() as s:
            return {
                "entity": eid,
                "sentiment": _records(analytics.sentiment_series(s, eid, freq)),
                "events": _records(analytics.event_series(s, eid, freq)),
            }

    @app.get("/api/entities/{name}/fire-and-ice", responses=_errors(404))
    def fire_ice(name: str) -> dict[str, Any]:
        eid = entity_id(name)
        with db_access() as s:
            return _view(analytics.fire_and_ice(s, eid, settings=settings))

    @app.get("/api/peers", responses=_errors(404))
    def peers(
        metric: str = Query(max_length=200),
        period: str = Query(pattern=r"^\d{4}(-[0-9QH]{2,3})?$"),
        entities: str | None = Query(default=None, max_length=1000),
    ) -> dict[str, Any]:
        metrics = [m.strip() for m in metric.split(",") if m.strip()]
        ids = [entity_id(e.strip()) for e in entities.split(",") if e.strip()] if entities else None
        with db_access() as s:
            df = analytics.peer_table(s, metrics, period, ids)
        return {"metric": metrics, "period": period, "items": _records(df)}

    @app.get("/api/periods")
    def periods(metric: str = Query(max_length=200)) -> dict[str, Any]:
        """Periods with figures for these metrics, most companies first (for the peer picker)."""
        metrics = [m.strip() for m in metric.split(",") if m.strip()]
        with db_access() as s:
            rows = s.query(
                "SELECT period, count(DISTINCT entity_id) AS companies FROM facts WHERE list_contains(?, metric) "
                "AND period IS NOT NULL AND period NOT LIKE '%/%' GROUP BY period ORDER BY companies DESC, period DESC",
                [metrics],
            ).records()
        return {"items": rows}

    @app.get("/api/conflicts", responses=_errors(404))
    def conflicts(
        entity: str | None = None,
        limit: int = Query(default=100, ge=1, le=MAX_PAGE),
        offset: int = Query(default=0, ge=0),
    ) -> dict[str, Any]:
        ids = [entity_id(entity)] if entity else None
        with db_access() as s:
            rows = [c.as_row() for c in find_conflicts(s, ids)]
        return _page(json.loads(json.dumps(rows, default=str)), limit, offset)

    @app.get("/api/alerts")
    def alerts() -> dict[str, Any]:
        with db_access() as s:
            return {"items": [a.__dict__ for a in analytics.alerts(s, settings)]}

    @app.get("/api/documents/{doc_id}", responses=_errors(404))
    def document(doc_id: str) -> dict[str, Any]:
        with db_access() as s:
            rows = s.query(
                "SELECT id, title, url, source, published_at, language, text, duplicate_of FROM documents WHERE id = ?",
                [doc_id],
            ).records()
        if not rows:
            raise HTTPException(404, f"no document {doc_id!r}")
        return json.loads(json.dumps(rows[0], default=str))

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    def plotly_js() -> FileResponse:
        import plotly

        return FileResponse(
            Path(plotly.__file__).parent / "package_data" / "plotly.min.js", media_type="application/javascript"
        )

    return app


def _view(view: analytics.FireAndIce) -> dict[str, Any]:
    return {
        "entity": view.entity_id,
        "as_of": view.as_of,
        "fundamentals": view.fundamentals,
        "sentiment_market": view.sentiment_market,
        "gap": view.gap,
        "components": view.components,
        "alerts": [a.__dict__ for a in view.alerts],
    }
