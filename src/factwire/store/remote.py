"""A store reached through the ``factwire serve`` that owns it: the same read-models and writes
as ``Store``, sent over HTTP (``POST /api/query``, ``/api/analyses``, ``/api/series``).

The CLI uses it when a server holds the store (found from the owner file beside it) or when
``--server URL`` names one. Analysis stays in the command's own process; the server only writes.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import Any

import pandas as pd

from ..errors import (
    BusyError,
    FactwireError,
    InputError,
    NotFoundError,
    ParameterError,
    QueryError,
    ServerError,
    StoreError,
)
from ..models import Analysis, Document
from .reads import ReadModels
from .result import QueryResult
from .store import IngestReport, ingest_into

_BY_KIND: dict[str, type[FactwireError]] = {
    "NotFoundError": NotFoundError, "QueryError": QueryError, "ParameterError": ParameterError,
    "BusyError": BusyError, "InputError": InputError,
}
_BY_STATUS: dict[int, type[FactwireError]] = {404: NotFoundError, 422: ParameterError, 503: StoreError}


class RemoteStore(ReadModels):
    def __init__(self, url: str, token: str | None = None, *, name: str | None = None,
                 timeout: float = 300.0, connect_wait: float = 15.0) -> None:
        self.url = url.rstrip("/")
        self.token = token
        self.path = name or self.url
        self.timeout = timeout
        self.connect_wait = connect_wait  # a server that has just started may not listen yet

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        pass

    # -- HTTP -----------------------------------------------------------------------------------

    def _post(self, path: str, body: dict[str, Any]) -> Any:
        data = json.dumps(body, default=_json_default).encode("utf-8")
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        deadline = time.monotonic() + self.connect_wait
        busy_tries = 0
        while True:
            request = urllib.request.Request(self.url + path, data=data, headers=headers, method="POST")
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    return json.load(response)
            except urllib.error.HTTPError as err:
                retry = err.headers.get("Retry-After")
                if err.code == 503 and retry and retry.isdigit() and busy_tries < 30:
                    busy_tries += 1
                    time.sleep(min(int(retry), 5))
                    continue
                raise self._error(err) from None
            except (urllib.error.URLError, ConnectionError, TimeoutError) as err:
                if time.monotonic() < deadline:
                    time.sleep(0.2)
                    continue
                reason = getattr(err, "reason", err)
                raise ServerError(f"{self.path}: cannot reach the factwire server at {self.url}: {reason}") from err

    def _error(self, err: urllib.error.HTTPError) -> FactwireError:
        try:
            body = json.load(err)["error"]
            message, kind = body["message"], body.get("kind")
        except (ValueError, KeyError, TypeError):
            message, kind = err.reason, None
        if err.code == 401:
            return ServerError(f"{self.url}: the server needs its token (set FACTWIRE_TOKEN): {message}")
        if err.code == 413:
            return ParameterError(f"{self.url}: too large for the server (its --max-body): {message}")
        cls = _BY_KIND.get(kind or "") or _BY_STATUS.get(err.code, ServerError)
        if cls is InputError:
            return ParameterError(message)
        return cls(message)

    # -- reading ----------------------------------------------------------------------------------

    def _rows(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> QueryResult:
        body = self._post("/api/query", {"sql": sql, "params": _encode_params(params)})
        return QueryResult.from_wire(body)

    def _frame(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> pd.DataFrame:
        return self._rows(sql, params).df()

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> QueryResult:
        return self._rows(sql, params)

    def user_query(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None, *,
                   time_limit: float | None = None) -> QueryResult:
        return self._rows(sql, params)

    # -- writing ----------------------------------------------------------------------------------

    def add(self, analysis: Analysis) -> bool:
        body = self._post("/api/analyses", {"analyses": [analysis.model_dump(mode="json")]})
        item = body["items"][0]
        if analysis.novelty is not None:  # the server judged it against the store
            analysis.novelty.duplicate_of = item.get("duplicate_of")
        if item["outcome"] == "error":
            raise StoreError(item.get("error") or f"{analysis.document.source}: the server could not store it")
        return item["outcome"] == "added"

    def record_error(self, error: FactwireError, source: str) -> None:
        line = error.line if isinstance(error, InputError) else None
        self._post("/api/analyses", {"analyses": [], "errors": [
            {"source": source, "line": line, "error": type(error).__name__, "message": str(error)}]})

    def put_series(self, entity_id: str, series: str, rows: Sequence[tuple[date, float]], source: str) -> int:
        body = self._post("/api/series", {"entity": entity_id, "series": series, "source": source,
                                          "rows": [[d.isoformat(), v] for d, v in rows]})
        return int(body["rows"])

    def ingest(self, pipeline: Callable[[Document], Analysis], documents: Iterable[Document | FactwireError],
               on_item: Callable[[str, str], None] | None = None) -> IngestReport:
        return ingest_into(self, pipeline, documents, on_item)


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


def _encode_params(params: Sequence[Any] | dict[str, Any] | None) -> Any:
    """Query parameters as JSON, dates tagged so that the server binds them as dates."""
    if params is None:
        return None
    if isinstance(params, dict):
        return {k: encode_param(v) for k, v in params.items()}
    return [encode_param(v) for v in params]


def encode_param(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, list | tuple):
        return [encode_param(v) for v in value]
    return value


def decode_param(value: Any) -> Any:
    if isinstance(value, dict) and len(value) == 1:
        (tag, raw), = value.items()
        try:
            if tag == "$date":
                return date.fromisoformat(raw)
            if tag == "$datetime":
                return datetime.fromisoformat(raw)
        except (TypeError, ValueError) as exc:
            raise ParameterError(f"params: {raw!r} is not an ISO {tag[1:]}") from exc
    if isinstance(value, list):
        return [decode_param(v) for v in value]
    if isinstance(value, dict):
        raise ParameterError("params: an object is not a query parameter (only {'$date': ...})")
    return value
