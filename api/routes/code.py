"""The coding round over HTTP: see the open problem, run code on its examples, submit it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Request

from api import coding
from api.deps import (
    AnswerLimit,
    CandidateSession,
    CatalogDep,
    RuntimeDep,
    SessionDep,
    SettingsDep,
)
from api.errors import responses
from api.schemas import CodeCreate, CodeReply, CodingProblemPublic
from bot.coding.judge import Judge

router = APIRouter(prefix="/v1/sessions", tags=["coding"])
IdempotencyKey = Annotated[str | None, Header(
    alias="Idempotency-Key", max_length=255,
    description="Retrying with the same key returns the first reply and runs nothing again.")]


def get_judge(request: Request) -> Judge:
    judge: Judge = request.app.state.judge
    return judge


@router.get("/{session_id}/code", response_model=CodingProblemPublic,
            responses=responses(401, 403, 404, 409, 422))
def get_problem(row: CandidateSession, runtime: RuntimeDep,
                settings: SettingsDep) -> CodingProblemPublic:
    """The open coding question: statement, signature, starter code, visible examples, limits,
    runs and submissions left. Never a hidden test."""
    return coding.problem_view(runtime=runtime, settings=settings, row=row)


@router.post("/{session_id}/code/run", response_model=CodeReply,
             responses=responses(401, 403, 404, 409, 413, 422, 429, 503),
             dependencies=[AnswerLimit])
def run_code(body: CodeCreate, row: CandidateSession, db: SessionDep, runtime: RuntimeDep,
             settings: SettingsDep, catalog: CatalogDep,
             judge: Judge = Depends(get_judge),  # noqa: B008
             idempotency_key: IdempotencyKey = None) -> CodeReply:
    """Runs the code on the visible examples (and its own `test_*` functions), as often as
    MOCKINT_MAX_CODE_RUNS allows; everything is shown. Candidate token only."""
    return coding.run_code(db=db, runtime=runtime, settings=settings, catalog=catalog,
                           judge=judge, row=row, body=body, mode="run",
                           key=idempotency_key)


@router.post("/{session_id}/code", response_model=CodeReply,
             responses=responses(401, 403, 404, 409, 413, 422, 429, 503),
             dependencies=[AnswerLimit])
def submit_code(body: CodeCreate, row: CandidateSession, db: SessionDep, runtime: RuntimeDep,
                settings: SettingsDep, catalog: CatalogDep,
                judge: Judge = Depends(get_judge),  # noqa: B008
                idempotency_key: IdempotencyKey = None) -> CodeReply:
    """Submits the code for the hidden tests (MOCKINT_MAX_CODE_SUBMISSIONS per question, after
    the approach was described). A failed test shows its input, expected value and what came
    back; a passed one only its name. The interviewer's reply follows in `messages`."""
    return coding.run_code(db=db, runtime=runtime, settings=settings, catalog=catalog,
                           judge=judge, row=row, body=body, mode="submit",
                           key=idempotency_key)
