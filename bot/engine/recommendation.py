"""The hiring-style call at the end of a report, with the reasons behind it.

It works like a debrief: the overall score sets the starting verdict, then caps apply. A round
scored under `FAILED_ROUND` keeps the call at lean no hire however strong the rest was, one under
`SHAKY_ROUND` keeps it at hire, and an interview where under `MIN_COMPLETION` of the planned
questions were answered cannot end positively, because there is too little evidence. Every
threshold and cap that shaped the call shows up among the reasons.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from bot.engine.scores import ScoreLine
from bot.engine.speech import say
from bot.engine.state import QuestionRecord
from bot.prompts import PromptBook
from bot.rubric.model import Strict

Verdict = Literal["strong_hire", "hire", "lean_no_hire", "no_hire"]
VERDICTS: tuple[Verdict, ...] = ("strong_hire", "hire", "lean_no_hire", "no_hire")
HIRE_BAR = 65.0
"""A round or competency under the hire bar is named as the one to work on."""
BARS: tuple[tuple[Verdict, float], ...] = (
    ("strong_hire", 80.0), ("hire", HIRE_BAR), ("lean_no_hire", 45.0),
)
FAILED_ROUND = 40.0
SHAKY_ROUND = 55.0
MIN_COMPLETION = 0.75


class Recommendation(Strict):
    verdict: Verdict
    label: str
    reasons: list[str]


@dataclass(frozen=True)
class Evidence:
    """What the call is made from, all of it already in the report."""

    overall: float
    records: list[QuestionRecord]
    rounds: list[ScoreLine]
    competencies: list[ScoreLine]
    planned: int
    asked_questions: bool


def _fmt(score: float | None) -> str:
    return f"{score or 0.0:g}"


def _capped(verdict: Verdict, ceiling: Verdict) -> Verdict:
    return max(verdict, ceiling, key=VERDICTS.index)


def recommend(evidence: Evidence, prompts: PromptBook, rng: random.Random) -> Recommendation:
    def line(key: str, **values: object) -> str:
        return say(prompts, f"report.{key}", rng, **values)

    answered = sum(1 for r in evidence.records if r.grade is not None)
    verdict = next((v for v, bar in BARS if evidence.overall >= bar), "no_hire")
    reasons = [line("reason_overall", score=_fmt(evidence.overall), answered=answered)]
    if evidence.planned and answered / evidence.planned < MIN_COMPLETION:
        verdict = _capped(verdict, "lean_no_hire")
        reasons.append(line("reason_ended_early", answered=answered, planned=evidence.planned))
    rounds = sorted((r for r in evidence.rounds if r.score is not None and r.weight > 0),
                    key=lambda r: -(r.score or 0.0))
    if rounds and (rounds[-1].score or 0.0) < FAILED_ROUND:
        verdict = _capped(verdict, "lean_no_hire")
    elif rounds and (rounds[-1].score or 0.0) < SHAKY_ROUND:
        verdict = _capped(verdict, "hire")
    reasons += _extremes(rounds, "round", line) + _extremes(evidence.competencies, "competency",
                                                            line)
    reasons += _habits(evidence, line)
    return Recommendation(verdict=verdict, label=say(prompts, f"report.verdict_{verdict}", rng),
                          reasons=reasons)


def _extremes(lines: list[ScoreLine], kind: str, line: Callable[..., str]) -> list[str]:
    """The best of several rounds (or competencies), and the worst when it is under the bar."""
    if len(lines) < 2:
        return []
    best, worst = lines[0], lines[-1]
    found = [line(f"reason_best_{kind}", score=_fmt(best.score), **{kind: best.title})]
    if (worst.score or 0.0) < HIRE_BAR:
        found.append(line(f"reason_weak_{kind}", score=_fmt(worst.score), **{kind: worst.title}))
    return found


def _habits(evidence: Evidence, line: Callable[..., str]) -> list[str]:
    """Skips, hints, misconceptions and the wrap-up: how the candidate went about it."""
    records = evidence.records
    counts = {
        "reason_skipped": sum(1 for r in records if r.skipped and r.skipped.reason != "ended"
                              and r.scored is None),
        "reason_hints": sum(len(r.hints) for r in records),
        "reason_red_flags": sum(len(r.scored.result.red_flags) for r in records if r.scored),
    }
    found = [line(key, count=count) for key, count in counts.items() if count]
    if evidence.asked_questions:
        found.append(line("reason_asked_questions"))
    return found
