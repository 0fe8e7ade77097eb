"""The shipped fusion: monotone in every view, and exactly what `mockint bench fit` produces."""

from __future__ import annotations

import itertools

import numpy as np

from bot.scoring.fusion import (
    DEFAULT_FUSION,
    FEATURES_FILE,
    FUSION_FILE,
    features_hash,
    fit_fusion,
    fitted_on,
    load_features,
    load_fusion,
)

GRID = np.linspace(0.0, 1.0, 11)


def test_more_evidence_for_a_point_never_lowers_its_coverage() -> None:
    model = DEFAULT_FUSION
    for base in itertools.product((0.0, 0.3, 0.6, 0.9), repeat=4):
        for view in range(4):
            rows = np.tile(np.array(base), (len(GRID), 1))
            rows[:, view] = GRID
            coverage = model.point_coverage(rows)
            assert np.all(np.diff(coverage) >= -1e-12), (base, view, coverage)


def test_below_the_nothing_anchor_coverage_fades_instead_of_tying_at_zero() -> None:
    """Weak evidence keeps its order (a trace, never above TRACE) so a contradicted point, which
    earns exactly 0, ranks below a weak one; a point with no evidence at all earns 0."""
    from bot.scoring.fusion import TRACE

    model = DEFAULT_FUSION
    below = np.linspace(model.nothing - 2.0, model.nothing, 9)
    coverage = model.coverage(below)
    assert np.all(np.diff(coverage) > 0) and coverage[0] > 0
    assert np.isclose(coverage[-1], TRACE) and np.all(coverage <= TRACE + 1e-12)
    above = model.coverage(np.array([model.nothing + 0.5 * (model.complete - model.nothing)]))
    assert np.isclose(above[0], 0.5)  # no score above the trace moves
    assert model.point_coverage(np.zeros((1, 4)))[0] == 0.0


def test_the_fit_is_monotone_even_on_data_that_pulls_a_view_the_wrong_way() -> None:
    rng = np.random.default_rng(7)
    features = rng.uniform(0, 1, size=(300, 3, 4))
    grades = 5 * features[:, :, 0].mean(axis=1) - 2 * features[:, :, 3].mean(axis=1)
    model = fit_fusion(features, np.clip(grades, 0, 5), rng.uniform(0, 0.2, size=(300, 3, 4)))
    assert all(w >= 0 for w in model.weights[1:])


def test_shipped_weights_are_what_the_fit_command_produces() -> None:
    features, grades, unrelated, weights = load_features(FEATURES_FILE)
    assert fitted_on(FUSION_FILE)["features_sha256"] == features_hash(FEATURES_FILE)
    refit = fit_fusion(features, grades, unrelated, weights)
    shipped = load_fusion(FUSION_FILE)
    assert np.allclose(refit.knees, shipped.knees)
    assert np.allclose(refit.weights, shipped.weights)
    assert np.isclose(refit.nothing, shipped.nothing)
    assert np.isclose(refit.complete, shipped.complete)
    assert shipped == DEFAULT_FUSION
    assert len(fitted_on(FUSION_FILE)["data_sha256"]) == 64
