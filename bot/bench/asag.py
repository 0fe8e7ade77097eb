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
from scipy.stats import pearsonr, rankdata, spearmanr

from bot.errors import InputError
from bot.rubric.model import Rubric
from bot.scoring.fusion import (
    FEATURES_FILE,
    FusionModel,
    fit_fusion,
    leave_one_group_out,
    load_features,
    save_features,
    save_fusion,
)
from bot.scoring.scorer import Scorer


class GradedAnswer(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: str | None = None
    question_id: str | None = None
    question: str = Field(min_length=1)
    reference_answer: str = Field(min_length=1)
    answer: str
    score: float | None = Field(default=None, ge=0, le=5)
    label_3way: str | None = None
    """correct / contradictory / incorrect (SciEntsBank) where a file has labels, not grades."""


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
        if record.score is None and record.label_3way is None:
            raise InputError("score", f"{path}:{number}: score: needs a score or a label_3way")
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
    """(key points, views): the fusion is applied per point, so it is fitted per point."""
    unrelated: np.ndarray
    """Views of a good answer to another question, read against this record's rubric."""
    weights: np.ndarray
    baseline: float


def _good(record: GradedAnswer) -> bool:
    if record.score is not None:
        return record.score >= 4
    return record.label_3way == "correct"


def unrelated_answers(records: list[GradedAnswer]) -> list[str]:
    """For each record, a well-graded answer to the next question (in a fixed order)."""
    groups = sorted({group_of(r) for r in records})
    good: dict[str, list[str]] = {g: [] for g in groups}
    for r in records:
        if _good(r) or not good[group_of(r)]:
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


def _views(scorer: Scorer, rubric: Rubric, answer: str) -> tuple[np.ndarray, np.ndarray, float]:
    reading = scorer.read(rubric, answer)
    weights = np.array([kp.point.weight for kp in reading.prepared.key_points])
    features = np.array([e.features() for e in reading.evidence])
    return features, weights, scorer.judge(reading).score


def score_records(scorer: Scorer, records: list[GradedAnswer]) -> Iterator[Scored]:
    rubrics = {group_of(r): rubric_for(r) for r in records}
    scorer.warm(rubrics.values())
    answers = scorer.embedder.embed([r.answer or " " for r in records])
    references = scorer.embedder.embed_cached([r.reference_answer for r in records])
    others = unrelated_answers(records)
    for record, answer, reference, other in zip(records, answers, references, others,
                                                 strict=True):
        rubric = rubrics[group_of(record)]
        features, weights, score = _views(scorer, rubric, record.answer)
        unrelated, _, _ = _views(scorer, rubric, other)
        yield Scored(record, score, features, unrelated, weights, float(answer @ reference))


def correlation(predicted: np.ndarray, grades: np.ndarray) -> dict[str, float]:
    slope, intercept = np.polyfit(predicted, grades, 1)
    rmse = float(np.sqrt(np.mean((slope * predicted + intercept - grades) ** 2)))
    return {
        "pearson": round(float(pearsonr(predicted, grades)[0]), 4),
        "spearman": round(float(spearmanr(predicted, grades)[0]), 4),
        "rmse": round(rmse, 4),
    }


Summary = dict[str, object]


def stack(scored: list[Scored]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per-point views and weights padded to the longest rubric (padding has weight 0)."""
    points = max(len(s.weights) for s in scored)
    views = scored[0].features.shape[1]
    features = np.zeros((len(scored), points, views))
    unrelated = np.zeros_like(features)
    weights = np.zeros((len(scored), points))
    for i, s in enumerate(scored):
        n = len(s.weights)
        features[i, :n], unrelated[i, :n], weights[i, :n] = s.features, s.unrelated, s.weights
    return features, unrelated, weights


def auc(positive: np.ndarray, negative: np.ndarray) -> float:
    """Probability that a positive outranks a negative (ties count half): the ROC AUC."""
    if not len(positive) or not len(negative):
        return float("nan")
    ranks = rankdata(np.concatenate([positive, negative]))
    wins = ranks[: len(positive)].sum() - len(positive) * (len(positive) + 1) / 2
    return round(float(wins / (len(positive) * len(negative))), 4)


def labelled_summary(scored: list[Scored]) -> Summary:
    """ROC AUC of correct vs contradictory and of correct vs the rest, scorer and baseline."""
    labels = np.array([s.record.label_3way for s in scored])
    predicted = np.array([s.predicted for s in scored])
    baseline = np.array([s.baseline for s in scored])
    correct = labels == "correct"
    summary: dict[str, object] = {"n": len(scored),
                                  "questions": len({group_of(s.record) for s in scored})}
    for name, values in (("scorer", predicted), ("baseline", baseline)):
        summary[name] = {
            "auc_correct_vs_contradictory": auc(values[correct], values[labels == "contradictory"]),
            "auc_correct_vs_rest": auc(values[correct], values[~correct]),
        }
    return summary


def benchmark(scorer: Scorer, records: list[GradedAnswer]) -> tuple[Summary, list[Scored]]:
    scored = list(score_records(scorer, records))
    if any(s.record.score is None for s in scored):
        return labelled_summary(scored), scored
    grades = np.array([s.record.score for s in scored])
    predicted = np.array([s.predicted for s in scored])
    features, unrelated, weights = stack(scored)
    groups = [group_of(s.record) for s in scored]
    held_out = leave_one_group_out(features, grades, unrelated, groups, weights)
    summary: dict[str, object] = {"n": len(scored), "questions": len(set(groups))}
    summary.update(correlation(predicted, grades))
    summary["baseline"] = correlation(np.array([s.baseline for s in scored]), grades)
    summary["leave_one_question_out"] = correlation(held_out, grades)
    return summary, scored


def fit(scorer: Scorer, records: list[GradedAnswer],
        write_to: Path | None = None, data: Path | None = None) -> FusionModel:
    """Fits the fusion; with `write_to`, saves it and its inputs with the data's hashes."""
    scored = list(score_records(scorer, records))
    grades = np.array([s.record.score for s in scored], dtype=np.float64)
    features, unrelated, weights = stack(scored)
    if write_to is None:
        return fit_fusion(features, grades, unrelated, weights)
    features_sha = save_features(features, grades, unrelated, weights,
                                 write_to.with_name(FEATURES_FILE.name))
    refit = load_features(write_to.with_name(FEATURES_FILE.name))
    model = fit_fusion(refit[0], refit[1], refit[2], refit[3])
    hashes = {"features_sha256": features_sha}
    if data is not None:
        hashes["data_sha256"] = hashlib.sha256(data.read_bytes()).hexdigest()
    save_fusion(model, hashes, write_to)
    return model


def write_predictions(path: Path, scored: list[Scored]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for s in scored:
            out.write(json.dumps({"id": s.record.id, "score": s.predicted}) + "\n")
