"""Request and response models: `...Create` comes in, `...Public` goes out (tables sit between).

Response models are what OpenAPI documents; nothing internal (token hashes, raw state) leaves.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from bot.engine import Progress, QuestionReport, Recommendation, ScoreLine, TopicLoss
from bot.scoring.result import ScoreResult

MAX_INT = 2**31 - 1
"""The largest value an INTEGER column holds on every database."""
MAX_SEED = MAX_INT


def _no_nul(value: str) -> str:
    """PostgreSQL cannot store NUL in text: refuse it as malformed input instead of a 500."""
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


Plain = Annotated[str, AfterValidator(_no_nul)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SessionCreate(Model):
    track: Plain = Field(min_length=1, max_length=80, examples=["ml-engineer"])
    candidate_name: Plain = Field(default="", max_length=80)
    seed: int | None = Field(default=None, ge=0, le=MAX_SEED,
                             description="Same seed and answers give the same interview.")
    feedback: Literal["live", "end"] = Field(
        default="end", description="'live': each answer's score comes back with the reply.")


class AnswerCreate(Model):
    text: Plain = Field(description="The candidate's message: an answer, or a command such as "
                      "'skip', 'hint', 'repeat', \"I don't know\" or 'end'. Longer than "
                      "MOCKINT_MAX_ANSWER_CHARS gives 413.")


class OverrideCreate(Model):
    score: float = Field(ge=0, le=100)
    note: Plain = Field(min_length=1, max_length=2000, description="Why the score changed.")


class CurrentQuestionPublic(Model):
    round: str
    rubric_id: str
    rubric_version: int
    text: str
    follow_up: str | None = None


class SessionPublic(Model):
    session_id: str
    track: str
    candidate_name: str
    status: Literal["in_progress", "finished"]
    round: str | None
    phase: str
    progress: Progress
    current_question: CurrentQuestionPublic | None
    feedback: Literal["live", "end"]
    turns: int
    created_at: datetime
    updated_at: datetime


class SessionCreated(SessionPublic):
    candidate_token: str = Field(description="Secret: send it as 'Authorization: Bearer <token>' "
                                 "(or 'X-Candidate-Token'). Shown once; only its hash is stored.")
    messages: list[str]


class AnswerReply(Model):
    turn: int
    messages: list[str]
    status: Literal["in_progress", "finished"]
    progress: Progress
    current_question: CurrentQuestionPublic | None
    feedback: ScoreResult | None = Field(default=None, description="Only when feedback is live.")


class OverridePublic(Model):
    score: float
    band: int
    note: str
    by: str
    at: datetime


class TurnPublic(Model):
    n: int
    question: str
    rubric_id: str | None
    rubric_version: int | None
    answer: str
    intent: str
    messages: list[str]
    score: float | None = Field(description="The score in force: the override when there is one.")
    band: int | None
    machine_score: float | None = Field(description="The score the scorer gave, always kept.")
    evidence: ScoreResult | None
    override: OverridePublic | None
    created_at: datetime


class TranscriptPublic(Model):
    session_id: str
    track: str
    candidate_name: str
    status: Literal["in_progress", "finished"]
    opening: list[str] = Field(description="What the interviewer said before the first answer.")
    turns: list[TurnPublic]


class ReportQuestion(QuestionReport):
    machine_score: float | None
    override: OverridePublic | None


class Overall(Model):
    score: float = Field(ge=0, le=100)
    band: int = Field(ge=1, le=5)
    recommendation: Recommendation
    machine_score: float = Field(description="The overall score without reviewer overrides.")


class ReportPublic(Model):
    session_id: str
    track: str
    track_title: str
    candidate_name: str
    status: Literal["in_progress", "finished"]
    ended_early: bool
    overall: Overall
    rounds: list[ScoreLine]
    competencies: list[ScoreLine]
    questions: list[ReportQuestion]
    study_topics: list[TopicLoss]
    hints_used: int


class SessionSummary(Model):
    session_id: str
    track: str
    candidate_name: str
    status: Literal["in_progress", "finished"]
    score: float | None
    turns: int
    created_at: datetime
    updated_at: datetime


class SessionPage(Model):
    items: list[SessionSummary]
    total: int
    limit: int
    offset: int


class RubricSummary(Model):
    id: str
    version: int
    round: str
    topic: str
    difficulty: int
    competencies: list[str]
    question: str


class RubricSaved(Model):
    id: str
    version: int
    created: bool = Field(description="False when the content equals the newest version.")


class RubricProblem(Model):
    rubric_id: str | None
    field: str
    message: str


class RubricValidation(Model):
    valid: bool
    rubrics: list[str] = Field(description="Ids of the rubrics that validated.")
    errors: list[RubricProblem]


class ScoreRequest(Model):
    answer: Plain


class RoundPublic(Model):
    id: str
    kind: str
    title: str
    questions: int


class TrackPublic(Model):
    id: str
    title: str
    summary: str
    planned_questions: int
    rounds: list[RoundPublic]


class Health(Model):
    status: Literal["ok"]


class Readiness(Model):
    status: Literal["ready", "not_ready"]
    model_loaded: bool
    database: bool
