"""Interview sessions: start one, answer it, and read it back (state, transcript, report)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Header, Query, Request, Response

from api import interviews, render, views
from api.deps import (
    AnswerLimit,
    CandidateSession,
    CatalogDep,
    RuntimeDep,
    SessionCreationLimit,
    SessionDep,
    SettingsDep,
    ViewableSession,
)
from api.errors import responses
from api.schemas import (
    AnswerCreate,
    AnswerReply,
    ReportPublic,
    SessionCreate,
    SessionCreated,
    SessionPublic,
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


@router.get("/{session_id}/transcript", response_model=TranscriptPublic,
            responses={**responses(401, 403, 404, 422),
                       200: {"content": {"text/markdown": {}, "text/html": {}},
                             "description": "JSON, or Markdown/HTML by Accept or ?format="}})
def get_transcript(request: Request, row: ViewableSession, db: SessionDep,
                   format: Annotated[Format | None, Query()] = None) -> Response:  # noqa: A002
    """Every turn with its score, evidence and any override; JSON, Markdown or HTML."""
    transcript = views.transcript(db=db, row=row)
    chosen = _format(request, format)
    if chosen == "markdown":
        return Response(render.markdown(transcript), media_type=MEDIA["markdown"])
    if chosen == "html":
        return Response(render.html_page(transcript), media_type=MEDIA["html"])
    return Response(transcript.model_dump_json(), media_type=MEDIA["json"])


@router.get("/{session_id}/report", response_model=ReportPublic,
            responses=responses(401, 403, 404, 422))
def get_report(row: ViewableSession, db: SessionDep, runtime: RuntimeDep) -> ReportPublic:
    """The report so far (final once finished), overrides applied and the machine score kept."""
    return views.report(db=db, runtime=runtime, row=row)
