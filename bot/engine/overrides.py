"""A reviewer's score for a question, recorded as an event of the interview.

An override is part of what happened to an interview, so it is an event like an answer
(`ScoreOverridden`), stored with the state in the same versioned write, and folded by the same
code that builds every view: the question's score, its round, its competencies and the overall
score follow it, while the machine's grade stays beside it. It names the question, not a turn's
score: a question is graded on everything said about it, so overriding its first answer or a
follow-up answer both set the question's score, and a later follow-up answer does not undo it.
"""

from __future__ import annotations

from datetime import datetime

from bot.engine.events import (
    CandidateSaid,
    InterviewEnded,
    QuestionAsked,
    QuestionSkipped,
    RoundStarted,
    ScoreOverridden,
)
from bot.engine.state import InterviewState
from bot.errors import NotOverridable


def _locate(state: InterviewState, turn: int) -> tuple[CandidateSaid, int | None]:
    """The candidate's `turn`-th message and the index of the question open when it was said.

    Raises: NotOverridable when there is no such turn.
    """
    seen, question, is_open = 0, -1, False
    for event in state.events:
        if isinstance(event, QuestionAsked):
            question, is_open = question + 1, True
        elif isinstance(event, QuestionSkipped | RoundStarted | InterviewEnded):
            is_open = False
        elif isinstance(event, CandidateSaid):
            seen += 1
            if seen == turn:
                return event, question if is_open else None
    raise NotOverridable(turn, f"the interview has {seen} turns")


def override(state: InterviewState, *, turn: int, score: float, note: str, by: str,
             at: datetime | None = None) -> InterviewState:
    """The state with a reviewer's score for the question turn `turn` answered.

    Raises:
        NotOverridable: the turn was a command (skip, hint, repeat, end...), the candidate's own
            question at the end, or an answer to a question that was never scored.
    """
    said, question = _locate(state, turn)
    if said.intent != "answer":
        raise NotOverridable(turn, f"it was a command ({said.intent.replace('_', ' ')}), not an "
                             "answer, so it has no score; override an answer to that question")
    if question is None:
        raise NotOverridable(turn, "it was said while no question was open (the candidate's "
                             "own question at the end), so it has no score")
    record = state.questions()[question]
    if record.scored is None:
        raise NotOverridable(turn, "its question was never scored")
    return state.add(ScoreOverridden(question=question, turn=turn, score=score, note=note, by=by,
                                     at=at, machine_score=record.scored.grade.score))


def without_overrides(state: InterviewState) -> InterviewState:
    """The state as the machine scored it: the report of this is the machine's report."""
    kept = tuple(e for e in state.events if not isinstance(e, ScoreOverridden))
    return state.model_copy(update={"events": kept})
