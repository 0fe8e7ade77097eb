"""The correctness suite: does the scorer tell a right answer from a fluent wrong one?

`bench/truth/*.yaml` holds, for many rubrics, a correct answer, a fluent wrong answer of similar
length and vocabulary (swapped entities, flipped polarity, a wrong formula, complexity or fact),
and often a short correct answer of 10-25 words, all written from the question alone, the way
candidates talk. The figures: the share of rubrics where the correct answer beats the wrong one by
at least 25 points, the share of wrong answers in band 1-2, of correct answers in band 4-5, and of
short correct answers in band 2 or better.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.errors import InputError
from bot.rubric.bank import RubricBank
from bot.scoring.scorer import Scorer

MARGIN = 25.0
WORST = 8


class TruthCase(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rubric: str
    correct: str = Field(min_length=1)
    wrong: str = Field(min_length=1)
    error: str
    short: str | None = None


class CaseResult(BaseModel):
    rubric: str
    error: str
    correct: float
    correct_band: int
    wrong: float
    wrong_band: int
    short: float | None = None
    short_band: int | None = None

    @property
    def margin(self) -> float:
        return self.correct - self.wrong


def read_suite(folder: Path) -> list[TruthCase]:
    """Every case in the folder's YAML files; raises InputError naming file and field."""
    cases: list[TruthCase] = []
    for path in sorted(folder.glob("*.yaml")):
        for index, raw in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")) or []):
            try:
                cases.append(TruthCase.model_validate(raw))
            except ValidationError as exc:
                field = ".".join(str(p) for p in exc.errors()[0]["loc"])
                raise InputError(field, f"{path.name}[{index}]: {field}: "
                                        f"{exc.errors()[0]['msg']}") from None
    return cases


def run(scorer: Scorer, bank: RubricBank, cases: list[TruthCase]) -> list[CaseResult]:
    results: list[CaseResult] = []
    for case in cases:
        rubric = bank.get(case.rubric)
        right, wrong = scorer.score(rubric, case.correct), scorer.score(rubric, case.wrong)
        short = scorer.score(rubric, case.short) if case.short else None
        results.append(CaseResult(
            rubric=case.rubric, error=case.error,
            correct=right.score, correct_band=right.band,
            wrong=wrong.score, wrong_band=wrong.band,
            short=short.score if short else None, short_band=short.band if short else None,
        ))
    return results


def summarise(results: list[CaseResult]) -> dict[str, object]:
    shorts = [r for r in results if r.short_band is not None]
    n = len(results) or 1

    def share(hits: int, total: int) -> float:
        return round(hits / total, 3) if total else 0.0

    worst = sorted(results, key=lambda r: r.margin)[:WORST]
    return {
        "rubrics": len(results),
        "short_answers": len(shorts),
        "pair_margin_ok": share(sum(r.margin >= MARGIN for r in results), n),
        "wrong_band_le2": share(sum(r.wrong_band <= 2 for r in results), n),
        "correct_band_ge4": share(sum(r.correct_band >= 4 for r in results), n),
        "short_band_ge2": share(sum((r.short_band or 0) >= 2 for r in shorts), len(shorts)),
        "mean_margin": round(sum(r.margin for r in results) / n, 1),
        "worst": [{"rubric": r.rubric, "error": r.error, "correct": r.correct,
                   "wrong": r.wrong, "short": r.short} for r in worst],
    }
