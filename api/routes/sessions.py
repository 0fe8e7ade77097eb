"""Interview sessions: start one, answer it, and read it back (state, transcript, report)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Literal

from fastapi import APIRouter, Header, Query, Request, Response

from api import interviews, render, report_export, store, views
from api.auth import new_share_token, token_hash
from api.deps import (
    AnswerLimit,
    CandidateSession,
    CatalogDep,
    PrincipalDep,
    ReadableSession,
    RuntimeDep,
    SessionCreationLimit,
    SessionDep,
    SettingsDep,
    ViewableSession,
)
from api.errors import responses
from api.richtext import PAGE_CSP
from api.schemas import (
    AnswerCreate,
    AnswerReply,
    ReportPublic,
    SessionCreate,
    SessionCreated,
    SessionPublic,
    SharePublic,
    TranscriptPublic,
)

router = APIRouter(prefix="/v1/sessions", tags=["sessions"])
Format = Literal["json", "markdown", "html"]
IdempotencyKey = Annotated[str | None, Header(
    alias="Idempotency-Key", max_length=255,
    description="Retrying with the same key returns the first response and records nothing.")]
MEDIA = {"json": "application/json", "markdown": "text/markdown; charset=utf-8",
         "html": "text/html; charset=utf-8"}


@router.post("", status_code=201, response_model=SessionCreated,
             responses=responses(413, 422, 429), dependencies=[SessionCreationLimit])
def create_session(body: SessionCreate, db: SessionDep, runtime: RuntimeDep,
                   settings: SettingsDep, catalog: CatalogDep) -> SessionCreated:
    """Starts an interview. Open to anyone: the reply carries the secret candidate token."""
    return interviews.start(db=db, runtime=runtime, settings=settings, catalog=catalog,
                            body=body)


@router.post("/{session_id}/answers", response_model=AnswerReply,
             responses=responses(401, 403, 404, 409, 413, 422, 429),
             dependencies=[AnswerLimit])
def post_answer(
    body: AnswerCreate, row: CandidateSession, db: SessionDep, runtime: RuntimeDep,
    settings: SettingsDep, catalog: CatalogDep,
    idempotency_key: IdempotencyKey = None,
) -> AnswerReply:
    """The candidate's next message; candidate token only. Past MOCKINT_MAX_COMMANDS_PER_QUESTION
    repeats and hints the interview moves on; past MOCKINT_MAX_TURNS messages it is 409."""
    return interviews.answer(db=db, runtime=runtime, settings=settings, catalog=catalog, row=row,
                             body=body, key=idempotency_key)


@router.get("/{session_id}", response_model=SessionPublic,
            responses=responses(401, 403, 404, 422))
def get_session(row: ViewableSession) -> SessionPublic:
    return interviews.session_public(row)


def _format(request: Request, asked: Format | None) -> Format:
    if asked is not None:
        return asked
    accept = request.headers.get("accept", "")
    if "text/html" in accept:
        return "html"
    if "text/markdown" in accept:
        return "markdown"
    return "json"


FORMATS_DOC = {**responses(401, 403, 404, 422),
               200: {"content": {"text/markdown": {}, "text/html": {}},
                     "description": "JSON, or Markdown/HTML by Accept or ?format="}}


def _rendered(chosen: Format, markdown: Callable[[], str], html: Callable[[], str],
              json: Callable[[], str]) -> Response:
    if chosen == "markdown":
        return Response(markdown(), media_type=MEDIA["markdown"])
    if chosen == "html":
        return Response(html(), media_type=MEDIA["html"], headers={"Content-Security-Policy":
                                                                  PAGE_CSP})
    return Response(json(), media_type=MEDIA["json"])


@router.get("/{session_id}/transcript", response_model=TranscriptPublic, responses=FORMATS_DOC)
def get_transcript(request: Request, row: ReadableSession, db: SessionDep,
                   format: Annotated[Format | None, Query()] = None) -> Response:  # noqa: A002
    """Every turn with its score, evidence and any override; JSON, Markdown or HTML. Opens
    with the candidate token, a reviewer key or the session's share link."""
    transcript = views.transcript(db=db, row=row)
    return _rendered(_format(request, format), lambda: render.markdown(transcript),
                     lambda: render.html_page(transcript), transcript.model_dump_json)


@router.get("/{session_id}/report", response_model=ReportPublic, responses=FORMATS_DOC)
def get_report(request: Request, row: ReadableSession, db: SessionDep, runtime: RuntimeDep,
               catalog: CatalogDep,
               format: Annotated[Format | None, Query()] = None) -> Response:  # noqa: A002
    """The report so far (final once finished), overrides applied and the machine score kept;
    each closed question with its model answer. JSON, Markdown or a printable HTML page (by
    `?format=` or `Accept`, as the transcript). Opens with the candidate token, a reviewer key
    or the session's share link."""
    report = views.report(db=db, runtime=runtime, row=row, catalog=catalog)
    return _rendered(_format(request, format), lambda: report_export.report_markdown(report),
                     lambda: report_export.report_html(report), report.model_dump_json)


@router.post("/{session_id}/share", status_code=201, response_model=SharePublic,
             responses=responses(401, 403, 404, 422))
def create_share(request: Request, row: ViewableSession, db: SessionDep,
                 principal: PrincipalDep) -> SharePublic:
    """A read-only link to this session's report and transcript, with its own token (shown once;
    only its hash is stored). For the candidate or a reviewer; revoke with DELETE."""
    token = new_share_token()
    link = store.add_share(db=db, session_id=row.id, token_hash=token_hash(token),
                           by=principal.role)
    return SharePublic(session_id=row.id, url=f"{str(request.base_url).rstrip('/')}/shared/{token}",
                       token=token, created_at=link.created_at)


@router.delete("/{session_id}/share", status_code=204, responses=responses(401, 403, 404, 422))
def revoke_share(row: ViewableSession, db: SessionDep) -> Response:
    """Revokes every share link of this session: they get 403 from now on."""
    store.revoke_shares(db=db, session_id=row.id)
    return Response(status_code=204)
