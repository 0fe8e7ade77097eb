"""Scoring each rubric's sample answers against the band a human grader gave them.

A rubric is misordered when a sample with a higher expected band does not score strictly higher
than one with a lower expected band.
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


def _ordered(outcomes: list[ExampleOutcome]) -> bool:
    return all(
        (a.score > b.score) if a.expected > b.expected else (b.score > a.score)
        for a, b in combinations(outcomes, 2)
        if a.expected != b.expected
    )


def _share(flags: Iterable[bool]) -> float:
    values = list(flags)
    return round(sum(values) / len(values), 4) if values else 0.0
