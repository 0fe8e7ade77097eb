"""Scoring each rubric's sample answers against the band a human grader gave them.

Samples fall into three tiers by their expected band: strong (4-5), partial (3) and weak (1-2). A
rubric is misordered when any sample of a higher tier does not score strictly higher than every
sample of a lower tier; within a tier (a 4 next to a 5) graders themselves disagree, so the order
there is reported through the exact and within-one figures instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations

import numpy as np
from pydantic import BaseModel
from scipy.stats import spearmanr

from bot.rubric.model import Rubric
from bot.scoring.scorer import Scorer


class ExampleOutcome(BaseModel):
    rubric_id: str
    index: int
    note: str | None
    expected: int
    band: int
    score: float


class CalibrationSummary(BaseModel):
    n: int
    exact: float
    within_one: float
    spearman: float
    misordered_rubrics: list[str]
    outcomes: list[ExampleOutcome]


def calibrate(scorer: Scorer, rubrics: Iterable[Rubric]) -> CalibrationSummary:
    rubrics = list(rubrics)
    scorer.warm(rubrics)
    outcomes: list[ExampleOutcome] = []
    misordered: list[str] = []
    for rubric in rubrics:
        mine = []
        for index, example in enumerate(rubric.examples):
            result = scorer.score(rubric, example.answer)
            mine.append(ExampleOutcome(rubric_id=rubric.id, index=index, note=example.note,
                                       expected=example.expected_score, band=result.band,
                                       score=result.score))
        if not _ordered(mine):
            misordered.append(rubric.id)
        outcomes.extend(mine)
    n = len(outcomes)
    expected = np.array([o.expected for o in outcomes], dtype=float)
    given = np.array([o.score for o in outcomes], dtype=float)
    rho = float(spearmanr(expected, given)[0]) if n > 2 and expected.std() and given.std() else 0.0
    return CalibrationSummary(
        n=n,
        exact=_share(o.band == o.expected for o in outcomes),
        within_one=_share(abs(o.band - o.expected) <= 1 for o in outcomes),
        spearman=round(rho, 4),
        misordered_rubrics=misordered,
        outcomes=outcomes,
    )


def tier(band: int) -> int:
    """0 weak (1-2), 1 partial (3), 2 strong (4-5)."""
    return 0 if band <= 2 else 1 if band == 3 else 2


def _ordered(outcomes: list[ExampleOutcome]) -> bool:
    return all(
        (a.score > b.score) if tier(a.expected) > tier(b.expected) else (b.score > a.score)
        for a, b in combinations(outcomes, 2)
        if tier(a.expected) != tier(b.expected)
    )


def _share(flags: Iterable[bool]) -> float:
    values = list(flags)
    return round(sum(values) / len(values), 4) if values else 0.0
