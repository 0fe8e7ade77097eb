"""Dependencies, as `Annotated` aliases: handlers declare only what they need.

Those that never block (reading app state and headers, the in-memory rate limits) are `async`:
FastAPI runs a plain `def` dependency on a worker thread, and an answer's eight such hops, each a
thread handoff under the GIL, cost more than the work they did. Those that touch the database stay
plain functions, off the event loop.

Credentials come as `Authorization: Bearer <key or token>`; a candidate may send its token as
`X-Candidate-Token` instead. No credential gives 401; a credential that does not open the resource
gives 403.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Path, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine
from sqlmodel import Session

from api import store
from api.auth import Principal, identify, same_token, token_hash
from api.errors import Forbidden, NotAuthenticated, RateLimited
from api.ratelimit import RateLimits
from api.rubrics import RubricCatalog
from api.runtime import Runtime
from api.tables import SessionRow
from bot.errors import InputError
from bot.settings import Settings

bearer = HTTPBearer(auto_error=False, description="A reviewer or admin API key, or a session's "
                    "candidate token.")
candidate_header = APIKeyHeader(name="X-Candidate-Token", auto_error=False,
                                description="A session's candidate token (alternative header).")


async def single_query_values(request: Request) -> None:
    """Every query parameter of this API takes one value: a repeated one (`?topic=a&topic=b`)
    would be read as its last and silently drop the others, so it is refused, naming it.

    Raises: InputError naming the parameter."""
    counts = Counter(name for name, _ in request.query_params.multi_items())
    for name, count in counts.items():
        if count > 1:
            raise InputError(name, f"{name} is given {count} times; give it at most once")


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


async def get_catalog(request: Request) -> RubricCatalog:
    catalog: RubricCatalog = request.app.state.catalog
    return catalog


def get_engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def get_db(request: Request) -> Iterator[Session]:
    with Session(get_engine(request), expire_on_commit=False) as db:
        yield db


SettingsDep = Annotated[Settings, Depends(get_settings)]
RuntimeDep = Annotated[Runtime, Depends(get_runtime)]
CatalogDep = Annotated[RubricCatalog, Depends(get_catalog)]
SessionDep = Annotated[Session, Depends(get_db)]


async def get_principal(
    settings: SettingsDep,
    auth: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    header: Annotated[str | None, Depends(candidate_header)],
) -> Principal:
    """Raises: NotAuthenticated."""
    token = auth.credentials if auth is not None else header
    if not token:
        raise NotAuthenticated()
    return identify(token, settings)


PrincipalDep = Annotated[Principal, Depends(get_principal)]


async def require_reviewer(principal: PrincipalDep) -> Principal:
    if principal.role not in ("reviewer", "admin"):
        raise Forbidden("reviewer endpoints")
    return principal


async def require_admin(principal: PrincipalDep) -> Principal:
    if principal.role != "admin":
        raise Forbidden("admin endpoints")
    return principal


Reviewer = Annotated[Principal, Depends(require_reviewer)]
Admin = Annotated[Principal, Depends(require_admin)]
ID_PATTERN = r"^[A-Za-z0-9_-]+$"
SessionId = Annotated[str, Path(min_length=1, max_length=64, pattern=ID_PATTERN,
                                description="The session's id.")]
RubricId = Annotated[str, Path(min_length=1, max_length=80, pattern=ID_PATTERN,
                               description="The rubric's id.")]


def session_for_anyone(db: SessionDep, principal: PrincipalDep,
                       session_id: SessionId) -> SessionRow:
    """The session, for its own candidate or a reviewer/admin.

    Raises: SessionNotFound, Forbidden.
    """
    row = store.get_session(db=db, session_id=session_id)
    if principal.role == "share":
        raise Forbidden("anything but the report and transcript of its session (it is a share "
                        "link)")
    if principal.role == "candidate" and not same_token(principal.token, row.token_hash):
        raise Forbidden("this session")
    return row


def session_for_reader(db: SessionDep, principal: PrincipalDep,
                       session_id: SessionId) -> SessionRow:
    """The session, for its report and transcript: its candidate, a reviewer or admin, or a
    live share link made for this session.

    Raises: SessionNotFound, Forbidden.
    """
    if principal.role != "share":
        return session_for_anyone(db, principal, session_id)
    link = store.find_share(db=db, token_hash=token_hash(principal.token))
    if link is None or link.session_id != session_id:
        raise Forbidden("this session (the share link was revoked or is for another session)")
    return store.get_session(db=db, session_id=session_id)


def session_for_candidate(db: SessionDep, principal: PrincipalDep,
                          session_id: SessionId) -> SessionRow:
    """The session, for its own candidate only: nobody answers on a candidate's behalf."""
    row = store.get_session(db=db, session_id=session_id)
    if principal.role != "candidate" or not same_token(principal.token, row.token_hash):
        raise Forbidden("answering this session")
    return row


def _client(request: Request) -> str:
    return request.client.host if request.client is not None else "unknown"


async def limit_session_creation(request: Request) -> None:
    """Raises: RateLimited (429) past MOCKINT_SESSION_RATE from this client address."""
    limits: RateLimits = request.app.state.limits
    wait = limits.sessions.take(_client(request))
    if wait is not None:
        raise RateLimited("new sessions from this address", "MOCKINT_SESSION_RATE", wait)


async def limit_answers(request: Request, session_id: SessionId) -> None:
    """Raises: RateLimited (429) past MOCKINT_ANSWER_RATE for this session or
    MOCKINT_CLIENT_ANSWER_RATE from this client address."""
    limits: RateLimits = request.app.state.limits
    wait = limits.answers.take(session_id)
    if wait is not None:
        raise RateLimited("answers to this session", "MOCKINT_ANSWER_RATE", wait)
    wait = limits.client_answers.take(_client(request))
    if wait is not None:
        raise RateLimited("answers from this address", "MOCKINT_CLIENT_ANSWER_RATE", wait)


ViewableSession = Annotated[SessionRow, Depends(session_for_anyone)]
ReadableSession = Annotated[SessionRow, Depends(session_for_reader)]
"""Report and transcript only: the one place a share link's token is accepted."""
CandidateSession = Annotated[SessionRow, Depends(session_for_candidate)]
SessionCreationLimit = Depends(limit_session_creation)
AnswerLimit = Depends(limit_answers)
