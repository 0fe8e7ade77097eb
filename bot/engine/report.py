"""The interview report: plain data, built from the state alone, rendered later (JSON, Markdown,
HTML).

Nothing is rescored: each question's grade, evidence and findings are read from its last
`AnswerScored` event. A report can be built at any point, for a finished interview or one still in
progress. The recommendation follows the habits of a hiring debrief: an overall bar, and no
positive decision when a round was clearly failed or when too little of the interview happened to
judge.
"""

from __future__ import annotations

import random
from datetime import datetime

from pydantic import Field

from bot.engine.candidate_questions import judge_questions
from bot.engine.events import CandidateSaid, RoundStarted, SkipReason
from bot.engine.graded import shown_result
from bot.engine.grading import GradePart
from bot.engine.kinds import kind_of
from bot.engine.randomness import rng_for
from bot.engine.recommendation import Evidence, Recommendation, recommend
from bot.engine.scores import ScoreLine, TopicLoss, competency_scores, round_scores, study_topics
from bot.engine.speech import say
from bot.engine.state import InterviewState, QuestionRecord, Status
from bot.engine.tracks import Track
from bot.prompts import PromptBook
from bot.rubric.model import Strict
from bot.scoring.result import Adjustment, Contradiction, RedFlagHit, band_for


class KeyPointLine(Strict):
    id: str
    text: str
    evidence: str | None = None


class CodeTestLine(Strict):
    name: str
    group: str
    description: str
    passed: bool
    outcome: str
    message: str


class CodeReport(Strict):
    """The code part of a coding question: what was submitted last and how it did."""

    problem_id: str
    language: str
    source: str
    submissions: int
    runs: int
    passed: int
    total: int
    groups: dict[str, list[int]] = Field(description="Group -> [passed, total].")
    tests: list[CodeTestLine]
    test_first: bool
    own_tests: int
    expected_complexity: str = ""


class OverrideLine(Strict):
    """A reviewer's score for the question, with who, when and why."""

    score: float
    band: int
    note: str
    by: str
    at: datetime | None = None
    turn: int = Field(description="The candidate's turn the reviewer overrode.")


class QuestionReport(Strict):
    round_id: str
    rubric_id: str
    rubric_version: int
    topic: str
    difficulty: int
    competencies: list[str]
    question: str
    answers: list[str]
    follow_ups: list[str]
    score: float | None = Field(description="None when the interview ended before an answer.")
    band: int | None
    rubric_score: float | None
    covered: list[KeyPointLine]
    missed: list[KeyPointLine]
    red_flags: list[RedFlagHit]
    hints_used: list[str]
    skipped: SkipReason | None
    adjustments: list[Adjustment] = Field(description="The scorer's own adjustments.")
    grade_parts: list[GradePart] = Field(description="Blends and hint costs applied after.")
    notes: list[str] = Field(description="What the communication or story analysis found.")
    feedback: str = Field(description="To the candidate: what was right, wrong and missing; "
                          "worded for the score in force.")
    machine_score: float | None = Field(default=None, description="The machine's grade, kept "
                                        "beside a reviewer's override.")
    override: OverrideLine | None = None
    contradictions: list[Contradiction] = Field(
        default_factory=list, description="Key points stated wrongly, each with the words that "
        "decided it and the correct statement.")
    code: CodeReport | None = Field(default=None, description="A coding question's code.")


class Report(Strict):
    track_id: str
    track_title: str
    candidate_name: str
    status: Status
    ended_early: bool
    score: float
    band: int
    recommendation: Recommendation
    rounds: list[ScoreLine]
    competencies: list[ScoreLine]
    questions: list[QuestionReport]
    study_topics: list[TopicLoss]
    hints_used: int
    skills_named: list[str]
    asked_questions: bool


def build_report(state: InterviewState, track: Track, prompts: PromptBook) -> Report:
    records = state.questions()
    rounds = round_scores(records, track)
    weighted = [(r.score, r.weight) for r in rounds if r.score is not None and r.weight > 0]
    total = sum(w for _, w in weighted)
    overall = round(sum(s * w for s, w in weighted) / total, 1) if total else 0.0
    competencies = competency_scores(records)
    ended = state.ended
    rng = rng_for(state.seed, state.turn, "report")
    asked = _asked_questions(state)
    return Report(
        track_id=track.id, track_title=track.title, candidate_name=state.candidate_name,
        status=state.status, ended_early=ended is not None and ended.reason == "candidate",
        score=overall, band=band_for(overall),
        recommendation=recommend(
            Evidence(overall=overall, records=records, rounds=rounds, competencies=competencies,
                     planned=state.planned, asked_questions=asked),
            prompts, rng,
        ),
        rounds=rounds, competencies=competencies,
        questions=[_extended(r, _question(r, prompts, rng)) for r in records],
        study_topics=study_topics(records),
        hints_used=sum(len(r.hints) for r in records),
        skills_named=state.skills.terms, asked_questions=asked,
    )


def _question(record: QuestionRecord, prompts: PromptBook,
              rng: random.Random) -> QuestionReport:
    scored = record.scored
    result = scored.result if scored else None
    grade, machine = record.final_grade, record.grade
    overridden = record.override
    keys = kind_of(record.kind).notes(scored) if scored and record.kind else []
    notes = [say(prompts, f"report.{key}", rng) for key in keys]
    return QuestionReport(
        round_id=record.asked.round_id, rubric_id=record.asked.rubric_id,
        rubric_version=record.asked.rubric_version, topic=record.asked.topic,
        difficulty=record.asked.difficulty, competencies=record.asked.competencies,
        question=record.asked.text, answers=record.answers,
        follow_ups=[f.text for f in record.follow_ups],
        score=grade.score if grade else None, band=grade.band if grade else None,
        rubric_score=result.score if result else None,
        covered=[KeyPointLine(id=k.id, text=k.text, evidence=k.evidence)
                 for k in (result.covered if result else [])],
        missed=[KeyPointLine(id=k.id, text=k.text) for k in (result.key_points if result else [])
                if not k.met],
        red_flags=list(result.red_flags) if result else [],
        hints_used=[h.text for h in record.hints],
        skipped=record.skipped.reason if record.skipped and not scored else None,
        adjustments=list(result.adjustments) if result else [],
        grade_parts=list(grade.parts) if grade else [], notes=notes,
        feedback=shown_result(scored, prompts, band=grade.band if overridden else None).feedback
        if scored and grade else "",
        machine_score=machine.score if machine else None,
        override=OverrideLine(score=overridden.score, band=band_for(overridden.score),
                              note=overridden.note, by=overridden.by, at=overridden.at,
                              turn=overridden.turn) if overridden else None,
        contradictions=list(result.contradictions) if result else [],
    )


def _extended(record: QuestionRecord, question: QuestionReport) -> QuestionReport:
    return kind_of(record.kind).extend_report(record, question) if record.kind else question


def _asked_questions(state: InterviewState) -> bool:
    in_wrap_up = False
    for event in state.events:
        if isinstance(event, RoundStarted):
            in_wrap_up = kind_of(event.kind).closing
        elif in_wrap_up and isinstance(event, CandidateSaid) and event.intent == "answer":
            return judge_questions(event.text).credited
    return False
