"""Variety: sessions with different seeds differ; the same seed gives the same interview.

The `ml-engineer` track says so in its file: each pool has several rubrics tied where it starts
and the seed draws among them. Three sessions answered the same way share few questions.
"""

import pytest

from bot.engine import Interviewer, Track
from bot.prompts import PromptBook
from bot.rubric.bank import RubricBank
from tests.bot.engine.conftest import StubScorer

SEEDS = (1, 2, 3)
SHARED_BY_ALL = 2
"""Questions all three sessions ask: at most two of about twelve."""
MEAN_PAIR_SHARE = 1 / 3
"""Two sessions share at most a third of their questions on average: the draws among a few tied
rubrics (three introductions, three tools questions...) coincide by chance now and then."""


def questions(interviewer: Interviewer, track_id: str, seed: int) -> list[str]:
    state = interviewer.start(track_id, seed=seed).state
    while state.status == "in_progress":
        state = interviewer.answer(state, "My answer, with some detail. <<70>>").state
    return [r.asked.rubric_id for r in state.questions()]


@pytest.mark.parametrize("track_id", ["ml-engineer", "ml-engineer-industrial"])
def test_three_seeds_share_few_questions_and_a_seed_repeats_itself(
        bank: RubricBank, tracks: dict[str, Track], prompts: PromptBook, track_id: str) -> None:
    interviewer = Interviewer(bank, tracks, prompts, StubScorer())
    runs = {seed: questions(interviewer, track_id, seed) for seed in SEEDS}
    assert questions(interviewer, track_id, SEEDS[0]) == runs[SEEDS[0]]
    shares = [len(set(runs[a]) & set(runs[b])) / len(runs[a])
              for a in SEEDS for b in SEEDS if a < b]
    assert sum(shares) / len(shares) <= MEAN_PAIR_SHARE, shares
    by_all = set(runs[SEEDS[0]]).intersection(*(runs[seed] for seed in SEEDS[1:]))
    assert len(by_all) <= SHARED_BY_ALL, sorted(by_all)
    openers = {runs[seed][0] for seed in SEEDS}
    assert len(openers) >= 2, "every session opens with the same question"
