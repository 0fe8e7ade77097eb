"""Fusing the four evidence views into one coverage figure per key point.

A linear model on the views and on each view capped at a knee: past the knee, more of the same
evidence adds little (a paraphrase at cosine 0.9 is not twice as good as one at 0.6). It predicts a
grade on a 0-5 scale. Graders' grades are compressed (on the dev file even an answer to a different
question is predicted about 3.2), so coverage is anchored on two measured grades: 0 is the median
prediction for good answers to *another* question (nothing of this point), 1 the 99th percentile of
predictions for answers that earned full marks (as good as the best answers get).

The weights and knees are question-independent: `mockint bench fit` fits them by least squares on a
graded short-answer file (the UNT/Mohler dev split), never on the answers being scored, and prints
the values below. A leave-one-question-out run of the same fit measures how well they transfer to
unseen questions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

FULL_MARKS = 5.0
COMPLETE_PERCENTILE = 99


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

    def coverage(self, grades: np.ndarray) -> np.ndarray:
        span = max(self.complete - self.nothing, 1e-6)
        return np.clip((np.asarray(grades) - self.nothing) / span, 0.0, 1.0)


def fit_fusion(features: np.ndarray, grades: np.ndarray, unrelated: np.ndarray) -> FusionModel:
    """Least squares with each knee at the median of its view, then the two coverage anchors.

    `unrelated` holds the views of answers scored against another question's reference.
    """
    knees = tuple(float(k) for k in np.median(features, axis=0))
    blank = FusionModel(knees=knees, weights=(0.0,) * (1 + 2 * features.shape[1]))  # type: ignore[arg-type]
    weights, *_ = np.linalg.lstsq(blank.expand(features), grades, rcond=None)
    model = FusionModel(knees=blank.knees, weights=tuple(float(w) for w in weights))
    full = grades >= FULL_MARKS
    best = model.grade(features[full] if full.any() else features)
    return FusionModel(
        knees=model.knees,
        weights=model.weights,
        nothing=float(np.median(model.grade(unrelated))),
        complete=float(np.percentile(best, COMPLETE_PERCENTILE)),
    )


def leave_one_group_out(features: np.ndarray, grades: np.ndarray, unrelated: np.ndarray,
                        groups: Sequence[str]) -> np.ndarray:
    """Coverage for each group from a model fitted on all the other groups."""
    labels = np.array(groups)
    predictions = np.zeros(len(grades))
    for group in np.unique(labels):
        held = labels == group
        model = fit_fusion(features[~held], grades[~held], unrelated[~held])
        predictions[held] = model.coverage(model.grade(features[held]))
    return predictions


DEFAULT_FUSION = FusionModel(
    knees=(0.5533, 0.5691, 0.3821, 0.25),
    weights=(1.9239, 0.2509, -0.4013, 0.6055, 1.0983, 0.1416, 4.7797, 0.394, -1.3928),
    nothing=3.3019,
    complete=5.1585,
)
