"""What happened in an interview, as a list of plain events.

The interview state is nothing but these events plus the session's settings; every view of it (the
current question, progress, the transcript, the report) is computed from them. Each event that
records a score carries a full snapshot of the scorer's result and the rubric id and version it
was scored against, so an old interview reads the same after the scorer or the bank has changed.

The union is discriminated on `type`, so a stored interview validates back into the right classes.
Add new event kinds freely; never change the meaning of an existing field (stored states keep it).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field

from bot.engine.communication import CommunicationFindings
from bot.engine.grading import Grade
from bot.engine.intents import Intent
from bot.engine.star import Gap, StoryFindings
from bot.rubric.model import Strict
from bot.scoring.result import ScoreResult

SkipReason = Literal["skip", "dont_know", "ended", "command_limit"]
EndReason = Literal["completed", "candidate"]


class RoundStarted(Strict):
    type: Literal["round_started"] = "round_started"
    round_id: str
    kind: str = Field(description="The round's kind, a name registered in bot/engine/kinds/.")


class QuestionAsked(Strict):
    type: Literal["question_asked"] = "question_asked"
    round_id: str
    rubric_id: str
    rubric_version: int
    topic: str
    difficulty: int
    competencies: list[str] = Field(default_factory=list)
    text: str


class CandidateSaid(Strict):
    type: Literal["candidate_said"] = "candidate_said"
    text: str
    intent: Intent


class CodeTest(Strict):
    """One test's result as the interview keeps it (the input itself stays with the problem)."""

    name: str
    group: str
    passed: bool
    outcome: str
    message: str = ""
    description: str = ""


class CodeFindings(Strict):
    """What the code showed, blended into the coding question's grade."""

    passed: int = Field(ge=0)
    total: int = Field(ge=0)
    groups: dict[str, list[int]] = Field(default_factory=dict,
                                         description="Group -> [passed, total].")
    test_first: bool = Field(description="The first code run or submitted already had a "
                             "test of its own.")
    too_slow: list[str] = Field(default_factory=list, description="Tests over the time limit.")
    submissions: int = 0


class AnswerScored(Strict):
    """Everything said about one question so far, scored together: follow-ups add to it."""

    type: Literal["answer_scored"] = "answer_scored"
    rubric_id: str
    rubric_version: int
    answer: str
    result: ScoreResult
    communication: CommunicationFindings | None = None
    story: StoryFindings | None = None
    code: CodeFindings | None = None
    grade: Grade


class CodeRan(Strict):
    """The candidate ran their code on the visible examples (results only: runs are many)."""

    type: Literal["code_ran"] = "code_ran"
    problem_id: str
    passed: int
    total: int
    own_tests: int = 0
    own_tests_passed: int = 0
    load_error: str = ""


class CodeSubmitted(Strict):
    """The candidate submitted their code for the hidden tests; the source is kept for the
    report."""

    type: Literal["code_submitted"] = "code_submitted"
    problem_id: str
    problem_version: int
    language: Literal["python"] = "python"
    source: str
    tests: list[CodeTest]
    own_tests: int = 0
    own_tests_passed: int = 0
    load_error: str = ""

    @property
    def passed(self) -> int:
        return sum(t.passed for t in self.tests)


class FollowUpAsked(Strict):
    type: Literal["follow_up_asked"] = "follow_up_asked"
    rubric_id: str
    target: str = Field(description="The key point id it probes, or 'story:<gap>'.")
    text: str


class HintGiven(Strict):
    type: Literal["hint_given"] = "hint_given"
    rubric_id: str
    index: int
    text: str


class QuestionSkipped(Strict):
    type: Literal["question_skipped"] = "question_skipped"
    rubric_id: str
    reason: SkipReason


class SkillsNoted(Strict):
    type: Literal["skills_noted"] = "skills_noted"
    topics: list[str]
    terms: list[str]


class DomainsNoted(Strict):
    """The candidate's domains as read from everything said in the screen so far (the latest
    event holds: a later answer may deny what an earlier one named)."""

    type: Literal["domains_noted"] = "domains_noted"
    named: list[str] = Field(description="Domains named, the most talked about first.")
    denied: list[str] = Field(description="Domains the candidate said they have not worked in.")


class InterviewerSaid(Strict):
    type: Literal["interviewer_said"] = "interviewer_said"
    messages: list[str]


class InterviewEnded(Strict):
    type: Literal["interview_ended"] = "interview_ended"
    reason: EndReason


class ScoreOverridden(Strict):
    """A reviewer's score for a question (`overrides.py`); the machine's grade is kept."""

    type: Literal["score_overridden"] = "score_overridden"
    question: int = Field(ge=0, description="Index of the question, 0 for the first asked.")
    turn: int = Field(ge=1, description="The candidate's turn the reviewer chose, 1 for the "
                      "first message.")
    score: float = Field(ge=0, le=100)
    note: str
    by: str = Field(description="Who: a role and a short id of the reviewer's key.")
    at: datetime | None = None
    machine_score: float = Field(ge=0, le=100, description="The question's machine grade then.")


Event = Annotated[
    RoundStarted | QuestionAsked | CandidateSaid | AnswerScored | FollowUpAsked | HintGiven
    | QuestionSkipped | SkillsNoted | InterviewerSaid | InterviewEnded | CodeRan | CodeSubmitted
    | DomainsNoted
    | ScoreOverridden,
    Field(discriminator="type"),
]


def story_target(gap: Gap) -> str:
    return f"story:{gap}"
