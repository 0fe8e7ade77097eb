"""Read-side views of a session: the transcript and the report, each with reviewer overrides
shown beside the machine's original score.

Built from stored rows only; nothing is rescored, so a changed rubric never changes an old view.
"""

from __future__ import annotations

from sqlmodel import Session

from api import store
from api.interviews import (
    load_state,
    machine_report,
    opening,
    override_public,
    report_of,
    status_of,
)
from api.rubrics import RubricCatalog
from api.runtime import Runtime
from api.schemas import (
    Overall,
    ReportPublic,
    ReportQuestion,
    TranscriptPublic,
    TurnPublic,
)
from api.tables import SessionRow, TurnRow
from bot.scoring.result import ScoreResult


def turn_public(turn: TurnRow) -> TurnPublic:
    override = override_public(turn)
    return TurnPublic(
        n=turn.n, question=turn.question, rubric_id=turn.rubric_id,
        rubric_version=turn.rubric_version, answer=turn.answer, intent=turn.intent,
        messages=turn.messages,
        score=override.score if override else turn.score,
        band=override.band if override else turn.band,
        machine_score=turn.score,
        evidence=ScoreResult.model_validate(turn.evidence) if turn.evidence else None,
        override=override, created_at=turn.created_at,
    )


def transcript(*, db: Session, row: SessionRow) -> TranscriptPublic:
    state = load_state(row)
    return TranscriptPublic(
        session_id=row.id, track=row.track, candidate_name=row.candidate_name,
        status=status_of(row, state), opening=opening(state),
        turns=[turn_public(t) for t in store.list_turns(db=db, session_id=row.id)],
    )


def report(*, db: Session, runtime: Runtime, row: SessionRow,
           catalog: RubricCatalog | None = None) -> ReportPublic:
    """With `catalog`, each closed question carries its rubric's model answer.

    Raises: UnknownTrack when the session's track is no longer loaded.
    """
    state = load_state(row)
    final, machine = report_of(runtime, state), machine_report(runtime, state)
    still_open = len(final.questions) - 1 if state.open_question() is not None else None
    questions = []
    for i, q in enumerate(final.questions):
        model = None
        if catalog is not None and i != still_open:
            model = catalog.get(db=db, rubric_id=q.rubric_id,
                                version=q.rubric_version).reference_answer
        questions.append(ReportQuestion(**q.model_dump(), model_answer=model))
    return ReportPublic(
        session_id=row.id, track=row.track, track_title=final.track_title,
        candidate_name=final.candidate_name, status=final.status, ended_early=final.ended_early,
        overall=Overall(score=final.score, band=final.band,
                        recommendation=final.recommendation, machine_score=machine.score),
        rounds=final.rounds, competencies=final.competencies, questions=questions,
        study_topics=final.study_topics, hints_used=final.hints_used,
    )
