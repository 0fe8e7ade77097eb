"""Request and response models: `...Create` comes in, `...Public` goes out (tables sit between).

Response models are what OpenAPI documents; nothing internal (token hashes, raw state) leaves.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from bot.engine import Progress, QuestionReport, Recommendation, ScoreLine, TopicLoss
from bot.engine.session_context import (
    MAX_COMPANY_CHARS,
    MAX_JOB_DESCRIPTION_CHARS,
    MAX_ROLE_CHARS,
    Level,
    SessionContext,
)
from bot.scoring.result import ScoreResult

MAX_INT = 2**31 - 1
"""The largest value an INTEGER column holds on every database."""
MAX_SEED = MAX_INT


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def unencodable(value: str) -> str | None:
    """Why a text cannot be stored, or None: PostgreSQL refuses NUL; a lone UTF-16 surrogate
    (JSON's "\\ud800" escape) has no UTF-8 encoding; other control characters are never text."""
    if "\x00" in value:
        return "must not contain NUL characters"
    if _SURROGATE.search(value):
        return "must not contain lone UTF-16 surrogates (\\ud800-\\udfff); send valid Unicode"
    if _CONTROL.search(value):
        return "must not contain control characters other than tab and line breaks"
    return None


def find_unencodable(value: object, path: str = "") -> tuple[str, str] | None:
    """(field path, problem) of the first unstorable string, key or value, in parsed JSON."""
    if isinstance(value, str):
        problem = unencodable(value)
        return (path or "body", problem) if problem else None
    if isinstance(value, dict):
        items: list[tuple[str, object]] = []
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            if (found := find_unencodable(str(key), where)) is not None:
                return found
            items.append((where, item))
        return next((f for w, i in items if (f := find_unencodable(i, w)) is not None), None)
    if isinstance(value, list):
        return next((f for n, i in enumerate(value)
                     if (f := find_unencodable(i, f"{path}[{n}]" if path else f"[{n}]"))
                     is not None), None)
    return None


def _plain(value: str) -> str:
    problem = unencodable(value)
    if problem is not None:
        raise ValueError(problem)
    return value


PLAIN_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
"""What the document promises (no control characters but tab and line breaks); lone surrogates
cannot be written in valid UTF-8 JSON Schema terms and are refused by `_plain` with the rest."""
Plain = Annotated[str, AfterValidator(_plain), Field(json_schema_extra={"pattern": PLAIN_PATTERN})]
Status = Literal["in_progress", "finished", "abandoned"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SessionCreate(Model):
    track: Plain = Field(min_length=1, max_length=80, examples=["ml-engineer"])
    candidate_name: Plain = Field(default="", max_length=80)
    seed: int | None = Field(default=None, ge=0, le=MAX_SEED,
                             description="Same seed and answers give the same interview.")
    feedback: Literal["live", "end"] = Field(
        default="end", description="'live': each answer's score comes back with the reply.")
    role: Plain = Field(default="", max_length=MAX_ROLE_CHARS, examples=["ML engineer"],
                        description="The job applied for; the recruiter screen asks about it.")
    company: Plain = Field(default="", max_length=MAX_COMPANY_CHARS, examples=["ACME"])
    level: Level | None = Field(default=None, description="junior, mid or senior: where the "
                                "adaptive technical questions start (easy, medium, hard).")
    job_description: Plain = Field(
        default="", max_length=MAX_JOB_DESCRIPTION_CHARS,
        description="The job ad's text; questions about the job description are asked only "
        "when one is given.")

    def context(self) -> SessionContext:
        return SessionContext(role=self.role, company=self.company, level=self.level,
                              job_description=self.job_description)


class SessionContextPublic(Model):
    role: str
    company: str
    level: Level | None
    job_description: str


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
    status: Status
    round: str | None
    phase: str
    progress: Progress
    current_question: CurrentQuestionPublic | None
    feedback: Literal["live", "end"]
    context: SessionContextPublic = Field(description="The job the interview is for, as given "
                                          "when it started (empty strings when not given).")
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
    status: Status
    opening: list[str] = Field(description="What the interviewer said before the first answer.")
    turns: list[TurnPublic]


class ReportQuestion(QuestionReport):
    model_answer: str | None = Field(
        default=None, description="The rubric's model answer, once the question is closed (never "
        "while it can still be answered).")


class SharePublic(Model):
    session_id: str
    url: str = Field(description="Opens the report page, printable, with a link to the "
                     "transcript; nothing else. Anyone holding it can read both until revoked.")
    token: str = Field(description="The link's own read-only token: also works as "
                       "'Authorization: Bearer' on the report and transcript endpoints.")
    created_at: datetime


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
    status: Status
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


# The coding round (api/coding.py, api/routes/code.py).


class CodeCreate(Model):
    """Code for the open coding question: Python only (the sandbox runs CPython)."""

    language: Literal["python"] = "python"
    source: str = Field(max_length=100_000, description="The whole program; MOCKINT_MAX_CODE_"
                        "CHARS (20,000 by default) is the limit the interview enforces.")


class CodeTestPublic(Model):
    name: str
    group: str = Field(description="example, basic, edge or large.")
    passed: bool
    outcome: str = Field(description="ok, wrong, error, timeout, memory, output, crashed or "
                         "load_error.")
    message: str
    description: str = ""
    input: str | None = Field(default=None, description="Shown for examples, and for a hidden "
                              "test only once it has failed a submission.")
    expected: str | None = None
    got: str | None = None
    stdout: str | None = Field(default=None, description="What the code printed (examples only).")
    cpu_seconds: float


class OwnTestPublic(Model):
    name: str
    ok: bool
    error: str = ""


class GroupPublic(Model):
    passed: int
    total: int


class CodeReply(Model):
    turn: int
    mode: Literal["run", "submit"]
    passed: int
    total: int
    groups: dict[str, GroupPublic]
    results: list[CodeTestPublic]
    own_tests: list[OwnTestPublic] = Field(description="Your own test_* functions, run too.")
    load_error: str = Field(description="Why the code did not load (syntax error...), or empty.")
    messages: list[str] = Field(description="What the interviewer says (after a submission).")
    status: Literal["in_progress", "finished"]
    current_question: CurrentQuestionPublic | None
    runs_left: int
    submissions_left: int


class CodingProblemPublic(Model):
    """What the candidate sees of the open coding question: never a hidden test."""

    problem_id: str
    title: str
    statement: str
    signature: str
    starter: str
    examples: list[dict[str, Any]]
    time_seconds: float
    memory_mb: int
    runs_left: int
    submissions_left: int
