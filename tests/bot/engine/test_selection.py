"""Question choice, driven through the stub scorer so each answer's band is known."""

import pytest

from bot.engine import Interviewer, InterviewState, Pool, RoundKind, RoundPlan, Track
from bot.engine.selection import target_difficulty
from bot.prompts import PromptBook
from bot.rubric.bank import RubricBank
from bot.rubric.model import Round
from tests.bot.engine.conftest import StubScorer, make_track

TECH_POOL = Pool(round=Round.technical, topics=["ml-concepts", "ml-algorithms", "metrics"])


def tech_track(**changes: object) -> Track:
    plan = RoundPlan(id="tech", kind=RoundKind.technical, title="Tech", subject="basics",
                     questions=3, follow_ups=0, adaptive=True, start_difficulty=2,
                     pools=[TECH_POOL])
    return make_track(rounds=[plan.model_copy(update=changes)])


def play(interviewer: Interviewer, answers: list[str], track_id: str = "mini", seed: int = 1,
         avoid: tuple[str, ...] | list[str] = ()) -> InterviewState:
    state = interviewer.start(track_id, seed=seed, avoid=avoid).state
    for text in answers:
        if state.status == "finished":
            break
        state = interviewer.answer(state, text).state
    return state


def difficulties(state: InterviewState) -> list[int]:
    return [r.asked.difficulty for r in state.questions()]


@pytest.fixture
def tech(bank: RubricBank, prompts: PromptBook) -> Interviewer:
    return Interviewer(bank, {"mini": tech_track()}, prompts, StubScorer())


def test_strong_answers_lead_to_harder_questions(tech: Interviewer) -> None:
    assert difficulties(play(tech, ["<<95>>"] * 3)) == [2, 3, 3]


def test_weak_answers_lead_to_easier_questions(tech: Interviewer) -> None:
    assert difficulties(play(tech, ["<<10>>"] * 3)) == [2, 1, 1]


def test_middling_answers_keep_the_difficulty(tech: Interviewer) -> None:
    assert difficulties(play(tech, ["<<70>>"] * 3)) == [2, 2, 2]


def test_a_skip_counts_as_weak(tech: Interviewer) -> None:
    assert difficulties(play(tech, ["skip", "<<95>>"])) == [2, 1, 2]


def test_topics_are_balanced_and_nothing_is_asked_twice(tech: Interviewer) -> None:
    state = play(tech, ["<<70>>"] * 3)
    records = state.questions()
    assert len({r.asked.topic for r in records}) == 3
    assert len({r.asked.rubric_id for r in records}) == 3


def test_same_seed_same_questions_other_seeds_vary(tech: Interviewer) -> None:
    runs = {seed: [r.asked.rubric_id for r in play(tech, ["<<70>>"] * 3, seed=seed).questions()]
            for seed in range(5)}
    assert runs[0] == [r.asked.rubric_id for r in play(tech, ["<<70>>"] * 3, seed=0).questions()]
    assert len({tuple(v) for v in runs.values()}) > 1


def test_avoided_questions_are_asked_only_when_nothing_else_is_left(tech: Interviewer) -> None:
    first = [r.asked.rubric_id for r in play(tech, ["<<70>>"] * 3).questions()]
    again = [r.asked.rubric_id for r in play(tech, ["<<70>>"] * 3, avoid=first).questions()]
    assert not set(first) & set(again)


def test_a_used_up_pool_ends_the_round_early(bank: RubricBank, prompts: PromptBook) -> None:
    only = Pool(round=Round.technical, topics=["system-design"], difficulties=[1])
    available = sum(1 for r in bank if only.matches(r))
    assert 0 < available < 3, "the pool must be smaller than the round"
    track = tech_track(pools=[only], questions=3)
    interviewer = Interviewer(bank, {"mini": track}, prompts, StubScorer())
    state = play(interviewer, ["<<70>>"] * 3)
    assert len(state.questions()) == available
    assert state.status == "finished"


@pytest.mark.parametrize(("pitch", "topic"), [
    ("I mostly build inspection systems with OpenCV and YOLO on line cameras.", "computer-vision"),
    ("Most of my work is Spark and SQL pipelines over sensor data.", "data-preprocessing"),
    ("I package models with Docker and run them on Kubernetes.", "system-design"),
])
def test_named_skills_steer_the_first_technical_question(
        bank: RubricBank, prompts: PromptBook, tracks: dict[str, Track], pitch: str,
        topic: str) -> None:
    interviewer = Interviewer(bank, tracks, prompts, StubScorer())
    state = play(interviewer, [f"{pitch} <<95>>", "<<95>>", "<<95>>"], track_id="ml-engineer")
    assert topic in state.skills.topics
    first_technical = next(r for r in state.questions() if r.asked.round_id == "technical")
    assert topic in {first_technical.asked.topic, *first_technical.asked.competencies}


def test_target_stays_within_the_pool(tech: Interviewer) -> None:
    narrow = Pool(round=Round.technical, difficulties=[2, 3])
    plan = tech_track(start_difficulty=1, pools=[narrow]).rounds[0]
    assert target_difficulty(plan, narrow, []) == 2


@pytest.mark.parametrize(("level", "first"), [("junior", 1), ("mid", 2), ("senior", 3), (None, 2)])
def test_the_candidates_level_sets_where_an_adaptive_round_starts(
        tech: Interviewer, level: str | None, first: int) -> None:
    from bot.engine.session_context import SessionContext

    state = tech.start("mini", seed=1, context=SessionContext(level=level)).state  # type: ignore[arg-type]
    assert difficulties(state) == [first]
