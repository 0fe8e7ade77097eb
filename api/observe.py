"""The outermost layer of every request: its id, its log line, its metrics, the body-size check
and the catch-all for errors nothing else mapped.

A plain ASGI middleware (not `BaseHTTPMiddleware`, which buffers and breaks context variables).
The request id comes from a well-formed `X-Request-ID` header or is made here, is set for the
whole request (`api.logs.REQUEST_ID`) and returned in `X-Request-ID`. A body announced longer
than `MOCKINT_MAX_BODY_BYTES` is refused before a byte of it is read; a body that turns out
longer while streaming stops at the limit with an HTTP 413 that the error table renders (FastAPI's
own `max_body_size` answers in plain text, outside the error contract). An exception that escapes
everything becomes the JSON error body with status 500, logged once with its traceback.
"""

from __future__ import annotations

import logging
import re
import time
import uuid

from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import body_too_large, error_response
from api.logs import REQUEST_ID
from api.metrics import Metrics

log = logging.getLogger("mockint.http")
_GOOD_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
ANSWER_ROUTE = "/v1/sessions/{session_id}/answers"


def _content_length(headers: Headers) -> int | None:
    try:
        return int(headers.get("content-length", ""))
    except ValueError:
        return None


class RequestContext:
    def __init__(self, app: ASGIApp, *, metrics: Metrics, max_body_bytes: int) -> None:
        self.app = app
        self.metrics = metrics
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        given = headers.get("x-request-id", "")
        request_id = given if _GOOD_ID.match(given) else uuid.uuid4().hex
        token = REQUEST_ID.set(request_id)
        started = time.perf_counter()
        status = 500
        sent = False

        async def send_with_id(message: Message) -> None:
            nonlocal status, sent
            if message["type"] == "http.response.start":
                status, sent = message["status"], True
                MutableHeaders(scope=message)["X-Request-ID"] = request_id
            await send(message)

        received = 0

        async def receive_within_limit() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    raise HTTPException(413)  # FastAPI re-raises it; errors.py renders it
            return message

        try:
            length = _content_length(headers)
            if length is not None and length > self.max_body_bytes:
                await body_too_large(self.max_body_bytes)(scope, receive, send_with_id)
            else:
                await self.app(scope, receive_within_limit, send_with_id)
        except Exception:
            log.exception("unhandled error")
            if sent:
                raise
            response = error_response(500, "internal_error", "an unexpected error; quote "
                                      f"request id {request_id} when reporting it")
            await response(scope, receive, send_with_id)
        finally:
            self._record(scope, status, time.perf_counter() - started)
            REQUEST_ID.reset(token)

    def _record(self, scope: Scope, status: int, seconds: float) -> None:
        route = getattr(scope.get("route"), "path", None) or "unmatched"
        method = scope.get("method", "")
        self.metrics.requests.labels(method, route, str(status)).inc()
        self.metrics.request_seconds.labels(method, route).observe(seconds)
        if route == ANSWER_ROUTE and method == "POST":
            self.metrics.answer_seconds.observe(seconds)
        client = scope.get("client")
        log.info("request", extra={
            "method": method, "route": route, "path": scope.get("path", ""), "status": status,
            "duration_ms": round(seconds * 1000, 1), "client": client[0] if client else None,
        })
