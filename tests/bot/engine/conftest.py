"""Engine fixtures: the real tracks and scorer (memoised), a stub scorer for flow tests, and small
factories for tracks and score results.

Whole interviews use the real model; the memo lets a replay of the same answers (the resume tests)
reuse the scores instead of paying for every scoring twice. Flow tests that only need "a strong
answer" or "a weak answer" use `StubScorer`, which reads the score from a `<<N>>` marker.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest

from bot.engine import Interviewer, Pool, RoundKind, RoundPlan, Track, load_tracks
from bot.prompts import PromptBook
from bot.rubric.bank import RubricBank
from bot.rubric.model import Round, Rubric
from bot.scoring.result import KeyPointResult, ScoreResult, band_for
from bot.scoring.scorer import Scorer
from bot.settings import Settings

MARKER = re.compile(r"<<(\d+)>>")


class MemoScorer:
    """The real scorer, remembering each (rubric, version, answer) it has scored."""

    def __init__(self, scorer: Scorer) -> None:
        self.scorer = scorer
        self.memo: dict[tuple[str, int, str], ScoreResult] = {}
        self.calls = 0

    def score(self, rubric: Rubric, answer: str, earlier: Sequence[str] = ()) -> ScoreResult:
        key = (rubric.id, rubric.version, "\n".join([*earlier, answer]))
        if key not in self.memo:
            self.calls += 1
            self.memo[key] = self.scorer.score(rubric, answer, earlier)
        return self.memo[key]


class StubScorer:
    """Scores the last `<<N>>` in the answer (50 without one); key points met from the top down.

    `<<junk>>` makes the answer a flagged non-answer, as the real scorer does for gibberish.
    """

    def __init__(self) -> None:
        self.seen: list[tuple[str, str]] = []

    def score(self, rubric: Rubric, answer: str, earlier: Sequence[str] = ()) -> ScoreResult:
        answer = "\n".join([*earlier, answer])
        self.seen.append((rubric.id, answer))
        if "<<junk>>" in answer:
            return make_result(rubric, 10.0, flags=["gibberish"])
        marks = MARKER.findall(answer)
        return make_result(rubric, float(marks[-1]) if marks else 50.0)


def make_result(rubric: Rubric, score: float, flags: list[str] | None = None) -> ScoreResult:
    """A score result whose met key points roughly match the score, heaviest missing first."""
    points = rubric.effective_key_points()
    met_count = round(len(points) * score / 100)
    results = [
        KeyPointResult(id=p.id, text=p.text, weight=p.weight, coverage=1.0 if i < met_count else 0,
                       met=i < met_count, evidence="some evidence" if i < met_count else None,
                       semantic=0.0, alignment=0.0, lexical=0.0, follow_up=p.follow_up)
        for i, p in enumerate(points)
    ]
    missing = sorted((r for r in results if not r.met), key=lambda r: -r.weight)
    return ScoreResult(rubric_id=rubric.id, rubric_version=rubric.version, score=score,
                       band=band_for(score), key_points=results, missing=[r.id for r in missing],
                       flags=flags or [], feedback=f"stub feedback {score:g}")


def make_track(**overrides: object) -> Track:
    """A two-round track (technical, wrap-up) narrowed to easy ML-concepts questions."""
    data: dict[str, object] = {
        "id": "mini",
        "title": "Mini",
        "summary": "two quick questions",
        "rounds": [
            RoundPlan(id="tech", kind=RoundKind.technical, title="Tech", subject="some basics",
                      questions=2, follow_ups=1, adaptive=True, start_difficulty=1,
                      pools=[Pool(round=Round.technical, topics=["ml-concepts"])]),
            RoundPlan(id="bye", kind=RoundKind.wrap_up, title="Questions", subject="questions",
                      weight=0),
        ],
    }
    data.update(overrides)
    return Track.model_validate(data)


@pytest.fixture(scope="session")
def tracks(settings: Settings, bank: RubricBank) -> dict[str, Track]:
    return load_tracks(settings.tracks_dir, bank)


@pytest.fixture(scope="session")
def memo_scorer(scorer: Scorer) -> MemoScorer:
    return MemoScorer(scorer)


@pytest.fixture(scope="session")
def interviewer(bank: RubricBank, tracks: dict[str, Track], prompts: PromptBook,
                memo_scorer: MemoScorer) -> Interviewer:
    return Interviewer(bank, tracks, prompts, memo_scorer)


@pytest.fixture
def stub() -> StubScorer:
    return StubScorer()


@pytest.fixture
def mini(bank: RubricBank, prompts: PromptBook, stub: StubScorer) -> Interviewer:
    """An interviewer on the mini track with the stub scorer: fast and fully controllable."""
    return Interviewer(bank, {"mini": make_track()}, prompts, stub)
