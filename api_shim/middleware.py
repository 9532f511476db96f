"""Pure ASGI middleware, one concern each: body size, rate limits, API keys."""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api_shim.errors import STATUS_BY_CODE, error_body
from api_shim.settings import Settings
from synthdata.errors import ErrorCode

__all__ = ["ApiKeyMiddleware", "BodySizeLimitMiddleware", "RateLimitMiddleware"]


async def _send_error(
    send: Send,
    code: ErrorCode,
    detail: str,
    headers: list[tuple[bytes, bytes]] | None = None,
) -> None:
    body = error_body(detail, code)
    await send(
        {
            "type": "http.response.start",
            "status": STATUS_BY_CODE[code],
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *(headers or []),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodySizeLimitMiddleware:
    """413 PAYLOAD_TOO_LARGE once a request body passes its limit (declared or streamed).

    The limit is ``max_bytes``, except for multipart/form-data bodies sent to a path of
    ``uploads`` (path → bytes): file uploads get their own, larger limit, and only as multipart,
    so a JSON body to the same path is held to ``max_bytes`` like any other.
    """

    def __init__(self, app: ASGIApp, max_bytes: int, uploads: dict[str, int] | None = None) -> None:
        self.app, self.max_bytes, self.uploads = app, max_bytes, dict(uploads or {})

    def limit(self, scope: Scope) -> int:
        """The most bytes this request's body may have."""
        upload = self.uploads.get(str(scope.get("path", "")))
        if upload is None:
            return self.max_bytes
        content_type = dict(scope.get("headers") or []).get(b"content-type", b"")
        is_form = content_type.split(b";")[0].strip().lower() == b"multipart/form-data"
        return upload if is_form else self.max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        max_bytes = self.limit(scope)
        detail = f"Request body is larger than {max_bytes} bytes"
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > max_bytes:
            await _send_error(send, ErrorCode.PAYLOAD_TOO_LARGE, detail)
            return
        seen = 0
        started = False

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > max_bytes:
                    raise _TooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited, tracking_send)
        except _TooLarge:
            if not started:
                await _send_error(send, ErrorCode.PAYLOAD_TOO_LARGE, detail)


class _TooLarge(Exception):
    pass


class RateLimitMiddleware:
    """Per-client limits per minute and per hour, with X-RateLimit-* headers on every response.

    A client is its API key when it presents a valid one (verified by an earlier request), else
    its address: the socket peer, or,
    when the peer is one of ``SYNTHDATA_TRUSTED_PROXIES``, the nearest untrusted address in its
    X-Forwarded-For. Clients idle for an hour are forgotten, so the state stays bounded.
    """

    #: Clients kept at most; beyond it the longest idle are forgotten first.
    MAX_CLIENTS = 100_000
    SWEEP_SECONDS = 60.0

    def __init__(self, app: ASGIApp, settings: Settings, clock: Callable[[], float] = time.time):
        self.app, self.settings, self.clock = app, settings, clock
        # Insertion order is last-use order (a client moves to the end on every request).
        self.hits: dict[str, deque[float]] = {}
        self.lock = threading.Lock()
        self.swept = clock()

    def client(self, scope: Scope) -> str:
        """Who this request is counted against."""
        headers = dict(scope.get("headers") or [])
        presented = headers.get(b"x-api-key")
        if presented and self.settings.keys_required:
            # Only a key verified before counts as itself: verifying costs a key derivation,
            # which must not run before the address's budget has been checked.
            owner = self.settings.verified_owner(presented.decode("latin-1"))
            if owner is not None:
                return f"key:{owner}"
        peer = scope.get("client")
        address = peer[0] if peer else "unknown"
        forwarded = headers.get(b"x-forwarded-for")
        if forwarded and self.settings.is_trusted_proxy(address):
            hops = [h.strip() for h in forwarded.decode("latin-1").split(",") if h.strip()]
            for hop in reversed(hops):  # the right end was added by our own proxy
                address = hop
                if not self.settings.is_trusted_proxy(hop):
                    break
        return f"ip:{address}"

    def _sweep(self, now: float) -> None:
        if now - self.swept < self.SWEEP_SECONDS and len(self.hits) <= self.MAX_CLIENTS:
            return
        self.swept = now
        for name in [n for n, hits in self.hits.items() if not hits or hits[-1] <= now - 3600]:
            del self.hits[name]
        while len(self.hits) > self.MAX_CLIENTS:
            del self.hits[next(iter(self.hits))]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        minute, hour = self.settings.rate_limit_per_minute, self.settings.rate_limit_per_hour
        if scope["type"] != "http" or (minute <= 0 and hour <= 0):
            await self.app(scope, receive, send)
            return
        client = self.client(scope)
        now = self.clock()
        with self.lock:
            self._sweep(now)
            hits = self.hits.pop(client, None) or deque()
            self.hits[client] = hits
            while hits and hits[0] <= now - 3600:
                hits.popleft()
            in_minute = sum(1 for t in hits if t > now - 60)
            blocked = (minute > 0 and in_minute >= minute) or (hour > 0 and len(hits) >= hour)
            if not blocked:
                hits.append(now)
                in_minute += 1
            limit, used, window = (minute, in_minute, 60) if minute > 0 else (hour, len(hits), 3600)
            oldest = next((t for t in hits if t > now - window), now)
        reset = math.ceil(oldest + window)
        headers = [
            (b"x-ratelimit-limit", str(limit).encode()),
            (b"x-ratelimit-remaining", str(max(0, limit - used)).encode()),
            (b"x-ratelimit-reset", str(reset).encode()),
        ]
        if blocked:
            retry = str(max(1, reset - math.floor(now))).encode()
            await _send_error(
                send,
                ErrorCode.RATE_LIMITED,
                "Too many requests; slow down",
                [*headers, (b"retry-after", retry)],
            )
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], *headers]
            await send(message)

        await self.app(scope, receive, with_headers)


class ApiKeyMiddleware:
    """With keys configured, /api/v1 needs a valid X-API-Key; the key's owner id goes to state."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app, self.settings = app, settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not str(scope.get("path", "")).startswith("/api/"):
            await self.app(scope, receive, send)
            return
        scope.setdefault("state", {})
        if self.settings.keys_required:
            presented = dict(scope.get("headers") or []).get(b"x-api-key")
            key = presented.decode("latin-1") if presented else None
            owner = await run_in_threadpool(self.settings.owner_of, key)  # PBKDF2: off the loop
            if owner is None:
                detail = (
                    "A valid X-API-Key header is required"
                    if presented is None
                    else "The X-API-Key is not valid"
                )
                await _send_error(send, ErrorCode.UNAUTHORIZED, detail)
                return
            scope["state"]["owner"] = owner
        await self.app(scope, receive, send)
