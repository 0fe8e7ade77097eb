"""The model deep-dive round: the candidate's model is the one discussed, and the follow-ups walk
seed 001's probes in order, skipping what the answers already covered."""

import pytest

from bot.engine import Interviewer, Pool, RoundPlan
from bot.engine.kinds import KINDS
from bot.engine.kinds.model_deep_dive import MODELS, PROBES, models_named, rubric_for_answers
from bot.prompts import PromptBook
from bot.rubric.bank import RubricBank
from bot.rubric.model import Round
from tests.bot.engine.conftest import StubScorer, make_track

DEEP_DIVE = RoundPlan(id="dive", kind="model-deep-dive", title="Model deep-dive",
                      subject="one model you know well", questions=1, follow_ups=3,
                      start_difficulty=2,
                      pools=[Pool(round=Round.technical, topics=["model-deep-dive"])])


def dive_track(*before: RoundPlan):  # type: ignore[no-untyped-def]
    bye = make_track().rounds[-1]
    return make_track(rounds=[*before, DEEP_DIVE, bye])


def test_the_kind_is_registered_and_every_model_has_a_rubric_with_the_probed_points(
        bank: RubricBank) -> None:
    assert "model-deep-dive" in KINDS
    in_bank = {r.id for r in bank if r.topic == "model-deep-dive"}
    assert in_bank == set(MODELS), "every per-model rubric needs its model's words, and back"
    assert len(PROBES) == 11
    probed = {point for _, point in PROBES}
    for rubric_id in MODELS:
        points = {kp.id for kp in bank.get(rubric_id).key_points}
        assert probed <= points, (rubric_id, probed - points)


@pytest.mark.parametrize(("text", "expected"), [
    ("I'd rather do random forests, I use them daily", ["random-forest-deep-dive"]),
    ("XGBoost mostly, and sometimes a plain decision tree",
     ["gradient-boosting-deep-dive", "decision-tree-deep-dive"]),
    ("kNN and k-means get confused a lot", ["knn-deep-dive", "k-means-deep-dive"]),
    ("A ResNet-50 fine-tuned on our images", ["cnn-deep-dive"]),
    ("Nothing here names a model: forests of pine and a meaningful tree", []),
])
def test_models_are_recognised_by_the_words_candidates_use(text: str,
                                                            expected: list[str]) -> None:
    assert models_named(text) == expected


def test_the_first_answer_may_swap_the_suggested_model() -> None:
    available = set(MODELS)
    asked = "knn-deep-dive"
    assert rubric_for_answers(asked, [], available) == asked
    assert rubric_for_answers(asked, ["Sure, k-NN predicts from neighbours"], available) == asked
    swapped = ["Can I do random forests instead? They average many trees."]
    assert rubric_for_answers(asked, swapped, available) == "random-forest-deep-dive"
    # a model named only in a later answer (an alternative, a comparison) does not swap
    later = ["It votes over the nearest points.", "An alternative is a random forest."]
    assert rubric_for_answers(asked, later, available) == asked
    # a model without a rubric in the bank is not a swap
    assert rubric_for_answers(asked, ["I'd rather do random forests"], {asked}) == asked


def test_follow_ups_walk_the_probes_in_order_skipping_covered_points(
        bank: RubricBank, prompts: PromptBook) -> None:
    interviewer = Interviewer(bank, {"mini": dive_track()}, prompts, StubScorer())
    state = interviewer.start("mini", seed=1).state
    record = state.open_question()
    assert record is not None and record.asked.rubric_id in MODELS
    # the stub meets key points from the top down: half the score meets problem, overfitting and
    # assumptions, so the first probe is about convergence, the next about data types...
    turn = interviewer.answer(state, "My answer <<50>>")
    record = turn.state.open_question()
    assert record is not None
    assert [f.target for f in record.follow_ups] == ["probe:convergence"]
    assert any("converge" in m or "same model" in m for m in turn.messages)
    state = turn.state
    for _ in range(3):
        state = interviewer.answer(state, "More detail <<50>>").state
    targets = [f.target for f in state.questions()[0].follow_ups]
    assert targets == ["probe:convergence", "probe:data_types", "probe:missing_data"]
    assert state.open_question() is None or state.open_question().asked.round_id != "dive"


def test_a_strong_answer_covering_every_point_gets_no_probe(bank: RubricBank,
                                                           prompts: PromptBook) -> None:
    interviewer = Interviewer(bank, {"mini": dive_track()}, prompts, StubScorer())
    state = interviewer.start("mini", seed=1).state
    state = interviewer.answer(state, "Everything <<100>>").state
    assert not state.questions()[0].follow_ups


def test_the_model_the_candidate_names_is_the_one_scored(bank: RubricBank,
                                                        prompts: PromptBook) -> None:
    stub = StubScorer()
    interviewer = Interviewer(bank, {"mini": dive_track()}, prompts, stub)
    state = interviewer.start("mini", seed=2).state
    asked = state.open_question().asked.rubric_id  # type: ignore[union-attr]
    other = next(r for r in MODELS if r != asked)
    word = MODELS[other][0]
    state = interviewer.answer(state, f"I'd rather talk about {word} <<40>>").state
    assert state.questions()[0].scored.rubric_id == other  # type: ignore[union-attr]
    assert stub.seen[-1][0] == other
    state = interviewer.answer(state, "And a further detail <<45>>").state
    assert stub.seen[-1][0] == other, "follow-ups stay on the chosen model"


def test_a_model_named_earlier_in_the_interview_is_suggested(bank: RubricBank,
                                                            prompts: PromptBook) -> None:
    warm_up = RoundPlan(id="tech", kind="technical", title="Tech", subject="basics",
                        questions=1, follow_ups=0,
                        pools=[Pool(round=Round.technical, topics=["ml-concepts"])])
    interviewer = Interviewer(bank, {"mini": dive_track(warm_up)}, prompts, StubScorer())
    for seed in range(3):
        state = interviewer.start("mini", seed=seed).state
        state = interviewer.answer(state, "At work I mostly train SVMs on sensor data <<70>>").state
        record = state.open_question()
        assert record is not None and record.asked.rubric_id == "svm-deep-dive"


def test_different_seeds_suggest_different_models_when_none_was_named(
        bank: RubricBank, prompts: PromptBook) -> None:
    interviewer = Interviewer(bank, {"mini": dive_track()}, prompts, StubScorer())
    asked = {interviewer.start("mini", seed=s).state.open_question().asked.rubric_id  # type: ignore[union-attr]
             for s in range(8)}
    assert len(asked) > 1 and asked <= set(MODELS)
