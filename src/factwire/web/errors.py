"""Every error answer, in one place: its JSON shape and the status that follows from its class."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import (
    AnalysisError,
    BusyError,
    FactwireError,
    InputError,
    NotFoundError,
    ParameterError,
    StoreError,
)

# The first class in this list that an error is an instance of gives its status.
STATUS: list[tuple[type[FactwireError], int]] = [
    (NotFoundError, 404),
    (ParameterError, 422),
    (InputError, 422),
    (AnalysisError, 422),
    (BusyError, 503),
    (StoreError, 503),
    (FactwireError, 500),  # configuration, vocabulary or component failures: ours, not the caller's
]


class ErrorBody(BaseModel):
    status: int
    message: str = Field(description="What was wrong, naming the parameter or input.")
    kind: str | None = Field(default=None, description="factwire's error class, e.g. NotFoundError.")


class ErrorOut(BaseModel):
    """Every 4xx and 5xx answer has this shape."""

    error: ErrorBody


WHY = {400: "Malformed JSON or a bad value", 401: "Missing or wrong token", 404: "No such entity or document",
       413: "Request body over the limit", 415: "Body is not JSON", 422: "A parameter or field out of its rules",
       503: "Busy (see Retry-After) or the store is unavailable"}


def responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the error answers a route can give."""
    return {code: {"model": ErrorOut, "description": WHY[code]} for code in codes}


def error(status: int, message: str, kind: str | None = None, headers: dict[str, str] | None = None) -> JSONResponse:
    body: dict[str, Any] = {"status": status, "message": message}
    if kind:
        body["kind"] = kind
    return JSONResponse({"error": body}, status_code=status, headers=headers)


def status_of(exc: FactwireError) -> int:
    return next(code for cls, code in STATUS if isinstance(exc, cls))


def install(app: FastAPI) -> None:
    @app.exception_handler(FactwireError)
    async def factwire_error(_request: Request, exc: FactwireError) -> JSONResponse:
        headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, BusyError) else None
        if isinstance(exc, StoreError) and not isinstance(exc, BusyError):
            headers = {"Retry-After": "5"}
        return error(status_of(exc), str(exc), type(exc).__name__, headers)

    # Starlette's base class: FastAPI raises it itself for bodies it cannot decode, 404s and 405s
    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return error(exc.status_code, str(exc.detail), headers=dict(exc.headers or {}))  # e.g. Allow on a 405

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p != "body")
            problems.append(f"{where or 'body'}: {err.get('msg')}")
        status = 400 if any(err.get("type") == "json_invalid" for err in exc.errors()) else 422
        return error(status, "; ".join(problems))
