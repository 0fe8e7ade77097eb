"""Fusing the four evidence views into one coverage figure per key point.

A linear model on the views and on each view capped at a knee: past the knee, more of the same
evidence adds little (a paraphrase at cosine 0.9 is not twice as good as one at 0.6). It predicts a
grade on a 0-5 scale; coverage maps grade 1 (nothing of worth) to 0 and grade 5 (complete) to 1.

The weights and knees are question-independent: `mockint bench fit` fits them by least squares on a
graded short-answer file (the UNT/Mohler dev split), never on the answers being scored, and prints
the values below. A leave-one-question-out run of the same fit measures how well they transfer to
unseen questions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

VIEWS = ("semantic", "overall", "alignment", "lexical")
GRADE_NOTHING = 1.0
GRADE_COMPLETE = 5.0


@dataclass(frozen=True)
class FusionModel:
    knees: tuple[float, float, float, float]
    weights: tuple[float, ...]
    """Intercept, then for each view its raw and its capped weight."""

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


def coverage(grade: float) -> float:
    return float(np.clip((grade - GRADE_NOTHING) / (GRADE_COMPLETE - GRADE_NOTHING), 0.0, 1.0))


def fit_fusion(features: np.ndarray, grades: np.ndarray) -> FusionModel:
    """Least squares with each knee at the median of its view."""
    knees = tuple(float(k) for k in np.median(features, axis=0))
    model = FusionModel(knees=knees, weights=(0.0,) * (1 + 2 * features.shape[1]))  # type: ignore[arg-type]
    design = model.expand(features)
    weights, *_ = np.linalg.lstsq(design, grades, rcond=None)
    return FusionModel(knees=model.knees, weights=tuple(float(w) for w in weights))


def leave_one_group_out(features: np.ndarray, grades: np.ndarray,
                        groups: Sequence[str]) -> np.ndarray:
    """Predictions for each group from a model fitted on all the other groups."""
    labels = np.array(groups)
    predictions = np.zeros(len(grades))
    for group in np.unique(labels):
        held = labels == group
        model = fit_fusion(features[~held], grades[~held])
        predictions[held] = model.grade(features[held])
    return predictions


DEFAULT_FUSION = FusionModel(
    knees=(0.5517, 0.5679, 0.3821, 0.25),
    weights=(2.1461, 0.6105, -0.8325, 0.3509, 1.0486, 0.1791, 4.3758, 0.3491, -0.9412),
)
