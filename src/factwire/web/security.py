"""What guards the server: a Host allow-list (DNS rebinding), the token, body and content limits,
and headers that stop browsers from sniffing or framing our answers."""

from __future__ import annotations

import contextlib
import hmac
import ipaddress
import socket
from collections.abc import Iterable
from typing import Any

from fastapi import Header, HTTPException, Request
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from ..errors import ConfigError
from .errors import error

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
SECURITY_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"no-referrer")]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def hosts_for(bind: str, extra: Iterable[str] = ()) -> list[str]:
    """The Host names a server bound to ``bind`` answers to: loopback names, the bound address,
    and for a wildcard bind this machine's name and addresses; plus those given."""
    hosts = {*LOOPBACK_HOSTS, *extra}
    if bind in ("0.0.0.0", "::", ""):
        name = socket.gethostname()
        hosts |= {name, socket.getfqdn()}
        with contextlib.suppress(OSError):
            hosts |= {info[4][0] for info in socket.getaddrinfo(name, None)}
    else:
        hosts.add(bind)
    return sorted(h for h in hosts if h)


def check_token(token: str | None) -> str | None:
    if token is not None and not token.strip():
        raise ConfigError("an empty token protects nothing: give a real one, or none on loopback")
    return token


class Guard:
    """Pure ASGI: refuses a Host header outside the allow-list (a page on another site that
    resolves its name to 127.0.0.1 sends its own name) and adds the security headers."""

    def __init__(self, app: ASGIApp, allowed_hosts: Iterable[str]) -> None:
        self.app = app
        self.allowed = {h.lower().strip("[]") for h in allowed_hosts}
        self.any = "*" in self.allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        if not self.any:
            host = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"host"), "")
            name = _host_name(host)
            if name not in self.allowed:
                shown = host if len(host) <= 100 else host[:100] + "..."
                response = error(400, f"Host header {shown!r} is not allowed here (serve --allowed-host)")
                await response(scope, receive, send)
                return

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class Admission:
    """Pure ASGI: ``POST /api/analyze`` while the analysis pool is full is refused before its
    body is read or parsed, so refusing a burst costs the server next to nothing."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST" and scope["path"] == "/api/analyze":
            pool = scope["app"].state.pool
            if pool.full:
                retry = str(1 + pool.in_flight // pool.workers)
                response = error(503, f"the analysis pool is full ({pool.workers} running, "
                                      f"{pool.capacity - pool.workers} waiting): try again shortly",
                                 "BusyError", headers={"Retry-After": retry})
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _host_name(host: str) -> str:
    host = host.strip().lower()
    if host.startswith("["):  # [::1]:8000
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class BodyLimit(BaseHTTPMiddleware):
    """413 for bodies over the limit, whether declared (Content-Length) or streamed."""

    def __init__(self, app: Any, max_body: int) -> None:
        super().__init__(app)
        self.max_body = max_body

    async def dispatch(self, request: Request, call_next: Any) -> Any:
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body:
            return error(413, f"request body of {int(declared):,} bytes is over the limit of {self.max_body:,}")
        if request.method in ("POST", "PUT", "PATCH") and declared is None:
            body = bytearray()
            async for chunk in request.stream():
                body += chunk
                if len(body) > self.max_body:
                    return error(413, f"request body is over the limit of {self.max_body:,} bytes")
            request._body = bytes(body)  # read once, kept for the endpoint
        return await call_next(request)


def require_token(request: Request, authorization: str | None = Header(default=None)) -> None:
    """Writes, analyses and SQL need the token when the server has one (always, beyond loopback)."""
    token = request.app.state.token
    # compare_digest: the time taken does not tell how much of a guessed token was right
    if token is not None and not hmac.compare_digest((authorization or "").encode(), f"Bearer {token}".encode()):
        raise HTTPException(401, "this endpoint needs 'Authorization: Bearer <token>'")
