"""Short-answer grading benchmark: the interview scorer against human grades.

Each record is scored with a rubric made on the fly from its question and reference answer only,
by the same `Scorer` that scores interviews. The plain baseline (cosine of the whole answer to the
reference) is measured in the same run.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from scipy.stats import pearsonr, spearmanr

from bot.errors import InputError
from bot.rubric.model import Rubric
from bot.scoring.fusion import FusionModel, fit_fusion, leave_one_group_out
from bot.scoring.scorer import Scorer


class GradedAnswer(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: str | None = None
    question_id: str | None = None
    question: str = Field(min_length=1)
    reference_answer: str = Field(min_length=1)
    answer: str
    score: float = Field(ge=0, le=5)


def read_graded(path: Path) -> list[GradedAnswer]:
    """Raises InputError naming the line and field of the first bad record."""
    records: list[GradedAnswer] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = GradedAnswer.model_validate_json(line)
        except ValidationError as exc:
            err = exc.errors()[0]
            field = ".".join(str(p) for p in err["loc"]) or "record"
            raise InputError(field, f"{path}:{number}: {field}: {err['msg']}") from None
        records.append(record if record.id else record.model_copy(update={"id": str(number)}))
    return records


def rubric_for(record: GradedAnswer) -> Rubric:
    digest = hashlib.sha256((record.question + record.reference_answer).encode()).hexdigest()
    return Rubric(id=f"asag-{digest[:12]}", question=record.question,
                  reference_answer=record.reference_answer)


def group_of(record: GradedAnswer) -> str:
    return record.question_id or record.question


@dataclass(frozen=True)
class Scored:
    record: GradedAnswer
    predicted: float
    features: np.ndarray
    unrelated: np.ndarray
    """Views of a good answer to another question, read against this record's rubric."""
    baseline: float


def unrelated_answers(records: list[GradedAnswer]) -> list[str]:
    """For each record, a well-graded answer to the next question (in a fixed order)."""
    groups = sorted({group_of(r) for r in records})
    good: dict[str, list[str]] = {g: [] for g in groups}
    for r in records:
        if r.score >= 4 or not good[group_of(r)]:
            good[group_of(r)].append(r.answer)
    partner = {g: groups[(i + 1) % len(groups)] for i, g in enumerate(groups)}
    seen: dict[str, int] = {}
    chosen = []
    for r in records:
        pool = good[partner[group_of(r)]]
        index = seen.get(group_of(r), 0)
        seen[group_of(r)] = index + 1
        chosen.append(pool[index % len(pool)])
    return chosen


def _views(scorer: Scorer, rubric: Rubric, answer: str) -> tuple[np.ndarray, float]:
    reading = scorer.read(rubric, answer)
    weights = np.array([kp.point.weight for kp in reading.prepared.key_points])
    features = np.array([e.features() for e in reading.evidence])
    return weights @ features / weights.sum(), scorer.judge(reading).score


def score_records(scorer: Scorer, records: list[GradedAnswer]) -> Iterator[Scored]:
    rubrics = {group_of(r): rubric_for(r) for r in records}
    scorer.warm(rubrics.values())
    answers = scorer.embedder.embed([r.answer or " " for r in records])
    references = scorer.embedder.embed_cached([r.reference_answer for r in records])
    others = unrelated_answers(records)
    for record, answer, reference, other in zip(records, answers, references, others,
                                                 strict=True):
        rubric = rubrics[group_of(record)]
        features, score = _views(scorer, rubric, record.answer)
        unrelated, _ = _views(scorer, rubric, other)
        yield Scored(record, score, features, unrelated, float(answer @ reference))


def correlation(predicted: np.ndarray, grades: np.ndarray) -> dict[str, float]:
    slope, intercept = np.polyfit(predicted, grades, 1)
    rmse = float(np.sqrt(np.mean((slope * predicted + intercept - grades) ** 2)))
    return {
        "pearson": round(float(pearsonr(predicted, grades)[0]), 4),
        "spearman": round(float(spearmanr(predicted, grades)[0]), 4),
        "rmse": round(rmse, 4),
    }


Summary = dict[str, object]


def benchmark(scorer: Scorer, records: list[GradedAnswer]) -> tuple[Summary, list[Scored]]:
    scored = list(score_records(scorer, records))
    grades = np.array([s.record.score for s in scored])
    predicted = np.array([s.predicted for s in scored])
    features = np.stack([s.features for s in scored])
    unrelated = np.stack([s.unrelated for s in scored])
    groups = [group_of(s.record) for s in scored]
    held_out = leave_one_group_out(features, grades, unrelated, groups)
    summary: dict[str, object] = {"n": len(scored), "questions": len(set(groups))}
    summary.update(correlation(predicted, grades))
    summary["baseline"] = correlation(np.array([s.baseline for s in scored]), grades)
    summary["leave_one_question_out"] = correlation(held_out, grades)
    return summary, scored


def fit(scorer: Scorer, records: list[GradedAnswer]) -> FusionModel:
    scored = list(score_records(scorer, records))
    return fit_fusion(np.stack([s.features for s in scored]),
                      np.array([s.record.score for s in scored]),
                      np.stack([s.unrelated for s in scored]))


def write_predictions(path: Path, scored: list[Scored]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for s in scored:
            out.write(json.dumps({"id": s.record.id, "score": s.predicted}) + "\n")
