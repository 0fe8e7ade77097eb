"""Rubrics: browse, validate, add a version (admin), and try an answer without an interview.

Rubrics hold reference answers, so even reading them needs a reviewer or admin key.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query

from api.deps import Admin, CatalogDep, Reviewer, RubricId, RuntimeDep, SessionDep, SettingsDep
from api.errors import responses
from api.schemas import (
    MAX_INT,
    RubricProblem,
    RubricSaved,
    RubricSummary,
    RubricValidation,
    ScoreRequest,
    find_unencodable,
)
from bot.errors import AnswerTooLong, InputError, RubricError
from bot.rubric import Round, Rubric, parse_rubrics
from bot.scoring.result import ScoreResult

router = APIRouter(prefix="/v1/rubrics", tags=["rubrics"])
SOURCE = "request body"
Filter = Annotated[str | None, Query(max_length=80, pattern=r"^[a-z0-9_-]+$")]


def _storable(body: Any) -> Any:
    """Raises: InputError naming the first field whose text cannot be stored."""
    found = find_unencodable(body)
    if found is not None:
        field, problem = found
        raise InputError(field, f"{field} {problem}")
    return body


def _summary(r: Rubric) -> RubricSummary:
    return RubricSummary(id=r.id, version=r.version, round=r.round.value, topic=r.topic,
                         difficulty=r.difficulty, competencies=r.competencies,
                         question=r.question)


@router.get("", response_model=list[RubricSummary], responses=responses(401, 403, 422))
def list_rubrics(db: SessionDep, catalog: CatalogDep, _who: Reviewer,
                 round: Round | None = None, topic: Filter = None,  # noqa: A002
                 competency: Filter = None) -> list[RubricSummary]:
    """The newest version of each rubric, filtered by round, topic and competency."""
    found = [
        r for r in catalog.latest(db=db).values()
        if (round is None or r.round == round) and (topic is None or r.topic == topic)
        and (competency is None or competency in r.competencies)
    ]
    return [_summary(r) for r in found]


@router.post("/validate", response_model=RubricValidation, responses=responses(401, 403, 422))
def validate_rubrics(
    _who: Reviewer,
    body: Annotated[Any, Body(description="One rubric (as JSON) or a list of them.")],
) -> RubricValidation:
    """Every problem an author must fix, each naming the rubric and the field."""
    rubrics, problems = parse_rubrics(_storable(body), SOURCE)
    return RubricValidation(
        valid=not problems, rubrics=[r.id for r in rubrics],
        errors=[RubricProblem(rubric_id=p.rubric_id, field=p.field, message=p.message)
                for p in problems])


@router.post("", response_model=RubricSaved, status_code=201,
             responses=responses(401, 403, 409, 413, 422))
def save_rubric(db: SessionDep, catalog: CatalogDep, _who: Admin,
                body: Annotated[Any, Body(description="One rubric, as JSON.")]) -> RubricSaved:
    """Adds a rubric or a new version of one; sessions already under way keep their version.

    Raises: RubricError (422 rubric_invalid) listing every problem.
    """
    rubrics, problems = parse_rubrics(_storable(body), SOURCE)
    if problems:
        raise RubricError(problems)
    if len(rubrics) != 1:
        raise InputError("body", f"send one rubric per request, not {len(rubrics)}")
    if rubrics[0].version > MAX_INT:
        raise InputError("version", f"version is {rubrics[0].version}; the limit is {MAX_INT:,}")
    stored, created = catalog.save_committed(db=db, rubric=rubrics[0], source="api")
    return RubricSaved(id=stored.id, version=stored.version, created=created)


@router.get("/{rubric_id}", response_model=Rubric, responses=responses(401, 403, 404, 422))
def get_rubric(rubric_id: RubricId, db: SessionDep, catalog: CatalogDep, _who: Reviewer,
               version: Annotated[int | None, Query(ge=1, le=MAX_INT)] = None) -> Rubric:
    """The newest version, or the one asked for (as transcripts name it)."""
    return catalog.get(db=db, rubric_id=rubric_id, version=version)


@router.post("/{rubric_id}/score", response_model=ScoreResult,
             responses=responses(401, 403, 404, 413, 422))
def score_answer(rubric_id: RubricId, body: ScoreRequest, db: SessionDep, catalog: CatalogDep,
                 runtime: RuntimeDep, settings: SettingsDep, _who: Reviewer,
                 version: Annotated[int | None, Query(ge=1, le=MAX_INT)] = None) -> ScoreResult:
    """Scores an answer against a rubric with no interview; nothing is stored."""
    if len(body.answer) > settings.max_answer_chars:
        raise AnswerTooLong(len(body.answer), settings.max_answer_chars)
    rubric = catalog.get(db=db, rubric_id=rubric_id, version=version)
    return runtime.scorer.score(rubric, body.answer)
