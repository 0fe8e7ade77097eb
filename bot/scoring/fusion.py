"""Fusing the four evidence views into one coverage figure per key point.

A linear model on the views and on each view capped at a knee: past the knee, more of the same
evidence adds little (a paraphrase at cosine 0.9 is not twice as good as one at 0.6). It predicts a
grade on a 0-5 scale. Graders' grades are compressed (on the dev file even an answer to a different
question is predicted about 3.2), so coverage is anchored on two measured grades: 0 is the median
prediction for good answers to *another* question (nothing of this point), 1 the 99th percentile of
predictions for answers that earned full marks (as good as the best answers get).

The weights and knees are question-independent: `mockint bench fit --write` fits them on a graded
short-answer file (the UNT/Mohler dev split), never on the answers being scored, and writes them to
`fusion.json` beside this module with the hash of the data they were fitted on. The fit is
*monotone*: every view enters through columns that never decrease with it and their weights are
bounded at zero from below (non-negative least squares), so more evidence for a point never lowers
its coverage. It is fitted on the unit it is applied to: each key point's views are expanded first
and the expanded columns averaged per answer with the points' weights, exactly as the score
averages the points. A leave-one-question-out run of the same fit measures how well it transfers
to unseen questions.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

FULL_MARKS = 5.0
TRACE = 0.02
"""Coverage at the 'nothing' anchor, fading below it (`coverage`)."""
TRACE_DECAY = 3.0
COMPLETE_PERCENTILE = 99
FUSION_FILE = Path(__file__).with_name("fusion.json")
FEATURES_FILE = Path(__file__).with_name("fusion_features.npz")


@dataclass(frozen=True)
class FusionModel:
    knees: tuple[float, float, float, float]
    weights: tuple[float, ...]
    """Intercept, then for each view its raw and its capped weight."""
    nothing: float = 1.0
    """Predicted grade that means coverage 0."""
    complete: float = 5.0
    """Predicted grade that means coverage 1."""

    def expand(self, features: np.ndarray) -> np.ndarray:
        """Rows of views -> rows of [1, v1, min(v1, k1), v2, min(v2, k2), ...]."""
        features = np.atleast_2d(features)
        capped = np.minimum(features, np.array(self.knees))
        columns = [np.ones(len(features))]
        for i in range(features.shape[1]):
            columns += [features[:, i], capped[:, i]]
        return np.column_stack(columns)

    def grade(self, features: np.ndarray) -> np.ndarray:
        return self.expand(features) @ np.array(self.weights)

    def point_coverage(self, features: np.ndarray) -> np.ndarray:
        """Coverage of each row of views; 0 where every view is 0 (no span spoke for it)."""
        features = np.atleast_2d(features)
        spoken = (features != 0).any(axis=1)
        return np.where(spoken, self.coverage(self.grade(features)), 0.0)

    def coverage(self, grades: np.ndarray) -> np.ndarray:
        """0 at the 'nothing' anchor, 1 at the 'complete' one, linear between; below the anchor
        a trace (at most TRACE, fading exponentially) instead of a flat 0.

        A flat 0 tied every weak answer: one that said something loosely related and one whose
        statement was contradicted (which earns exactly 0 and costs) got the same score, so the
        score could not rank a wrong answer below a weak one. The trace keeps the fused
        evidence's order down there while moving no score above TRACE, and stays monotone.
        """
        span = max(self.complete - self.nothing, 1e-6)
        linear = (np.asarray(grades, dtype=np.float64) - self.nothing) / span
        trace = TRACE * np.exp(TRACE_DECAY * np.minimum(linear, 0.0))
        return np.clip(np.maximum(linear, trace), 0.0, 1.0)


def fit_fusion(features: np.ndarray, grades: np.ndarray, unrelated: np.ndarray,
               weights: np.ndarray | None = None) -> FusionModel:
    """Non-negative least squares on the expanded views, then the two coverage anchors.

    `features` and `unrelated` are per key point: (answers, points, views), with `weights` the
    points' weights (answers, points; zero pads a shorter rubric). `unrelated` holds the views of
    answers to another question read against this one's rubric. Knees sit at each view's median.
    """
    features, unrelated, weights = _per_point(features, unrelated, weights)
    flat = features[weights > 0]
    knees = tuple(float(k) for k in np.median(flat, axis=0))
    blank = FusionModel(knees=knees, weights=(0.0,) * (1 + 2 * features.shape[2]))  # type: ignore[arg-type]
    design = _answer_design(blank, features, weights)
    # A free intercept for NNLS: its positive and negative parts as two columns.
    from scipy.optimize import nnls  # fitting only: the service never loads scipy

    solution, _ = nnls(np.column_stack([design, -design[:, 0]]), grades)
    coefficients = solution[:-1].copy()
    coefficients[0] -= solution[-1]
    model = FusionModel(knees=blank.knees, weights=tuple(float(w) for w in coefficients))
    full = grades >= FULL_MARKS
    best = _answer_design(model, features[full] if full.any() else features,
                          weights[full] if full.any() else weights) @ coefficients
    return FusionModel(
        knees=model.knees,
        weights=model.weights,
        nothing=float(np.median(_answer_design(model, unrelated, weights) @ coefficients)),
        complete=float(np.percentile(best, COMPLETE_PERCENTILE)),
    )


def _per_point(features: np.ndarray, unrelated: np.ndarray,
               weights: np.ndarray | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if features.ndim == 2:  # one row per answer: a single point each
        features, unrelated = features[:, None, :], unrelated[:, None, :]
    if weights is None:
        weights = np.ones(features.shape[:2])
    return features, unrelated, weights


def _answer_design(model: FusionModel, features: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Each answer's expanded columns: per point, then averaged with the points' weights."""
    answers, points, views = features.shape
    expanded = model.expand(features.reshape(answers * points, views)).reshape(answers, points, -1)
    share = weights / np.maximum(weights.sum(axis=1, keepdims=True), 1e-9)
    return np.einsum("ap,apc->ac", share, expanded)


def predict(model: FusionModel, features: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Each answer's weighted coverage, as the scorer computes it (before adjustments)."""
    answers, points, views = features.shape
    coverage = model.point_coverage(features.reshape(answers * points, views))
    share = weights / np.maximum(weights.sum(axis=1, keepdims=True), 1e-9)
    return np.einsum("ap,ap->a", share, coverage.reshape(answers, points))


def leave_one_group_out(features: np.ndarray, grades: np.ndarray, unrelated: np.ndarray,
                        groups: Sequence[str], weights: np.ndarray | None = None) -> np.ndarray:
    """Coverage for each group from a model fitted on all the other groups."""
    features, unrelated, weights = _per_point(features, unrelated, weights)
    labels = np.array(groups)
    predictions = np.zeros(len(grades))
    for group in np.unique(labels):
        held = labels == group
        model = fit_fusion(features[~held], grades[~held], unrelated[~held], weights[~held])
        predictions[held] = predict(model, features[held], weights[held])
    return predictions


def save_fusion(model: FusionModel, fitted_on: dict[str, str], path: Path = FUSION_FILE) -> None:
    """`fitted_on`: the hashes of the graded file and of the feature arrays fitted."""
    record = {**asdict(model), "fitted_on": fitted_on}
    path.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


def load_fusion(path: Path = FUSION_FILE) -> FusionModel:
    record = json.loads(path.read_text(encoding="utf-8"))
    return FusionModel(knees=tuple(record["knees"]), weights=tuple(record["weights"]),
                       nothing=record["nothing"], complete=record["complete"])


def fitted_on(path: Path = FUSION_FILE) -> dict[str, str]:
    return dict(json.loads(path.read_text(encoding="utf-8"))["fitted_on"])


def save_features(features: np.ndarray, grades: np.ndarray, unrelated: np.ndarray,
                  weights: np.ndarray, path: Path = FEATURES_FILE) -> str:
    """The fit's inputs (views per key point, grades): derived numbers, not the graded texts.

    Returns their hash, which `fusion.json` records, so a test can refit from them and check the
    shipped weights are exactly what the command produces.
    """
    np.savez_compressed(path, features=features.astype(np.float64), grades=grades,
                        unrelated=unrelated.astype(np.float64), weights=weights)
    return features_hash(path)


def load_features(path: Path = FEATURES_FILE) -> tuple[np.ndarray, ...]:
    with np.load(path) as data:
        return data["features"], data["grades"], data["unrelated"], data["weights"]


def features_hash(path: Path = FEATURES_FILE) -> str:
    features, grades, unrelated, weights = load_features(path)
    digest = hashlib.sha256()
    for array in (features, grades, unrelated, weights):
        digest.update(np.ascontiguousarray(array, dtype=np.float64).tobytes())
    return digest.hexdigest()


DEFAULT_FUSION = load_fusion()
"""The shipped fit (`fusion.json`, written by `mockint bench fit --write`)."""
