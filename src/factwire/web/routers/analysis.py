"""``/api/analyze``, ``/api/ingest`` and ``/api/analyses``: analysis and the writes.

Analysis runs in the worker pool, outside any store lock; each document is then written by the
store's one writer, in order. ``/api/analyses`` takes analyses made elsewhere (``factwire
ingest`` through a server analyses in its own process and sends the results here)."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from ...errors import AnalysisError, FactwireError, InputError, ParameterError
from ...ingest import implausible_date
from ...models import Analysis, Document, content_hash
from ...novelty import assess, signature
from ...sentiment.targets import add_targets
from ...store import IngestReport
from ..deps import PoolDep, StoreDep
from ..errors import responses
from ..security import require_token

router = APIRouter(prefix="/api", tags=["analysis"])


def _iso_date_only(value: Any) -> Any:
    # lax parsing would take the number 0 as 1970-01-01
    if not (isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-"):
        raise ValueError("must be an ISO date string such as 2025-11-19")
    return value


def _plausible(value: Any) -> Any:
    why = implausible_date(value) if value is not None else None
    if why:
        raise ValueError(why)
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date_only), AfterValidator(_plausible),
                    Field(description="ISO date, e.g. 2025-11-19, within 1900-01-01 to tomorrow")]


class DocumentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="The story's text (at most the server's --max-text characters).")
    title: str | None = Field(default=None, max_length=1000)
    url: str | None = Field(default=None, max_length=4000)
    published_at: IsoDate | None = None
    source: str | None = Field(default=None, max_length=1000, description="Where it came from (default 'api').")


class AnalyzeIn(DocumentIn):
    targets: list[Annotated[str, Field(max_length=200)]] = Field(
        default_factory=list, max_length=50,
        description="Names to score sentiment toward: companies, products or topics (records with scope 'target').",
    )


class IngestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    documents: list[DocumentIn] = Field(min_length=1, max_length=1000)


class ErrorIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    source: str = Field(max_length=2000)
    line: int | None = Field(default=None, ge=0, le=2**31 - 1)
    error: str = Field(max_length=100)
    message: str = Field(max_length=10_000)


class AnalysesIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    analyses: list[Analysis] = Field(default_factory=list, max_length=1000)
    errors: list[ErrorIn] = Field(default_factory=list, max_length=10_000)


def _document(d: DocumentIn, request: Request) -> Document:
    limit = request.app.state.max_text
    if len(d.text) > limit:
        raise ParameterError(f"text: {len(d.text):,} characters is over this server's limit of {limit:,} (--max-text)")
    return Document.from_text(d.text, source=d.source or "api", title=d.title, url=d.url, published_at=d.published_at)


@router.post("/analyze", dependencies=[Depends(require_token)], responses=responses(401, 413, 422, 503),
             response_model=Analysis)
async def analyze(doc: AnalyzeIn, request: Request, store: StoreDep, pool: PoolDep) -> Response:
    """Analyse one posted document; nothing is stored. Its novelty is judged against the store.
    503 with Retry-After when the analysis pool is full."""
    document = _document(doc, request)
    analysis, sig = await pool.analyse(document)

    def judged() -> bytes:  # in a thread: neither the store query nor the JSON runs in the event loop
        analysis.novelty = assess(analysis, store.novelty_index(), sig)
        add_targets(analysis, doc.targets, pool.pipeline)
        return analysis.model_dump_json().encode()

    return Response(await run_in_threadpool(judged), media_type="application/json")


def _report(report: IngestReport, items: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"added": report.added, "duplicates": report.duplicates, "reprints": report.reprints,
                           "errors": [str(e) for e in report.errors]}
    if items is not None:
        out["items"] = items
    return out


@router.post("/ingest", dependencies=[Depends(require_token)], responses=responses(401, 413, 422, 503))
async def ingest(body: IngestIn, request: Request, store: StoreDep, pool: PoolDep) -> dict[str, Any]:
    """Analyse and store documents; a bad one is reported and the rest go on."""
    report = IngestReport()
    docs: list[Document] = []
    for i, d in enumerate(body.documents):
        try:
            docs.append(_document(d, request))
        except FactwireError as exc:
            error = AnalysisError(d.source or "api", str(exc), line=i + 1)
            report.errors.append(error)
            await run_in_threadpool(store.record_error, error, error.source)
    stored = await run_in_threadpool(store.stored_hashes, [d.content_hash for d in docs])
    fresh, seen = [], set(stored)
    for d in docs:
        if d.content_hash in seen:
            report.duplicates += 1
        else:
            seen.add(d.content_hash)
            fresh.append(d)
    window = asyncio.Semaphore(pool.workers)  # this request keeps each worker busy, no more

    async def analysed(d: Document) -> tuple[Analysis, Any] | FactwireError:
        async with window:
            try:
                return await pool.analyse(d, wait=True)
            except FactwireError as exc:
                return exc

    tasks = [asyncio.ensure_future(analysed(d)) for d in fresh]
    try:
        for d, task in zip(fresh, tasks, strict=True):
            result = await task
            await _store_one(store, d, result, report)
    finally:
        for task in tasks:
            task.cancel()
    return _report(report)


async def _store_one(store: Any, d: Document, result: tuple[Analysis, Any] | Analysis | FactwireError,
                     report: IngestReport) -> str:
    if isinstance(result, FactwireError):
        error = AnalysisError(d.source, str(result))
    else:
        result, sig = result if isinstance(result, tuple) else (result, None)
        if sig is None:  # an analysis made elsewhere: its MinHash, in a thread, not in the event loop
            sig = await run_in_threadpool(signature, result.document.text)
        try:
            added = await asyncio.wrap_future(store.add_async(result, sig))
        except FactwireError as exc:
            error = AnalysisError(d.source, str(exc))
        else:
            report.added += added
            report.duplicates += not added
            report.reprints += bool(added and result.novelty and result.novelty.duplicate_of)
            return "added" if added else "duplicate"
    report.errors.append(error)
    await run_in_threadpool(store.record_error, error, d.source)
    return "error"


@router.post("/analyses", dependencies=[Depends(require_token)], responses=responses(401, 413, 422, 503))
async def analyses(body: AnalysesIn, store: StoreDep) -> dict[str, Any]:
    """Store analyses made elsewhere (by ``factwire ingest`` through this server), and read errors
    to keep in ``ingest_errors``. Novelty is judged here, against the store."""
    report = IngestReport()
    items = []
    for e in body.errors:
        error = InputError(e.source, e.message, e.line)
        await run_in_threadpool(store.record_error, error, e.source)
        report.errors.append(error)
    for analysis in body.analyses:
        doc = analysis.document
        digest = content_hash(doc.text)
        if doc.content_hash != digest or doc.id != digest[:16]:
            raise ParameterError(f"{doc.source}: document id and content_hash do not match its text")
        outcome = await _store_one(store, doc, analysis, report)
        items.append({"id": doc.id, "outcome": outcome,
                      "duplicate_of": analysis.novelty.duplicate_of if analysis.novelty else None,
                      "error": str(report.errors[-1]) if outcome == "error" else None})
    return _report(report, items)
