"""Every error the API returns: one table from error class to status and machine code, one handler.

The body is always `{"error": code, "detail": sentence, "field": name or null, "request_id": id}`.
Engine errors (`bot.errors`) and the API's own (below) are mapped here and nowhere else; routes
just raise. An unreachable database is 503 with `Retry-After`, never a bare 500; anything left
unmapped is caught by `api.observe` and becomes a JSON 500 carrying the request id to quote.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.logs import current_request_id
from bot.errors import (
    AnswerTooLong,
    CodeLimitReached,
    IllegalMove,
    InputError,
    InterviewError,
    InterviewFinished,
    MockintError,
    NotOverridable,
    PromptError,
    RubricError,
    RubricNotFound,
    SandboxBusy,
    SandboxError,
    SandboxUnavailable,
    TurnLimitReached,
    UnknownTrack,
)


class ApiError(Exception):
    """An error the API raises itself; `field` names the input at fault, when one is."""

    def __init__(self, detail: str, field: str | None = None) -> None:
        self.field = field
        super().__init__(detail)


class NotAuthenticated(ApiError):
    def __init__(self) -> None:
        super().__init__("no credential: send 'Authorization: Bearer <token or API key>'",
                         "Authorization")


class Forbidden(ApiError):
    def __init__(self, what: str) -> None:
        super().__init__(f"this credential does not open {what}", "Authorization")


class SessionNotFound(ApiError):
    def __init__(self) -> None:
        super().__init__("no session with this id", "session_id")


class TurnNotFound(ApiError):
    def __init__(self, n: int) -> None:
        super().__init__(f"this session has no turn {n}", "n")


class TurnNotScored(ApiError):
    def __init__(self, n: int) -> None:
        super().__init__(f"turn {n} was a command (skip, hint, ...) and has no score to "
                         "override", "n")


class TurnConflict(ApiError):
    def __init__(self) -> None:
        super().__init__("another answer was recorded for this turn first; fetch the session "
                         "and answer its current question", "text")


class IdempotencyKeyReused(ApiError):
    def __init__(self) -> None:
        super().__init__("this Idempotency-Key was already used with a different request body; "
                         "use a new key for a new answer", "Idempotency-Key")


class SessionAbandoned(ApiError):
    def __init__(self) -> None:
        super().__init__("this session was idle for longer than MOCKINT_SESSION_IDLE_MINUTES and "
                         "is closed; its transcript and report stay readable. Start a new session "
                         "to carry on", "session_id")


class WriteConflict(ApiError):
    def __init__(self, what: str) -> None:
        super().__init__(f"{what} changed while this request was saving it, too often to retry; "
                         "send the request again", None)


class RateLimited(ApiError):
    """Too many requests from one client or to one session; `retry_after` in seconds."""

    def __init__(self, what: str, setting: str, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(f"too many {what}; the limit is set by {setting}. Retry in "
                         f"{retry_after} s", None)


class Unavailable(ApiError):
    """The service cannot answer now but will soon: the database or the scoring queue."""

    def __init__(self, detail: str, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(detail, None)


class ErrorBody(BaseModel):
    """What every error response carries."""

    error: str
    detail: str
    field: str | None = None
    request_id: str | None = None


ERRORS: dict[type[Exception], tuple[int, str]] = {
    # engine errors, most specific first
    AnswerTooLong: (413, "answer_too_long"),
    UnknownTrack: (422, "unknown_track"),
    InputError: (422, "invalid_input"),
    InterviewFinished: (409, "interview_finished"),
    TurnLimitReached: (409, "turn_limit_reached"),
    CodeLimitReached: (409, "code_limit_reached"),
    SandboxBusy: (503, "sandbox_busy"),
    SandboxUnavailable: (503, "sandbox_unavailable"),
    SandboxError: (503, "sandbox_unavailable"),
    IllegalMove: (409, "illegal_move"),
    NotOverridable: (409, "turn_not_scored"),
    InterviewError: (409, "illegal_move"),
    RubricNotFound: (404, "rubric_not_found"),
    RubricError: (422, "rubric_invalid"),
    PromptError: (500, "prompt_error"),
    MockintError: (500, "engine_error"),
    # the API's own
    NotAuthenticated: (401, "not_authenticated"),
    Forbidden: (403, "forbidden"),
    SessionNotFound: (404, "session_not_found"),
    TurnNotFound: (404, "turn_not_found"),
    TurnNotScored: (409, "turn_not_scored"),
    TurnConflict: (409, "turn_conflict"),
    IdempotencyKeyReused: (409, "idempotency_key_reused"),
    SessionAbandoned: (409, "session_abandoned"),
    WriteConflict: (409, "write_conflict"),
    RateLimited: (429, "rate_limited"),
    Unavailable: (503, "unavailable"),
}
FIELD_NAMES = {"track_id": "track"}
"""Engine field names that the API spells differently."""


def status_and_code(exc: Exception) -> tuple[int, str]:
    for kind in type(exc).__mro__:
        if kind in ERRORS:
            return ERRORS[kind]
    return 500, "internal_error"


def _field(exc: Exception) -> str | None:
    if isinstance(exc, RubricNotFound):
        return "rubric_id"
    name = getattr(exc, "field", None)
    return FIELD_NAMES.get(name, name) if isinstance(name, str) else None


def error_response(status: int, code: str, detail: str, field: str | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    body = ErrorBody(error=code, detail=detail, field=field, request_id=current_request_id())
    extra = dict(headers or {})
    if status == 401:
        extra["WWW-Authenticate"] = "Bearer"
    return JSONResponse(body.model_dump(), status_code=status, headers=extra or None)


RETRY_AFTER = {"Retry-After": {"description": "Seconds to wait before retrying.",
                               "schema": {"type": "integer"}}}


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` for a route: each status documented with the error body."""
    return {s: {"model": ErrorBody, "description": _DESCRIPTIONS.get(s, "error"),
                **({"headers": RETRY_AFTER} if s in (429, 503) else {})}
            for s in statuses}


_DESCRIPTIONS = {
    401: "no credential", 403: "wrong credential", 404: "unknown id",
    409: "conflict with the interview's state", 413: "body or answer over the configured maximum",
    422: "malformed input", 429: "rate limit reached: wait Retry-After seconds",
    503: "database unreachable or scoring queue full: retry after Retry-After seconds",
}


def _retry_headers(exc: Exception) -> dict[str, str] | None:
    retry_after = getattr(exc, "retry_after", None)
    return {"Retry-After": str(retry_after)} if isinstance(retry_after, int) else None


async def _on_known(_request: Request, exc: Exception) -> JSONResponse:
    status, code = status_and_code(exc)
    return error_response(status, code, str(exc), _field(exc), _retry_headers(exc))


async def _on_database(request: Request, exc: Exception) -> JSONResponse:
    """The database refused or dropped the connection, or no pooled connection came free in
    time: the client may retry; the pool's pre-ping drops dead connections, so the service
    recovers by itself once the database is back."""
    logging.getLogger("mockint.db").warning("database unavailable: %s",
                                            type(getattr(exc, "orig", exc)).__name__)
    retry = request.app.state.settings.retry_after_seconds
    return error_response(503, "database_unavailable",
                          "the database is unreachable or busy; retry after the Retry-After "
                          "seconds", None, {"Retry-After": str(retry)})


async def _on_validation(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid request"}
    loc = [str(p) for p in first.get("loc", ()) if p not in ("body", "query", "path", "header")]
    field = ".".join(loc) or None
    detail = f"{field}: {first.get('msg')}" if field else str(first.get("msg"))
    ctx = first.get("ctx") or {}
    limits = {k: v for k, v in ctx.items() if k in ("max_length", "min_length", "ge", "le", "gt",
                                                    "lt", "expected")}
    if limits:
        detail += " (" + ", ".join(f"{k} {v}" for k, v in limits.items()) + ")"
    return error_response(422, "validation_error", detail, field)


async def _on_http(request: Request, exc: Exception) -> JSONResponse:
    """Routing and body errors. A body that is not UTF-8 JSON (FastAPI's 400) is malformed
    input like any other: 422. An over-long body is 413 naming the limit; 405 keeps `Allow`."""
    assert isinstance(exc, StarletteHTTPException)
    headers = dict(exc.headers or {})
    if exc.status_code == 400:
        return error_response(422, "validation_error", "body: not valid UTF-8 JSON", "body")
    if exc.status_code == 413:
        return body_too_large(request.app.state.settings.max_body_bytes)
    code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
    return error_response(exc.status_code, code, str(exc.detail), None, headers or None)


def body_too_large(limit: int) -> JSONResponse:
    return error_response(413, "body_too_large", f"the request body is over the limit of "
                          f"{limit:,} bytes (MOCKINT_MAX_BODY_BYTES)", "body")


def install(app: FastAPI) -> None:
    """Registers the one handler for every mapped error, validation and routing error."""
    app.add_exception_handler(MockintError, _on_known)
    app.add_exception_handler(ApiError, _on_known)
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(StarletteHTTPException, _on_http)
    for kind in (OperationalError, PoolTimeout):
        app.add_exception_handler(kind, _on_database)
    app.add_exception_handler(DBAPIError, _on_dbapi)


async def _on_dbapi(request: Request, exc: Exception) -> JSONResponse:
    """Other driver errors: a dropped connection is an outage (503); anything else is a bug."""
    assert isinstance(exc, DBAPIError)
    if exc.connection_invalidated:
        return await _on_database(request, exc)
    raise exc
