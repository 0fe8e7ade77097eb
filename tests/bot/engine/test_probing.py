"""Follow-up choice in a project deep-dive: story gaps first, each probed once."""

from bot.engine import Interviewer, Pool, RoundKind, RoundPlan
from bot.engine.events import FollowUpAsked
from bot.prompts import PromptBook
from bot.rubric.bank import RubricBank
from bot.rubric.model import Round
from tests.bot.engine.conftest import StubScorer, make_track

PROJECT = RoundPlan(id="project", kind=RoundKind.project, title="Project", subject="a project",
                    questions=1, follow_ups=3, pools=[Pool(round=Round.project)])


def probes(bank: RubricBank, prompts: PromptBook, answers: list[str]) -> list[FollowUpAsked]:
    interviewer = Interviewer(bank, {"mini": make_track(rounds=[PROJECT])}, prompts, StubScorer())
    state = interviewer.start("mini", seed=2).state
    for text in answers:
        state = interviewer.answer(state, text).state
    return [e for e in state.events if isinstance(e, FollowUpAsked)]


def test_story_gaps_are_probed_first_in_order(bank: RubricBank, prompts: PromptBook) -> None:
    asked = probes(bank, prompts, ["We built a model and it was good. <<55>>"] * 4)
    assert [f.target for f in asked] == ["story:ownership", "story:impact", "story:obstacles"]
    assert all(f.text for f in asked)


def test_a_filled_gap_is_not_probed_again(bank: RubricBank, prompts: PromptBook) -> None:
    answers = ["We built a model and it was good. <<55>>",
               "I wrote the training code and cut errors by 20 percent myself. <<55>>",
               "The hard part was label noise, so I relabelled a sample. <<55>>"]
    asked = probes(bank, prompts, answers)
    assert [f.target for f in asked] == ["story:ownership", "story:obstacles", "story:context"]


def test_a_complete_story_falls_back_to_missing_key_points(bank: RubricBank,
                                                           prompts: PromptBook) -> None:
    story = ("At my previous company the plant was losing money on pump failures and my task was "
             "to predict them. I built a LightGBM model; the hard part was leakage, so I split by "
             "time. In the end recall rose from 35 to 74 percent. <<55>>")
    asked = probes(bank, prompts, [story])
    assert asked and not asked[0].target.startswith("story:")
