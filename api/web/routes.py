"""The pages: Start, Interview, Report, Reviewer and the rubric playground.

Jinja2 renders the page shells (one base template, autoescape on) and small vanilla scripts in
`static/` fill them from the same JSON API a client would call, so no interview logic lives here.
Credentials never reach this router as cookies or URL parts: the candidate token lives in the
browser's localStorage and the reviewer key in its sessionStorage, and both go out as headers, so
a forged cross-site request carries neither (CSRF-safe without tokens). Every page is sent with a
Content-Security-Policy that allows only this origin's scripts, so even markup that slipped
through escaping could not run.

A share link (`POST /v1/sessions/{id}/share`) opens `/shared/{token}`: the report rendered on
the server as one printable page with no script (and its transcript), because whoever receives
the link has no credential in their browser; the token in the path opens nothing else.

Two JSON helpers exist only because the pages need them and the API has no equivalent: the model
answers of a session's closed questions (a candidate may read them once a question is over), and
validating a rubric pasted as YAML (the API takes JSON; browsers have no YAML parser).
"""

from __future__ import annotations

from pathlib import Path as FilePath
from typing import Annotated

import yaml
from fastapi import APIRouter, Body, Path, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field

from api import store, views
from api.auth import SHARE_PREFIX, token_hash
from api.deps import (
    CatalogDep,
    Reviewer,
    RuntimeDep,
    SessionDep,
    SessionId,
    SettingsDep,
    ViewableSession,
)
from api.errors import Forbidden
from api.render import html_page
from api.report_export import report_html, report_markdown
from api.richtext import PAGE_CSP
from api.schemas import RubricProblem, RubricValidation, find_unencodable
from api.tables import SessionRow
from bot.errors import AnswerTooLong, InputError
from bot.rubric import Rubric, parse_rubrics
from bot.scoring.result import ScoreResult
from bot.yamlio import load_yaml_text

HERE = FilePath(__file__).resolve().parent
templates = Jinja2Templates(directory=HERE / "templates")
static = StaticFiles(directory=HERE / "static")
router = APIRouter(include_in_schema=False)

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")
"""Scripts and styles from this origin only: no inline script, no `eval`, no third party."""
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
PAGES = {
    "start": ("start.html", "Start an interview"),
    "interview": ("interview.html", "Interview"),
    "report": ("report.html", "Report"),
    "review": ("review.html", "Reviewer"),
    "playground": ("playground.html", "Rubric playground"),
}
ShareToken = Annotated[str, Path(min_length=8, max_length=100, pattern=r"^[A-Za-z0-9_-]+$")]
MAX_YAML_CHARS = 200_000
"""A pasted rubric is a few kilobytes; the bound keeps a pasted mistake from parsing megabytes."""


def _page(request: Request, name: str, **context: object) -> HTMLResponse:
    template, title = PAGES[name]
    response = templates.TemplateResponse(
        request, template, {"title": title, "page": name, **context})
    response.headers.update(SECURITY_HEADERS)
    return response


@router.get("/", response_class=HTMLResponse)
def start_page(request: Request, runtime: RuntimeDep) -> HTMLResponse:
    tracks = sorted(runtime.tracks.values(), key=lambda t: t.id)
    return _page(request, "start", tracks=tracks)


@router.get("/interview", response_class=HTMLResponse)
def resume_page(request: Request) -> HTMLResponse:
    """The script picks the interview this browser last held (its token is in localStorage)."""
    return _page(request, "interview", session_id="")


@router.get("/interview/{session_id}", response_class=HTMLResponse)
def interview_page(request: Request, session_id: SessionId) -> HTMLResponse:
    return _page(request, "interview", session_id=session_id)


@router.get("/report/{session_id}", response_class=HTMLResponse)
def report_page(request: Request, session_id: SessionId) -> HTMLResponse:
    return _page(request, "report", session_id=session_id)


@router.get("/review", response_class=HTMLResponse)
def review_page(request: Request) -> HTMLResponse:
    return _page(request, "review")


@router.get("/playground", response_class=HTMLResponse)
def playground_page(request: Request) -> HTMLResponse:
    return _page(request, "playground")


class ModelAnswer(BaseModel):
    rubric_id: str
    rubric_version: int
    question: str
    model_answer: str


@router.get("/web/sessions/{session_id}/model-answers", response_model=list[ModelAnswer])
def model_answers(row: ViewableSession, db: SessionDep, runtime: RuntimeDep,
                  catalog: CatalogDep) -> list[ModelAnswer]:
    """The reference answer of every question already closed; never the one still open, so a
    candidate cannot read the answer to the question in front of them."""
    report = views.report(db=db, runtime=runtime, row=row, catalog=catalog)
    return [ModelAnswer(rubric_id=q.rubric_id, rubric_version=q.rubric_version,
                        question=q.question, model_answer=q.model_answer)
            for q in report.questions if q.model_answer is not None]


@router.get("/web/sessions/{session_id}/report.md", response_class=Response)
def report_download(row: ViewableSession, db: SessionDep, runtime: RuntimeDep,
                    catalog: CatalogDep) -> Response:
    """The Report page's download; fetched with the credential as a header, saved as a file."""
    text = report_markdown(views.report(db=db, runtime=runtime, row=row, catalog=catalog))
    return Response(text, media_type="text/markdown; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="mockint-report-{row.id}.md"'})


def _shared(db: SessionDep, token: str) -> SessionRow:
    """The session a live share link opens. Raises: Forbidden (unknown or revoked link)."""
    link = store.find_share(db=db, token_hash=token_hash(token)) if token.startswith(
        SHARE_PREFIX) else None
    if link is None:
        raise Forbidden("a report: this share link is unknown or was revoked")
    return store.get_session(db=db, session_id=link.session_id)


def _export(text: str) -> HTMLResponse:
    return HTMLResponse(text, headers={**SECURITY_HEADERS, "Content-Security-Policy": PAGE_CSP})


@router.get("/shared/{token}", response_class=HTMLResponse)
def shared_report(token: ShareToken, db: SessionDep, runtime: RuntimeDep,
                  catalog: CatalogDep) -> HTMLResponse:
    """What a share link opens: the printable report, linking to the transcript. No script."""
    row = _shared(db, token)
    report = views.report(db=db, runtime=runtime, row=row, catalog=catalog)
    return _export(report_html(report, transcript_link=f"/shared/{token}/transcript"))


@router.get("/shared/{token}/transcript", response_class=HTMLResponse)
def shared_transcript(token: ShareToken, db: SessionDep) -> HTMLResponse:
    row = _shared(db, token)
    return _export(html_page(views.transcript(db=db, row=row),
                             report_link=f"/shared/{token}"))


class YamlRubric(BaseModel):
    text: str = Field(max_length=MAX_YAML_CHARS)


class YamlScore(YamlRubric):
    answer: str


def _parse_yaml(text: str) -> tuple[list[Rubric], list[RubricProblem]]:
    """The bank's own YAML loader and checks; a syntax error is one problem on field `yaml`.

    Raises: InputError when a text in it could not be stored (NUL, surrogates, control chars).
    """
    try:
        data = load_yaml_text(text)
    except yaml.YAMLError as exc:
        return [], [RubricProblem(rubric_id=None, field="yaml", message=str(exc))]
    found = find_unencodable(data)
    if found is not None:
        raise InputError(found[0], f"{found[0]} {found[1]}")
    rubrics, problems = parse_rubrics(data, "pasted YAML")
    return rubrics, [RubricProblem(rubric_id=p.rubric_id, field=p.field, message=p.message)
                     for p in problems]


@router.post("/web/rubrics/validate-yaml", response_model=RubricValidation)
def validate_yaml(_who: Reviewer, body: Annotated[YamlRubric, Body()]) -> RubricValidation:
    """The playground's paste box, checked as `POST /v1/rubrics/validate` checks JSON."""
    rubrics, problems = _parse_yaml(body.text)
    return RubricValidation(valid=not problems, rubrics=[r.id for r in rubrics],
                            errors=problems)


@router.post("/web/rubrics/score-yaml", response_model=ScoreResult)
def score_yaml(_who: Reviewer, body: Annotated[YamlScore, Body()], runtime: RuntimeDep,
               settings: SettingsDep) -> ScoreResult:
    """Scores an answer against a pasted rubric before anyone saves it; nothing is stored.

    Raises: InputError (422) unless the YAML is one valid rubric; AnswerTooLong (413).
    """
    if len(body.answer) > settings.max_answer_chars:
        raise AnswerTooLong(len(body.answer), settings.max_answer_chars)
    rubrics, problems = _parse_yaml(body.text)
    if problems or len(rubrics) != 1:
        raise InputError("text", "paste exactly one valid rubric (validate it first)")
    return runtime.scorer.score(rubrics[0], body.answer)
